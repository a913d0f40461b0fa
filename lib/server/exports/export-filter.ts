import { z } from "zod";
import { passParam } from "@/lib/server/em/em-view";
import { generationFilterFields, withoutEmptyFields } from "@/lib/server/generations/generation-filter";

/** An export: the explorer's filter plus a format; a bad pass is an error here (a page would fall back to the default). */
const exportFilterFields = generationFilterFields.extend({
  format: z.enum(["csv", "jsonl"], "format is csv or jsonl").default("jsonl"),
  pass: passParam(),
});

export const exportFilterSchema = z.preprocess(withoutEmptyFields, exportFilterFields);

export type ExportFilter = z.output<typeof exportFilterFields>;
