import "server-only";
import type pg from "pg";
import type { PgBoss } from "pg-boss";
import { recordAudit } from "@/lib/auth/audit-log";
import { renderMessages, type Placement } from "@/lib/domain/prompt-rendering";
import { estimateBatch, type BatchEstimate } from "@/lib/domain/batch-estimate";
import { discounted, estimateCost, type Prices } from "@/lib/domain/cost";
import { copyInto, copyLine } from "@/lib/db/copy-rows";
import { IdBlock } from "@/lib/db/id-block";
import { inTransaction } from "@/lib/db/pg-pool";
import { UserError } from "@/lib/errors";
import { endpointGroup, GENERATE_QUEUE, inTransactionDb } from "@/lib/eval/queue";
import type { BatchInput } from "./batch-input";
import { checkBatchSize } from "./batch-size";

interface RunRef { id: number; name: string; endpointId: number | null; endpoint: string | null; inputUsdPerMTok: number | null; outputUsdPerMTok: number | null }
interface QuestionRow { id: number; key: string; paraphrases: string[]; system: string | null; judgePrompts: Record<string, string> }

const byRef = (ref: number | string) => (typeof ref === "number" ? { column: "id", value: ref } : { column: "name", value: ref });

async function resolve(client: pg.ClientBase, input: BatchInput) {
  const runs: RunRef[] = [];
  const missing: string[] = [];
  for (const ref of input.runs) {
    const { column, value } = byRef(ref);
    const { rows } = await client.query<RunRef>(
      `SELECT r.id, r.name, r."endpointId", e.name AS endpoint, e."inputUsdPerMTok", e."outputUsdPerMTok"
       FROM "Run" r LEFT JOIN "Endpoint" e ON e.id = r."endpointId" WHERE r.${column} = $1`,
      [value],
    );
    if (rows.length) runs.push(rows[0]);
    else missing.push(String(ref));
  }
  if (missing.length) throw new UserError(`Unknown runs: ${missing.join(", ")}.`, { runs: [`Unknown: ${missing.join(", ")}`] });
  const unserved = runs.filter((r) => r.endpointId === null).map((r) => r.name);
  if (unserved.length) throw new UserError(`Runs without an endpoint: ${unserved.join(", ")}. Choose the endpoint that serves each run first.`, { runs: [`No endpoint: ${unserved.join(", ")}`] });

  const set = byRef(input.questionSet);
  const qs = await client.query<{ id: number }>(`SELECT id FROM "QuestionSet" WHERE ${set.column} = $1`, [set.value]);
  if (!qs.rows.length) throw new UserError(`Question set ${input.questionSet} does not exist.`, { questionSet: ["Unknown question set."] });
  let { rows: questions } = await client.query<QuestionRow>(
    `SELECT id, key, paraphrases, system, "judgePrompts" FROM "Question" WHERE "questionSetId" = $1 ORDER BY position`,
    [qs.rows[0].id],
  );
  if (input.questions?.length) {
    const unknown = input.questions.filter((k) => !questions.some((q) => q.key === k));
    if (unknown.length) throw new UserError(`Not in the question set: ${unknown.join(", ")}.`, { questions: [`Unknown: ${unknown.join(", ")}`] });
    questions = questions.filter((q) => input.questions!.includes(q.key));
  }
  const noPrompt = input.judge.metrics.filter((m) => questions.some((q) => !q.judgePrompts[m]));
  if (noPrompt.length) throw new UserError(`The question set has no judge prompt for ${noPrompt.join(", ")} on every question.`, { "judge.metrics": [`No prompt: ${noPrompt.join(", ")}`] });

  const judgeRef = byRef(input.judge.endpoint);
  const judge = await client.query<{ id: number; name: string; model: string; batchApi: boolean; batchDiscount: number } & Prices>(
    `SELECT id, name, model, "inputUsdPerMTok", "outputUsdPerMTok", "batchApi", "batchDiscount" FROM "Endpoint" WHERE ${judgeRef.column} = $1`,
    [judgeRef.value],
  );
  if (!judge.rows.length) throw new UserError(`Judge endpoint ${input.judge.endpoint} does not exist.`, { "judge.endpoint": ["Unknown endpoint."] });
  return { runs, questionSetId: qs.rows[0].id, questions, judge: judge.rows[0] };
}

function conditionsOf(input: BatchInput): { kind: "none" | "trigger" | "rephrased"; variant: string; text: string | null; placement: Placement | null }[] {
  const placement = input.conditions.placement;
  return [
    ...(input.conditions.none ? [{ kind: "none" as const, variant: "", text: null, placement: null }] : []),
    ...(input.conditions.trigger ? [{ kind: "trigger" as const, variant: "", text: input.conditions.trigger, placement }] : []),
    ...input.conditions.rephrased.map((r) => ({ kind: "rephrased" as const, variant: r.label, text: r.text, placement })),
  ];
}

