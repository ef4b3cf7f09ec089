/**
 * A select whose every change is saved at once (Settings → Workers, "Where bots run"): what it
 * shows while choices are in flight. Arrow keys can send several choices before the first answer;
 * only the latest may move the select, states from the core that predate it may not move it back,
 * and a choice that failed falls back to what the core last said.
 */
export interface LatestChoice {
  /** What the select shows. */
  shown: string;
  /** The latest choice not yet confirmed by a state from the core; null when none is. */
  sent: string | null;
}

export type ChoiceEvent =
  /** The user picked `value`; it is being saved. */
  | { kind: 'chosen'; value: string }
  /** A state from the core says the setting is `value`. */
  | { kind: 'saved'; value: string }
  /** The core answered the save of `value`; `saved` is what its latest state says. */
  | { kind: 'answered'; value: string; ok: boolean; saved: string };

export function initialChoice(saved: string): LatestChoice {
  return { shown: saved, sent: null };
}

export function nextChoice(state: LatestChoice, event: ChoiceEvent): LatestChoice {
  switch (event.kind) {
    case 'chosen':
      return { shown: event.value, sent: event.value };
    case 'saved':
      if (state.sent !== null && state.sent !== event.value) return state;
      return state.shown === event.value && state.sent === null ? state : { shown: event.value, sent: null };
    case 'answered':
      // An answer to an earlier choice says nothing about the latest one.
      if (state.sent !== event.value) return state;
      if (!event.ok) return { shown: event.saved, sent: null };
      // Saved: the state that says so may have come first, and then none will come to confirm it.
      return event.saved === event.value ? { shown: event.value, sent: null } : state;
  }
}
