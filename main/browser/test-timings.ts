import type { CoreTimings } from '../../app/supervisor-options.js';

/**
 * The browser host's test variables for the core's waits (CoreTimings), with the range each is
 * taken from: short enough for a spec to see the behaviour at once, long enough that the product
 * still works as it does at its own pace. An end-to-end spec sets them when it starts its host
 * (e2e/support/browser-host-process.ts); nothing else does. Documented in docs/architecture.md,
 * "Shorter waits for tests".
 */
export const testTimingVariables = {
  RPA_TEST_REDRAW_SNAPSHOT_MS: { timing: 'redrawSnapshotMs', min: 100, max: 60_000 },
  RPA_TEST_AUDIT_FORWARD_BACKOFF_MS: { timing: 'auditForwardBackoffMs', min: 10, max: 60_000 },
  RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS: { timing: 'auditForwardMaxBackoffMs', min: 10, max: 300_000 },
  RPA_TEST_FLEET_READY_WAIT_MS: { timing: 'fleetReadyWaitMs', min: 100, max: 60_000 },
  RPA_TEST_FLEET_CLOSE_WITHIN_MS: { timing: 'fleetCloseWithinMs', min: 100, max: 60_000 },
} as const satisfies Record<string, { timing: keyof CoreTimings; min: number; max: number }>;

export type TestTimings = { ok: true; timings: CoreTimings } | { ok: false; message: string };

/**
 * Reads the test variables from `env`. A variable that is unset or empty leaves the product's
 * own wait; any other value must be a whole number of milliseconds in its range, or the host
 * refuses to start, since a mistyped value would otherwise pass unnoticed as the default.
 */
export function testTimings(env: NodeJS.ProcessEnv): TestTimings {
  const timings: CoreTimings = {};
  for (const [name, { timing, min, max }] of Object.entries(testTimingVariables)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) {
      return { ok: false, message: `${name} must be a whole number of milliseconds from ${min} to ${max}, not "${text.slice(0, 40)}". Leave it unset for the product's own timing.` };
    }
    timings[timing] = value;
  }
  const { auditForwardBackoffMs: first, auditForwardMaxBackoffMs: longest } = timings;
  if (first !== undefined && longest !== undefined && longest < first) {
    return { ok: false, message: `RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS (${longest}) must not be below RPA_TEST_AUDIT_FORWARD_BACKOFF_MS (${first}): it is the longest wait, the other the first.` };
  }
  return { ok: true, timings };
}
