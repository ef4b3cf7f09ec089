import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactingArtifacts, useArtifactsDir } from './testing/redacting-artifacts.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** A body that sends `first`, says so, then waits for `release` before sending `rest`. */
async function* held(first: Buffer, sent: () => void, release: Promise<void>, rest = Buffer.alloc(0)): AsyncIterable<Uint8Array> {
  yield first;
  sent();
  await release;
  if (rest.length > 0) yield rest;
}

async function* chunks(...parts: Buffer[]): AsyncIterable<Uint8Array> {
  for (const part of parts) {
    yield part;
    // Hands the turn to the other upload, as two bots' sockets would.
    await new Promise<void>((next) => setImmediate(next));
  }
}

/** Folder contents as text, to look for what must never be on disk. */
async function folderText(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'latin1').catch(() => '')));
  return texts.join('\n');
}

/** Several bots attaching at once: each is kept or refused on its own, and the caps hold for all of them. */
describe('files attached at the same time', () => {
  const dirOf = useArtifactsDir('rpa-uploads-at-once-');
  const store = (options: { maxRunBytes?: number; maxTotalBytes?: number } = {}) => redactingArtifacts(dirOf(), options);


  it('a bot whose upload stalls does not hold up another run\'s attach', async () => {
    const artifacts = store();
    const sent = deferred();
    const release = deferred();
    const stalled = artifacts.attach({ runId: 'run-slow', profileId: 'p', name: 'export.bin', kind: 'file' }, held(Buffer.alloc(100), sent.resolve, release.promise, Buffer.alloc(100)));
    await sent.promise;
    try {
      // Before the fix this waited for the stalled upload, past the SDK's own timeout.
      const other = await artifacts.attach({ runId: 'run-other', profileId: 'p', name: 'summary.txt', kind: 'file' }, chunks(Buffer.from('done\n')));
      expect(other).toMatchObject({ runId: 'run-other', name: 'summary.txt', bytes: 5 });
    } finally {
      release.resolve();
    }
    expect(await stalled).toMatchObject({ runId: 'run-slow', bytes: 200 });
  }, 5_000);

  it('two files streamed into one run at once cannot both pass its cap: one is kept, the other refused, nothing half-written stays', async () => {
    const artifacts = store({ maxRunBytes: 1000 });
    const results = await Promise.allSettled([
      artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'a.bin', kind: 'file' }, chunks(Buffer.alloc(300), Buffer.alloc(300))),
      artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'b.bin', kind: 'file' }, chunks(Buffer.alloc(300), Buffer.alloc(300))),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'artifact_too_large' } });
    expect((await artifacts.list('run-1')).map((file) => file.bytes)).toEqual([600]);
    expect((await readdir(join(dirOf(), 'run-1'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The refused file's bytes are given back: 400 bytes still fit.
    await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'c.bin', kind: 'file' }, chunks(Buffer.alloc(400)));
  });

  it('two runs at once cannot both pass the cap for all runs', async () => {
    const artifacts = store({ maxTotalBytes: 1000 });
    const results = await Promise.allSettled([
      artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'a.bin', kind: 'file' }, chunks(Buffer.alloc(300), Buffer.alloc(300))),
      artifacts.attach({ runId: 'run-2', profileId: 'p', name: 'b.bin', kind: 'file' }, chunks(Buffer.alloc(300), Buffer.alloc(300))),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'artifact_too_large', message: expect.stringContaining('all runs') as string } });
  });

  it('S107 a text file\'s patient identifiers never reach the disk, not even while it streams in (a crash then would leave them there)', async () => {
    const artifacts = store();
    const sent = deferred();
    const release = deferred();
    const upload = artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'clinic list.csv', kind: 'file' }, held(Buffer.from('Patient,943 476 5919\n'), sent.resolve, release.promise, Buffer.from('Patient,401 023 2137\n')));
    await sent.promise;
    const whileStreaming = await folderText(join(dirOf(), 'run-1'));
    release.resolve();
    const stored = await upload;
    expect(whileStreaming).not.toContain('943 476 5919');
    expect(Buffer.from((await artifacts.read('run-1', stored.id)).base64, 'base64').toString('utf8')).toBe('Patient,[NHS number]\nPatient,[NHS number]\n');
    expect(await folderText(join(dirOf(), 'run-1'))).not.toMatch(/943 476 5919|401 023 2137/);
  });

  it('a file a crash left half-written is gone when the store next starts, and its bytes do not count against the caps', async () => {
    const first = store({ maxRunBytes: 1000 });
    const sent = deferred();
    const crash = deferred();
    const cut = first.attach({ runId: 'run-1', profileId: 'p', name: 'big.bin', kind: 'file' }, held(Buffer.alloc(900), sent.resolve, crash.promise)).catch(() => undefined);
    await sent.promise;
    try {
      // The app is gone here; a new start finds what it left.
      const next = store({ maxRunBytes: 1000 });
      await next.attach({ runId: 'run-1', profileId: 'p', name: 'after.bin', kind: 'file' }, chunks(Buffer.alloc(500)));
      expect((await readdir(join(dirOf(), 'run-1'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      crash.resolve();
      await cut;
    }
  });

  it('a CSV saved in Windows-1252 keeps its pound signs byte for byte, redacted or not', async () => {
    const artifacts = store();
    const fees = Buffer.from('Fee,\u00a3120\nRef,943 476 5919,\u00a345\n', 'latin1');
    const stored = await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'fees.csv', kind: 'file' }, chunks(fees));
    expect(Buffer.from((await artifacts.read('run-1', stored.id)).base64, 'base64')).toEqual(Buffer.from('Fee,\u00a3120\nRef,[NHS number],\u00a345\n', 'latin1'));
    const plain = Buffer.from('Fee,\u00a3120\n', 'latin1');
    const kept = await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'plain.csv', kind: 'file' }, chunks(plain));
    expect(Buffer.from((await artifacts.read('run-1', kept.id)).base64, 'base64')).toEqual(plain);
  });
});
