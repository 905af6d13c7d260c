// The layering rule (DESIGN §2) is an allow-list enforced as a lint error: each
// case lints a snippet as if it lived at that path, with the project's real
// eslint.config.js, and checks that the rule fires (forbidden) or stays quiet
// (allowed). Every hole the rule closes has a case here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // A snippet that does not parse would make "allowed" pass for the wrong reason.
  expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

/** The file, the code, and optionally a phrase the error must contain (to fail for the right reason). */
type Case = [file: string, code: string, reason?: string];

const forbidden: Record<string, Case[]> = {
  'shared is pure (zod and luxon only)': [
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/shared/x.ts', "import type { Stats } from 'node:fs';\nexport type A = Stats;\n"],
    ['src/shared/x.ts', "import { EventEmitter } from 'events';\nexport const a = EventEmitter;\n"],
    ['src/shared/x.ts', "import { URL } from 'url';\nexport const a = URL;\n"],
    ['src/shared/x.ts', "import { Buffer } from 'buffer';\nexport const a = Buffer;\n"],
    ['src/shared/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/shared/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['src/shared/x.ts', "import { Store } from '../main/core/store/store';\nexport type A = Store;\n"],
    ['src/shared/x.ts', "import { api } from '../renderer/api';\nexport const a = api;\n"],
    ['src/shared/x.ts', "export const fs = process.getBuiltinModule('node:fs');\n", "'node:fs'"],
    ['src/shared/x.ts', "export const fs = require('fs');\n", "'fs'"],
    ['src/shared/x.tsx', 'export const a = 1;\n', 'only .ts files'],
    ['src/shared/x.js', 'export const a = 1;\n', 'only .ts files'],
  ],
  'core never reaches Electron, by any route': [
    ['src/main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/main/core/x.ts', "import { app } from 'electron/main';\nexport const a = app;\n"],
    ['src/main/core/x.ts', "import type { App } from 'electron';\nexport type A = App;\n"],
    ['src/main/core/x.ts', "export type A = typeof import('electron');\n"],
    ['src/main/core/x.ts', "export async function f() {\n  return import('electron');\n}\n"],
    ['src/main/core/x.ts', "export async function f() {\n  const { app } = await import('electron');\n  return app;\n}\n"],
    ['src/main/core/x.ts', "export const e = require('electron');\n"],
    ['src/main/core/x.ts', "export const e = process.mainModule?.require('electron');\n", "'electron'"],
    ['src/main/core/x.ts', "import e = require('electron');\nexport const a = e;\n"],
    ['src/main/core/x.ts', "export * from 'electron';\n"],
    ['src/main/core/x.ts', "export { app } from 'electron';\n"],
    ['src/main/core/x.ts', "import Store from 'electron-store';\nexport const a = Store;\n"],
  ],
  'core may not build its own require or hide a specifier': [
    ['src/main/core/x.ts', "import { createRequire } from 'node:module';\nexport const r = createRequire(import.meta.url);\n", 'createRequire'],
    ['src/main/core/x.ts', "import { createRequire } from 'module';\nexport const r = createRequire(import.meta.url);\n", 'createRequire'],
    ['src/main/core/x.ts', "import * as m from 'node:module';\nexport const r = m.createRequire(import.meta.url)('electron');\n", 'createRequire'],
    ['src/main/core/x.ts', "export const m = process.getBuiltinModule('module');\nexport const r = m.createRequire(import.meta.url);\n"],
    ['src/main/core/x.ts', "const name = 'elec' + 'tron';\nexport const a = import(name);\n", 'computed module specifier'],
    ['src/main/core/x.ts', "const name = 'electron';\nexport const a = require(name);\n", 'computed module specifier'],
  ],
  'core depends inward only': [
    ['src/main/core/x.ts', "import { runDemo } from '../cli/demo';\nexport const a = runDemo;\n"],
    ['src/main/core/x.ts', "import { bindIpc } from '../electron/ipc';\nexport const a = bindIpc;\n"],
    ['src/main/core/x.ts', "import { startWebHost } from '../host/web-host';\nexport const a = startWebHost;\n"],
    ['src/main/core/x.ts', "import { startGoogleSandbox } from '../../sandbox/google';\nexport const a = startGoogleSandbox;\n"],
    ['src/main/core/x.ts', "import { api } from '../../renderer/api';\nexport const a = api;\n"],
    ['src/main/core/x.ts', "import pkg from '../../../package.json';\nexport const a = pkg;\n", "'../../../package.json'"],
    ['src/main/core/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['src/main/core/x.ts', "import { Command } from 'commander';\nexport const a = Command;\n"],
    ['src/main/core/x.ts', "import express from 'express';\nexport const a = express;\n"],
  ],
  'the Electron layer uses Electron, core and shared only': [
    ['src/main/electron/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['src/main/electron/x.ts', "import { api } from '../../renderer/api';\nexport const a = api;\n"],
    ['src/main/electron/x.ts', "import { startGoogleSandbox } from '../../sandbox/google';\nexport const a = startGoogleSandbox;\n"],
    ['src/main/electron/x.ts', "import { startWebHost } from '../host/web-host';\nexport const a = startWebHost;\n"],
    ['src/main/electron/x.ts', "import { runDemo } from '../cli/demo';\nexport const a = runDemo;\n"],
  ],
  'raw ipcMain / ipcRenderer only in the IPC files': [
    ['src/main/electron/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/x.ts', "import { ipcMain as main } from 'electron';\nexport const a = main;\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/x.ts', "import * as electron from 'electron';\nexport const a = electron.ipcMain;\n", 'by name'],
    ['src/main/electron/x.ts', "import electron from 'electron';\nexport const a = electron;\n", 'by name'],
    ['src/main/electron/x.ts', "export async function f() {\n  const { ipcMain } = await import('electron');\n  return ipcMain;\n}\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/x.ts', "const { ipcMain } = require('electron');\nexport const a = ipcMain;\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/x.ts', "export type A = import('electron').ipcMain;\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/x.ts', "export { ipcMain } from 'electron';\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/main.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", "'ipcMain' from 'electron' is allowed only in src/main/electron/ipc.ts"],
    ['src/main/electron/ipc.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", "'ipcRenderer' from 'electron' is allowed only in src/preload/index.ts"],
    ['src/preload/other.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", "'ipcRenderer' from 'electron' is allowed only in src/preload/index.ts"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", "may not import 'electron'"],
  ],
  'cli and host: core and shared, never Electron': [
    ['src/main/cli/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
    ['src/main/cli/x.ts', "export const e = require('electron');\n"],
    ['src/main/cli/x.ts', "import { startWebHost } from '../host/web-host';\nexport const a = startWebHost;\n"],
    ['src/main/cli/commands/x.ts', "import { startGoogleSandbox } from '../../../sandbox/google';\nexport const a = startGoogleSandbox;\n"],
    ['src/main/cli/x.ts', "import { bindIpc } from '../electron/ipc';\nexport const a = bindIpc;\n"],
    ['src/main/cli/x.ts', "import { api } from '../../renderer/api';\nexport const a = api;\n"],
    ['src/main/host/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/main/host/x.ts', "import { runDemo } from '../cli/demo';\nexport const a = runDemo;\n"],
    ['src/main/host/x.ts', "import { startGoogleSandbox } from '../../sandbox/google';\nexport const a = startGoogleSandbox;\n"],
    ['src/main/host/x.ts', "import { bindIpc } from '../electron/ipc';\nexport const a = bindIpc;\n"],
    ['src/main/host/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
  ],
  'sandbox: Node and shared, not the app it stands in for': [
    ['src/sandbox/google/x.ts', "import { Store } from '../../main/core/store/store';\nexport type A = Store;\n"],
    ['src/sandbox/google/x.ts', "import { safeCause } from '../../main/core/auth/safe-cause';\nexport const a = safeCause;\n"],
    ['src/sandbox/google/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/sandbox/google/x.ts', "import { runDemo } from '../../main/cli/demo';\nexport const a = runDemo;\n"],
    ['src/sandbox/google/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['src/sandbox/google/x.ts', "import { calendar } from '@googleapis/calendar';\nexport const a = calendar;\n"],
  ],
  'preload: contextBridge, ipcRenderer and shared only (it runs sandboxed)': [
    ['src/preload/index.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/preload/index.ts', "import { join } from 'path';\nexport const a = join;\n"],
    ['src/preload/index.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['src/preload/index.ts', "import { shell } from 'electron';\nexport const a = shell;\n", "'shell'"],
    ['src/preload/index.ts', "import * as electron from 'electron';\nexport const a = electron.contextBridge;\n", 'by name'],
    ['src/preload/index.ts', "import { Store } from '../main/core/store/store';\nexport type A = Store;\n"],
    ['src/preload/index.ts', "import { api } from '../renderer/api';\nexport const a = api;\n"],
  ],
  'renderer: shared and UI packages only': [
    ['src/renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/renderer/x.ts', "import { EventEmitter } from 'events';\nexport const a = EventEmitter;\n"],
    ['src/renderer/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/renderer/x.ts', "import { Store } from '../main/core/store/store';\nexport type A = Store;\n"],
    ['src/renderer/x.ts', "import { startGoogleSandbox } from '../sandbox/google';\nexport const a = startGoogleSandbox;\n"],
    ['src/renderer/x.ts', "import '../preload/index';\n"],
    ['src/renderer/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['src/renderer/x.ts', "import { debounce } from 'lodash';\nexport const a = debounce;\n"],
  ],
  'every file under src belongs to a layer': [
    ['src/main/x.ts', 'export const a = 1;\n', 'in no layer'],
    ['src/x.ts', 'export const a = 1;\n', 'in no layer'],
  ],
};

const allowed: Record<string, Case[]> = {
  shared: [
    ['src/shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['src/shared/x.ts', "import { DateTime } from 'luxon';\nexport const a = DateTime;\n"],
    ['src/shared/x.ts', "import type { Timing } from './domain';\nexport type A = Timing;\n"],
  ],
  core: [
    ['src/main/core/x.ts', "import { Timing } from '../../shared/domain';\nexport type A = Timing;\n"],
    ['src/main/core/store/x.ts', "import { Store } from './store';\nimport { createLogger } from '../telemetry/logger';\nexport const a = [Store, createLogger];\n"],
    ['src/main/core/x.ts', "import { readFileSync } from 'node:fs';\nimport { EventEmitter } from 'events';\nexport const a = [readFileSync, EventEmitter];\n"],
    ['src/main/core/x.ts', "import Database from 'better-sqlite3';\nimport { pino } from 'pino';\nimport { Entry } from '@napi-rs/keyring';\nexport const a = [Database, pino, Entry];\n"],
    ['src/main/core/x.ts', "import { OAuth2Client } from 'google-auth-library';\nimport { calendar } from '@googleapis/calendar';\nexport const a = [OAuth2Client, calendar];\n"],
    ['src/main/core/x.ts', "import { DAVClient } from 'tsdav';\nimport ICAL from 'ical.js';\nexport const a = [DAVClient, ICAL];\n"],
    ['src/main/core/x.ts', "import { PublicClientApplication } from '@azure/msal-node';\nimport { Client } from '@microsoft/microsoft-graph-client';\nexport const a = [PublicClientApplication, Client];\n"],
    ['src/main/core/x.ts', "export async function f() {\n  return import('../../shared/domain');\n}\n"],
  ],
  electron: [
    ['src/main/electron/x.ts', "import { app, BrowserWindow } from 'electron';\nexport const a = [app, BrowserWindow];\n"],
    ['src/main/electron/x.ts', "import Store from 'electron-store';\nimport { join } from 'node:path';\nexport const a = [Store, join];\n"],
    ['src/main/electron/x.ts', "import { CalendarCore } from '../core/app';\nimport { AppError } from '../../shared/errors';\nexport const a = [CalendarCore, AppError];\n"],
    ['src/main/electron/ipc.ts', "import { ipcMain, type IpcMainInvokeEvent } from 'electron';\nexport const a = ipcMain;\nexport type E = IpcMainInvokeEvent;\n"],
  ],
  cli: [
    ['src/main/cli/x.ts', "import { Command } from 'commander';\nimport { CalendarCore } from '../core/app';\nexport const a = [Command, CalendarCore];\n"],
    ['src/main/cli/demo.ts', "import { startGoogleSandbox } from '../../sandbox/google';\nimport { startWebHost } from '../host/web-host';\nexport const a = [startGoogleSandbox, startWebHost];\n"],
  ],
  host: [
    ['src/main/host/x.ts', "import { WebSocketServer } from 'ws';\nimport { createServer } from 'node:http';\nimport { CalendarCore } from '../core/app';\nexport const a = [WebSocketServer, createServer, CalendarCore];\n"],
  ],
  sandbox: [
    ['src/sandbox/google/x.ts', "import { createServer } from 'node:http';\nimport { WebSocketServer } from 'ws';\nimport { DateTime } from 'luxon';\nexport const a = [createServer, WebSocketServer, DateTime];\n"],
    ['src/sandbox/google/x.ts', "import { parseJson } from '../../shared/parse-json';\nimport { googleError } from './google-errors';\nexport const a = [parseJson, googleError];\n"],
  ],
  preload: [
    ['src/preload/index.ts', "import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';\nexport const a = [contextBridge, ipcRenderer];\nexport type E = IpcRendererEvent;\n"],
    ['src/preload/index.ts', "import type { CalendarApi } from '../shared/contract';\nexport type A = CalendarApi;\n"],
  ],
  renderer: [
    ['src/renderer/x.ts', "import { Timing } from '../shared/domain';\nexport type A = Timing;\n"],
    ['src/renderer/x.tsx', "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { create } from 'zustand';\nexport const a = [useState, createRoot, create];\nexport const b = <p />;\n"],
    ['src/renderer/x.ts', "import { useVirtualizer } from '@tanstack/react-virtual';\nimport * as Dialog from '@radix-ui/react-dialog';\nimport uPlot from 'uplot';\nimport 'uplot/dist/uPlot.min.css';\nimport './styles.css';\nexport const a = [useVirtualizer, Dialog, uPlot];\n"],
  ],
  'outside src (tests, bench)': [['test/unit/x.ts', "import { app } from 'electron';\nexport const a = app;\n"]],
};

describe('import layering (allow-list)', () => {
  for (const [hole, cases] of Object.entries(forbidden)) {
    it.each(cases)(`${hole}: forbids %s → %s`, async (file, code, reason) => {
      const errors = await layeringErrors(file, code);
      expect(errors).not.toEqual([]);
      if (reason !== undefined) expect(errors.join('\n')).toContain(reason);
    });
  }

  for (const [layer, cases] of Object.entries(allowed)) {
    it.each(cases)(`${layer}: allows %s → %s`, async (file, code) => {
      expect(await layeringErrors(file, code)).toEqual([]);
    });
  }

  it('says which layer refused what, and why', async () => {
    const [message] = await layeringErrors('src/main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(message).toContain("src/main/core may not import 'electron'");
    expect(message).toContain('without Electron');
  });

  it('forbids createRequire in core even without importing node:module', async () => {
    const errors = await layeringErrors('src/main/core/x.ts', 'declare const createRequire: (u: string) => unknown;\nexport const r = createRequire(import.meta.url);\n');
    expect(errors.some((m) => m.includes("'createRequire' is forbidden"))).toBe(true);
  });
});
