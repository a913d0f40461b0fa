/** An endpoint's prices in US dollars per million tokens; null when the operator set none. */
export interface Prices {
  inputUsdPerMTok: number | null;
  outputUsdPerMTok: number | null;
}

export interface TokenCount {
  promptTokens: number;
  completionTokens: number;
}

export function hasPrices(p: Prices | null | undefined): p is { inputUsdPerMTok: number; outputUsdPerMTok: number } {
  return p != null && p.inputUsdPerMTok != null && p.outputUsdPerMTok != null;
}

/** Prices with a share taken off (the Batch API's discount). */
export function discounted(prices: Prices, share: number): Prices {
  const off = (p: number | null) => (p === null ? null : p * (1 - share));
  return { inputUsdPerMTok: off(prices.inputUsdPerMTok), outputUsdPerMTok: off(prices.outputUsdPerMTok) };
}

/**
 * What one request cost: null when the endpoint has no prices or did not report its usage (a
 * price times an unknown count is not zero).
 */
export function requestCostUsd(prices: Prices | null | undefined, promptTokens: number | null | undefined, completionTokens: number | null | undefined): number | null {
  if (!hasPrices(prices) || promptTokens == null || completionTokens == null) return null;
  return (promptTokens * prices.inputUsdPerMTok + completionTokens * prices.outputUsdPerMTok) / 1e6;
}

/** One side (generation or judge) of an estimate: its tokens, priced at one endpoint. */
export interface PricedPart {
  endpoint: string;
  tokens: TokenCount;
  prices: Prices | null;
}

export interface CostEstimate {
  /** Dollars for the parts with prices; null when no part has one. */
  usd: number | null;
  /** Endpoints whose parts are not in `usd` because they have no prices. */
  unpriced: string[];
}

/** Sums the priced parts; names each endpoint without prices once, so the total never looks complete when it is not. */
export function estimateCost(parts: PricedPart[]): CostEstimate {
  let usd: number | null = null;
  const unpriced = new Set<string>();
  for (const part of parts) {
    const cost = requestCostUsd(part.prices, part.tokens.promptTokens, part.tokens.completionTokens);
    if (cost === null) unpriced.add(part.endpoint);
    else usd = (usd ?? 0) + cost;
  }
  return { usd, unpriced: [...unpriced] };
}

/** Tokens and dollars of a set of requests (answered generations, or judge calls). */
export interface Spend {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Dollars of the requests that have a cost; null when none has. */
  usd: number | null;
  /** Requests without a cost (the endpoint had no prices, or reported no usage). */
  uncosted: number;
}

export interface SpendSummary {
  generation: Spend;
  judge: Spend;
  usd: number | null;
}

export function spendSummary(generation: Spend, judge: Spend): SpendSummary {
  const usd = generation.usd === null && judge.usd === null ? null : (generation.usd ?? 0) + (judge.usd ?? 0);
  return { generation, judge, usd };
}

/** "$0.0042", "$1.23", "$1,234": enough digits to tell small batches apart. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd == null) return "–";
  if (usd === 0) return "$0";
  if (usd < 1e-6) return "<$0.000001";
  if (usd < 0.01) return `$${usd.toFixed(1 - Math.floor(Math.log10(usd)))}`;
  if (usd < 99.995) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString("en-US")}`;
}
