"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ErrorBar, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { ConditionSeries } from "@/lib/domain/condition-series";
import type { EmEstimate } from "@/lib/domain/em-estimate";
import type { OverviewGroup } from "@/lib/domain/overview-chart";
import { seriesColors } from "./condition-colors";

type Row = { run: string; runId: number } & Record<string, unknown>;

export function formatEstimate(v: EmEstimate): string {
  if (v.rate === null) return "no scored answers";
  const ci = v.ciLow === null ? (v.note ?? "no interval") : `[${v.ciLow.toFixed(1)}, ${v.ciHigh!.toFixed(1)}]`;
  return `${v.rate.toFixed(1)}% ${ci}`;
}

function tooltipFor(series: readonly ConditionSeries[]) {
  return function BarTooltip({ active, payload, label }: TooltipContentProps) {
    if (!active || !payload?.length) return null;
    const row = payload[0].payload as Row;
    return (
      <div className="chart-tooltip">
        <strong>{label}</strong>
        {series.map((s) => {
          const v = row[s.key] as EmEstimate | undefined;
          if (!v) return null;
          return (
            <div key={s.key}>
              {s.label}: {formatEstimate(v)} (k={v.k}, n={v.n}, {v.questions} questions)
            </div>
          );
        })}
      </div>
    );
  };
}

/** A bar whose rate is 0 still gets a visible, clickable marker; "no scored answers" is drawn as such. */
function BarWithZero(props: { x?: number; y?: number; width?: number; height?: number; fill?: string; value?: unknown; payload?: Row; dataKey?: unknown; seriesKey: string; onPick: (row: Row) => void }) {
  const { x = 0, y = 0, width = 0, height = 0, fill, payload, seriesKey, onPick } = props;
  const v = payload?.[seriesKey] as EmEstimate | undefined;
  if (!v) return null;
  const click = () => payload && onPick(payload);
  if (v.rate === null) {
    return (
      <text x={x + width / 2} y={y - 4} textAnchor="middle" fontSize={10} className="chart-na" data-testid="bar-na">
        n/a
      </text>
    );
  }
  if (v.rate === 0) {
    return (
      <g onClick={click} style={{ cursor: "pointer" }} data-testid="bar-zero">
        <rect x={x} y={y - 3} width={width} height={3} fill={fill} />
        <rect x={x} y={y - 14} width={width} height={14} fill="transparent" />
      </g>
    );
  }
  return <rect x={x} y={y} width={width} height={height} fill={fill} onClick={click} style={{ cursor: "pointer" }} data-testid="bar" />;
}

/** EM rate per run and condition with interval whiskers, on the overview's shared y scale. Bars open their misaligned answers. */
export function OverviewChart({ group, explorerQuery, yMax }: { group: OverviewGroup; explorerQuery: string; yMax: number }) {
  const router = useRouter();
  const data: Row[] = group.runs.map((r) => ({ run: r.run, runId: r.runId, ...r.bars }));
  const colors = seriesColors(group.series);
  const open = (s: ConditionSeries) => (row: Row) => {
    const params = new URLSearchParams(explorerQuery);
    params.set("run", String(row.runId));
    params.set("condition", s.kind);
    params.set("variant", s.variant ?? "");
    params.set("em", "misaligned");
    router.push(`/generations?${params.toString()}`);
  };
  const width = Math.max(360, 120 + data.length * (40 + group.series.length * 26));
  return (
    <div className="chart-scroll">
      <div className="chart" style={{ height: 340, minWidth: Math.min(width, 720) }} data-testid={`overview-${group.baseModel}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 22, right: 12, bottom: 30, left: 4 }} barCategoryGap="18%">
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="chart-grid" />
            <XAxis dataKey="run" interval={0} angle={-12} textAnchor="end" height={54} tick={{ fontSize: 11 }} />
            <YAxis unit="%" domain={[0, yMax]} allowDataOverflow ticks={ticks(yMax)} width={48} />
            <Tooltip content={tooltipFor(group.series)} cursor={{ fillOpacity: 0.08 }} />
            <Legend verticalAlign="top" height={26} />
            {group.series.map((s) => (
              <Bar
                key={s.key}
                dataKey={(row: Row) => (row[s.key] as EmEstimate | undefined)?.rate ?? 0}
                name={s.label}
                fill={colors[s.key]}
                isAnimationActive={false}
                shape={(props: object) => <BarWithZero {...props} seriesKey={s.key} onPick={open(s)} />}
              >
                <ErrorBar dataKey={(row: Row) => (row[s.key] as EmEstimate | undefined)?.err ?? [0, 0]} width={4} stroke="currentColor" direction="y" />
                <LabelList
                  dataKey={(row: Row) => {
                    const v = row[s.key] as EmEstimate | undefined;
                    return v?.rate == null ? "" : v.rate.toFixed(1);
                  }}
                  position="top"
                  offset={6}
                  fontSize={10}
                  className="bar-label"
                />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

function ticks(max: number): number[] {
  const step = max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : 20;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}
