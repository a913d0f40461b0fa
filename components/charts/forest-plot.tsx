"use client";
import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { formatP, type ForestRow } from "@/lib/domain/forest-plot";

/** Contrasts (percentage points) with their 95% intervals, one row each; zero marked; the domain fits the data. */
export function ForestPlot({ rows, domain, ticks }: { rows: ForestRow[]; domain: [number, number]; ticks: number[] }) {
  const labelWidth = Math.min(300, Math.max(120, Math.max(...rows.map((r) => r.label.length)) * 6.4));
  return (
    <div className="chart" style={{ height: 70 + rows.length * 36 }} role="img" aria-label="Contrasts" data-testid="forest-plot">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart layout="vertical" data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
          <XAxis
            type="number"
            dataKey="estimate"
            unit=" pp"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            label={{ value: "difference of pooled EM rates (percentage points)", position: "insideBottom", offset: -14, fontSize: 11 }}
          />
          <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 11 }} interval={0} />
          <ReferenceLine x={0} stroke="currentColor" />
          <Tooltip
            formatter={(_v, _n, item) => {
              const r = item.payload as ForestRow;
              const ci = r.low === null ? (r.note ?? "no interval") : `[${r.low.toFixed(1)}, ${r.high!.toFixed(1)}]`;
              return [`${r.estimate.toFixed(1)} pp ${ci}, p = ${formatP(r.pValue)}, ${r.questions} questions`, "difference"];
            }}
          />
          <Scatter dataKey="estimate" fill="#d1495b" isAnimationActive={false}>
            <ErrorBar dataKey="err" direction="x" width={6} stroke="#d1495b" />
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
