import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations, type AccessibilityProblem } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { skipWizardIfShown } from './support/sign-in.js';

/**
 * An admin typing into the profile editor, through the browser host and real Chromium, never
 * loses what they typed without being asked (docs/ui.md, Settings, Unsaved changes):
 * - another profile's Edit, Duplicate or Add a profile asks "Discard your changes to …?", with
 *   focus on Keep editing; Keep editing (or Escape) keeps every value and focus goes back to the
 *   editor; Discard changes opens what was asked for;
 * - an editor nobody changed is replaced without asking;
 * - leaving Settings for another section keeps the changes, unasked, until Settings opens again;
 * - the dialog passes axe, light and dark, at 1024 and 480 px.
 */
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess();
  // A context of its own: axe-core/playwright cannot run in the page browser.newPage() makes.
  page = await (await browser.newContext()).newPage();
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-settings').click();
  const profiles = ['uat', 'live'].map((stage) => ({ id: `clinic-${stage}`, name: `Clinic ${stage.toUpperCase()}`, preset: 'custom', issuer: `https://idp-${stage}.example.org`, clientId: `rpa-${stage}`, scopes: ['openid'], redirect: { mode: 'loopback' } }));
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'clinic.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ profiles })) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('2 profiles imported.');
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
});

const editor = () => page.getByTestId('profile-editor');
const heading = () => page.getByTestId('profile-editor-heading');
const dialog = () => page.getByTestId('discard-changes-dialog');
const editorField = (name: string) => editor().getByTestId(`profile-${name}`).getByRole('textbox');
const secretField = () => editor().getByTestId('profile-clientSecret').getByLabel('Client secret (optional)');

/** Presses Enter on a control, as a keyboard user does, so focus starts where theirs would. */
async function press(control: Locator): Promise<void> {
  await control.focus();
  await page.keyboard.press('Enter');
}

/** Opens Clinic UAT's editor and types a new issuer and a client secret into it. */
async function typeIntoUat(): Promise<void> {
  await press(page.getByTestId('edit-profile-clinic-uat'));
  await expect(heading()).toHaveText('Edit Clinic UAT');
  await editorField('issuer').fill('https://idp-uat.example.org/typed-by-hand');
  await secretField().fill('a-long-secret-typed-by-hand');
}

async function expectTypedValuesKept(): Promise<void> {
  await expect(heading()).toHaveText('Edit Clinic UAT');
  await expect(editorField('issuer')).toHaveValue('https://idp-uat.example.org/typed-by-hand');
  await expect(secretField()).toHaveValue('a-long-secret-typed-by-hand');
}

/** axe on the open dialog, at the desktop and the narrow width, light and dark. */
async function dialogProblems(): Promise<AccessibilityProblem[]> {
  const problems: AccessibilityProblem[] = [];
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    await expect(dialog().getByRole('button', { name: 'Keep editing' })).toBeInViewport();
    problems.push(...(await seriousViolations(page, `discard changes dialog at ${width} px`)));
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  return problems;
}

test('Edit on another profile asks first; Keep editing keeps every typed value and focus returns to the editor', async () => {
  await typeIntoUat();
  await press(page.getByTestId('edit-profile-clinic-live'));
  await expect(dialog()).toBeVisible();
  await expect(dialog().getByRole('heading')).toHaveText('Discard your changes to Clinic UAT?');
  await expect(dialog()).toContainText('including any client secret');
  await expect(dialog().getByRole('button', { name: 'Keep editing' })).toBeFocused();
  const problems = await dialogProblems();
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(dialog()).toBeHidden();
  await expectTypedValuesKept();
  await expect(heading()).toBeFocused();

  // Escape is Keep editing too.
  await press(page.getByTestId('duplicate-profile-clinic-live'));
  await expect(dialog().getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog()).toBeHidden();
  await expectTypedValuesKept();
  await expect(heading()).toBeFocused();
});

test('Add a profile asks too; Discard changes opens the new profile and nothing typed was saved', async () => {
  await press(page.getByTestId('add-profile'));
  await expect(dialog().getByRole('heading')).toHaveText('Discard your changes to Clinic UAT?');
  await press(dialog().getByRole('button', { name: 'Discard changes' }));
  await expect(dialog()).toBeHidden();
  await expect(heading()).toHaveText('New provider profile');
  await expect(heading()).toBeFocused();
  await expect(page.getByTestId('profile-clinic-uat')).toContainText('https://idp-uat.example.org');
  await expect(page.getByTestId('profile-clinic-uat')).not.toContainText('typed-by-hand');

  // A new profile's changes are named as such; Duplicate then opens the copy once discarded.
  await editorField('name').fill('Half typed');
  await press(page.getByTestId('duplicate-profile-clinic-live'));
  await expect(dialog().getByRole('heading')).toHaveText('Discard your changes to the new profile?');
  await dialog().getByRole('button', { name: 'Discard changes' }).click();
  await expect(heading()).toHaveText('New profile, copied from Clinic LIVE');
});

test('an editor nobody changed is replaced without asking', async () => {
  await press(page.getByTestId('edit-profile-clinic-uat'));
  await expect(heading()).toHaveText('Edit Clinic UAT');
  await expect(dialog()).toBeHidden();
  // Typed and typed back is unchanged too.
  await editorField('name').fill('Clinic UAT 2');
  await editorField('name').fill('Clinic UAT');
  await press(page.getByTestId('edit-profile-clinic-live'));
  await expect(heading()).toHaveText('Edit Clinic LIVE');
  await expect(dialog()).toBeHidden();
  await press(editor().getByRole('button', { name: 'Cancel' }));
  await expect(editor()).toHaveCount(0);
});

test('leaving Settings keeps the unsaved changes, unasked, until Settings opens again', async () => {
  await typeIntoUat();
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
  await expect(dialog()).toHaveCount(0);
  await page.getByTestId('nav-settings').click();
  await expectTypedValuesKept();
  await expect(editor().getByTestId('profile-draft-kept')).toHaveText('Your unsaved changes are as you left them. Save them, or choose Cancel to drop them.');
  await expect(heading()).toBeFocused();

  // Still asked about before another editor replaces them; once cancelled, nothing comes back.
  await press(page.getByTestId('edit-profile-clinic-live'));
  await expect(dialog().getByRole('heading')).toHaveText('Discard your changes to Clinic UAT?');
  await page.keyboard.press('Escape');
  await press(editor().getByRole('button', { name: 'Cancel' }));
  await expect(editor()).toHaveCount(0);
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('edit-profile-clinic-uat')).toBeVisible();
  await expect(editor()).toHaveCount(0);
});
