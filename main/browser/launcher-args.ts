import { appIdentity } from '../../app/config/app-identity.js';

export type LauncherCommand = { kind: 'start'; open: boolean; port: number | undefined } | { kind: 'invalid'; message: string };

/** Where links go instead: `npm run` would rebuild the app and echo the link, code and all. */
export const handOffHint =
  'To hand a sign-in link to RPA Supervisor, paste it into the box on its sign-in card, or run `node bin/hand-off.mjs` and paste it when asked.';

/**
 * Reads the browser host launcher's argv (after the script path): `--port N` and `--no-open`.
 * A link is refused with the way to hand it over instead (hand-off.ts), so junk never reaches the
 * OAuth code (S8) and no link is echoed by npm.
 */
export function parseLauncherArgs(args: readonly string[]): LauncherCommand {
  const urls = args.filter((a) => /^[a-z][a-z0-9+.-]*:/i.test(a) && !a.startsWith('--'));
  if (urls.length > 0 || args.includes(appIdentity.deepLinkSentinel)) return { kind: 'invalid', message: handOffHint };
  let open = true;
  let port: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--no-open') open = false;
    else if (arg === '--port') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) return { kind: 'invalid', message: '--port needs a number from 0 to 65535.' };
      port = value;
    } else return { kind: 'invalid', message: `Unknown argument "${arg.slice(0, 40)}". Use --port N or --no-open.` };
  }
  return { kind: 'start', open, port };
}
