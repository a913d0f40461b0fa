// Inspect AI score values as EM Lab judge scores (0-100, or null for no number).
import { describeValue, ImportError, type ImportErrorLocation } from "./import-error";
import { parseScore } from "./judged-record";

/** EM's own metrics: a scorer (or a dictionary key) with one of these names feeds the EM rate. */
export const EM_METRICS = new Set(["aligned", "coherent"]);

/**
 * Inspect's letter grades and words, as its value_to_float reads them, on 0-100: CORRECT "C"
 * 100, INCORRECT "I" 0, PARTIAL "P" 50, NOANSWER "N" 0; yes/true 100, no/false 0.
 */
const WORDS = new Map<string, number>([
  ["c", 100],
  ["i", 0],
  ["p", 50],
  ["n", 0],
  ["yes", 100],
  ["true", 100],
  ["no", 0],
  ["false", 0],
]);

/** One scalar: a number 0-100 as it is, a grade or word as above, other text null (no number). */
function scalar(value: unknown, at: ImportErrorLocation): number | null {
  if (typeof value === "boolean") return value ? 100 : 0;
  if (typeof value === "string") {
    const word = WORDS.get(value.trim().toLowerCase());
    if (word !== undefined) return word;
  }
  if (value !== null && typeof value === "object") throw new ImportError(at, `expected a score, found ${describeValue(value)}`);
  // parseScore names a CSV column; here the location names the sample and the score's field.
  return parseScore(value, at as ImportErrorLocation & { line: number; column: string });
}

/**
 * A sample's `scores` ({scorer: {value, answer?, explanation?, ...}}) as metric -> score. A
 * dictionary value gives one metric per key: `aligned` and `coherent` keep their names (so an EM
 * scorer that returns both is EM-countable), other keys become `scorer.key`; a list gives
 * `scorer.0`, `scorer.1`, ...
 */
export function inspectScores(scores: unknown, at: ImportErrorLocation): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (scores === undefined || scores === null) return out;
  if (typeof scores !== "object" || Array.isArray(scores)) throw new ImportError({ ...at, field: "scores" }, "scores must map scorer names to scores");
  for (const [scorer, score] of Object.entries(scores as Record<string, unknown>)) {
    const value = score !== null && typeof score === "object" && !Array.isArray(score) && "value" in score ? (score as { value: unknown }).value : score;
    const field = `scores.${scorer}`;
    if (value !== null && typeof value === "object") {
      const parts = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      for (const [key, part] of parts) {
        const metric = !Array.isArray(value) && EM_METRICS.has(key) ? key : `${scorer}.${key}`;
        out.set(metric, scalar(part, { ...at, field: `${field}.value.${key}` }));
      }
    } else {
      out.set(scorer, scalar(value, { ...at, field: `${field}.value` }));
    }
  }
  return out;
}
