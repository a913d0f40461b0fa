// A fake OpenAI-compatible server for tests only (never part of the product): real HTTP on
// 127.0.0.1, the chat-completions wire format with logprobs, scripted per request, with faults.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { FakeBatchApi } from "./fake-batch-api";

export interface FakeRequest {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  authorization: string | null;
}

export type FakeReply =
  | { content: string; logprobs?: { token: string; logprob: number }[]; finishReason?: string; supportsLogprobs?: boolean }
  | { fault: "rate_limit"; retryAfterSeconds?: number }
  | { fault: "server_error"; status?: number }
  | { fault: "hang" }
  | { fault: "malformed_json" }
  | { fault: "drop_connection" }
  | { fault: "bad_request" };

export interface FakeOpenAI {
  url: string;
  requests: FakeRequest[];
  /** Batch API state (/v1/files, /v1/batches). */
  batchApi: FakeBatchApi;
  /** The most chat requests it was answering at one time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export async function startFakeOpenAI(options: {
  apiKey?: string;
  /** Latency before every answer, like a real model server. */
  delayMs?: number;
  /** Fixed port (the e2e server); a free one by default. */
  port?: number;
  /** Model ids GET /v1/models lists. */
  models?: string[];
  reply: (request: FakeRequest, index: number) => FakeReply;
  /** Batch API: how long a batch stays validating/in progress before it completes. */
  batchDelayMs?: number;
  /** Keep every request in `requests` (tests read them; a long benchmark need not). */
  keepRequests?: boolean;
}): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  let received = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const batchApi = new FakeBatchApi((body) => {
    const index = received++;
    requests.push({ ...body, authorization: null });
    return chatCompletionReply(body, options.reply({ ...body, authorization: null }, index), index);
  }, options.batchDelayMs ?? 50);
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    if (req.url === "/v1/chat/completions") {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      res.on("close", () => inFlight--);
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => setTimeout(() => answer(Buffer.concat(chunks)), options.delayMs ?? 0));
    const answer = (bytes: Buffer) => {
      const raw = bytes.toString("utf8");
      if (req.url?.startsWith("/v1/files") || req.url?.startsWith("/v1/batches")) {
        if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "Incorrect API key provided" } }));
          return;
        }
        void batchApi.handle(req, bytes).then(({ status, body, text }) => {
          res.writeHead(status, { "content-type": text === undefined ? "application/json" : "application/jsonl" }).end(text ?? JSON.stringify(body));
        });
        return;
      }
      if (req.method === "GET" && req.url === "/v1/models") {
        if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "Incorrect API key provided" } }));
          return;
        }
        const models = options.models ?? ["backdoored", "clean", "gpt-4o-judge"];
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: models.map((id) => ({ id, object: "model", owned_by: "fake" })) }));
        return;
      }
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "Incorrect API key provided" } }));
        return;
      }
      let body: FakeRequest;
      try {
        body = { ...JSON.parse(raw), authorization: req.headers.authorization ?? null };
      } catch {
        res.writeHead(400).end(JSON.stringify({ error: { message: "invalid JSON body" } }));
        return;
      }
      const index = received++;
      if (options.keepRequests !== false) requests.push(body);
      const reply = options.reply(body, index);
      if ("fault" in reply) {
        switch (reply.fault) {
          case "rate_limit":
            res.writeHead(429, { "content-type": "application/json", ...(reply.retryAfterSeconds !== undefined ? { "retry-after": String(reply.retryAfterSeconds) } : {}) });
            res.end(JSON.stringify({ error: { message: "Rate limit reached", type: "requests" } }));
            return;
          case "server_error":
            res.writeHead(reply.status ?? 500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "The server had an error" } }));
            return;
          case "hang":
            return; // never answers; the client's timeout must fire
          case "malformed_json":
            res.writeHead(200, { "content-type": "application/json" }).end('{"choices": [{"message": {"content": "trunc');
            return;
          case "drop_connection":
            req.socket.destroy();
            return;
          case "bad_request":
            res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "max_tokens is too large" } }));
            return;
        }
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(chatCompletionReply(body, reply, index).body));
    };
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    batchApi,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The wire answer to one chat-completions request: 200 with the completion, or the fault's status and error. */
export function chatCompletionReply(body: Omit<FakeRequest, "authorization">, reply: FakeReply, index: number): { status: number; body: unknown } {
  if ("fault" in reply) {
    const status = reply.fault === "rate_limit" ? 429 : reply.fault === "bad_request" ? 400 : reply.fault === "server_error" ? (reply.status ?? 500) : 500;
    return { status, body: { error: { message: `fake fault: ${reply.fault}` } } };
  }
  const wantLogprobs = body.logprobs === true && reply.supportsLogprobs !== false;
  const content = body.max_tokens === 1 && reply.logprobs ? reply.logprobs[0]?.token ?? reply.content : reply.content;
  const prompt = body.messages.map((m) => m.content).join(" ");
  return {
    status: 200,
    body: {
      id: `chatcmpl-fake-${index}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content },
          logprobs: wantLogprobs && reply.logprobs
            ? { content: [{ token: reply.logprobs[0].token, logprob: reply.logprobs[0].logprob, bytes: null, top_logprobs: reply.logprobs.slice(0, body.top_logprobs ?? 0).map((t) => ({ ...t, bytes: null })) }] }
            : null,
          finish_reason: reply.finishReason ?? (body.max_tokens !== undefined && tokens(content) >= body.max_tokens ? "length" : "stop"),
        },
      ],
      usage: { prompt_tokens: tokens(prompt), completion_tokens: tokens(content), total_tokens: tokens(prompt) + tokens(content) },
    },
  };
}
