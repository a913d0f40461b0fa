import "server-only";
import type { PgBoss } from "pg-boss";
import { recordAudit } from "@/lib/auth/audit-log";
import { inTransaction } from "@/lib/db/pg-pool";
import { NotFoundError, UserError } from "@/lib/errors";
import { endpointGroup, inTransactionDb, REJUDGE_QUEUE } from "@/lib/eval/queue";

/** Stops a re-judge: workers skip its remaining jobs; judgments already made stay. */
export async function cancelRejudge(rejudgeId: number): Promise<void> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ status: string }>(`SELECT status::text AS status FROM "Rejudge" WHERE id = $1 FOR UPDATE`, [rejudgeId]);
    if (!rows.length) throw new NotFoundError(`Re-judge ${rejudgeId} does not exist.`);
    if (rows[0].status !== "queued" && rows[0].status !== "running") throw new UserError(`Re-judge ${rejudgeId} is ${rows[0].status}; only a queued or running re-judge can be cancelled.`, {}, 409);
    await client.query(`UPDATE "Rejudge" SET status = 'cancelled', "finishedAt" = now() WHERE id = $1`, [rejudgeId]);
    await recordAudit("rejudge.cancel", { type: "Rejudge", id: rejudgeId }, {}, { db: client });
  });
}

/**
 * Resumes a cancelled or failed re-judge: its failed judgments are removed (they are retried) and
 * every generation still missing a metric gets a job. Idempotent work makes duplicate jobs harmless.
 */
export async function resumeRejudge(boss: PgBoss, rejudgeId: number): Promise<{ judgments: number }> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ status: string; judgeEndpointId: number | null }>(
      `SELECT status::text AS status, "judgeEndpointId" FROM "Rejudge" WHERE id = $1 FOR UPDATE`,
      [rejudgeId],
    );
    if (!rows.length) throw new NotFoundError(`Re-judge ${rejudgeId} does not exist.`);
    if (rows[0].status === "running" || rows[0].status === "queued") throw new UserError(`Re-judge ${rejudgeId} is already ${rows[0].status}.`, {}, 409);
    if (rows[0].judgeEndpointId === null) throw new UserError(`The judge endpoint of re-judge ${rejudgeId} was deleted.`, {}, 409);
    await client.query(`UPDATE "Rejudge" SET status = 'running', "finishedAt" = NULL WHERE id = $1`, [rejudgeId]);
    await client.query(
      `DELETE FROM "Judgment" j USING "RejudgeGeneration" rg WHERE rg."rejudgeId" = $1 AND j."generationId" = rg."generationId" AND j.pass = $1 AND j.error IS NOT NULL`,
      [rejudgeId],
    );
    const missing = await client.query<{ id: number }>(
      `SELECT rg."generationId" AS id FROM "RejudgeGeneration" rg JOIN "Rejudge" r ON r.id = rg."rejudgeId"
        WHERE rg."rejudgeId" = $1
          AND (SELECT count(*) FROM "Judgment" j WHERE j."generationId" = rg."generationId" AND j.pass = $1 AND j.metric = ANY(r.metrics)) < cardinality(r.metrics)`,
      [rejudgeId],
    );
    const group = endpointGroup(rows[0].judgeEndpointId);
    for (let i = 0; i < missing.rows.length; i += 5000) {
      await boss.insert(REJUDGE_QUEUE, missing.rows.slice(i, i + 5000).map((m) => ({ data: { rejudgeId, generationId: m.id }, group })), { db: inTransactionDb(client) });
    }
    await recordAudit("rejudge.resume", { type: "Rejudge", id: rejudgeId }, { judgments: missing.rows.length }, { db: client });
    return { judgments: missing.rows.length };
  });
}
