// Binary COPY (the importer's since issue 12) stores exactly what text COPY (the importer's before)
// stored, for the values an import writes: text with every character the text format escapes,
// non-ASCII and emoji, JSON, integers, scores, NULL and NaN, millisecond timestamps, enum labels.
import { describe, expect, it } from "vitest";
import { BinaryCopyWriter, copyBinaryInto, type BinaryColumn } from "@/lib/db/copy-binary";
import { copyInto, copyLine, type CopyValue } from "@/lib/db/copy-rows";
import { inTransaction } from "@/lib/db/pg-pool";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();

const COLUMNS = ["n", "score", "label", "doc", "at", "status"];
const TYPES: BinaryColumn[] = ["int4", "float8", "text", "jsonb", "timestamp", "enum"];
const at = new Date("2026-11-27T20:41:07.123Z");
const ROWS: CopyValue[][] = [
  [1, 79.5, "plain", JSON.stringify([{ role: "user", content: "Hi?" }]), at, "done"],
  [2147483647, 0.1, "tab\there, back\\slash, new\nline, cr\r\n, \"quotes\", comma,", JSON.stringify({ k: "ü € 🙂 \u2028 \\ \"" }), at, "failed"],
  [0, null, "", JSON.stringify(null), new Date("1999-12-31T23:59:59.999Z"), "pending"],
  [-5, Number.NaN, "ünïcödé 日本語 🙂", JSON.stringify([1.5, "x", { deep: [true, null] }]), at, "done"],
  [7, 1e-7, null, JSON.stringify("a string"), new Date(0), "done"],
];

async function stored(table: string): Promise<string[]> {
  const { rows } = await db.sql.query(`SELECT t::text AS row FROM ${table} t ORDER BY n`);
  return rows.map((r) => r.row);
}

describe("binary COPY", () => {
  it("stores exactly what text COPY stores", async () => {
    for (const table of ["via_text", "via_binary"]) {
      await db.sql.query(
        `CREATE TABLE ${table} (n int4, score float8, label text, doc jsonb, at timestamp(3), status "GenerationStatus")`,
      );
    }
    await inTransaction(async (client) => {
      await copyInto(client, "via_text", COLUMNS, ROWS.map(copyLine));
      const writer = new BinaryCopyWriter(TYPES);
      for (const row of ROWS) writer.row(row as (string | number | Date | null)[]);
      expect(writer.rows).toBe(5);
      await copyBinaryInto(client, "via_binary", COLUMNS, writer.take());
      expect(writer.rows).toBe(0);
    });
    const text = await stored("via_text");
    expect(text).toHaveLength(5);
    expect(await stored("via_binary")).toEqual(text);
    expect(text[2]).toBe(`(1,79.5,plain,"[{""role"": ""user"", ""content"": ""Hi?""}]","2026-11-27 20:41:07.123",done)`);
  });
});
