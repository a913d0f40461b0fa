"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/guard";
import { runFormSchema } from "@/lib/server/runs/run-input";
import { saveRun } from "@/lib/server/runs/save-run";

export const saveRunAction = formAction(runFormSchema, async (input) => {
  const run = await saveRun(input);
  revalidatePath("/runs");
  redirect(`/runs?saved=${run.id}`);
}, "researcher");
