import type { Page } from 'playwright-core';
import { keyPaintMs } from './key-paint-probe.js';
import { pageUntil } from './page-until.js';
import type { SeededHost } from './seeded-search-hosts.js';

/** Key press to paint of one round's measured keys, in ms. */
export interface KeyPaints {
  /** The first letter typed into the empty field, which narrows every row to a few or none. */
  narrowingMs: number;
  /** The Backspace that empties the field again and brings every row back. */
  wideningMs: number;
}

/**
 * A screen with a search field over a long list, driven as the e2e specs drive it:
 * e2e/run-history-followups.spec.ts (Runs history) and e2e/audit-compliance-review.spec.ts (Audit).
 */
export interface SearchScreen {
  name: string;
  /** Opens the screen on the host's page with every row loaded and its search focused; returns the rows. */
  open(page: Page, host: SeededHost): Promise<number>;
  /** Types "z" (narrows), "q" (matches nothing), then Backspace twice (every row back). */
  round(page: Page, rows: number): Promise<KeyPaints>;
}

const stepTimeoutMs = 60_000;
const element = (testId: string) => `document.querySelector('[data-testid="${testId}"]')`;
const textOf = (testId: string) => `(${element(testId)}?.textContent ?? '').replace(/\\s+/g, ' ').trim()`;
const valueOf = (testId: string) => `(${element(testId)}?.value ?? null)`;
const rowsOf = (testId: string) => `(${element(testId)}?.querySelectorAll('tbody tr').length ?? 0)`;
const quoted = (text: string) => JSON.stringify(text);

async function until(page: Page, expression: string, what: string): Promise<void> {
  await pageUntil(page, expression, what, stepTimeoutMs);
}

export const runHistorySearch: SearchScreen = {
  name: 'Runs history',
  async open(page, host) {
    const all = `${host.seeded.toLocaleString('en-GB')} runs`;
    await page.goto(host.pageUrl);
    await page.getByTestId('nav-runs').click({ timeout: stepTimeoutMs });
    await until(page, `${rowsOf('history-table')} > 0`, 'Run history listing its first runs');
    // Every page of the seeded week loaded: From before its first day, then From cleared.
    await page.getByTestId('history-from').fill(new Date(host.firstAt - 86_400_000).toISOString().slice(0, 10));
    await until(page, `${textOf('history-count')} === ${quoted(all)}`, `Run history counting ${all} from before the first`);
    await page.getByTestId('history-from').fill('');
    await until(page, `${textOf('history-count')} === ${quoted(all)} && ${rowsOf('history-table')} === ${host.seeded}`, `Run history listing all ${all}`);
    await page.getByTestId('history-search').focus();
    return host.seeded;
  },
  async round(page, rows) {
    const all = `${rows.toLocaleString('en-GB')} runs`;
    const count = textOf('history-count');
    const search = valueOf('history-search');
    const narrowingMs = await keyPaintMs(page, 'z', () => until(page, `${search} === 'z' && ${count}.endsWith(${quoted(` of ${all}`)})`, '"z" narrowing the runs'));
    const narrowed = (await page.evaluate(count)) as string;
    await page.keyboard.press('q');
    await until(page, `${count} === ${quoted(`0 of ${all}`)}`, '"zq" matching no run');
    await page.keyboard.press('Backspace');
    await until(page, `${search} === 'z' && ${count} === ${quoted(narrowed)}`, `back to "z" (${narrowed})`);
    const wideningMs = await keyPaintMs(page, 'Backspace', () =>
      until(page, `${search} === '' && ${count} === ${quoted(all)} && ${rowsOf('history-table')} === ${rows}`, `every run back (${all})`),
    );
    return { narrowingMs, wideningMs };
  },
};

const newestPage = /^The newest (\d+) records shown\. Load older records to look further back\.$/;
const wholeTrail = /^All (\d+) records shown\.$/;
const noMatch = 'No record matches these filters.';

export const auditSearch: SearchScreen = {
  name: 'Audit',
  async open(page, host) {
    const shown = textOf('audit-shown');
    const eitherPage = `(${newestPage}.test(${shown}) || ${wholeTrail}.test(${shown}))`;
    await page.goto(host.pageUrl);
    await page.getByTestId('nav-audit').click({ timeout: stepTimeoutMs });
    await until(page, eitherPage, 'the audit trail showing its newest records');
    // "Load older records" until the whole trail is on the screen.
    for (let text = (await page.evaluate(shown)) as string; !wholeTrail.test(text); text = (await page.evaluate(shown)) as string) {
      const loaded = Number(newestPage.exec(text)?.[1]);
      await page.getByTestId('audit-older').click({ timeout: stepTimeoutMs });
      await until(page, `${eitherPage} && ${shown} !== ${quoted(text)}`, `the trail loading past ${loaded} records`);
    }
    const total = Number(wholeTrail.exec((await page.evaluate(shown)) as string)?.[1]);
    await until(page, `${rowsOf('audit-table')} === ${total}`, `all ${total} records listed`);
    await page.getByTestId('audit-filter').focus();
    return total;
  },
  async round(page, rows) {
    const shown = textOf('audit-shown');
    const search = valueOf('audit-filter');
    const narrowingMs = await keyPaintMs(page, 'z', () => until(page, `${search} === 'z' && !${shown}.startsWith('All ')`, '"z" narrowing the records'));
    const narrowed = (await page.evaluate(shown)) as string;
    await page.keyboard.press('q');
    await until(page, `${shown} === ${quoted(noMatch)}`, '"zq" matching no record');
    await page.keyboard.press('Backspace');
    await until(page, `${search} === 'z' && ${shown} === ${quoted(narrowed)}`, `back to "z" (${narrowed})`);
    const wideningMs = await keyPaintMs(page, 'Backspace', () =>
      until(page, `${search} === '' && ${shown} === ${quoted(`All ${rows} records shown.`)} && ${rowsOf('audit-table')} === ${rows}`, `every record back (${rows})`),
    );
    return { narrowingMs, wideningMs };
  },
};
