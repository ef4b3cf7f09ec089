import { rm } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { openSeededAuditTrail, seedAuditTrail, type SeededAuditTrail } from './support/seeded-audit-trail.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * An auditor pressing Load older records again and again through months of trail: each press
 * renders the page it adds, not again every row already on the screen, so it costs the same at
 * the tenth press as at the first. Rows are counted through React's DevTools hook, which the
 * production build calls at every commit: a row's element rendered again is a new props object
 * on its `<tr>`, a row left alone keeps the one it had.
 */
let host: BrowserHostProcess;
let seeded: SeededAuditTrail;

test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

test.beforeAll(async () => {
  seeded = await seedAuditTrail(1000);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: seeded.dataDir, TZ: 'Europe/London' });
});

test.afterAll(async () => {
  await host?.stop();
  if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
});

interface RowRenders {
  /** Audit rows rendered for the first time. */
  mounted: number;
  /** Audit rows already on the screen that rendered again. */
  rerendered: number;
}

/** Installs, before the app loads, a DevTools hook that counts the audit rows each commit renders. */
async function countRowRenders(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Fiber {
      type: unknown;
      memoizedProps: Record<string, unknown> | null;
      child: Fiber | null;
      sibling: Fiber | null;
    }
    const counts = { mounted: 0, rerendered: 0 };
    const lastProps = new Map<string, unknown>();
    (window as unknown as { auditRowRenders: typeof counts }).auditRowRenders = counts;
    (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      inject: () => 1,
      onCommitFiberRoot(_renderer: number, root: { current: Fiber }) {
        const stack: Fiber[] = [root.current];
        for (let fiber = stack.pop(); fiber; fiber = stack.pop()) {
          if (fiber.sibling) stack.push(fiber.sibling);
          const id = fiber.type === 'tr' ? fiber.memoizedProps?.['data-testid'] : undefined;
          if (typeof id === 'string' && id.startsWith('audit-row-')) {
            const before = lastProps.get(id);
            if (before === undefined) counts.mounted += 1;
            else if (before !== fiber.memoizedProps) counts.rerendered += 1;
            lastProps.set(id, fiber.memoizedProps);
          } else if (fiber.child) {
            stack.push(fiber.child);
          }
        }
      },
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onScheduleFiberRoot() {},
      checkDCE() {},
    };
  });
}

/** The counts since the last call, which starts them again from nothing. */
function takeRowRenders(page: Page): Promise<RowRenders> {
  return page.evaluate(() => {
    const counts = (window as unknown as { auditRowRenders: RowRenders }).auditRowRenders;
    const taken = { ...counts };
    counts.mounted = 0;
    counts.rerendered = 0;
    return taken;
  });
}

test('each Load older records renders only the 200 rows it adds, however many are already shown', async ({ page }) => {
  await countRowRenders(page);
  await openSeededAuditTrail(page, host.pageUrl);
  const shown = page.getByTestId('audit-shown');
  const older = page.getByTestId('audit-older');
  const rows = page.getByTestId('audit-table').locator('tbody tr');
  // The counter sees the rows: the newest page came in as 200 new rows.
  expect((await takeRowRenders(page)).mounted).toBe(200);

  for (const loaded of [400, 600, 800]) {
    await older.click();
    await expect(shown).toHaveText(`The newest ${loaded} records shown. Load older records to look further back.`);
    await expect(rows).toHaveCount(loaded);
    expect.soft(await takeRowRenders(page), `the press that showed ${loaded} rows`).toEqual({ mounted: 200, rerendered: 0 });
  }
  // Newest first, each added page below the rows that were there: one record after another, none twice or left out.
  const seqs = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-testid')?.replace('audit-row-', ''))));
  expect(seqs.slice(1).every((seq, index) => seq === (seqs[index] as number) - 1)).toBe(true);
});
