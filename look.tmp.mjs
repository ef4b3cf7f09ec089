// Temporary look-around script (not committed).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const dataDir = mkdtempSync(join(tmpdir(), 'g13-look-'));
const env = { ...process.env, RPA_SUPERVISOR_DATA_DIR: dataDir, RPA_SUPERVISOR_BOTS_DIR: 'e2e/support/test-bots', RPA_SANDBOX_PARTNER: process.env.PARTNER ?? '0' };
const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/launch.ts', '--no-open'], { env });
let out = '';
const url = await new Promise((ok) => child.stdout.on('data', (c) => { out += c; const m = /Open: (\S+)/.exec(out); if (m) ok(m[1]); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const widths = (process.env.WIDTHS ?? '1280').split(',').map(Number);
for (const width of widths) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(url);
  const skip = page.getByRole('button', { name: 'Skip setup' });
  if (await skip.isVisible().catch(() => false) || await skip.waitFor({ timeout: 1500 }).then(() => true, () => false)) await skip.click();
  await page.waitForTimeout(800);
  if (process.env.SCRIPT) await (await import(process.env.SCRIPT)).default(page);
  await page.screenshot({ path: `/tmp/g13/look-${width}.png`, fullPage: false });
  await page.close();
}
await browser.close();
child.kill('SIGTERM');
