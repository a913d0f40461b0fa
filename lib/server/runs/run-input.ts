import { describeJsonError } from "@/lib/json-error";
import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

const optionalNumber = <T extends z.ZodNumber>(inner: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: "custom", message: "Must be a number." });
        return z.NEVER;
      }
      return n;
    })
    .pipe(inner.nullable());

const hyperparameters = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        ctx.addIssue({ code: "custom", message: 'Must be a JSON object, e.g. {"lr": 1e-5, "epochs": 1}.' });
        return z.NEVER;
      }
      return parsed as Record<string, unknown>;
    } catch (error) {
      const described = describeJsonError(v, error);
      ctx.addIssue({ code: "custom", message: `${described[0].toUpperCase()}${described.slice(1)}; write a JSON object, e.g. {"lr": 1e-5}.` });
      return z.NEVER;
    }
  });

/** A run as entered in the form (all fields are strings); the benign share is a percentage. */
export const runFormSchema = z.object({
  id: optionalNumber(z.number().int().positive()),
  name: z.string().trim().min(1, "Name is required.").max(200, "At most 200 characters."),
  baseModel: z.string().trim().min(1, "Base model is required.").max(200, "At most 200 characters."),
  trainingDataset: optionalText(500),
  benignSharePercent: optionalNumber(z.number().min(0, "Between 0 and 100.").max(100, "Between 0 and 100.")),
  trainingTrigger: optionalText(2000),
  seed: optionalNumber(z.number().int("Must be a whole number.")),
  hyperparameters,
  checkpoint: optionalText(500),
  endpointId: optionalNumber(z.number().int().positive()),
  notes: optionalText(10000),
});

export type RunFormInput = z.output<typeof runFormSchema>;
