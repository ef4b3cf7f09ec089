import { appIdentity } from '../../app/config/app-identity.js';

export type HandOffCommand =
  | { kind: 'stdin' }
  | { kind: 'argument'; url: string }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string };

export const handOffUsage = [
  'Usage: node bin/hand-off.mjs',
  '',
  'Hands a sign-in link your browser could not open to the running RPA Supervisor browser host,',
  'then says who is signed in, or why the link was refused.',
  '',
  'Run it, paste the link when asked and press Enter. The link is not shown while you paste.',
  'Or pipe it in:  node bin/hand-off.mjs < link.txt',
  `Scripts may pass it as the only argument (or after ${appIdentity.deepLinkSentinel}), but other`,
  'programs on this computer can read a command line, so prefer the prompt or a pipe.',
  '',
  'Exit codes: 0 signed in (or link test passed), 1 refused, 2 wrong arguments, 3 RPA Supervisor not running or not answering.',
].join('\n');

/**
 * Sorts the hand-off launcher's arguments. With none, the link is read from stdin (never echoed);
 * one argument, or `--deep-link <url>`, is taken as the link, as an OS `Exec=app %u` entry passes
 * it. The launcher never judges the link: the running host parses it, once.
 */
export function parseHandOffArgs(args: readonly string[]): HandOffCommand {
  if (args.length === 0) return { kind: 'stdin' };
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) return { kind: 'help' };
  if (args.length === 1 && !args[0]!.startsWith('-')) return { kind: 'argument', url: args[0]! };
  if (args.length === 2 && args[0] === appIdentity.deepLinkSentinel) return { kind: 'argument', url: args[1]! };
  return { kind: 'invalid', message: 'Give the link on its own, or no argument at all and paste it when asked. Use --help for more.' };
}
