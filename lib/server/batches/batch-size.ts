import "server-only";
import { UserError } from "@/lib/errors";

export const DEFAULT_MAX_BATCH_GENERATIONS = 100_000;

/** EMLAB_MAX_BATCH_GENERATIONS, or 100,000. */
export function maxBatchGenerations(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.EMLAB_MAX_BATCH_GENERATIONS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_BATCH_GENERATIONS;
}

/** Refuses a launch that would create more generations than one batch may hold, naming the count. */
export function checkBatchSize(generations: number, env: Record<string, string | undefined> = process.env): void {
  const max = maxBatchGenerations(env);
  if (generations <= max) return;
  const n = (x: number) => x.toLocaleString("en");
  const message = `This launch would create ${n(generations)} generations; one batch may create at most ${n(max)} (EMLAB_MAX_BATCH_GENERATIONS). Choose fewer runs, questions, conditions or samples, or split it into several batches.`;
  throw new UserError(message, { samplesPerParaphrase: [`${n(generations)} generations in all; the limit is ${n(max)}.`] });
}
