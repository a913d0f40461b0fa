import "server-only";
import { prisma } from "@/lib/db/prisma";
import { NotFoundError, UserError } from "@/lib/errors";
import { getRun, type RunDetail } from "./get-run";
import type { RunFormInput } from "./run-input";
import type { RunJson, RunPatch } from "./run-json-input";
import { saveRun } from "./save-run";

/** An endpoint named by id or name, as its id; null stays null. */
export async function endpointIdOf(ref: number | string | null): Promise<number | null> {
  if (ref === null) return null;
  const found = await prisma().endpoint.findFirst({ where: typeof ref === "number" ? { id: ref } : { name: ref }, select: { id: true } });
  if (!found) throw new UserError(`Endpoint ${typeof ref === "number" ? ref : `"${ref}"`} does not exist.`, { endpoint: ["No such endpoint."] }, 404);
  return found.id;
}

/** A run as the REST API and `emlab run show` give it: the form's fields plus the endpoint's name. */
export async function showRun(id: number) {
  const run = await getRun(id);
  if (!run) throw new NotFoundError(`Run ${id} does not exist.`);
  const endpoint = run.endpointId === null ? null : await prisma().endpoint.findUnique({ where: { id: run.endpointId }, select: { name: true } });
  return { ...run, endpoint: endpoint?.name ?? null };
}

function formInput(id: number | null, run: Omit<RunDetail, "id" | "endpointId">, endpointId: number | null): RunFormInput {
  return {
    id,
    name: run.name,
    baseModel: run.baseModel,
    trainingDataset: run.trainingDataset ?? null,
    benignSharePercent: run.benignShare === null || run.benignShare === undefined ? null : run.benignShare * 100,
    trainingTrigger: run.trainingTrigger ?? null,
    seed: run.seed ?? null,
    hyperparameters: (run.hyperparameters as Record<string, unknown> | null) ?? null,
    checkpoint: run.checkpoint ?? null,
    endpointId,
    notes: run.notes ?? null,
  };
}

const blank = { trainingDataset: null, benignShare: null, trainingTrigger: null, seed: null, hyperparameters: null, checkpoint: null, notes: null };

/** Creates a run from JSON (the same save as the Runs page's form). */
export async function createRun(input: RunJson) {
  const endpointId = await endpointIdOf(input.endpoint ?? null);
  const { id } = await saveRun(formInput(null, { ...blank, ...input } as Omit<RunDetail, "id" | "endpointId">, endpointId));
  return showRun(id);
}

/** Changes the given fields of a run; the others keep their values. */
export async function updateRun(id: number, patch: RunPatch) {
  const current = await getRun(id);
  if (!current) throw new NotFoundError(`Run ${id} does not exist.`);
  const { endpoint, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const endpointId = endpoint === undefined ? current.endpointId : await endpointIdOf(endpoint);
  await saveRun(formInput(id, { ...current, ...defined } as RunDetail, endpointId));
  return showRun(id);
}

/** Chooses the endpoint that serves a run (null: none). */
export async function attachEndpoint(id: number, endpoint: number | string | null) {
  return updateRun(id, { endpoint });
}
