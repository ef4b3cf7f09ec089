import { describe, expect, it } from 'vitest';
import { policyFileTrust, policyFolderTrust } from './policy-file-trust.js';

describe('policyFileTrust (S56)', () => {
  const linux = (currentUid: number) => ({ platform: 'linux' as const, currentUid });

  it.each([
    ['root-owned, 0644, read by a user', { mode: 0o100644, uid: 0 }, linux(1000), true],
    ['root-owned, 0644, read by root', { mode: 0o100644, uid: 0 }, linux(0), true],
    ['owned by another account, 0644', { mode: 0o100644, uid: 500 }, linux(1000), true],
    ['group-writable', { mode: 0o100664, uid: 0 }, linux(1000), false],
    ['world-writable', { mode: 0o100646, uid: 0 }, linux(1000), false],
    ['owned by the signed-in user', { mode: 0o100600, uid: 1000 }, linux(1000), false],
  ])('%s → trusted %s', (_name, stat, options, trusted) => {
    expect(policyFileTrust(stat, options).trusted).toBe(trusted);
  });

  it('leaves Windows to the ProgramData ACL', () => {
    expect(policyFileTrust({ mode: 0o100666, uid: 0 }, { platform: 'win32', currentUid: undefined })).toEqual({ trusted: true });
    expect(policyFolderTrust({ mode: 0o40777, uid: 0 }, { platform: 'win32', currentUid: undefined })).toEqual({ trusted: true });
  });

  // Whoever can change the folder can delete the file (the app's defaults apply) or put their own in its place.
  it.each([
    ['root-owned, 0755', { mode: 0o40755, uid: 0 }, linux(1000), true],
    ['world-writable with the sticky bit, as /tmp (others cannot remove a file they do not own)', { mode: 0o41777, uid: 0 }, linux(1000), true],
    ['group-writable', { mode: 0o40775, uid: 0 }, linux(1000), false],
    ['world-writable', { mode: 0o40777, uid: 0 }, linux(1000), false],
    ['owned by the signed-in user', { mode: 0o40755, uid: 1000 }, linux(1000), false],
    ['owned by root, read by root', { mode: 0o40755, uid: 0 }, linux(0), true],
  ])('folder %s', (_name, stat, options, trusted) => {
    expect(policyFolderTrust(stat, options).trusted).toBe(trusted);
  });
});
