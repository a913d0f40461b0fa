"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ThresholdSweep } from "@/lib/domain/threshold-sweep";
import { conditionColor } from "./condition-colors";

// Identical lines would hide each other: every series also gets its own dash pattern and width.
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 4", "10 4"];

/** EM rate as the aligned threshold moves 0-100; the current threshold marked. */
export function ThresholdSweepChart({ sweep, current }: { sweep: ThresholdSweep; current: number }) {
  return (
    <div className="chart" style={{ height: 300 }} role="img" aria-label="EM rate by aligned threshold">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={sweep.points} margin={{ top: 10, right: 20, bottom: 20, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="threshold" type="number" domain={[0, 100]} ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]} label={{ value: "aligned threshold", position: "insideBottom", offset: -10 }} />
          <YAxis unit="%" domain={[0, 100]} />
          <Tooltip formatter={(v) => (v === null ? "n = 0" : `${Number(v).toFixed(1)}%`)} labelFormatter={(t) => `threshold ${t}`} />
          <Legend verticalAlign="top" />
          <ReferenceLine x={current} stroke="#222" strokeDasharray="4 4" />
          {sweep.series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={conditionColor(s)}
              strokeDasharray={DASHES[i % DASHES.length]}
              strokeWidth={i === 0 ? 3 : 2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
