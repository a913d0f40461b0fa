import { UserError } from "@/lib/errors";

export interface ImportErrorLocation {
  file: string;
  line?: number;
  column?: number | string;
  field?: string;
}

/** Bad input in an imported file, named by file, line and column or field. */
export class ImportError extends UserError {
  constructor(
    readonly location: ImportErrorLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`, {}, 422);
    this.name = "ImportError";
  }
}

export function formatLocation({ file, line, column, field }: ImportErrorLocation): string {
  const parts = [file];
  if (line !== undefined) parts.push(`line ${line}`);
  if (column !== undefined) parts.push(typeof column === "number" ? `column ${column}` : `column "${column}"`);
  if (field !== undefined) parts.push(`field "${field}"`);
  return parts.join(", ");
}
