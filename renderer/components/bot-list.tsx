import { useId, useMemo } from 'react';
import type { BotView, ProfileView, RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { groupBlockedReasons } from '../format/group-blocked-reasons.js';
import { BotItem, type BotStartNote } from './bot-item.js';
import { SharedBlockedReasonNote } from './shared-blocked-reason.js';
import { StopAllButton } from './stop-all-button.js';

export interface BotListProps {
  bots: readonly BotView[];
  profiles: readonly ProfileView[];
  /** Runs in the snapshot, to count what "Stop all" would stop. */
  runs: readonly RunView[];
  selectedRunId: string | null;
  onSelectRun(run: RunView): void;
  /** "View log": shows the run and moves focus to its detail. */
  onOpenLog(run: RunView): void;
}

export function BotList({ bots, profiles, runs, selectedRunId, onSelectRun, onOpenLog }: BotListProps) {
  const headingId = useId();
  const sharedIdPrefix = useId();
  const profileName = (id: string) => profiles.find((profile) => profile.id === id)?.name ?? id;
  const liveRuns = runs.filter((run) => isLiveRunStatus(run.status)).length;
  const blocked = useMemo(() => groupBlockedReasons(bots), [bots]);
  // Each bot's Start is described by its own note, the shared note that holds it back, or (for a
  // healthy running bot) a reason only screen readers hear.
  const noteOf = (bot: BotView): BotStartNote | undefined => {
    const own = blocked.own.get(bot.id);
    if (own) return { kind: 'own', reason: own };
    const quiet = blocked.quiet.get(bot.id);
    if (quiet) return { kind: 'quiet', reason: quiet };
    const index = blocked.shared.findIndex((shared) => shared.botIds.includes(bot.id));
    const shared = blocked.shared[index];
    return shared ? { kind: 'shared', reason: shared.reason, describedById: `${sharedIdPrefix}-${index}` } : undefined;
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId} className="panel__title">
          {copy.bots.heading}
        </h2>
        <StopAllButton liveRuns={liveRuns} />
      </div>
      {blocked.shared.map((shared, index) => (
        <SharedBlockedReasonNote
          key={`${shared.reason.code}:${shared.reason.message}`}
          id={`${sharedIdPrefix}-${index}`}
          shared={shared}
          totalBots={bots.length}
          profileName={shared.profileId === undefined ? undefined : profileName(shared.profileId)}
        />
      ))}
      {bots.length === 0 ? (
        <p className="card__hint empty-state" data-testid="bots-empty">
          {copy.bots.none}
        </p>
      ) : (
        <ul className="bot-list" data-testid="bot-list">
          {bots.map((bot) => (
            <BotItem
              key={bot.id}
              bot={bot}
              profileName={profileName(bot.profileId)}
              note={noteOf(bot)}
              selected={bot.lastRun !== undefined && bot.lastRun.id === selectedRunId}
              onSelectRun={onSelectRun}
              onOpenLog={onOpenLog}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
