import type { ConditionKind } from "@/lib/domain/condition-kind";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { describeValue, ImportError } from "./import-error";

/** Judge metrics one file may carry (columns of a CSV, fields of the JSONL records together). */
export const MAX_METRICS = 64;
/** Largest text field (question, answer, system, ...), in characters. */
export const MAX_FIELD_CHARS = 8 * 1024 * 1024;
/** Largest CSV row or JSONL line, in bytes. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** One judged answer as read from an import file, before it becomes Generation + Judgment rows. */
export interface JudgedRecord {
  /** 1-based line where the record starts. */
  line: number;
  questionKey: string;
  question: string;
  answer: string;
  system: string | null;
  /** JSONL only; CSV rows take the import's condition. */
  condition: ConditionKind | null;
  variant: string | null;
  run: string | null;
  sampleIndex: number | null;
  paraphraseIndex: number | null;
  /** metric -> score 0-100, or null when the judge gave no number. */
  scores: Map<string, number | null>;
  /** JSONL only: metric -> the judge's top first-token logprobs, kept for the record. */
  logprobs: Map<string, TopLogprob[]> | null;
  /** Inspect logs only: the tokens the model reported for this answer (output.usage). */
  usage?: { promptTokens: number; completionTokens: number } | null;
}

/**
 * Columns/fields that are neither text we read nor a judge metric (pandas' index, ids, names, and
 * the pass columns of EM Lab's exports: an import's scores are its pass 0).
 */
export const NON_METRIC_FIELDS = new Set(["", "unnamed: 0", "index", "id", "model", "group", "run", "base_model", "aligned_pass", "coherent_pass", "aligned_pass0", "coherent_pass0"]);

/** A decimal number as text (no hex, no Infinity). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const MAX_INT = 2_147_483_647;

/** Text PostgreSQL cannot store (NUL), refused with the place it was found. */
export function checkText(value: string, at: { file: string; line: number; column?: string; field?: string }): string {
  if (value.length > MAX_FIELD_CHARS) throw new ImportError(at, `the text is ${value.length.toLocaleString("en")} characters long; the limit is ${MAX_FIELD_CHARS.toLocaleString("en")}`);
  if (value.includes("\u0000")) throw new ImportError(at, "contains a NUL character, which PostgreSQL text cannot hold");
  return value;
}

/** Refuses a file's metric set once it passes MAX_METRICS (a 1,000,000-column header stops at once). */
export function checkMetricCount(count: number, at: { file: string; line: number }): void {
  if (count > MAX_METRICS) throw new ImportError(at, `more than ${MAX_METRICS} judge metrics (score columns or fields); EM files have a few (aligned, coherent, ...)`);
}

/** A sample or paraphrase index: a whole number that fits the database's integer. */
export function checkIndex(value: number, at: { file: string; line: number; column?: string; field?: string }, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_INT) throw new ImportError(at, `${name} must be a whole number from 0 to ${MAX_INT}`);
  return value;
}

const NULL_WORDS = new Set(["", "nan", "null", "none", "code", "refusal", "n/a", "na"]);

/**
 * A judge score cell. Empty or non-numeric text (CODE, REFUSAL, NaN) is a null score, not an
 * error; a number outside 0-100 is an error.
 */
export function parseScore(raw: unknown, at: { file: string; line: number; column: string }): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number") return checkRange(raw, String(raw), at);
  if (typeof raw !== "string") {
    throw new ImportError(at, `expected a score 0-100 or empty, found ${describeValue(raw)}`);
  }
  if (raw.length > 64) return null; // a long text is not a number (CODE, REFUSAL, a note): a null score
  const text = raw.trim();
  if (NULL_WORDS.has(text.toLowerCase())) return null;
  if (/^[+-]?inf(inity)?$/i.test(text)) throw new ImportError(at, `score ${text} is outside 0-100`); // at most 64 characters (above)
  if (!DECIMAL.test(text)) return null;
  return checkRange(Number(text), text, at);
}

function checkRange(value: number, text: string, at: { file: string; line: number; column: string }): number | null {
  if (Number.isNaN(value)) return null;
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new ImportError(at, `score ${text} is outside 0-100`);
  }
  return value;
}
