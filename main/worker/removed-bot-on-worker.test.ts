import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import type { FleetDesktop } from './testing/fleet-desktop.js';
import { desktopPerTest } from './testing/desktop-per-test.js';

/**
 * A bot whose manifest leaves the bots folder while its run is on a worker keeps its card, as a
 * bot running on this computer does (app/bots/bot-roster.test.ts): a running run never loses its
 * card. The whole desktop with its real bots-folder watch, a real redis-server and worker agent.
 */
describe.skipIf(redisServerMissing())('a bot removed from the bots folder while its run is on a worker', () => {
  const newDesk = desktopPerTest();
  let desk: FleetDesktop;

  it('keeps its card in place, marked removed and unable to start, its run stoppable; the card goes when the run ends', async () => {
    desk = newDesk();
    await desk.start();
    await desk.startWorker('Ward PC R');
    const { api } = desk.supervisor;
    const enrolment = (await api.invoke('listWorkers', {})).pending.find((e) => e.name === 'Ward PC R');
    await api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name: 'Ward PC R (approved)', pools: ['ward'] });
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    const running = await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the run on the worker');
    const order = running.bots.map((bot) => bot.id);

    // An idle bot removed with it shows when the folder has been read again.
    const botsDir = join(desk.dataDir, 'bots');
    await rm(join(botsDir, 'remote-loop.bot.json'));
    await rm(join(botsDir, 'remote-once.bot.json'));
    const after = await desk.waitFor((s) => !s.bots.some((bot) => bot.id === 'remote-once'), 'the bots folder read again');
    expect(after.bots.map((bot) => bot.id)).toEqual(order.filter((id) => id !== 'remote-once'));
    expect(after.bots.find((bot) => bot.id === 'remote-loop')).toMatchObject({
      removedFromFolder: true,
      startBlockedReason: { code: 'bot_removed_from_folder' },
      lastRun: { id: run.id, status: 'running' },
    });
    await expect(api.invoke('startRun', { botId: 'remote-loop' })).rejects.toMatchObject({ code: 'bot_removed_from_folder' });

    await api.invoke('stopRun', { runId: run.id });
    expect((await desk.runEnd(run.id)).status).toBe('cancelled');
    await desk.waitFor((s) => !s.bots.some((bot) => bot.id === 'remote-loop'), 'the card to go once its run ended');
    await expect(api.invoke('startRun', { botId: 'remote-loop' })).rejects.toMatchObject({ code: 'unknown_bot' });
  });
});
