import { useId } from 'react';
import type { BotView, RunView } from '../../app/contract.js';
import { copy } from '../copy.js';
import { BotItem } from './bot-item.js';

export interface BotListProps {
  bots: readonly BotView[];
  selectedRunId: string | null;
  onSelectRun(run: RunView): void;
}

export function BotList({ bots, selectedRunId, onSelectRun }: BotListProps) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {copy.bots.heading}
      </h2>
      {bots.length === 0 ? (
        <p className="card__hint">{copy.bots.none}</p>
      ) : (
        <ul className="bot-list" data-testid="bot-list">
          {bots.map((bot) => (
            <BotItem key={bot.id} bot={bot} selected={bot.lastRun !== undefined && bot.lastRun.id === selectedRunId} onSelectRun={onSelectRun} />
          ))}
        </ul>
      )}
    </section>
  );
}
