"use server";
import { requestActor } from "@/lib/auth/actor-context";
import { UserError, valueAction } from "@/lib/guard";
import { saveLabelSchema, undoLabelSchema } from "@/lib/server/labels/label-input";
import { saveLabel, undoLabel } from "@/lib/server/labels/label-judgments";

/** Signed in, a user labels (and undoes) under their own email only; local mode takes any name. */
function requireOwnLabeller(labeller: string): void {
  const actor = requestActor();
  if (actor?.kind === "user" && actor.email !== labeller) {
    throw new UserError(`You are signed in as ${actor.email}: labels are saved under that name, not "${labeller}".`, { labeller: [`Use ${actor.email}.`] }, 403);
  }
}

export const saveLabelAction = valueAction(saveLabelSchema, async (input) => {
  requireOwnLabeller(input.labeller);
  await saveLabel(input);
  return { generationId: input.generationId, label: input.label, score: input.score };
}, "researcher");

export const undoLabelAction = valueAction(undoLabelSchema, async (input) => {
  requireOwnLabeller(input.labeller);
  await undoLabel(input);
  return { generationId: input.generationId };
}, "researcher");
