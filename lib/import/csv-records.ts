// A fast reader for the plain CSV that judged-answer files almost always are: comma-separated,
// "\n" line ends, fields quoted with doubled inner quotes, every row as wide as the header. It
// gives the same records and line numbers as csv-parse (with skip_empty_lines) on such files, about
// five times faster, and gives up (CsvNeedsFullParser) at the first thing it does not handle: "\r",
// a quote inside an unquoted field, text after a closing quote, an unterminated quote, a row of
// another width, a record over the size limit. The caller then reads the file again with csv-parse,
// which accepts what it accepts and reports errors by line as before.

/** Thrown by csvRecords where csv-parse must decide: the whole file is read again with it. */
export class CsvNeedsFullParser extends Error {
  constructor(reason: string) {
    super(`the fast CSV reader stops here (${reason}); csv-parse reads the file`);
  }
}

export interface CsvRecord {
  record: string[];
  /** The line the record starts on (1-based). */
  line: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function countLf(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * One record from `start`: its fields, where the next one starts and the newlines it spans; null
 * when `buf` ends before the record does (and more text may come).
 */
function readRecord(buf: string, start: number, eof: boolean): { fields: string[]; next: number; newlines: number } | null {
  const fields: string[] = [];
  const len = buf.length;
  let p = start;
  let newlines = 0;
  for (;;) {
    if (p < len && buf.charCodeAt(p) === QUOTE) {
      let value = "";
      let from = p + 1;
      for (;;) {
        const close = buf.indexOf('"', from);
        if (close === -1) {
          if (eof) throw new CsvNeedsFullParser("unterminated quote");
          return null;
        }
        if (close + 1 >= len && !eof) return null; // is it "" or the end of the field?
        if (buf.charCodeAt(close + 1) === QUOTE) {
          value += buf.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        value += buf.slice(from, close);
        p = close + 1;
        break;
      }
      newlines += countLf(value);
      fields.push(value);
      if (p >= len) return { fields, next: p, newlines }; // eof: the last record has no line end
      const c = buf.charCodeAt(p);
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === LF) return { fields, next: p + 1, newlines: newlines + 1 };
      throw new CsvNeedsFullParser("text after a closing quote");
    }
    let q = p;
    let c = 0;
    while (q < len) {
      c = buf.charCodeAt(q);
      if (c === COMMA || c === LF) break;
      if (c === QUOTE || c === CR) throw new CsvNeedsFullParser(c === CR ? "a carriage return" : "a quote inside an unquoted field");
      q++;
    }
    if (q >= len && !eof) return null;
    fields.push(buf.slice(p, q));
    if (q >= len) return { fields, next: q, newlines };
    if (c === COMMA) {
      p = q + 1;
      continue;
    }
    return { fields, next: q + 1, newlines: newlines + 1 };
  }
}

/** The records of a CSV text stream, as csv-parse with skip_empty_lines would give them. */
export async function* csvRecords(text: AsyncIterable<string> | Iterable<string>, maxRecordChars: number): AsyncGenerator<CsvRecord> {
  let buf = "";
  let line = 1;
  let width = -1;
  const take = function* (eof: boolean): Generator<CsvRecord> {
    let pos = 0;
    while (pos < buf.length) {
      if (buf.charCodeAt(pos) === LF) {
        // An empty line: skipped, but counted.
        pos++;
        line++;
        continue;
      }
      const read = readRecord(buf, pos, eof);
      if (!read) break;
      if (read.next - pos > maxRecordChars) throw new CsvNeedsFullParser("a record over the size limit");
      if (width === -1) width = read.fields.length;
      else if (read.fields.length !== width) throw new CsvNeedsFullParser("a row of another width");
      yield { record: read.fields, line };
      line += read.newlines;
      pos = read.next;
    }
    buf = pos ? buf.slice(pos) : buf;
    if (buf.length > maxRecordChars) throw new CsvNeedsFullParser("a record over the size limit");
  };
  for await (const chunk of text) {
    buf = buf ? buf + chunk : chunk;
    yield* take(false);
  }
  yield* take(true);
}
