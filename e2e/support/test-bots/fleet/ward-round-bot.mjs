// @ts-check
/**
 * The bot a test worker agent runs for the fleet screenshots (e2e/screenshots-fleet.spec.ts): it
 * gets the supervisor's token from its worker's broker (served from the lease, never printed),
 * checks three items, then waits for the next list until it is stopped. Run with `node --import tsx`
 * (it imports app/common/format-duration.ts).
 */
import { formatDuration } from '../../../../app/common/format-duration.js';
import { getAccessToken } from '../../../../bots/sdk/index.mjs';

const token = await getAccessToken();
// The app's own duration words ("23 h 59 min"): a day's token in minutes ("1439") reads as noise in the log.
console.log(`Token from this worker's lease, valid for ${formatDuration(token.expiresAt - Date.now())}`);
for (let item = 1; item <= 3; item += 1) console.log(`ward list item ${String(item)} checked`);
console.log('waiting for the next ward list');
setInterval(() => undefined, 60_000);
