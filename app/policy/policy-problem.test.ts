import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockedDownPolicy } from './machine-policy.js';
import { parseMachinePolicy, readMachinePolicy, type MachinePolicyState } from './read-machine-policy.js';

/**
 * The mistakes an administrator makes writing the policy file by hand, and what the app says
 * about each: every one locks down (S56), and the detail names the key, what is wrong and what is
 * allowed, so the file can be corrected from the message alone.
 */
const path = '/etc/rpa-supervisor/policy.json';

function detailOf(state: MachinePolicyState): string {
  expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid', policy: lockedDownPolicy });
  return state.kind === 'lockedDown' ? state.detail : '';
}

const detail = (text: string) => detailOf(parseMachinePolicy(text, path));

describe('JSON an administrator wrote by hand', () => {
  it('says where a trailing comma is, and that JSON does not allow one', () => {
    expect(detail('{\n  "version": 1,\n  "demoMode": false,\n}\n')).toBe('it is not valid JSON: remove the comma after the last entry at line 3, column 20');
    expect(detail('{ "version": 1, "bots": { "allowedFolders": ["/opt/clinic-bots",] } }')).toBe('it is not valid JSON: remove the comma after the last entry at line 1, column 64');
  });

  it('says that JSON has no comments, and where the first one is', () => {
    expect(detail('{\n  "version": 1, // for the clinic\n}\n')).toBe('it is not valid JSON: remove the comment at line 2, column 17 (JSON allows none)');
    expect(detail('/* clinic */ { "version": 1 }')).toBe('it is not valid JSON: remove the comment at line 1, column 1 (JSON allows none)');
  });

  it('counts lines the same with Windows line endings', () => {
    expect(detail('{\r\n  "version": 1,\r\n}\r\n')).toBe('it is not valid JSON: remove the comma after the last entry at line 2, column 15');
  });

  it('says a file that stops early is incomplete, and an empty file is empty', () => {
    expect(detail('{ "version": 1, "bots": { "allowEnvTokenDelivery": false }')).toBe('it is not valid JSON: it ends before every { and [ is closed');
    expect(detail('')).toBe('it is empty');
    expect(detail(' \r\n')).toBe('it is empty');
  });

  it('names the line and column of any other JSON mistake', () => {
    expect(detail("{\n  'version': 1\n}")).toBe('it is not valid JSON: use double quotes (") around names and text at line 2, column 3');
    expect(detail('{\n  "version": 1\n  "demoMode": false\n}')).toMatch(/^it is not valid JSON: .+ at line 3, column 3$/);
  });

  it('says the file must be one group of settings when it is a list or null', () => {
    expect(detail('[{ "version": 1 }]')).toBe('the file must be one group of settings in braces, { "version": 1, … }');
    expect(detail('null')).toBe('the file must be one group of settings in braces, { "version": 1, … }');
  });
});

