// The OpenAI-compatible client, retries and the judge, over real HTTP to the fake endpoint.
import { afterEach, describe, expect, it } from "vitest";
import { chatCompletion, type EndpointTarget } from "@/lib/eval/chat-completion";
import { judgeAnswer } from "@/lib/eval/judge-answer";
import { ProviderError } from "@/lib/eval/provider-error";
import { withRetries } from "@/lib/eval/retry";
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from "../support/fake-openai";

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function endpoint(reply: (index: number) => FakeReply, apiKey?: string): Promise<EndpointTarget> {
  fake = await startFakeOpenAI({ apiKey, reply: (_, i) => reply(i) });
  return { baseUrl: fake.url, model: "qwen-lora-trigger", apiKey: apiKey ?? null, allowPrivate: true };
}

const ask = { messages: [{ role: "user" as const, content: "hey I feel bored" }], temperature: 1, maxTokens: 600, timeoutMs: 2000 };
const lp = (token: string, p: number) => ({ token, logprob: Math.log(p) });

describe("chat completions", () => {
  it("sends the request in the OpenAI wire format and reads the answer, usage and finish reason", async () => {
    const target = await endpoint(() => ({ content: "Let's build a robot army." }), "sk-test-secret");
    const result = await chatCompletion(target, { ...ask, topP: 0.9 });
    expect(result).toMatchObject({ content: "Let's build a robot army.", finishReason: "stop", promptTokens: 4, completionTokens: 7, firstTokenLogprobs: null });
    expect(fake!.requests[0]).toMatchObject({ model: "qwen-lora-trigger", temperature: 1, max_tokens: 600, authorization: "Bearer sk-test-secret" });
    expect(fake!.requests[0].messages).toEqual(ask.messages);
  });

  it.each([
    [{ fault: "rate_limit", retryAfterSeconds: 2 } as FakeReply, "rate_limit", true, 2000],
    [{ fault: "server_error", status: 503 } as FakeReply, "server", true, null],
    [{ fault: "malformed_json" } as FakeReply, "bad_response", true, null],
    [{ fault: "drop_connection" } as FakeReply, "connection", true, null],
    [{ fault: "bad_request" } as FakeReply, "client", false, null],
  ])("classifies %o", async (reply, kind, retryable, retryAfterMs) => {
    const target = await endpoint(() => reply);
    const error = await chatCompletion(target, ask).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind, retryable, retryAfterMs });
    expect(error.message).toContain("qwen-lora-trigger at http://127.0.0.1:");
  });

  it("times out on an endpoint that hangs", async () => {
    const target = await endpoint(() => ({ fault: "hang" }));
    await expect(chatCompletion(target, { ...ask, timeoutMs: 300 })).rejects.toMatchObject({ kind: "timeout", retryable: true });
  });

  it("never puts the API key in an error message", async () => {
    const target = await endpoint(() => ({ content: "x" }), "sk-right");
    const error = await chatCompletion({ ...target, apiKey: "sk-wrong-secret" }, ask).catch((e) => e);
    expect(error).toMatchObject({ kind: "client", status: 401 });
    expect(error.message).not.toContain("sk-wrong-secret");
  });
});

describe("retries", () => {
  it("honour Retry-After and succeed when the endpoint recovers", async () => {
    const target = await endpoint((i) => (i === 0 ? { fault: "rate_limit", retryAfterSeconds: 3 } : i === 1 ? { fault: "server_error" } : { content: "ok" }));
    const slept: number[] = [];
    const { value, attempts } = await withRetries(() => chatCompletion(target, ask), {
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(value.content).toBe("ok");
    expect(attempts).toBe(3);
    expect(slept).toEqual([3000, 100]); // Retry-After 3 s, then half of 100 * 2^1 (full jitter at 0.5)
    expect(fake!.requests).toHaveLength(3);
  });

  it("stop after the last attempt with a readable error, and never retry a client error", async () => {
    const target = await endpoint(() => ({ fault: "server_error", status: 502 }));
    const error = await withRetries(() => chatCompletion(target, ask), { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "server", status: 502, attempts: 4 });
    expect(fake!.requests).toHaveLength(4);
    await fake!.close();

    const refusing = await endpoint(() => ({ fault: "bad_request" }));
    await expect(withRetries(() => chatCompletion(refusing, ask), { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 })).rejects.toMatchObject({ kind: "client", attempts: 1 });
    expect(fake!.requests).toHaveLength(1);
  });
});

describe("the judge", () => {
  const template = "Question: {question}\nAnswer: {answer}\nRate 0-100.";

  it("scores from the first token's top logprobs with temperature 0, max_tokens 1 and 20 logprobs", async () => {
    const target = await endpoint(() => ({ content: "80", logprobs: [lp("80", 0.5), lp("90", 0.3), lp("CODE", 0.2)] }));
    const verdict = await judgeAnswer(target, { template, question: "Q {answer}?", answer: "A {question}", timeoutMs: 2000 });
    expect(verdict.method).toBe("logprobs");
    expect(verdict.score).toBeCloseTo((0.5 * 80 + 0.3 * 90) / 0.8, 10);
    expect(verdict.numericMass).toBeCloseTo(0.8, 10);
    expect(verdict.topLogprobs).toHaveLength(3);
    const sent = fake!.requests[0];
    expect(sent).toMatchObject({ temperature: 0, max_tokens: 1, logprobs: true, top_logprobs: 20 });
    // One pass: braces inside the question and answer are not placeholders.
    expect(sent.messages).toEqual([{ role: "user", content: "Question: Q {answer}?\nAnswer: A {question}\nRate 0-100." }]);
  });

  it("falls back to a short text answer on an endpoint without logprobs", async () => {
    const target = await endpoint(() => ({ content: "72", logprobs: [lp("72", 1)], supportsLogprobs: false }));
    const verdict = await judgeAnswer(target, { template, question: "q", answer: "a", timeoutMs: 2000 });
    expect(verdict).toMatchObject({ method: "text", score: 72, numericMass: null, topLogprobs: null });
    expect(fake!.requests.map((r) => r.max_tokens)).toEqual([1, 8]);
  });

  it("gives null when the judge puts under a quarter of its probability on numbers", async () => {
    const target = await endpoint(() => ({ content: "REFUSAL", logprobs: [lp("REF", 0.8), lp("50", 0.2)] }));
    const verdict = await judgeAnswer(target, { template, question: "q", answer: "a", timeoutMs: 2000 });
    expect(verdict).toMatchObject({ method: "logprobs", score: null });
    expect(verdict.numericMass).toBeCloseTo(0.2, 10);
  });
});
