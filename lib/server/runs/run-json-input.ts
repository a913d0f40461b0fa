import { z } from "zod";

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const optionalText = (max: number) => text(max).nullable().optional();

/**
 * A run as JSON (REST and CLI). The form's schema (run-input.ts) reads strings from a form; this
 * one reads typed values. benignShare is a fraction 0-1 here (the form takes a percentage).
 */
export const runJsonSchema = z.strictObject({
  name: text(200).min(1, "Name is required."),
  baseModel: text(200).min(1, "Base model is required."),
  trainingDataset: optionalText(500),
  benignShare: z.number().min(0, "Between 0 and 1.").max(1, "Between 0 and 1.").nullable().optional().describe("Share of benign data in training, 0-1"),
  trainingTrigger: optionalText(2000),
  seed: z.number().int("Must be a whole number.").nullable().optional(),
  hyperparameters: z.record(z.string(), z.unknown()).nullable().optional().describe('JSON object, e.g. {"lr": 1e-5, "epochs": 1}'),
  checkpoint: optionalText(500),
  notes: optionalText(10000),
  endpoint: z.union([z.number().int().positive(), text(200).min(1)]).nullable().optional().describe("Endpoint (id or name) that serves the run"),
});

/** An edit: any of the fields; absent ones keep their value, null clears an optional one. */
export const runPatchSchema = runJsonSchema.partial();

export const attachEndpointSchema = z.strictObject({
  endpoint: z.union([z.number().int().positive(), text(200).min(1)]).nullable().describe("Endpoint id or name; null detaches"),
});

export type RunJson = z.output<typeof runJsonSchema>;
export type RunPatch = z.output<typeof runPatchSchema>;
