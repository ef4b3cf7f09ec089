import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('layering lint rules', () => {
  it('fires when app/ imports electron, in every import form', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'app/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("export const e = require('electron');\n", 'app/probe.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds("export const e = import('electron');\n", 'app/probe.ts')).toContain('no-restricted-syntax');
  });

  it('fires when renderer/ imports electron or a value from app/', async () => {
    expect(await ruleIds("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/probe.tsx')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { supervisorError } from '../app/error-catalogue.js';\nexport const x = supervisorError;\n", 'renderer/probe.tsx')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('allows type imports from app/ in renderer/, and electron in main/', async () => {
    expect(await ruleIds("import type { SupervisorState } from '../app/common/contract.js';\nexport type X = SupervisorState;\n", 'renderer/probe.tsx')).toEqual([]);
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'main/electron/probe.ts')).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

describe('the core and the renderer run without Electron', () => {
  it('no file under app/, renderer/ or bots/ imports electron', () => {
    const offenders = ['app', 'renderer', 'bots']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) => /(from\s+|require\(|import\()\s*['"]electron(\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
