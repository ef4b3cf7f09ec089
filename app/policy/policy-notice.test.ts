import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor } from '../supervisor.js';
import { readMachinePolicy } from './read-machine-policy.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-policy-notice-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stateWithPolicy(content: string, mode: number) {
  const path = join(dir, `policy-${mode.toString(8)}.json`);
  await writeFile(path, content);
  await chmod(path, mode);
  const policy = await readMachinePolicy(path, { platform: 'linux', currentUid: process.getuid?.() });
  const supervisor = await createSupervisor({
    ports: { browser: { open: async () => undefined }, secrets: new MemorySecretStore(), settings: new MemorySettingsStore(), clock: systemClock, notifier: { notify: () => undefined }, logger: nullLogger },
    dataDir: await mkdtemp(join(dir, 'data-')),
    flavour: 'development',
    botsDir: join(dir, 'no-bots'),
    policy,
  });
  try {
    return await supervisor.api.invoke('getState', {});
  } finally {
    await supervisor.shutdown();
  }
}

describe('machine policy at start-up', () => {
  it('S56 a broken policy file is reported as an error notice naming the file', async () => {
    const state = await stateWithPolicy('{ not json', 0o644);
    const notice = state.notices.find((n) => n.code === 'policy_invalid');
    expect(notice).toMatchObject({ level: 'error' });
    expect(notice?.message).toContain(join(dir, 'policy-644.json'));
  });

  it('S56 a policy file others can change is reported as not protected', async () => {
    const state = await stateWithPolicy('{"version":1}', 0o666);
    expect(state.notices.map((n) => n.code)).toContain('policy_not_protected');
  });

  it('a valid policy raises no policy notice', async () => {
    const state = await stateWithPolicy('{"version":1}', 0o644);
    expect(state.notices.map((n) => n.code).filter((code) => code.startsWith('policy_'))).toEqual([]);
  });
});
