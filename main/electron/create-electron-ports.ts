import path from 'node:path';
import { Notification, safeStorage, session } from 'electron';
import Store from 'electron-store';
import { systemClock } from '../../app/ports/clock.js';
import type { ExternalBrowser } from '../../app/ports/external-browser.js';
import type { CorePorts } from '../../app/ports/index.js';
import type { Logger } from '../../app/ports/logger.js';
import { MemorySecretStore } from '../../app/ports/secret-store.js';
import { createChromiumHttpFetch } from './electron-http-fetch.js';
import { ElectronNotifier } from './electron-notifier.js';
import { ElectronStoreSettingsStore } from './electron-store-settings-store.js';
import { SafeStorageSecretStore } from './safe-storage-secret-store.js';
import { decideSecretStorage, type SecretStorageDecision } from './secret-store-policy.js';

/**
 * Wires the core's ports to Electron. Call after `ready`: safeStorage only knows its Linux
 * backend once the app is ready. The browser port is passed in because the window's link
 * handler shares it (one validated path to `shell.openExternal`).
 */
export function createElectronPorts(options: { userDataDir: string; logger: Logger; browser: ExternalBrowser }): { ports: CorePorts; secretStorage: SecretStorageDecision; notifier: ElectronNotifier } {
  const { logger } = options;
  const secretStorage = decideSecretStorage({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (secretStorage.mode === 'memory') {
    // The core sees `secrets.persistent === false` and tells the user (S24).
    logger.warn('secrets are kept in memory only; sign-in will not survive a restart', { code: secretStorage.noticeCode, reason: secretStorage.reason });
  }

  const settingsFile = path.join(options.userDataDir, 'settings.json');
  const notifier = new ElectronNotifier({
    isSupported: () => Notification.isSupported(),
    create: (notice) => new Notification(notice),
  });
  const ports: CorePorts = {
    browser: options.browser,
    secrets:
      secretStorage.mode === 'persistent'
        ? new SafeStorageSecretStore({ dir: path.join(options.userDataDir, 'secrets'), cipher: safeStorage, logger })
        : new MemorySecretStore(),
    settings: new ElectronStoreSettingsStore({
      filePath: settingsFile,
      logger,
      open: () => new Store({ name: 'settings', cwd: options.userDataDir, accessPropertiesByDotNotation: false, clearInvalidConfig: false, watch: false, configFileMode: 0o600 }),
    }),
    clock: systemClock,
    notifier,
    logger,
    // Provider requests take Chromium's stack (system proxy, PAC, OS trust store; S50, S51) in an
    // in-memory session of their own, so no cookie of the window or of a provider is shared.
    http: createChromiumHttpFetch(providerSession()),
  };
  return { ports, secretStorage, notifier };
}

function providerSession(): { fetch(url: string, init: RequestInit): Promise<Response>; resolveProxy(url: string): Promise<string> } {
  const providers = session.fromPartition('provider-requests', { cache: false });
  return { fetch: (url, init) => providers.fetch(url, init), resolveProxy: (url) => providers.resolveProxy(url) };
}
