import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RunManager } from '../bots/run-manager.js';
import { Redactor } from '../bots/redactor.js';
import { defaultMachinePolicy, lockedDownPolicy, machinePolicySchema } from '../policy/machine-policy.js';
import type { MachinePolicyState } from '../policy/read-machine-policy.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor } from '../supervisor.js';
import { composeFleet, type ComposeFleetDeps } from './compose-fleet.js';

// Any import of the fleet's packages runs these factories: single-machine mode must never.
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('bullmq', () => {
  loaded.push('bullmq');
  return {};
});
vi.mock('ioredis', () => {
  loaded.push('ioredis');
  return {};
});

const fleetOn = { enabled: true, redisUrl: 'redis://127.0.0.1:1', redisPasswordSecret: 'fleet/redis' };

function deps(policy: MachinePolicyState, secrets = new MemorySecretStore()): { deps: ComposeFleetDeps; posted: string[] } {
  const posted: string[] = [];
  const never = () => {
    throw new Error('fleet mode must not touch this');
  };
  return {
    posted,
    deps: {
      policy,
      ports: { secrets, settings: new MemorySettingsStore(), clock: systemClock, logger: nullLogger },
      dataDir: '/nonexistent',
      sessions: new Proxy({}, { get: never }) as ComposeFleetDeps['sessions'],
      profiles: { get: never, list: never },
      supervision: new Proxy({}, { get: never }) as ComposeFleetDeps['supervision'],
      supervisionPolicy: { requireApproval: false },
      redactor: new Redactor(),
      patientData: never,
      connections: { isLogFollowed: never },
      audit: { record: never },
      person: never,
      notices: { post: (_level, error) => void posted.push(error.code) },
    },
  };
}

describe('composeFleet: single-machine mode unless the policy enables the fleet', () => {
  const local = { local: true } as unknown as RunManager;
  const states: [string, MachinePolicyState][] = [
    ['no policy', { kind: 'absent', path: '', policy: defaultMachinePolicy, profiles: [] }],
    ['a fleet section with enabled: false', { kind: 'applied', path: 'p', policy: machinePolicySchema.parse({ version: 1, fleet: { ...fleetOn, enabled: false } }), profiles: [] }],
    ['a locked-down policy, whatever its fleet section', { kind: 'lockedDown', path: 'p', policy: { ...lockedDownPolicy, fleet: { ...lockedDownPolicy.fleet!, ...fleetOn } }, profiles: [], code: 'policy_invalid', detail: 'x' }],
  ];

  it.each(states)('%s: the local runs, no workers, no Redis client and no BullMQ loaded', async (_name, policy) => {
    const { deps: d, posted } = deps(policy);
    const composed = await composeFleet(d, local);
    expect(composed.runs).toBe(local);
    expect(composed.workers).toBeUndefined();
    expect(posted).toEqual([]);
    expect(loaded).toEqual([]);
  });

  it('an enabled fleet whose redisCaFile cannot be read stays off, with a notice naming the file, instead of failing the start', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('fleet/redis', 'pw');
    const policy = machinePolicySchema.parse({ version: 1, fleet: { ...fleetOn, redisUrl: 'rediss://127.0.0.1:1', redisCaFile: '/nonexistent/redis-ca.pem' } });
    const { deps: d, posted } = deps({ kind: 'applied', path: 'p', policy, profiles: [] }, secrets);
    const composed = await composeFleet(d, local);
    expect(composed.runs).toBe(local);
    expect(posted).toEqual(['fleet_redis_ca_unreadable']);
    expect(loaded).toEqual([]);
  });

  it('an enabled fleet whose Redis password is not in the SecretStore stays off, with a notice naming the secret', async () => {
    const { deps: d, posted } = deps({ kind: 'applied', path: 'p', policy: machinePolicySchema.parse({ version: 1, fleet: fleetOn }), profiles: [] });
    const composed = await composeFleet(d, local);
    expect(composed.runs).toBe(local);
    expect(posted).toEqual(['fleet_redis_password_missing']);
    expect(loaded).toEqual([]);
  });

  it('the whole supervisor composed without a fleet section loads neither bullmq nor ioredis', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rpa-no-fleet-'));
    try {
      const supervisor = await createSupervisor({
        ports: { browser: { open: async () => undefined }, secrets: new MemorySecretStore(), settings: new MemorySettingsStore(), clock: systemClock, notifier: { notify: () => undefined }, logger: nullLogger },
        dataDir,
        flavour: 'production',
        botsDir: dataDir,
      });
      const workers = await supervisor.api.invoke('listWorkers', {});
      expect(workers).toEqual({ enabled: false, canApprove: false, pending: [], approved: [] });
      await expect(supervisor.api.invoke('approveWorker', { fingerprint: 'AAAA-BBBB-CCCC-DDDD', name: 'x', pools: ['ward'] })).rejects.toMatchObject({ code: 'fleet_not_enabled' });
      await supervisor.shutdown();
      expect(loaded).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
