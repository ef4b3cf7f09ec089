import type { BotView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { formatDateTime } from '../format/format-date-time.js';
import { ErrorMessage } from './error-message.js';

/** Rows for a bot's facts list: priority when not normal, exclusive, and its schedule with the next and last firing. */
export function BotScheduleFacts({ bot }: { bot: BotView }) {
  const { schedule } = bot;
  const last = schedule?.last;
  return (
    <>
      {bot.priority !== undefined && bot.priority !== 'normal' ? (
        <div className="facts__row">
          <dt>{copy.schedule.priority}</dt>
          <dd data-testid={`bot-priority-${bot.id}`}>{copy.queue.priority[bot.priority]}</dd>
        </div>
      ) : null}
      {bot.exclusive ? (
        <div className="facts__row">
          <dt>{copy.queue.uses}</dt>
          <dd data-testid={`bot-exclusive-${bot.id}`}>{copy.schedule.exclusive}</dd>
        </div>
      ) : null}
      {schedule ? (
        <>
          <div className="facts__row">
            <dt>{copy.schedule.label}</dt>
            <dd data-testid={`bot-schedule-${bot.id}`}>
              <code>{schedule.enabled ? schedule.cron : copy.schedule.off(schedule.cron)}</code>{' '}
              <span className="card__hint">({schedule.source === 'settings' ? copy.schedule.fromSettings : copy.schedule.fromManifest})</span>
            </dd>
          </div>
          {schedule.nextAt !== undefined ? (
            <div className="facts__row">
              <dt>{copy.schedule.next}</dt>
              <dd data-testid={`bot-schedule-next-${bot.id}`}>{formatDateTime(schedule.nextAt)}</dd>
            </div>
          ) : null}
          {last ? (
            <div className="facts__row">
              <dt>{copy.schedule.last}</dt>
              <dd data-testid={`bot-schedule-last-${bot.id}`} data-outcome={last.outcome}>
                {last.outcome === 'started' ? copy.schedule.started(formatDateTime(last.at)) : copy.schedule.skipped(formatDateTime(last.at))}
                {last.outcome === 'skipped' ? <ErrorMessage error={last.reason} variant="inline" /> : null}
              </dd>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
