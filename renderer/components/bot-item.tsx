import { memo, useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import type { BotView, ErrorView, RunView } from '../../app/common/contract.js';
import { errorHeadline } from '../../app/common/error-headline.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { formatRecentMoment } from '../format/format-date-time.js';
import { runLabel, runStatusTone } from '../format/status-labels.js';
import { useCommand } from '../state/use-command.js';
import { BotScheduleEditor } from './bot-schedule-editor.js';
import { BotScheduleFacts } from './bot-schedule-facts.js';
import { StartPriority } from './start-priority.js';
import { ErrorMessage } from './error-message.js';
import { RunDuration } from './run-duration.js';
import { fixedByReauthentication } from './shared-blocked-reason.js';
import { SignInButton } from './sign-in-button.js';
import { StatusBadge } from './status-badge.js';

/**
 * Why this bot's Start is disabled, and where that is said: on the card (`own`), once above the
 * bots for several (`shared`, described by the shared note's id), or only to screen readers for
 * a healthy running bot (`quiet`).
 */
export type BotStartNote = { kind: 'own' | 'quiet'; reason: ErrorView } | { kind: 'shared'; reason: ErrorView; describedById: string };

export interface BotItemProps {
  bot: BotView;
  /** The name of the profile the bot signs in with, for display. */
  profileName: string;
  note: BotStartNote | undefined;
  selected: boolean;
  onSelectRun(run: RunView): void;
  /** "View log": shows the run and moves focus to its detail. */
  onOpenLog(run: RunView): void;
}

/**
 * One bot: what it does, who it acts for, how its last run went, and Start / Stop / View log.
 * With 200 bots live, a snapshot that changes one bot renders one card: the store keeps unchanged
 * bots' identity (state/share-unchanged.ts) and the note is compared by value.
 */
export const BotItem = memo(BotCard, (before, after) =>
  before.bot === after.bot && before.profileName === after.profileName && before.selected === after.selected && before.onSelectRun === after.onSelectRun && before.onOpenLog === after.onOpenLog && sameNote(before.note, after.note),
);

function sameNote(a: BotStartNote | undefined, b: BotStartNote | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const describedBy = (note: BotStartNote) => (note.kind === 'shared' ? note.describedById : undefined);
  return a.kind === b.kind && describedBy(a) === describedBy(b) && (a.reason === b.reason || JSON.stringify(a.reason) === JSON.stringify(b.reason));
}

function BotCard({ bot, profileName, note, selected, onSelectRun, onOpenLog }: BotItemProps) {
  const headingId = useId();
  const reasonId = useId();
  const envWarningId = useId();
  const startRun = useCommand('startRun');
  const stopRun = useCommand('stopRun');
  const { lastRun } = bot;
  const live = lastRun !== undefined && isLiveRunStatus(lastRun.status);
  const envDelivery = bot.tokenDelivery === 'env';
  const reasonRef = note === undefined ? null : note.kind === 'shared' ? note.describedById : reasonId;
  const startDescribedBy = [reasonRef, envDelivery ? envWarningId : null].filter(Boolean).join(' ');
  const startBlocked = note !== undefined;
  // Listed only while a run it started before its manifest left the folder is live: nothing to start or schedule.
  const removed = bot.removedFromFolder === true;
  const focus = useFocusAfterStart(lastRun, live, startBlocked);
  const defaultPriority = bot.priority ?? 'normal';
  const [priority, setPriority] = useState(defaultPriority);

  const start = async () => {
    // A second click while the first is on its way does nothing (Start stays focusable meanwhile).
    if (startRun.pending || startBlocked) return;
    // Only a changed priority is sent: the manifest's default stays the core's to apply.
    const run = await startRun.run({ botId: bot.id, ...(priority === defaultPriority ? {} : { priority }) });
    if (run) {
      setPriority(defaultPriority);
      focus.expect(run.id);
      onSelectRun(run);
    }
  };

  return (
    <li className={['card bot-item', selected ? 'bot-item--selected' : '', removed ? 'bot-item--removed' : ''].filter(Boolean).join(' ')} aria-labelledby={headingId} data-testid={`bot-${bot.id}`}>
      <div className="card__header">
        <h3 id={headingId} className="card__title">
          {bot.name}
        </h3>
        <StatusBadge tone={lastRun ? runStatusTone(lastRun.status) : 'neutral'} testId={`bot-status-${bot.id}`}>
          {lastRun ? runLabel(lastRun) : copy.bots.neverRun}
        </StatusBadge>
      </div>
      {removed ? (
        <p className="bot-item__removed">
          <StatusBadge tone="warning" testId={`bot-removed-${bot.id}`}>
            {copy.bots.removedFromFolder}
          </StatusBadge>
        </p>
      ) : null}
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
        {bot.company ? (
          <div className="facts__row">
            <dt>{copy.bots.company}</dt>
            <dd data-testid={`bot-company-${bot.id}`}>{bot.company}</dd>
          </div>
        ) : null}
        {lastRun ? (
          <>
            <div className="facts__row">
              <dt>{copy.bots.lastRun}</dt>
              <dd>{formatRecentMoment(lastRun.startedAt, Date.now())}</dd>
            </div>
            <div className="facts__row">
              <dt>{copy.bots.duration}</dt>
              <dd>
                <RunDuration run={lastRun} testId={`bot-duration-${bot.id}`} />
              </dd>
            </div>
            {lastRun.pool ? (
              <div className="facts__row">
                <dt>{copy.fleet.worker}</dt>
                <dd data-testid={`bot-worker-${bot.id}`}>{lastRun.worker?.name ?? copy.fleet.waitingForWorker(lastRun.pool)}</dd>
              </div>
            ) : null}
          </>
        ) : null}
        <BotScheduleFacts bot={bot} />
      </dl>
      {removed ? null : <BotScheduleEditor bot={bot} />}
      <div className="actions">
        {removed ? null : <StartPriority bot={bot} value={priority} defaultValue={defaultPriority} onChange={setPriority} />}
        <button
          ref={focus.startRef}
          type="button"
          className="button button--primary"
          disabled={startBlocked}
          aria-disabled={startRun.pending || undefined}
          aria-label={copy.bots.startBot(bot.name)}
          aria-describedby={startDescribedBy || undefined}
          onClick={() => void start()}
          data-testid={`start-${bot.id}`}
          data-start-bot={bot.id}
        >
          {copy.bots.start}
        </button>
        {live ? (
          <button
            ref={focus.stopRef}
            onFocus={focus.onStopFocus}
            onBlur={focus.onStopBlur}
            type="button"
            className="button button--danger"
            aria-disabled={stopRun.pending || undefined}
            aria-label={copy.bots.stopBot(bot.name)}
            onClick={() => stopRun.pending || void stopRun.run({ runId: lastRun.id })}
            data-testid={`stop-${bot.id}`}
          >
            {copy.bots.stop}
          </button>
        ) : null}
        {lastRun ? (
          <button ref={focus.viewLogRef} type="button" className="button" aria-label={copy.bots.viewLogOf(bot.name)} onClick={() => onOpenLog(lastRun)} data-testid={`view-log-${bot.id}`}>
            {copy.bots.viewLog}
          </button>
        ) : null}
      </div>
      {note?.kind === 'quiet' ? (
        <span id={reasonId} className="visually-hidden">
          {errorHeadline(note.reason.code) ?? note.reason.message}
        </span>
      ) : null}
      {note?.kind === 'own' ? (
        <div className="bot-item__blocked" data-testid={`start-blocked-${bot.id}`}>
          {/* Only the reason describes Start; the button beside it is its own control. */}
          <ErrorMessage id={reasonId} error={note.reason} variant="inline" />
          {fixedByReauthentication.has(note.reason.code) ? (
            <SignInButton
              profileId={bot.profileId}
              profileName={profileName}
              reauthenticate
              className="button button--small button--primary"
              label={copy.bots.reauthenticateFor(bot.name, profileName)}
              testId={`reauthenticate-for-${bot.id}`}
              startsBots={[bot.id]}
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * Start keeps keyboard focus: once the run it started shows on the card, focus moves to Stop
 * while the run is live, stays on Start if Start may be pressed again, or goes to View log (a run
 * that ended at once), so it never falls back to the top of the page when Start disables itself;
 * when the run ends, focus on Stop moves back to Start. Stop stays focusable while it is on its
 * way (aria-disabled, not disabled), and a second press meanwhile sends nothing.
 */
function useFocusAfterStart(lastRun: RunView | undefined, live: boolean, startBlocked: boolean) {
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const viewLogRef = useRef<HTMLButtonElement>(null);
  const [expected, setExpected] = useState<string | null>(null);
  const stopHadFocus = useRef(false);
  useEffect(() => {
    if (expected === null || lastRun?.id !== expected) return;
    setExpected(null);
    const target = live ? stopRef.current : !startBlocked ? startRef.current : viewLogRef.current;
    target?.focus();
  }, [expected, lastRun?.id, live, startBlocked]);
  // Stop goes with the run it stops: focus that was on it moves to Start (or View log), not to the top of the page.
  useEffect(() => {
    if (live || !stopHadFocus.current) return;
    stopHadFocus.current = false;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    (!startBlocked ? startRef.current : viewLogRef.current)?.focus();
  }, [live, startBlocked]);
  return {
    startRef,
    stopRef,
    viewLogRef,
    expect: setExpected,
    onStopFocus: () => {
      stopHadFocus.current = true;
    },
    // Only focus moved to another control is let go: a Stop taken out of the page may blur with no target.
    onStopBlur: (event: FocusEvent<HTMLButtonElement>) => {
      if (event.relatedTarget !== null) stopHadFocus.current = false;
    },
  };
}
