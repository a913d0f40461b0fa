/**
 * A JSON.parse failure as a person reads it: "not valid JSON at line 2, column 7 (expected
 * double-quoted property name)" instead of V8's "... in JSON at position 23".
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  const stripped = message.replace(/\s*(in JSON )?at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
  const reason = /Unexpected end/i.test(message) ? "it ends too early" : stripped.charAt(0).toLowerCase() + stripped.slice(1);
  if (!Number.isFinite(position)) return `not valid JSON (${reason})`;
  const before = text.slice(0, position).split("\n");
  return `not valid JSON at line ${before.length}, column ${before[before.length - 1].length + 1} (${reason})`;
}
