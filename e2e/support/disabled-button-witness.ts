import type { Page } from '@playwright/test';

/**
 * Notes each button on the page that turns `disabled`, by its test id or text. A focused button
 * that turns disabled drops keyboard focus to the top of the page, and Tab skips a disabled one;
 * a button that stays focusable while its command works (aria-disabled) is never noted.
 */
export async function watchForDisabledButtons(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const noted: string[] = [];
    (window as unknown as { disabledButtons: string[] }).disabledButtons = noted;
    new MutationObserver((changes) => {
      for (const change of changes) {
        const element = change.target;
        if (element instanceof HTMLButtonElement && element.disabled) noted.push(element.dataset.testid ?? element.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  });
  return () => page.evaluate(() => (window as unknown as { disabledButtons: string[] }).disabledButtons.splice(0));
}
