import { describe, expect, it } from 'vitest';
import { testTimings, testTimingVariables } from './test-timings.js';

describe('testTimings', () => {
  it('leaves every wait to the product when no variable is set, or one is empty', () => {
    expect(testTimings({})).toEqual({ ok: true, timings: {} });
    expect(testTimings({ RPA_TEST_REDRAW_SNAPSHOT_MS: '', PATH: '/usr/bin' })).toEqual({ ok: true, timings: {} });
  });

  it('reads each variable into its timing, at both ends of its range', () => {
    expect(
      testTimings({
        RPA_TEST_REDRAW_SNAPSHOT_MS: '500',
        RPA_TEST_AUDIT_FORWARD_BACKOFF_MS: '50',
        RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS: '200',
        RPA_TEST_FLEET_READY_WAIT_MS: '100',
        RPA_TEST_FLEET_CLOSE_WITHIN_MS: '60000',
      }),
    ).toEqual({
      ok: true,
      timings: { redrawSnapshotMs: 500, auditForwardBackoffMs: 50, auditForwardMaxBackoffMs: 200, fleetReadyWaitMs: 100, fleetCloseWithinMs: 60_000 },
    });
    for (const [name, { timing, min, max }] of Object.entries(testTimingVariables)) {
      expect(testTimings({ [name]: String(min) }), name).toEqual({ ok: true, timings: { [timing]: min } });
      expect(testTimings({ [name]: String(max) }), name).toEqual({ ok: true, timings: { [timing]: max } });
    }
  });

  it('refuses a value that is not a whole number of milliseconds in range, naming the variable, the range and the value', () => {
    expect(testTimings({ RPA_TEST_REDRAW_SNAPSHOT_MS: '99' })).toEqual({
      ok: false,
      message: 'RPA_TEST_REDRAW_SNAPSHOT_MS must be a whole number of milliseconds from 100 to 60000, not "99". Leave it unset for the product\'s own timing.',
    });
    for (const [name, { min, max }] of Object.entries(testTimingVariables)) {
      for (const bad of [String(min - 1), String(max + 1), '0', '-5', '1.5', '5e3', ' 500', '500ms', 'abc', 'Infinity', '0x1f4', '9'.repeat(40)]) {
        const result = testTimings({ [name]: bad });
        expect(result.ok, `${name}=${bad}`).toBe(false);
        if (!result.ok) expect(result.message).toContain(`${name} must be a whole number of milliseconds from ${min} to ${max}, not "${bad.slice(0, 40)}"`);
      }
    }
  });

  it('refuses a longest audit forwarding wait below the first one', () => {
    expect(testTimings({ RPA_TEST_AUDIT_FORWARD_BACKOFF_MS: '500', RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS: '200' })).toEqual({
      ok: false,
      message: 'RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS (200) must not be below RPA_TEST_AUDIT_FORWARD_BACKOFF_MS (500): it is the longest wait, the other the first.',
    });
    expect(testTimings({ RPA_TEST_AUDIT_FORWARD_BACKOFF_MS: '200', RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS: '200' }).ok).toBe(true);
  });
});
