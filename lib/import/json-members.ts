// A streaming reader for one large JSON object: yields its top-level members one by one, and the
// elements of one array member (Inspect's `samples`) one by one, each parsed on its own. Memory
// holds one member or one element at a time, never the whole file. Bytes are scanned, not
// decoded: JSON's structure is ASCII, and UTF-8 never puts ASCII bytes inside a character.
import { ImportError } from "./import-error";
import { formatBytes } from "./utf8-text";

export type JsonEvent =
  | { kind: "member"; key: string; value: unknown; line: number }
  | { kind: "element"; key: string; index: number; value: unknown; line: number };

export interface JsonMembersOptions {
  file: string;
  /** Members parsed and yielded; others are skipped without being kept. */
  keys: ReadonlySet<string>;
  /** The array member whose elements are yielded one by one (instead of the member whole). */
  arrayKey?: string;
  /** Largest member or element kept, in bytes. */
  maxValueBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d, COMMA = 0x2c, COLON = 0x3a, NEWLINE = 0x0a;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A value's bytes collected across chunks, refused once they pass the limit. */
class Capture {
  private parts: Uint8Array[] = [];
  private size = 0;
  constructor(readonly line: number, private readonly limit: number, private readonly describe: () => ImportError) {}
  add(chunk: Uint8Array, from: number, to: number) {
    if (to <= from) return;
    this.size += to - from;
    if (this.size > this.limit) throw this.describe();
    this.parts.push(chunk.subarray(from, to));
  }
  parse(file: string, where: string): unknown {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new ImportError({ file, line: this.line }, `${where} is not valid UTF-8`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      const kind = (error as Error).message.replace(/,? ?".*$/s, "").slice(0, 80);
      throw new ImportError({ file, line: this.line }, `${where} is not valid JSON (${kind})`);
    }
  }
}

// Where the scanner is: top = before the opening brace; key = expecting a key (or the closing
// brace); colon = after a key; value = expecting a member's value; after = after a value;
// element = expecting an array element (or the closing bracket); afterElement = after one.
type Place = "top" | "key" | "colon" | "value" | "after" | "element" | "afterElement" | "end";

export async function* jsonMembers(source: AsyncIterable<Uint8Array>, options: JsonMembersOptions): AsyncGenerator<JsonEvent> {
  const { file, keys, arrayKey, maxValueBytes, maxDepth } = options;
  let line = 1;
  let place = "top" as Place;
  let inString = false;
  let escaped = false;
  let depth = 0; // nesting inside the current value (0: between values)
  let key = "";
  let keyBytes: number[] | null = null;
  let capture = null as Capture | null;
  let skipping = false; // inside a value that is not kept
  let scalar = false; // inside a number, true, false or null
  let index = 0;
  const events: JsonEvent[] = [];
  const fail = (problem: string) => new ImportError({ file, line }, problem);
  const where = () => (place === "element" || place === "afterElement" ? `${arrayKey}[${index}]` : `"${key}"`);

  const finishValue = () => {
    if (capture) {
      if (place === "value") events.push({ kind: "member", key, value: capture.parse(file, `member "${key}"`), line: capture.line });
      else events.push({ kind: "element", key, index, value: capture.parse(file, `${arrayKey}[${index}]`), line: capture.line });
    }
    capture = null;
    skipping = false;
    scalar = false;
    if (place === "element") {
      index++;
      place = "afterElement";
    } else {
      place = "after";
    }
  };

  const startValue = (b: number) => {
    const keep = place === "element" || (keys.has(key) && key !== arrayKey);
    if (keep) capture = new Capture(line, maxValueBytes, () => fail(`${where()} is larger than ${formatBytes(maxValueBytes)}`));
    else skipping = true;
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth = 1;
    else if (b === QUOTE) {
      inString = true;
      depth = 0;
    } else scalar = true;
  };

  for await (const chunk of source) {
    let start = 0; // where the capture resumes in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === NEWLINE) line++;
      if (keyBytes) {
        // Inside a key.
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          try {
            key = JSON.parse(`"${decoder.decode(Uint8Array.from(keyBytes))}"`);
          } catch {
            throw fail("a key is not a valid JSON string");
          }
          keyBytes = null;
          place = "colon";
          continue;
        }
        if (keyBytes.length > 1000) throw fail("a key is longer than 1,000 bytes");
        keyBytes.push(b);
        continue;
      }
      if (capture || skipping) {
        // Inside a value.
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) {
            inString = false;
            if (depth === 0) {
              capture?.add(chunk, start, i + 1);
              start = i + 1;
              finishValue();
            }
          }
          continue;
        }
        if (scalar) {
          if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isSpace(b)) {
            capture?.add(chunk, start, i);
            start = i;
            finishValue();
            i--; // the separator is read again outside the value
            if (b === NEWLINE) line--;
          }
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
          depth++;
          if (depth > maxDepth) throw fail(`${where()} is nested more than ${maxDepth} levels deep`);
        } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
          depth--;
          if (depth === 0) {
            capture?.add(chunk, start, i + 1);
            start = i + 1;
            finishValue();
          }
        }
        continue;
      }
      if (isSpace(b)) continue;
      switch (place) {
        case "top":
          if (b !== OPEN_OBJECT) throw fail("the file is not a JSON object");
          place = "key";
          break;
        case "key":
          if (b === QUOTE) keyBytes = [];
          else if (b === CLOSE_OBJECT) place = "end";
          else throw fail("expected a key");
          break;
        case "colon":
          if (b !== COLON) throw fail(`expected ":" after "${key.slice(0, 100)}"`);
          place = "value";
          break;
        case "value":
          if (key === arrayKey && b === OPEN_ARRAY) {
            place = "element";
            index = 0;
            break;
          }
          startValue(b);
          start = i;
          break;
        case "after":
          if (b === COMMA) place = "key";
          else if (b === CLOSE_OBJECT) place = "end";
          else throw fail(`unexpected character after member "${key.slice(0, 100)}"`);
          break;
        case "element":
          if (b === CLOSE_ARRAY) {
            place = "after";
            break;
          }
          startValue(b);
          start = i;
          break;
        case "afterElement":
          if (b === COMMA) place = "element";
          else if (b === CLOSE_ARRAY) place = "after";
          else throw fail(`unexpected character after ${arrayKey}[${index - 1}]`);
          break;
        case "end":
          throw fail("unexpected content after the end of the JSON object");
      }
      yield* events.splice(0);
    }
    capture?.add(chunk, start, chunk.length);
    yield* events.splice(0);
  }
  if (place !== "end") {
    const inside = capture || skipping ? ` inside ${where()}` : "";
    throw new ImportError({ file, line }, `the file ends before the JSON object does${inside} (truncated?)`);
  }
}
