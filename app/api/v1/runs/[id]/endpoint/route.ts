import { runDetailExample } from "@/lib/api/examples";
import { runDetailSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { attachEndpoint } from "@/lib/server/runs/run-api";
import { attachEndpointSchema } from "@/lib/server/runs/run-json-input";

export const dynamic = "force-dynamic";

export const PUT = route(
  {
    tag: "runs",
    summary: "Attach the endpoint that serves a run (null detaches)",
    params: idParamsSchema,
    body: attachEndpointSchema,
    response: { schema: runDetailSchema },
    examples: { params: { id: 7 }, body: { endpoint: "vllm" }, response: runDetailExample },
  },
  ({ params: { id }, body }) => attachEndpoint(id, body.endpoint),
);
