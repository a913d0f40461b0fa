import { z } from "zod";
import { CONDITION_KINDS } from "@/lib/domain/condition-kind";

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean));

/** Which generations an export covers; every field narrows it (empty = everything). */
export const exportFilterSchema = z.object({
  format: z.enum(["csv", "jsonl"], "format is csv or jsonl").default("jsonl"),
  run: list.optional(),
  condition: list.pipe(z.array(z.enum(CONDITION_KINDS, "condition is none, trigger or rephrased"))).optional(),
  variant: list.optional(),
  question: list.optional(),
});

export type ExportFilter = z.output<typeof exportFilterSchema>;
