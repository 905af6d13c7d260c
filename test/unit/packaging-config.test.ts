// The installer configuration cannot be exercised here (no Electron binary to
// package), so it is checked the way electron-builder itself checks it: against
// its schema, and every file it names exists.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(join(ROOT, 'package.json'));

interface BuilderConfig {
  appId?: string;
  linux?: { target?: string[]; icon?: string };
  mac?: { target?: string };
  win?: { target?: string };
  npmRebuild?: boolean;
  asarUnpack?: string[];
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string, options: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: { add(): void; isEnabled: boolean }): Promise<void>;
};

describe('installer configuration', () => {
  it('passes electron-builder’s schema and names AppImage, deb, dmg and nsis', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await validateConfiguration(config, { add() {}, isEnabled: false });
    expect(config.appId).toBe('com.careercopilot.calendar');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect([config.mac?.target, config.win?.target]).toEqual(['dmg', 'nsis']);
    // better-sqlite3 is rebuilt for Electron's ABI by the packaging step, and kept out of the asar.
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('has the icons it names: the app icon and the four tray states at 1x and 2x', () => {
    const files = ['icon.png', ...['ok', 'syncing', 'attention', 'offline'].flatMap((s) => [`tray-${s}.png`, `tray-${s}@2x.png`])];
    expect(files.filter((f) => !existsSync(join(ROOT, 'resources', f)))).toEqual([]);
  });
});
