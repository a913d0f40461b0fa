// An export whose client left stops at the next page instead of reading the whole table.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/exports/route";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { judgedFiles } from "../support/public-data";
import { createTestDatabase } from "../support/test-database";

await createTestDatabase();

describe("an export", () => {
  it("stops reading when the request is aborted", async () => {
    for (const [i, filePath] of judgedFiles.slice(0, 4).entries()) await importJudgedFile({ filePath, run: { name: `abort-${i}`, baseModel: "m" } });
    const call = (signal?: AbortSignal) =>
      GET(new Request("http://localhost:3000/api/v1/exports?format=jsonl", { headers: { host: "localhost:3000" }, signal }), {} as never);

    // All of it when nobody leaves: 4,800 rows in pages of 2,000.
    const whole = await (await call()).text();
    expect(whole.trim().split("\n")).toHaveLength(4800);

    const client = new AbortController();
    const reader = (await call(client.signal)).body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    client.abort();
    let more = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) more += chunk.value.length;
    expect(more).toBe(0);
  });
});
