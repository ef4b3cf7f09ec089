import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor } from '../supervisor.js';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { machinePolicySchema } from './machine-policy.js';
import { readMachinePolicy } from './read-machine-policy.js';
import { supervisionPolicySchema } from './supervision-policy.js';

/**
 * docs/providers.md, section 10, is what an administrator writes the policy file from: its sample
 * must load as written, through the real loader and composition, and every setting the app reads
 * must be named there, so nothing needs the source to find.
 */
const providersDoc = readFileSync(fileURLToPath(new URL('../../docs/providers.md', import.meta.url)), 'utf8');
const sample = codeBlockAfter(providersDoc, 'A sample with', 'json');
const section10 = providersDoc.slice(providersDoc.indexOf('## 10. Machine policy'), providersDoc.indexOf('\n## ', providersDoc.indexOf('## 10. Machine policy') + 1));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-docs-policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the sample policy in docs/providers.md', () => {
  it('loads as written and applies: the profile locked, no user profiles, no sandbox, the update feed shown', async () => {
    const path = join(dir, 'policy.json');
    await writeFile(path, sample);
    await chmod(path, 0o644);
    const policy = await readMachinePolicy(path, { platform: 'linux', currentUid: process.getuid?.() });
    expect(policy).toMatchObject({ kind: 'applied', policy: { demoMode: false, allowUserProfiles: false, bots: { allowEnvTokenDelivery: false } } });
    const supervisor = await createSupervisor({
      ports: { browser: { open: async () => undefined }, secrets: new MemorySecretStore(), settings: new MemorySettingsStore(), clock: systemClock, notifier: { notify: () => undefined }, logger: nullLogger },
      dataDir: await mkdtemp(join(dir, 'data-')),
      flavour: 'production',
      botsDir: join(dir, 'no-bots'),
      policy,
    });
    try {
      const state = await supervisor.api.invoke('getState', {});
      expect(state.profiles.map((p) => [p.id, p.locked])).toEqual([['healthcode', true]]);
      expect(state.host.policy).toMatchObject({ source: 'file', path, allowUserProfiles: false, updateFeedUrl: 'https://updates.your-clinic.example/rpa-supervisor/' });
      expect(state.host.policy.problem).toBeUndefined();
      expect(state.host.sandboxOffered).toBe(false);
      expect(state.notices.map((n) => n.code).filter((code) => code.startsWith('policy_'))).toEqual([]);
    } finally {
      await supervisor.shutdown();
    }
  });

  it('section 10 names every setting the app reads', () => {
    const named = (key: string) => section10.includes(`\`${key}\``) || section10.includes(`\`${key}.`);
    expect(Object.keys(machinePolicySchema.shape).filter((key) => !named(key))).toEqual([]);
    expect(Object.keys(supervisionPolicySchema.shape).filter((key) => !named(`supervision.${key}`))).toEqual([]);
  });
});
