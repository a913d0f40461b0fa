// The fast CSV reader gives exactly csv-parse's records and line numbers (through the judged-CSV
// parser, so every check after tokenising is the same) on every CSV shipped in prisma/seed and on
// hand-made edge cases, and gives up, rather than guess, on what only csv-parse should decide.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "@/lib/db/project-paths";
import { CsvNeedsFullParser, csvRecords } from "@/lib/import/csv-records";
import { parseJudgedCsv } from "@/lib/import/judged-csv";

function csvFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? csvFilesUnder(full) : name.endsWith(".csv") ? [full] : [];
  });
}

const shipped = csvFilesUnder(path.join(projectRoot, "prisma", "seed"));

/** The bytes in chunks of `size`, so records straddle chunk ends. */
function* chunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(bytes: Buffer, fast: boolean, chunkSize = 1 << 16) {
  const out = [];
  for await (const r of parseJudgedCsv(chunks(bytes, chunkSize), { file: "f.csv", fast })) out.push(r);
  return out;
}

async function outcome(bytes: Buffer, fast: boolean, chunkSize?: number) {
  try {
    return { records: await records(bytes, fast, chunkSize) };
  } catch (error) {
    return { error: error instanceof CsvNeedsFullParser ? "gave up" : (error as Error).message };
  }
}

const HEADER = "question,answer,question_id,aligned,coherent\n";

describe("the fast CSV reader", () => {
  it("reads all 77 shipped CSVs exactly as csv-parse does (records, scores, line numbers)", async () => {
    expect(shipped).toHaveLength(77);
    let rows = 0;
    let multiline = 0;
    let carriageReturns = 0;
    for (const file of shipped) {
      const bytes = readFileSync(file);
      const slow = await records(bytes, false);
      // csv-parse counts a carriage return inside a quoted field as a line of its own (its line
      // numbers run ahead after one); the fast reader counts line feeds only, as editors do.
      let seen = 0;
      const expected = slow.map((r) => {
        seen += [r.question, r.answer, r.questionKey].join("").split("\r").length - 1;
        return { ...r, line: r.line - seen };
      });
      carriageReturns += seen;
      // Odd chunk sizes put chunk ends inside quotes, at doubled quotes and at line ends.
      for (const size of [1 << 16, 4099]) expect(await records(bytes, true, size), `${path.relative(projectRoot, file)} in chunks of ${size}`).toEqual(expected);
      rows += slow.length;
      multiline += slow.filter((r) => r.answer.includes("\n")).length;
    }
    expect(rows).toBeGreaterThan(15_600);
    expect(multiline).toBeGreaterThan(1000); // the line numbers were tested across multi-line answers
    expect(carriageReturns).toBeGreaterThan(0);
  }, 60_000); // 77 files read three times: seconds on a busy machine

  it("agrees with csv-parse on quoting, doubled quotes, empty lines and a last line without a line end", async () => {
    const cases = [
      HEADER + `"a ""quoted"" word","two\nlines, and a comma",q1,10,20\n\n\nplain,"",q2,,5\n`,
      HEADER + `q,a,q1,1,2\n"multi\n\nline",b,q2,3,4`,
      HEADER + `"",x,q3,50,50\n,y,q4,150,50\n`, // a bad score: the judged-CSV check names line 3
      HEADER + `q,"a",q1,1,2\n\n`,
    ];
    for (const text of cases) {
      for (const size of [1, 3, 1 << 16]) expect(await outcome(Buffer.from(text), true, size), JSON.stringify(text)).toEqual(await outcome(Buffer.from(text), false));
    }
    expect((await outcome(Buffer.from(cases[2]), true)).error).toBe(`f.csv, line 3, column "aligned": score 150 is outside 0-100`);
  });

  it("gives up on what csv-parse must decide: carriage returns, stray or unterminated quotes, rows of another width", async () => {
    const cases = [
      HEADER.replace("\n", "\r\n") + "q,a,q1,1,2\r\n",
      HEADER + `q,a "quoted",q1,1,2\n`,
      HEADER + `"q" x,a,q1,1,2\n`,
      HEADER + `"q,a,q1,1,2\n`,
      HEADER + `q,a,q1,1\n`,
    ];
    for (const text of cases) {
      const read = async () => {
        for await (const r of csvRecords([text], 1 << 20)) void r;
      };
      await expect(read(), JSON.stringify(text)).rejects.toBeInstanceOf(CsvNeedsFullParser);
    }
  });
});
