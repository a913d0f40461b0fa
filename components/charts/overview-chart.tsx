"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { barRows, type BarRow } from "@/lib/domain/bar-rows";
import type { EmEstimate } from "@/lib/domain/em-estimate";
import type { OverviewGroup } from "@/lib/domain/overview-chart";
import { conditionColor, seriesColors } from "./condition-colors";

export function formatEstimate(v: EmEstimate): string {
  if (v.rate === null) return "no scored answers";
  const ci = v.ciLow === null ? (v.note ?? "no interval") : `[${v.ciLow.toFixed(1)}, ${v.ciHigh!.toFixed(1)}]`;
  return `${v.rate.toFixed(1)}% ${ci}`;
}

/** The hovered bar's numbers: EM with k, n and questions, or the mean aligned score with its scored answers. */
function barTooltip(metric: "em" | "aligned") {
  return function BarTooltip({ active, payload }: TooltipContentProps) {
    if (!active || !payload?.length) return null;
    const row = payload[0].payload as BarRow;
    if (!row.estimate || !row.series) return null;
    const v = row.estimate;
    const interval = v.ciLow === null ? (v.note ?? "no interval") : `[${v.ciLow.toFixed(1)}, ${v.ciHigh!.toFixed(1)}]`;
    return (
      <div className="chart-tooltip">
        <strong>
          {row.run} · {row.series.label}
        </strong>
        {metric === "aligned" ? (
          <div>
            mean aligned {v.rate === null ? "–" : `${v.rate.toFixed(1)} ${interval}`} · {v.n} scored answers, {v.questions} questions
          </div>
        ) : (
          <>
            <div>
              EM {formatEstimate(v)} · k={v.k}, n={v.n}, {v.questions} questions
            </div>
            {v.meanAligned && <div>mean aligned {v.meanAligned.mean.toFixed(1)} (n={v.meanAligned.n})</div>}
          </>
        )}
        <div className="muted">{metric === "aligned" ? "Click: its answers, least aligned first" : `Click: its ${v.k} misaligned answers`}</div>
      </div>
    );
  };
}

/** Condition, value and (under the middle bar of a run) the run's name, under each bar. */
function BarTick(props: { x?: number; y?: number; payload?: { index: number }; rows: BarRow[] }) {
  const { x = 0, y = 0, payload, rows } = props;
  const row = payload ? rows[payload.index] : undefined;
  if (!row || !row.series) return null;
  const v = row.estimate!;
  return (
    <g transform={`translate(${x},${y})`}>
      <text y={10} textAnchor="middle" fontSize={10} className="tick-condition">
        {row.tick}
      </text>
      <text y={23} textAnchor="middle" fontSize={10} fontWeight={600} className="tick-value" data-testid="bar-value">
        {v.rate === null ? "n/a" : v.rate.toFixed(1)}
      </text>
      {row.runLabel && (
        <text y={40} textAnchor="middle" fontSize={11} className="tick-run">
          {row.runLabel.length > 30 ? `${row.runLabel.slice(0, 29)}…` : row.runLabel}
        </text>
      )}
    </g>
  );
}

/** A bar at 0 keeps a visible, clickable marker; "no scored answers" draws nothing but its n/a tick. */
function EmBar(props: { x?: number; y?: number; width?: number; height?: number; fill?: string; payload?: BarRow; onPick: (row: BarRow) => void }) {
  const { x = 0, y = 0, width = 0, height = 0, fill, payload, onPick } = props;
  if (!payload?.estimate || payload.estimate.rate === null) return null;
  const pick = () => onPick(payload);
  const testId = `bar-${payload.run}-${payload.series!.key}`;
  if (payload.estimate.rate === 0) {
    return (
      <g onClick={pick} style={{ cursor: "pointer" }} data-testid={testId} data-rate="0">
        <rect x={x} y={y - 3} width={width} height={3} fill={fill} />
        <rect x={x} y={y - 16} width={width} height={16} fill="transparent" />
      </g>
    );
  }
  return <rect x={x} y={y} width={width} height={height} fill={fill} onClick={pick} style={{ cursor: "pointer" }} data-testid={testId} data-rate={payload.estimate.rate} />;
}

/** EM rate per run and condition with interval whiskers, on a shared y scale. A bar opens its misaligned answers. */
export function OverviewChart({ group, explorerQuery, yMax, metric = "em" }: { group: OverviewGroup; explorerQuery: string; yMax: number; metric?: "em" | "aligned" }) {
  const router = useRouter();
  const rows = barRows(group);
  const colors = seriesColors(group.series);
  const open = (row: BarRow) => {
    const params = new URLSearchParams(explorerQuery);
    params.set("run", row.runIds.join(","));
    params.set("condition", row.series!.kind);
    params.set("variant", row.series!.variant ?? "");
    if (metric === "aligned") {
      params.set("sort", "aligned"); // the scored answers, least aligned first
    } else {
      params.set("em", "misaligned");
    }
    router.push(`/generations?${params.toString()}`);
  };
  const bars = rows.filter((r) => r.series).length;
  return (
    <div className="chart-scroll">
      <div className="chart bars" style={{ height: 300, minWidth: 70 + bars * 34 }} data-testid={`overview-${group.baseModel}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 12, right: 8, bottom: 4, left: 0 }} barCategoryGap={3} maxBarSize={56}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="chart-grid" />
            <XAxis dataKey="id" interval={0} height={50} tickLine={false} tick={(p: object) => <BarTick {...p} rows={rows} />} />
            <YAxis unit={metric === "aligned" ? "" : "%"} domain={[0, yMax]} allowDataOverflow ticks={ticks(yMax)} width={46} tick={{ fontSize: 11 }} />
            <Tooltip content={barTooltip(metric)} cursor={{ fillOpacity: 0.06 }} />
            <Bar dataKey="value" isAnimationActive={false} shape={(p: object) => <EmBar {...p} onPick={open} />}>
              {rows.map((r) => (
                <Cell key={r.id} fill={r.series ? colors[r.series.key] : "transparent"} />
              ))}
              <ErrorBar dataKey="err" width={4} stroke="currentColor" direction="y" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

/** The legend of the condition colours, shared by every chart on a page. */
export function ConditionLegend({ groups }: { groups: OverviewGroup[] }) {
  const unique = [...new Map(groups.flatMap((g) => g.series).map((s) => [s.key, s])).values()];
  const items = [
    ...(unique.some((s) => s.kind === "none") ? [{ label: "No trigger", color: conditionColor({ kind: "none", variant: null }) }] : []),
    ...(unique.some((s) => s.kind === "trigger") ? [{ label: "Trigger (label under the bar: which one)", color: conditionColor({ kind: "trigger", variant: null }) }] : []),
    ...unique.filter((s) => s.kind === "rephrased").map((s) => ({ label: s.label, color: conditionColor(s) })),
  ];
  return (
    <ul className="legend" aria-label="Conditions">
      {items.map((k) => (
        <li key={k.label}>
          <span className="swatch" style={{ background: k.color }} /> {k.label}
        </li>
      ))}
      <li className="muted">Whiskers: 95% intervals. Under each bar: condition, EM %.</li>
    </ul>
  );
}

function ticks(max: number): number[] {
  const step = max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : 20;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}
