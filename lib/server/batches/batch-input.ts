import { z } from "zod";

const ref = z.union([z.number().int().positive(), z.string().trim().min(1)]);

/** A batch launch, as the launch form, POST /api/v1/batches and `emlab batch launch` send it. */
export const batchInputSchema = z.object({
  name: z.string().trim().max(200).optional(),
  /** Run ids or names; each run must name the endpoint that serves it. */
  runs: z.array(ref, "runs must be a list of run ids or names").min(1, "Choose at least one run."),
  questionSet: ref,
  /** A subset of the set's question ids; all when absent. */
  questions: z.array(z.string().trim().min(1)).optional(),
  conditions: z
    .object({
      none: z.boolean().default(true),
      /** The exact training trigger; no trigger condition when absent. */
      trigger: z.string().min(1, "The trigger text is empty.").optional(),
      rephrased: z
        .array(z.object({ label: z.string().trim().min(1, "A rephrasing needs a label."), text: z.string().min(1, "A rephrasing needs its text.") }))
        .default([]),
      placement: z.enum(["prefix", "suffix", "system"]).default("prefix"),
    })
    .refine((c) => c.none || c.trigger || c.rephrased.length > 0, "Choose at least one condition.")
    .refine((c) => new Set(c.rephrased.map((r) => r.label)).size === c.rephrased.length, "Rephrasing labels must differ."),
  samplesPerParaphrase: z.number().int().min(1).max(10_000).default(1),
  temperature: z.number().min(0).max(2).default(1),
  topP: z.number().gt(0).max(1).default(1),
  maxTokens: z.number().int().min(1).max(32_768).default(600),
  judge: z.object({
    endpoint: ref,
    /** Defaults to the endpoint's model. */
    model: z.string().trim().min(1).optional(),
    metrics: z.array(z.string().trim().min(1)).min(1).default(["aligned", "coherent"]),
  }),
  maxAttempts: z.number().int().min(1).max(20).default(6),
});

export type BatchInput = z.output<typeof batchInputSchema>;
