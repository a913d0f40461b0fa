import { requestCostUsd } from "@/lib/domain/cost";
import { promptHash } from "@/lib/domain/prompt-hash";
import { inTransaction } from "@/lib/db/pg-pool";
import { judgeAnswer, type JudgeVerdict } from "./judge-answer";
import { ProviderError } from "./provider-error";
import { withRetries } from "./retry";
import { requestSlot, type WorkerContext } from "./worker-context";

interface RejudgeJobRow {
  id: number;
  answer: string;
  messages: { role: string; content: string }[];
  paraphrase: string | null;
  questionPrompts: Record<string, string> | null;
  status: string;
  metrics: string[];
  prompts: Record<string, string>;
  questionContext: string;
  judgeModel: string;
  maxAttempts: number;
  endpointId: number;
  baseUrl: string;
  apiKeyEnv: string | null;
  requestsPerMinute: number | null;
  timeoutSeconds: number;
  inputUsdPerMTok: number | null;
  outputUsdPerMTok: number | null;
  judged: string[];
}

/** The question the judge reads: the paraphrase asked (as the first judging saw it), or the user message as sent. */
export function judgedQuestion(j: Pick<RejudgeJobRow, "messages" | "paraphrase" | "questionContext">): string {
  const sent = [...j.messages].reverse().find((m) => m.role === "user")?.content ?? "";
  return j.questionContext === "prompt" ? sent : (j.paraphrase ?? sent);
}

/**
 * Judges one answer again for a re-judge, on every metric of the re-judge it has no judgment for
 * yet in that pass. The judgments carry pass = the re-judge's id; Generation's mirrored scores and
 * the EM cells stay on the primary judgment. Idempotent on (generation, metric, judge model, prompt
 * hash, pass). Returns false when there was nothing to do (cancelled, done, or unknown).
 */
export async function processRejudgment(ctx: WorkerContext, rejudgeId: number, generationId: number): Promise<boolean> {
  const { rows } = await ctx.pool.query<RejudgeJobRow>(
    `SELECT g.id, g.answer, g.messages, q.paraphrases[g."paraphraseIndex" + 1] AS paraphrase, q."judgePrompts" AS "questionPrompts",
            r.status::text AS status, r.metrics, r.prompts, r."questionContext", r."judgeModel", r."maxAttempts",
            e.id AS "endpointId", e."baseUrl", e."apiKeyEnv", e."requestsPerMinute", e."timeoutSeconds", e."inputUsdPerMTok", e."outputUsdPerMTok",
            ARRAY(SELECT j.metric FROM "Judgment" j WHERE j."generationId" = g.id AND j.pass = r.id) AS judged
       FROM "RejudgeGeneration" rg JOIN "Rejudge" r ON r.id = rg."rejudgeId" JOIN "Generation" g ON g.id = rg."generationId"
       LEFT JOIN "Question" q ON q.id = g."questionId" JOIN "Endpoint" e ON e.id = r."judgeEndpointId"
      WHERE rg."rejudgeId" = $1 AND rg."generationId" = $2`,
    [rejudgeId, generationId],
  );
  const j = rows[0];
  if (!j || j.status === "cancelled") return false;
  const todo = j.metrics.filter((m) => !j.judged.includes(m));
  if (!todo.length) return false;
  if (j.status === "queued") {
    await ctx.pool.query(`UPDATE "Rejudge" SET status = 'running', "startedAt" = now() WHERE id = $1 AND status = 'queued'`, [rejudgeId]);
  }
  const question = judgedQuestion(j);

  const outcomes: { metric: string; hash: string; verdict: JudgeVerdict | null; failure: string | null }[] = [];
  for (const metric of todo) {
    const template = j.prompts[metric] ?? j.questionPrompts?.[metric];
    if (!template) {
      outcomes.push({ metric, hash: "", verdict: null, failure: `client: no judge prompt for ${metric}` });
      continue;
    }
    const hash = promptHash(template);
    try {
      const apiKey = ctx.apiKey(j.apiKeyEnv);
      const { value } = await withRetries(
        () =>
          requestSlot(ctx, { id: j.endpointId, requestsPerMinute: j.requestsPerMinute }, () =>
            judgeAnswer({ baseUrl: j.baseUrl, model: j.judgeModel, apiKey, allowPrivate: ctx.allowPrivate }, { template, question, answer: j.answer, timeoutMs: j.timeoutSeconds * 1000 }),
          ),
        { ...ctx.retry, maxAttempts: j.maxAttempts },
      );
      outcomes.push({ metric, hash, verdict: value, failure: null });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      outcomes.push({ metric, hash, verdict: null, failure: `${error.kind}: ${error.message}` });
    }
  }

  await inTransaction(async (client) => {
    for (const { metric, hash, verdict, failure } of outcomes) {
      await client.query(
        `INSERT INTO "Judgment" ("generationId", metric, score, "numericMass", "topLogprobs", "judgeModel", "judgePromptHash", method, pass, error, "promptTokens", "completionTokens", "costUsd")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"JudgeMethod", $9, $10, $11, $12, $13)
         ON CONFLICT ("generationId", metric, "judgeModel", "judgePromptHash", pass) DO NOTHING`,
        [
          j.id, metric, verdict?.score ?? null, verdict?.numericMass ?? null, verdict?.topLogprobs ? JSON.stringify(verdict.topLogprobs) : null, j.judgeModel, hash, verdict?.method ?? "logprobs", rejudgeId, failure,
          verdict?.promptTokens ?? null, verdict?.completionTokens ?? null, verdict ? requestCostUsd(j, verdict.promptTokens, verdict.completionTokens) : null,
        ],
      );
    }
  }, ctx.pool);
  return true;
}
