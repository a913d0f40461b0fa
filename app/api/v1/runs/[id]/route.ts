import { runDetailExample } from "@/lib/api/examples";
import { runDetailSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { showRun, updateRun } from "@/lib/server/runs/run-api";
import { runPatchSchema } from "@/lib/server/runs/run-json-input";

export const dynamic = "force-dynamic";

export const GET = route(
  { tag: "runs", summary: "One run", params: idParamsSchema, response: { schema: runDetailSchema }, examples: { params: { id: 7 }, response: runDetailExample } },
  ({ params: { id } }) => showRun(id),
);

export const PATCH = route(
  {
    tag: "runs",
    summary: "Edit a run",
    description: "Absent fields keep their values; null clears an optional one.",
    params: idParamsSchema,
    body: runPatchSchema,
    response: { schema: runDetailSchema },
    examples: { params: { id: 7 }, body: { checkpoint: "step-500", notes: "re-trained with 3 epochs" }, response: { ...runDetailExample, checkpoint: "step-500", notes: "re-trained with 3 epochs" } },
  },
  ({ params: { id }, body }) => updateRun(id, body),
);
