import { z } from "zod";

/** An id or a name; `what` names the thing in the message ("the question set"). */
const ref = (what: string) => {
  const message = `Choose ${what} (an id or a name).`;
  return z.union([z.number().int(message).positive(message), z.string().trim().min(1, message)], message);
};
const whole = (field: string, min: number, max: number) =>
  z.number(`${field} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}.`)
    .int(`${field} must be a whole number.`)
    .min(min, `${field} must be at least ${min.toLocaleString("en-US")}.`)
    .max(max, `${field} must be at most ${max.toLocaleString("en-US")}.`);

/** A batch launch, as the launch form, POST /api/v1/batches and `emlab batch launch` send it. */
export const batchInputSchema = z.object({
  name: z.string().trim().max(200).optional(),
  /** Run ids or names; each run must name the endpoint that serves it. */
  runs: z.array(ref("a run"), "runs must be a list of run ids or names").min(1, "Choose at least one run."),
  questionSet: ref("the question set"),
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
    .refine((c) => new Set(c.rephrased.map((r) => r.label)).size === c.rephrased.length, "Rephrasing labels must differ.")
    .default({ none: true, rephrased: [], placement: "prefix" }),
  samplesPerParaphrase: whole("Samples per paraphrase", 1, 10_000).default(1),
  temperature: z.number("Temperature must be a number from 0 to 2.").min(0, "Temperature must be at least 0.").max(2, "Temperature must be at most 2.").default(1),
  topP: z.number("top_p must be a number above 0 and at most 1.").gt(0, "top_p must be above 0.").max(1, "top_p must be at most 1.").default(1),
  maxTokens: whole("Max tokens", 1, 32_768).default(600),
  judge: z.object({
    endpoint: ref("the judge endpoint"),
    /** Defaults to the endpoint's model. */
    model: z.string().trim().min(1).optional(),
    metrics: z.array(z.string().trim().min(1)).min(1).default(["aligned", "coherent"]),
  }),
  maxAttempts: whole("Attempts", 1, 20).default(6),
});

export type BatchInput = z.output<typeof batchInputSchema>;
