import { useEffect } from 'react';

/**
 * Gives keyboard focus back to a control that a command in flight disabled for a moment (Test
 * connection, Pause, Save, Use this link…). Chromium takes focus away from a control as it becomes
 * disabled, and the next Tab would then start again from the top of the page. The control gets
 * focus back as soon as it is enabled again, unless focus has gone somewhere else meanwhile (the
 * person moved on, or the page moved focus to a result on purpose). Disabled by an ancestor (the
 * offline fieldset) counts too, so a reconnect also gives focus back.
 */
export function useFocusReturn(): void {
  useEffect(() => {
    let lastFocused: HTMLElement | null = null;
    let parked = false;
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof HTMLElement) || event.target === lastFocused) return;
      lastFocused = event.target;
      parked = false;
    };
    // Focus the person took away themselves (a click on the page's background) is theirs.
    const onFocusOut = (event: FocusEvent) => {
      if (event.target === lastFocused && event.relatedTarget === null && !lastFocused?.matches(':disabled')) lastFocused = null;
    };
    const observer = new MutationObserver((records) => {
      const control = lastFocused;
      if (control === null || !control.isConnected) return;
      const touched = parked || records.some((record) => record.target.contains(control));
      if (!touched) return;
      if (control.matches(':disabled')) {
        parked = true;
        return;
      }
      parked = false;
      if (focusIsLost()) control.focus();
    });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    observer.observe(document.body, { attributes: true, attributeFilter: ['disabled'], subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      observer.disconnect();
    };
  }, []);
}

/** Focus is on the page itself, not on any control. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active === document.documentElement;
}
