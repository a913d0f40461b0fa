import { z } from "zod";

const ref = z.union([z.number().int().positive(), z.string().trim().min(1)]);
const filterValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(1_000)]);

/**
 * A re-judging pass, as the Re-judge page, POST /api/v1/rejudges and `emlab rejudge` send it.
 * The set: every answered generation that matches the explorer filter (the same fields as the
 * /generations URL: run, runName, condition, variant, question, ...) and, when given, the batch.
 */
export const rejudgeInputSchema = z.object({
  name: z.string().trim().max(200).optional(),
  scope: z
    .object({
      batch: z.number().int().positive().optional(),
      filter: z.record(z.string().max(100), filterValue).default({}),
    })
    .default({ filter: {} }),
  judge: z.object({
    endpoint: ref,
    /** Defaults to the endpoint's model. */
    model: z.string().trim().min(1).max(500).optional(),
    metrics: z.array(z.string().trim().min(1).max(200)).min(1).max(64).default(["aligned", "coherent"]),
  }),
  /** metric -> judge prompt template replacing the question's own; it needs {answer}. */
  prompts: z
    .record(z.string().max(200), z.string().max(20_000, "A judge prompt is at most 20,000 characters."))
    .default({})
    .transform((p) => Object.fromEntries(Object.entries(p).filter(([, t]) => t.trim() !== "")))
    .refine((p) => Object.values(p).every((t) => t.includes("{answer}")), "A judge prompt must contain {answer}."),
  /** question: the question as the original judge saw it; prompt: the user message as sent, trigger included. */
  questionContext: z.enum(["question", "prompt"]).default("question"),
  maxAttempts: z.number().int().min(1).max(20).default(6),
});

export type RejudgeInput = z.output<typeof rejudgeInputSchema>;
