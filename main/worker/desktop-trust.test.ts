import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDesktopKey, publishedDesktopKey, type DesktopKey } from '../../app/fleet/desktop-key.js';
import { signDesktopMessage, type DesktopMessageKind } from '../../app/fleet/desktop-message.js';
import type { Logger } from '../../app/ports/logger.js';
import { FakeClock } from '../../app/test-support/fake-clock.js';
import { desktopPinFileName, DesktopTrust } from './desktop-trust.js';

const workerId = 'WRKR-0000-0000-0001';
const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-desktop-trust-'));
  folders.push(dir);
  return dir;
}

/** A worker's trust with Redis reduced to the published key, a manual clock, and its log kept. */
function rig(options: { dir?: string; fingerprint?: string } = {}) {
  const clock = new FakeClock();
  const redis = { published: null as string | null, get: async () => redis.published };
  const refused: Record<string, unknown>[] = [];
  const said: string[] = [];
  const logger: Logger = { info: (message) => said.push(message), warn: (message, fields) => (message === 'A message from the supervisor was refused' ? refused.push(fields ?? {}) : undefined), error: () => undefined };
  const trust = new DesktopTrust({ workerId, redis, clock, logger, ...(options.dir ? { dataDir: options.dir } : {}), ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}) });
  const publish = (key: DesktopKey) => (redis.published = JSON.stringify(publishedDesktopKey(key)));
  const sign = (key: DesktopKey, kind: DesktopMessageKind, extra: { workerId?: string; at?: number; body?: unknown } = {}) =>
    signDesktopMessage(key, { kind, workerId: extra.workerId ?? workerId, runId: 'run-1', body: extra.body ?? { verb: 'stop' } }, extra.at ?? clock.now());
  return { clock, trust, refused, said, publish, sign };
}

