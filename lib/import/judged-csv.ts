// Judged answers in the CSV format of the EM and Model Organisms repositories:
// question, answer (or response), question_id, aligned, coherent[, further metrics...].
import { parse, type CsvError } from "csv-parse";
import { pipeline, Readable } from "node:stream";
import { isConditionKind } from "@/lib/domain/condition-kind";
import { restoreFormula } from "./csv-formula";
import { CsvNeedsFullParser, csvRecords, type CsvRecord } from "./csv-records";
import { ImportError, MAX_QUOTED_CHARS, quote } from "./import-error";

const clipped = (text: string) => (text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text);
import { checkIndex, checkMetricCount, checkText, MAX_METRICS, MAX_RECORD_BYTES, NON_METRIC_FIELDS, parseScore, type JudgedRecord } from "./judged-record";
import { utf8Text, type TextOptions } from "./utf8-text";

const REQUIRED = ["question", "question_id", "aligned", "coherent"] as const;
const ANSWER_COLUMNS = ["answer", "response"];
/** Columns that are neither text nor a judge metric (pandas' index, ids, model names, ...). */
const NON_METRIC_COLUMNS = NON_METRIC_FIELDS;
/** Optional columns that EM Lab's own CSV export writes. */
const OPTIONAL_COLUMNS = ["system", "condition", "variant", "paraphrase_index", "sample_index"] as const;
const OTHER_DELIMITERS: [string, string][] = [
  [";", "semicolons"],
  ["\t", "tabs"],
  ["|", "vertical bars"],
];

interface Header {
  question: number;
  answer: number;
  questionId: number;
  optional: Record<(typeof OPTIONAL_COLUMNS)[number], number>;
  metrics: [name: string, index: number][];
}

/** Columns a header may have: the metrics plus every text and bookkeeping column. */
const MAX_COLUMNS = MAX_METRICS + 32;

function readHeader(cells: string[], file: string): Header {
  if (cells.length > MAX_COLUMNS) {
    throw new ImportError({ file, line: 1 }, `the header has ${cells.length.toLocaleString("en")} columns; at most ${MAX_METRICS} judge metric columns (${MAX_COLUMNS} columns in all) are accepted`);
  }
  const names = cells.map((c) => restoreFormula(c.trim()));
  const lower = names.map((c) => c.toLowerCase());
  if (names.length === 1) {
    const other = OTHER_DELIMITERS.find(([d]) => names[0].includes(d));
    if (other) {
      throw new ImportError({ file, line: 1 }, `the header is separated by ${other[1]}; EM CSV files are comma-separated`);
    }
  }
  const seen = new Map<string, number>();
  lower.forEach((name, i) => {
    if (name === "") return;
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ImportError({ file, line: 1, column: i + 1 }, `duplicate column ${quote(names[i])} (also column ${first + 1})`);
    }
    seen.set(name, i);
  });
  const answerName = ANSWER_COLUMNS.find((n) => seen.has(n));
  const missing = [...REQUIRED.filter((n) => !seen.has(n)), ...(answerName ? [] : ["answer (or response)"])];
  if (missing.length) {
    throw new ImportError(
      { file, line: 1 },
      `missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; found ${clipped(names.map((n) => `"${n}"`).join(", "))}`,
    );
  }
  const textColumns = new Set<string>(["question", "question_id", ...ANSWER_COLUMNS, ...OPTIONAL_COLUMNS]);
  const metrics: [string, number][] = [];
  lower.forEach((name, i) => {
    if (!textColumns.has(name) && !NON_METRIC_COLUMNS.has(name)) metrics.push([name, i]);
  });
  checkMetricCount(metrics.length, { file, line: 1 });
  return {
    question: seen.get("question")!,
    answer: seen.get(answerName!)!,
    questionId: seen.get("question_id")!,
    optional: Object.fromEntries(OPTIONAL_COLUMNS.map((c) => [c, seen.get(c) ?? -1])) as Header["optional"],
    metrics,
  };
}

function csvError(error: CsvError, file: string): ImportError {
  const line = (error as { lines?: number }).lines;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new ImportError({ file, line }, "a quoted field is never closed (unterminated quote)");
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return new ImportError({ file, line }, `this row has a different number of fields than the header (${error.message.replace(/^.*?: /, "")})`);
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return new ImportError({ file, line }, "a quote is followed by other characters: a quoted field above is not closed (unterminated quote), or a quote inside a field is not doubled");
    case "CSV_MAX_RECORD_SIZE":
      return new ImportError({ file, line }, `a row is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`);
    default:
      return new ImportError({ file, line }, `not valid CSV (${error.code})`);
  }
}

function wholeNumber(text: string | null, at: { file: string; line: number; column: string }): number | null {
  if (text === null) return null;
  return checkIndex(/^\d+$/.test(text) ? Number(text) : Number.NaN, at, at.column);
}

function countNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++;
  return n;
}

/** Longest header line: a 1,000,000-column header is refused before the CSV parser splits it. */
const MAX_HEADER_CHARS = 64 * 1024;

async function* headerBounded(text: AsyncIterable<string>, file: string): AsyncGenerator<string> {
  let headerChars = 0;
  let inHeader = true;
  for await (const chunk of text) {
    if (inHeader) {
      const end = chunk.indexOf("\n");
      headerChars += end === -1 ? chunk.length : end;
      if (headerChars > MAX_HEADER_CHARS) {
        throw new ImportError({ file, line: 1 }, `the header line is longer than ${MAX_HEADER_CHARS / 1024} KB; at most ${MAX_METRICS} judge metric columns (${MAX_COLUMNS} columns in all) are accepted`);
      }
      if (end !== -1) inHeader = false;
    }
    yield chunk;
  }
}

/** The records of the text as csv-parse reads them, each with the line it starts on. */
async function* fullParserRecords(text: AsyncIterable<string>, parser: ReturnType<typeof parse>): AsyncGenerator<CsvRecord> {
  // pipeline() passes a read error (bad UTF-8, size limit) on to the parser, and tears the source
  // down when the parser is destroyed early.
  pipeline(Readable.from(text), parser, () => {});
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { record, line: info.lines - countNewlines(record) };
  }
}

export interface CsvOptions extends TextOptions {
  /**
   * Read with the fast reader (csv-records.ts), which throws CsvNeedsFullParser where it cannot
   * decide; the caller then reads the file again without it. Off: csv-parse reads it.
   */
  fast?: boolean;
}

/** Streams the records of a judged CSV, validating as it goes. */
export async function* parseJudgedCsv(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: CsvOptions): AsyncGenerator<JudgedRecord> {
  const { file } = options;
  const text = headerBounded(utf8Text(source, options), file);
  const parser = parse({ info: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
  const csv = options.fast ? csvRecords(text, MAX_RECORD_BYTES) : fullParserRecords(text, parser);

  let header: Header | null = null;
  let width = 0;
  let rows = 0;
  try {
    for await (const { record, line } of csv) {
      if (!header) {
        header = readHeader(record, file);
        width = record.length;
        continue;
      }
      if (record.length !== width) {
        throw new ImportError({ file, line }, `this row has ${record.length} fields; the header has ${width}`);
      }
      const questionKey = restoreFormula(record[header.questionId].trim());
      if (!questionKey) throw new ImportError({ file, line, column: "question_id" }, "question_id is empty");
      const scores = new Map<string, number | null>();
      for (const [metric, index] of header.metrics) scores.set(metric, parseScore(record[index], { file, line, column: metric }));
      const optional = (column: keyof Header["optional"]) => {
        const index = header!.optional[column];
        return index >= 0 && record[index] !== "" ? restoreFormula(record[index]) : null;
      };
      const condition = optional("condition");
      if (condition !== null && !isConditionKind(condition)) {
        throw new ImportError({ file, line, column: "condition" }, `condition must be none, trigger or rephrased, not ${quote(condition)}`);
      }
      for (const [name, index] of [["question", header.question], ["answer", header.answer], ["question_id", header.questionId]] as const) {
        checkText(record[index], { file, line, column: name });
      }
      for (const column of ["system", "variant"] as const) {
        const index = header.optional[column];
        if (index >= 0) checkText(record[index], { file, line, column });
      }
      rows++;
      yield {
        line,
        questionKey,
        question: restoreFormula(record[header.question]),
        answer: restoreFormula(record[header.answer]),
        system: optional("system"),
        condition,
        variant: optional("variant"),
        run: null,
        sampleIndex: wholeNumber(optional("sample_index"), { file, line, column: "sample_index" }),
        paraphraseIndex: wholeNumber(optional("paraphrase_index"), { file, line, column: "paraphrase_index" }),
        scores,
        logprobs: null,
      };
    }
  } catch (error) {
    if (error instanceof ImportError || error instanceof CsvNeedsFullParser) throw error;
    if ((error as CsvError)?.code?.startsWith?.("CSV_")) throw csvError(error as CsvError, file);
    // Anything else the parser throws (out of range, too deep, ...) is still this file's fault;
    // system errors (reading the file) are not.
    if (typeof (error as { code?: unknown })?.code === "string") throw error;
    throw new ImportError({ file, line: rows + 2 }, `could not be read (${(error as Error)?.name ?? "error"})`);
  } finally {
    parser.destroy();
    await csv.return(undefined);
  }
  if (!header) throw new ImportError({ file }, "the file is empty");
  if (rows === 0) throw new ImportError({ file, line: 2 }, "the file has a header but no rows");
}
