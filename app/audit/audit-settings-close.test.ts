import { describe, expect, it } from 'vitest';
import { defaultMachinePolicy } from '../policy/machine-policy.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { AuditSettings } from './audit-settings.js';
import type { AuditForwarder } from './forwarding/audit-forwarder.js';
import type { AuditLog } from './open-audit-trail.js';

describe('AuditSettings close', () => {
  it('a daily checkpoint check under way when the app closes arms no further check', async () => {
    const clock = new FakeClock();
    let answer: (checkpoint: AuditCheckpoint | undefined) => void = () => undefined;
    let checks = 0;
    const audit = {
      latestCheckpoint: () => {
        checks += 1;
        // The first check (at start) answers at once; the hourly one waits until the test lets it.
        return checks === 1 ? Promise.resolve({ at: clock.now() } as AuditCheckpoint) : new Promise<AuditCheckpoint | undefined>((resolve) => (answer = resolve));
      },
      checkpoint: async () => undefined,
    } as unknown as AuditLog;
    const forwarder = { load: async () => undefined, configure: () => undefined, close: async () => undefined } as unknown as AuditForwarder;
    const settings = new AuditSettings({ audit, forwarder, settings: new MemorySettingsStore(), policy: defaultMachinePolicy, clock });
    await settings.start();
    expect(clock.pendingTimers).toBe(1);

    clock.advance(60 * 60_000);
    expect(checks).toBe(2);
    await settings.close();
    answer({ at: clock.now() } as AuditCheckpoint);
    // The check's continuation is promise jobs only (no I/O): they all run before the next loop turn.
    await new Promise((resolve) => setImmediate(resolve));

    expect(clock.pendingTimers).toBe(0);
  });
});
