// Lint, including the layering rule: folders say which runtime code may use
// (DESIGN §2), and a wrong import is an error, not a warning. The rule is an
// allow-list (eslint-rules/layering.js): a layer may import its own folder and
// exactly what is listed below; anything else, including a new package, is an
// error until someone adds it here with a reason.
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.js';

const LAYERS = {
  shared: {
    folder: 'src/shared',
    why: 'shared code is pure: it runs in main, the sandboxed preload and the browser alike, so no Node, no Electron, no DOM, and only the two pure libraries the contract and domain need',
    layers: [],
    // zod: the contract's schemas; luxon: time-zone arithmetic for domain helpers.
    packages: ['zod', 'luxon'],
    builtins: 'none',
    // A .tsx file would be UI; a .js file would escape type-checking.
    extensions: ['.ts'],
  },
  core: {
    folder: 'src/main/core',
    why: 'core is plain Node so the CLI, the web host and every test run it without Electron; it depends inward only (core → shared) and never on the outer layers, and it may not build its own require (createRequire could load electron)',
    layers: ['shared'],
    packages: [
      'zod', // validation at every boundary (API answers, config)
      'luxon', // time zones, DST edges
      'better-sqlite3', // the store
      'pino', // logging
      '@napi-rs/keyring', // the OS keychain SecretStore
      'google-auth-library', // Google OAuth, token refresh
      '@googleapis/calendar', // Google Calendar provider
      '@azure/msal-node', // Microsoft identity (Outlook provider)
      '@microsoft/microsoft-graph-client', // Graph calendar (Outlook provider)
      'tsdav', // CalDAV discovery and requests
      'ical.js', // iCalendar parsing/building for CalDAV
    ],
    builtins: 'all',
    // node:module is where createRequire lives; forbidden outright, with the name too.
    forbiddenBuiltins: ['module'],
    forbiddenIdentifiers: ['createRequire'],
  },
  electron: {
    folder: 'src/main/electron',
    why: 'the Electron shell is thin: Electron, its settings store and logging, over core and shared',
    layers: ['core', 'shared'],
    packages: ['electron', 'electron-store', 'pino'],
    builtins: 'all',
  },
  cli: {
    folder: 'src/main/cli',
    why: 'the ccal command line runs in plain Node over core and shared, never Electron; only the demo starts the sandboxes and the web host',
    layers: [
      'core',
      'shared',
      { layer: 'host', onlyIn: ['src/main/cli/demo.ts'] }, // `ccal demo --ui` serves the UI
      // the demo runs against the stand-ins: its main flow, Outlook's part, the relaunch that trusts the Microsoft sandbox's certificate, and its local Radicale
      { layer: 'sandbox', onlyIn: ['src/main/cli/demo.ts', 'src/main/cli/demo-outlook.ts', 'src/main/cli/demo-trust.ts', 'src/main/cli/demo-caldav.ts'] },
    ],
    packages: ['commander', 'cli-progress', 'pino', 'luxon', 'zod'],
    builtins: 'all',
  },
  host: {
    folder: 'src/main/host',
    why: 'the web host serves the contract over HTTP + WebSocket in plain Node over core and shared, never Electron',
    layers: ['core', 'shared'],
    packages: ['ws', 'zod', 'pino'],
    builtins: 'all',
  },
  sandbox: {
    folder: 'src/sandbox',
    why: "the stand-ins are independent servers speaking the real services' HTTP; they must not borrow the app's core, or a shared bug would pass both sides",
    layers: ['shared'],
    // ws: Career Copilot's push socket; luxon: event times in zones; zod: strict
    // request validation; ical.js: a CalDAV server parses iCalendar with a
    // library, as real ones do (sabre/vobject).
    packages: ['ws', 'luxon', 'zod', 'ical.js'],
    builtins: 'all',
  },
  preload: {
    folder: 'src/preload',
    why: 'the preload runs sandboxed: no Node, no packages; only contextBridge and ipcRenderer from Electron, and the contract from shared',
    layers: ['shared'],
    packages: [{ name: 'electron', names: ['contextBridge', 'ipcRenderer', 'IpcRendererEvent'] }],
    builtins: 'none',
  },
  renderer: {
    folder: 'src/renderer',
    why: 'the renderer is a web page: it talks to main only through the contract (shared) and uses only UI libraries',
    layers: ['shared'],
    packages: [
      'react',
      'react-dom',
      'zustand', // stores by feature
      '@tanstack/react-virtual', // the 10,000-row items list
      '@radix-ui/react-dialog', // accessible dialogs
      'uplot', // metrics chart
      'luxon', // times shown in the user's zone, DST-correct (never hand-rolled offsets)
    ],
    builtins: 'none',
  },
};

// Raw IPC only where the contract is bound (checked sender, zod-validated
// arguments, named functions on window.calendar); everything else uses the contract.
const RESTRICTED_NAMES = [
  { package: 'electron', names: ['ipcMain'], onlyIn: ['src/main/electron/ipc.ts'], why: 'main binds the contract to IPC in one file' },
  { package: 'electron', names: ['ipcRenderer'], onlyIn: ['src/preload/index.ts'], why: 'the preload exposes the contract, never ipcRenderer, from one file' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    plugins: { local: { rules: { layering } } },
    // Folders are relative to this file, so linting from a subfolder finds the same layers.
    rules: { 'local/layering': ['error', { root: import.meta.dirname, layers: LAYERS, restrictedNames: RESTRICTED_NAMES }] },
  },
);
