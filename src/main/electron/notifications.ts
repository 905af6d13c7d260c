// Desktop notifications for error alerts (DESIGN §1.6, §8). The core decides when
// a failure burst deserves one (at most hourly); this only shows it, skips an
// alert it showed within the hour (e.g. the same account needing reauth again),
// and a click opens the window on the card that needs the user.
import { Notification } from 'electron';
import type { Alert } from '../../shared/contract';
import type { CalendarCore } from '../core/app';

const REPEAT_AFTER_MS = 60 * 60 * 1000;

export function bindNotifications(core: CalendarCore, onClick: (alert: Alert) => void): () => void {
  const shownAt = new Map<string, number>();
  return core.on('alert', (alert) => {
    if (alert.level !== 'error' || !Notification.isSupported()) return;
    const now = Date.now();
    const last = shownAt.get(alert.id);
    if (last !== undefined && now - last < REPEAT_AFTER_MS) return;
    shownAt.set(alert.id, now);
    const notification = new Notification({ title: 'Career Copilot Calendar', body: alert.message });
    notification.on('click', () => onClick(alert));
    notification.show();
  });
}
