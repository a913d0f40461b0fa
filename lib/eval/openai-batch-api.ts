// The provider's Batch API in OpenAI's format: upload a JSONL file of requests (/files), create a
// batch (/batches), poll it, download its output and error files. The same address and key rules
// as every other endpoint request (outboundFetch); errors become ProviderErrors.
import { FormData } from "undici";
import { z } from "zod";
import { errorDetail, requestFailure, type EndpointTarget } from "./chat-completion";
import { endpointUrl } from "./endpoint-url";
import { boundedText, outboundFetch } from "./outbound-fetch";
import { ProviderError } from "./provider-error";

type Target = Omit<EndpointTarget, "model"> & { timeoutMs: number };

const REMOTE_ID = /^[\w.-]{1,200}$/;
/** Largest output or error file read (10,000 judge lines with 20 logprobs each are ~30 MB). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const remoteBatchSchema = z.object({
  id: z.string().regex(REMOTE_ID),
  status: z.string().max(40),
  output_file_id: z.string().regex(REMOTE_ID).nullish(),
  error_file_id: z.string().regex(REMOTE_ID).nullish(),
  request_counts: z.object({ total: z.number(), completed: z.number(), failed: z.number() }).nullish(),
  input_file_id: z.string().regex(REMOTE_ID).nullish(),
  /** Unix seconds. */
  created_at: z.number().nullish(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
});
export type RemoteBatch = z.infer<typeof remoteBatchSchema>;

/** Statuses after which a provider batch changes no more. */
export const TERMINAL = new Set(["completed", "failed", "expired", "cancelled"]);

async function call(target: Target, path: string, init: { method?: string; body?: FormData | string; json?: boolean } = {}): Promise<string> {
  const url = endpointUrl(target.baseUrl, path);
  if (!url) throw new ProviderError("client", `${target.baseUrl}: the base URL is not a plain http(s) URL without query, fragment or credentials`);
  const headers: Record<string, string> = {};
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  if (init.json) headers["content-type"] = "application/json";
  const what = `the Batch API at ${target.baseUrl}`;
  let response;
  try {
    response = await outboundFetch(url, { method: init.method ?? "GET", headers, body: init.body, signal: AbortSignal.timeout(target.timeoutMs) }, target.allowPrivate ?? false);
  } catch (error) {
    throw requestFailure(error, what, target.timeoutMs);
  }
  const text = await boundedText(response, MAX_FILE_BYTES).catch(() => {
    throw new ProviderError("connection", `${what} dropped the connection mid-answer`);
  });
  if (text === null) throw new ProviderError("client", `${what} answered with more than ${MAX_FILE_BYTES / 1024 / 1024} MB`, response.status);
  if (!response.ok) {
    const kind = response.status === 429 ? "rate_limit" : response.status >= 500 ? "server" : "client";
    throw new ProviderError(kind, `${what} answered ${response.status} to ${init.method ?? "GET"} /${path.split("/")[0]}${errorDetail(text)}`, response.status);
  }
  return text;
}

function parseBatch(text: string, target: Target): RemoteBatch {
  try {
    return remoteBatchSchema.parse(JSON.parse(text));
  } catch {
    throw new ProviderError("bad_response", `the Batch API at ${target.baseUrl} answered without a batch object`);
  }
}

function checkId(id: string): string {
  if (!REMOTE_ID.test(id)) throw new ProviderError("bad_response", "the Batch API gave an id that is not a plain identifier");
  return id;
}

/** Uploads the requests (JSONL) with purpose "batch"; returns the file id. */
export async function uploadBatchFile(target: Target, jsonl: string, name: string): Promise<string> {
  const form = new FormData();
  form.append("purpose", "batch");
  form.append("file", new Blob([jsonl], { type: "application/jsonl" }), name);
  const text = await call(target, "files", { method: "POST", body: form });
  const id = (JSON.parse(text) as { id?: unknown }).id;
  if (typeof id !== "string") throw new ProviderError("bad_response", `the Batch API at ${target.baseUrl} answered the upload without a file id`);
  return checkId(id);
}

export async function createRemoteBatch(target: Target, inputFileId: string, metadata: Record<string, string>): Promise<RemoteBatch> {
  const body = JSON.stringify({ input_file_id: inputFileId, endpoint: "/v1/chat/completions", completion_window: "24h", metadata });
  return parseBatch(await call(target, "batches", { method: "POST", body, json: true }), target);
}

export async function retrieveRemoteBatch(target: Target, id: string): Promise<RemoteBatch> {
  return parseBatch(await call(target, `batches/${checkId(id)}`), target);
}

export async function cancelRemoteBatch(target: Target, id: string): Promise<RemoteBatch> {
  return parseBatch(await call(target, `batches/${checkId(id)}/cancel`, { method: "POST" }), target);
}

const batchListSchema = z.object({ data: z.array(remoteBatchSchema).max(100), has_more: z.boolean().nullish(), last_id: z.string().regex(REMOTE_ID).nullish() });

/** How far back the search for a batch looks: 20 pages of 100, newest first. */
const MAX_LIST_PAGES = 20;

/**
 * The provider batch whose metadata carries `key: value`, created at or after `since` (a little
 * clock skew allowed), or null: what a worker that stopped between creating a batch and recording
 * it left behind. Lists newest first and stops at the first page older than `since`.
 */
export async function findRemoteBatch(target: Target, key: string, value: string, since: Date): Promise<RemoteBatch | null> {
  const oldest = since.getTime() / 1000 - 300;
  let after: string | null = null;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const text = await call(target, `batches?limit=100${after ? `&after=${encodeURIComponent(after)}` : ""}`);
    let list: z.infer<typeof batchListSchema>;
    try {
      list = batchListSchema.parse(JSON.parse(text));
    } catch {
      throw new ProviderError("bad_response", `the Batch API at ${target.baseUrl} answered the batch list without a list of batches`);
    }
    const found = list.data.find((b) => b.metadata?.[key] === value);
    if (found) return found;
    const last = list.data.at(-1);
    if (!list.has_more || !last || (last.created_at ?? 0) < oldest) return null;
    after = list.last_id ?? last.id;
  }
  return null;
}

/** The lines of an output or error file. */
export async function remoteFileLines(target: Target, fileId: string): Promise<string[]> {
  return (await call(target, `files/${checkId(fileId)}/content`)).split("\n").filter((line) => line.trim());
}

const outputLineSchema = z.object({
  custom_id: z.string().max(100),
  response: z.object({ status_code: z.number(), body: z.unknown() }).nullish(),
  error: z.object({ message: z.string().max(2000).optional(), code: z.string().max(200).nullish() }).nullish(),
});
export type OutputLine = z.infer<typeof outputLineSchema>;

/** One line of an output or error file, or null when it is not one. */
export function parseOutputLine(line: string): OutputLine | null {
  try {
    const parsed = outputLineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
