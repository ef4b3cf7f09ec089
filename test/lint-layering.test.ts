import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

// ESLint loads its config and the TypeScript parser on first use, which on a busy machine takes
// longer than one test's bound; load them once here, under a bound of their own.
beforeAll(async () => {
  await ruleIds('export const warm = 1;\n', 'app/probe.ts');
}, 180_000);

describe('layering lint rules', () => {
  it('fires when app/ imports electron, in every import form', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'app/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("export const e = require('electron');\n", 'app/probe.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds("export const e = import('electron');\n", 'app/probe.ts')).toContain('no-restricted-syntax');
  });

  it('fires when renderer/ imports electron or a value from app/ outside app/common/', async () => {
    expect(await ruleIds("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/probe.tsx')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { supervisorError } from '../app/error-catalogue.js';\nexport const x = supervisorError;\n", 'renderer/probe.tsx')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { profileSchema } from '../../app/config/profile.js';\nexport const x = profileSchema;\n", 'renderer/format/probe.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('lets renderer/ import values from app/common/ and types from anywhere in app/', async () => {
    expect(await ruleIds("import { errorView } from '../app/common/error-view.js';\nexport const x = errorView;\n", 'renderer/probe.tsx')).toEqual([]);
    expect(await ruleIds("import { presetOrder } from '../../app/common/provider-presets.js';\nexport const x = presetOrder;\n", 'renderer/components/probe.tsx')).toEqual([]);
    expect(await ruleIds("import type { SupervisorState } from '../app/common/contract.js';\nexport type X = SupervisorState;\n", 'renderer/probe.tsx')).toEqual([]);
    expect(await ruleIds("import type { Profile } from '../../app/config/profile.js';\nexport type X = Profile;\n", 'renderer/format/probe.ts')).toEqual([]);
  });

  it('fires when renderer/ imports main/', async () => {
    expect(await ruleIds("import { createSupervisorBridge } from '../main/electron/preload-bridge.js';\nexport const x = createSupervisorBridge;\n", 'renderer/probe.tsx')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('holds the preload to the same rule: values from app/common/ only, types from anywhere in app/', async () => {
    expect(await ruleIds("import { dispatchRequest } from '../../app/transport/dispatch-request.js';\nexport const x = dispatchRequest;\n", 'main/electron/preload-bridge.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { supervisorError } from '../../app/error-catalogue.js';\nexport const x = supervisorError;\n", 'main/electron/preload.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { ipcRenderer } from 'electron';\nimport { errorView } from '../../app/common/error-view.js';\nexport const x = [ipcRenderer, errorView];\n", 'main/electron/preload.ts')).toEqual([]);
    expect(await ruleIds("import type { Logger } from '../../app/ports/logger.js';\nexport type X = Logger;\n", 'main/electron/preload-bridge.ts')).toEqual([]);
    // The rest of the shell may use the whole core.
    expect(await ruleIds("import { dispatchRequest } from '../../app/transport/dispatch-request.js';\nexport const x = dispatchRequest;\n", 'main/electron/probe.ts')).toEqual([]);
  });

  it('fires when app/ imports main/ or renderer/, types included', async () => {
    expect(await ruleIds("import { BrowserHost } from '../main/browser/browser-host.js';\nexport const x = BrowserHost;\n", 'app/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import type { TrustedRenderer } from '../../main/electron/ipc-sender-policy.js';\nexport type X = TrustedRenderer;\n", 'app/auth/probe.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { copy } from '../../renderer/copy.js';\nexport const x = copy;\n", 'app/config/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { isLoopbackHost } from '../common/loopback.js';\nexport const x = isLoopbackHost;\n", 'app/auth/probe.ts')).toEqual([]);
  });

  it('fires when main/browser/ and main/electron/ import each other, or the browser host imports electron', async () => {
    expect(await ruleIds("import { isAllowedExternalUrl } from '../electron/external-url-policy.js';\nexport const x = isAllowedExternalUrl;\n", 'main/browser/probe.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { BrowserHost } from '../browser/browser-host.js';\nexport const x = BrowserHost;\n", 'main/electron/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import type { BrowserHost } from '../browser/browser-host.js';\nexport type X = BrowserHost;\n", 'main/electron/preload-bridge.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'main/browser/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'main/electron/probe.ts')).toEqual([]);
    expect(await ruleIds("import { dispatchRequest } from '../../app/transport/dispatch-request.js';\nexport const x = dispatchRequest;\n", 'main/browser/probe.ts')).toEqual([]);
  });

  it('keeps app/common/ free of zod, Node and everything outside it', async () => {
    const common = 'app/common/probe.ts';
    expect(await ruleIds("import { z } from 'zod';\nexport const x = z;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import { join } from 'path';\nexport const x = join;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import { supervisorError } from '../error-catalogue.js';\nexport const x = supervisorError;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import type { Profile } from '../config/profile.js';\nexport type X = Profile;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import { copy } from '../../renderer/copy.js';\nexport const x = copy;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", common)).toContain('no-restricted-imports');
    expect(await ruleIds("import { errorMessage } from './error-catalogue.js';\nexport const x = errorMessage;\n", common)).toEqual([]);
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
