// @ts-check
/**
 * The bot a test worker agent runs for the fleet screenshots (e2e/screenshots-fleet.spec.ts): it
 * gets the supervisor's token from its worker's broker (served from the lease, never printed),
 * checks three items, then waits for the next list until it is stopped.
 */
import { getAccessToken } from '../../../../bots/sdk/index.mjs';

const token = await getAccessToken();
console.log(`Token from this worker's lease, valid for ${String(Math.round((token.expiresAt - Date.now()) / 60_000))} more minutes`);
for (let item = 1; item <= 3; item += 1) console.log(`ward list item ${String(item)} checked`);
console.log('waiting for the next ward list');
setInterval(() => undefined, 60_000);
