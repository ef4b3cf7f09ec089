import { writeFile } from 'node:fs/promises';

export interface AutogroupDeps {
  write: (path: string, text: string) => Promise<void>;
  /** Waits before a retry; the kernel lets an unprivileged process change a group's nice ten times a second. */
  wait: (ms: number) => Promise<void>;
}

const retryAfterMs = 110;
/** A few seconds of retries: past that the machine is busy enough that the bot has run on regardless. */
const maxRetries = 40;

const systemDeps: AutogroupDeps = {
  write: (path, text) => writeFile(path, text),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

/**
 * Linux with autogroup scheduling (the default on desktop distributions) gives every session a
 * scheduling group of its own, and a group's CPU share does not depend on the nice values inside
 * it. Bots are spawned detached, so each is a session: without this, each bot's group weighs as
 * much as the supervisor's whole group or Chromium's, and two hundred bots leave the window and
 * the log capture a two-hundredth of the CPU whatever the bots' own priority. Giving the bot's
 * group the bot's nice value makes `cpuPriority` mean what it says; the bot's children share its
 * session, so its browser is covered too.
 *
 * Best effort and never in the way: elsewhere (other systems, sessions in a CPU cgroup, no
 * autogroup) the file is missing or the write changes nothing. Writes are queued one at a time,
 * because the kernel refuses (EAGAIN) an unprivileged change within 100 ms of the last one.
 */
export class AutogroupPriority {
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly deps: AutogroupDeps = systemDeps,
  ) {}

  /** Resolves once the group's nice value is set, or given up on. */
  lower(pid: number, nice: number): Promise<void> {
    if (this.platform !== 'linux' || nice <= 0) return Promise.resolve();
    this.#queue = this.#queue.then(() => this.#write(pid, nice));
    return this.#queue;
  }

  async #write(pid: number, nice: number): Promise<void> {
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      try {
        await this.deps.write(`/proc/${pid}/autogroup`, String(nice));
        return;
      } catch (error) {
        // Anything but the kernel's rate limit (no such process, no autogroup, not allowed) ends it.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
        await this.deps.wait(retryAfterMs);
      }
    }
  }
}

/** The one queue every bot of this process shares, as the kernel's rate limit is global. */
export const autogroupPriority = new AutogroupPriority();