describe('settings of the wrong type, unknown or out of range', () => {
  it('says what type a setting must be, not that it is missing', () => {
    expect(detail('{ "version": 1, "demoMode": "false" }')).toBe('demoMode must be true or false');
    expect(detail('{ "version": 1, "allowUserProfiles": 0 }')).toBe('allowUserProfiles must be true or false');
    expect(detail('{ "version": 1, "profiles": { "id": "healthcode" } }')).toBe('profiles must be a list');
    expect(detail('{ "version": 1, "bots": { "allowedFolders": "/opt/clinic-bots" } }')).toBe('bots.allowedFolders must be a list');
    expect(detail('{ "version": 1, "updates": "https://updates.clinic.example/" }')).toBe('updates must be a group of settings');
    expect(detail('{ "version": 1, "patientData": { "retentionDays": "30" } }')).toBe('patientData.retentionDays must be a number');
  });

  it('says version is required and what it must be', () => {
    expect(detail('{ "demoMode": false }')).toBe('version is required: "version": 1');
    expect(detail('{ "version": "1" }')).toBe('version must be 1');
    expect(detail('{ "version": 2 }')).toBe('version must be 1');
  });

  it('calls an unknown key a policy setting and suggests the one meant', () => {
    expect(detail('{ "version": 1, "demoMod": true }')).toBe('demoMod is not a policy setting (did you mean demoMode?)');
    expect(detail('{ "version": 1, "allowuserprofiles": false }')).toBe('allowuserprofiles is not a policy setting (did you mean allowUserProfiles?)');
    expect(detail('{ "version": 1, "updates": { "feedURL": "https://updates.clinic.example/" } }')).toBe(
      'updates.feedUrl is required; updates.feedURL is not a policy setting (did you mean feedUrl?)',
    );
    expect(detail('{ "version": 1, "bots": { "allowedFolder": ["/opt/clinic-bots"] } }')).toBe('bots.allowedFolder is not a policy setting (did you mean allowedFolders?)');
  });

  it('lists the settings allowed where an unknown key is nothing like any of them', () => {
    expect(detail('{ "version": 1, "bots": { "colour": "red" } }')).toBe('bots.colour is not a policy setting (the settings here are allowedFolders, allowEnvTokenDelivery)');
  });

  it('says a secret never belongs in the file, which every user can read', () => {
    expect(detail('{ "version": 1, "fleet": { "redisPassword": "hunter2" } }')).toBe(
      'fleet.redisPassword is not a policy setting, and a password or secret must never be in this file, which every user can read',
    );
  });

  it('says what the fleet section allows in sentences', () => {
    expect(detail('{ "version": 1, "fleet": { "enabled": true } }')).toBe('fleet.redisUrl is required when the fleet is enabled');
    expect(detail('{ "version": 1, "fleet": { "enabled": true, "redisUrl": "rediss://rpa:hunter2@redis:6380" } }')).toBe(
      'fleet.redisUrl must not hold the password: store it in the secret named by fleet.redisPasswordSecret',
    );
    const worker = { fingerprint: '8tn4-h9vb', name: 'Ward PC 1', pools: ['ward'] };
    expect(detail(JSON.stringify({ version: 1, fleet: { approvedWorkers: [worker] } }))).toBe(
      'fleet.approvedWorkers.0.fingerprint must be the fingerprint the worker printed, such as 8TN4-H9VB-2D4G-YD8H',
    );
    const listed = { ...worker, fingerprint: '8TN4-H9VB-2D4G-YD8H' };
    expect(detail(JSON.stringify({ version: 1, fleet: { approvedWorkers: [listed, listed] } }))).toBe('fleet.approvedWorkers must list each fingerprint once');
  });
});

describe('administrator profiles', () => {
  it('refuses the ids of the Local sandbox, whose profiles would otherwise hide the administrator\'s in demo mode', () => {
    const profile = { id: 'sandbox', name: 'Clinic IdP', preset: 'custom', issuer: 'https://idp.clinic.example', clientId: 'rpa' };
    expect(detail(JSON.stringify({ version: 1, profiles: [profile] }))).toBe('profile "Clinic IdP": the id "sandbox" is the Local sandbox\'s; choose another id');
    expect(detail(JSON.stringify({ version: 1, profiles: [{ ...profile, id: 'sandbox-partner' }] }))).toBe('profile "Clinic IdP": the id "sandbox-partner" is the Local sandbox\'s; choose another id');
  });
});

describe('how the file is encoded', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-policy-encoding-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const read = async (bytes: Buffer) => {
    const file = join(dir, 'policy.json');
    await writeFile(file, bytes);
    await chmod(file, 0o644);
    return readMachinePolicy(file, { platform: 'linux', currentUid: undefined });
  };
  const policy = '{\r\n  "version": 1,\r\n  "demoMode": false\r\n}\r\n';

  it('reads UTF-16 with a byte-order mark, as Windows PowerShell Out-File and Notepad "Unicode" save it', async () => {
    const little = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policy, 'utf16le')]));
    expect(little).toMatchObject({ kind: 'applied', policy: { demoMode: false } });
    const big = Buffer.from(policy, 'utf16le').swap16();
    expect(await read(Buffer.concat([Buffer.from([0xfe, 0xff]), big]))).toMatchObject({ kind: 'applied', policy: { demoMode: false } });
  });

  it('reads UTF-8 with a byte-order mark', async () => {
    expect(await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(policy)]))).toMatchObject({ kind: 'applied' });
  });

  it('refuses text in another encoding rather than guess at the characters', async () => {
    const latin1 = Buffer.from('{ "version": 1, "profiles": [{ "id": "a", "name": "Clinique Saint-Andr\u00e9" }] }', 'latin1');
    expect(detailOf(await read(latin1))).toBe('it is not saved as UTF-8 text (save it as UTF-8)');
  });
});
