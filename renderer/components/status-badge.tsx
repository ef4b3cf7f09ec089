import type { ReactNode } from 'react';
import type { Tone } from '../format/tone.js';

export interface StatusBadgeProps {
  tone: Tone;
  testId?: string;
  /** Announce changes politely (for statuses that change rarely and matter, like a session's). */
  live?: boolean;
  children: ReactNode;
}

/** A status in words with a colour cue; the words carry the meaning, never the colour alone. */
export function StatusBadge({ tone, testId, live = false, children }: StatusBadgeProps) {
  return (
    <span className={`status-badge status-badge--${tone}`} data-testid={testId} aria-live={live ? 'polite' : undefined}>
      {children}
    </span>
  );
}
