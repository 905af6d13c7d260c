// Small inline icons (the page loads no image files). Decorative: the text next
// to each says the same thing.
import type { ItemKind } from '../../shared/domain';

const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export function KindIcon({ kind }: { kind: ItemKind }) {
  switch (kind) {
    case 'interview':
      // Two people talking.
      return (
        <svg {...common} className="icon">
          <circle cx="5" cy="5" r="2.2" fill="currentColor" />
          <circle cx="11" cy="5" r="2.2" fill="currentColor" />
          <path d="M1.5 13c0-2.2 1.6-3.6 3.5-3.6S8.5 10.8 8.5 13M7.5 13c0-2.2 1.6-3.6 3.5-3.6s3.5 1.4 3.5 3.6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      );
    case 'follow_up':
      // An envelope.
      return (
        <svg {...common} className="icon">
          <rect x="1.5" y="3.5" width="13" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M2 4.5l6 4.5 6-4.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
      );
    case 'reminder':
      // A clock.
      return (
        <svg {...common} className="icon">
          <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      );
  }
}

export function ChevronIcon({ open }: { open: boolean }) {
  return (
    <svg {...common} className={`icon chevron${open ? ' open' : ''}`}>
      <path d="M5 6.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** The tray icon's calendar-with-a-check, drawn inline so the page loads no image. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="3" y="5" width="26" height="24" rx="4" fill="#1f6f8b" />
      <rect x="5.5" y="12" width="21" height="14.5" rx="2" fill="#fff" />
      <rect x="8" y="2" width="3" height="6" rx="1.2" fill="#1f6f8b" />
      <rect x="21" y="2" width="3" height="6" rx="1.2" fill="#1f6f8b" />
      <path d="M10 19.5l4 4 8-8.5" fill="none" stroke="#2e9e6b" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
