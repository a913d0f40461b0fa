// A fake OpenAI-compatible server for tests only (never part of the product): real HTTP on
// 127.0.0.1, the chat-completions wire format with logprobs, scripted per request, with faults.
import http from "node:http";
import type { AddressInfo } from "node:net";

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
  /** Keep every request in `requests` (tests read them; a long benchmark need not). */
  keepRequests?: boolean;
}): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  let received = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    let raw = "";
    if (req.url === "/v1/chat/completions") {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      res.on("close", () => inFlight--);
    }
    req.on("data", (c) => (raw += c));
    req.on("end", () => setTimeout(() => answer(raw), options.delayMs ?? 0));
    const answer = (raw: string) => {
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
      const wantLogprobs = body.logprobs === true && reply.supportsLogprobs !== false;
      const content = body.max_tokens === 1 && reply.logprobs ? reply.logprobs[0]?.token ?? reply.content : reply.content;
      const prompt = body.messages.map((m) => m.content).join(" ");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
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
        }),
      );
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
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
