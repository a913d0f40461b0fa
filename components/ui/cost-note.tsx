import { formatUsd, type CostEstimate } from "@/lib/domain/cost";

/** The dollar side of an estimate, saying which endpoints have no prices (and so are not counted). */
export function CostNote({ cost, upperBound = false }: { cost: CostEstimate | undefined; upperBound?: boolean }) {
  if (!cost) return null;
  const missing = cost.unpriced.length ? `${cost.unpriced.join(", ")} ${cost.unpriced.length === 1 ? "has" : "have"} no prices, not counted` : "";
  if (cost.usd === null) return <span data-testid="estimate-cost"> No cost: {missing} (set prices on the Endpoints page).</span>;
  return (
    <span data-testid="estimate-cost">
      {" "}
      {upperBound ? "At most about" : "About"} <strong>{formatUsd(cost.usd)}</strong> at the endpoints&apos; prices{missing ? ` (${missing})` : ""}.
    </span>
  );
}
