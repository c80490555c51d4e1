"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/components/i18n/use-format";

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

/**
 * A bar chart for a report (recharts). For screen readers it is one image described by `summary`;
 * the exact figures are in the table beside it. Labels arrive translated; numbers are formatted
 * in the reader's language (lib/format) with `unit` after them.
 */
export function ReportBarChart({
  data,
  series,
  summary,
  unit,
  layout = "horizontal",
  height = 280,
  decimals = 0,
}: {
  data: Array<Record<string, string | number>>;
  series: ChartSeries[];
  summary: string;
  unit?: string;
  layout?: "horizontal" | "vertical";
  height?: number;
  decimals?: number;
}) {
  const format = useFormat();
  const number = (value: unknown) => `${format.number(Number(value), { maximumFractionDigits: decimals }) ?? ""}${unit ? ` ${unit}` : ""}`;
  const vertical = layout === "vertical";
  return (
    <div role="img" aria-label={summary} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={vertical ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={!vertical} vertical={vertical} />
          {vertical ? (
            <>
              <XAxis type="number" tickFormatter={(value) => format.number(Number(value), { maximumFractionDigits: decimals }) ?? ""} tick={{ fill: "#475569", fontSize: 12 }} allowDecimals={decimals > 0} />
              <YAxis type="category" dataKey="label" width={180} tick={{ fill: "#334155", fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fill: "#334155", fontSize: 12 }} interval={0} />
              <YAxis tickFormatter={(value) => format.number(Number(value), { maximumFractionDigits: decimals }) ?? ""} tick={{ fill: "#475569", fontSize: 12 }} allowDecimals={decimals > 0} />
            </>
          )}
          <Tooltip formatter={(value) => number(value)} cursor={{ fill: "#f1f5f9" }} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((entry) => (
            <Bar key={entry.key} dataKey={entry.key} name={entry.name} fill={entry.color} radius={vertical ? [0, 4, 4, 0] : [4, 4, 0, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
