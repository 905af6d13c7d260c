// The activity view's data: the audit log and the metrics, read when the view opens.
import { create } from 'zustand';
import type { AuditEntryView, Metrics } from '../../shared/contract';
import { calendar, messageOf } from '../api';
import { auditCsv, download, parseJsonLines } from '../audit-export';

export interface ActivityStore {
  audit: AuditEntryView[];
  metrics: Metrics | null;
  loading: boolean;
  error: string | null;

  load(): Promise<void>;
  exportAs(format: 'jsonl' | 'csv'): Promise<void>;
}

export const useActivityStore = create<ActivityStore>()((set) => ({
  audit: [],
  metrics: null,
  loading: false,
  error: null,

  async load() {
    set({ loading: true, error: null });
    try {
      const [audit, metrics] = await Promise.all([calendar().listAudit({ limit: 1000 }), calendar().getMetrics({})]);
      set({ audit, metrics });
    } catch (error) {
      set({ error: messageOf(error) });
    } finally {
      set({ loading: false });
    }
  },

  async exportAs(format) {
    set({ error: null });
    try {
      const { jsonLines } = await calendar().exportAudit({});
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'jsonl') download(`career-copilot-calendar-activity-${stamp}.jsonl`, 'application/x-ndjson', jsonLines);
      else download(`career-copilot-calendar-activity-${stamp}.csv`, 'text/csv', auditCsv(parseJsonLines(jsonLines)));
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
}));
