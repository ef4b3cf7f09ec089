import { useEffect } from 'react';

/**
 * The attributes a sign-in control carries so focus can follow the sign-in it belongs to:
 * `data-sign-in-focus` names the profile, `data-sign-in-place` where the control sits, and
 * `data-sign-in-next` marks, in each place, where focus belongs in the profile's current state
 * (Cancel while the sign-in waits, "Finishing sign-in…" while it is finished, and after it the
 * card's heading, or the Sign in or Re-authenticate that starts the next one).
 */
export type SignInPlace = 'card' | 'header' | 'elsewhere';

export function signInFocusProps(profileId: string, place: SignInPlace, next = false) {
  return { 'data-sign-in-focus': profileId, 'data-sign-in-place': place, 'data-sign-in-next': next ? '' : undefined };
}


interface Held {
  /** The focused control itself, which may sit inside the marked element (a card, a header entry). */
  element: HTMLElement;
  profileId: string;
  place: string;
  /** Bots whose Start the control's sign-in lets go (the shared note's), first choice once it has. */
  thenBots: string[];
}

/**
 * Keeps keyboard focus with a sign-in when the control that held it goes: Sign in and
 * Re-authenticate give way to Cancel as the sign-in begins (the banner's vanish with the warning),
 * Cancel to "Finishing sign-in…", the shared note's Sign in to the Starts it lets go. Chromium
 * drops focus to the page when a focused element is removed, and the next Tab would start again
 * from the top. Focus moves only when it is on the page itself and the control that had it has
 * gone: focus the person took elsewhere, by keyboard or pointer, is theirs.
 */
export function useSignInFocus(): void {
  useEffect(() => {
    let held: Held | null = null;
    const onFocusIn = (event: FocusEvent) => {
      const focused = event.target instanceof HTMLElement ? event.target : null;
      const owner = focused?.closest<HTMLElement>('[data-sign-in-focus]');
      held = focused && owner ? heldOf(focused, owner) : null;
    };
    // A click on the page's background takes focus away on purpose; a removed control does not.
    const onFocusOut = (event: FocusEvent) => {
      const was = held;
      if (was === null || event.target !== was.element || event.relatedTarget !== null) return;
      setTimeout(() => {
        if (held === was && was.element.isConnected) held = null;
      });
    };
    const onPointerDown = () => {
      if (held !== null && !held.element.isConnected) held = null;
    };
    const observer = new MutationObserver(() => {
      if (held === null || held.element.isConnected || !focusIsLost()) return;
      const target = nextFocus(held);
      // Nothing to go to yet (the next state has not arrived): keep waiting while focus is lost.
      if (target !== null) target.focus();
    });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointerDown, true);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointerDown, true);
      observer.disconnect();
    };
  }, []);
}

/** The focused control, and what the nearest element marked for a sign-in says about it. */
function heldOf(element: HTMLElement, owner: HTMLElement): Held {
  const { signInFocus = '', signInPlace = 'elsewhere', signInThenBots = '' } = owner.dataset;
  return { element, profileId: signInFocus, place: signInPlace, thenBots: signInThenBots.split(' ').filter(Boolean) };
}

/**
 * Where focus goes: a Start the sign-in let go; then what now stands in the control's own place
 * (the header's entry for a header control); then the profile's sign-in card; then its header entry.
 */
function nextFocus(held: Held): HTMLElement | null {
  const profile = CSS.escape(held.profileId);
  const inPlace = (place: SignInPlace) => document.querySelectorAll<HTMLElement>(`[data-sign-in-focus="${profile}"][data-sign-in-place="${place}"][data-sign-in-next]`);
  const candidates: HTMLElement[] = [];
  for (const botId of held.thenBots) {
    const start = document.querySelector<HTMLElement>(`[data-start-bot="${CSS.escape(botId)}"]`);
    if (start) candidates.push(start);
  }
  if (held.place === 'header') candidates.push(...inPlace('header'));
  candidates.push(...inPlace('card'), ...inPlace('header'));
  for (const candidate of candidates) {
    if (!candidate.matches(':disabled') && candidate.checkVisibility()) return candidate;
  }
  return null;
}

/** Focus is on the page itself, not on any control. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active === document.documentElement;
}
