export type { ExternalBrowser } from './external-browser.js';
export type { SecretStore } from './secret-store.js';
export type { SettingsStore } from './settings-store.js';
export type { Clock } from './clock.js';
export type { Notifier } from './notifier.js';
export type { Logger } from './logger.js';
export type { HttpFetch } from './http-fetch.js';

import type { Clock } from './clock.js';
import type { ExternalBrowser } from './external-browser.js';
import type { HttpFetch } from './http-fetch.js';
import type { Logger } from './logger.js';
import type { Notifier } from './notifier.js';
import type { SecretStore } from './secret-store.js';
import type { SettingsStore } from './settings-store.js';

/** Everything a host must hand the core. */
export interface CorePorts {
  browser: ExternalBrowser;
  secrets: SecretStore;
  settings: SettingsStore;
  clock: Clock;
  notifier: Notifier;
  logger: Logger;
  /**
   * Every request to a provider goes through it (app/ports/http-fetch.ts). Both hosts pass
   * their own network stack; without one, in-process callers get `directHttpFetch`.
   */
  http?: HttpFetch;
}
