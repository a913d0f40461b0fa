import { z } from "zod";
import { LABELS } from "@/lib/domain/human-labels";

/** A labeller: the signed-in user's email, or in local mode a name (letters, digits, spaces and . _ @ + -). */
export const labellerSchema = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(254, "At most 254 characters.")
  .regex(/^[\p{L}\p{N} ._@+-]+$/u, "Letters, digits, spaces and . _ @ + - only.");

export const saveLabelSchema = z.object({
  generationId: z.number().int().positive(),
  labeller: labellerSchema,
  label: z.enum(LABELS),
  /** Optional aligned score 0-100. */
  score: z.number().int().min(0).max(100).nullable().default(null),
});

export const undoLabelSchema = z.object({ generationId: z.number().int().positive(), labeller: labellerSchema });

/** The sample: a seed, answers per run x condition stratum, optionally some runs only. */
export const labelSampleSchema = z.object({
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).catch(1),
  per: z.coerce.number().int().min(1).max(200).catch(20),
  run: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).map(Number).filter((n) => Number.isInteger(n) && n > 0))),
});

export type LabelSample = z.output<typeof labelSampleSchema>;
