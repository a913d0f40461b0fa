"use server";
import { valueAction } from "@/lib/guard";
import { saveLabelSchema, undoLabelSchema } from "@/lib/server/labels/label-input";
import { saveLabel, undoLabel } from "@/lib/server/labels/label-judgments";

export const saveLabelAction = valueAction(saveLabelSchema, async (input) => {
  await saveLabel(input);
  return { generationId: input.generationId, label: input.label, score: input.score };
}, "researcher");

export const undoLabelAction = valueAction(undoLabelSchema, async (input) => {
  await undoLabel(input);
  return { generationId: input.generationId };
}, "researcher");
