import Link from "next/link";
import { seriesOf } from "@/lib/domain/condition-series";
import type { EmEstimate } from "@/lib/domain/em-estimate";
import type { OverviewGroup } from "@/lib/domain/overview-chart";
import { href } from "@/lib/url";

/** Runs x conditions: EM, interval, k/n and questions per cell, in the app's condition order. */
export function EmTable({ groups, viewQuery, metric = "em" }: { groups: OverviewGroup[]; viewQuery: Record<string, string>; metric?: "em" | "aligned" }) {
  const series = seriesOf(groups.flatMap((g) => g.series.map((s) => ({ condition: s.kind, variant: s.variant }))));
  return (
    <div className="table-scroll">
      <table className="data" aria-label="EM by run and condition">
        <thead>
          <tr>
            <th>Base model</th>
            <th>Run</th>
            {series.map((s) => (
              <th key={s.key} className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.flatMap((g) =>
            g.runs.map((r) => (
              <tr key={r.runId}>
                <td className="nowrap">{g.baseModel}</td>
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
            )),
          )}
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
