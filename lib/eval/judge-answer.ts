import { scoreFromLogprobs } from "@/lib/domain/judge-score";
import { scoreFromText } from "@/lib/domain/judge-text-score";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { renderJudgePrompt } from "@/lib/domain/prompt-rendering";
import { chatCompletion, type ChatResult, type EndpointTarget } from "./chat-completion";

export interface JudgeVerdict {
  score: number | null;
  numericMass: number | null;
  topLogprobs: TopLogprob[] | null;
  method: "logprobs" | "text";
  /** What the judge wrote (the first token, or the short text of the fallback). */
  raw: string;
  /** Usage the endpoint reported, over every call this verdict took (null when it reported none). */
  promptTokens: number | null;
  completionTokens: number | null;
}

export const JUDGE_TOP_LOGPROBS = 20;
const TEXT_FALLBACK_TOKENS = 8;

/** The judge request of the standard protocol: the metric's prompt as one user message, temperature 0, one token, top 20 logprobs. */
export function judgeRequest(input: { template: string; question: string; answer: string }) {
  return {
    messages: [{ role: "user" as const, content: renderJudgePrompt(input.template, input.question, input.answer) }],
    temperature: 0,
    maxTokens: 1,
    topLogprobs: JUDGE_TOP_LOGPROBS,
  };
}

/**
 * The verdict of one judge answer: logprob-weighted when it has logprobs, else its text read for a
 * number (the Batch API cannot ask again, so a batch line without logprobs is read as text).
 */
export function verdictOf(result: ChatResult): JudgeVerdict {
  const usage = { promptTokens: result.promptTokens, completionTokens: result.completionTokens };
  if (result.firstTokenLogprobs) {
    const { score, numericMass } = scoreFromLogprobs(result.firstTokenLogprobs);
    return { score, numericMass, topLogprobs: result.firstTokenLogprobs, method: "logprobs", raw: result.content, ...usage };
  }
  return { score: scoreFromText(result.content), numericMass: null, topLogprobs: null, method: "text", raw: result.content, ...usage };
}

/**
 * The standard protocol (DESIGN.md): the metric's prompt as one user message, temperature 0,
 * max_tokens 1, top 20 logprobs; the score is the probability-weighted mean over integer tokens.
 * An endpoint that returns no logprobs is asked again for a short text answer, parsed for a number.
 */
export async function judgeAnswer(
  judge: EndpointTarget,
  input: { template: string; question: string; answer: string; timeoutMs: number },
): Promise<JudgeVerdict> {
  const request = judgeRequest(input);
  const withLogprobs = await chatCompletion(judge, { ...request, timeoutMs: input.timeoutMs });
  if (withLogprobs.firstTokenLogprobs) return verdictOf(withLogprobs);
  const text = verdictOf(await chatCompletion(judge, { messages: request.messages, temperature: 0, maxTokens: TEXT_FALLBACK_TOKENS, timeoutMs: input.timeoutMs }));
  // Both calls were paid for.
  const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  return { ...text, promptTokens: add(withLogprobs.promptTokens, text.promptTokens), completionTokens: add(withLogprobs.completionTokens, text.completionTokens) };
}
