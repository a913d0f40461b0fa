import { endpointExample } from "@/lib/api/examples";
import { endpointSchema, okResponseSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { deleteEndpoint } from "@/lib/server/endpoints/endpoint-admin";
import { endpointPatchSchema, showEndpoint, updateEndpoint } from "@/lib/server/endpoints/endpoint-api";

export const dynamic = "force-dynamic";

export const GET = route(
  { tag: "endpoints", summary: "One endpoint", params: idParamsSchema, response: { schema: endpointSchema }, examples: { params: { id: 2 }, response: endpointExample } },
  ({ params: { id } }) => showEndpoint(id),
);

export const PATCH = route(
  {
    tag: "endpoints",
    role: "admin",
    summary: "Edit an endpoint",
    description: "Absent fields keep their values; null clears apiKeyEnv or requestsPerMinute. The result is checked like a new endpoint.",
    params: idParamsSchema,
    body: endpointPatchSchema,
    response: { schema: endpointSchema },
    examples: { params: { id: 2 }, body: { model: "my-lora-v2", maxConcurrent: 16 }, response: { ...endpointExample, model: "my-lora-v2", maxConcurrent: 16 } },
  },
  ({ params: { id }, body }) => updateEndpoint(id, body),
);

export const DELETE = route(
  {
    tag: "endpoints",
    role: "admin",
    summary: "Remove an endpoint",
    description: "Runs it served and batches it judged keep their rows, without it.",
    params: idParamsSchema,
    response: { schema: okResponseSchema },
    examples: { params: { id: 2 }, response: { ok: true } },
  },
  async ({ params: { id } }) => {
    await deleteEndpoint(id);
    return { ok: true };
  },
);
