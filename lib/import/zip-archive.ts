// Reads a zip archive (an Inspect .eval log) entry by entry from disk: the central directory
// first, then only the entries asked for, each inflated into memory within a size limit. yauzl
// checks every entry's actual size against the directory's, so the sizes bound the work.
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { ImportError } from "./import-error";
import { formatBytes } from "./utf8-text";

export interface ZipEntryInfo {
  name: string;
  size: number;
  method: number;
}

export interface ZipArchive {
  entries: ZipEntryInfo[];
  has(name: string): boolean;
  /** The entry's bytes; refused when larger than maxBytes or stored with an unknown method. */
  read(name: string, maxBytes: number): Promise<Buffer>;
  close(): void;
}

/** Deflate and stored: what Inspect wrote until 0.3.206, which switched to zstd (method 93). */
const METHODS = new Map([
  [0, "stored"],
  [8, "deflate"],
]);

function open(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

export async function openZipArchive(filePath: string, { file, maxEntries }: { file: string; maxEntries: number }): Promise<ZipArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(filePath);
  } catch (error) {
    throw new ImportError({ file }, `not a readable zip archive (${(error as Error).message.slice(0, 120)}); an .eval log may be truncated`);
  }
  const byName = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        if (byName.size >= maxEntries) {
          reject(new ImportError({ file }, `more than ${maxEntries.toLocaleString("en")} entries in the archive`));
          return;
        }
        byName.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on("end", () => resolve());
      zip.on("error", (error: Error) => reject(error instanceof ImportError ? error : new ImportError({ file }, `the zip directory is damaged (${error.message.slice(0, 120)})`)));
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }

  async function read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = byName.get(name);
    if (!entry) throw new ImportError({ file, field: name }, "missing from the archive");
    if (!METHODS.has(entry.compressionMethod)) {
      const zstd = entry.compressionMethod === 93 ? " (zstd, written by Inspect 0.3.206 and later); convert the log with `inspect log convert --to json` and import the .json" : "";
      throw new ImportError({ file, field: name }, `compression method ${entry.compressionMethod} is not supported${zstd}`);
    }
    if (entry.isEncrypted()) throw new ImportError({ file, field: name }, "the entry is encrypted");
    if (entry.uncompressedSize > maxBytes) throw new ImportError({ file, field: name }, `the entry is ${formatBytes(entry.uncompressedSize)}, larger than the ${formatBytes(maxBytes)} limit`);
    try {
      const stream: Readable = await new Promise((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
      const parts: Buffer[] = [];
      let size = 0;
      for await (const part of stream) {
        size += (part as Buffer).length;
        if (size > maxBytes) {
          stream.destroy();
          throw new ImportError({ file, field: name }, `the entry inflates past ${formatBytes(maxBytes)}`);
        }
        parts.push(part as Buffer);
      }
      return Buffer.concat(parts);
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError({ file, field: name }, `could not be read (${(error as Error).message.slice(0, 120)}); the archive may be truncated or damaged`);
    }
  }

  return {
    entries: [...byName.values()].map((e) => ({ name: e.fileName, size: e.uncompressedSize, method: e.compressionMethod })),
    has: (name) => byName.has(name),
    read,
    close: () => zip.close(),
  };
}
