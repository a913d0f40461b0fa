import { ImportError } from "./import-error";

/** Byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 (a truncated tail is valid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> extra);
    for (let j = 1; j <= extra; j++) {
      if (i + j >= bytes.length) return -1; // truncated at the end: may continue in the next chunk
      const c = bytes[i + j];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

export interface TextOptions {
  file: string;
  /** Refuse files larger than this many bytes. */
  maxBytes?: number;
}

/**
 * Decodes a byte stream as strict UTF-8, chunk by chunk, dropping a leading BOM. Invalid bytes
 * or a file over the size limit raise an ImportError naming the line.
 */
export async function* utf8Text(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, { file, maxBytes }: TextOptions): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let bytes = 0;
  let lines = 1;
  let pending: Uint8Array = new Uint8Array(0); // bytes of a sequence split across chunks
  for await (const chunk of source) {
    bytes += chunk.length;
    if (maxBytes !== undefined && bytes > maxBytes) {
      throw new ImportError({ file }, `file is larger than the ${formatBytes(maxBytes)} import limit`);
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      const at = Math.max(0, firstInvalidUtf8(joined));
      const line = lines + countNewlines(joined, at);
      throw new ImportError({ file, line }, `invalid UTF-8 (byte 0x${joined[at]?.toString(16).padStart(2, "0")}); save the file as UTF-8`);
    }
    lines += countNewlines(chunk, chunk.length);
    pending = tailOfIncompleteSequence(chunk);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new ImportError({ file, line: lines }, "invalid UTF-8: the file ends in the middle of a character");
  }
}

/** The last 0-3 bytes of a chunk that may begin a multi-byte sequence continued in the next one. */
function tailOfIncompleteSequence(chunk: Uint8Array): Uint8Array {
  const start = Math.max(0, chunk.length - 3);
  for (let i = chunk.length - 1; i >= start; i--) {
    if ((chunk[i] & 0xc0) !== 0x80) return (chunk[i] & 0x80) === 0 ? new Uint8Array(0) : chunk.slice(i);
  }
  return new Uint8Array(0);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 102.4) / 10} KB`;
  return `${n} bytes`;
}
