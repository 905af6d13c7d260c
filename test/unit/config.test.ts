import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, signInPages } from '../../src/main/core/config';
import { consentUrlPolicy } from '../../src/shared/consent-url';
import { AppError } from '../../src/shared/errors';

const dir = (): string => mkdtempSync(join(tmpdir(), 'ccal-config-'));

describe('configuration', () => {
  it('defaults to the real services and an XDG data folder', () => {
    const c = loadConfig({ XDG_DATA_HOME: '/data' }, join(dir(), 'missing.json'));
    expect(c.dataDir).toBe('/data/career-copilot-calendar');
    expect(c.google.tokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(c.google.clientId).toBe('');
    expect(c.syncIntervalSeconds).toBe(60);
  });

  it('reads the file and lets CCAL_* variables win', () => {
    const file = join(dir(), 'config.json');
    writeFileSync(file, JSON.stringify({ dataDir: '/from-file', copilot: { baseUrl: 'https://file.example/api/v1' }, google: { clientId: 'file-id', apiRoot: 'https://file.example/' } }));
    const c = loadConfig({ CCAL_COPILOT_URL: 'http://127.0.0.1:1234/api/v1', CCAL_GOOGLE_CLIENT_ID: 'env-id' }, file);
    expect(c.dataDir).toBe('/from-file');
    expect(c.copilot.baseUrl).toBe('http://127.0.0.1:1234/api/v1');
    expect(c.google.clientId).toBe('env-id');
    expect(c.google.apiRoot).toBe('https://file.example/');
  });

  it('says which file is broken and which setting is wrong', () => {
    const broken = join(dir(), 'config.json');
    writeFileSync(broken, '{ "copilot": ');
    expect(() => loadConfig({}, broken)).toThrowError(expect.objectContaining({ code: 'config_invalid', userMessage: expect.stringContaining(broken) as string }) as Error);
    const wrong = join(dir(), 'config.json');
    writeFileSync(wrong, JSON.stringify({ copilot: { baseUrl: 'not a url' } }));
    try {
      loadConfig({}, wrong);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).userMessage).toMatch(/copilot\.baseUrl/);
    }
  });

  it("lets the browser open Google's and Microsoft's sign-in pages as configured, and no other", () => {
    const allowed = consentUrlPolicy(signInPages(loadConfig({}, join(dir(), 'missing.json'))));
    expect(allowed('https://accounts.google.com/o/oauth2/v2/auth?client_id=x')).toBe(true);
    // MSAL builds the authorize URL on the authority's origin.
    expect(allowed('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x')).toBe(true);
    expect(allowed('https://login.microsoftonline.com.evil.example/common/oauth2/v2.0/authorize')).toBe(false);
    const sandbox = consentUrlPolicy(signInPages(loadConfig({ CCAL_MICROSOFT_AUTHORITY: 'https://127.0.0.1:8443/common' }, join(dir(), 'missing.json'))));
    expect(sandbox('https://127.0.0.1:8443/common/oauth2/v2.0/authorize?x=1')).toBe(true);
    expect(sandbox('https://login.microsoftonline.com/common/oauth2/v2.0/authorize')).toBe(false);
  });
});
