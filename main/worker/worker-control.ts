import type { ControlMessage, RemoteStatus } from '../../app/fleet/fleet-channels.js';
import type { RemoteBot } from './remote-bot.js';
import type { WorkerGate } from './worker-gate.js';

export interface ControlTarget {
  bot: Pick<RemoteBot, 'kill' | 'stop' | 'pause' | 'resume'>;
  gate: Pick<WorkerGate, 'set'>;
  runId: string;
  report: (status: RemoteStatus['status']) => Promise<void>;
}

/** What one signed control verb from the desktop does to one bot on this worker. */
export async function applyControl(message: ControlMessage, { bot, gate, runId, report }: ControlTarget): Promise<void> {
  switch (message.verb) {
    case 'kill':
      return bot.kill();
    case 'safeStop':
      return gate.set(runId, 'stop');
    case 'pause':
      gate.set(runId, 'hold');
      if (message.mode === 'signal') bot.pause();
      return report('paused');
    case 'resume':
      gate.set(runId, 'continue');
      if (message.mode === 'signal') bot.resume();
      return report('running');
    default:
      bot.stop();
      // A bot held by SIGSTOP handles the SIGTERM only once it runs again.
      bot.resume();
  }
}
