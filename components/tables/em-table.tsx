import Link from "next/link";
import { seriesOf } from "@/lib/domain/condition-series";
import type { EmEstimate } from "@/lib/domain/em-estimate";
import type { OverviewGroup } from "@/lib/domain/overview-chart";
import { href } from "@/lib/url";

/**
 * Runs x conditions: EM, interval, k/n and questions per cell, in the app's condition order.
 * Sortable by any condition's value (highest first, then lowest first) through the URL.
 */
export function EmTable({
  groups,
  viewQuery,
  metric = "em",
  sort,
  sortHref,
}: {
  groups: OverviewGroup[];
  viewQuery: Record<string, string>;
  metric?: "em" | "aligned";
  sort?: { key: string; dir: "asc" | "desc" };
  sortHref?: (key: string, dir: "asc" | "desc") => string;
}) {
  const series = seriesOf(groups.flatMap((g) => g.series.map((s) => ({ condition: s.kind, variant: s.variant }))));
  const rows = groups.flatMap((g) => g.runs.map((r) => ({ baseModel: g.baseModel, run: r })));
  if (sort && series.some((s) => s.key === sort.key)) {
    const value = (r: (typeof rows)[number]) => r.run.bars[sort.key]?.rate ?? null;
    rows.sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1; // no value last either way
      return sort.dir === "desc" ? vb - va : va - vb;
    });
  }
  return (
    <div className="table-scroll">
      <table className="data" aria-label="EM by run and condition">
        <thead>
          <tr>
            <th>Base model</th>
            <th>Run</th>
            {series.map((s) => {
              const active = sort?.key === s.key ? sort.dir : null;
              return (
                <th key={s.key} className="num" aria-sort={active === "desc" ? "descending" : active === "asc" ? "ascending" : undefined}>
                  {sortHref ? (
                    <Link href={sortHref(s.key, active === "desc" ? "asc" : "desc")}>
                      {s.label}
                      {active === "desc" ? " ▼" : active === "asc" ? " ▲" : ""}
                    </Link>
                  ) : (
                    s.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ baseModel, run: r }) => (
              <tr key={r.runId}>
                <td className="nowrap">{baseModel}</td>
                <td>
                  <Link href={href(`/runs/${r.runId}`, viewQuery)}>{r.run}</Link>
                </td>
                {series.map((s) => {
                  const v: EmEstimate | undefined = r.bars[s.key];
                  return (
                    <td key={s.key} className="num">
                      {v ? (
                        <EstimateCell
                          v={v}
                          unit={metric === "aligned" ? "" : "%"}
                          link={href("/generations", { ...viewQuery, run: r.runIds, condition: s.kind, variant: s.variant ?? "", ...(metric === "aligned" ? { sort: "aligned" } : { em: "misaligned" }) })}
                        />
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

export function EstimateCell({ v, link, unit = "%" }: { v: EmEstimate; link?: string; unit?: string }) {
  if (v.rate === null) return <span className="muted">no scored answers</span>;
  const text = `${v.rate.toFixed(1)}${unit}`;
  return (
    <span className="estimate">
      {link ? <Link href={link}>{text}</Link> : text}
      <span className="muted ci">{v.ciLow === null ? (v.note ?? "") : ` ${v.ciLow.toFixed(1)}–${v.ciHigh!.toFixed(1)}`}</span>
      <span className="muted kn">
        {" "}
        {unit === "%" ? `${v.k} / ${v.n}` : `n=${v.n}`} · {v.questions}q
      </span>
    </span>
  );
}
