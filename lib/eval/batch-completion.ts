import type pg from "pg";

/**
 * Marks a running batch finished once nothing is left to do: no pending generation, and every
 * answered generation has a judgment (or a recorded judge failure) for every metric. A batch whose
 * generations all failed is "failed"; otherwise "completed".
 */
export async function settleBatch(db: pg.Pool | pg.ClientBase, batchId: number): Promise<string | null> {
  const { rows } = await db.query<{ status: string }>(
    `WITH g AS (
       SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'done') AS done,
              count(*) FILTER (WHERE status = 'failed') AS failed
         FROM "Generation" WHERE "batchId" = $1
     ), j AS (
       SELECT count(*) AS judged FROM "Judgment" jj JOIN "Generation" gg ON gg.id = jj."generationId"
        WHERE gg."batchId" = $1 AND jj.pass = 0
     )
     UPDATE "Batch" b SET status = CASE WHEN g.done = 0 AND g.failed > 0 THEN 'failed'::"BatchStatus" ELSE 'completed'::"BatchStatus" END,
                          "finishedAt" = now()
       FROM g, j
      WHERE b.id = $1 AND b.status = 'running' AND g.pending = 0 AND j.judged >= g.done * cardinality(b.metrics)
     RETURNING b.status::text AS status`,
    [batchId],
  );
  return rows[0]?.status ?? null;
}
