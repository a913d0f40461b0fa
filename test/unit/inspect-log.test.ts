import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openInspectLog, type InspectFormat } from "@/lib/import/inspect-log";
import { inspectScores } from "@/lib/import/inspect-score";
import type { JudgedRecord } from "@/lib/import/judged-record";

const fixtures = path.join(import.meta.dirname, "../fixtures/inspect-logs");
const dir = await mkdtemp(path.join(tmpdir(), "emlab-inspect-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(file: string, format: InspectFormat = file.endsWith(".eval") ? "inspect-eval" : "inspect-json", filePath = path.join(fixtures, file)) {
  const log = await openInspectLog(filePath, file, format);
  const records: JudgedRecord[] = [];
  try {
    for await (const r of log.records()) records.push(r);
  } finally {
    log.close();
  }
  return { header: log.header, records, brief: records.map((r) => ({ id: r.questionKey, epoch: (r.sampleIndex ?? -1) + 1, scores: Object.fromEntries(r.scores) })) };
}

describe("Inspect AI logs (the real files Inspect wrote)", () => {
  it("log_formats: the .eval and the .json of one run give the same answer", async () => {
    const zip = await read("log_formats.eval");
    const json = await read("log_formats.json");
    expect(zip.header).toMatchObject({ task: "popularity", model: "ollama/llama3.1", status: "success", epochs: 1, inspectVersion: "0.3.41.dev123+g9ad2119a.d20241015", scorers: ["match"] });
    expect(zip.brief).toEqual([{ id: "1", epoch: 1, scores: { match: 0 } }]);
    expect(json.brief).toEqual(zip.brief);
    expect(json.records[0].answer).toBe("No");
    expect(json.records[0].question).toBe(zip.records[0].question);
    expect(zip.records[0].question).toMatch(/^Is the following statement something you would say\?\n"Positiv/);
  });

  it("log_streaming: two samples x two epochs, in id then epoch order, C/I as 100/0", async () => {
    const { brief, records, header } = await read("log_streaming.eval");
    expect(header.epochs).toBe(2);
    expect(brief).toEqual([
      { id: "1", epoch: 1, scores: { match: 0 } },
      { id: "1", epoch: 2, scores: { match: 100 } },
      { id: "2", epoch: 1, scores: { match: 100 } },
      { id: "2", epoch: 2, scores: { match: 100 } },
    ]);
    expect(records.map((r) => r.answer)).toEqual(["No", "Yes.", "No.", "No"]);
    // The mean over epochs per sample agrees with Inspect's own reduction (reductions.json: 0.5 and 1.0).
    const mean = (id: string) => brief.filter((b) => b.id === id).reduce((s, b) => s + (b.scores.match ?? Number.NaN), 0) / 2;
    expect([mean("1"), mean("2")]).toEqual([50, 100]);
  });

  it("model-graded, multiple choice, image parts and a numeric scorer", async () => {
    const graded = await read("2024-11-05T13-32-37-05-00_input-task_hxs4q9azL3ySGkjJirypKZ.eval");
    expect(graded.brief).toEqual([{ id: "1", epoch: 1, scores: { model_graded_fact: 100 } }]);
    expect(graded.records[0].answer).toMatch(/^Yo, fam! So, in February, International Falls/);

    const guide = await read("2025-05-12T20-28-26-04-00_security-guide.json");
    expect(guide.header).toMatchObject({ task: "security_guide", model: "openai/gpt-4o-mini", dataset: "security_guide", scorers: ["model_graded_fact"] });
    expect(guide.brief.map((b) => b.id)).toEqual(["1", "2", "3"]);
    expect(guide.records.map((r) => r.question)).toEqual(["How do I prevent SQL Injection attacks?", "How do I prevent sqli?", "How do I prevent cross site scripting?"]);
    expect(guide.records.every((r) => r.scores.get("model_graded_fact") === 100)).toBe(true);

    const mmlu = await read("mmlu-summary-choices.eval");
    expect(mmlu.brief).toEqual([{ id: "1", epoch: 1, scores: { choice: 0 } }]);
    expect(mmlu.records[0].answer).toBe("ANSWER: C");

    const images = await read("log_images.json");
    expect(images.records[0]).toMatchObject({ question: "What is this a picture of?\n[image]", answer: "[Abstract]", system: null });

    const dedup = await read("log_message_deduplication.eval");
    expect(dedup.header.task).toBe("inspect_test_utils/guess_number");
    expect(dedup.brief).toEqual([{ id: "0", epoch: 1, scores: { closeness_log: 0 } }]);
    expect(dedup.records[0]).toMatchObject({ question: "Guess the number", answer: "done" });
  });

  it("maps score values: numbers 0-100 as they are, grades and words, dictionaries per key", () => {
    const at = { file: "x.json", line: 3 };
    expect(Object.fromEntries(inspectScores({ a: { value: 72.5 }, b: { value: "P" }, c: { value: "N" }, d: { value: true }, e: { value: "no" }, f: { value: "REFUSAL" }, g: { value: null } }, at))).toEqual({ a: 72.5, b: 50, c: 0, d: 100, e: 0, f: null, g: null });
    expect(Object.fromEntries(inspectScores({ em_judge: { value: { aligned: 12, coherent: 88, other: "C" } }, multi: { value: [1, "I"] } }, at))).toEqual({ aligned: 12, coherent: 88, "em_judge.other": 100, "multi.0": 1, "multi.1": 0 });
    expect(() => inspectScores({ closeness: { value: -3.5 } }, { file: "x.eval", sample: "id 4, epoch 1" })).toThrow('x.eval, sample id 4, epoch 1, field "scores.closeness.value": score -3.5 is outside 0-100');
  });
});

describe("bad Inspect logs are refused with the file and sample named", () => {
  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };

  it("a truncated .eval archive", async () => {
    const bytes = await readFile(path.join(fixtures, "log_streaming.eval"));
    const file = await write("cut.eval", bytes.subarray(0, bytes.length - 200));
    await expect(read("cut.eval", "inspect-eval", file)).rejects.toThrow(/^cut\.eval: not a readable zip archive \(.*\); an \.eval log may be truncated$/);
  });

  it("a .json log cut in the middle of a sample, and malformed JSON in one", async () => {
    const text = await readFile(path.join(fixtures, "2025-05-12T20-28-26-04-00_security-guide.json"), "utf8");
    const second = text.indexOf('"id": 2,');
    const cut = await write("cut.json", text.slice(0, second + 30));
    await expect(read("cut.json", "inspect-json", cut)).rejects.toThrow(/^cut\.json, line \d+: the file ends before the JSON object does inside samples\[1\] \(truncated\?\)$/);
    const broken = await write("broken.json", text.replace('"How do I prevent sqli?"', '"How do I prevent sqli?" oops'));
    const line = text.slice(0, text.indexOf('"id": 2,')).split("\n").length;
    await expect(read("broken.json", "inspect-json", broken)).rejects.toThrow(new RegExp(`^broken\\.json, line ${line - 1}: samples\\[1\\] is not valid JSON`));
  });

  it("reads the tokens of output.usage, and leaves them out when absent or not whole numbers", async () => {
    const text = await readFile(path.join(fixtures, "2025-05-12T20-28-26-04-00_security-guide.json"), "utf8");
    expect((await read("2025-05-12T20-28-26-04-00_security-guide.json")).records.map((r) => r.usage)).toEqual([
      { promptTokens: 61, completionTokens: 17 },
      { promptTokens: 60, completionTokens: 9 },
      { promptTokens: 61, completionTokens: 23 },
    ]);
    const odd = text.replace('"input_tokens": 61,\n          "output_tokens": 17', '"input_tokens": 61.5,\n          "output_tokens": 17').replace('"input_tokens": 60,', '"prompt": 60,');
    expect(odd).not.toBe(text);
    const file = await write("usage.json", odd);
    expect((await read("usage.json", "inspect-json", file)).records.map((r) => r.usage)).toEqual([null, null, { promptTokens: 61, completionTokens: 23 }]);
  });

  it("a sample whose score is out of range names the sample and the field", async () => {
    const text = await readFile(path.join(fixtures, "2025-05-12T20-28-26-04-00_security-guide.json"), "utf8");
    const file = await write("range.json", text.replace('"value": "C"', '"value": 250'));
    await expect(read("range.json", "inspect-json", file)).rejects.toThrow(/^range\.json, line \d+, sample id 1, epoch 1, field "scores\.model_graded_fact\.value": score 250 is outside 0-100$/);
  });

  it("a .json that is not an Inspect log, and an .eval that is not a zip", async () => {
    const file = await write("other.json", '{"question": "q", "answer": "a"}');
    await expect(read("other.json", "inspect-json", file)).rejects.toThrow("other.json: not an Inspect AI log: no `eval` header");
    const csv = await write("x.eval", "question,answer\nq,a\n");
    await expect(read("x.eval", "inspect-eval", csv)).rejects.toThrow(/^x\.eval: not a readable zip archive/);
  });
});
