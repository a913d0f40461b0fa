import type { CostEstimate, TokenCount } from "./cost";

export interface EstimateQuestion {
  paraphrases: string[];
  system: string | null;
}

export interface BatchEstimateInput {
  runs: number;
  questions: EstimateQuestion[];
  /** Trigger texts of the conditions ("" or null for no trigger). */
  conditions: (string | null)[];
  samplesPerParaphrase: number;
  maxTokens: number;
  metrics: number;
  /** Judge prompt template lengths in characters, per metric. */
  judgePromptChars: number[];
}

export interface BatchEstimate {
  generationRequests: number;
  judgeRequests: number;
  /** Upper-bound token estimate: prompts at ~4 characters a token, every answer at max tokens. */
  promptTokens: number;
  completionTokens: number;
  /** The same tokens split: the generation requests of ONE run (every run sends the same), and all judge requests. */
  perRunGeneration: TokenCount;
  judge: TokenCount;
  /** Filled in by the server from the endpoints' prices. */
  cost?: CostEstimate;
}

const CHARS_PER_TOKEN = 4;
const tokens = (chars: number) => Math.ceil(chars / CHARS_PER_TOKEN);

/** Requests and tokens a batch will use, before it is launched. */
export function estimateBatch(input: BatchEstimateInput): BatchEstimate {
  let generations = 0;
  let promptChars = 0;
  for (const q of input.questions) {
    for (const paraphrase of q.paraphrases) {
      for (const trigger of input.conditions) {
        generations += input.samplesPerParaphrase;
        promptChars += input.samplesPerParaphrase * (paraphrase.length + (q.system?.length ?? 0) + (trigger?.length ?? 0));
      }
    }
  }
  const perRunGeneration = { promptTokens: tokens(promptChars), completionTokens: generations * input.maxTokens };
  generations *= input.runs;
  promptChars *= input.runs;
  const judgeRequests = generations * input.metrics;
  const answerTokens = input.maxTokens;
  const judgePromptTokens = input.judgePromptChars.reduce((s, c) => s + tokens(c), 0);
  // Each judge call carries the question and the answer again, and answers with one token.
  const judge = {
    promptTokens: generations * judgePromptTokens + input.metrics * (tokens(promptChars) + generations * answerTokens),
    completionTokens: judgeRequests,
  };
  return {
    generationRequests: generations,
    judgeRequests,
    promptTokens: tokens(promptChars) + judge.promptTokens,
    completionTokens: generations * answerTokens + judge.completionTokens,
    perRunGeneration,
    judge,
  };
}
