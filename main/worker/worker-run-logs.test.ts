import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../app/bots/redactor.js';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { redisServerMissing, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { until } from '../../app/fleet/testing/until.js';
import { systemClock } from '../../app/ports/clock.js';
import { RemoteBot } from './remote-bot.js';
import { remoteLogBacklogChars, WorkerRunLogs } from './worker-run-logs.js';

/** 16 MiB in numbered lines of 1 KiB, written as fast as the pipe takes them, then exit 0. */
const floodLines = 16_384;
const flood = `
const pad = 'x'.repeat(1000);
let i = 0;
function more() {
  while (i < ${floodLines}) {
    i += 1;
    if (!process.stdout.write('line ' + String(i).padStart(6, '0') + ' ' + pad + '\\n')) return process.stdout.once('drain', more);
  }
}
more();
`;

describe.skipIf(redisServerMissing())('a run\'s log lines on their way to Redis, on a real redis-server', () => {
  let server: TestRedis;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await startTestRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await server.stop();
  });
  const client = (): Redis => {
    const c = new Redis(server.url, { maxRetriesPerRequest: null });
    clients.push(c);
    return c;
  };

  it('S112 a bot flooding its output while Redis does not answer is held on its own writes: the lines waiting on the worker stay bounded, and every line arrives in order once Redis answers', async () => {
    const redis = client();
    // What the worker has handed to Redis and not yet had answered: its memory for this run's lines.
    let waiting = 0;
    let mostWaiting = 0;
    const counted = new Proxy(redis, {
      get: (target, property, receiver) => {
        if (property !== 'xadd') return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<Redis['xadd']>) => {
          waiting += 1;
          mostWaiting = Math.max(mostWaiting, waiting);
          return target.xadd(...args).finally(() => (waiting -= 1));
        };
      },
    });
    const logs = new WorkerRunLogs({ redis: counted, clock: systemClock, secrets: new Redactor() });
    logs.open('run-flood', undefined);
    // Redis stops answering writes for a while (a busy or failing-over server): the bot floods meanwhile.
    await client().call('CLIENT', 'PAUSE', '2000', 'WRITE');
    const bot = new RemoteBot({ command: process.execPath, args: ['-e', flood], cwd: process.cwd() }, { runId: 'run-flood', brokerUrl: 'http://127.0.0.1:9', runSecret: 's' }, logs.output('run-flood'));
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    await until(() => (waiting === 0 ? true : undefined));

    // Bounded by the backlog the logs allow, plus what one read from the pipe can hold: not the bot's 16 MiB.
    expect(mostWaiting).toBeLessThanOrEqual(Math.ceil((remoteLogBacklogChars + 65_536) / 1000) + 16);
    const entries = await redis.xrange(fleetKeys.log('run-flood'), '-', '+');
    const numbers = entries.map(([, fields]) => Number(/^line (\d+) /.exec(fields[fields.indexOf('line') + 1] ?? '')?.[1]));
    expect(numbers.at(-1)).toBe(floodLines);
    expect(numbers.every((n, i) => i === 0 || n === (numbers[i - 1] ?? 0) + 1)).toBe(true);
  }, 60_000);

  it('a bot stopped while its lines wait for Redis ends at once: its run does not wait for Redis to answer', async () => {
    const redis = client();
    let waiting = 0;
    const counted = new Proxy(redis, {
      get: (target, property, receiver) => {
        if (property !== 'xadd') return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<Redis['xadd']>) => {
          waiting += 1;
          return target.xadd(...args).finally(() => (waiting -= 1));
        };
      },
    });
    const logs = new WorkerRunLogs({ redis: counted, clock: systemClock, secrets: new Redactor() });
    logs.open('run-stopped', undefined);
    // Paused until this test says so, not for a time a busy machine could outlast.
    const admin = client();
    await admin.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    const bot = new RemoteBot({ command: process.execPath, args: ['-e', flood], cwd: process.cwd() }, { runId: 'run-stopped', brokerUrl: 'http://127.0.0.1:9', runSecret: 's' }, logs.output('run-stopped'));
    // Held on its writes: more waiting for Redis than the backlog lets through.
    // Exactly the worker's own measure: a flood line's characters (its number padded to six digits).
    const lineChars = `line 000001 ${'x'.repeat(1000)}`.length;
    await until(() => (waiting * lineChars > remoteLogBacklogChars ? true : undefined));
    bot.stop(1000);
    const exit = await bot.exited;
    expect(exit.signal).toBe('SIGTERM');
    // Redis has still not answered: the run ended without waiting for it.
    expect(waiting).toBeGreaterThan(0);
    await admin.call('CLIENT', 'UNPAUSE');
    await until(() => (waiting === 0 ? true : undefined));
  }, 60_000);
});
