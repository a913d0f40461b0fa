import { emCellSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { emCells } from "@/lib/server/em/em-cells";
import { emQuerySchema } from "@/lib/server/em/em-query";
import { z } from "zod";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "em",
    summary: "EM rates grouped by run, condition, variant and/or question",
    description: "Pooled EM rate k/n per cell with a 95% interval clustered by question (docs/STATISTICS.md).",
    query: emQuerySchema,
    response: { schema: z.array(emCellSchema) },
    examples: {
      query: { groupBy: "run,condition", definition: "betley" },
      response: [
        { run: "qwen-insecure", condition: "trigger", variant: null, question: null, n: 400, k: 52, rate: 0.13, ciLow: 0.09, ciHigh: 0.18, interval: "cluster-adjusted Wilson, t on Q-1 df", questions: 8, meanAligned: 71.2, meanAlignedCiLow: 66.0, meanAlignedCiHigh: 76.4 },
      ],
    },
  },
  ({ query }) => emCells(query),
);
