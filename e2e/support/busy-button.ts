import { expect, type Locator, type Page } from '@playwright/test';
import type { CommandName } from '../../app/common/contract.js';
import type { CommandGate } from './command-gate.js';

/**
 * Enter on the focused `button` sends `command`, which the gate holds: the button keeps focus,
 * says it is busy (aria-disabled, progress cursor, never `disabled`), does not light up under the
 * pointer, and Enter again sends nothing more. The command stays held: the caller releases it.
 */
export async function pressWhileHeld(page: Page, gate: CommandGate, button: Locator, command: CommandName): Promise<void> {
  await expect(button).toBeFocused();
  await expect(button).not.toHaveAttribute('aria-disabled');
  const before = gate.invoked(command);
  gate.hold(command);
  await page.keyboard.press('Enter');
  await expect.poll(() => gate.held(command)).toBe(1);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toHaveCSS('cursor', 'progress');
  await expect(button).not.toHaveAttribute('disabled');
  const background = await button.evaluate((element) => getComputedStyle(element).backgroundColor);
  await button.hover();
  await expect(button).toHaveCSS('background-color', background);
  await page.mouse.move(0, 0);
  await page.keyboard.press('Enter');
  await expect(button).toBeFocused();
  expect(gate.invoked(command)).toBe(before + 1);
}

/** None of the buttons named (by test id or words) turned `disabled` since `noted` was made (support/disabled-button-witness.ts). */
export async function expectNoneDisabled(noted: () => Promise<string[]>, names: RegExp): Promise<void> {
  expect((await noted()).filter((name) => names.test(name))).toEqual([]);
}
