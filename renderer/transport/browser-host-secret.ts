/** sessionStorage key; per tab, so a reload keeps working but other tabs and restarts do not. */
export const browserHostSecretKey = 'rpa-supervisor.browser-host-key';

export interface BrowserHostSecretEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * The browser host opens the page at `/#k=<secret>`. The fragment never reaches the server's
 * logs, but it would stay in the address bar, history and screenshots, so it is moved into
 * sessionStorage and removed from the visible URL straight away. A reload then finds it in
 * storage. Returns null when there is no secret, so the UI can say the link is missing.
 */
export function takeBrowserHostSecret(env: BrowserHostSecretEnvironment): string | null {
  const fromHash = readSecretFromHash(env.location.hash);
  if (fromHash !== null) {
    try {
      env.storage?.setItem(browserHostSecretKey, fromHash);
    } catch {
      // Storage can be disabled; the secret still works for this page load.
    }
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}`);
    return fromHash;
  }
  try {
    const stored = env.storage?.getItem(browserHostSecretKey);
    return stored ? stored : null;
  } catch {
    return null;
  }
}

function readSecretFromHash(hash: string): string | null {
  if (!hash.startsWith('#')) return null;
  // Not URLSearchParams: it would turn a literal "+" into a space and corrupt the secret.
  for (const part of hash.slice(1).split('&')) {
    if (!part.startsWith('k=')) continue;
    try {
      const value = decodeURIComponent(part.slice(2));
      return value ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The browser host's WebSocket endpoint on the page's own origin. */
export function browserHostSocketUrl(host: string, secret: string): string {
  return `ws://${host}/ws?k=${encodeURIComponent(secret)}`;
}
