import { useEffect, useId, useRef } from 'react';
import type { QueuedRunView } from '../../app/common/contract.js';
import { listInWords } from '../../app/common/list-in-words.js';
import { copy } from '../copy.js';
import { formatTimeOfDay } from '../format/format-date-time.js';
import { useCommand } from '../state/use-command.js';
import { StatusBadge } from './status-badge.js';

export interface QueuedRunsProps {
  queue: readonly QueuedRunView[];
}

type Focus = { runId: string; control: 'up' | 'down'; to: number } | { cancelledRunId: string; botId: string; at: number };

/**
 * The runs waiting to start, next first, each with why it waits; Move up, Move down and Cancel
 * by keyboard. Focus stays with the run that moved (or goes to the next run after a cancel), so a
 * keyboard user can press Move up repeatedly.
 */
export function QueuedRuns({ queue }: QueuedRunsProps) {
  const headingId = useId();
  const hintId = useId();
  const move = useCommand('moveQueuedRun');
  const cancel = useCommand('cancelQueuedRun');
  const listRef = useRef<HTMLOListElement>(null);
  const pendingFocus = useRef<Focus | null>(null);

  useEffect(() => {
    const focus = pendingFocus.current;
    if (!focus) return;
    const list = listRef.current;
    if ('runId' in focus) {
      // Moving the run in the page may take focus off its button: wait for the move to show, then put it back.
      const at = queue.findIndex((queued) => queued.runId === focus.runId);
      if (at >= 0 && at !== focus.to) return;
      const item = list?.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(focus.runId)}"]`);
      const wanted = item?.querySelector<HTMLButtonElement>(`[data-control="${focus.control}"]`);
      const target = wanted && !wanted.disabled ? wanted : item?.querySelector<HTMLButtonElement>('button:not([disabled])');
      target?.focus();
    } else {
      // Cancel keeps focus until its run leaves the list (another change to the queue may come first).
      if (queue.some((queued) => queued.runId === focus.cancelledRunId)) return;
      const items = list?.querySelectorAll<HTMLElement>('[data-run-id]') ?? [];
      const next = items[Math.min(focus.at, items.length - 1)];
      // With the last one cancelled the list goes: focus goes to the bot's Start, where it can be started again.
      const start = document.querySelector<HTMLButtonElement>(`[data-start-bot="${CSS.escape(focus.botId)}"]:not(:disabled)`);
      (next?.querySelector<HTMLButtonElement>('[data-control="cancel"]') ?? start)?.focus();
    }
    pendingFocus.current = null;
  }, [queue]);

  if (queue.length === 0) return null;

  // The buttons stay focusable while a move or cancel is on its way (aria-disabled, not disabled:
  // a disabled button drops keyboard focus to the page), and a press meanwhile sends nothing.
  const moveTo = async (run: QueuedRunView, index: number, control: 'up' | 'down') => {
    if (move.pending) return;
    const focus = { runId: run.runId, control, to: index };
    pendingFocus.current = focus;
    // A refused move leaves focus where it is (the refusal is shown in the alert region).
    if (!(await move.attempt({ runId: run.runId, index })).ok && pendingFocus.current === focus) pendingFocus.current = null;
  };
  const cancelRun = async (run: QueuedRunView, index: number) => {
    if (cancel.pending) return;
    const focus = { cancelledRunId: run.runId, botId: run.botId, at: index };
    pendingFocus.current = focus;
    if (!(await cancel.attempt({ runId: run.runId })).ok && pendingFocus.current === focus) pendingFocus.current = null;
  };

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="queued-runs">
      <h2 id={headingId} tabIndex={-1} className="panel__title">
        {copy.queue.heading(queue.length)}
      </h2>
      <p id={hintId} className="card__hint">
        {copy.queue.hint}
      </p>
      <ol ref={listRef} className="queued-runs" aria-label={copy.queue.listLabel} aria-describedby={hintId}>
        {queue.map((run, index) => {
          const place = index + 1;
          return (
            <li key={run.runId} className="queued-run" data-run-id={run.runId} data-testid={`queued-${run.runId}`}>
              <div className="queued-run__text">
                <span className="queued-run__name">
                  {place}. {run.botName}
                </span>
                <span className="queued-run__facts">
                  <StatusBadge tone={run.priority === 'high' ? 'info' : 'neutral'}>{copy.queue.priority[run.priority]}</StatusBadge>
                  {run.exclusive ? <StatusBadge tone="neutral">{copy.queue.uses}</StatusBadge> : null}
                  {run.moved ? <StatusBadge tone="neutral">{copy.queue.moved}</StatusBadge> : null}
                </span>
                <span className="card__hint" data-testid={`queued-reason-${run.runId}`}>
                  {copy.queue.waitingFor[run.waitingFor]}, {copy.queue.queuedAt(formatTimeOfDay(run.enqueuedAt))}
                </span>
                {run.noWorkerForPool && run.pool !== undefined ? (
                  <span className="card__hint queued-run__warning" data-testid={`queued-no-worker-${run.runId}`}>
                    {copy.queue.noWorkerForPool(run.pool)}
                  </span>
                ) : null}
                {run.workersDown && run.pool !== undefined ? (
                  <span className="card__hint queued-run__warning" data-testid={`queued-workers-down-${run.runId}`}>
                    {copy.queue.workersDown(run.pool, listInWords(run.workersDown.workerNames, 'or'))}
                  </span>
                ) : null}
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="button button--small"
                  data-control="up"
                  disabled={index === 0}
                  aria-disabled={move.pending || undefined}
                  aria-label={copy.queue.moveUpOf(run.botName, place)}
                  onClick={() => void moveTo(run, index - 1, 'up')}
                  data-testid={`queued-up-${run.runId}`}
                >
                  {copy.queue.moveUp}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  data-control="down"
                  disabled={index === queue.length - 1}
                  aria-disabled={move.pending || undefined}
                  aria-label={copy.queue.moveDownOf(run.botName, place)}
                  onClick={() => void moveTo(run, index + 1, 'down')}
                  data-testid={`queued-down-${run.runId}`}
                >
                  {copy.queue.moveDown}
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  data-control="cancel"
                  aria-disabled={cancel.pending || undefined}
                  aria-label={copy.queue.cancelOf(run.botName, place)}
                  onClick={() => void cancelRun(run, index)}
                  data-testid={`queued-cancel-${run.runId}`}
                >
                  {copy.queue.cancel}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
