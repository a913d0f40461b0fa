import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** Column types the binary COPY writer encodes (PostgreSQL's send/recv formats). */
export type BinaryColumn = "int4" | "float8" | "text" | "jsonb" | "timestamp" | "enum";

export type BinaryValue = string | number | Date | null;

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;

/**
 * Rows in PostgreSQL's binary COPY format: no escaping on our side, no text parsing of numbers and
 * timestamps on the server's, and long answers copied as they are. A value that does not fit its
 * column (NaN, infinity) is written as NULL, as the text format writer does.
 */
export class BinaryCopyWriter {
  #buf = Buffer.allocUnsafe(1 << 20);
  #at = 0;
  #rows = 0;
  #dates = new Map<number, Buffer>();

  constructor(private readonly columns: BinaryColumn[]) {
    this.#begin();
  }

  get rows(): number {
    return this.#rows;
  }

  row(values: BinaryValue[]): void {
    this.#room(2);
    this.#at = this.#buf.writeInt16BE(this.columns.length, this.#at);
    this.columns.forEach((type, i) => this.#field(type, values[i]));
    this.#rows++;
  }

  /** The rows so far as one COPY payload (header, tuples, trailer); the writer starts over. */
  take(): Buffer {
    this.#room(2);
    this.#at = this.#buf.writeInt16BE(-1, this.#at);
    const out = Buffer.from(this.#buf.subarray(0, this.#at));
    this.#at = 0;
    this.#rows = 0;
    this.#begin();
    return out;
  }

  #begin(): void {
    this.#room(SIGNATURE.length + 8);
    this.#at += SIGNATURE.copy(this.#buf, this.#at);
    this.#at = this.#buf.writeInt32BE(0, this.#at); // flags
    this.#at = this.#buf.writeInt32BE(0, this.#at); // header extension length
  }

  #room(bytes: number): void {
    if (this.#at + bytes <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#at + bytes));
    this.#buf.copy(bigger, 0, 0, this.#at);
    this.#buf = bigger;
  }

  #null(): void {
    this.#room(4);
    this.#at = this.#buf.writeInt32BE(-1, this.#at);
  }

  #field(type: BinaryColumn, value: BinaryValue | undefined): void {
    if (value === null || value === undefined) return this.#null();
    switch (type) {
      case "int4":
      case "float8": {
        const n = Number(value);
        if (!Number.isFinite(n)) return this.#null();
        const size = type === "int4" ? 4 : 8;
        this.#room(4 + size);
        this.#at = this.#buf.writeInt32BE(size, this.#at);
        this.#at = type === "int4" ? this.#buf.writeInt32BE(n, this.#at) : this.#buf.writeDoubleBE(n, this.#at);
        return;
      }
      case "timestamp": {
        const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
        let encoded = this.#dates.get(ms);
        if (!encoded) {
          encoded = Buffer.alloc(12);
          encoded.writeInt32BE(8, 0);
          encoded.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, 4);
          if (this.#dates.size > 1000) this.#dates.clear();
          this.#dates.set(ms, encoded);
        }
        this.#room(12);
        this.#at += encoded.copy(this.#buf, this.#at);
        return;
      }
      default: {
        const text = String(value);
        const version = type === "jsonb" ? 1 : 0; // jsonb's binary form: a version byte, then the text
        const bytes = Buffer.byteLength(text);
        this.#room(4 + version + bytes);
        this.#at = this.#buf.writeInt32BE(bytes + version, this.#at);
        if (version) this.#at = this.#buf.writeUInt8(1, this.#at);
        this.#at += this.#buf.write(text, this.#at, "utf8");
      }
    }
  }
}

/** COPY a binary payload (BinaryCopyWriter.take) into `table` over the client's connection (and transaction). */
export async function copyBinaryInto(client: pg.ClientBase, table: string, columns: string[], payload: Buffer): Promise<void> {
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT binary)`));
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    stream.end(payload);
  });
}
