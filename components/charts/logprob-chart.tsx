"use client";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LogprobBar } from "@/lib/domain/logprob-chart";

/** The judge's top first-token probabilities; numeric tokens (the ones scored) in blue. */
export function LogprobChart({ bars, label }: { bars: LogprobBar[]; label: string }) {
  return (
    <div className="chart" style={{ height: 40 + bars.length * 22 }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 20, bottom: 4, left: 10 }}>
          <XAxis type="number" unit="%" domain={[0, 100]} />
          <YAxis type="category" dataKey={(b: LogprobBar) => JSON.stringify(b.token)} width={90} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(2)}%`} />
          <Bar dataKey="probability" isAnimationActive={false}>
            {bars.map((b, i) => (
              <Cell key={i} fill={b.numeric ? "#30638e" : "#b8bfcc"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
