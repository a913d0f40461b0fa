import { ImportError } from "./import-error";
import { formatBytes } from "./utf8-text";

/**
 * Splits decoded text into lines (LF or CRLF), refusing a line longer than `maxBytes` as soon as
 * it passes the limit, before the rest of it is read into memory.
 */
export async function* textLines(chunks: AsyncIterable<string>, { file, maxBytes }: { file: string; maxBytes: number }): AsyncGenerator<string> {
  let parts: string[] = [];
  let partChars = 0;
  let line = 1;
  const tooLong = () => new ImportError({ file, line }, `the line is longer than ${formatBytes(maxBytes)}`);
  const finish = (tail: string): string => {
    const text = partChars ? parts.join("") + tail : tail;
    parts = [];
    partChars = 0;
    // Characters never outnumber UTF-8 bytes: count bytes only for lines that may be over.
    if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) throw tooLong();
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", start)) {
      yield finish(chunk.slice(start, nl));
      line++;
      start = nl + 1;
    }
    if (start < chunk.length) {
      parts.push(chunk.slice(start));
      partChars += chunk.length - start;
      if (partChars > maxBytes) throw tooLong();
    }
  }
  if (partChars) yield finish("");
}
