import { z } from "zod";
import { questionSetSummarySchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { questionSetList } from "@/lib/server/imports/list-imports";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "question-sets",
    summary: "Question sets with their number of questions",
    response: { schema: z.array(questionSetSummarySchema) },
    examples: { response: [{ id: 1, name: "first_plot_questions", source: "prisma/seed/em-public/questions/first_plot_questions.yaml", createdAt: "2026-11-27T20:00:00.000Z", questions: 8 }] },
  },
  () => questionSetList(),
);
