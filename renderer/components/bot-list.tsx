import { useId } from 'react';
import type { BotView, ProfileView, RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { BotItem } from './bot-item.js';
import { StopAllButton } from './stop-all-button.js';

export interface BotListProps {
  bots: readonly BotView[];
  profiles: readonly ProfileView[];
  /** Runs in the snapshot, to count what "Stop all" would stop. */
  runs: readonly RunView[];
  selectedRunId: string | null;
  onSelectRun(run: RunView): void;
}

export function BotList({ bots, profiles, runs, selectedRunId, onSelectRun }: BotListProps) {
  const headingId = useId();
  const profileName = (id: string) => profiles.find((profile) => profile.id === id)?.name ?? id;
  const liveRuns = runs.filter((run) => isLiveRunStatus(run.status)).length;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId} className="panel__title">
          {copy.bots.heading}
        </h2>
        <StopAllButton liveRuns={liveRuns} />
      </div>
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
              selected={bot.lastRun !== undefined && bot.lastRun.id === selectedRunId}
              onSelectRun={onSelectRun}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
