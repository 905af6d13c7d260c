// How syncing has gone: the key numbers, then per day and per provider the
// syncs and failures, and how long a change took to reach the calendar.
import { useMemo } from 'react';
import type { Metrics } from '../../shared/contract';
import { Chart, type ChartSeries } from './Chart';

const PROVIDER_WORDS: Record<string, string> = { google: 'Google', microsoft: 'Outlook', caldav: 'CalDAV' };
const COLORS = ['--chart-1', '--chart-2', '--chart-3'];

function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}

function useCharts(metrics: Metrics): { days: string[]; runs: ChartSeries[]; latency: ChartSeries[] } | null {
  return useMemo(() => {
    const daily = metrics.daily ?? [];
    if (daily.length === 0) return null;
    const days = [...new Set(daily.map((d) => d.day))].sort();
    const providers = [...new Set(daily.map((d) => d.provider))].sort();
    const at = (provider: string, pick: (row: (typeof daily)[number]) => number | null): (number | null)[] =>
      days.map((day) => {
        const row = daily.find((d) => d.day === day && d.provider === provider);
        return row ? pick(row) : null;
      });
    const name = (p: string): string => PROVIDER_WORDS[p] ?? p;
    const runs = providers.flatMap((p, i): ChartSeries[] => [
      { label: `${name(p)} syncs`, color: COLORS[i % COLORS.length] ?? '--chart-1', values: at(p, (r) => r.syncs) },
      { label: `${name(p)} failures`, color: '--error', dashed: true, values: at(p, (r) => r.failures) },
    ]);
    const latency = providers.flatMap((p, i): ChartSeries[] => [
      { label: `${name(p)} p50`, color: COLORS[i % COLORS.length] ?? '--chart-1', values: at(p, (r) => (r.p50LatencyMs === null ? null : Math.round(r.p50LatencyMs / 100) / 10)) },
      { label: `${name(p)} p95`, color: '--warn', dashed: true, values: at(p, (r) => (r.p95LatencyMs === null ? null : Math.round(r.p95LatencyMs / 100) / 10)) },
    ]);
    return { days, runs, latency };
  }, [metrics]);
}

export function MetricsPanel({ metrics }: { metrics: Metrics }) {
  const charts = useCharts(metrics);
  const totals = Object.values(metrics.perProvider).reduce((t, p) => ({ ok: t.ok + p.successes, failed: t.failed + p.failures }), { ok: 0, failed: 0 });
  const tiles: [string, string][] = [
    ['Connected calendars', String(metrics.connectedCalendars)],
    ['Syncs', String(metrics.runs)],
    ['Changes sent', String(totals.ok)],
    ['Failures in the last hour', String(metrics.failuresLastHour)],
    metrics.p50LatencyMs === undefined || metrics.p50LatencyMs === null
      ? ['Time to calendar, average', ms(metrics.averageLatencyMs)]
      : ['Time to calendar, median', ms(metrics.p50LatencyMs)],
    ['Time to calendar, p95', ms(metrics.p95LatencyMs)],
  ];
  return (
    <section className="panel" aria-labelledby="metrics-title">
      <h2 id="metrics-title">How syncing has gone</h2>
      <dl className="tiles">
        {tiles.map(([label, value]) => (
          <div key={label} className="tile">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {charts ? (
        <div className="charts">
          <Chart title="Syncs and failures per day" days={charts.days} series={charts.runs} unit="" />
          <Chart title="Time from a change to the calendar (seconds)" days={charts.days} series={charts.latency} unit="s" />
        </div>
      ) : (
        <p className="muted">Daily charts appear once there is sync history to draw.</p>
      )}
    </section>
  );
}
