import type pg from "pg";

/**
 * Marks a running re-judge finished once every generation of its set has a judgment (or a
 * recorded failure) for every metric in its pass: "failed" when every one failed, else "completed".
 * Returns the status it has now, and whether this call finished it.
 */
export async function settleRejudge(db: pg.Pool | pg.ClientBase, rejudgeId: number): Promise<{ status: string | null; finished: boolean }> {
  const { rows } = await db.query<{ status: string }>(
    `WITH s AS (SELECT count(*) AS n FROM "RejudgeGeneration" WHERE "rejudgeId" = $1),
          j AS (
            SELECT count(*) AS judged, count(*) FILTER (WHERE jj.error IS NULL) AS ok
              FROM "Judgment" jj JOIN "RejudgeGeneration" rg ON rg."generationId" = jj."generationId" AND rg."rejudgeId" = $1
             WHERE jj.pass = $1 AND jj.metric = ANY((SELECT metrics FROM "Rejudge" WHERE id = $1)::text[])
          )
     UPDATE "Rejudge" r SET status = CASE WHEN j.ok = 0 AND j.judged > 0 THEN 'failed'::"BatchStatus" ELSE 'completed'::"BatchStatus" END,
                            "finishedAt" = now()
       FROM s, j
      WHERE r.id = $1 AND r.status = 'running' AND j.judged >= s.n * cardinality(r.metrics)
     RETURNING r.status::text AS status`,
    [rejudgeId],
  );
  if (rows[0]) return { status: rows[0].status, finished: true };
  const now = await db.query<{ status: string }>(`SELECT status::text AS status FROM "Rejudge" WHERE id = $1`, [rejudgeId]);
  return { status: now.rows[0]?.status ?? null, finished: false };
}
