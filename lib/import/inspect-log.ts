// Inspect AI evaluation logs (https://inspect.aisi.org.uk) as judged records: a `.eval` zip
// archive (header.json or _journal/start.json, one samples/<id>_epoch_<n>.json entry a sample)
// or a `.json` log (one object with `eval`, ..., `samples: [...]`). Each sample (every epoch is
// one) becomes one answer: the user input as the question, the model's output as the answer, the
// scorers' values as judge scores (inspect-score.ts). Read sample by sample, never whole.
import { createReadStream } from "node:fs";
import { describeValue, ImportError, type ImportErrorLocation } from "./import-error";
import { inspectScores } from "./inspect-score";
import { jsonMembers } from "./json-members";
import { checkIndex, checkMetricCount, checkText, MAX_RECORD_BYTES, type JudgedRecord } from "./judged-record";
import { openZipArchive } from "./zip-archive";

export type InspectFormat = "inspect-eval" | "inspect-json";

/** What the log says about the evaluation (reported in the import summary). */
export interface InspectHeader {
  task: string;
  model: string;
  status: string | null;
  created: string | null;
  inspectVersion: string | null;
  dataset: string | null;
  epochs: number;
  scorers: string[];
}

export interface InspectLog {
  format: InspectFormat;
  header: InspectHeader;
  records(): AsyncGenerator<JudgedRecord>;
  close(): void;
}

/** Nesting of a sample (messages, events, tool calls); a header is shallower. */
export const MAX_JSON_DEPTH = 200;
/** Entries of an .eval archive (samples x epochs plus a few files). */
export const MAX_ZIP_ENTRIES = 500_000;
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

type Json = Record<string, unknown>;
// The shared checks name a CSV/JSONL line; an .eval sample has none, and its location names the sample.
type Lined = { file: string; line: number; field?: string };
const checked = (value: string, at: ImportErrorLocation) => checkText(value, at as Lined);
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function headerOf(raw: unknown, at: ImportErrorLocation): InspectHeader {
  const evalSpec = isObject(raw) ? raw.eval : undefined;
  if (!isObject(evalSpec)) throw new ImportError(at, "not an Inspect AI log: no `eval` header");
  const task = str(evalSpec.task);
  const model = str(evalSpec.model);
  if (!task || !model) throw new ImportError({ ...at, field: task ? "eval.model" : "eval.task" }, "missing from the log's header");
  const config = isObject(evalSpec.config) ? evalSpec.config : {};
  const results = isObject((raw as Json).results) ? ((raw as Json).results as Json) : {};
  const scorers = Array.isArray(results.scores) ? results.scores.map((s) => (isObject(s) ? str(s.name) : null)).filter((s): s is string => !!s) : [];
  const packages = isObject(evalSpec.packages) ? evalSpec.packages : {};
  const dataset = isObject(evalSpec.dataset) ? evalSpec.dataset : {};
  return {
    task: checked(task, { ...at, field: "eval.task" }).slice(0, 500),
    model: checked(model, { ...at, field: "eval.model" }).slice(0, 200),
    status: str((raw as Json).status),
    created: str(evalSpec.created),
    inspectVersion: str(packages.inspect_ai),
    dataset: str(dataset.name) ?? str(dataset.location),
    epochs: typeof config.epochs === "number" ? config.epochs : 1,
    scorers: [...new Set(scorers)],
  };
}

/** Text of a message's content: a string, or the text parts of a list (other parts as [type]). */
function contentText(content: unknown, at: ImportErrorLocation): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw new ImportError(at, `message content must be text or a list of parts, found ${describeValue(content)}`);
  return content
    .map((part) => (isObject(part) ? (part.type === "text" && typeof part.text === "string" ? part.text : `[${String(part.type ?? "part").slice(0, 40)}]`) : ""))
    .filter(Boolean)
    .join("\n");
}

function messagesOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The answer: output.choices[0].message, else the last assistant message, else output.completion. */
function answerOf(sample: Json, at: ImportErrorLocation): string {
  const output = isObject(sample.output) ? sample.output : {};
  const choice = Array.isArray(output.choices) && isObject(output.choices[0]) ? output.choices[0] : null;
  if (choice && isObject(choice.message)) return contentText(choice.message.content, { ...at, field: "output.choices[0].message.content" });
  const last = messagesOf(sample.messages).filter((m) => m.role === "assistant").at(-1);
  if (last) return contentText(last.content, { ...at, field: "messages" });
  if (typeof output.completion === "string") return output.completion;
  const error = isObject(sample.error) ? str(sample.error.message) : null;
  throw new ImportError({ ...at, field: "output" }, error ? `the sample has no answer; it failed with: ${JSON.stringify(error.slice(0, 200))}` : "the sample has no model output");
}

/** The question (user text of the input) and the system prompt, when the input or messages carry one. */
function promptOf(sample: Json, at: ImportErrorLocation): { question: string; system: string | null } {
  const system = (messages: Json[]) => {
    const parts = messages.filter((m) => m.role === "system").map((m) => contentText(m.content, { ...at, field: "input" }));
    return parts.length ? parts.join("\n\n") : null;
  };
  if (typeof sample.input === "string") return { question: sample.input, system: system(messagesOf(sample.messages)) };
  if (!Array.isArray(sample.input)) throw new ImportError({ ...at, field: "input" }, `input must be text or a list of messages, found ${describeValue(sample.input)}`);
  const input = messagesOf(sample.input);
  const user = input.filter((m) => m.role === "user").map((m) => contentText(m.content, { ...at, field: "input" }));
  return { question: user.join("\n\n"), system: system(input) };
}

const sampleName = (id: unknown, epoch: unknown) => `id ${typeof id === "string" ? JSON.stringify(id.slice(0, 100)) : String(id)}, epoch ${String(epoch)}`;

/** One sample as a judged record; `metrics` collects every metric name the log uses. */
export function sampleRecord(raw: unknown, where: { file: string; line?: number; ordinal: number }, metrics: Set<string>): JudgedRecord {
  const base = { file: where.file, ...(where.line !== undefined ? { line: where.line } : {}) };
  if (!isObject(raw)) throw new ImportError({ ...base, sample: `#${where.ordinal}` }, "a sample must be a JSON object");
  const { id, epoch } = raw;
  const at: ImportErrorLocation = { ...base, sample: sampleName(id, epoch) };
  if ((typeof id !== "string" && typeof id !== "number") || String(id).trim() === "") throw new ImportError({ ...at, field: "id" }, "the sample id must be a number or a non-empty string");
  if (typeof epoch !== "number" || !Number.isInteger(epoch) || epoch < 1) throw new ImportError({ ...at, field: "epoch" }, "epoch must be a whole number from 1");
  const sampleIndex = checkIndex(epoch - 1, { ...at, field: "epoch" } as Lined, "epoch");
  const { question, system } = promptOf(raw, at);
  const scores = inspectScores(raw.scores, at);
  for (const metric of scores.keys()) metrics.add(metric);
  checkMetricCount(Math.max(scores.size, metrics.size), at as Lined);
  return {
    line: where.line ?? where.ordinal,
    questionKey: checked(String(id).trim(), { ...at, field: "id" }),
    question: checked(question, { ...at, field: "input" }),
    answer: checked(answerOf(raw, at), { ...at, field: "output" }),
    system: system === null ? null : checked(system, { ...at, field: "input" }),
    condition: null,
    variant: null,
    run: null,
    sampleIndex,
    paraphraseIndex: null,
    scores,
    logprobs: null,
    usage: usageOf(raw),
  };
}

/** The model's reported tokens for the answer (output.usage); absent or malformed usage is simply not kept. */
function usageOf(sample: Record<string, unknown>): JudgedRecord["usage"] {
  const output = isObject(sample.output) ? sample.output : {};
  const usage = isObject(output.usage) ? output.usage : null;
  const count = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 2_147_483_647 ? v : null);
  const promptTokens = count(usage?.input_tokens);
  const completionTokens = count(usage?.output_tokens);
  return promptTokens === null || completionTokens === null ? null : { promptTokens, completionTokens };
}

