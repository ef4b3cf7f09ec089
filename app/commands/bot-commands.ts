import { personName } from '../audit/current-person.js';
import { actedByWords } from '../bots/acted-by-words.js';
import type { UserView } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import { cronProblem } from '../schedules/cron-schedule.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

export function botCommands(
  services: Pick<SupervisorServices, 'runs' | 'schedules' | 'audit'> & {
    /** Who is at the app, the human signed in to `profileId` first (app/audit/current-person.ts). */
    person: (profileId?: string) => UserView;
  },
): SomeHandlers<'startRun' | 'stopRun' | 'listRuns' | 'readLog' | 'exportRunLog' | 'moveQueuedRun' | 'cancelQueuedRun' | 'setBotSchedule'> {
  const { runs, schedules, audit, person } = services;
  // A stop reason names who pressed Stop or Cancel: the run record keeps it, and the audit
  // trail's "ended" record quotes it.
  const actorOf = (runId: string) => personName(person(runs.getRun(runId)?.profileId));
  return {
    startRun: async ({ botId, priority }) => runs.start(botId, priority === undefined ? {} : { priority }),
    stopRun: async ({ runId }) => runs.stop(runId, actedByWords.stopped(actorOf(runId))),
    listRuns: async (input) => runs.pageRuns(input),
    readLog: async ({ runId, fromSeq, limit }) => {
      // A run from an older page of history is looked up in the archive first (docs/bots.md, "History").
      await runs.findRun(runId);
      return runs.readLog(runId, fromSeq, limit);
    },
    exportRunLog: async ({ runId }) => runs.exportLog(runId),
    moveQueuedRun: async ({ runId, index }) => {
      const queued = runs.queued().find((run) => run.runId === runId);
      runs.moveQueued(runId, index);
      audit.record({ type: 'queuedRunMoved', ...(queued ? { profileId: queued.profileId, botId: queued.botId } : {}), runId, detail: `${queued?.botName ?? 'A run'} moved to place ${index + 1} in the queue.` });
    },
    // The run ends `cancelled` with its reason, which the activity recorder writes as `runEnded`.
    cancelQueuedRun: async ({ runId }) => runs.cancelQueued(runId, actedByWords.cancelledWhileQueued(actorOf(runId))),
    setBotSchedule: async ({ botId, schedule }) => {
      const bot = runs.bot(botId);
      if (!bot) throw supervisorError('unknown_bot', botId);
      const problem = schedule?.cron === undefined ? undefined : cronProblem(schedule.cron);
      if (problem !== undefined) throw supervisorError('schedule_invalid', problem);
      schedules.setSchedule(bot, schedule === null ? undefined : { ...(schedule.cron === undefined ? {} : { cron: schedule.cron }), enabled: schedule.enabled });
    },
  };
}
