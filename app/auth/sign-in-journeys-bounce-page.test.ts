import { describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { chromiumMissing } from '../test-support/prerequisites.js';
import { bounceUrl, browser, scheme, useSignInJourneys } from './test-support/sign-in-journeys-fixture.js';

/**
 * The hosted bounce page (build/bounce) in real Chromium when no sign-in answer reaches it. It
 * issues no token and logs nothing, so it needs no place among the journeys the leak check in
 * sign-in-journeys.test.ts reads.
 */
const skip = chromiumMissing();
useSignInJourneys();

describe.skipIf(skip)('sign-in journeys in real Chromium: redirect modes', () => {
  it('bounce page: without a sign-in answer it forwards nothing and says so; the manual button carries the answer', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const forwarded: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${scheme}:`)) forwarded.push(request.url());
      });
      await page.goto(bounceUrl);
      await page.getByText('only finishes a sign-in started in RPA Supervisor').waitFor();
      expect(await page.getByRole('link', { name: 'Open RPA Supervisor' }).count()).toBe(0);

      // The page navigates away to the custom scheme at once, so only wait for the response.
      await page.goto(`${bounceUrl}?code=abc&state=xyz`, { waitUntil: 'commit' });
      await expect.poll(() => forwarded).toEqual([`${customSchemeRedirectUri(scheme)}?code=abc&state=xyz`]);
      const button = page.getByRole('link', { name: 'Open RPA Supervisor' });
      expect(await button.getAttribute('href')).toBe(`${customSchemeRedirectUri(scheme)}?code=abc&state=xyz`);
      // The one-time code does not stay in the address bar or history.
      expect(page.url()).toBe(bounceUrl);
    } finally {
      await context.close();
    }
  });
});
