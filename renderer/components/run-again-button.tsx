import { useId } from 'react';
import type { BotView, RunView } from '../../app/common/contract.js';
import { errorHeadline } from '../../app/common/error-headline.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';

export interface RunAgainButtonProps {
  run: RunView;
  /** The bots as they are now: "Run again" is offered only for a bot that still exists. */
  bots: readonly BotView[];
  onStarted(run: RunView): void;
  buttonRef?: React.Ref<HTMLButtonElement>;
}

/**
 * Starts the same bot again, for the same profile, and so the same company (a manifest names its
 * company; a partner session keeps its own). When the bot has gone, or now signs in with another
 * profile, it says so instead of starting something else.
 */
export function RunAgainButton({ run, bots, onStarted, buttonRef }: RunAgainButtonProps) {
  const reasonId = useId();
  const startRun = useCommand('startRun');
  const bot = bots.find((candidate) => candidate.id === run.botId);
  if (!bot) {
    return (
      <p className="card__hint" data-testid="run-again-unavailable">
        {copy.runLog.runAgainGone(run.botName)}
      </p>
    );
  }
  if (bot.profileId !== run.profileId) {
    return (
      <p className="card__hint" data-testid="run-again-unavailable">
        {copy.runLog.runAgainProfileChanged(run.botName)}
      </p>
    );
  }
  const blocked = bot.startBlockedReason;
  const again = async () => {
    if (startRun.pending || blocked) return;
    const started = await startRun.run({ botId: bot.id });
    if (started) onStarted(started);
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button--primary"
        disabled={blocked !== undefined}
        aria-disabled={startRun.pending || undefined}
        aria-label={copy.runLog.runAgainLabel(run.botName)}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => void again()}
        data-testid="run-again"
      >
        {copy.runLog.runAgain}
      </button>
      {blocked ? (
        <span id={reasonId} className="card__hint run-again__reason" data-testid="run-again-blocked">
          {errorHeadline(blocked.code) ?? blocked.message}
        </span>
      ) : null}
    </>
  );
}
