import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDesktopKey } from '../../app/fleet/desktop-key.js';
import { signDesktopMessage } from '../../app/fleet/desktop-message.js';
import { checkArtifact, type ArtifactEnvelope, type ArtifactReply } from '../../app/fleet/fleet-artifact.js';
import { fleetChannels } from '../../app/fleet/fleet-channels.js';
import { openSealed } from '../../app/fleet/sealed-box.js';
import { testOpener } from '../../app/fleet/testing/test-desktop.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { FakeClock } from '../../app/test-support/fake-clock.js';
import { WorkerArtifacts } from './worker-artifacts.js';

/** The worker's artifact intake alone: Redis as recorded calls, pub/sub as an event emitter, a manual clock. */
const worker = makeTestWorker('Ward PC F');
afterAll(() => worker.dispose());
const marker = 'WORKERARTIFACT-marker-Vb81';

function rig(maxRunBytes?: number) {
  const clock = new FakeClock();
  const desktop = createDesktopKey();
  const stored = new Map<string, string>();
  const announced: { runId: string; artifactId: string }[] = [];
  const subscriber = Object.assign(new EventEmitter(), { subscribe: async () => 1 }) as unknown as Redis;
  const redis = {
    set: async (key: string, value: string) => (stored.set(key, value), 'OK'),
    publish: async (_channel: string, text: string) => (announced.push(JSON.parse(text) as { runId: string; artifactId: string }), 1),
    del: async (key: string) => Number(stored.delete(key)),
  } as unknown as Pick<Redis, 'set' | 'publish' | 'del'>;
  const artifacts = new WorkerArtifacts({
    identity: worker.identity, redis, subscriber, desktop: () => desktop, clock, ...(maxRunBytes ? { maxRunBytes } : {}),
    openSigned: async (signed) => (typeof signed === 'string' ? testOpener(desktop, 'artifactReply', worker.approved.workerId, () => clock.now())(signed) : undefined),
  });
  const reply = async (body: ArtifactReply) => {
    const signed = await signDesktopMessage(desktop, { kind: 'artifactReply', workerId: worker.approved.workerId, runId: 'run-1', body }, clock.now());
    subscriber.emit('message', fleetChannels.artifactReplies, JSON.stringify({ signed }));
  };
  const emit = (text: string) => subscriber.emit('message', fleetChannels.artifactReplies, text);
  return { clock, desktop, stored, announced, artifacts, reply, emit };
}
async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('the worker\'s artifact intake (attach() on a worker)', () => {
  it('seals the file to the desktop key and signs its facts: nothing in clear; the bot hears what the desktop kept', async () => {
    const r = rig();
    await r.artifacts.start();
    const kept = r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'report.txt', kind: 'file' }, chunks('Claim batch ', marker));
    await vi.waitFor(() => expect(r.announced).toHaveLength(1));
    const [{ runId, artifactId }] = r.announced as [{ runId: string; artifactId: string }];
    const envelope = JSON.parse([...r.stored.values()][0]!) as ArtifactEnvelope;
    expect(JSON.stringify(envelope)).not.toContain(marker);
    expect(Buffer.from((await openSealed(envelope.sealed, r.desktop.sealingPrivateKey))!).toString('utf8')).toBe(`Claim batch ${marker}`);
    expect(await checkArtifact(envelope, { runId, artifactId, holder: worker.approved, now: r.clock.now() })).toMatchObject({ ok: true, facts: { name: 'report.txt', kind: 'file', bytes: 12 + marker.length } });
    await r.reply({ artifactId, ok: true, id: 'a1', name: 'report.txt', bytes: 40 });
    await expect(kept).resolves.toEqual({ id: 'a1', name: 'report.txt', bytes: 40 });
  });

  it('a refusal from the desktop reaches the bot with its code; a reply signed by another key does not', async () => {
    const r = rig();
    await r.artifacts.start();
    const kept = r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'screen.png', kind: 'file' }, chunks('png bytes'));
    await vi.waitFor(() => expect(r.announced).toHaveLength(1));
    const { artifactId } = r.announced[0]!;
    const forged = await signDesktopMessage(createDesktopKey(), { kind: 'artifactReply', workerId: worker.approved.workerId, runId: 'run-1', body: { artifactId, ok: true, id: 'x', name: 'x', bytes: 1 } }, r.clock.now());
    const outcome = kept.then(() => 'kept', (error: unknown) => (error as { code?: string }).code);
    r.emit(JSON.stringify({ signed: forged }));
    r.emit(JSON.stringify({ artifactId, ok: true }));
    await r.reply({ artifactId: 'someone-elses-artifact-id', ok: true, id: 'y', name: 'y', bytes: 1 });
    await r.reply({ artifactId, ok: false, code: 'screenshots_not_allowed', message: 'Screenshots are off.' });
    expect(await outcome).toBe('screenshots_not_allowed');
  });

  it('a file past the cap is refused with artifact_too_large; nothing of it reaches Redis, only the signed facts of the refusal, for the run\'s record on the desktop', async () => {
    const r = rig(1024);
    await expect(r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'big.csv', kind: 'file' }, chunks('x'.repeat(1000), 'y'.repeat(100)))).rejects.toMatchObject({ code: 'artifact_too_large' });
    expect(r.announced).toHaveLength(1);
    const [{ runId, artifactId }] = r.announced as [{ runId: string; artifactId: string }];
    const envelope = JSON.parse([...r.stored.values()][0]!) as ArtifactEnvelope;
    expect(envelope.sealed).toBe('');
    expect(await checkArtifact(envelope, { runId, artifactId, holder: worker.approved, now: r.clock.now() })).toMatchObject({ ok: true, facts: { runId: 'run-1', name: 'big.csv', kind: 'file', refusedRoom: 1024 } });
  });

  it('S110 uploads sent side by side share the run\'s cap: a second file while the first waits for the desktop is refused past what is left, and nothing of it reaches Redis', async () => {
    const r = rig(1024);
    await r.artifacts.start();
    const first = r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'a.txt', kind: 'file' }, chunks('a'.repeat(800)));
    await vi.waitFor(() => expect(r.announced).toHaveLength(1));
    // The first file is in Redis, waiting for the desktop's word: only 224 bytes of the run's cap are left.
    const second = r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'b.txt', kind: 'file' }, chunks('b'.repeat(800))).catch((error: unknown) => error);
    await vi.waitFor(() => expect(r.announced).toHaveLength(2));
    const envelope = JSON.parse(r.stored.get(`rpa:fleet:artifact:run-1:${r.announced[1]!.artifactId}`)!) as ArtifactEnvelope;
    expect(envelope.sealed).toBe('');
    expect(await checkArtifact(envelope, { runId: 'run-1', artifactId: r.announced[1]!.artifactId, holder: worker.approved, now: r.clock.now() })).toMatchObject({ ok: true, facts: { name: 'b.txt', refusedRoom: 224 } });
    expect(await second).toMatchObject({ code: 'artifact_too_large' });
    // The desktop refused the first: its room is the run's again.
    await r.reply({ artifactId: r.announced[0]!.artifactId, ok: false, code: 'screenshots_not_allowed', message: 'Screenshots are off.' });
    await expect(first).rejects.toMatchObject({ code: 'screenshots_not_allowed' });
    const third = r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'c.txt', kind: 'file' }, chunks('c'.repeat(1000)));
    await vi.waitFor(() => expect(r.announced).toHaveLength(3));
    await r.reply({ artifactId: r.announced[2]!.artifactId, ok: true, id: 'c1', name: 'c.txt', bytes: 1000 });
    await expect(third).resolves.toMatchObject({ id: 'c1' });
  });

  it('no word from the desktop: the sealed file is taken out of Redis and the bot hears an error', async () => {
    const r = rig();
    await r.artifacts.start();
    const kept = r.artifacts.attach({ runId: 'run-1', profileId: 'run-1', name: 'late.txt', kind: 'file' }, chunks('late'));
    await vi.waitFor(() => expect(r.stored.size).toBe(1));
    const settled = kept.catch((error: unknown) => error);
    r.clock.advance(30_000);
    expect(await settled).toBeInstanceOf(Error);
    expect(r.stored.size).toBe(0);
  });
});
