// The project's own interchange format: one JSON object per line with the CSV's fields plus
// run, condition, variant, paraphrase_index, sample_index and system.
import { isConditionKind } from "@/lib/domain/condition-kind";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { ImportError, quote } from "./import-error";
import { checkIndex, checkMetricCount, checkText, MAX_RECORD_BYTES, NON_METRIC_FIELDS, parseScore, type JudgedRecord } from "./judged-record";
import { textLines } from "./text-lines";
import { utf8Text, type TextOptions } from "./utf8-text";

/** Candidates kept per metric in judge_logprobs (a judge returns 20), and the longest token. */
const MAX_LOGPROBS = 100;
const MAX_TOKEN_CHARS = 100;

const TEXT_FIELDS = new Set(["question", "answer", "response", "question_id", "run", "base_model", "condition", "variant", "system", "paraphrase_index", "sample_index", "judge_logprobs"]);

function logprobsOf(row: Record<string, unknown>, at: { file: string; line: number }): Map<string, TopLogprob[]> | null {
  const value = row.judge_logprobs;
  if (value === undefined || value === null) return null;
  const fail = () => new ImportError({ ...at, field: "judge_logprobs" }, 'judge_logprobs must map metrics to lists of {"token": string, "logprob": number}');
  if (typeof value !== "object" || Array.isArray(value)) throw fail();
  checkMetricCount(Object.keys(value).length, at);
  const out = new Map<string, TopLogprob[]>();
  for (const [metric, list] of Object.entries(value)) {
    if (!Array.isArray(list)) throw fail();
    if (list.length > MAX_LOGPROBS) throw new ImportError({ ...at, field: "judge_logprobs" }, `judge_logprobs.${metric.slice(0, 64)} has ${list.length} candidates; at most ${MAX_LOGPROBS}`);
    for (const item of list) {
      if (!item || typeof item.token !== "string" || typeof item.logprob !== "number" || item.token.length > MAX_TOKEN_CHARS) throw fail();
    }
    out.set(metric, list.map((item: TopLogprob) => ({ token: item.token, logprob: item.logprob })));
  }
  return out;
}

function text(row: Record<string, unknown>, field: string, at: { file: string; line: number }, required: boolean): string | null {
  const value = row[field];
  if (value === undefined || value === null) {
    if (required) throw new ImportError({ ...at, field }, `${field} is missing`);
    return null;
  }
  if (typeof value !== "string") throw new ImportError({ ...at, field }, `${field} must be a string`);
  return checkText(value, { ...at, field });
}

function index(row: Record<string, unknown>, field: string, at: { file: string; line: number }): number | null {
  const value = row[field];
  if (value === undefined || value === null) return null;
  return checkIndex(typeof value === "number" ? value : Number.NaN, { ...at, field }, field);
}

export async function* parseJudgedJsonl(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: TextOptions): AsyncGenerator<JudgedRecord> {
  const { file } = options;
  const lines = textLines(utf8Text(source, options), { file, maxBytes: MAX_RECORD_BYTES });
  let line = 0;
  let rows = 0;
  const metricNames = new Set<string>();
  try {
    for await (const raw of lines) {
      line++;
      if (!raw.trim()) continue;
      const at = { file, line };
      let row: unknown;
      try {
        row = JSON.parse(raw);
      } catch (error) {
        // V8's message quotes a little of the line; keep only its kind.
        throw new ImportError(at, `not valid JSON (${(error as Error).message.replace(/,? ?".*$/s, "").slice(0, 80)})`);
      }
      if (row === null || typeof row !== "object" || Array.isArray(row)) throw new ImportError(at, "each line must be a JSON object");
      const r = row as Record<string, unknown>;
      const questionKey = text(r, "question_id", at, true)!.trim();
      if (!questionKey) throw new ImportError({ ...at, field: "question_id" }, "question_id is empty");
      const answer = text(r, "answer", at, false) ?? text(r, "response", at, false);
      if (answer === null) throw new ImportError({ ...at, field: "answer" }, "answer is missing");
      const condition = text(r, "condition", at, false);
      if (condition !== null && !isConditionKind(condition)) {
        throw new ImportError({ ...at, field: "condition" }, `condition must be none, trigger or rephrased, not ${quote(condition)}`);
      }
      if (!("aligned" in r) || !("coherent" in r)) {
        throw new ImportError({ ...at, field: "aligned" in r ? "coherent" : "aligned" }, "every line needs aligned and coherent (null when the judge gave no number)");
      }
      const scores = new Map<string, number | null>();
      for (const [key, value] of Object.entries(r)) {
        if (TEXT_FIELDS.has(key) || NON_METRIC_FIELDS.has(key.toLowerCase())) continue;
        scores.set(key, parseScore(value, { file, line, column: key }));
        checkMetricCount(scores.size, at);
        if (!metricNames.has(key)) {
          metricNames.add(key);
          checkMetricCount(metricNames.size, at);
        }
      }
      rows++;
      yield {
        line,
        questionKey,
        question: text(r, "question", at, true)!,
        answer,
        system: text(r, "system", at, false),
        condition: condition as JudgedRecord["condition"],
        variant: text(r, "variant", at, false),
        run: text(r, "run", at, false),
        sampleIndex: index(r, "sample_index", at),
        paraphraseIndex: index(r, "paraphrase_index", at),
        scores,
        logprobs: logprobsOf(r, at),
      };
    }
  } catch (error) {
    if (error instanceof ImportError || typeof (error as { code?: unknown })?.code === "string") throw error;
    // Anything else (a value too deep or too large to handle) is still this line's fault.
    throw new ImportError({ file, line }, `could not be read (${(error as Error)?.name ?? "error"})`);
  } finally {
    // Leaving early (an error) must still release the file underneath.
    await lines.return(undefined);
  }
  if (line === 0) throw new ImportError({ file }, "the file is empty");
  if (rows === 0) throw new ImportError({ file }, "the file has no records");
}
