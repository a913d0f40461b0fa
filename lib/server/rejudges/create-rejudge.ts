import "server-only";
import type pg from "pg";
import type { PgBoss } from "pg-boss";
import { estimateCost } from "@/lib/domain/cost";
import { recordAudit } from "@/lib/auth/audit-log";
import { estimateRejudge, type RejudgeEstimate } from "@/lib/domain/rejudge-estimate";
import { inTransaction } from "@/lib/db/pg-pool";
import { endpointGroup, inTransactionDb, REJUDGE_QUEUE } from "@/lib/eval/queue";
import type { RejudgeInput } from "./rejudge-input";
import { resolveRejudge, scopeSql, type ResolvedRejudge } from "./rejudge-scope";

/** Requests and tokens the re-judge would use, before anything is written. */
export async function estimateRejudgeInput(client: pg.ClientBase, input: RejudgeInput): Promise<RejudgeEstimate> {
  return estimateOf(await resolveRejudge(client, input));
}

function estimateOf(resolved: ResolvedRejudge): RejudgeEstimate {
  const estimate = estimateRejudge(resolved.generations, resolved.promptChars);
  return { ...estimate, cost: estimateCost([{ endpoint: resolved.judge.name, tokens: estimate, prices: resolved.judge }]) };
}

/**
 * Writes the re-judge and freezes its set of generations, and enqueues one job per generation,
 * in one transaction. Its judgments will carry pass = its id; nothing primary is touched.
 */
export async function createRejudge(boss: PgBoss, input: RejudgeInput): Promise<{ rejudgeId: number; pass: number; generations: number; estimate: RejudgeEstimate }> {
  return inTransaction(async (client) => {
    const resolved = await resolveRejudge(client, input);
    const { rows: [rejudge] } = await client.query<{ id: number }>(
      `INSERT INTO "Rejudge" (name, status, scope, "judgeEndpointId", "judgeModel", metrics, prompts, "questionContext", "maxAttempts")
       VALUES ($1, 'queued', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [input.name ?? null, JSON.stringify(input.scope), resolved.judge.id, resolved.judgeModel, input.judge.metrics, JSON.stringify(input.prompts), input.questionContext, input.maxAttempts],
    );
    const { with: counted, from, where, params } = await scopeSql(client, input.scope);
    const { rows } = await client.query<{ generationId: number }>(
      `${counted} INSERT INTO "RejudgeGeneration" ("rejudgeId", "generationId")
       SELECT $${params.length + 1}, g.id FROM ${from} g WHERE ${where} ORDER BY g.id
       RETURNING "generationId"`,
      [...params, rejudge.id],
    );
    const group = endpointGroup(resolved.judge.id);
    for (let i = 0; i < rows.length; i += 5000) {
      await boss.insert(REJUDGE_QUEUE, rows.slice(i, i + 5000).map((r) => ({ data: { rejudgeId: rejudge.id, generationId: r.generationId }, group })), { db: inTransactionDb(client) });
    }
    await recordAudit("rejudge.launch", { type: "Rejudge", id: rejudge.id }, { name: input.name ?? null, judgeModel: resolved.judgeModel, generations: rows.length }, { db: client });
    return { rejudgeId: rejudge.id, pass: rejudge.id, generations: rows.length, estimate: estimateOf(resolved) };
  });
}