describe('the worker\'s trust in its supervisor\'s key (DesktopTrust)', () => {
  const desktop = createDesktopKey();
  const impostor = createDesktopKey();

  it('pins the supervisor key with the first lease (trust on first use), says which to compare, and keeps it 0600 beside the worker\'s keys', async () => {
    const dir = dataDir();
    const r = rig({ dir });
    r.publish(desktop);
    expect(await r.trust.open('refusal', await r.sign(desktop, 'refusal'))).toMatchObject({ kind: 'refusal', runId: 'run-1' });
    expect(r.trust.fingerprint).toBeUndefined();
    expect(await r.trust.open('lease', await r.sign(desktop, 'lease'))).toMatchObject({ kind: 'lease' });
    expect(r.trust.fingerprint).toBe(desktop.fingerprint);
    expect(r.said.join('\n')).toContain(`Pinned the supervisor's key, fingerprint ${desktop.fingerprint}`);
    expect(statSync(join(dir, desktopPinFileName)).mode & 0o777).toBe(0o600);
    // A restarted worker keeps the pin, whatever Redis says now.
    const again = rig({ dir });
    again.publish(impostor);
    expect(again.trust.fingerprint).toBe(desktop.fingerprint);
    expect(await again.trust.open('control', await again.sign(desktop, 'control'))).toMatchObject({ body: { verb: 'stop' } });
  });

  it('S81 once pinned, anything signed by another key is refused with fleet_desktop_key_mismatch (logged once per key), even when Redis publishes that key; the pinned key still works', async () => {
    const r = rig();
    r.publish(desktop);
    await r.trust.open('lease', await r.sign(desktop, 'lease'));
    r.publish(impostor);
    for (const kind of ['control', 'control', 'answer', 'lease'] as const) expect(await r.trust.open(kind, await r.sign(impostor, kind))).toBeUndefined();
    expect(r.refused).toEqual([expect.objectContaining({ code: 'fleet_desktop_key_mismatch', kind: 'control', detail: expect.stringContaining('--repin-desktop') })]);
    expect(String(r.refused[0]?.detail)).toContain(desktop.fingerprint);
    expect(await r.trust.open('control', await r.sign(desktop, 'control'))).toBeDefined();
  });

  it('S80 refuses a replayed message, a stale or future one (±30 s), one of another kind and an unsigned one, each logged once; one for another worker is ignored quietly', async () => {
    const r = rig();
    r.publish(desktop);
    await r.trust.open('lease', await r.sign(desktop, 'lease'));
    const stop = await r.sign(desktop, 'control');
    expect(await r.trust.open('control', stop)).toBeDefined();
    expect(await r.trust.open('control', stop)).toBeUndefined();
    expect(await r.trust.open('control', await r.sign(desktop, 'control', { at: r.clock.now() - 30_001 }))).toBeUndefined();
    expect(await r.trust.open('control', await r.sign(desktop, 'control', { at: r.clock.now() + 30_001 }))).toBeUndefined();
    expect(await r.trust.open('revoke', await r.sign(desktop, 'control'))).toBeUndefined();
    expect(await r.trust.open('control', undefined)).toBeUndefined();
    expect(await r.trust.open('control', 'eyJhbGciOiJub25lIn0.eyJ2ZXJiIjoic3RvcCJ9.')).toBeUndefined();
    expect(r.refused.map((f) => [f.code, f.detail])).toEqual([
      ['fleet_desktop_message_refused', 'the message was acted on before (a replay)'],
      ['fleet_desktop_message_refused', expect.stringMatching(/^issued 30 s from this worker's clock/)],
      ['fleet_desktop_message_refused', expect.stringMatching(/^issued -30 s from this worker's clock/)],
      ['fleet_desktop_message_refused', 'a signed control message was sent as a revoke message'],
      ['fleet_desktop_message_refused', 'the message is not signed by a supervisor'],
      ['fleet_desktop_message_refused', 'the message is not signed by a supervisor'],
    ]);
    expect(await r.trust.open('control', await r.sign(desktop, 'control', { workerId: 'OTHR-0000-0000-0002' }))).toBeUndefined();
    expect(await r.trust.open('control', await r.sign(desktop, 'control', { workerId: '*' }))).toBeDefined();
    expect(r.refused).toHaveLength(6);
  });

  it('a strict pin (--desktop-fingerprint) trusts only that key, first use included; a stored pin for another key, or a damaged one, stops the worker; --repin-desktop forgets the pin', async () => {
    const strict = rig({ fingerprint: desktop.fingerprint });
    strict.publish(impostor);
    expect(await strict.trust.open('lease', await strict.sign(impostor, 'lease'))).toBeUndefined();
    expect(strict.refused).toEqual([expect.objectContaining({ code: 'fleet_desktop_key_mismatch' })]);
    strict.publish(desktop);
    expect(await strict.trust.open('lease', await strict.sign(desktop, 'lease'))).toBeDefined();
    expect(strict.trust.fingerprint).toBe(desktop.fingerprint);

    const dir = dataDir();
    const first = rig({ dir });
    first.publish(desktop);
    await first.trust.open('lease', await first.sign(desktop, 'lease'));
    const refusedStart = (() => {
      try {
        rig({ dir, fingerprint: impostor.fingerprint });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refusedStart).toMatchObject({ code: 'fleet_desktop_key_mismatch' });
    writeFileSync(join(dir, desktopPinFileName), '{"keys":[]}');
    const damaged = (() => {
      try {
        rig({ dir });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(damaged).toMatchObject({ code: 'fleet_desktop_pin_unreadable' });
    DesktopTrust.forget(dir);
    const repinned = rig({ dir });
    expect(repinned.trust.fingerprint).toBeUndefined();
    repinned.publish(impostor);
    await repinned.trust.open('lease', await repinned.sign(impostor, 'lease'));
    expect(repinned.trust.fingerprint).toBe(impostor.fingerprint);
  });

  it('says a lease it could not open was out of date by the clock, not a key to re-pin, once a message came stale', async () => {
    const r = rig();
    r.publish(desktop);
    expect(r.trust.leaseTrouble('the lease is not signed by the supervisor this worker pinned', undefined)).toBe("the lease is not signed by the supervisor this worker pinned (none); see fleet_desktop_key_mismatch in the worker's log");
    expect(await r.trust.open('lease', await r.sign(desktop, 'lease', { at: r.clock.now() - 90_000 }))).toBeUndefined();
    expect(r.trust.leaseTrouble('the lease is not signed by the supervisor this worker pinned', undefined)).toBe(
      "the supervisor's messages are dated 1 min 30 s before this worker's clock, more than the 30 s allowed, so one of the two computers' clocks is wrong; see fleet_desktop_message_refused in the worker's log",
    );
    // A message on time again: whatever fails next is not the clock.
    expect(await r.trust.open('lease', await r.sign(desktop, 'lease'))).toBeDefined();
    expect(r.trust.leaseTrouble('the lease is not signed by the supervisor this worker pinned', undefined)).toContain('fleet_desktop_key_mismatch');
  });

  it('takes messages one at a time in the order they came, so a pause and its resume are never swapped', async () => {
    const r = rig();
    r.publish(desktop);
    const verbs = ['pause', 'resume', 'pause', 'resume', 'stop'];
    const signed = await Promise.all(verbs.map((verb) => r.sign(desktop, 'control', { body: { verb } })));
    const order: string[] = [];
    await Promise.all(signed.map((s) => r.trust.open('control', s).then((envelope) => order.push(String((envelope?.body as { verb: string }).verb)))));
    expect(order).toEqual(verbs);
  });
});
