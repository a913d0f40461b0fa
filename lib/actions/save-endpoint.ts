"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/guard";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";

export const saveEndpointAction = formAction(endpointInputSchema, async (input) => {
  await saveEndpoint(input);
  revalidatePath("/endpoints");
  redirect("/endpoints");
}, "admin");
