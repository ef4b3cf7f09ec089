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

type Focus = { runId: string; control: 'up' | 'down' | 'cancel' } | { afterCancelAt: number };

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
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<Focus | null>(null);

  useEffect(() => {
    const focus = pendingFocus.current;
    if (!focus) return;
    const list = listRef.current;
    if ('runId' in focus) {
      const item = list?.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(focus.runId)}"]`);
      if (!item) return;
      const wanted = item.querySelector<HTMLButtonElement>(`[data-control="${focus.control}"]`);
      const target = wanted && !wanted.disabled ? wanted : item.querySelector<HTMLButtonElement>('button:not([disabled])');
      target?.focus();
    } else {
      const items = list?.querySelectorAll<HTMLElement>('[data-run-id]') ?? [];
      const next = items[Math.min(focus.afterCancelAt, items.length - 1)];
      (next?.querySelector<HTMLButtonElement>('[data-control="cancel"]') ?? headingRef.current)?.focus();
    }
    pendingFocus.current = null;
  }, [queue]);

  if (queue.length === 0) return null;

  const moveTo = async (run: QueuedRunView, index: number, control: 'up' | 'down') => {
    pendingFocus.current = { runId: run.runId, control };
    await move.run({ runId: run.runId, index });
  };
  const cancelRun = async (run: QueuedRunView, index: number) => {
    pendingFocus.current = { afterCancelAt: index };
    await cancel.run({ runId: run.runId });
  };

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="queued-runs">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="panel__title">
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
                  disabled={index === 0 || move.pending}
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
                  disabled={index === queue.length - 1 || move.pending}
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
                  disabled={cancel.pending}
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
