import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppConfig, loadConfig } from '../../src/main/core/config';
import { AppError } from '../../src/shared/errors';

const dir = (): string => mkdtempSync(join(tmpdir(), 'ccal-ms-config-'));

describe('the microsoft section of the configuration', () => {
  it('defaults to Microsoft\'s endpoints, and a config without the section still parses', () => {
    const c = loadConfig({}, join(dir(), 'missing.json'));
    expect(c.microsoft).toEqual({ clientId: '', authority: 'https://login.microsoftonline.com/common', graphRoot: 'https://graph.microsoft.com/v1.0' });
    expect(AppConfig.parse({ dataDir: '/d', copilot: { baseUrl: 'https://x.example/api/v1' }, google: {} }).microsoft.authority).toBe('https://login.microsoftonline.com/common');
  });

  it('reads the file and lets CCAL_MICROSOFT_* variables win', () => {
    const file = join(dir(), 'config.json');
    writeFileSync(file, JSON.stringify({ microsoft: { clientId: 'file-id', authority: 'https://login.microsoftonline.com/organizations', maxConcurrent: 2, useBatch: false } }));
    const c = loadConfig({ CCAL_MICROSOFT_CLIENT_ID: 'env-id', CCAL_MICROSOFT_GRAPH_ROOT: 'https://127.0.0.1:4443/v1.0' }, file);
    expect(c.microsoft).toMatchObject({ clientId: 'env-id', authority: 'https://login.microsoftonline.com/organizations', graphRoot: 'https://127.0.0.1:4443/v1.0', maxConcurrent: 2, useBatch: false });
  });

  it('refuses a plain-http authority or Graph root, and more than Outlook\'s 4 concurrent requests', () => {
    const file = join(dir(), 'config.json');
    writeFileSync(file, JSON.stringify({ microsoft: { authority: 'http://login.example/common' } }));
    expect(() => loadConfig({}, file)).toThrow(AppError);
    expect(() => loadConfig({}, file)).toThrow(/microsoft\.authority: must be an https:\/\/ address/);
    expect(() => loadConfig({ CCAL_MICROSOFT_GRAPH_ROOT: 'http://127.0.0.1/v1.0' }, join(dir(), 'missing.json'))).toThrow(/microsoft\.graphRoot/);
    writeFileSync(file, JSON.stringify({ microsoft: { maxConcurrent: 8 } }));
    expect(() => loadConfig({}, file)).toThrow(/microsoft\.maxConcurrent/);
  });
});
