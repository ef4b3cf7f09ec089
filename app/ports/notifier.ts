/** Tells the user something outside the window: an OS notification, or an in-page one. */
export interface Notifier {
  notify(notice: { title: string; body: string; level: 'info' | 'warning' | 'error' }): void;
}

export const silentNotifier: Notifier = { notify: () => undefined };
