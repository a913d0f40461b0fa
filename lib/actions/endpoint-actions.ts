"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { valueAction } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { deleteEndpoint, requestEndpointTest, requestModelList } from "@/lib/server/endpoints/endpoint-admin";
import { modelListInputSchema } from "@/lib/server/endpoints/endpoint-input";

export const testEndpointAction = valueAction(idParamsSchema, ({ id }) => requestEndpointTest(id), "admin");

export const deleteEndpointAction = valueAction(idParamsSchema, async ({ id }) => {
  await deleteEndpoint(id);
  revalidatePath("/endpoints");
  redirect("/endpoints");
}, "admin");

export const listModelsAction = valueAction(modelListInputSchema, (target) => requestModelList(target), "admin");
