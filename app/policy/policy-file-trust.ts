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

/**
 * The folder that holds the policy file: whoever may change it can remove the file (and the app's
 * defaults apply at the next start) or rename their own into its place, so the same rules as for
 * the file apply, except that the sticky bit (as on /tmp) keeps others from touching a file they
 * do not own. On Windows ProgramData's ACL is the control, as for the file.
 */
export function policyFolderTrust(stat: PolicyFileStat, options: { platform: NodeJS.Platform; currentUid: number | undefined }): PolicyFileTrust {
  if (options.platform === 'win32') return { trusted: true };
  const sticky = (stat.mode & 0o1000) !== 0;
  if ((stat.mode & 0o022) !== 0 && !sticky) return { trusted: false, reason: 'users other than its owner can change, so they could replace or remove it' };
  const { currentUid } = options;
  if (currentUid !== undefined && currentUid !== 0 && stat.uid === currentUid) return { trusted: false, reason: 'belongs to the signed-in user, who could replace or remove it' };
  return { trusted: true };
}
