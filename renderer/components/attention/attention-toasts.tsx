import { useEffect, useRef, useState } from 'react';
import { attentionBody, attentionTitle } from '../../../app/common/attention-text.js';
import type { AttentionItemView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { fitToasts, isWithin, narrowToastWindowPx, nextToasts, splitFresh, toastLimit } from '../../format/next-toasts.js';
import { attentionElementId } from './attention-strip.js';

const toastMs = 10_000;

/**
 * The browser host's notifications: one in-page toast per attention item that appears while the
 * page is open (the Electron shell shows OS notifications instead). "Show" opens the item.
 * Items already there when the page loaded are in the strip, not toasted; nor is an item whose
 * strip entry the person can see as it arrives: that one is only announced. Each toast closes
 * itself after 10 s, or at once when its item is acknowledged or gone. In a narrow window one
 * shows at a time, cut to two lines of the item (styles.css); Show opens the whole item.
 */
export function AttentionToasts({ items, onOpen }: { items: AttentionItemView[]; onOpen(itemId: string): void }) {
  const seen = useRef<Set<string> | null>(null);
  const [toasts, setToasts] = useState<readonly AttentionItemView[]>([]);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(items.map((item) => item.id));
      return;
    }
    const known = seen.current;
    const fresh = items.filter((item) => !known.has(item.id) && !item.acknowledged);
    for (const item of items) known.add(item.id);
    const { toast, announceOnly } = splitFresh(fresh, isStripEntryOnScreen);
    if (announceOnly.length > 0) setAnnouncement(announceOnly.map((item) => `${attentionTitle(item)}. ${attentionBody(item)}`).join(' '));
    setToasts((current) => nextToasts(current, items, toast, toastLimit(window.innerWidth)));
  }, [items]);
  // A window narrowed under three toasts keeps the newest one, not three over most of the page.
  useEffect(() => {
    const narrow = window.matchMedia(`(max-width: ${narrowToastWindowPx}px)`);
    const fit = () => setToasts((current) => fitToasts(current, toastLimit(window.innerWidth)));
    narrow.addEventListener('change', fit);
    return () => narrow.removeEventListener('change', fit);
  }, []);
  // What the toasts cover at the foot of the window, kept clear by the scroll area (styles.css),
  // so a control reached by Tab is scrolled above a toast rather than left behind it.
  const regionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const region = regionRef.current;
    if (region === null) return;
    const root = document.documentElement;
    const publish = () => {
      const cover = region.querySelector('.toast') === null ? 0 : Math.ceil(window.innerHeight - region.getBoundingClientRect().top);
      root.style.setProperty('--toasts-cover', `${Math.max(0, cover)}px`);
    };
    const observer = new ResizeObserver(publish);
    observer.observe(region);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--toasts-cover');
    };
  }, []);
  const close = (id: string) => setToasts((current) => current.filter((toast) => toast.id !== id));
  // A toast steps aside after a while; the item stays in the strip and the title count.
  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = setTimeout(() => setToasts((current) => current.slice(0, -1)), toastMs);
    return () => clearTimeout(timer);
  }, [toasts]);
  const t = copy.attention;
  return (
    <section className="toasts" aria-label={t.toastRegion} aria-live="polite" data-testid="attention-toasts" ref={regionRef}>
      <p className="visually-hidden" data-testid="attention-announcement">
        {announcement}
      </p>
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.level}`} data-testid="attention-toast">
          <p className="toast__title">{attentionTitle(toast)}</p>
          <p className="toast__body">{attentionBody(toast)}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => {
                close(toast.id);
                onOpen(toast.id);
              }}
              data-testid="attention-toast-open"
            >
              {t.openItem}
            </button>
            <button type="button" className="button button--small" onClick={() => close(toast.id)}>
              {t.closeToast}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}

/** The item's entry in the strip is wholly inside the visible part of the page, and the page is showing. */
function isStripEntryOnScreen(itemId: string): boolean {
  const entry = document.getElementById(attentionElementId(itemId));
  if (entry === null || document.visibilityState !== 'visible') return false;
  const area = entry.closest('main')?.getBoundingClientRect();
  const visible = { top: Math.max(area?.top ?? 0, 0), bottom: Math.min(area?.bottom ?? window.innerHeight, window.innerHeight) };
  return isWithin(entry.getBoundingClientRect(), visible);
}
