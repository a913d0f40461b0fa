"use client";
import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";

export interface ForestRow {
  label: string;
  estimate: number;
  err: [number, number];
  low: number;
  high: number;
  questions: number;
}

/** Contrasts (percentage points) with paired 95% intervals, one row each; zero marked. */
export function ForestPlot({ rows }: { rows: ForestRow[] }) {
  return (
    <div className="chart" style={{ height: 50 + rows.length * 34 }} role="img" aria-label="Containment contrasts">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart layout="vertical" data={rows} margin={{ top: 10, right: 30, bottom: 10, left: 10 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" unit=" pp" domain={["auto", "auto"]} />
          <YAxis type="category" dataKey="label" width={320} tick={{ fontSize: 11 }} interval={0} />
          <ReferenceLine x={0} stroke="#222" />
          <Tooltip
            formatter={(_v, _n, item) => {
              const r = item.payload as ForestRow;
              return [`${r.estimate.toFixed(1)} pp [${r.low.toFixed(1)}, ${r.high.toFixed(1)}], ${r.questions} questions`, "difference"];
            }}
          />
          <Scatter dataKey="estimate" fill="#d1495b" isAnimationActive={false}>
            <ErrorBar dataKey="err" direction="x" width={5} stroke="#d1495b" />
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
