import type { ProfileView, SupervisorApi } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { browserHostSecretKey, browserHostSocketUrl, takeBrowserHostSecret } from './browser-host-secret.js';
import { joinSecretExchange, secretChannelName } from './browser-host-secret-exchange.js';
import { fixedConnection, type ConnectionMonitor } from './connection-monitor.js';
import { externalOriginsOf, isAllowedExternalUrl } from '../../app/common/external-url-allowlist.js';
import { openExternalUrl } from './open-external-url.js';
import { WebSocketSupervisorApi } from './web-socket-supervisor-api.js';

export interface SupervisorConnection {
  api: SupervisorApi;
  connection: ConnectionMonitor;
}

/**
 * Picks the transport. The UI is the same in both hosts; only this differs:
 * - Electron: the preload exposes a fixed, typed `window.supervisor` over IPC, which cannot drop.
 * - Browser host: a WebSocket to the page's own loopback origin, authorised by the secret the
 *   host put in the URL fragment.
 */
export function getSupervisorApi(): SupervisorConnection {
  if (window.supervisor) return { api: window.supervisor, connection: fixedConnection('open') };

  const storage = safeSessionStorage();
  const secret = takeBrowserHostSecret({ location: window.location, history: window.history, storage });
  if (secret === null) return { api: unavailableApi, connection: fixedConnection('rejected') };

  const api = new WebSocketSupervisorApi({ url: browserHostSocketUrl(window.location.host, secret) });
  if (typeof BroadcastChannel === 'function') {
    joinSecretExchange({
      channel: new BroadcastChannel(secretChannelName),
      secret,
      connection: api,
      rejoin: (fresh) => {
        try {
          // A reload then connects with the new secret too.
          storage?.setItem(browserHostSecretKey, fresh);
        } catch {
          // Storage can be disabled; the secret still works for this page load.
        }
        api.rejoin(browserHostSocketUrl(window.location.host, fresh));
      },
    });
  }
  // Stands in for the system browser: the host cannot open one for a page, so the page does, but
  // only for the profiles' own providers and bounce pages (S47).
  let profiles: readonly ProfileView[] = [];
  api.on('state', (state) => {
    profiles = state.profiles;
  });
  api.on('openExternal', ({ url }) => {
    void allowedOrigins(api, () => profiles, url).then((origins) => openExternalUrl(url, origins, (target, name, features) => window.open(target, name, features)));
  });
  api.start();
  return { api, connection: api };
}

/**
 * The allowlist from the latest state; when the URL is not on it, from a fresh snapshot, in case
 * the profile that asked arrived after the last state event. A failed read allows nothing.
 */
async function allowedOrigins(api: SupervisorApi, latest: () => readonly ProfileView[], url: string): Promise<ReadonlySet<string>> {
  const known = externalOriginsOf(latest());
  if (isAllowedExternalUrl(url, known)) return known;
  try {
    return externalOriginsOf((await api.invoke('getState', {})).profiles);
  } catch {
    return new Set();
  }
}

/** Used when the page was opened without its secret: every command explains what to do. */
const unavailableApi: SupervisorApi = {
  invoke: () => Promise.reject(errorView('connection_rejected')),
  on: () => ({ dispose: () => undefined }),
};

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Access throws when storage is disabled for the site.
    return null;
  }
}
