/**
 * Parent variables a bot may inherit. The supervisor's own environment can hold secrets (CI
 * tokens, cloud keys, proxy passwords), so it is never passed wholesale; a manifest that needs
 * more sets it explicitly in `env`.
 */
export const inheritedEnvNames: readonly string[] = [
  // Finding programs and the user's folders
  'PATH',
  'PATHEXT',
  'HOME',
  'USER',
  'LOGNAME',
  'USERNAME',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'PROGRAMFILES(X86)',
  'COMMONPROGRAMFILES',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'NUMBER_OF_PROCESSORS',
  'PROCESSOR_ARCHITECTURE',
  // Temporary files
  'TEMP',
  'TMP',
  'TMPDIR',
  // Language, encoding and time zone, so dates and text in logs match the desktop
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'TZ',
  // A display, for headed browser automation
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XDG_RUNTIME_DIR',
  // Corporate TLS interception is common in clinics; bots need the same CA bundle as the app.
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  // The browser Playwright bots launch (bots/sdk/browser-choice.mjs); CHROMIUM_PATH is its older name.
  'RPA_BROWSER_PATH',
  // A clinic's forward proxy, for the bot's own calls to healthcare APIs (S50). The SDK never
  // sends its broker calls (127.0.0.1) through it. A proxy URL may carry the proxy's password;
  // the bot needs it as much as the app does.
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'CHROMIUM_PATH',
];

/** Names the supervisor sets itself; a manifest may not override them. */
export const reservedEnvNames: readonly string[] = [
  'RPA_BROKER_URL',
  'RPA_RUN_SECRET',
  'RPA_RUN_ID',
  'RPA_PROFILE_ID',
  'RPA_ACCESS_TOKEN',
  // The app's own playwright-core, for the SDK's Playwright helper (bots/sdk/playwright.mjs).
  'RPA_PLAYWRIGHT_CORE',
  // The app's own undici, for the SDK's proxy support (bots/sdk/proxy-fetch.mjs).
  'RPA_UNDICI',
  'ELECTRON_RUN_AS_NODE',
];

/**
 * Builds a run's environment, later layers winning: allow-listed parent variables, then
 * supervisor-wide `envVars` (e.g. RPA_SANDBOX_API_URL), then the manifest's own `env`, then the
 * reserved RPA_* variables, which nothing can override.
 */
export function buildChildEnv(layers: {
  parentEnv: NodeJS.ProcessEnv;
  envVars?: Record<string, string>;
  manifestEnv?: Record<string, string>;
  reserved: Record<string, string>;
}): Record<string, string> {
  const env: Record<string, string> = {};
  const allowed = new Set(inheritedEnvNames);
  for (const [name, value] of Object.entries(layers.parentEnv)) {
    // Windows variable names are case-insensitive (`Path`, `SystemRoot`), so compare upper-cased.
    if (value !== undefined && allowed.has(name.toUpperCase())) env[name] = value;
  }
  const reserved = new Set(reservedEnvNames);
  for (const layer of [layers.envVars, layers.manifestEnv]) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      if (!reserved.has(name.toUpperCase())) env[name] = value;
    }
  }
  return { ...env, ...layers.reserved };
}

const placeholderPattern = /\$\{([A-Za-z0-9_.-]+)\}/g;

/**
 * Replaces `${name}` in manifest env values with supervisor-provided values (for example
 * `${sandbox.apiBaseUrl}`), so a manifest can point at a sandbox whose port is only known at run
 * time. An unknown name is reported rather than left in place: a literal `${…}` URL would fail
 * later with a far less useful message.
 */
export function interpolateEnv(
  env: Record<string, string>,
  values: Record<string, string>,
): { ok: true; env: Record<string, string> } | { ok: false; placeholder: string } {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(env)) {
    let missing: string | undefined;
    result[name] = raw.replace(placeholderPattern, (whole, key: string) => {
      const value = Object.hasOwn(values, key) ? values[key] : undefined;
      if (value === undefined) {
        missing ??= key;
        return whole;
      }
      return value;
    });
    if (missing !== undefined) return { ok: false, placeholder: missing };
  }
  return { ok: true, env: result };
}
