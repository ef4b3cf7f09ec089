import { expect, test } from '@playwright/test';
import { hostileBot } from './electron/hostile-bot.js';
import { leaksOf, openSupervisedPage, useSupervisedPage, type SupervisedPage } from './support/supervised-page.js';

/**
 * S45 and S30 through the browser host (e2e/support/supervised-page.ts): no token the bot was
 * handed reaches the renderer or any file, with JWT and with opaque access tokens.
 */
let supervised: SupervisedPage;
useSupervisedPage((opened) => {
  supervised = opened;
});

test('S45 the renderer never receives a token: not in any WebSocket frame, the DOM or page storage; S30 nor in any file', async () => {
  // The page did receive state, including the active session and the finished run.
  expect(supervised.framesReceived.some((frame) => frame.includes('"status":"active"'))).toBe(true);
  expect(supervised.framesReceived.some((frame) => frame.includes(hostileBot.doneLine))).toBe(true);
  expect(supervised.bots.tokens()).toHaveLength(1);
  expect(await leaksOf(supervised)).toEqual([]);
});

test.describe('with opaque access tokens from the sandbox', () => {
  let opaque: SupervisedPage | undefined;

  test.afterAll(async () => {
    await opaque?.close();
  });

  test('S45 and S30 an opaque token the bot was handed is in no frame, the DOM, storage or any file', async ({ browser }) => {
    opaque = await openSupervisedPage(browser, { RPA_SANDBOX_ACCESS_TOKEN_FORMAT: 'opaque' });
    const [token] = opaque.bots.tokens();
    // Really opaque: nothing a JWT pattern would ever match.
    expect(token).toMatch(/^[\w-]{43,}$/);
    expect(await leaksOf(opaque)).toEqual([]);
  });
});
