import { appIdentity } from '../../app/config/app-identity.js';

export type LauncherCommand =
  | { kind: 'start'; open: boolean; port: number | undefined }
  | { kind: 'handoff'; url: string }
  | { kind: 'invalid'; message: string };

/**
 * Reads the browser host launcher's argv (after the script path). Like `Exec=app %u` on Linux, a
 * lone custom-scheme URL, or `--deep-link <url>`, means "hand this to the running instance".
 * Anything else that looks like a URL is refused, so junk never reaches the OAuth code (S8).
 * This only sorts arguments; the link itself is parsed once, by the running host that receives it.
 */
export function parseLauncherArgs(args: readonly string[], scheme: string): LauncherCommand {
  const urls = args.filter((a) => /^[a-z][a-z0-9+.-]*:/i.test(a) && !a.startsWith('--'));
  if (args.length === 1 && urls.length === 1) return handoff(urls[0]!, scheme);
  if (args.length === 2 && args[0] === appIdentity.deepLinkSentinel) return handoff(args[1]!, scheme);
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

function handoff(url: string, scheme: string): LauncherCommand {
  if (!url.startsWith(`${scheme}:`)) return { kind: 'invalid', message: `Only ${scheme}: links can be handed to RPA Supervisor.` };
  return { kind: 'handoff', url };
}
