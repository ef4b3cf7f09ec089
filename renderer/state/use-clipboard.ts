import { useCallback, useEffect, useRef, useState } from 'react';

export type ClipboardState = 'idle' | 'copied' | 'failed';

/** How long "Copied." stays before the feedback clears, so a second copy is announced again. */
const feedbackMs = 4_000;

/**
 * Copies text and reports how it went, for a status message next to the button. The Clipboard
 * API is missing outside secure contexts and may be refused by permission policy; both count as
 * "failed", and the caller offers a manual way (selectable text or a download).
 */
export function useClipboard(): { state: ClipboardState; copy(text: string): Promise<boolean> } {
  const [state, setState] = useState<ClipboardState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copyText = useCallback(async (text: string) => {
    clearTimeout(timer.current);
    let ok = false;
    try {
      if (!navigator.clipboard) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = false;
    }
    setState(ok ? 'copied' : 'failed');
    timer.current = setTimeout(() => setState('idle'), feedbackMs);
    return ok;
  }, []);
  return { state, copy: copyText };
}
