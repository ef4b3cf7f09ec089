// @ts-check
/**
 * A deliberately badly behaved bot for the supervisor's tests (S38–S44). MISBEHAVE_MODE picks:
 *   hang        print a little, then never exit (MISBEHAVE_IGNORE_SIGTERM=1 also ignores SIGTERM)
 *   flood       megabytes of binary, invalid UTF-8, huge lines and ANSI codes, then exit 0
 *   crash       print to stderr, exit with MISBEHAVE_EXIT_CODE (default 3)
 *   throw       throw an uncaught Error (MISBEHAVE_MESSAGE): Node prints its stack and version
 *   spawn-tree  start a child, which starts a detached grandchild; all hang (pids printed)
 *   print-token print the token (from the broker, and from env if present) and the run secret
 *   watch       use the SDK's watchSupervisor() and hang, to show the supervisor-died rule
 * Not a sample to copy: real bots should use the SDK and never print a token.
 */
import { spawn } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { getAccessToken, watchSupervisor } from '../sdk/index.mjs';

const self = fileURLToPath(import.meta.url);
const mode = process.env.MISBEHAVE_MODE ?? 'hang';

const hangForever = () => setInterval(() => undefined, 60_000);

switch (mode) {
  case 'hang': {
    if (process.env.MISBEHAVE_IGNORE_SIGTERM === '1') process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
    for (let i = 1; i <= 3; i += 1) console.log(`working on item ${i}`);
    console.log('now hanging');
    hangForever();
    break;
  }
  case 'flood': {
    const totalBytes = Number(process.env.MISBEHAVE_FLOOD_BYTES ?? 8 * 1024 * 1024);
    const chunks = [
      Buffer.from('\u001b[31mred text\u001b[0m and \u001b]0;title\u0007plain\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28, 0x0a]),
      Buffer.from(`${'x'.repeat(200_000)}\n`),
      Buffer.from(`${'y'.repeat(64)}\r\n`),
    ];
    let written = 0;
    for (let i = 0; written < totalBytes; i += 1) {
      const chunk = chunks[i % chunks.length] ?? Buffer.alloc(0);
      if (!process.stdout.write(chunk)) await new Promise((resolveDrain) => process.stdout.once('drain', resolveDrain));
      written += chunk.length;
    }
    // A final line with no newline, which must still be captured.
    process.stdout.write('flood done');
    break;
  }
  case 'crash': {
    console.error('about to crash');
    process.exit(Number(process.env.MISBEHAVE_EXIT_CODE ?? 3));
    break;
  }
  case 'throw': {
    console.log('checking the batch');
    throw new Error(process.env.MISBEHAVE_MESSAGE ?? 'the portal refused the batch');
  }
  case 'spawn-tree': {
    const child = spawn(process.execPath, [self], { env: { ...process.env, MISBEHAVE_MODE: 'tree-child' }, stdio: ['ignore', 'inherit', 'inherit'] });
    console.log(`bot pid ${process.pid}; child pid ${child.pid}`);
    hangForever();
    break;
  }
  case 'tree-child': {
    const grandchild = spawn(process.execPath, [self], { env: { ...process.env, MISBEHAVE_MODE: 'tree-grandchild' }, detached: true, stdio: 'ignore' });
    grandchild.unref();
    console.log(`detached grandchild pid ${grandchild.pid}`);
    hangForever();
    break;
  }
  case 'tree-grandchild': {
    hangForever();
    break;
  }
  case 'print-token': {
    const token = await getAccessToken();
    console.log(`broker token: ${token.accessToken}`);
    if (process.env.RPA_ACCESS_TOKEN) console.log(`env token: ${process.env.RPA_ACCESS_TOKEN}`);
    console.error(`secret on stderr: ${process.env.RPA_RUN_SECRET}`);
    console.log(`split by colour: ${token.accessToken.slice(0, 10)}\u001b[1m${token.accessToken.slice(10)}`);
    break;
  }
  case 'watch': {
    watchSupervisor();
    console.log('watching the supervisor');
    hangForever();
    break;
  }
  default:
    console.error(`unknown MISBEHAVE_MODE ${mode}`);
    process.exitCode = 2;
}
