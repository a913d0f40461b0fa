import type { ChatMessage } from "@/lib/domain/prompt-rendering";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { parseRetryAfter, ProviderError } from "./provider-error";

export interface EndpointTarget {
  /** OpenAI-compatible base URL, e.g. http://localhost:8000/v1 (vLLM) or https://api.openai.com/v1. */
  baseUrl: string;
  model: string;
  /** The key itself, read from the environment by the worker; never stored or logged. */
  apiKey: string | null;
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

function completionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
}

function describe(target: EndpointTarget): string {
  return `${target.model} at ${target.baseUrl}`;
}

interface WireResponse {
  choices?: {
    message?: { content?: string | null };
    finish_reason?: string | null;
    logprobs?: { content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[] | null } | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** One chat-completions call; failures become classified ProviderErrors (see retry.ts). */
export async function chatCompletion(target: EndpointTarget, request: ChatRequest): Promise<ChatResult> {
  const body: Record<string, unknown> = {
    model: target.model,
    messages: request.messages,
    temperature: request.temperature,
    max_tokens: request.maxTokens,
  };
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topLogprobs) {
    body.logprobs = true;
    body.top_logprobs = request.topLogprobs;
  }
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(completionsUrl(target.baseUrl), {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new ProviderError("timeout", `${describe(target)} did not answer within ${request.timeoutMs} ms`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ProviderError("connection", `could not reach ${describe(target)}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") throw new ProviderError("timeout", `${describe(target)} did not finish answering within ${request.timeoutMs} ms`);
    throw new ProviderError("connection", `${describe(target)} dropped the connection mid-answer`);
  }
  const latencyMs = Math.round(performance.now() - started);
  if (!response.ok) {
    const detail = text.slice(0, 300).replace(/\s+/g, " ");
    if (response.status === 429) {
      throw new ProviderError("rate_limit", `${describe(target)} is rate limiting (429): ${detail}`, 429, parseRetryAfter(response.headers.get("retry-after")));
    }
    if (response.status >= 500) {
      throw new ProviderError("server", `${describe(target)} failed with ${response.status}: ${detail}`, response.status, parseRetryAfter(response.headers.get("retry-after")));
    }
    throw new ProviderError("client", `${describe(target)} refused the request with ${response.status}: ${detail}`, response.status);
  }
  let parsed: WireResponse;
  try {
    parsed = JSON.parse(text) as WireResponse;
  } catch {
    throw new ProviderError("bad_response", `${describe(target)} answered with malformed JSON: ${text.slice(0, 120)}`, response.status);
  }
  const choice = parsed.choices?.[0];
  if (!choice || typeof choice.message?.content !== "string") {
    throw new ProviderError("bad_response", `${describe(target)} answered without choices[0].message.content`, response.status);
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
