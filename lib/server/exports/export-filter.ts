import { z } from "zod";
import { generationFilterFields, withoutEmptyFields } from "@/lib/server/generations/generation-filter";

/** An export: the explorer's filter plus a format. */
const exportFilterFields = generationFilterFields.extend({
  format: z.enum(["csv", "jsonl"], "format is csv or jsonl").default("jsonl"),
});

export const exportFilterSchema = z.preprocess(withoutEmptyFields, exportFilterFields);

export type ExportFilter = z.output<typeof exportFilterFields>;
