// Builds the three Electron bundles (DESIGN §2): main (Node, ESM because the
// package is "type": "module"), the preload (CommonJS, because a sandboxed
// preload is run as a classic script and cannot load ES modules), and the React
// renderer. The renderer part is exported on its own so the e2e test builds the
// very same page without Electron.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type RendererViteConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The page's CSP meta tag is strict ('self' only). Vite's dev server needs an
 * inline React Refresh preamble and a WebSocket, so only while serving is the tag
 * relaxed; the built page keeps the strict one.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'ccal:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    },
  };
}

export const rendererConfig: RendererViteConfig = {
  root: resolve(root, 'src/renderer'),
  // Relative asset URLs: the built page is loaded from file:// in Electron and
  // from a plain HTTP server in the e2e test.
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    // electron-vite leaves the renderer unminified; minified it is 466 kB instead of 1.16 MB (149 kB gzip).
    minify: true,
    emptyOutDir: true,
    rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
  },
};

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Every runtime dependency stays in node_modules (electron-vite's default);
      // the native ones must, since their .node binaries cannot be bundled.
      externalizeDeps: { include: ['better-sqlite3', '@napi-rs/keyring'] },
      // The desktop app's main process, and the ccal command line from the same toolchain (bin/ccal.mjs runs out/main/cli.js).
      rolldownOptions: { input: { index: resolve(root, 'src/main/electron/main.ts'), cli: resolve(root, 'src/main/cli/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron' and a few built-ins, so
      // nothing may be left as an external node_modules import.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
