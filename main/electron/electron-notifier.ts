import type { Notifier } from '../../app/ports/notifier.js';

/** The slice of Electron's `Notification` class the notifier needs; tests pass a fake. */
export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string; urgency: 'low' | 'normal' | 'critical'; silent: boolean }): { show(): void; on?(event: 'click', listener: () => void): unknown };
}

/**
 * Notifier over OS notifications. Expiry warnings must reach a supervisor who is looking at
 * another window, so errors are `critical` (they stay on screen on Linux) and info is silent.
 * Where the OS has no notification service the call does nothing: the in-app banner still shows.
 */
export class ElectronNotifier implements Notifier {
  readonly #factory: NotificationFactory;
  /** Set by the shell once the window exists: a click on an attention notification opens the item. */
  onOpenItem: ((itemId: string) => void) | undefined;

  constructor(factory: NotificationFactory) {
    this.#factory = factory;
  }

  notify(notice: { title: string; body: string; level: 'info' | 'warning' | 'error'; itemId?: string }): void {
    if (!this.#factory.isSupported()) return;
    const urgency = notice.level === 'error' ? 'critical' : notice.level === 'warning' ? 'normal' : 'low';
    const notification = this.#factory.create({ title: notice.title, body: notice.body, urgency, silent: notice.level === 'info' });
    const { itemId } = notice;
    if (itemId !== undefined) notification.on?.('click', () => this.onOpenItem?.(itemId));
    notification.show();
  }
}
