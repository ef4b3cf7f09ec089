/**
 * Whether secrets may be written to disk (S24). safeStorage reports "available" on Linux even
 * when it fell back to `basic_text`, which encrypts with a hard-coded key: that is obfuscation,
 * not protection, so tokens then stay in memory and the user is told why sign-in does not
 * survive a restart. `unknown` (asked before `ready`, or a backend Electron cannot name) is
 * treated the same way: when in doubt, nothing reaches the disk.
 */
export type LinuxStorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export type SecretStorageDecision =
  | { mode: 'persistent' }
  | { mode: 'memory'; noticeCode: 'secrets_memory_only'; reason: 'encryption_unavailable' | 'linux_basic_text' | 'linux_backend_unknown' };

export function decideSecretStorage(input: {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()`; only meaningful on Linux. */
  linuxBackend?: LinuxStorageBackend;
}): SecretStorageDecision {
  if (!input.encryptionAvailable) return memory('encryption_unavailable');
  if (input.platform === 'linux') {
    if (input.linuxBackend === 'basic_text') return memory('linux_basic_text');
    if (input.linuxBackend === undefined || input.linuxBackend === 'unknown') return memory('linux_backend_unknown');
  }
  return { mode: 'persistent' };
}

function memory(reason: Extract<SecretStorageDecision, { mode: 'memory' }>['reason']): SecretStorageDecision {
  return { mode: 'memory', noticeCode: 'secrets_memory_only', reason };
}
