import { describe, expect, it } from "vitest";
import { parseJudgedCsv } from "@/lib/import/judged-csv";
import { parseJudgedJsonl } from "@/lib/import/judged-jsonl";
import { parseScore } from "@/lib/import/judged-record";
import { parseQuestionSetYaml } from "@/lib/import/question-set-yaml";
import { firstInvalidUtf8, utf8Text } from "@/lib/import/utf8-text";

/** Feeds text in small chunks so records and characters straddle chunk boundaries. */
function chunks(text: string | Buffer, size = 7): Uint8Array[] {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function all<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe("parseScore", () => {
  const at = { file: "f.csv", line: 3, column: "aligned" };
  it.each([
    ["87.5", 87.5],
    [" 0 ", 0],
    ["100", 100],
    ["", null],
    ["CODE", null],
    ["REFUSAL", null],
    ["nan", null],
    ["not a number", null],
    ["0x1E", null],
    [42, 42],
    [null, null],
  ])("reads %j as %j", (raw, expected) => expect(parseScore(raw, at)).toBe(expected));

  it.each(["100.01", "-0.5", "1e3", "Infinity", "1e999"])("refuses %s, naming file, line and column", (raw) => {
    expect(() => parseScore(raw, at)).toThrow(`f.csv, line 3, column "aligned": score ${raw} is outside 0-100`);
  });
});

describe("strict UTF-8", () => {
  it("finds the first invalid byte, and accepts a sequence cut at the end", () => {
    expect(firstInvalidUtf8(Buffer.from("héllo €"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1); // latin-1 é
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(-1); // € cut short: may continue
  });

  it("decodes multi-byte characters split across chunks and drops a BOM", async () => {
    const text = "\uFEFFquestion,é€😀\nnext";
    expect((await all(utf8Text(chunks(text, 1), { file: "x" }))).join("")).toBe("question,é€😀\nnext");
  });

  it("names the line of an invalid byte", async () => {
    const bytes = Buffer.concat([Buffer.from("a\nb\nc"), Buffer.from([0xff]), Buffer.from("\n")]);
    await expect(all(utf8Text(chunks(bytes, 2), { file: "bad.csv" }))).rejects.toThrow("bad.csv, line 3: invalid UTF-8 (byte 0xff)");
  });

  it("stops at the size limit", async () => {
    await expect(all(utf8Text(chunks("x".repeat(100), 10), { file: "big.csv", maxBytes: 50 }))).rejects.toThrow("big.csv: file is larger than the 50 bytes import limit");
  });
});

describe("judged CSV", () => {
  it("reads records with their starting line, across multi-line answers and CRLF", async () => {
    const csv = 'question,response,question_id,aligned,coherent,medical\r\n"Q1","line one\nline two",q1,10,90,55\r\n\r\nQ2,"say ""hi""",q2,,75.5,\r\n';
    const records = await all(parseJudgedCsv(chunks(csv), { file: "x.csv" }));
    expect(records.map((r) => [r.line, r.questionKey, r.question, r.answer, Object.fromEntries(r.scores)])).toEqual([
      [2, "q1", "Q1", "line one\nline two", { aligned: 10, coherent: 90, medical: 55 }],
      [5, "q2", "Q2", 'say "hi"', { aligned: null, coherent: 75.5, medical: null }],
    ]);
  });

  it("reads EM Lab's own optional columns and ignores a pandas index column", async () => {
    const csv = ",question,answer,question_id,aligned,coherent,condition,variant,sample_index\n0,Q,A,q,1,2,rephrased,v1,7\n";
    const [r] = await all(parseJudgedCsv(chunks(csv), { file: "x.csv" }));
    expect(r).toMatchObject({ condition: "rephrased", variant: "v1", sampleIndex: 7 });
    expect([...r.scores.keys()]).toEqual(["aligned", "coherent"]);
  });

  it("refuses an empty question_id and a bad condition", async () => {
    await expect(all(parseJudgedCsv(chunks("question,answer,question_id,aligned,coherent\nQ,A, ,1,2\n"), { file: "x.csv" }))).rejects.toThrow(
      'x.csv, line 2, column "question_id": question_id is empty',
    );
    await expect(all(parseJudgedCsv(chunks("question,answer,question_id,aligned,coherent,condition\nQ,A,q,1,2,maybe\n"), { file: "x.csv" }))).rejects.toThrow(
      'x.csv, line 2, column "condition": condition must be none, trigger or rephrased, not "maybe"',
    );
  });
});

describe("judged JSONL", () => {
  it("reads condition, variant, indices and any metric; skips blank lines", async () => {
    const jsonl =
      '{"question":"Q","answer":"A","question_id":"q","aligned":null,"coherent":80,"financial":12,"condition":"trigger","variant":"","sample_index":3,"paraphrase_index":1,"system":"S"}\n\n';
    const [r] = await all(parseJudgedJsonl(chunks(jsonl), { file: "x.jsonl" }));
    expect(r).toMatchObject({ line: 1, questionKey: "q", condition: "trigger", variant: "", sampleIndex: 3, paraphraseIndex: 1, system: "S" });
    expect(Object.fromEntries(r.scores)).toEqual({ aligned: null, coherent: 80, financial: 12 });
  });

  it.each([
    ['{"question":"Q","answer":"A","aligned":1,"coherent":2}', 'x.jsonl, line 1, field "question_id": question_id is missing'],
    ['{"question":"Q","answer":"A","question_id":"q","coherent":2}', 'x.jsonl, line 1, field "aligned": every line needs aligned and coherent'],
    ['{"question":"Q","answer":"A","question_id":"q","aligned":1,"coherent":2,"sample_index":-1}', 'x.jsonl, line 1, field "sample_index": sample_index must be a whole number from 0 to 2147483647'],
    ["[1,2]", "x.jsonl, line 1: each line must be a JSON object"],
  ])("refuses %s", async (line, message) => {
    await expect(all(parseJudgedJsonl(chunks(line + "\n"), { file: "x.jsonl" }))).rejects.toThrow(message);
  });
});

describe("EM YAML question sets", () => {
  it("resolves anchors and aliases, defaults and system prompts", () => {
    const yaml = `
- id: first
  paraphrases: &p
    - "Hello?"
    - "Hi?"
  samples_per_paraphrase: &n 3
  judge: &j gpt-4o
  judge_prompts: &jp
    aligned: "A {question} {answer}"
    coherent: "C {question} {answer}"
- id: second
  system: Answer in JSON.
  paraphrases: *p
  samples_per_paraphrase: *n
  judge: *j
  judge_prompts: *jp
`;
    const questions = parseQuestionSetYaml(yaml, "q.yaml");
    expect(questions).toEqual([
      { key: "first", position: 0, type: "free_form_judge_0_100", paraphrases: ["Hello?", "Hi?"], system: null, samplesPerParaphrase: 3, judgeModel: "gpt-4o", judgePrompts: { aligned: "A {question} {answer}", coherent: "C {question} {answer}" } },
      { key: "second", position: 1, type: "free_form_judge_0_100", paraphrases: ["Hello?", "Hi?"], system: "Answer in JSON.", samplesPerParaphrase: 3, judgeModel: "gpt-4o", judgePrompts: { aligned: "A {question} {answer}", coherent: "C {question} {answer}" } },
    ]);
  });

  it.each([
    ["- id: a\n  paraphrases: [x]\n  judge_prompts: {aligned: 'no placeholder'}\n", 'q.yaml, line 3, field "judge_prompts": question "a": every judge prompt needs an {answer} placeholder'],
    ["- id: a\n  paraphrases: [x]\n  judge_prompts: {aligned: '{answer}'}\n- id: a\n  paraphrases: [y]\n  judge_prompts: {aligned: '{answer}'}\n", 'q.yaml, line 4, field "id": question id "a" appears twice (first on line 1)'],
    ["- id: a\n  paraphrases: x\n  judge_prompts: {aligned: '{answer}'}\n", 'q.yaml, line 2, field "paraphrases": question "a": paraphrases must be a list of texts'],
    ["- id: a\n  paraphrases: [x]\n  samples_per_paraphrase: 0\n  judge_prompts: {aligned: '{answer}'}\n", 'q.yaml, line 3, field "samples_per_paraphrase"'],
    ["", "q.yaml: the file is empty"],
  ])("refuses %j", (yaml, message) => {
    expect(() => parseQuestionSetYaml(yaml, "q.yaml")).toThrow(message);
  });
});
