/** Types for `browser-choice.mjs`: which browser a Playwright bot launches. */
export type BrowserChoice =
  | { ok: true; source: 'option' | 'setting' | 'installed'; launch: { executablePath: string } | { channel: 'msedge' | 'chrome' }; name: string }
  | { ok: false; code: 'browser_not_found' | 'browser_path_missing'; message: string };

export declare function installedBrowserCandidates(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): Array<{ channel?: 'msedge' | 'chrome'; name: string; paths: string[] }>;

export declare function chooseBrowser(input: {
  executablePath?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists?: (file: string) => boolean;
}): BrowserChoice;
