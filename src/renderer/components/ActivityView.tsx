// Activity: what the app did (the audit log: connects, disconnects, renewals,
// revocations, every outbound attempt and its outcome), searchable and
// exportable, and how syncing has gone (metrics and small charts).
import { useEffect, useMemo, useState } from 'react';
import type { AuditEntryView } from '../../shared/contract';
import { auditSearchText } from '../audit-export';
import { actionWords, detailWords, OUTCOME_WORDS } from '../audit-words';
import { formatInstant, relative } from '../format';
import { useNow } from '../use-now';
import { useActivityStore } from '../stores/activity-store';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';
import { MetricsPanel } from './MetricsPanel';

const PAGE = 100;

export function ActivityView() {
  const { audit, metrics, loading, error, load, exportAs } = useActivityStore();
  const zone = useStateStore((s) => s.state?.preferences.timeZone ?? 'UTC');
  const now = useNow();
  const [search, setSearch] = useState('');
  const [outcome, setOutcome] = useState<AuditEntryView['outcome'] | 'all'>('all');
  const [limit, setLimit] = useState(PAGE);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return audit.filter((e) => (outcome === 'all' || e.outcome === outcome) && words.every((w) => auditSearchText(e).includes(w) || actionWords(e.action).toLowerCase().includes(w)));
  }, [audit, search, outcome]);

  return (
    <div className="activity">
      {metrics && <MetricsPanel metrics={metrics} />}
      <section className="panel" aria-labelledby="audit-title">
        <div className="panel-head">
          <h2 id="audit-title">
            Activity log <span className="count">{audit.length}</span>
          </h2>
          <div className="panel-actions">
            <button type="button" onClick={() => void exportAs('jsonl')}>
              Export JSON Lines
            </button>
            <button type="button" onClick={() => void exportAs('csv')}>
              Export CSV
            </button>
          </div>
        </div>
        <div className="toolbar" role="search" aria-label="Search the activity log">
          <input type="search" className="search" aria-label="Search the activity log" placeholder="Search actions, accounts, details" value={search} onChange={(e) => setSearch(e.target.value)} />
          <select aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as AuditEntryView['outcome'] | 'all')}>
            <option value="all">Any outcome</option>
            <option value="ok">Done</option>
            <option value="failed">Failed</option>
            <option value="info">Notes</option>
          </select>
          <span className="muted toolbar-count" aria-live="polite">
            {loading ? 'Loading…' : `${shown.length} of ${audit.length}`}
          </span>
        </div>
        <FormError message={error} />
        {!loading && audit.length === 0 && <p className="muted empty">Nothing has happened yet.</p>}
        {shown.length > 0 && (
          // Focusable, so a keyboard user can scroll the table sideways on a narrow window.
          <div className="table-scroll" role="region" aria-label="Activity entries" tabIndex={0}>
            <table className="audit">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, limit).map((e) => (
                  <tr key={e.id} className={`outcome-${e.outcome}`}>
                    <td title={formatInstant(e.at, zone)}>{relative(e.at, now)}</td>
                    <td>
                      {actionWords(e.action)}
                      {e.accountId && <span className="muted block">{e.accountId.replace(/^[a-z]+:/, '')}</span>}
                    </td>
                    <td>
                      <span className={`badge badge-${e.outcome === 'failed' ? 'failed' : e.outcome === 'ok' ? 'ok' : 'off'}`}>{OUTCOME_WORDS[e.outcome]}</span>
                    </td>
                    <td className="detail">{detailWords(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {shown.length > limit && (
          <button type="button" onClick={() => setLimit(limit + PAGE)}>
            Show {Math.min(PAGE, shown.length - limit)} more
          </button>
        )}
      </section>
    </div>
  );
}
