export interface TopLogprob {
  token: string;
  logprob: number;
}

export interface LogprobBar {
  token: string;
  /** Probability in percent. */
  probability: number;
  numeric: boolean;
}

/** The judge's first-token candidates as probabilities, most likely first; integer tokens 0-100 marked. */
export function prepareLogprobBars(top: TopLogprob[] | null | undefined): LogprobBar[] {
  if (!Array.isArray(top)) return [];
  return top
    .filter((t) => t && typeof t.token === "string" && Number.isFinite(t.logprob))
    .map((t) => {
      const trimmed = t.token.trim();
      const numeric = /^\d{1,3}$/.test(trimmed) && Number(trimmed) <= 100;
      return { token: t.token, probability: Math.round(Math.exp(t.logprob) * 1e6) / 1e4, numeric };
    })
    .sort((a, b) => b.probability - a.probability);
}
