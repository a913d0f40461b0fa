"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { BarValue, OverviewGroup } from "@/lib/domain/overview-chart";

const COLORS: Record<string, string> = { none: "#7a8599", trigger: "#d1495b" };
const REPHRASED = ["#edae49", "#00798c", "#30638e", "#8e5572", "#5c946e"];

function colorOf(kind: string, index: number): string {
  return COLORS[kind] ?? REPHRASED[index % REPHRASED.length];
}

type Row = { run: string; runId: number } & Record<string, unknown>;

function tooltipFor(series: OverviewGroup["series"]) {
  return function BarTooltip({ active, payload, label }: TooltipContentProps) {
    if (!active || !payload?.length) return null;
    const row = payload[0].payload as Row;
    return (
      <div className="chart-tooltip">
        <strong>{label}</strong>
        {series.map((s) => {
          const v = row[s.key] as BarValue | undefined;
          if (!v) return null;
          return (
            <div key={s.key}>
              {s.label}: {v.rate === null ? "no counted answers" : `${v.rate.toFixed(1)}% [${v.ciLow!.toFixed(1)}, ${v.ciHigh!.toFixed(1)}]`} (k={v.k}, n={v.n})
            </div>
          );
        })}
      </div>
    );
  };
}

/** One bar chart per base model: EM rate per run and condition, 95% Wilson whiskers. Bars open the explorer. */
export function OverviewChart({ group, explorerQuery }: { group: OverviewGroup; explorerQuery: string }) {
  const router = useRouter();
  const data: Row[] = group.runs.map((r) => ({ run: r.run, runId: r.runId, ...r.bars }));
  let rephrasedIndex = 0;
  return (
    <div className="chart" style={{ height: 320 }} data-testid={`overview-${group.baseModel}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 10, right: 10, bottom: 30, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="run" interval={0} angle={-12} textAnchor="end" height={50} tick={{ fontSize: 11 }} />
          <YAxis unit="%" domain={[0, (max: number) => Math.min(100, Math.ceil((max + 5) / 10) * 10)]} />
          <Tooltip content={tooltipFor(group.series)} />
          <Legend />
          {group.series.map((s) => (
            <Bar
              key={s.key}
              dataKey={(row: Row) => (row[s.key] as BarValue | undefined)?.rate ?? null}
              name={s.label}
              fill={colorOf(s.kind, s.kind === "rephrased" ? rephrasedIndex++ : 0)}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(item) => {
                const row = item.payload as Row;
                const params = new URLSearchParams(explorerQuery);
                params.set("run", String(row.runId));
                params.set("condition", s.kind);
                params.set("variant", s.variant ?? "");
                params.set("em", "counted");
                router.push(`/generations?${params.toString()}`);
              }}
            >
              <ErrorBar dataKey={(row: Row) => (row[s.key] as BarValue | undefined)?.err ?? [0, 0]} width={4} stroke="#222" direction="y" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
