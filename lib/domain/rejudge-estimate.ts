import type { CostEstimate } from "./cost";

export interface RejudgeEstimate {
  generations: number;
  judgeRequests: number;
  /** ~4 characters a token over the filled-in judge prompts. */
  promptTokens: number;
  /** One token a request (logprobs protocol); the text fallback uses up to 8. */
  completionTokens: number;
  /** Filled in by the server from the judge endpoint's prices. */
  cost?: CostEstimate;
}

/** Requests and tokens a re-judge will use: one request per answer and metric. */
export function estimateRejudge(generations: number, promptCharsPerMetric: readonly number[]): RejudgeEstimate {
  const judgeRequests = generations * promptCharsPerMetric.length;
  return {
    generations,
    judgeRequests,
    promptTokens: promptCharsPerMetric.reduce((s, c) => s + Math.ceil(c / 4), 0),
    completionTokens: judgeRequests,
  };
}
