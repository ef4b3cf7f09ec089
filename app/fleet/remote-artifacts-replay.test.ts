import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { systemClock } from '../ports/clock.js';
import { createDesktopKey } from './desktop-key.js';
import { signArtifact } from './fleet-artifact.js';
import { fleetChannels, fleetKeys } from './fleet-channels.js';
import { fleetRedisClients } from './fleet-redis.js';
import { RemoteArtifacts } from './remote-artifacts.js';
import { sealTo } from './sealed-box.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { makeTestWorker } from './testing/test-workers.js';
import { until } from './testing/until.js';

let redis: TestRedis | undefined;
beforeAll(async () => {
  if (!redisServerMissing()) redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.skipIf(redisServerMissing())('RemoteArtifacts: an announcement repeated (real redis-server)', () => {
  it('S82 the same artifact announced twice at once is kept once: the second is dropped as a replay', async () => {
    const clients = fleetRedisClients({ url: redis!.url }, () => undefined);
    const ward = makeTestWorker('Ward PC 50');
    const desktopKey = createDesktopKey();
    const kept: string[] = [];
    const dropped: string[] = [];
    const logger = { ...nullLogger, warn: (_message: string, fields?: Record<string, unknown>) => void dropped.push(String(fields?.detail)) };
    const artifacts = new RemoteArtifacts({
      redis: clients.client(), subscriber: clients.client(), desktopKey, clock: systemClock, logger,
      store: { attach: async (run, body) => { for await (const _chunk of body) void _chunk; kept.push(run.name); return { id: `a-${String(kept.length)}`, name: run.name, bytes: 5 } as never; }, refused: () => undefined as never },
      holderOf: (runId) => (runId === 'run-files' ? ward.approved : undefined),
      profileOf: (runId) => (runId === 'run-files' ? 'sandbox' : undefined),
    });
    try {
      await artifacts.start();
      const artifactId = randomBytes(18).toString('base64url');
      const sealed = await sealTo(new TextEncoder().encode('hello'), desktopKey.sealingPublicKey, desktopKey.fingerprint);
      const signed = await signArtifact({ runId: 'run-files', artifactId, name: 'note.txt', kind: 'file', bytes: 5 }, sealed, { workerId: ward.approved.workerId, privateKey: ward.identity.privateKey }, Date.now());
      const writer = clients.client();
      await writer.set(fleetKeys.artifact('run-files', artifactId), JSON.stringify({ signed, sealed }));
      const announcement = JSON.stringify({ runId: 'run-files', artifactId });
      // Back to back, as someone reading the channel could repeat it the moment it passes.
      await writer.multi().publish(fleetChannels.artifacts, announcement).publish(fleetChannels.artifacts, announcement).exec();

      await until(() => (kept.length + dropped.length >= 2 ? true : undefined));
      expect(kept).toEqual(['note.txt']);
      expect(dropped).toEqual([expect.stringMatching(/replay|no sealed artifact/)]);
    } finally {
      await artifacts.close();
      clients.closeAll();
      ward.dispose();
    }
  });
});
