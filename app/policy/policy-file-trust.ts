/** What the app knows about the policy file's owner and permissions (POSIX `stat`). */
export interface PolicyFileStat {
  mode: number;
  uid: number;
}

export type PolicyFileTrust = { trusted: true } | { trusted: false; reason: string };

/**
 * S56: a policy the signed-in user could rewrite restricts nothing, so it is not trusted. On
 * POSIX the file must not be writable by group or others, and a non-root user must not own it
 * (an owner can always chmod it back). On Windows the folder's ACL (ProgramData, writable by
 * administrators only) is the control, and the installer sets it; nothing is checked here.
 */
export function policyFileTrust(stat: PolicyFileStat, options: { platform: NodeJS.Platform; currentUid: number | undefined }): PolicyFileTrust {
  if (options.platform === 'win32') return { trusted: true };
  if ((stat.mode & 0o022) !== 0) return { trusted: false, reason: 'it can be changed by users other than its owner' };
  const { currentUid } = options;
  if (currentUid !== undefined && currentUid !== 0 && stat.uid === currentUid) {
    return { trusted: false, reason: 'it belongs to the signed-in user, who could change it' };
  }
  return { trusted: true };
}
