import "server-only";
import { pgPool } from "@/lib/db/pg-pool";

export interface BatchStatus {
  id: number;
  name: string | null;
  status: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  metrics: string[];
  runs: { id: number; name: string }[];
  generation: { total: number; done: number; failed: number; pending: number };
  judging: { total: number; done: number; failed: number; pending: number };
  /** Generations finished (done or failed) per second over the last minute. */
  throughput: number;
  etaSeconds: number | null;
  percent: number;
  errors: { phase: "generation" | "judging"; kind: string; count: number; examples: string[] }[];
}

/** Progress counted from the rows themselves (no counters to drift after a crash). */
export async function batchStatus(batchId: number): Promise<BatchStatus | null> {
  const sql = pgPool();
  const { rows: [batch] } = await sql.query(
    `SELECT id, name, status::text AS status, "createdAt", "startedAt", "finishedAt", metrics FROM "Batch" WHERE id = $1`,
    [batchId],
  );
  if (!batch) return null;
  const [runs, gens, judgments, recent, genErrors, judgeErrors] = await Promise.all([
    sql.query(`SELECT r.id, r.name FROM "BatchRun" br JOIN "Run" r ON r.id = br."runId" WHERE br."batchId" = $1 ORDER BY r.name`, [batchId]),
    sql.query<{ status: string; n: number }>(`SELECT status::text AS status, count(*)::int AS n FROM "Generation" WHERE "batchId" = $1 GROUP BY 1`, [batchId]),
    sql.query<{ done: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE j.error IS NULL)::int AS done, count(*) FILTER (WHERE j.error IS NOT NULL)::int AS failed
         FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1 AND j.pass = 0`,
      [batchId],
    ),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Generation" WHERE "batchId" = $1 AND "completedAt" > now() - interval '60 seconds'`, [batchId]),
    sql.query<{ kind: string; n: number; examples: string[] }>(
      `SELECT coalesce("errorKind", 'unknown') AS kind, count(*)::int AS n, (array_agg(error ORDER BY id))[1:3] AS examples
         FROM "Generation" WHERE "batchId" = $1 AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC`,
      [batchId],
    ),
    sql.query<{ kind: string; n: number; examples: string[] }>(
      `SELECT split_part(j.error, ':', 1) AS kind, count(*)::int AS n, (array_agg(j.error ORDER BY j.id))[1:3] AS examples
         FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1 AND j.error IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
      [batchId],
    ),
  ]);
  const count = (s: string) => gens.rows.find((r) => r.status === s)?.n ?? 0;
  const generation = { done: count("done"), failed: count("failed"), pending: count("pending"), total: 0 };
  generation.total = generation.done + generation.failed + generation.pending;
  const metrics = batch.metrics as string[];
  const judgeTotal = (generation.done + generation.pending) * metrics.length;
  const judging = { total: judgeTotal, done: judgments.rows[0].done, failed: judgments.rows[0].failed, pending: 0 };
  judging.pending = Math.max(0, judging.total - judging.done - judging.failed);
  const work = generation.total + judging.total;
  const finished = generation.done + generation.failed + judging.done + judging.failed;
  const throughput = recent.rows[0].n / 60;
  return {
    ...batch,
    runs: runs.rows,
    generation,
    judging,
    throughput: Math.round(throughput * 100) / 100,
    etaSeconds: generation.pending === 0 ? (judging.pending === 0 ? 0 : null) : throughput > 0 ? Math.round(generation.pending / throughput) : null,
    percent: work === 0 ? 100 : Math.floor((finished / work) * 1000) / 10,
    errors: [
      ...genErrors.rows.map((e) => ({ phase: "generation" as const, kind: e.kind, count: e.n, examples: e.examples })),
      ...judgeErrors.rows.map((e) => ({ phase: "judging" as const, kind: e.kind, count: e.n, examples: e.examples })),
    ],
  };
}
