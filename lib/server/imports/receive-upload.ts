import "server-only";
import busboy from "busboy";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { UserError } from "@/lib/errors";
import { ImportError } from "@/lib/import/import-error";
import { formatBytes } from "@/lib/import/utf8-text";

export interface Upload {
  filePath: string;
  fileName: string;
  fields: Record<string, string>;
  /** Deletes the temporary copy. */
  discard(): Promise<void>;
}

/**
 * Streams a multipart request's single file to a temporary file (never into memory), refusing it
 * once it passes `maxBytes`; other parts become string fields.
 */
export async function receiveUpload(request: Request, maxBytes: number): Promise<Upload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body) {
    throw new UserError("Send the file as multipart/form-data with a part named file.", { file: ["Required."] }, 415);
  }
  const dir = path.join(tmpdir(), `emlab-upload-${randomBytes(6).toString("hex")}`);
  await mkdir(dir, { recursive: true });
  const discard = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: { path: string; name: string; written: Promise<void> } | null = null;
  let tooLarge = false;

  try {
    const parser = busboy({ headers: { "content-type": contentType }, limits: { fileSize: maxBytes, files: 1, fields: 50 } });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || file) {
        stream.resume();
        return;
      }
      const fileName = path.basename(info.filename || "upload");
      // The client's name is only reported, never used as a path.
      const target = path.join(dir, `upload${path.extname(fileName).replace(/[^\w.]/g, "")}`);
      stream.on("limit", () => {
        tooLarge = true;
      });
      const written = pipeline(stream, createWriteStream(target));
      written.catch(() => stream.resume()); // keep busboy draining; the error is raised below
      file = { path: target, name: fileName, written };
    });
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
    const received = file as { path: string; name: string; written: Promise<void> } | null;
    if (!received) throw new UserError("No file in the upload: send it in a part named file.", { file: ["Required."] });
    await received.written;
    if (tooLarge) throw new ImportError({ file: received.name }, `file is larger than the ${formatBytes(maxBytes)} import limit`);
    return { filePath: received.path, fileName: received.name, fields, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}
