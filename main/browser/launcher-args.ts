import { appIdentity } from '../../app/config/app-identity.js';

export type LauncherCommand =
  | { kind: 'start'; open: boolean; port: number | undefined }
  | { kind: 'handoff'; url: string }
  | { kind: 'invalid'; message: string };

/**
 * Reads the browser host launcher's argv (after the script path). Like `Exec=app %u` on Linux, a
 * lone URL, or `--deep-link <url>`, means "hand this to the running instance", which parses it
 * (once) and refuses anything but its own links. A URL with anything else beside it is refused
 * here, so glued-on arguments never travel (S8).
 */
export function parseLauncherArgs(args: readonly string[]): LauncherCommand {
  const urls = args.filter((a) => /^[a-z][a-z0-9+.-]*:/i.test(a) && !a.startsWith('--'));
  if (args.length === 1 && urls.length === 1) return { kind: 'handoff', url: urls[0]! };
  if (args.length === 2 && args[0] === appIdentity.deepLinkSentinel) return { kind: 'handoff', url: args[1]! };
  if (urls.length > 0 || args.includes(appIdentity.deepLinkSentinel)) {
    return { kind: 'invalid', message: 'A sign-in link must be the only argument, on its own.' };
  }
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
