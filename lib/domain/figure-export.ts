// Figures leave the app with their numbers and a caption: CSV of the plotted data, caption text.

export type CsvValue = string | number | null | undefined;

/** One CSV cell: quoted when needed; a leading = + - @ tab or CR is neutralised for spreadsheets. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, CsvValue>[]): string {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]);
  return [columns.map(csvCell).join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}

/** "EM rate (betley: ...); 95% intervals: ...; 1,234 answers; EM Lab, 2026-11-27." */
export function figureCaption(parts: { what: string; definition: string; interval: string; answers: number; date: Date; judgments?: string }): string {
  const judgments = parts.judgments ? ` ${parts.judgments[0].toUpperCase()}${parts.judgments.slice(1)}.` : "";
  return `${parts.what}. ${parts.definition}. 95% intervals: ${parts.interval}.${judgments} ${parts.answers.toLocaleString("en-US")} counted answers. EM Lab, ${parts.date.toISOString().slice(0, 10)}.`;
}
