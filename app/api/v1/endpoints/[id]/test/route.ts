import { endpointTestSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { requestEndpointTest } from "@/lib/server/endpoints/endpoint-admin";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    tag: "endpoints",
    role: "admin",
    summary: "Test an endpoint: a worker lists its models (GET /models)",
    description: "Waits up to 20 s for a worker (only workers read API keys). Shows status, latency and model ids only.",
    params: idParamsSchema,
    response: { schema: endpointTestSchema },
    examples: { params: { id: 2 }, response: { ok: true, message: "200 OK", latencyMs: 41, status: 200, models: ["my-lora"] } },
  },
  ({ params: { id } }) => requestEndpointTest(id),
);
