import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readDesktopPublicKey } from '../../app/fleet/desktop-key.js';
import { signArtifact } from '../../app/fleet/fleet-artifact.js';
import { fleetChannels, fleetKeys } from '../../app/fleet/fleet-channels.js';
import { sealTo } from '../../app/fleet/sealed-box.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import type { WorkerIdentity } from '../../app/fleet/worker-identity.js';
import type { Logger } from '../../app/ports/logger.js';
import { attachPng, attachText } from './testing/attach-files.mjs';
import { dumpRedis } from './testing/fleet-harness.js';
import { attachMarker, fleetRedisPassword, type FleetDesktop } from './testing/fleet-desktop.js';
import { desktopPerTest } from './testing/desktop-per-test.js';
import { until } from '../../app/fleet/testing/until.js';
import { warningRecorder } from './testing/warning-recorder.js';

const textOf = attachText;
const pngOf = attachPng;

/**
 * `attach()` from a bot on a worker (docs/fleet.md, "Artifacts"): a real supervisor in fleet mode,
 * a password-protected redis-server, a worker agent and a real bot using the unchanged SDK.
 */
describe.skipIf(redisServerMissing())('artifacts from bots on workers', () => {
  const newDesk = desktopPerTest();

  async function deskWithWorker(name: string, sections: Record<string, unknown> = {}, logger?: Logger): Promise<{ desk: FleetDesktop; identity: WorkerIdentity }> {
    const started = newDesk(logger);
    await started.start({}, sections);
    const { identity } = await started.startWorker(name);
    const enrolment = (await started.supervisor.api.invoke('listWorkers', {})).pending.find((e) => e.name === name);
    await started.supervisor.api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name, pools: ['ward'] });
    return { desk: started, identity };
  }

  it('S82 a bot on a worker attaches a text file and a PNG with the unchanged SDK: the run detail lists both with their bytes; neither file nor any token is in Redis or the pub/sub traffic', async () => {
    const traffic: string[] = [];
    const started = newDesk();
    await started.start({}, { patientData: { screenshots: 'always' } });
    const spy = started.client();
    spy.on('pmessage', (_pattern: string, channel: string, message: string) => traffic.push(`${channel} ${message}`));
    await spy.psubscribe('*');
    await started.startWorker('Ward PC A1');
    const enrolment = (await started.supervisor.api.invoke('listWorkers', {})).pending.find((e) => e.name === 'Ward PC A1');
    await started.supervisor.api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name: 'Ward PC A1', pools: ['ward'] });
    const { api } = started.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-attach' });
    expect(await started.runEnd(run.id)).toMatchObject({ status: 'succeeded', worker: { name: 'Ward PC A1' } });
    const log = await started.logText(run.id);
    expect(log).toContain(`stdout: attached report.txt ${Buffer.byteLength(textOf(attachMarker))}`);
    expect(log).toContain(`stdout: attached screen.png ${pngOf(attachMarker).length}`);
    const listed = (await api.invoke('listArtifacts', { runId: run.id })).files;
    expect(listed.map((a) => [a.name, a.kind, a.bytes]).sort()).toEqual([['report.txt', 'file', Buffer.byteLength(textOf(attachMarker))], ['screen.png', 'screenshot', pngOf(attachMarker).length]]);
    const content = async (name: string) => Buffer.from((await api.invoke('readArtifact', { runId: run.id, artifactId: listed.find((a) => a.name === name)!.id })).base64, 'base64');
    expect((await content('report.txt')).toString('utf8')).toBe(textOf(attachMarker));
    expect((await content('screen.png')).equals(pngOf(attachMarker))).toBe(true);

    // The scan saw both files go by, sealed; nothing waits in Redis once the desktop took them.
    expect(traffic.filter((line) => line.startsWith(`${fleetChannels.artifacts} `))).toHaveLength(2);
    expect((await started.client().keys('rpa:fleet:artifact:*'))).toEqual([]);
    const everything = `${await dumpRedis(started.client())}\n${traffic.join('\n')}`;
    expect(everything).not.toContain(attachMarker);
    expect(started.issued.length).toBeGreaterThan(0);
    for (const tokens of started.issued) {
      expect(everything).not.toContain(tokens.accessToken);
      for (const part of tokens.accessToken.split('.')) if (part.length > 8) expect(everything).not.toContain(part);
    }
    expect(everything).not.toContain(fleetRedisPassword);
  });

  it('the desktop enforces its screenshot policy (off by default) whatever the worker does: the PNG is refused with screenshots_not_allowed and not kept; the text file is', async () => {
    const { desk } = await deskWithWorker('Ward PC A2');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-attach' });
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'succeeded' });
    const log = await desk.logText(run.id);
    expect(log).toContain('stdout: attach screen.png refused screenshots_not_allowed');
    expect(log).toContain('stdout: attached report.txt');
    // The person reading the run afterwards sees it too: in the run's log, and with its files.
    expect(log).toContain('system: The bot attached "screen.png", which was not kept: Screenshots are turned off for this bot\'s provider profile');
    const listed = await api.invoke('listArtifacts', { runId: run.id });
    expect(listed.files.map((a) => a.name)).toEqual(['report.txt']);
    expect(listed.refused).toMatchObject([{ code: 'screenshots_not_allowed', count: 1, names: ['screen.png'] }]);
  });

  it('a file the worker refused itself (past its cap) is said in the run\'s log and listed as not kept on the desktop, from the signed facts of its refusal alone', async () => {
    const { desk, identity } = await deskWithWorker('Ward PC A5');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the run running');
    const publisher = desk.client();
    const artifactId = randomBytes(18).toString('base64url');
    // As WorkerArtifacts sends a refusal: signed by the run's worker, nothing sealed.
    const signed = await signArtifact({ runId: run.id, artifactId, name: 'scan 943 476 5919.pdf', kind: 'file', bytes: 2_000_001, refusedRoom: 2_000_000 }, '', { workerId: identity.fingerprint, privateKey: identity.privateKey }, Date.now());
    await publisher.set(fleetKeys.artifact(run.id, artifactId), JSON.stringify({ signed, sealed: '' }), 'PX', 60_000);
    await publisher.publish(fleetChannels.artifacts, JSON.stringify({ runId: run.id, artifactId }));
    const line = 'system: The bot attached "scan _NHS number_.pdf", which was not kept: The file is larger than the 1.9 MB left for this run\'s files, so it was not kept. Attach smaller files, or fewer.';
    await until(async () => ((await desk.logText(run.id)).includes(line) ? true : undefined));
    const listed = await api.invoke('listArtifacts', { runId: run.id });
    expect(listed.files).toEqual([]);
    expect(listed.refused).toMatchObject([{ code: 'artifact_too_large', count: 1, names: ['scan _NHS number_.pdf'] }]);
    expect(await publisher.keys('rpa:fleet:artifact:*')).toEqual([]);
    await api.invoke('stopRun', { runId: run.id });
    await desk.runEnd(run.id);
  });

  it('S82 an artifact sent by anyone but the run\'s worker is not stored: another key under its name, another approved worker, a replay', async () => {
    const { logger, seen: dropped } = warningRecorder('An artifact from a worker was dropped');
    const { desk, identity } = await deskWithWorker('Ward PC A3', {}, logger);
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-loop' });
    await desk.waitFor((s) => desk.run(s, run.id)?.status === 'running', 'the run running');
    const second = await desk.startWorker('Ward PC A4');
    const enrolment = (await api.invoke('listWorkers', {})).pending.find((e) => e.name === 'Ward PC A4');
    await api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name: 'Ward PC A4', pools: ['ward'] });
    const intruder = makeTestWorker('Intruder');
    const publisher = desk.client();
    const desktop = readDesktopPublicKey(await publisher.get(fleetKeys.desktopKey))!;
    const send = async (by: WorkerIdentity, workerId: string, name: string) => {
      const artifactId = randomBytes(18).toString('base64url');
      const bytes = Buffer.from(`forged ${name}`);
      const sealed = await sealTo(bytes, desktop.sealingPublicKey, desktop.fingerprint);
      const signed = await signArtifact({ runId: run.id, artifactId, name, kind: 'file', bytes: bytes.length }, sealed, { workerId, privateKey: by.privateKey }, Date.now());
      await publisher.set(fleetKeys.artifact(run.id, artifactId), JSON.stringify({ signed, sealed }), 'PX', 60_000);
      const announcement = JSON.stringify({ runId: run.id, artifactId });
      await publisher.publish(fleetChannels.artifacts, announcement);
      return announcement;
    };
    try {
      await send(intruder.identity, identity.fingerprint, 'under-its-name.txt');
      await send(second.identity, second.identity.fingerprint, 'other-worker.txt');
      await until(() => (dropped.length >= 2 ? true : undefined));
      // The run's own worker's key, sent twice: kept once.
      const genuine = await send(identity, identity.fingerprint, 'genuine.txt');
      await until(async () => ((await api.invoke('listArtifacts', { runId: run.id })).files.length === 1 ? true : undefined));
      await publisher.publish(fleetChannels.artifacts, genuine);
      await until(() => (dropped.length >= 3 ? true : undefined));
    } finally {
      intruder.dispose();
    }
    expect(dropped.every((fields) => fields.code === 'fleet_artifact_refused')).toBe(true);
    expect(dropped.map((fields) => String(fields.detail))).toEqual([
      expect.stringMatching(/^the artifact is not signed by Ward PC A3's key/),
      expect.stringMatching(/^the artifact is signed by .*, not by Ward PC A3, which holds the run$/),
      'the artifact was taken before (a replay)',
    ]);
    expect((await api.invoke('listArtifacts', { runId: run.id })).files.map((a) => a.name)).toEqual(['genuine.txt']);
    await api.invoke('stopRun', { runId: run.id });
    await desk.runEnd(run.id);
  });
});
