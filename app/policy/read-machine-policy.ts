import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { validateProfile } from '../config/profile-validation.js';
import { sandboxPartnerProfileId, sandboxProfileId, type Profile } from '../config/profile.js';
import { defaultMachinePolicy, lockedDownPolicy, machinePolicySchema, type MachinePolicy } from './machine-policy.js';
import { policyFileTrust, policyFolderTrust } from './policy-file-trust.js';
import { policyFieldProblems } from './policy-field-problems.js';
import { decodePolicyBytes, parsePolicyJson } from './policy-json.js';

/** Why a policy file that exists is not applied as written; each is an error code in the catalogue. */
export type PolicyRefusalCode = 'policy_unreadable' | 'policy_invalid' | 'policy_not_protected';

/**
 * The machine policy as the app found it. Every member carries the policy in force, so callers
 * never choose between the file and the defaults themselves; `profiles` are the administrator's
 * profiles, already validated.
 */
export type MachinePolicyState =
  | { kind: 'absent'; path: string; policy: MachinePolicy; profiles: Profile[] }
  | { kind: 'applied'; path: string; policy: MachinePolicy; profiles: Profile[] }
  | { kind: 'lockedDown'; path: string; policy: MachinePolicy; profiles: Profile[]; code: PolicyRefusalCode; detail: string };

/** A policy file is a few kilobytes; anything far larger is not one. */
const maxPolicyBytes = 1024 * 1024;

/**
 * Reads and checks the policy file once, at start-up. Never throws: a missing file means the app's
 * defaults; a file that exists but cannot be read, parsed, validated or trusted locks the app
 * down and says why (S56), so a broken policy is never silently ignored.
 */
export async function readMachinePolicy(path: string, options: { platform: NodeJS.Platform; currentUid: number | undefined }): Promise<MachinePolicyState> {
  const lockDown = (code: PolicyRefusalCode, detail: string): MachinePolicyState => ({ kind: 'lockedDown', path, policy: lockedDownPolicy, profiles: [], code, detail });
  let bytes: Buffer;
  try {
    const found = await followLinks(path);
    if (found.kind === 'absent') return { kind: 'absent', path, policy: defaultMachinePolicy, profiles: [] };
    // An administrator put a link here; its file being gone is a broken policy, not no policy.
    if (found.kind === 'dangling') return lockDown('policy_unreadable', `it is a link to ${found.missing}, which does not exist`);
    const { file, hops } = found;
    const linkedTo = file === path ? '' : `it is a link to ${file}, `;
    const info = await stat(file);
    if (!info.isFile()) return lockDown('policy_unreadable', `${linkedTo}it is not a file`);
    if (info.size > maxPolicyBytes) return lockDown('policy_invalid', `${linkedTo}it is larger than ${maxPolicyBytes / 1024} KB`);
    const trust = policyFileTrust({ mode: info.mode, uid: info.uid }, options);
    if (!trust.trusted) return lockDown('policy_not_protected', `${linkedTo}${trust.reason}`);
    // Whoever can change the folder of the file, or of any link on the way to it, can replace it.
    for (const [index, hop] of hops.entries()) {
      const folder = dirname(hop);
      const folderTrust = policyFolderTrust(await stat(folder), options);
      if (!folderTrust.trusted) return lockDown('policy_not_protected', `${index === 0 ? 'it is' : `it is a link to ${hop},`} in a folder (${folder}) that ${folderTrust.reason}`);
    }
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return lockDown('policy_unreadable', code === 'EACCES' || code === 'EPERM' ? 'the app is not allowed to read it' : `it could not be read (${code ?? 'unknown error'})`);
  }
  const decoded = decodePolicyBytes(bytes);
  return decoded.ok ? parseMachinePolicy(decoded.text, path) : lockDown('policy_invalid', decoded.detail);
}

/** The checks after reading, separate so they can be tested on text alone. */
export function parseMachinePolicy(text: string, path: string): MachinePolicyState {
  const lockDown = (detail: string): MachinePolicyState => ({ kind: 'lockedDown', path, policy: lockedDownPolicy, profiles: [], code: 'policy_invalid', detail });
  const read = parsePolicyJson(text);
  if (!read.ok) return lockDown(read.detail);
  // reportInput: so a wrong type ("false" for false) is not mistaken for a missing value.
  const parsed = machinePolicySchema.safeParse(read.json, { reportInput: true });
  if (!parsed.success) return lockDown(describeFields(policyFieldProblems(parsed.error, machinePolicySchema)));
  const profiles: Profile[] = [];
  const seen = new Set<string>();
  for (const [index, input] of parsed.data.profiles.entries()) {
    const checked = validateProfile({ ...input, locked: true });
    const label = typeof input.name === 'string' ? `profile "${input.name}"` : typeof input.id === 'string' ? `profile "${input.id}"` : `profile ${index + 1}`;
    if (!checked.ok) return lockDown(`${label}: ${describeFields(checked.fields)}`);
    // The registry would drop an administrator's profile under the sandbox's id in demo mode.
    if (checked.profile.id === sandboxProfileId || checked.profile.id === sandboxPartnerProfileId) return lockDown(`${label}: the id "${checked.profile.id}" is the Local sandbox's; choose another id`);
    if (seen.has(checked.profile.id)) return lockDown(`${label}: another profile in the policy has the id "${checked.profile.id}"`);
    seen.add(checked.profile.id);
    profiles.push(checked.profile);
  }
  return { kind: 'applied', path, policy: parsed.data, profiles };
}

function describeFields(fields: Record<string, string>): string {
  const entries = Object.entries(fields);
  const shown = entries.slice(0, 3).map(([field, message]) => `${field === '' ? 'the file' : field} ${message}`);
  return `${shown.join('; ')}${entries.length > 3 ? ` and ${entries.length - 3} more` : ''}`;
}

/** Links followed before a chain is taken for a loop, as the OS would report ELOOP. */
const maxLinks = 8;

type FollowedLinks = { kind: 'absent' } | { kind: 'dangling'; missing: string } | { kind: 'found'; file: string; hops: string[] };

/** The file a path leads to through any links, and every name on the way (the path first). */
async function followLinks(path: string): Promise<FollowedLinks> {
  const hops = [path];
  for (;;) {
    const hop = hops[hops.length - 1] ?? path;
    let info;
    try {
      info = await lstat(hop);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      return hops.length === 1 ? { kind: 'absent' } : { kind: 'dangling', missing: hop };
    }
    if (!info.isSymbolicLink()) return { kind: 'found', file: hop, hops };
    if (hops.length > maxLinks) throw Object.assign(new Error('too many links'), { code: 'ELOOP' });
    hops.push(resolve(dirname(hop), await readlink(hop)));
  }
}
