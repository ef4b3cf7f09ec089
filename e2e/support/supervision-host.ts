import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './browser-host-process.js';
import { signInToSandbox, skipWizard } from './sign-in.js';

export interface Setup {
  host: BrowserHostProcess;
  page: Page;
  dispose(): Promise<void>;
}

/** A browser host on the supervision test bots under a policy's `supervision` section, signed in to the sandbox in a page of its own. */
export async function startSupervisionHost(browser: Browser, botsDir: string, supervision: Record<string, unknown>): Promise<Setup> {
  const policyDir = await mkdtemp(join(tmpdir(), 'rpa-policy-'));
  const policyFile = join(policyDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ version: 1, supervision }));
  const host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: botsDir, RPA_SUPERVISOR_POLICY_FILE: policyFile });
  // A context of its own keeps each host's pages apart.
  const browserContext = await browser.newContext();
  const page = await browserContext.newPage();
  try {
    await page.goto(host.pageUrl);
    await skipWizard(page);
    await signInToSandbox(page, host);
  } catch (error) {
    await browserContext.close();
    await host.stop();
    throw error;
  }
  return {
    host,
    page,
    async dispose() {
      await browserContext.close();
      await host.stop();
      await rm(policyDir, { recursive: true, force: true });
    },
  };
}

/** The one-letter process state (R, S, T for stopped…) from /proc/<pid>/stat; the command may hold spaces, so read after its ')'. */
export async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

export async function auditText(host: BrowserHostProcess): Promise<string> {
  return readFile(join(host.dataDir, 'audit', 'audit.jsonl'), 'utf8').catch(() => '');
}
