import { z } from "zod";
import { endpointExample } from "@/lib/api/examples";
import { endpointSchema, idResponseSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { endpointList } from "@/lib/server/endpoints/endpoint-api";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";

export const dynamic = "force-dynamic";

const { id: _id, ...endpointFields } = { ...endpointExample, requestsPerMinute: 600 };

export const GET = route(
  {
    tag: "endpoints",
    summary: "OpenAI-compatible endpoints (the key's variable name, never a key)",
    response: { schema: z.array(endpointSchema.extend({ runs: z.number().int().describe("Runs it serves") })) },
    examples: { response: [{ ...endpointExample, runs: 1 }] },
  },
  () => endpointList(),
);

export const POST = route(
  {
    tag: "endpoints",
    role: "admin",
    summary: "Add an endpoint",
    description: "The key variable must be allowed (EMLAB_KEY_… or EMLAB_KEY_VARS); private hosts need EMLAB_ALLOW_PRIVATE_ENDPOINTS=1.",
    body: endpointInputSchema,
    response: { status: 201, schema: idResponseSchema },
    examples: { body: endpointFields, response: { id: 2 } },
  },
  ({ body }) => saveEndpoint(body),
);
