import { useId, useMemo } from 'react';
import type { BotView, ProfileView, RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { groupBlockedReasons } from '../format/group-blocked-reasons.js';
import { BotItem, type BotStartNote } from './bot-item.js';
import { CopyButton } from './copy-button.js';
import { SharedBlockedReasonNote } from './shared-blocked-reason.js';
import { StopAllButton } from './stop-all-button.js';

export interface BotListProps {
  bots: readonly BotView[];
  profiles: readonly ProfileView[];
  /** Runs in the snapshot, to count what "Stop all" would stop. */
  runs: readonly RunView[];
  /** Where bots are loaded from, said where there are none yet. */
  botsDir: string;
  selectedRunId: string | null;
  onSelectRun(run: RunView): void;
  /** "View log": shows the run and moves focus to its detail. */
  onOpenLog(run: RunView): void;
}

export function BotList({ bots, profiles, runs, botsDir, selectedRunId, onSelectRun, onOpenLog }: BotListProps) {
  const headingId = useId();
  const folderId = useId();
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
        // The path itself, with a Copy button: the operator needs it to put a manifest there.
        <div className="empty-state" data-testid="bots-empty">
          <p className="card__hint">{copy.bots.none}</p>
          <dl className="facts">
            <div className="facts__row facts__row--wide">
              <dt>{copy.bots.folder}</dt>
              <dd>
                <code id={folderId} className="selectable" data-testid="bots-empty-folder">
                  {botsDir}
                </code>
              </dd>
            </div>
          </dl>
          <div className="actions">
            <CopyButton text={botsDir} label={copy.bots.copyFolder} describedBy={folderId} copiedMessage={copy.bots.folderCopied} testId="copy-bots-folder" />
          </div>
          <p className="card__hint">{copy.bots.changeFolder}</p>
        </div>
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
