import "server-only";
import { liveWorkers } from "@/lib/eval/worker-presence";
import { pgPool } from "@/lib/db/pg-pool";
import { NotFoundError } from "@/lib/errors";
import { batchTiming } from "@/lib/domain/batch-timing";
import { conditionSeries, compareSeries } from "@/lib/domain/condition-series";
import { DEFAULT_DEFINITION, DEFAULT_THRESHOLDS } from "@/lib/domain/em-definitions";
import { emEstimate, type EmEstimate } from "@/lib/domain/em-estimate";
import { groupRows } from "@/lib/domain/group-rows";
import { SPEND_COLUMNS, spendSummary, sumSpend, type SpendRow, type SpendSummary } from "@/lib/server/costs/spend";
import { questionCountRows, toQuestionCell } from "@/lib/server/em/question-cells";

export interface ProviderBatchState {
  id: number;
  remoteId: string | null;
  status: string;
  requests: number;
  completed: number;
  failed: number;
  error: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  finishedAt: Date | null;
}

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
  /** Generations finished (done or failed) per second over the last minute (or since the start, if shorter). */
  throughput: number | null;
  etaSeconds: number | null;
  elapsedSeconds: number | null;
  config: {
    questionSet: string;
    samplesPerParaphrase: number;
    temperature: number;
    topP: number;
    maxTokens: number;
    maxAttempts: number;
    judge: string;
    conditions: { kind: string; variant: string; placement: string | null; text: string | null }[];
  };
  /** Judging through the provider's Batch API: each provider batch's state. */
  providerBatches: ProviderBatchState[];
  /** What the batch has cost so far, from the usage the endpoints reported. */
  spend: SpendSummary;
  /** Live EM (betley, default thresholds) per run and condition, question-clustered intervals. */
  em: { run: string; label: string; key: string; estimate: EmEstimate }[];
  percent: number;
  /** Workers seen in the last 15 s: none while the batch is live means nothing is working on it. */
  workers: number;
  errors: { phase: "generation" | "judging"; kind: string; count: number; examples: string[] }[];
}

/** Progress counted from the rows themselves (no counters to drift after a crash). */
export async function batchStatus(batchId: number): Promise<BatchStatus | null> {
  const sql = pgPool();
  const { rows: [batch] } = await sql.query(
    `SELECT b.id, b.name, b.status::text AS status, b."createdAt", b."startedAt", b."finishedAt", b.metrics,
            b."samplesPerParaphrase", b.temperature, b."topP", b."maxTokens", b."maxAttempts", b."judgeModel",
            qs.name AS "questionSet", e.name AS "judgeEndpoint", e.model AS "judgeEndpointModel"
       FROM "Batch" b JOIN "QuestionSet" qs ON qs.id = b."questionSetId" LEFT JOIN "Endpoint" e ON e.id = b."judgeEndpointId"
      WHERE b.id = $1`,
    [batchId],
  );
  if (!batch) return null;
  const [runs, gens, judgments, recent, genErrors, judgeErrors, conditions, emRows, providerBatches, workers] = await Promise.all([
    sql.query(`SELECT r.id, r.name FROM "BatchRun" br JOIN "Run" r ON r.id = br."runId" WHERE br."batchId" = $1 ORDER BY r.name`, [batchId]),
    sql.query<{ status: string; n: number } & SpendRow>(
      `SELECT status::text AS status, count(*)::int AS n, ${SPEND_COLUMNS("")} FROM "Generation" WHERE "batchId" = $1 GROUP BY 1`,
      [batchId],
    ),
    sql.query<{ done: number; failed: number } & SpendRow>(
      `SELECT count(*) FILTER (WHERE j.error IS NULL)::int AS done, count(*) FILTER (WHERE j.error IS NOT NULL)::int AS failed, ${SPEND_COLUMNS("j.")}
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
         FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1 AND j.error IS NOT NULL AND j.pass = 0 GROUP BY 1 ORDER BY 2 DESC`,
      [batchId],
    ),
    sql.query<{ kind: string; variant: string; placement: string | null; text: string | null }>(
      `SELECT kind::text AS kind, variant, placement::text AS placement, text FROM "Condition" WHERE "batchId" = $1 ORDER BY id`,
      [batchId],
    ),
    questionCountRows({ groupBy: ["run", "condition", "variant"], definition: DEFAULT_DEFINITION, thresholds: DEFAULT_THRESHOLDS, batchIds: [batchId], scoring: 0 }),
    sql.query<ProviderBatchState>(
      `SELECT id, "remoteId", status, requests, completed, failed, error, "createdAt", "submittedAt", "finishedAt"
         FROM "ProviderBatch" WHERE "batchId" = $1 ORDER BY id`,
      [batchId],
    ),
    liveWorkers(sql),
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
  const timing = batchTiming({
    startedAt: batch.startedAt,
    finishedAt: batch.finishedAt,
    now: new Date(),
    finishedInWindow: recent.rows[0].n,
    pendingGenerations: generation.pending,
    pendingJudgments: judging.pending,
  });
  const em = [...groupRows(emRows, (r) => `${r.runId}\u0000${conditionSeries(r.condition!, r.variant).key}`).values()]
    .map((rows) => ({ rows, series: conditionSeries(rows[0].condition!, rows[0].variant) }))
    .sort((a, b) => a.rows[0].run!.localeCompare(b.rows[0].run!) || compareSeries(a.series, b.series))
    .map(({ rows, series }) => ({ run: rows[0].run!, label: series.label, key: series.key, estimate: emEstimate(rows.map(toQuestionCell)) }));
  return {
    id: batch.id,
    name: batch.name,
    status: batch.status,
    createdAt: batch.createdAt,
    startedAt: batch.startedAt,
    finishedAt: batch.finishedAt,
    metrics,
    runs: runs.rows,
    generation,
    judging,
    throughput: timing.rate,
    etaSeconds: timing.etaSeconds,
    elapsedSeconds: timing.elapsedSeconds,
    config: {
      questionSet: batch.questionSet,
      samplesPerParaphrase: batch.samplesPerParaphrase,
      temperature: batch.temperature,
      topP: batch.topP,
      maxTokens: batch.maxTokens,
      maxAttempts: batch.maxAttempts,
      judge: batch.judgeEndpoint ? `${batch.judgeEndpoint} (${batch.judgeModel ?? batch.judgeEndpointModel})` : (batch.judgeModel ?? "none"),
      conditions: conditions.rows,
    },
    em,
    providerBatches: providerBatches.rows,
    spend: spendSummary(sumSpend(gens.rows.filter((r) => r.status === "done")), sumSpend(judgments.rows)),
    percent: work === 0 ? 100 : Math.floor((finished / work) * 1000) / 10,
    workers,
    errors: [
      ...genErrors.rows.map((e) => ({ phase: "generation" as const, kind: e.kind, count: e.n, examples: e.examples })),
      ...judgeErrors.rows.map((e) => ({ phase: "judging" as const, kind: e.kind, count: e.n, examples: e.examples })),
    ],
  };
}

/** A batch's status, or a 404 for the REST API and the CLI. */
export async function showBatch(batchId: number): Promise<BatchStatus> {
  const status = await batchStatus(batchId);
  if (!status) throw new NotFoundError(`Batch ${batchId} does not exist.`);
  return status;
}
