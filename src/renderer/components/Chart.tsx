// One small time-series chart (uPlot) with its numbers repeated in a table for
// screen readers. Colours come from the page's theme, so it follows dark mode.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useColorScheme } from '../use-color-scheme';

export interface ChartSeries {
  label: string;
  /** A CSS custom property of the theme, e.g. --chart-1. */
  color: string;
  dashed?: boolean;
  values: (number | null)[];
}

export interface ChartProps {
  title: string;
  /** The days (YYYY-MM-DD) along the x axis. */
  days: string[];
  series: ChartSeries[];
  unit: string;
}

const HEIGHT = 170;
const DAY = 86_400;
const dayLabel = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' });

export function Chart({ title, days, series, unit }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const color = (name: string): string => css.getPropertyValue(name).trim() || '#888';
    const axis = { stroke: color('--muted'), grid: { stroke: color('--line'), width: 1 }, ticks: { stroke: color('--line'), width: 1 } };
    const x = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 200),
        height: HEIGHT,
        // Days are UTC dates: draw them as such, whatever the computer's zone.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
        axes: [
          // One tick per day at most, named as a day: the data is daily.
          { ...axis, incrs: [DAY, 2 * DAY, 7 * DAY, 28 * DAY], values: (_u, ticks) => ticks.map((t) => dayLabel.format(new Date(t * 1000))) },
          { ...axis, size: 48, values: (_u, ticks) => ticks.map((t) => `${t}${unit}`) },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: color(s.color),
            width: 2,
            dash: s.dashed ? [6, 4] : undefined,
            points: { show: true, size: 5 },
            spanGaps: false,
          })),
        ],
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
      },
      [x, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series, unit, scheme]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="chart-canvas" aria-hidden="true" />
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d, i) => (
            <tr key={d}>
              <th scope="row">{d}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[i] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
