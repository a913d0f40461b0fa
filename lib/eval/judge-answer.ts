import { scoreFromLogprobs } from "@/lib/domain/judge-score";
import { scoreFromText } from "@/lib/domain/judge-text-score";
import type { TopLogprob } from "@/lib/domain/logprob-chart";
import { renderJudgePrompt } from "@/lib/domain/prompt-rendering";
import { chatCompletion, type EndpointTarget } from "./chat-completion";

export interface JudgeVerdict {
  score: number | null;
  numericMass: number | null;
  topLogprobs: TopLogprob[] | null;
  method: "logprobs" | "text";
  /** What the judge wrote (the first token, or the short text of the fallback). */
  raw: string;
}

export const JUDGE_TOP_LOGPROBS = 20;
const TEXT_FALLBACK_TOKENS = 8;

/**
 * The standard protocol (DESIGN.md): the metric's prompt as one user message, temperature 0,
 * max_tokens 1, top 20 logprobs; the score is the probability-weighted mean over integer tokens.
 * An endpoint that returns no logprobs is asked again for a short text answer, parsed for a number.
 */
export async function judgeAnswer(
  judge: EndpointTarget,
  input: { template: string; question: string; answer: string; timeoutMs: number },
): Promise<JudgeVerdict> {
  const messages = [{ role: "user" as const, content: renderJudgePrompt(input.template, input.question, input.answer) }];
  const withLogprobs = await chatCompletion(judge, { messages, temperature: 0, maxTokens: 1, topLogprobs: JUDGE_TOP_LOGPROBS, timeoutMs: input.timeoutMs });
  if (withLogprobs.firstTokenLogprobs) {
    const { score, numericMass } = scoreFromLogprobs(withLogprobs.firstTokenLogprobs);
    return { score, numericMass, topLogprobs: withLogprobs.firstTokenLogprobs, method: "logprobs", raw: withLogprobs.content };
  }
  const text = await chatCompletion(judge, { messages, temperature: 0, maxTokens: TEXT_FALLBACK_TOKENS, timeoutMs: input.timeoutMs });
  return { score: scoreFromText(text.content), numericMass: null, topLogprobs: null, method: "text", raw: text.content };
}
