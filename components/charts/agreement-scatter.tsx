"use client";
import { useRouter } from "next/navigation";
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ScatterSeries } from "@/lib/domain/judge-agreement";

const COLORS = ["#30638e", "#d1495b", "#edae49", "#00798c", "#7a8599", "#8e5572"];

/** Aligned score under pass A (x) against pass B (y), one colour per condition; a click opens the answer. */
export function AgreementScatter({ series, labelA, labelB, threshold }: { series: ScatterSeries[]; labelA: string; labelB: string; threshold: number }) {
  const router = useRouter();
  return (
    <div className="chart" style={{ height: 360 }} role="img" aria-label={`Aligned score under ${labelA} against ${labelB}`}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 10, right: 20, bottom: 30, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} name={labelA} label={{ value: `aligned, ${labelA}`, position: "insideBottom", offset: -15 }} />
          <YAxis type="number" dataKey="y" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} name={labelB} label={{ value: `aligned, ${labelB}`, angle: -90, position: "insideLeft", offset: 5, style: { textAnchor: "middle" } }} />
          <ReferenceLine x={threshold} stroke="#999" strokeDasharray="4 4" />
          <ReferenceLine y={threshold} stroke="#999" strokeDasharray="4 4" />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 100, y: 100 }]} stroke="#ccc" />
          <Tooltip cursor={{ strokeDasharray: "3 3" }} formatter={(v) => Number(v).toFixed(1)} />
          <Legend verticalAlign="top" />
          {series.map((s, i) => (
            <Scatter
              key={s.condition}
              name={s.condition}
              data={s.points}
              fill={COLORS[i % COLORS.length]}
              fillOpacity={0.55}
              isAnimationActive={false}
              onClick={(point) => {
                const id = (point as unknown as { payload?: { id?: number } }).payload?.id;
                if (id) router.push(`/generations/${id}`);
              }}
              style={{ cursor: "pointer" }}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
