// Charts (Recharts) with their figures beside them in a table: the table is what screen readers and
// keyboard users get, and what carries each figure's source; the drawing is hidden from them.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Colours with at least 3:1 contrast on white (WCAG's non-text contrast). */
export const COLOURS = ['#1f5fa8', '#b3541e', '#2e7d32', '#7b3fa0', '#8a6d00', '#a3123a'];

export interface Series {
  key: string;
  name: string;
}

export function BarsChart({
  data,
  series,
  category,
  height = 260,
  stacked = false,
  horizontal = false,
}: {
  data: Record<string, unknown>[];
  series: Series[];
  category: string;
  height?: number;
  stacked?: boolean;
  /** Bars from left to right, for long category names. */
  horizontal?: boolean;
}) {
  const tick = { fill: '#2b2f36', fontSize: 12 };
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout={horizontal ? 'vertical' : 'horizontal'}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d0d4da" />
          {horizontal ? <XAxis type="number" tick={tick} allowDecimals={false} /> : <XAxis dataKey={category} tick={tick} interval={0} />}
          {horizontal ? <YAxis type="category" dataKey={category} tick={tick} width={170} interval={0} /> : <YAxis tick={tick} />}
          <Tooltip isAnimationActive={false} />
          {series.length > 1 ? <Legend /> : null}
          {series.map((entry, index) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.name}
              fill={COLOURS[index % COLOURS.length]}
              isAnimationActive={false}
              stackId={stacked ? 'stack' : undefined}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A chart and its table under one heading. */
export function ChartFigure({ title, id, chart, table }: { title: string; id: string; chart: ReactNode; table: ReactNode }) {
  return (
    <section className="chart-figure" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {chart}
      {table}
    </section>
  );
}
