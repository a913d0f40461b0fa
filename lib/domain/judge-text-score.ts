/**
 * Fallback for judge endpoints without logprobs: the score is the number the judge wrote (0-100),
 * or null when it wrote CODE, REFUSAL, nothing numeric, or a number out of range.
 */
export function scoreFromText(text: string): number | null {
  const trimmed = text.trim();
  if (/^(CODE|REFUSAL)\b/i.test(trimmed)) return null;
  const match = trimmed.match(/-?\d+(?:\.\d+)?/);
  if (!match) return null;
  const value = Number(match[0]);
  return value >= 0 && value <= 100 ? value : null;
}
