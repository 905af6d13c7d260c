// The confirmation after an action ("Kept Google Calendar's time for Initech"),
// read out politely, with at most one follow-up button.
import { useEffect } from 'react';
import { useUiStore } from '../stores/ui-store';

const SHOW_MS = 12_000;

export function NoticeBar() {
  const notice = useUiStore((s) => s.notice);
  const clear = useUiStore((s) => s.clearNotice);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => {
      if (useUiStore.getState().notice?.id === notice.id) clear();
    }, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, clear]);

  return (
    <div className="notice-region" role="status" aria-live="polite">
      {notice && (
        <div className="notice">
          <p>{notice.text}</p>
          <div className="alert-actions">
            {notice.action && (
              <button
                type="button"
                onClick={() => {
                  clear();
                  notice.action?.run();
                }}
              >
                {notice.action.label}
              </button>
            )}
            <button type="button" className="quiet" aria-label="Close this message" onClick={clear}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
