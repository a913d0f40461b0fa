import { describe, expect, it } from "vitest";
import { textLines } from "@/lib/import/text-lines";

async function lines(chunks: string[], maxBytes = 1000): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const line of textLines(source(), { file: "f.jsonl", maxBytes })) out.push(line);
  return out;
}

describe("splitting JSONL text into lines", () => {
  it("handles LF, CRLF, lines split across chunks and a last line without a newline", async () => {
    expect(await lines(["a\r\nb", "c\n", "\nd"])).toEqual(["a", "bc", "", "d"]);
    expect(await lines(["x\n"])).toEqual(["x"]);
    expect(await lines(["é".repeat(3), "\n"])).toEqual(["ééé"]);
  });

  it("refuses a line over the byte limit with its line number, before reading the rest of it", async () => {
    await expect(lines(["ok\n", "a".repeat(600), "a".repeat(600), "never reached\n"])).rejects.toThrow("f.jsonl, line 2: the line is longer than 1000 bytes");
    // Multi-byte characters count as their UTF-8 bytes: 400 x 3 bytes is over 1000.
    await expect(lines(["€".repeat(400) + "\n"])).rejects.toThrow("f.jsonl, line 1: the line is longer");
    expect((await lines(["€".repeat(300) + "\n"]))[0]).toHaveLength(300);
  });
});
