// Small UI settings that are not the user's data: only the window's bounds. Kept
// in electron-store (a JSON file in userData) so the core's database stays about
// calendars, and nothing secret ever lands here.
import Store from 'electron-store';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

interface UiSettingsShape {
  windowBounds: WindowBounds;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1040, height: 760 };

export class UiSettings {
  private readonly store = new Store<UiSettingsShape>({
    name: 'ui-settings',
    defaults: { windowBounds: DEFAULT_BOUNDS },
    // A hand-edited or torn file should reset the layout, not stop the app.
    clearInvalidConfig: true,
    // It sits in the user's data folder, where every file is theirs alone (0600,
    // also applied to an existing file on each write).
    configFileMode: 0o600,
  });

  windowBounds(): WindowBounds {
    const b = this.store.get('windowBounds');
    const sane = Number.isFinite(b.width) && Number.isFinite(b.height) && b.width >= 480 && b.height >= 400;
    return sane ? b : DEFAULT_BOUNDS;
  }

  saveWindowBounds(bounds: WindowBounds): void {
    this.store.set('windowBounds', bounds);
  }
}
