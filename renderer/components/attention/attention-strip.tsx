import { useEffect, useId, useRef, useState } from 'react';
import { attentionBody, attentionTitle } from '../../../app/common/attention-text.js';
import type { AttentionItemView, RunView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { formatCountdownWords } from '../../../app/common/format-duration.js';
import { formatRecentMoment } from '../../format/format-date-time.js';
import { timeUpText, type AbsenceOutcome } from '../../format/time-up-text.js';
import { useCommand } from '../../state/use-command.js';
import { useKeepFocusInList } from '../../state/use-keep-focus-in-list.js';
import { useNow } from '../../state/use-now.js';
import { useSessionActions } from '../../state/use-session-actions.js';
import { signInFocusProps } from '../../state/use-sign-in-focus.js';
import { ApprovalDialog } from './approval-dialog.js';
import { QuestionForm } from './question-form.js';

export interface AttentionStripProps {
  items: AttentionItemView[];
  onOpenRun(run: RunView): void;
  /** Settings → Companies, with focus on the company's entry, where it can be connected again. */
  onOpenCompany(profileId: string, companyId: string): void;
  /** What absence does to running bots, for the words once a "Still supervising?" check runs out. */
  absence: AbsenceOutcome;
  /** "Skip to Today": focus past every item, to what follows the strip. */
  onSkipToToday(): void;
}

/** The item a notification opened; the strip scrolls it into view and moves focus to it. */
export function focusAttentionItem(itemId: string): void {
  const element = document.getElementById(attentionElementId(itemId));
  const fold = element?.closest('details');
  if (fold) fold.open = true;
  element?.scrollIntoView({ block: 'nearest' });
  element?.focus();
}

export function attentionElementId(itemId: string): string {
  return `attention-${itemId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * "Needs attention" at the top of Overview: failed runs, runs waiting for sign-in or for the
 * supervisor, questions, approvals, expiring sessions and "Still supervising?". All text from bots
 * is rendered as text (S59). Nothing shows when nothing needs a human, except right after the
 * person dealt with the last item: then the heading stays, says so and takes focus, so a keyboard
 * user is not sent back to the top of the page.
 *
 * Its first control, seen only when it has focus, is "Skip to Today": a keyboard user on a busy
 * day reaches Today's counts without tabbing through every item.
 *
 * Items marked as seen that need nothing more from the person here (a failed run, an expiring
 * sign-in, a company) fold into one closed "Seen earlier (n)" line, so a bad day's failures do
 * not push Today and the bots thousands of pixels down for a day. What still waits for the
 * person (a question, an approval, a check, a waiting run) stays listed, seen or not.
 */
export function AttentionStrip({ items, onOpenRun, onOpenCompany, absence, onSkipToToday }: AttentionStripProps) {
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [allClear, setAllClear] = useState(false);
  const [focusHeading, setFocusHeading] = useState(false);
  const acknowledge = useCommand('acknowledgeAttention');
  const listed = items.filter((item) => !folds(item));
  const folded = items.filter(folds);
  useKeepFocusInList({
    container: sectionRef,
    keys: listed.map((item) => item.id),
    revision: listed.map((item) => (item.acknowledged ? 's' : 'n')).join(''),
    fallback: () => headingRef.current,
    // Re-authenticate goes with its item as the sign-in begins: focus goes to that sign-in's Cancel (use-sign-in-focus.ts).
    handsOnFocus: '[data-sign-in-focus]',
    onNothingLeft: () => {
      setAllClear(true);
      setFocusHeading(true);
    },
  });
  useEffect(() => {
    if (!focusHeading) return;
    headingRef.current?.focus();
    setFocusHeading(false);
  }, [focusHeading]);
  const anything = items.length > 0;
  useEffect(() => {
    if (anything) setAllClear(false);
  }, [anything]);
  const fresh = items.filter((item) => !item.acknowledged);
  const markAllShown = fresh.length > 1;
  const [markedAll, setMarkedAll] = useState(false);
  // The button goes with the items it marked, when the new state arrives (before or after the
  // command's reply): focus then goes to the heading rather than the top of the page.
  useEffect(() => {
    if (!markedAll || markAllShown) return;
    setMarkedAll(false);
    if (document.activeElement === null || document.activeElement === document.body) headingRef.current?.focus();
  }, [markedAll, markAllShown]);
  // The buttons here stay focusable while they work (aria-disabled, not disabled): a disabled
  // button drops keyboard focus to the page and is skipped by Tab; a press while busy does nothing.
  const markAllSeen = async () => {
    if (acknowledge.pending) return;
    setMarkedAll(true);
    await acknowledge.run({ itemIds: fresh.map((item) => item.id) });
  };
  if (!anything && !allClear) return null;
  const t = copy.attention;
  return (
    <section className="panel attention" aria-labelledby={headingId} data-testid="attention-strip" ref={sectionRef}>
      {/* A bad day lists dozens of controls here; Today's counts are one press past them all. */}
      {anything ? (
        <button type="button" className="button button--small attention__skip" onClick={onSkipToToday} data-testid="attention-skip">
          {t.skipToToday}
        </button>
      ) : null}
      <div className="attention__header">
        <h2 id={headingId} className="panel__title attention__heading" tabIndex={-1} ref={headingRef} data-testid="attention-heading">
          {t.heading} {fresh.length > 0 ? <span className="attention__count" data-testid="attention-count">({t.countLabel(fresh.length)})</span> : null}
        </h2>
        {markAllShown ? (
          <button type="button" className="button button--small" aria-disabled={acknowledge.pending || undefined} onClick={() => void markAllSeen()} data-testid="attention-acknowledge-all">
            {t.acknowledgeAll}
          </button>
        ) : null}
      </div>
      {listed.length > 0 ? (
        <ul className="attention__list">
          {listed.map((item) => (
            <AttentionEntry key={item.id} item={item} onOpenRun={onOpenRun} onOpenCompany={onOpenCompany} absence={absence} />
          ))}
        </ul>
      ) : (
        <p className="card__hint" data-testid="attention-all-clear">
          {anything ? t.nothingNew : t.nothingLeft}
        </p>
      )}
      {folded.length > 0 ? (
        <details className="attention__seen" data-testid="attention-seen">
          <summary>{t.seenEarlier(folded.length)}</summary>
          <ul className="attention__list">
            {folded.map((item) => (
              <AttentionEntry key={item.id} item={item} onOpenRun={onOpenRun} onOpenCompany={onOpenCompany} absence={absence} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** Seen, and nothing here still waits for the person's answer or decision. */
function folds(item: AttentionItemView): boolean {
  return item.acknowledged && item.kind !== 'question' && item.kind !== 'approval' && item.kind !== 'attestation' && item.kind !== 'runWaiting';
}

type EntryProps = Pick<AttentionStripProps, 'onOpenRun' | 'onOpenCompany' | 'absence'> & { item: AttentionItemView };

function AttentionEntry({ item, onOpenRun, onOpenCompany, absence }: EntryProps) {
  const acknowledge = useCommand('acknowledgeAttention');
  const attest = useCommand('attestPresence');
  const [reviewing, setReviewing] = useState(false);
  const t = copy.attention;
  const deadline = item.kind === 'question' ? item.question.expiresAt : item.kind === 'attestation' ? item.deadlineAt : undefined;
  const context = item.kind === 'question' ? item.question : item.kind === 'approval' ? item.approval : undefined;
  return (
    <li
      id={attentionElementId(item.id)}
      tabIndex={-1}
      className={`attention__item attention__item--${item.level}${item.acknowledged ? ' attention__item--seen' : ''}`}
      data-testid={`attention-item-${item.kind}`}
      data-item-id={item.id}
      data-focus-key={item.id}
    >
      <p className="attention__title">{attentionTitle(item)}</p>
      <p className="attention__body" data-testid="attention-body">
        {/* A question is shown whole: the person must read all of it to answer; only the toast shortens it. */}
        {item.kind === 'question' ? item.question.text : attentionBody(item)}
      </p>
      {context ? (
        <p className="card__hint">
          {context.profileName ? `${t.system}: ${context.profileName}` : null}
          {context.company ? ` · ${t.company}: ${context.company}` : null}
          {item.kind === 'question' && item.question.workerName ? ` · ${t.worker}: ${item.question.workerName}` : null}
        </p>
      ) : null}
      {item.kind === 'runFailed' ? <RunFailure run={item.run} at={item.at} /> : null}
      {item.kind === 'runWaiting' ? <p className="card__hint">{t.waitingSince(formatRecentMoment(item.at, Date.now()))}</p> : null}
      {item.kind === 'poolWorkersDown' ? (
        <p className="card__hint" data-testid="attention-workers-heard">
          {item.lastHeardAt === undefined ? t.workersNeverHeard : t.workersLastHeard(formatRecentMoment(item.lastHeardAt, Date.now()))}
        </p>
      ) : null}
      {deadline !== undefined && (item.kind === 'question' || item.kind === 'attestation') ? <TimeLeft deadline={deadline} timeUp={timeUpText(item.kind, absence)} /> : null}
      {item.kind === 'question' ? <QuestionForm question={item.question} /> : null}
      <div className="actions">
        {item.kind === 'approval' ? (
          <button type="button" className="button button--primary" onClick={() => setReviewing(true)} data-testid="approval-review">
            {copy.approval.review}
          </button>
        ) : null}
        {item.kind === 'attestation' ? (
          <button type="button" className="button button--primary" aria-disabled={attest.pending || undefined} onClick={() => attest.pending || void attest.run({})} data-testid="attest-presence">
            {copy.attestation.confirm}
          </button>
        ) : null}
        {item.kind === 'runFailed' || item.kind === 'runWaiting' ? (
          <button type="button" className="button" onClick={() => onOpenRun(item.run)}>
            {t.openRun}
          </button>
        ) : null}
        {item.kind === 'sessionExpiring' || item.kind === 'sessionExpired' ? <ReauthenticateButton profileId={item.profileId} profileName={item.profileName} /> : null}
        {item.kind === 'companyUnavailable' ? (
          <button type="button" className="button" onClick={() => onOpenCompany(item.profileId, item.companyId)} data-testid="attention-open-company">
            {t.openCompany}
          </button>
        ) : null}
        {item.acknowledged ? (
          <span className="card__hint">{t.seen}</span>
        ) : (
          <button type="button" className="button button--small" aria-disabled={acknowledge.pending || undefined} onClick={() => acknowledge.pending || void acknowledge.run({ itemIds: [item.id] })} data-testid="attention-acknowledge">
            {t.acknowledge}
          </button>
        )}
      </div>
      {reviewing && item.kind === 'approval' ? <ApprovalDialog approval={item.approval} onClose={() => setReviewing(false)} /> : null}
    </li>
  );
}

/** The same forced sign-in as the header's and the banner's Re-authenticate, for the item's profile. */
function ReauthenticateButton({ profileId, profileName }: { profileId: string; profileName: string }) {
  const actions = useSessionActions(profileId);
  return (
    <button type="button" className="button button--primary" aria-disabled={actions.signInBusy !== undefined || undefined} onClick={actions.reauthenticate} aria-label={copy.header.reauthenticateTo(profileName)} data-testid="attention-reauthenticate" {...signInFocusProps(profileId, 'elsewhere')}>
      {copy.sessions.reauthenticate}
    </button>
  );
}

/** When a failed run ended, and what its bot last said was wrong (retention may have deleted that). */
function RunFailure({ run, at }: { run: RunView; at: number }) {
  const t = copy.attention;
  return (
    <>
      {run.lastError ? (
        <p className="attention__last-error" data-testid="attention-last-error">
          {t.lastError} <span className="attention__quote">{run.lastError}</span>
        </p>
      ) : null}
      <p className="card__hint" data-testid="attention-ended-at">
        {run.endedAt === undefined
          ? t.startedEndUnknown(formatRecentMoment(run.startedAt, Date.now()))
          : run.status === 'interrupted'
            ? t.lastKnownRunning(formatRecentMoment(at, Date.now()))
            : t.endedAt(formatRecentMoment(at, Date.now()))}
      </p>
    </>
  );
}

/**
 * The time a question or check has left, in the same words as durations ("1 min 5 s"); once it
 * has run out, what happens now instead of a countdown stuck at zero.
 */
function TimeLeft({ deadline, timeUp }: { deadline: number; timeUp: string }) {
  const now = useNow(1_000, { alignTo: deadline });
  if (now >= deadline) {
    return (
      <p className="card__hint attention__time-up" data-testid="attention-time-up">
        {timeUp}
      </p>
    );
  }
  return (
    <p className="card__hint" data-testid="attention-time-left">
      {copy.attention.timeLeft}:{' '}
      <span role="timer" className="tabular">
        {formatCountdownWords(deadline - now)}
      </span>
    </p>
  );
}
