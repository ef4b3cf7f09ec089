import { useEffect } from 'react';
import type { TodaySummaryView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { emptyRunFilter, type RunFilter, type RunOutcomeFilter } from '../format/filter-runs.js';
import { formatDateTime } from '../format/format-date-time.js';
import { localDateOf } from '../format/run-date-range.js';
import { useSupervisor } from '../state/supervisor-context.js';
import { useNow } from '../state/use-now.js';
import { formatCount } from '../../app/common/format-count.js';

/** Today's heading, where Needs attention's "Skip to Today" moves focus. */
export const todayHeadingId = 'today-heading';

export interface TodaySummaryProps {
  today: TodaySummaryView;
  /** Each count opens Run history on today's runs of its outcome. */
  onOpenHistory(filter: RunFilter): void;
}

/**
 * "Today" at a glance: how many runs started since midnight and how they went, and the next
 * scheduled run. The core counts; at midnight the page asks it for a fresh count. Each count is a
 * button to those runs in Run history (today's date, its outcome), so "2 failed" is one press
 * from which two.
 */
export function TodaySummary({ today, onOpenHistory }: TodaySummaryProps) {
  const { refreshState } = useSupervisor();
  const now = useNow(60_000, { alignTo: today.dayEndsAt });
  const stale = now >= today.dayEndsAt;
  useEffect(() => {
    if (stale) void refreshState();
  }, [stale, refreshState]);
  const counts = [
    ['runs', 'all', copy.today.runs, today.runs],
    ['succeeded', 'succeeded', copy.today.succeeded, today.succeeded],
    ['failed', 'failed', copy.today.failed, today.failed],
    ['running', 'running', copy.today.running, today.running],
    ['waiting', 'waiting', copy.today.waiting, today.waiting],
    ['stopped', 'stopped', copy.today.stopped, today.stopped],
  ] as const satisfies readonly (readonly [string, RunOutcomeFilter, string, number])[];
  const day = localDateOf(today.dayStartedAt);
  return (
    <section className="panel today" aria-labelledby={todayHeadingId} data-testid="today-summary">
      <h2 id={todayHeadingId} className="panel__title today__heading" tabIndex={-1} data-testid="today-heading">
        {copy.today.heading}
      </h2>
      <dl className="today__counts">
        {counts.map(([key, outcome, label, count]) => (
          <div key={key} className={`today__count today__count--${key}${key === 'failed' && count > 0 ? ' today__count--alert' : ''}`}>
            <dt>{label}</dt>
            <dd className="tabular">
              {/* The whole tile is the button's target (styles.css); its name says where it goes. */}
              <button
                type="button"
                className="today__link"
                onClick={() => onOpenHistory({ ...emptyRunFilter, outcome, from: day, to: day })}
                aria-label={copy.today.open(key, count)}
                data-testid={`today-${key}`}
              >
                {formatCount(count)}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="today__next" data-testid="today-next">
        {today.nextScheduled ? copy.today.nextScheduled(today.nextScheduled.botName, formatDateTime(today.nextScheduled.at)) : copy.today.noneScheduled}
      </p>
    </section>
  );
}
