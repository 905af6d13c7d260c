// Lint, including the layering rule: folders say which runtime code may use
// (DESIGN §2), and a wrong import is an error, not a warning.
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const electron = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only src/main/electron may use Electron.' };
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'], message: 'This layer runs without Node.' };
const mainCode = { group: ['**/main/**', '**/sandbox/**'], message: 'The renderer and shared code talk to main only through the contract.' };
const rendererCode = { group: ['**/renderer/**'], message: 'Main-process code may not import the renderer.' };
const uiLibs = { group: ['react', 'react-dom', 'react-dom/*', 'zustand'], message: 'UI libraries belong in src/renderer.' };
const outward = { group: ['**/electron/**', '**/host/**', '**/cli/**', '**/sandbox/**'], message: 'core depends inward only (core → shared).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/shared/**/*.ts'], [electron, nodeBuiltins, mainCode, rendererCode, uiLibs]),
  layer(['src/main/core/**/*.ts'], [electron, rendererCode, uiLibs, outward]),
  layer(['src/main/cli/**/*.ts', 'src/main/host/**/*.ts', 'src/sandbox/**/*.ts'], [electron, rendererCode, uiLibs]),
  layer(['src/renderer/**/*.{ts,tsx}'], [electron, nodeBuiltins, mainCode]),
  layer(['src/preload/**/*.ts'], [mainCode, rendererCode, uiLibs]),
);
