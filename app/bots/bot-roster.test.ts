import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSupervisorError } from '../errors.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { BotCatalogue } from './bot-catalogue.js';
import type { RunManager } from './run-manager.js';
import { misbehavingScript, runToEnd, useRunFixture } from './testing/run-fixture.js';

/**
 * A bot whose manifest leaves the bots folder while it runs: the real catalogue scans a real
 * folder into a RunManager, and the run is a real child process that waits until it is stopped.
 * Re-scans are asked for by the test (the fake clock never fires the watch's debounce).
 */
const fixture = useRunFixture();
let dir: string;
let catalogue: BotCatalogue | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-roster-'));
});
afterEach(async () => {
  catalogue?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const manifest = (id: string) => JSON.stringify({ id, name: `Bot ${id}`, command: 'node', args: [misbehavingScript], env: { MISBEHAVE_MODE: 'hang' }, profileId: 'sandbox' });

async function managerOnFolder(ids: string[]): Promise<RunManager> {
  for (const id of ids) await writeFile(join(dir, `${id}.bot.json`), manifest(id));
  const manager = fixture.newManager();
  catalogue = new BotCatalogue({ dir, clock: new FakeClock(), logger: nullLogger, onScan: (scan) => manager.setBots(scan.manifests) });
  await catalogue.start();
  return manager;
}

async function startCode(manager: RunManager, botId: string): Promise<string> {
  try {
    await manager.start(botId);
    return 'started';
  } catch (error) {
    return isSupervisorError(error) ? error.code : String(error);
  }
}

describe('a bot removed from the bots folder', () => {
  it('keeps its card in place while its run is live, marked, unable to start, its run stoppable; then goes', async () => {
    const manager = await managerOnFolder(['a-first', 'b-waits', 'c-last']);
    const run = await manager.start('b-waits');
    expect(run.status).toBe('running');

    await rm(join(dir, 'b-waits.bot.json'));
    await catalogue?.rescan();
    expect(manager.listBots().map((bot) => bot.id)).toEqual(['a-first', 'b-waits', 'c-last']);
    const card = manager.listBots().find((bot) => bot.id === 'b-waits');
    expect(card).toMatchObject({ removedFromFolder: true, startBlockedReason: { code: 'bot_removed_from_folder' }, lastRun: { id: run.id, status: 'running' } });
    expect(card?.startBlockedReason?.message).toContain("Bot b-waits's manifest is no longer in the bots folder");
    expect(manager.listBots().find((bot) => bot.id === 'a-first')?.removedFromFolder).toBeUndefined();
    expect(await startCode(manager, 'b-waits')).toBe('bot_removed_from_folder');
    // The scheduler and the settings see only the folder's bots.
    expect(manager.bots().map((bot) => bot.id)).toEqual(['a-first', 'c-last']);
    expect(manager.bot('b-waits')).toBeUndefined();

    await manager.stop(run.id);
    expect(manager.getRun(run.id)?.status).toBe('cancelled');
    expect(manager.listBots().map((bot) => bot.id)).toEqual(['a-first', 'c-last']);
    expect(await startCode(manager, 'b-waits')).toBe('unknown_bot');
  });

  it('goes at once when it has no live run, and is a bot like any other again when its file comes back', async () => {
    const manager = await managerOnFolder(['idle', 'waits']);
    const run = await manager.start('waits');
    await rm(join(dir, 'idle.bot.json'));
    await rm(join(dir, 'waits.bot.json'));
    await catalogue?.rescan();
    expect(manager.listBots().map((bot) => [bot.id, bot.removedFromFolder])).toEqual([['waits', true]]);

    await writeFile(join(dir, 'waits.bot.json'), manifest('waits'));
    await catalogue?.rescan();
    const back = manager.listBots().find((bot) => bot.id === 'waits');
    expect(back?.removedFromFolder).toBeUndefined();
    // Running once, its limit: the ordinary reason again, not the removal.
    expect(back?.startBlockedReason?.code).toBe('bot_already_running');
    await manager.stop(run.id);
    expect(manager.listBots().map((bot) => bot.id)).toEqual(['waits']);
  });

  it('goes when its run ends by itself, too', async () => {
    await writeFile(join(dir, 'quick.bot.json'), JSON.stringify({ id: 'quick', name: 'Quick', command: 'node', args: ['-e', 'setTimeout(() => {}, 300)'], profileId: 'sandbox' }));
    const manager = await managerOnFolder([]);
    const run = await manager.start('quick');
    await rm(join(dir, 'quick.bot.json'));
    await catalogue?.rescan();
    expect(manager.listBots().map((bot) => bot.id)).toEqual(['quick']);
    expect((await runToEnd(manager, run)).status).toBe('succeeded');
    expect(manager.listBots()).toEqual([]);
  });
});
