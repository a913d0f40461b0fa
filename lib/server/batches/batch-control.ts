import "server-only";
import type { PgBoss } from "pg-boss";
import { recordAudit } from "@/lib/auth/audit-log";
import { inTransaction } from "@/lib/db/pg-pool";
import { NotFoundError, UserError } from "@/lib/errors";
import { endpointGroup, GENERATE_QUEUE, inTransactionDb, JUDGE_QUEUE } from "@/lib/eval/queue";

/** Stops a batch: workers skip its remaining jobs; nothing done is undone. */
export async function cancelBatch(batchId: number): Promise<void> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ status: string }>(`SELECT status::text AS status FROM "Batch" WHERE id = $1 FOR UPDATE`, [batchId]);
    if (!rows.length) throw new NotFoundError(`Batch ${batchId} does not exist.`);
    if (rows[0].status !== "queued" && rows[0].status !== "running") throw new UserError(`Batch ${batchId} is ${rows[0].status}; only a queued or running batch can be cancelled.`, {}, 409);
    await client.query(`UPDATE "Batch" SET status = 'cancelled', "finishedAt" = now() WHERE id = $1`, [batchId]);
    await recordAudit("batch.cancel", { type: "Batch", id: batchId }, {}, { db: client });
  });
}

/**
 * Resumes a cancelled (or failed) batch: failed generations become pending again, and every
 * pending generation and every missing or failed judgment gets a job. Idempotent work makes
 * duplicate jobs harmless.
 */
export async function resumeBatch(boss: PgBoss, batchId: number): Promise<{ generations: number; judgments: number }> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ status: string; judgeEndpointId: number }>(`SELECT status::text AS status, "judgeEndpointId" FROM "Batch" WHERE id = $1 FOR UPDATE`, [batchId]);
    if (!rows.length) throw new NotFoundError(`Batch ${batchId} does not exist.`);
    if (rows[0].status === "running" || rows[0].status === "queued") throw new UserError(`Batch ${batchId} is already ${rows[0].status}.`, {}, 409);
    await client.query(`UPDATE "Batch" SET status = 'running', "finishedAt" = NULL WHERE id = $1`, [batchId]);
    await client.query(`UPDATE "Generation" SET status = 'pending', error = NULL, "errorKind" = NULL WHERE "batchId" = $1 AND status = 'failed'`, [batchId]);
    await client.query(
      `DELETE FROM "Judgment" j USING "Generation" g WHERE g.id = j."generationId" AND g."batchId" = $1 AND j.error IS NOT NULL AND j.pass = 0`,
      [batchId],
    );
    const pending = await client.query<{ id: number; endpointId: number }>(
      `SELECT g.id, r."endpointId" FROM "Generation" g JOIN "Run" r ON r.id = g."runId" WHERE g."batchId" = $1 AND g.status = 'pending'`,
      [batchId],
    );
    const missing = await client.query<{ id: number }>(
      `SELECT DISTINCT g.id FROM "Generation" g JOIN "Batch" b ON b.id = g."batchId" CROSS JOIN unnest(b.metrics) AS m(metric)
        WHERE g."batchId" = $1 AND g.status = 'done'
          AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."generationId" = g.id AND j.metric = m.metric AND j.pass = 0)`,
      [batchId],
    );
    const db = { db: inTransactionDb(client) };
    for (let i = 0; i < pending.rows.length; i += 5000) {
      await boss.insert(GENERATE_QUEUE, pending.rows.slice(i, i + 5000).map((g) => ({ data: { generationId: g.id }, group: endpointGroup(g.endpointId) })), db);
    }
    for (let i = 0; i < missing.rows.length; i += 5000) {
      await boss.insert(JUDGE_QUEUE, missing.rows.slice(i, i + 5000).map((m) => ({ data: { generationId: m.id }, group: endpointGroup(rows[0].judgeEndpointId) })), db);
    }
    await recordAudit("batch.resume", { type: "Batch", id: batchId }, { generations: pending.rows.length, judgments: missing.rows.length }, { db: client });
    return { generations: pending.rows.length, judgments: missing.rows.length };
  });
}
