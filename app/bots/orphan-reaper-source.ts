/**
 * The orphan reaper's program, run as `node -e <source>` (see orphan-reaper.ts). It is a string
 * rather than a file so that it runs the same under vitest, tsx and the Electron bundle, with
 * nothing extra to package or locate on disk.
 *
 * Plain CommonJS with no template literals and no double quotes, so it survives being one
 * command-line argument on every platform. Protocol on stdin, one message per line:
 *   track <runId> <pid>     a run's bot process exists
 *   untrack <runId>         that run's process tree has been dealt with
 * Anything else is ignored. When stdin ends (the supervisor died, or closed it on shutdown), every
 * still-tracked run's tree is killed and the reaper exits 0.
 */
export const orphanReaperSource = String.raw`'use strict';
const fs = require('node:fs');
const childProcess = require('node:child_process');

const runIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const pidPattern = /^[1-9][0-9]{0,9}$/;
const maxLineLength = 512;
const maxTracked = 10000;
const tracked = new Map();
let pending = '';
let discarding = false;
let reaped = false;

function handle(line) {
  const parts = line.trim().split(' ');
  if (parts[0] === 'track' && parts.length === 3 && runIdPattern.test(parts[1]) && pidPattern.test(parts[2])) {
    const pid = Number(parts[2]);
    if (pid > 1 && pid !== process.pid && (tracked.has(parts[1]) || tracked.size < maxTracked)) tracked.set(parts[1], pid);
  } else if (parts[0] === 'untrack' && parts.length === 2 && runIdPattern.test(parts[1])) {
    tracked.delete(parts[1]);
  }
}

function onData(chunk) {
  pending += chunk;
  for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n')) {
    if (!discarding && newline <= maxLineLength) handle(pending.slice(0, newline));
    discarding = false;
    pending = pending.slice(newline + 1);
  }
  // A line this long is not ours: drop the rest of it up to its newline rather than buffer it.
  if (pending.length > maxLineLength) {
    pending = '';
    discarding = true;
  }
}

function signal(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    // ESRCH (already gone) or EPERM (not ours): nothing to do.
  }
}

function killTree(pid) {
  if (process.platform === 'win32') {
    childProcess.spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
  } else {
    // Bots are spawned detached, so each leads its own group: this reaches the bot and its children.
    signal(-pid);
  }
}

function markedPids(runIds) {
  const found = [];
  let names = [];
  try {
    names = fs.readdirSync('/proc');
  } catch (error) {
    return found;
  }
  for (const name of names) {
    if (!/^[0-9]+$/.test(name)) continue;
    const pid = Number(name);
    if (pid <= 1 || pid === process.pid) continue;
    let environ;
    try {
      environ = fs.readFileSync('/proc/' + name + '/environ', 'latin1');
    } catch (error) {
      continue;
    }
    for (const entry of environ.split('\0')) {
      if (entry.startsWith('RPA_RUN_ID=') && runIds.has(entry.slice(11))) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

function reap() {
  if (reaped) return;
  reaped = true;
  const runIds = new Set(tracked.keys());
  for (const pid of tracked.values()) killTree(pid);
  // Linux: detached grandchildren in their own sessions still carry the run's marker. Repeat while
  // the sweep finds something, in case one forked between the group kill and the scan.
  if (process.platform === 'linux' && runIds.size > 0) {
    for (let pass = 0; pass < 5; pass += 1) {
      const pids = markedPids(runIds);
      if (pids.length === 0) break;
      for (const pid of pids) signal(pid);
    }
  }
  process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', onData);
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);
`;
