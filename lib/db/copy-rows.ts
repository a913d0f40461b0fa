import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | boolean | null | Date;

// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
const SPECIAL = /[\\\n\r\t]/;

function field(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  // Plain replaces beat one replace with a callback by a wide margin on long answers.
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
}

export function copyLine(values: CopyValue[]): string {
  return values.map(field).join("\t") + "\n";
}

/** COPY `lines` (from copyLine) into `table` over the client's connection (and transaction). */
export async function copyInto(client: pg.ClientBase, table: string, columns: string[], lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    // Write in ~1 MB pieces: fewer, larger socket writes.
    let buffer = "";
    for (const line of lines) {
      buffer += line;
      if (buffer.length > 1 << 20) {
        stream.write(buffer);
        buffer = "";
      }
    }
    stream.end(buffer);
  });
}
