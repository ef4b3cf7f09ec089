import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { recheckOnWake } from './recheck-on-wake.js';

describe('recheckOnWake', () => {
  it('rechecks expiry on resume and on unlock, and stops when disposed', () => {
    const power = new EventEmitter();
    let rechecks = 0;
    const subscription = recheckOnWake(power, () => (rechecks += 1));
    power.emit('resume');
    power.emit('unlock-screen');
    expect(rechecks).toBe(2);
    power.emit('lock-screen');
    expect(rechecks).toBe(2);
    subscription.dispose();
    power.emit('resume');
    expect(rechecks).toBe(2);
    expect(power.listenerCount('resume') + power.listenerCount('unlock-screen')).toBe(0);
  });
});
