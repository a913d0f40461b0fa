// The OpenAI Batch API on the fake server (tests only): /v1/files (upload, content) and
// /v1/batches (create, list, retrieve, cancel). A batch answers each JSONL line as the chat endpoint
// would, after `delayMs`; a line the script faults goes to the error file.
import type http from "node:http";
import type { FakeRequest } from "./fake-openai";

interface FakeFile {
  id: string;
  purpose: string;
  text: string;
}

export interface FakeBatch {
  id: string;
  object: "batch";
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: string;
  output_file_id: string | null;
  error_file_id: string | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
  /** Unix seconds. */
  created_at: number;
  /** Tests: hold the batch in progress until released. */
  held?: boolean;
}

type Answer = (body: Omit<FakeRequest, "authorization">) => { status: number; body: unknown };
type Reply = { status: number; body?: unknown; text?: string };

export class FakeBatchApi {
  readonly files = new Map<string, FakeFile>();
  readonly batches = new Map<string, FakeBatch>();
  /** Hold every new batch in progress (tests of cancel). */
  hold = false;
  private next = 1;

  constructor(
    private readonly answer: Answer,
    private readonly delayMs: number,
  ) {}

  async handle(req: http.IncomingMessage, bytes: Buffer): Promise<Reply> {
    const url = new URL(req.url ?? "/", "http://fake");
    const parts = url.pathname.split("/").filter(Boolean); // v1, files|batches, id?, action?
    if (parts[1] === "files" && req.method === "POST" && parts.length === 2) return this.upload(req, bytes);
    if (parts[1] === "files" && req.method === "GET" && parts[3] === "content") {
      const file = this.files.get(parts[2]);
      return file ? { status: 200, text: file.text } : notFound();
    }
    if (parts[1] === "batches" && req.method === "POST" && parts.length === 2) return this.create(JSON.parse(bytes.toString("utf8")));
    if (parts[1] === "batches" && req.method === "GET" && parts.length === 2) return this.list(Number(url.searchParams.get("limit") ?? 20), url.searchParams.get("after"));
    const batch = this.batches.get(parts[2] ?? "");
    if (!batch) return notFound();
    if (req.method === "GET" && parts.length === 3) return { status: 200, body: publicView(batch) };
    if (req.method === "POST" && parts[3] === "cancel") {
      if (["validating", "in_progress"].includes(batch.status)) {
        batch.status = "cancelling";
        setTimeout(() => (batch.status = "cancelled"), this.delayMs);
      }
      return { status: 200, body: publicView(batch) };
    }
    return notFound();
  }

  /** Newest first, `limit` a page, starting after the batch `after` (OpenAI's cursor). */
  private list(limit: number, after: string | null): Reply {
    const all = [...this.batches.values()].reverse();
    const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
    const page = all.slice(start, start + limit);
    return { status: 200, body: { object: "list", data: page.map(publicView), has_more: start + limit < all.length, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null } };
  }

  release(id: string): void {
    const batch = this.batches.get(id);
    if (batch) batch.held = false;
  }

  private async upload(req: http.IncomingMessage, bytes: Buffer): Promise<Reply> {
    const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    const file = form.get("file");
    if (!(file instanceof Blob) || form.get("purpose") !== "batch") return { status: 400, body: { error: { message: "file and purpose=batch are required" } } };
    const id = `file-${this.next++}`;
    this.files.set(id, { id, purpose: "batch", text: await file.text() });
    return { status: 200, body: { id, object: "file", purpose: "batch", bytes: file.size } };
  }

  private create(body: { input_file_id?: string; endpoint?: string; completion_window?: string; metadata?: Record<string, string> }): Reply {
    const input = this.files.get(body.input_file_id ?? "");
    if (!input || body.endpoint !== "/v1/chat/completions") return { status: 400, body: { error: { message: "unknown input_file_id or endpoint" } } };
    const lines = input.text.split("\n").filter(Boolean);
    const batch: FakeBatch = {
      id: `batch-${this.next++}`,
      object: "batch",
      endpoint: body.endpoint,
      input_file_id: input.id,
      completion_window: body.completion_window ?? "24h",
      status: "validating",
      output_file_id: null,
      error_file_id: null,
      request_counts: { total: lines.length, completed: 0, failed: 0 },
      metadata: body.metadata ?? null,
      created_at: Math.floor(Date.now() / 1000),
      held: this.hold,
    };
    this.batches.set(batch.id, batch);
    setTimeout(() => (batch.status === "validating" ? (batch.status = "in_progress") : null), this.delayMs / 2);
    const finish = () => {
      if (batch.status !== "in_progress") return;
      if (batch.held) return void setTimeout(finish, this.delayMs);
      const output: string[] = [];
      const errors: string[] = [];
      for (const line of lines) {
        const request = JSON.parse(line) as { custom_id: string; body: Omit<FakeRequest, "authorization"> };
        const { status, body: response } = this.answer(request.body);
        const record = JSON.stringify({ id: `req-${this.next++}`, custom_id: request.custom_id, response: { status_code: status, request_id: "r", body: response }, error: null });
        (status === 200 ? output : errors).push(record);
      }
      batch.request_counts = { total: lines.length, completed: output.length, failed: errors.length };
      batch.output_file_id = output.length ? this.store(output) : null;
      batch.error_file_id = errors.length ? this.store(errors) : null;
      batch.status = "completed";
    };
    setTimeout(finish, this.delayMs);
    return { status: 200, body: publicView(batch) };
  }

  private store(lines: string[]): string {
    const id = `file-${this.next++}`;
    this.files.set(id, { id, purpose: "batch_output", text: `${lines.join("\n")}\n` });
    return id;
  }
}

function publicView(batch: FakeBatch) {
  const { held: _held, ...rest } = batch;
  return rest;
}

function notFound(): Reply {
  return { status: 404, body: { error: { message: "not found" } } };
}
