import type { Notifier } from '../../app/ports/notifier.js';

type NotificationEvent = 'click' | 'failed';

/** The slice of Electron's `Notification` class the notifier needs; tests pass a fake. */
export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string; urgency: 'low' | 'normal' | 'critical'; silent: boolean }): { show(): void; on?(event: NotificationEvent, listener: () => void): unknown };
}

/**
 * Clickable notifications held at once. A toast nobody clicks is never released otherwise (see
 * below), so the oldest is let go past this bound.
 */
export const maxRetainedNotifications = 32;

/**
 * Notifier over OS notifications. Expiry warnings must reach a supervisor who is looking at
 * another window, so errors are `critical` (they stay on screen on Linux) and info is silent.
 * Where the OS has no notification service the call does nothing: the in-app banner still shows.
 */
export class ElectronNotifier implements Notifier {
  readonly #factory: NotificationFactory;
  /**
   * Electron keeps only a weak reference to a main-process Notification: once the JS object is
   * garbage-collected, a click on the toast never reaches its listener (electron/electron#16922).
   * Notifications that open an item are held here until they are clicked or fail. Not until
   * `close`: on Windows it fires when the toast times out into the Action Center, where it can
   * still be clicked, and elsewhere it is not guaranteed to fire at all.
   */
  readonly #live = new Set<object>();
  /** Set by the shell once the window exists: a click on an attention notification opens the item. */
  onOpenItem: ((itemId: string) => void) | undefined;

  constructor(factory: NotificationFactory) {
    this.#factory = factory;
  }

  /** How many clickable notifications are held alive. */
  get retained(): number {
    return this.#live.size;
  }

  notify(notice: { title: string; body: string; level: 'info' | 'warning' | 'error'; itemId?: string }): void {
    if (!this.#factory.isSupported()) return;
    const urgency = notice.level === 'error' ? 'critical' : notice.level === 'warning' ? 'normal' : 'low';
    const notification = this.#factory.create({ title: notice.title, body: notice.body, urgency, silent: notice.level === 'info' });
    const { itemId } = notice;
    if (itemId !== undefined && notification.on) {
      const release = (): void => void this.#live.delete(notification);
      notification.on('click', () => {
        release();
        this.onOpenItem?.(itemId);
      });
      notification.on('failed', release);
      this.#retain(notification);
    }
    notification.show();
  }

  #retain(notification: object): void {
    this.#live.add(notification);
    // A Set iterates in insertion order, so the first entry is the oldest.
    for (const oldest of this.#live) {
      if (this.#live.size <= maxRetainedNotifications) break;
      this.#live.delete(oldest);
    }
  }
}

/**
 * The AppUserModelID Windows files the app's toasts under. A packaged install's Start menu
 * shortcut carries the app id (electron-builder's appId); a development run has no shortcut of
 * its own, and Windows shows its toasts only under the id of the executable (Electron's
 * notifications guide: `process.execPath`, pinned to Start).
 */
export function notificationAppUserModelId(options: { isPackaged: boolean; appId: string; execPath: string }): string {
  return options.isPackaged ? options.appId : options.execPath;
}
