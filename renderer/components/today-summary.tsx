import { useEffect, useId } from 'react';
import type { TodaySummaryView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { formatDateTime } from '../format/format-date-time.js';
import { useSupervisor } from '../state/supervisor-context.js';
import { useNow } from '../state/use-now.js';
import { formatCount } from '../../app/common/format-count.js';

export interface TodaySummaryProps {
  today: TodaySummaryView;
}

/**
 * "Today" at a glance: how many runs started since midnight and how they went, and the next
 * scheduled run. The core counts; at midnight the page asks it for a fresh count.
 */
export function TodaySummary({ today }: TodaySummaryProps) {
  const headingId = useId();
  const { refreshState } = useSupervisor();
  const now = useNow(60_000, { alignTo: today.dayEndsAt });
  const stale = now >= today.dayEndsAt;
  useEffect(() => {
    if (stale) void refreshState();
  }, [stale, refreshState]);
  const counts = [
    ['runs', copy.today.runs, today.runs],
    ['succeeded', copy.today.succeeded, today.succeeded],
    ['failed', copy.today.failed, today.failed],
    ['running', copy.today.running, today.running],
    ['waiting', copy.today.waiting, today.waiting],
    ['stopped', copy.today.stopped, today.stopped],
  ] as const;
  return (
    <section className="panel today" aria-labelledby={headingId} data-testid="today-summary">
      <h2 id={headingId} className="panel__title">
        {copy.today.heading}
      </h2>
      <dl className="today__counts">
        {counts.map(([key, label, count]) => (
          <div key={key} className={`today__count today__count--${key}${key === 'failed' && count > 0 ? ' today__count--alert' : ''}`}>
            <dt>{label}</dt>
            <dd className="tabular" data-testid={`today-${key}`}>
              {formatCount(count)}
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
