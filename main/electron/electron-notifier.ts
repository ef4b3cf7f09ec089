import type { Notifier } from '../../app/ports/notifier.js';

/** The slice of Electron's `Notification` class the notifier needs; tests pass a fake. */
export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string; urgency: 'low' | 'normal' | 'critical'; silent: boolean }): { show(): void };
}

/**
 * Notifier over OS notifications. Expiry warnings must reach a supervisor who is looking at
 * another window, so errors are `critical` (they stay on screen on Linux) and info is silent.
 * Where the OS has no notification service the call does nothing: the in-app banner still shows.
 */
export class ElectronNotifier implements Notifier {
  readonly #factory: NotificationFactory;

  constructor(factory: NotificationFactory) {
    this.#factory = factory;
  }

  notify(notice: { title: string; body: string; level: 'info' | 'warning' | 'error' }): void {
    if (!this.#factory.isSupported()) return;
    const urgency = notice.level === 'error' ? 'critical' : notice.level === 'warning' ? 'normal' : 'low';
    this.#factory.create({ title: notice.title, body: notice.body, urgency, silent: notice.level === 'info' }).show();
  }
}