function parseEntry(bytes: Buffer, at: ImportErrorLocation): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    const kind = error instanceof TypeError ? "not valid UTF-8" : `not valid JSON (${(error as Error).message.replace(/,? ?".*$/s, "").slice(0, 80)})`;
    throw new ImportError(at, kind);
  }
}

const SAMPLE_ENTRY = /^samples\/(.+)_epoch_(\d+)\.json$/;

async function openEvalLog(filePath: string, file: string): Promise<InspectLog> {
  const zip = await openZipArchive(filePath, { file, maxEntries: MAX_ZIP_ENTRIES });
  try {
    const headerName = zip.has("header.json") ? "header.json" : zip.has("_journal/start.json") ? "_journal/start.json" : null;
    if (!headerName) throw new ImportError({ file }, "not an Inspect AI .eval log: no header.json or _journal/start.json in the archive");
    const header = headerOf(parseEntry(await zip.read(headerName, MAX_HEADER_BYTES), { file, field: headerName }), { file, field: headerName });
    // Samples in id then epoch order (the archive keeps them in the order they finished).
    const samples = zip.entries
      .map((e) => ({ name: e.name, match: SAMPLE_ENTRY.exec(e.name) }))
      .filter((e) => e.match)
      .map((e) => ({ name: e.name, id: e.match![1], epoch: Number(e.match![2]) }))
      .sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }) || a.epoch - b.epoch);
    if (zip.entries.some((e) => /^samples\/[^/]+\//.test(e.name)) && !samples.length) {
      throw new ImportError({ file }, "samples in Inspect's chunked layout (samples/<id>_epoch_<n>/...) are not supported; convert the log with `inspect log convert --to json`");
    }
    return {
      format: "inspect-eval",
      header,
      async *records() {
        const metrics = new Set<string>();
        for (const [i, entry] of samples.entries()) {
          const raw = parseEntry(await zip.read(entry.name, MAX_RECORD_BYTES), { file, field: entry.name });
          yield sampleRecord(raw, { file, ordinal: i + 1 }, metrics);
        }
        if (!samples.length) throw new ImportError({ file }, "the log has no samples (was it written with log_samples off, or did the run end before any finished?)");
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

const HEADER_KEYS = new Set(["version", "status", "eval", "results"]);

async function openJsonLog(filePath: string, file: string): Promise<InspectLog> {
  const scan = (keys: Set<string>, arrayKey?: string) =>
    jsonMembers(createReadStream(filePath, { highWaterMark: 1 << 20 }), { file, keys, arrayKey, maxValueBytes: arrayKey ? MAX_RECORD_BYTES : MAX_HEADER_BYTES, maxDepth: MAX_JSON_DEPTH });
  // First pass: the header members only (samples are skipped, not kept); second pass: samples.
  const members: Json = {};
  for await (const event of scan(HEADER_KEYS, "samples")) if (event.kind === "member") members[event.key] = event.value;
  const header = headerOf(members, { file });
  return {
    format: "inspect-json",
    header,
    async *records() {
      const metrics = new Set<string>();
      let count = 0;
      for await (const event of scan(new Set(), "samples")) {
        if (event.kind !== "element") continue;
        count++;
        yield sampleRecord(event.value, { file, line: event.line, ordinal: count }, metrics);
      }
      if (!count) throw new ImportError({ file }, "the log has no samples (was it written with log_samples off?)");
    },
    close: () => {},
  };
}

/** Opens an Inspect log by its extension (.eval or .json), checking the content matches. */
export async function openInspectLog(filePath: string, file: string, format: InspectFormat): Promise<InspectLog> {
  return format === "inspect-eval" ? openEvalLog(filePath, file) : openJsonLog(filePath, file);
}
