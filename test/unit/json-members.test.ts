import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonMembers, type JsonEvent } from "@/lib/import/json-members";

const fixtures = `${import.meta.dirname}/../fixtures/inspect-logs`;

async function collect(chunks: string[] | AsyncIterable<Uint8Array>, keys = ["eval", "version", "results"], maxValueBytes = 1 << 20, maxDepth = 64): Promise<JsonEvent[]> {
  const source = Array.isArray(chunks) ? (async function* () { for (const c of chunks) yield new TextEncoder().encode(c); })() : chunks;
  const out: JsonEvent[] = [];
  for await (const e of jsonMembers(source, { file: "f.json", keys: new Set(keys), arrayKey: "samples", maxValueBytes, maxDepth })) out.push(e);
  return out;
}

describe("jsonMembers (streaming JSON object reader)", () => {
  it("yields kept members and each sample, whatever the chunk boundaries", async () => {
    const text = '{"version": 2, "skip": {"a": [1, "}]"]}, "eval": {"task": "t\\"x", "n": [1,2]},\n "samples": [ {"id": 1, "s": "a,b]"}, 7, "str", {"id": "two"} ], "results": null, "tail": true}';
    const expected = [
      { kind: "member", key: "version", value: 2, line: 1 },
      { kind: "member", key: "eval", value: { task: 't"x', n: [1, 2] }, line: 1 },
      { kind: "element", key: "samples", index: 0, value: { id: 1, s: "a,b]" }, line: 2 },
      { kind: "element", key: "samples", index: 1, value: 7, line: 2 },
      { kind: "element", key: "samples", index: 2, value: "str", line: 2 },
      { kind: "element", key: "samples", index: 3, value: { id: "two" }, line: 2 },
      { kind: "member", key: "results", value: null, line: 2 },
    ];
    expect(await collect([text])).toEqual(expected);
    // One byte a chunk: every state crosses a boundary somewhere.
    expect(await collect([...text])).toEqual(expected);
  });

  it("reads a real Inspect log's three samples", async () => {
    const events = await collect(createReadStream(`${fixtures}/2025-05-12T20-28-26-04-00_security-guide.json`, { highWaterMark: 4096 }));
    expect(events.filter((e) => e.kind === "element").map((e) => (e.value as { id: number }).id)).toEqual([1, 2, 3]);
    expect((events.find((e) => e.key === "eval")!.value as { model: string }).model).toBe("openai/gpt-4o-mini");
  });

  it("names the line and place of a truncated file, bad JSON, an oversize or too deep value", async () => {
    await expect(collect(['{"eval": {"a": 1}, "samples": [{"id": 1}, {"id": '])).rejects.toThrow('f.json, line 1: the file ends before the JSON object does inside samples[1] (truncated?)');
    await expect(collect(['{"eval": {"a": 1},\n"samples": [{"id": 1}, {"id": tru}]}'])).rejects.toThrow(/^f\.json, line 2: samples\[1\] is not valid JSON/);
    await expect(collect(['{"samples": [{"x": "', "y".repeat(200), '"}]}'], [], 100)).rejects.toThrow("f.json, line 1: samples[0] is larger than 100 bytes");
    await expect(collect(['{"samples": [' + "[".repeat(70) + "]".repeat(70) + "]}"])).rejects.toThrow("f.json, line 1: samples[0] is nested more than 64 levels deep");
    await expect(collect(["[1, 2]"])).rejects.toThrow("f.json, line 1: the file is not a JSON object");
    await expect(collect(['{"eval": 1} x'])).rejects.toThrow("unexpected content after the end of the JSON object");
  });
});
