import { useId } from 'react';
import type { BotView, RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { formatDateTime } from '../format/format-date-time.js';
import { runLabel, runStatusTone } from '../format/status-labels.js';
import { useCommand } from '../state/use-command.js';
import { useSessionActions } from '../state/use-session-actions.js';
import { ErrorMessage } from './error-message.js';
import { RunDuration } from './run-duration.js';
import { StatusBadge } from './status-badge.js';

export interface BotItemProps {
  bot: BotView;
  /** The name of the profile the bot signs in with, for display. */
  profileName: string;
  selected: boolean;
  onSelectRun(run: RunView): void;
}

/** Blocked-start reasons that a fresh sign-in fixes, so Re-authenticate sits beside them. */
const fixedByReauthentication: ReadonlySet<string> = new Set(['run_would_outlast_token', 'session_expired']);

/** One bot: what it does, who it acts for, how its last run went, and Start / Stop / View log. */
export function BotItem({ bot, profileName, selected, onSelectRun }: BotItemProps) {
  const headingId = useId();
  const reasonId = useId();
  const envWarningId = useId();
  const startRun = useCommand('startRun');
  const stopRun = useCommand('stopRun');
  const session = useSessionActions(bot.profileId);
  const { lastRun, startBlockedReason } = bot;
  const live = lastRun !== undefined && isLiveRunStatus(lastRun.status);
  const envDelivery = bot.tokenDelivery === 'env';
  const startDescribedBy = [startBlockedReason ? reasonId : null, envDelivery ? envWarningId : null].filter(Boolean).join(' ');

  const start = async () => {
    const run = await startRun.run({ botId: bot.id });
    if (run) onSelectRun(run);
  };

  return (
    <li className={selected ? 'card bot-item bot-item--selected' : 'card bot-item'} aria-labelledby={headingId} data-testid={`bot-${bot.id}`}>
      <div className="card__header">
        <h3 id={headingId} className="card__title">
          {bot.name}
        </h3>
        <StatusBadge tone={lastRun ? runStatusTone(lastRun.status) : 'neutral'} testId={`bot-status-${bot.id}`}>
          {lastRun ? runLabel(lastRun) : copy.bots.neverRun}
        </StatusBadge>
      </div>
      {bot.description ? <p className="bot-item__description">{bot.description}</p> : null}
      {/* Opted into by the bot's manifest; the token then sits in the process environment, where
          child processes and crash dumps can see it, instead of being fetched from the broker. */}
      {envDelivery ? (
        <p id={envWarningId} className="bot-item__warning" data-testid={`token-delivery-warning-${bot.id}`}>
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">{copy.bots.warning} </span>
          {copy.bots.envTokenDelivery}
        </p>
      ) : null}
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>{copy.bots.profile}</dt>
          <dd>{profileName}</dd>
        </div>
        {lastRun ? (
          <>
            <div className="facts__row">
              <dt>{copy.bots.lastRun}</dt>
              <dd>{formatDateTime(lastRun.startedAt)}</dd>
            </div>
            <div className="facts__row">
              <dt>{copy.bots.duration}</dt>
              <dd>
                <RunDuration run={lastRun} testId={`bot-duration-${bot.id}`} />
              </dd>
            </div>
          </>
        ) : null}
      </dl>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={startBlockedReason !== undefined || startRun.pending}
          aria-label={copy.bots.startBot(bot.name)}
          aria-describedby={startDescribedBy || undefined}
          onClick={() => void start()}
          data-testid={`start-${bot.id}`}
        >
          {copy.bots.start}
        </button>
        {live ? (
          <button
            type="button"
            className="button button--danger"
            disabled={stopRun.pending}
            aria-label={copy.bots.stopBot(bot.name)}
            onClick={() => void stopRun.run({ runId: lastRun.id })}
            data-testid={`stop-${bot.id}`}
          >
            {copy.bots.stop}
          </button>
        ) : null}
        {lastRun ? (
          <button type="button" className="button" aria-label={copy.bots.viewLogOf(bot.name)} onClick={() => onSelectRun(lastRun)} data-testid={`view-log-${bot.id}`}>
            {copy.bots.viewLog}
          </button>
        ) : null}
      </div>
      {startBlockedReason ? (
        <div className="bot-item__blocked" data-testid={`start-blocked-${bot.id}`}>
          {/* Only the reason describes Start; the button beside it is its own control. */}
          <ErrorMessage id={reasonId} error={startBlockedReason} variant="inline" />
          {fixedByReauthentication.has(startBlockedReason.code) ? (
            <button
              type="button"
              className="button button--small button--primary"
              disabled={session.signInPending}
              onClick={session.reauthenticate}
              aria-label={copy.bots.reauthenticateFor(bot.name, profileName)}
              data-testid={`reauthenticate-for-${bot.id}`}
            >
              {copy.sessions.reauthenticate}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
