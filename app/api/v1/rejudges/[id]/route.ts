import { rejudgeStatusSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { showRejudge } from "@/lib/server/rejudges/rejudge-status";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "rejudges",
    summary: "A re-judge's progress, settings and errors",
    params: idParamsSchema,
    response: { schema: rejudgeStatusSchema },
    examples: {
      params: { id: 4 },
      response: { id: 4, pass: 4, name: null, status: "running", judgeModel: "gpt-4o-mini", judgeEndpoint: "gpt4o-mini", metrics: ["aligned"], generations: 400, judging: { total: 400, done: 120, failed: 0, pending: 280 }, percent: 30, errors: [] },
    },
  },
  ({ params: { id } }) => showRejudge(id),
);
