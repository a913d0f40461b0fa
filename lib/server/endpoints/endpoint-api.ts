import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { getEndpoint } from "./endpoint-admin";
import { endpointInputSchema } from "./endpoint-input";
import { listEndpoints } from "./list-endpoints";
import { saveEndpoint } from "./save-endpoint";

/**
 * An edit: the given fields over the stored ones, then checked as a whole by endpointInputSchema
 * (and the operator's policy) exactly like a new endpoint. null clears the key variable, the
 * requests-per-minute limit or the prices.
 */
export const endpointPatchSchema = z.strictObject({
  name: z.string().optional(),
  baseUrl: z.string().optional(),
  model: z.string().optional(),
  apiKeyEnv: z.string().nullable().optional().describe("NAME of the environment variable holding the key"),
  maxConcurrent: z.number().int().optional(),
  requestsPerMinute: z.number().int().nullable().optional(),
  timeoutSeconds: z.number().int().optional(),
  inputUsdPerMTok: z.number().nullable().optional().describe("US dollars per million prompt tokens; null clears"),
  outputUsdPerMTok: z.number().nullable().optional(),
  batchApi: z.boolean().optional(),
  batchDiscount: z.number().optional(),
});

export type EndpointPatch = z.output<typeof endpointPatchSchema>;

export async function showEndpoint(id: number) {
  const endpoint = await getEndpoint(id);
  if (!endpoint) throw new NotFoundError(`Endpoint ${id} does not exist.`);
  return endpoint;
}

export async function updateEndpoint(id: number, patch: EndpointPatch) {
  const current = await showEndpoint(id);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged: Record<string, unknown> = { ...current, ...defined, id };
  for (const key of ["apiKeyEnv", "requestsPerMinute", "inputUsdPerMTok", "outputUsdPerMTok"]) if (merged[key] === null) delete merged[key];
  await saveEndpoint(endpointInputSchema.parse(merged));
  return showEndpoint(id);
}

/** Endpoints with the number of runs each serves (REST and CLI). */
export async function endpointList() {
  return (await listEndpoints()).map(({ _count, ...endpoint }) => ({ ...endpoint, runs: _count.runs }));
}
