// The layering rule (DESIGN §2) is a lint error, not a convention: check that it
// fires for each forbidden direction and stays quiet for allowed ones.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('import layering', () => {
  it.each([
    ['src/main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/main/core/x.ts', "import { runDemo } from '../cli/demo';\nexport const a = runDemo;\n"],
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/shared/x.ts', "import { Store } from '../main/core/store/store';\nexport type A = Store;\n"],
    ['src/renderer/x.ts', "import { Store } from '../main/core/store/store';\nexport type A = Store;\n"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['src/main/cli/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
  ])('forbids %s → %s', async (file, code) => {
    expect(await restricted(file, code)).toBe(true);
  });

  it.each([
    ['src/main/core/x.ts', "import { Timing } from '../../shared/domain';\nexport type A = Timing;\n"],
    ['src/main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/renderer/x.ts', "import { Timing } from '../shared/domain';\nexport type A = Timing;\n"],
  ])('allows %s → %s', async (file, code) => {
    expect(await restricted(file, code)).toBe(false);
  });
});
