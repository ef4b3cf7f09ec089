import { useId } from 'react';
import type { BotView, RunPriority } from '../../app/common/contract.js';
import { runPriorities } from '../../app/common/run-priority.js';
import { copy } from '../copy.js';

export interface StartPriorityProps {
  bot: BotView;
  value: RunPriority;
  /** The manifest's priority (normal when it names none), marked in the list. */
  defaultValue: RunPriority;
  onChange(priority: RunPriority): void;
}

/** Where the next run of this bot waits in the queue: the manifest's default, or one chosen for this run. */
export function StartPriority({ bot, value, defaultValue, onChange }: StartPriorityProps) {
  const id = useId();
  return (
    <span className="start-priority">
      <label htmlFor={id} className="visually-hidden">
        {copy.schedule.startPriorityOf(bot.name)}
      </label>
      <select
        id={id}
        className="input input--select start-priority__select"
        value={value}
        onChange={(event) => onChange(event.target.value as RunPriority)}
        data-testid={`start-priority-${bot.id}`}
      >
        {runPriorities.map((priority) => (
          <option key={priority} value={priority}>
            {priority === defaultValue ? copy.schedule.defaultPriority(copy.queue.priority[priority]) : copy.queue.priority[priority]}
          </option>
        ))}
      </select>
    </span>
  );
}
