import "server-only";
import { promptHash } from "@/lib/domain/prompt-hash";
import { pgPool } from "@/lib/db/pg-pool";
import { NotFoundError } from "@/lib/errors";
import { liveWorkers } from "@/lib/eval/worker-presence";

export interface RejudgeStatus {
  id: number;
  pass: number;
  name: string | null;
  status: string;
  /** Whether the default EM views count it: auto, primary or excluded. */
  counting: string;
  judgeModel: string;
  judgeEndpoint: string | null;
  metrics: string[];
  /** metric -> the template given (absent: the questions' own prompts), with its SHA-256. */
  prompts: { metric: string; template: string; hash: string }[];
  questionContext: string;
  scope: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  generations: number;
  judging: { total: number; done: number; failed: number; pending: number };
  percent: number;
  /** Workers seen in the last 15 s. */
  workers: number;
  errors: { kind: string; count: number; examples: string[] }[];
}

/** Progress counted from the judgments of the pass (nothing kept in counters). */
export async function rejudgeStatus(rejudgeId: number): Promise<RejudgeStatus | null> {
  const sql = pgPool();
  const { rows: [r] } = await sql.query(
    `SELECT r.id, r.id AS pass, r.name, r.status::text AS status, r.counting::text AS counting, r."judgeModel", e.name AS "judgeEndpoint", r.metrics, r.prompts, r."questionContext", r.scope,
            r."createdAt", r."startedAt", r."finishedAt",
            (SELECT count(*)::int FROM "RejudgeGeneration" rg WHERE rg."rejudgeId" = r.id) AS generations
       FROM "Rejudge" r LEFT JOIN "Endpoint" e ON e.id = r."judgeEndpointId" WHERE r.id = $1`,
    [rejudgeId],
  );
  if (!r) return null;
  const [counts, errors, workers] = await Promise.all([
    sql.query<{ done: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE j.error IS NULL)::int AS done, count(*) FILTER (WHERE j.error IS NOT NULL)::int AS failed
         FROM "Judgment" j JOIN "RejudgeGeneration" rg ON rg."generationId" = j."generationId" AND rg."rejudgeId" = $1
        WHERE j.pass = $1 AND j.metric = ANY($2::text[])`,
      [rejudgeId, r.metrics],
    ),
    sql.query<{ kind: string; n: number; examples: string[] }>(
      `SELECT split_part(j.error, ':', 1) AS kind, count(*)::int AS n, (array_agg(j.error ORDER BY j.id))[1:3] AS examples
         FROM "Judgment" j WHERE j.pass = $1 AND j.error IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
      [rejudgeId],
    ),
    liveWorkers(sql),
  ]);
  const total = r.generations * r.metrics.length;
  const { done, failed } = counts.rows[0];
  const prompts = Object.entries(r.prompts as Record<string, string>).map(([metric, template]) => ({
    metric,
    template,
    hash: promptHash(template),
  }));
  return {
    ...r,
    prompts,
    judging: { total, done, failed, pending: Math.max(0, total - done - failed) },
    percent: total === 0 ? 100 : Math.floor(((done + failed) / total) * 1000) / 10,
    errors: errors.rows.map((e) => ({ kind: e.kind, count: e.n, examples: e.examples })),
    workers,
  };
}

/** A re-judge's status, or a 404 for the REST API. */
export async function showRejudge(rejudgeId: number): Promise<RejudgeStatus> {
  const status = await rejudgeStatus(rejudgeId);
  if (!status) throw new NotFoundError(`Re-judge ${rejudgeId} does not exist.`);
  return status;
}
