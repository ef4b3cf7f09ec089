import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../app/fleet/testing/until.js';
import { defaultMachinePolicy } from '../../app/policy/machine-policy.js';
import { startBrowserHost, type RunningBrowserHost } from './browser-host.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('browser host presence', () => {
  let dataDir: string;
  let rendererDir: string;
  let host: RunningBrowserHost | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rpa-host-presence-'));
    rendererDir = await mkdtemp(join(tmpdir(), 'rpa-host-presence-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>RPA Supervisor</title>');
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('S60 a host whose page was never opened counts the supervisor away once the idle time passes, so a restored session serves no bot unwatched', async () => {
    const policy = { ...defaultMachinePolicy, supervision: { idleAfterMs: 1_000 } };
    host = await startBrowserHost({ dataDir, botsDir: join(dataDir, 'bots'), rendererDir, sandbox: false, logger: quiet, pageHeadStartMs: 0, policy: { kind: 'applied', path: join(dataDir, 'policy.json'), policy, profiles: [] } });
    const presence = async () => (await host!.supervisor.api.invoke('getState', {})).presence;
    expect((await presence()).status).toBe('present');
    // Nobody opened the page: no activity was ever reported.
    const away = await until(async () => {
      const view = await presence();
      return view.status === 'absent' ? view : undefined;
    }, 10_000);
    expect(away).toMatchObject({ status: 'absent', absentReason: 'idle' });
    await host.supervisor.api.invoke('reportPresence', { activity: true });
    expect((await presence()).status).toBe('present');
  });
});
