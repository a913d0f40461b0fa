import type { ChatMessage } from "@/lib/domain/prompt-rendering";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { endpointUrl } from "./endpoint-url";
import { boundedText, outboundFetch, PRIVATE_ADDRESS_CODE } from "./outbound-fetch";
import { parseRetryAfter, ProviderError } from "./provider-error";

export interface EndpointTarget {
  /** OpenAI-compatible base URL, e.g. http://localhost:8000/v1 (vLLM) or https://api.openai.com/v1. */
  baseUrl: string;
  model: string;
  /** The key itself, read from the environment by the worker; never stored or logged. */
  apiKey: string | null;
  /** EMLAB_ALLOW_PRIVATE_ENDPOINTS in the worker: whether loopback and private addresses may be reached. */
  allowPrivate?: boolean;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature: number;
  topP?: number;
  maxTokens: number;
  /** Ask for the first token's top logprobs (judging). */
  topLogprobs?: number;
  timeoutMs: number;
}

export interface ChatResult {
  content: string;
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  /** Top candidates for the first generated token, when requested and supported. */
  firstTokenLogprobs: TopLogprob[] | null;
  latencyMs: number;
}

/** Largest response body read from an endpoint (a 32k-token answer is well under 1 MB). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

function describe(target: Pick<EndpointTarget, "model" | "baseUrl">): string {
  return `${target.model} at ${target.baseUrl}`;
}

/** The endpoint's own error message (OpenAI's {"error": {"message"}}), at most 200 characters; never other body text. */
export function errorDetail(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message;
    if (typeof message === "string" && message.trim()) {
      const flat = message.replace(/\s+/g, " ").trim();
      return `: ${flat.length > 200 ? `${flat.slice(0, 200)}…` : flat}`;
    }
  } catch {
    // not JSON: say nothing about the body
  }
  return "";
}

/** A fetch failure (before any response) as a ProviderError. */
export function requestFailure(error: unknown, what: string, timeoutMs: number): ProviderError {
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") return new ProviderError("timeout", `${what} did not answer within ${timeoutMs} ms`);
  if ((error as { code?: string }).code === PRIVATE_ADDRESS_CODE) return new ProviderError("client", `refused to reach ${what}: ${(error as Error).message}`);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === PRIVATE_ADDRESS_CODE) return new ProviderError("client", `refused to reach ${what}: ${cause.message}`);
  return new ProviderError("connection", `could not reach ${what}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
}

export interface WireResponse {
  choices?: {
    message?: { content?: string | null };
    finish_reason?: string | null;
    logprobs?: { content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[] | null } | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** The chat-completions request body (also one line of a Batch API input file). */
export function chatRequestBody(model: string, request: Omit<ChatRequest, "timeoutMs">): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: request.messages,
    temperature: request.temperature,
    max_tokens: request.maxTokens,
  };
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topLogprobs) {
    body.logprobs = true;
    body.top_logprobs = request.topLogprobs;
  }
  return body;
}

/** One chat-completions call; failures become classified ProviderErrors (see retry.ts). */
export async function chatCompletion(target: EndpointTarget, request: ChatRequest): Promise<ChatResult> {
  const body = chatRequestBody(target.model, request);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const url = endpointUrl(target.baseUrl, "chat/completions");
  if (!url) throw new ProviderError("client", `${describe(target)}: the base URL is not a plain http(s) URL without query, fragment or credentials`);
  const started = performance.now();
  let response: Awaited<ReturnType<typeof outboundFetch>>;
  try {
    response = await outboundFetch(url, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(request.timeoutMs) }, target.allowPrivate ?? false);
  } catch (error) {
    throw requestFailure(error, describe(target), request.timeoutMs);
  }

  let text: string | null;
  try {
    text = await boundedText(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") throw new ProviderError("timeout", `${describe(target)} did not finish answering within ${request.timeoutMs} ms`);
    throw new ProviderError("connection", `${describe(target)} dropped the connection mid-answer`);
  }
  const latencyMs = Math.round(performance.now() - started);
  if (text === null) throw new ProviderError("client", `${describe(target)} answered with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`, response.status);
  if (!response.ok) {
    const detail = errorDetail(text);
    if (response.status === 429) {
      throw new ProviderError("rate_limit", `${describe(target)} is rate limiting (429)${detail}`, 429, parseRetryAfter(response.headers.get("retry-after")));
    }
    if (response.status >= 500) {
      throw new ProviderError("server", `${describe(target)} failed with ${response.status}${detail}`, response.status, parseRetryAfter(response.headers.get("retry-after")));
    }
    if (response.status >= 300 && response.status < 400) {
      throw new ProviderError("client", `${describe(target)} answered with a redirect (${response.status}); redirects are not followed: use the final URL`, response.status);
    }
    throw new ProviderError("client", `${describe(target)} refused the request with ${response.status}${detail}`, response.status);
  }
  let parsed: WireResponse;
  try {
    parsed = JSON.parse(text) as WireResponse;
  } catch {
    throw new ProviderError("bad_response", `${describe(target)} answered with malformed JSON`, response.status);
  }
  return readCompletion(parsed, describe(target), response.status, latencyMs);
}

/** A parsed chat-completions answer as a ChatResult (also a Batch API output line's body). */
export function readCompletion(parsed: WireResponse, what: string, status: number, latencyMs: number): ChatResult {
  const choice = parsed?.choices?.[0];
  if (!choice || typeof choice.message?.content !== "string") {
    throw new ProviderError("bad_response", `${what} answered without choices[0].message.content`, status);
  }
  const first = choice.logprobs?.content?.[0];
  return {
    content: choice.message.content,
    finishReason: choice.finish_reason ?? null,
    promptTokens: parsed.usage?.prompt_tokens ?? null,
    completionTokens: parsed.usage?.completion_tokens ?? null,
    firstTokenLogprobs: first?.top_logprobs?.length ? first.top_logprobs.map((t) => ({ token: t.token, logprob: t.logprob })) : null,
    latencyMs,
  };
}
