import { z } from "zod";
import { CONDITION_KINDS } from "@/lib/domain/condition-kind";

/** Names and labels: short texts (a field of a million characters is refused, not echoed). */
const optionalText = z
  .string()
  .trim()
  .max(500, "At most 500 characters.")
  .optional()
  .transform((v) => (v ? v : undefined));

const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "true" || v === "on" || v === "1");

/** The fields that come with an uploaded file (Import page and POST /api/v1/imports). */
export const importFieldsSchema = z.object({
  run: optionalText,
  baseModel: optionalText,
  trainingDataset: optionalText,
  condition: z
    .enum(CONDITION_KINDS, "condition is none, trigger or rephrased")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  variant: optionalText,
  questionSet: optionalText,
  judgeModel: optionalText,
  /** Name of a question set (YAML uploads). */
  name: optionalText,
  replace: flag,
});

export type ImportFields = z.output<typeof importFieldsSchema>;
