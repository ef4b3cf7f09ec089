import { dataFolderProblem } from './data-folder-check.js';
import { defaultDataDir } from './default-paths.js';
import { handOffDeepLink, handOffReport } from './hand-off-deep-link.js';
import { handOffUsage, parseHandOffArgs } from './hand-off-args.js';
import { readLinkFromStdin } from './read-link-from-stdin.js';

/**
 * The browser host's hand-off launcher (`node bin/hand-off.mjs`): gives the running instance a
 * link the browser could not open, as the OS gives a second Electron instance its argv. It never
 * builds anything and never prints the link; it prints who is signed in, or why the link was
 * refused, and exits non-zero when it was.
 */
async function main(): Promise<number> {
  const command = parseHandOffArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(handOffUsage);
    return 0;
  }
  if (command.kind === 'invalid') {
    console.error(command.message);
    return 2;
  }
  let url: string;
  if (command.kind === 'argument') url = command.url;
  else {
    const read = await readLinkFromStdin(process.stdin, (text) => process.stderr.write(text));
    if (read.kind === 'cancelled') return 130;
    if (read.kind !== 'link') {
      console.error(read.kind === 'empty' ? 'No link was given. Copy the link from your browser, run this again and paste it.' : 'That is far longer than a sign-in link; nothing was sent.');
      return 2;
    }
    url = read.url;
  }
  const dataDir = defaultDataDir();
  // A lock in a folder other users can write may be theirs: the link would go to them (S119).
  const folderProblem = await dataFolderProblem(dataDir, { create: false, fromVariable: Boolean(process.env.RPA_SUPERVISOR_DATA_DIR) });
  if (folderProblem) {
    console.error(`${folderProblem} Nothing was sent.`);
    return 2;
  }
  const report = handOffReport(await handOffDeepLink(dataDir, url));
  if (report.exitCode === 0) console.log(report.line);
  else console.error(report.line);
  return report.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The hand-off failed: ${error instanceof Error ? error.name : typeof error}.`);
    process.exit(1);
  },
);
