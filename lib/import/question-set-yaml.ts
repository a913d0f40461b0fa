// Question sets in the EM YAML format (emergent-misalignment/evaluation/*.yaml): a list of
// entries with id, type, paraphrases, samples_per_paraphrase, judge, judge_prompts, optional
// system. Anchors and aliases (&name / *name) are resolved by the YAML parser, within limits: a
// few aliases of one long text must not expand into gigabytes (MAX_EXPANDED_CHARS).
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { z } from "zod";
import { ImportError, quote } from "./import-error";
import { formatBytes } from "./utf8-text";

/** Question-set files are small; anything larger than this is not one. */
export const MAX_QUESTION_SET_BYTES = 5 * 1024 * 1024;

/** Text the whole set may hold once aliases are expanded (twice the file limit). */
export const MAX_EXPANDED_CHARS = 2 * MAX_QUESTION_SET_BYTES;
/** Alias uses in one file (the public sets use a few dozen). */
const MAX_ALIASES = 1000;

/**
 * Adds up the text in `value`, counting a string each time an alias repeats it, and stops as soon
 * as `budget` runs out: returns the budget left, or -1. Objects deeper than 32 levels are refused.
 */
function spendText(value: unknown, budget: number, depth = 0): number {
  if (budget < 0) return -1;
  if (typeof value === "string") return budget - value.length;
  if (value === null || typeof value !== "object") return budget - 8;
  if (depth > 32) return -1;
  for (const item of Array.isArray(value) ? value : Object.entries(value).flat()) {
    budget = spendText(item, budget, depth + 1);
    if (budget < 0) return -1;
  }
  return budget;
}

/** Deepest nesting of flow collections ([ and {) the parser is given: the YAML library takes
 * seconds on a megabyte of brackets before it gives up. */
const MAX_FLOW_DEPTH = 64;

/** The line where [ and { nest deeper than MAX_FLOW_DEPTH (counted as written, quotes or not), or 0. */
function tooDeepLine(source: string): number {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return line;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return 0;
}

export interface ParsedQuestion {
  key: string;
  position: number;
  type: string;
  paraphrases: string[];
  system: string | null;
  samplesPerParaphrase: number;
  judgeModel: string | null;
  judgePrompts: Record<string, string>;
}

const entrySchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1, "id is empty")),
  type: z.string().default("free_form_judge_0_100"),
  paraphrases: z.array(z.string().min(1, "a paraphrase is empty"), "paraphrases must be a list of texts").min(1, "paraphrases is empty"),
  system: z.string().nullish(),
  samples_per_paraphrase: z.number().int().positive().default(1),
  judge: z.string().nullish(),
  judge_prompts: z
    .record(z.string(), z.string(), "judge_prompts must map metric names to prompt texts")
    .refine((prompts) => Object.keys(prompts).length > 0, "judge_prompts is empty")
    .refine((prompts) => Object.values(prompts).every((p) => p.includes("{answer}")), "every judge prompt needs an {answer} placeholder"),
});

export function parseQuestionSetYaml(source: string, file: string): ParsedQuestion[] {
  if (Buffer.byteLength(source) > MAX_QUESTION_SET_BYTES) {
    throw new ImportError({ file }, `file is larger than the ${formatBytes(MAX_QUESTION_SET_BYTES)} limit for question sets`);
  }
  if (!source.trim()) throw new ImportError({ file }, "the file is empty");
  const deep = tooDeepLine(source);
  if (deep) throw new ImportError({ file, line: deep }, `[ and { nest more than ${MAX_FLOW_DEPTH} levels deep`);
  try {
    return parseEntries(source, file);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // The YAML library's own limits (alias count, nesting) and anything else it throws.
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ImportError({ file }, `could not be read as a question set: ${quote(message)}`);
  }
}

function parseEntries(source: string, file: string): ParsedQuestion[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  if (doc.errors.length) {
    const error = doc.errors[0];
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ImportError({ file, line, column: col }, `not valid YAML: ${quote(error.message.split("\n")[0])}`);
  }
  if (!isSeq(doc.contents)) {
    throw new ImportError({ file, line: lineOf(doc.contents as Node) ?? 1 }, "expected a list of questions (- id: ...)");
  }
  const questions: ParsedQuestion[] = [];
  const seen = new Map<string, number | undefined>();
  let budget = MAX_EXPANDED_CHARS;
  doc.contents.items.forEach((item, position) => {
    const node = item as Node;
    const line = lineOf(node);
    if (!isMap(node)) throw new ImportError({ file, line }, `entry ${position + 1} is not a mapping with id, paraphrases, ...`);
    let value: unknown;
    try {
      value = node.toJS(doc, { maxAliasCount: MAX_ALIASES });
    } catch (error) {
      throw new ImportError({ file, line }, `entry ${position + 1}: ${/alias/i.test(String(error)) ? "too many aliases (*name)" : "could not be read"}`);
    }
    budget = spendText(value, budget);
    if (budget < 0) {
      throw new ImportError({ file, line }, `entry ${position + 1}: with its aliases (*name) expanded, the question set holds more than ${formatBytes(MAX_EXPANDED_CHARS)} of text (or nests more than 32 levels)`);
    }
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue.path[0] ?? "");
      const fieldNode = field ? (node.get(field, true) as Node | undefined) : undefined;
      const id = node.get("id");
      throw new ImportError(
        { file, line: lineOf(fieldNode) ?? line, field: issue.path.join(".") || undefined },
        `${id ? `question ${quote(String(id))}: ` : `entry ${position + 1}: `}${issue.code === "invalid_type" && field && !node.has(field) ? `${field} is required` : issue.message}`,
      );
    }
    const q = parsed.data;
    if (seen.has(q.id)) {
      throw new ImportError({ file, line, field: "id" }, `question id ${quote(q.id)} appears twice (first on line ${seen.get(q.id)})`);
    }
    seen.set(q.id, line);
    questions.push({
      key: q.id,
      position,
      type: q.type,
      paraphrases: q.paraphrases,
      system: q.system ?? null,
      samplesPerParaphrase: q.samples_per_paraphrase,
      judgeModel: q.judge ?? null,
      judgePrompts: q.judge_prompts,
    });
  });
  if (questions.length === 0) throw new ImportError({ file }, "the file has no questions");
  return questions;
}
