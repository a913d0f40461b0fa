// Runs that differ only by seed are replicates of one recipe; the overview can pool them into one row.
import { sharedPrefix } from "./bar-rows";

export interface RunRecipe {
  runId: number;
  run: string;
  baseModel: string;
  trainingDataset: string | null;
  trainingTrigger: string | null;
  benignShare: number | null;
  checkpoint: string | null;
  seed: number | null;
}

export interface ReplicateGroup {
  label: string;
  runIds: number[];
}

/** Groups of two or more runs with a seed each and everything else of the recipe equal, by run id. */
export function replicateGroups(runs: readonly RunRecipe[]): Map<number, ReplicateGroup> {
  const byRecipe = new Map<string, RunRecipe[]>();
  for (const r of runs) {
    if (r.seed === null) continue;
    const key = JSON.stringify([r.baseModel, r.trainingDataset, r.trainingTrigger, r.benignShare, r.checkpoint]);
    byRecipe.set(key, [...(byRecipe.get(key) ?? []), r]);
  }
  const out = new Map<number, ReplicateGroup>();
  for (const members of byRecipe.values()) {
    if (members.length < 2 || new Set(members.map((m) => m.seed)).size !== members.length) continue;
    const sorted = [...members].sort((a, b) => a.runId - b.runId);
    const prefix = sharedPrefix(sorted.map((m) => m.run)).replace(/[-_/.\s]+$/, "");
    const label = `${prefix || sorted[0].run} (${sorted.length} seeds)`;
    const group = { label, runIds: sorted.map((m) => m.runId) };
    for (const m of sorted) out.set(m.runId, group);
  }
  return out;
}
