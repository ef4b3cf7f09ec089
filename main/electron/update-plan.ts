/** How often a running app looks for a new version on the administrator's feed. */
export const updateCheckIntervalMs = 6 * 60 * 60 * 1000;

/** What the managed updater does this run (docs/packaging.md, "Managed updates"). */
export type UpdatePlan =
  | { kind: 'off'; reason: 'notPackaged' | 'noFeed' | 'policyLockedDown' | 'unsupportedPackage' }
  | { kind: 'generic'; feedUrl: string; checkEveryMs: number };

/**
 * Updates are the administrator's decision: a packaged app checks the generic electron-updater
 * feed named in the machine policy (`updates.feedUrl`, https only), and nothing else. No feed,
 * a development run, or a policy that could not be trusted: no update checks at all, so an
 * install never reaches out to a server nobody chose. On Linux only an AppImage can replace
 * itself; a deb is updated by the package manager.
 */
export function updatePlan(input: {
  isPackaged: boolean;
  policySource: 'none' | 'file' | 'lockedDown';
  feedUrl: string | undefined;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}): UpdatePlan {
  if (!input.isPackaged) return { kind: 'off', reason: 'notPackaged' };
  if (input.policySource === 'lockedDown') return { kind: 'off', reason: 'policyLockedDown' };
  if (input.feedUrl === undefined) return { kind: 'off', reason: 'noFeed' };
  if (input.platform === 'linux' && !input.env.APPIMAGE) return { kind: 'off', reason: 'unsupportedPackage' };
  return { kind: 'generic', feedUrl: input.feedUrl, checkEveryMs: updateCheckIntervalMs };
}

/** How much of an updater error the diagnostic log keeps. */
const maxLoggedErrorChars = 500;

/**
 * A failed update check as the diagnostic log keeps it. An administrator may put a credential in
 * the feed URL (`https://user:password@…`, a `?token=`), and electron-updater's HTTP errors repeat
 * the URL and the response's headers: the log gets the feed without userinfo or query, and the
 * error with every URL's credentials cut, on one bounded line.
 */
export function updateFailureFields(feedUrl: string, error: unknown): { feed: string; error: string } {
  const url = URL.parse(feedUrl);
  const feed = url ? `${url.origin}${url.pathname}` : 'the policy feed';
  const message = (error instanceof Error ? error.message : String(error))
    .split(feedUrl)
    .join(feed)
    .replace(/\/\/[^/\s@]*@/g, '//')
    .replace(/([?&][^=&\s]*=)[^&\s"']*/g, '$1…')
    .replace(/\s+/g, ' ');
  return { feed, error: message.length > maxLoggedErrorChars ? `${message.slice(0, maxLoggedErrorChars)}…` : message };
}
