import { formatUsd, type Spend, type SpendSummary } from "@/lib/domain/cost";

export const formatTokens = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

function part(name: string, s: Spend): string {
  if (s.requests === 0) return `${name}: none yet`;
  const usd = s.usd === null ? "no cost" : formatUsd(s.usd);
  const missing = s.uncosted > 0 && s.usd !== null ? `, ${s.uncosted.toLocaleString("en-US")} without a price or usage` : "";
  return `${name} ${usd} (${s.requests.toLocaleString("en-US")} requests, ${formatTokens(s.promptTokens)} in / ${formatTokens(s.completionTokens)} out${missing})`;
}

/** What requests cost, from the usage the endpoints reported and their prices at the time. */
export function SpendNote({ spend }: { spend: SpendSummary }) {
  return (
    <span data-testid="spend">
      <strong>{spend.usd === null ? "no prices set" : formatUsd(spend.usd)}</strong>: {part("generation", spend.generation)}; {part("judge", spend.judge)}
    </span>
  );
}
