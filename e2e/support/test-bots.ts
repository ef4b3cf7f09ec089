import { resolve } from 'node:path';

/**
 * A bots folder for e2e tests (RPA_SUPERVISOR_BOTS_DIR): the API bot, a bot that runs until it
 * is stopped, one that fails with exit code 3, one that prints 100,000 lines, one whose manifest
 * opts into `tokenDelivery: "env"`, and one expected to run five minutes (`expectedDurationMs`),
 * which a 90-second sandbox token cannot cover.
 */
export const testBotsDir = resolve(import.meta.dirname, 'test-bots');

export const testBots = {
  api: 'api-bot',
  hang: 'claims-watcher',
  crash: 'remittance-import',
  lines: 'lines-bot',
  envToken: 'legacy-export',
  long: 'month-end-reconciliation',
} as const;

/**
 * A bots folder of its own for the Local sandbox (HCSS partner) profile (RPA_SANDBOX_PARTNER=1),
 * so the other specs' bot lists stay as they are: one API bot working for the sandbox's demo
 * company with that company's token.
 */
export const partnerTestBotsDir = resolve(testBotsDir, 'partner');

export const partnerTestBots = { companyApi: 'company-api-bot' } as const;

/**
 * Bots folders of their own for the queue and schedule journeys, so their runs and schedules do
 * not disturb other specs: `queue/` holds two exclusive (screen) bots and three plain ones of
 * high, normal and low priority, all running until stopped; `scheduled/` one quick bot whose
 * manifest schedule fires every two seconds.
 */
export const queueTestBotsDir = resolve(testBotsDir, 'queue');
export const scheduledTestBotsDir = resolve(testBotsDir, 'scheduled');

export const queueTestBots = {
  screenEntry: 'screen-entry',
  screenCheck: 'screen-check',
  urgent: 'urgent-referrals',
  daily: 'daily-claims',
  archive: 'archive-sweep',
  tick: 'tick-bot',
} as const;

/**
 * A bots folder for fleet mode's pictures: one bot whose manifest sends its runs to pool `ward`,
 * and the script a test worker agent runs for it (`fleetWorkerBot`).
 */
export const fleetTestBotsDir = resolve(testBotsDir, 'fleet');
export const fleetTestBots = { wardRound: 'ward-round' } as const;
export const fleetWorkerBot = resolve(fleetTestBotsDir, 'ward-round-bot.mjs');
