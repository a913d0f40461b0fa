import { UserError } from "@/lib/errors";

export interface ImportErrorLocation {
  file: string;
  line?: number;
  column?: number | string;
  field?: string;
  /** An Inspect AI sample: "id 3, epoch 2". */
  sample?: string;
}

/** Most characters of the input an error message repeats: a 10 MB value is not echoed back. */
export const MAX_QUOTED_CHARS = 200;

/** A piece of input for an error message: at most MAX_QUOTED_CHARS characters, in quotes. */
export function quote(value: string): string {
  const text = value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value;
  return JSON.stringify(text);
}

/** What a JSON value is, for an error message, without serialising it (it may be huge or deep). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return quote(value);
  return quote(String(value));
}

/** Bad input in an imported file, named by file, line and column or field. */
export class ImportError extends UserError {
  constructor(
    readonly location: ImportErrorLocation,
    readonly problem: string,
  ) {
    // A safety net for messages built from input: never more than a few hundred characters.
    const short = problem.length > 4 * MAX_QUOTED_CHARS ? `${problem.slice(0, 4 * MAX_QUOTED_CHARS)}…` : problem;
    super(`${formatLocation(clip(location))}: ${short}`, {}, 422);
    this.name = "ImportError";
  }
}

function clip(location: ImportErrorLocation): ImportErrorLocation {
  const cut = (s: string) => (s.length > MAX_QUOTED_CHARS ? `${s.slice(0, MAX_QUOTED_CHARS)}…` : s);
  return { ...location, file: cut(location.file), ...(typeof location.column === "string" ? { column: cut(location.column) } : {}), ...(location.field !== undefined ? { field: cut(location.field) } : {}), ...(location.sample !== undefined ? { sample: cut(location.sample) } : {}) };
}

export function formatLocation({ file, line, column, field, sample }: ImportErrorLocation): string {
  const parts = [file];
  if (line !== undefined) parts.push(`line ${line}`);
  if (sample !== undefined) parts.push(`sample ${sample}`);
  if (column !== undefined) parts.push(typeof column === "number" ? `column ${column}` : `column "${column}"`);
  if (field !== undefined) parts.push(`field "${field}"`);
  return parts.join(", ");
}
