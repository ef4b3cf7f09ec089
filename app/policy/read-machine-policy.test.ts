import { chmod, mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMachinePolicy, lockedDownPolicy, machinePolicySchema } from './machine-policy.js';
import { lockedDownPatientDataPolicy } from './patient-data-policy.js';
import { parseMachinePolicy, readMachinePolicy } from './read-machine-policy.js';

const posix = { platform: 'linux' as const, currentUid: process.getuid?.() };
const healthcodeUat = {
  id: 'healthcode-uat',
  name: 'Healthcode (UAT)',
  preset: 'healthcodeUat',
  issuer: 'https://auth.uat.healthcode.co.uk',
  clientId: 'clinic-rpa',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policyFile(content: string, mode = 0o644): Promise<string> {
  const path = join(dir, 'policy.json');
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

describe('readMachinePolicy', () => {
  it('applies a valid policy, with its profiles locked', async () => {
    const path = await policyFile(
      JSON.stringify({ version: 1, demoMode: false, allowUserProfiles: false, profiles: [healthcodeUat], bots: { allowEnvTokenDelivery: false, allowedFolders: ['/opt/clinic-bots'] }, updates: { feedUrl: 'https://updates.clinic.example/rpa' } }),
    );
    const state = await readMachinePolicy(path, posix);
    expect(state.kind).toBe('applied');
    expect(state.policy).toMatchObject({ demoMode: false, allowUserProfiles: false, bots: { allowEnvTokenDelivery: false, allowedFolders: ['/opt/clinic-bots'] }, updates: { feedUrl: 'https://updates.clinic.example/rpa' } });
    expect(state.profiles).toHaveLength(1);
    expect(state.profiles[0]).toMatchObject({ id: 'healthcode-uat', locked: true, issuer: 'https://auth.uat.healthcode.co.uk', clientId: 'clinic-rpa' });
  });

  it('uses the defaults when there is no policy file', async () => {
    const state = await readMachinePolicy(join(dir, 'missing', 'policy.json'), posix);
    expect(state).toEqual({ kind: 'absent', path: join(dir, 'missing', 'policy.json'), policy: defaultMachinePolicy, profiles: [] });
    expect(defaultMachinePolicy).toMatchObject({ allowUserProfiles: true, bots: { allowEnvTokenDelivery: true } });
    // Written out in machine-policy.ts so no start without a policy file parses it.
    expect(defaultMachinePolicy).toStrictEqual(machinePolicySchema.parse({ version: 1 }));
  });

  it('S56 locks down when the file is not JSON, and says so', async () => {
    const state = await readMachinePolicy(await policyFile('{ "version": 1, '), posix);
    expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid', detail: 'it is not valid JSON: it ends before every { and [ is closed', policy: lockedDownPolicy, profiles: [] });
  });

  it('S56 locks down when a setting is wrong, naming the field', async () => {
    const state = await readMachinePolicy(await policyFile(JSON.stringify({ version: 1, bots: { allowEnvTokenDelivery: 'yes' } })), posix);
    expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid' });
    expect(state.kind === 'lockedDown' && state.detail).toContain('bots.allowEnvTokenDelivery');
  });

  it('S56 locks down on an unknown setting or version, rather than ignoring it', async () => {
    expect(await readMachinePolicy(await policyFile(JSON.stringify({ version: 1, demoMod: true })), posix)).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid' });
    expect(await readMachinePolicy(await policyFile(JSON.stringify({ version: 2 })), posix)).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid' });
  });

  it('S56 locks down on a relative bots folder, which could never be matched', async () => {
    const state = await readMachinePolicy(await policyFile(JSON.stringify({ version: 1, bots: { allowedFolders: ['clinic-bots'] } })), posix);
    expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid' });
    expect(state.kind === 'lockedDown' && state.detail).toContain('bots.allowedFolders.0 must be an absolute path');
  });

  it('S56 locks down on an invalid administrator profile, naming it by its name', async () => {
    const state = await readMachinePolicy(await policyFile(JSON.stringify({ version: 1, profiles: [{ ...healthcodeUat, issuer: 'http://auth.example.org' }] })), posix);
    expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid' });
    expect(state.kind === 'lockedDown' && state.detail).toMatch(/^profile "Healthcode \(UAT\)": issuer /);
  });

  it('S56 locks down on two administrator profiles with one id', async () => {
    const state = await readMachinePolicy(await policyFile(JSON.stringify({ version: 1, profiles: [healthcodeUat, { ...healthcodeUat, name: 'Copy' }] })), posix);
    expect(state.kind === 'lockedDown' && state.detail).toContain('another profile in the policy has the id "healthcode-uat"');
  });

  it('S56 locks down when the file can be changed by other users', async () => {
    const state = await readMachinePolicy(await policyFile(JSON.stringify({ version: 1, demoMode: true }), 0o666), posix);
    expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_not_protected', policy: lockedDownPolicy });
    expect(state.policy.demoMode).toBe(false);
  });

  it('S56 locks down when the folder holding the file can be changed by other users, who could replace or delete it', async () => {
    const path = await policyFile(JSON.stringify({ version: 1, demoMode: true }));
    await chmod(dir, 0o777);
    expect(await readMachinePolicy(path, posix)).toMatchObject({
      kind: 'lockedDown',
      code: 'policy_not_protected',
      detail: `it is in a folder (${dir}) that users other than its owner can change, so they could replace or remove it`,
      policy: lockedDownPolicy,
    });
    // The sticky bit (as on /tmp) keeps others from removing or renaming a file they do not own.
    await chmod(dir, 0o1777);
    expect(await readMachinePolicy(path, posix)).toMatchObject({ kind: 'applied' });
  });

  it('S56 a link to a file in a folder other users can change locks down, naming that folder: they could replace or delete the file', async () => {
    const shared = join(dir, 'shared');
    await mkdir(shared, { mode: 0o755 });
    const target = join(shared, 'policy.json');
    await writeFile(target, JSON.stringify({ version: 1, demoMode: true }));
    await chmod(target, 0o644);
    const protectedFolder = join(dir, 'etc');
    await mkdir(protectedFolder, { mode: 0o755 });
    const path = join(protectedFolder, 'policy.json');
    await symlink(target, path);
    expect(await readMachinePolicy(path, posix)).toMatchObject({ kind: 'applied', policy: { demoMode: true } });
    await chmod(shared, 0o777);
    expect(await readMachinePolicy(path, posix)).toMatchObject({
      kind: 'lockedDown',
      code: 'policy_not_protected',
      detail: `it is a link to ${target}, in a folder (${shared}) that users other than its owner can change, so they could replace or remove it`,
      policy: lockedDownPolicy,
    });
  });

  it('S56 a link whose file is gone locks down rather than falling back to the defaults', async () => {
    const path = join(dir, 'policy.json');
    await symlink(join(dir, 'removed.json'), path);
    expect(await readMachinePolicy(path, posix)).toMatchObject({ kind: 'lockedDown', code: 'policy_unreadable', detail: `it is a link to ${join(dir, 'removed.json')}, which does not exist`, policy: lockedDownPolicy });
  });

  it('S56 links that lead round in a circle lock down', async () => {
    const path = join(dir, 'policy.json');
    await symlink(join(dir, 'other.json'), path);
    await symlink(path, join(dir, 'other.json'));
    expect(await readMachinePolicy(path, posix)).toMatchObject({ kind: 'lockedDown', code: 'policy_unreadable', detail: 'it could not be read (ELOOP)' });
  });

  it('S56 locks down when the path is not a readable file', async () => {
    const path = join(dir, 'policy.json');
    await mkdir(path);
    expect(await readMachinePolicy(path, posix)).toMatchObject({ kind: 'lockedDown', code: 'policy_unreadable', detail: 'it is not a file' });
  });

  it('S56 names an unknown key called like an object internal (__proto__, constructor) rather than giving no reason', () => {
    expect(parseMachinePolicy('{"version":1,"constructor":true}', 'policy.json')).toMatchObject({ kind: 'lockedDown', detail: 'constructor is not a policy setting (the settings here are version, demoMode, profiles, allowUserProfiles, bots, updates, patientData, auditForwarding, companyAccess, supervision, fleet)' });
    expect(parseMachinePolicy('{"version":1,"bots":{"__proto__":{"allowEnvTokenDelivery":true}}}', 'policy.json')).toMatchObject({ kind: 'lockedDown', detail: expect.stringMatching(/^bots\.__proto__ is not a policy setting/) });
  });

  it('accepts a byte-order mark, as Windows editors write one', () => {
    expect(parseMachinePolicy('\uFEFF{"version":1}', 'policy.json').kind).toBe('applied');
  });

  it('the locked-down policy is at least as strict as any valid policy in every section', () => {
    expect(lockedDownPolicy).toEqual({ version: 1, demoMode: false, profiles: [], allowUserProfiles: false, bots: { allowEnvTokenDelivery: false }, patientData: lockedDownPatientDataPolicy, companyAccess: { admins: [] },
      supervision: { onAbsence: 'stop', requireApproval: true, idleAfterMs: 15 * 60_000, askWhoSignsIn: true },
      fleet: { enabled: false, leaseTtlMs: 30_000, onSupervisorLost: 'stop', allowApprovalInSettings: false },
    });
  });

  it('reads the audit forwarding and company access sections', () => {
    const state = parseMachinePolicy(
      JSON.stringify({ version: 1, auditForwarding: { host: 'syslog.clinic.example', port: 6514 }, companyAccess: { admins: ['admin-sub-1'] } }),
      '/etc/rpa-supervisor/policy.json',
    );
    expect(state.policy).toMatchObject({ auditForwarding: { host: 'syslog.clinic.example', port: 6514, tls: true }, companyAccess: { admins: ['admin-sub-1'] } });
    const bad = parseMachinePolicy(JSON.stringify({ version: 1, auditForwarding: { host: 'bad host name', port: 0 } }), '/etc/rpa-supervisor/policy.json');
    expect(bad.kind).toBe('lockedDown');
  });
});