/** Generations the launch creates: runs x paraphrases x conditions x samples. */
function generationCount({ runs, questions }: { runs: RunRef[]; questions: QuestionRow[] }, input: BatchInput): number {
  const paraphrases = questions.reduce((n, q) => n + q.paraphrases.length, 0);
  return runs.length * paraphrases * conditionsOf(input).length * input.samplesPerParaphrase;
}

function estimateFor({ runs, questions, judge }: { runs: RunRef[]; questions: QuestionRow[]; judge: { name: string; batchApi: boolean; batchDiscount: number } & Prices }, input: BatchInput): BatchEstimate {
  checkBatchSize(generationCount({ runs, questions }, input));
  const estimate = estimateBatch({
    runs: runs.length,
    questions,
    conditions: conditionsOf(input).map((c) => c.text),
    samplesPerParaphrase: input.samplesPerParaphrase,
    maxTokens: input.maxTokens,
    metrics: input.judge.metrics.length,
    judgePromptChars: input.judge.metrics.map((m) => Math.max(...questions.map((q) => q.judgePrompts[m]?.length ?? 0))),
  });
  const cost = estimateCost([
    ...runs.map((r) => ({ endpoint: r.endpoint ?? r.name, tokens: estimate.perRunGeneration, prices: r })),
    { endpoint: judge.name, tokens: estimate.judge, prices: judge.batchApi ? discounted(judge, judge.batchDiscount) : judge },
  ]);
  return { ...estimate, cost };
}

/** Requests and tokens the batch will make, for the launch form, before anything is written. */
export async function estimateBatchInput(client: pg.ClientBase, input: BatchInput): Promise<BatchEstimate> {
  return estimateFor(await resolve(client, input), input);
}

/**
 * Writes the batch, its conditions and every pending generation (with the exact messages to
 * send), and enqueues one generation job each, all in one transaction. No request is made here.
 */
export async function createBatch(boss: PgBoss, input: BatchInput): Promise<{ batchId: number; generations: number; estimate: BatchEstimate }> {
  return inTransaction(async (client) => {
    const resolved = await resolve(client, input);
    const { runs, questionSetId, questions, judge } = resolved;
    const estimate = estimateFor(resolved, input);
    const { rows: [batch] } = await client.query<{ id: number }>(
      `INSERT INTO "Batch" (name, status, "questionSetId", "samplesPerParaphrase", temperature, "topP", "maxTokens", "judgeEndpointId", "judgeModel", metrics, "maxAttempts")
       VALUES ($1, 'queued', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [input.name ?? null, questionSetId, input.samplesPerParaphrase, input.temperature, input.topP, input.maxTokens, judge.id, input.judge.model ?? judge.model, input.judge.metrics, input.maxAttempts],
    );
    for (const run of runs) await client.query(`INSERT INTO "BatchRun" ("batchId", "runId") VALUES ($1, $2)`, [batch.id, run.id]);
    const conditions: (ReturnType<typeof conditionsOf>[number] & { id: number })[] = [];
    for (const c of conditionsOf(input)) {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO "Condition" ("batchId", kind, variant, text, placement) VALUES ($1, $2::"ConditionKind", $3, $4, $5::"Placement") RETURNING id`,
        [batch.id, c.kind, c.variant, c.text, c.placement],
      );
      conditions.push({ ...c, id: rows[0].id });
    }

    const ids = new IdBlock(client, `"Generation_id_seq"`);
    const columns = ["id", "runId", "batchId", "conditionId", "questionId", "questionKey", "paraphraseIndex", "sampleIndex", "messages", "status"];
    let total = 0;
    for (const run of runs) {
      const lines: string[] = [];
      const jobs: { data: { generationId: number }; group: { id: string; tier: string } }[] = [];
      const planned: [QuestionRow, number, (typeof conditions)[number], number][] = [];
      for (const q of questions) {
        q.paraphrases.forEach((_, p) => {
          for (const c of conditions) for (let s = 0; s < input.samplesPerParaphrase; s++) planned.push([q, p, c, s]);
        });
      }
      const runIds = await ids.take(planned.length);
      planned.forEach(([q, p, c, s], i) => {
        const messages = renderMessages(q.paraphrases[p], q.system, c);
        lines.push(copyLine([runIds[i], run.id, batch.id, c.id, q.id, q.key, p, s, JSON.stringify(messages), "pending"]));
        jobs.push({ data: { generationId: runIds[i] }, group: endpointGroup(run.endpointId!) });
      });
      await copyInto(client, "Generation", columns, lines);
      for (let i = 0; i < jobs.length; i += 5000) await boss.insert(GENERATE_QUEUE, jobs.slice(i, i + 5000), { db: inTransactionDb(client) });
      total += planned.length;
    }
    await recordAudit("batch.launch", { type: "Batch", id: batch.id }, { name: input.name ?? null, runs: runs.map((r) => r.name), generations: total }, { db: client });
    return { batchId: batch.id, generations: total, estimate };
  });
}
