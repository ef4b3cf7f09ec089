import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { visitPids } from './proc-file-reader.js';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
}

/**
 * A snapshot of the processes on this machine with their parent and group, read from /proc on
 * Linux and from `ps` on macOS and other Unixes. Used to find a bot's whole tree before killing
 * it, including children that moved into their own process group.
 */
export async function readProcessTable(): Promise<ProcessEntry[]> {
  return process.platform === 'linux' ? readProcTable() : readPsTable();
}

/**
 * Linux only: pids whose environment carries `RPA_RUN_ID=<runId>`. Every descendant inherits that
 * variable unless it scrubs its environment, so this finds a daemonised grandchild that has been
 * re-parented to init and left the bot's process group — the case ppid and pgid cannot see.
 * /proc/<pid>/environ is readable only for our own user's processes, which is exactly the set we
 * may signal anyway.
 */
export async function findProcessesByRunId(runId: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const marker = Buffer.from(`RPA_RUN_ID=${runId}\0`);
  const pids = await listProcPids();
  return visitPids(pids, async (pid, reader) => {
    try {
      const environ = await reader.read(`/proc/${pid}/environ`);
      const at = environ.indexOf(marker);
      return at === 0 || (at > 0 && environ[at - 1] === 0) ? pid : undefined;
    } catch {
      return undefined;
    }
  });
}

/** The process table, plus (Linux) which pids carry which RPA_RUN_ID marker. */
export interface ProcessSnapshot {
  table: ProcessEntry[];
  pidsByRunId: Map<string, number[]>;
}

const runIdMarker = Buffer.from('RPA_RUN_ID=');

/**
 * One pass over /proc for both questions a tree kill asks (parents and groups; run markers), so
 * killing fifty runs at once does not read every process's environment fifty times.
 */
export async function readProcessSnapshot(): Promise<ProcessSnapshot> {
  if (process.platform !== 'linux') return { table: await readPsTable(), pidsByRunId: new Map() };
  const pidsByRunId = new Map<string, number[]>();
  const table = await visitPids(await listProcPids(), async (pid, reader) => {
    try {
      const entry = statEntry(pid, (await reader.read(`/proc/${pid}/stat`)).toString('latin1'));
      // Another user's process: its environment is unreadable, and not ours to signal anyway.
      const environ = await reader.read(`/proc/${pid}/environ`).catch(() => undefined);
      const runId = environ ? runIdOf(environ) : undefined;
      if (runId !== undefined) pidsByRunId.set(runId, [...(pidsByRunId.get(runId) ?? []), pid]);
      return entry;
    } catch {
      return undefined;
    }
  });
  return { table, pidsByRunId };
}

/** The command name may contain spaces and parentheses; fields resume after the last ')'. */
function statEntry(pid: number, stat: string): ProcessEntry {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]) };
}

function runIdOf(environ: Buffer): string | undefined {
  let at = environ.indexOf(runIdMarker);
  while (at > 0 && environ[at - 1] !== 0) at = environ.indexOf(runIdMarker, at + 1);
  if (at === -1) return undefined;
  const start = at + runIdMarker.length;
  const end = environ.indexOf(0, start);
  return environ.toString('utf8', start, end === -1 ? environ.length : end);
}

async function listProcPids(): Promise<number[]> {
  try {
    return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

async function readProcTable(): Promise<ProcessEntry[]> {
  return visitPids(await listProcPids(), async (pid, reader) => {
    try {
      return statEntry(pid, (await reader.read(`/proc/${pid}/stat`)).toString('latin1'));
    } catch {
      return undefined;
    }
  });
}

function readPsTable(): Promise<ProcessEntry[]> {
  return new Promise((resolvePromise) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
      if (error) {
        resolvePromise([]);
        return;
      }
      const entries: ProcessEntry[] = [];
      for (const line of stdout.split('\n')) {
        const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
        if (pid && ppid !== undefined && pgid !== undefined && !Number.isNaN(ppid)) entries.push({ pid, ppid, pgid });
      }
      resolvePromise(entries);
    });
  });
}

/**
 * The pids belonging to the tree rooted at `rootPid`: its process group, its descendants by
 * parent link, and the groups any of them lead (a child that called setsid or was spawned
 * detached). Repeats until nothing new is found.
 */
export function collectProcessTree(table: ProcessEntry[], rootPid: number, extraRoots: number[] = []): Set<number> {
  const tree = new Set<number>([rootPid, ...extraRoots]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of table) {
      if (tree.has(entry.pid)) continue;
      const inTree = tree.has(entry.ppid) || entry.pgid === rootPid || (tree.has(entry.pgid) && isGroupLeader(table, entry.pgid));
      if (inTree) {
        tree.add(entry.pid);
        grew = true;
      }
    }
  }
  return tree;
}

function isGroupLeader(table: ProcessEntry[], pid: number): boolean {
  return table.some((entry) => entry.pid === pid && entry.pgid === pid);
}
