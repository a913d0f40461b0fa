import type { ConditionKind } from "@/lib/domain/condition-kind";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { ImportError } from "./import-error";

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
    throw new ImportError(at, `expected a score 0-100 or empty, found ${JSON.stringify(raw)}`);
  }
  const text = raw.trim();
  if (NULL_WORDS.has(text.toLowerCase())) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  return checkRange(value, text, at);
}

function checkRange(value: number, text: string, at: { file: string; line: number; column: string }): number | null {
  if (Number.isNaN(value)) return null;
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new ImportError(at, `score ${text} is outside 0-100`);
  }
  return value;
}
