import { describe, expect, it } from 'vitest';
import { decideSecretStorage } from './secret-store-policy.js';

describe('decideSecretStorage (S24)', () => {
  it.each([
    ['macOS Keychain', { platform: 'darwin', encryptionAvailable: true }],
    ['Windows DPAPI', { platform: 'win32', encryptionAvailable: true }],
    ['Linux libsecret', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' }],
    ['Linux KWallet 5', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet5' }],
  ] as const)('persists with %s', (_name, input) => {
    expect(decideSecretStorage(input)).toEqual({ mode: 'persistent' });
  });

  it.each([
    ['S24 no encryption on Windows', { platform: 'win32', encryptionAvailable: false }, 'encryption_unavailable'],
    ['S24 no encryption on macOS', { platform: 'darwin', encryptionAvailable: false }, 'encryption_unavailable'],
    ['S24 Linux basic_text, which claims to be available', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' }, 'linux_basic_text'],
    ['S24 Linux with an unknown backend', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' }, 'linux_backend_unknown'],
    ['S24 Linux without a backend answer', { platform: 'linux', encryptionAvailable: true }, 'linux_backend_unknown'],
  ] as const)('keeps secrets in memory: %s', (_name, input, reason) => {
    expect(decideSecretStorage(input)).toEqual({ mode: 'memory', noticeCode: 'secrets_memory_only', reason });
  });
});
