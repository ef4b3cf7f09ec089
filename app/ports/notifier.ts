/** Tells the user something outside the window: an OS notification, or an in-page one. */
export interface Notifier {
  /** `itemId`: the attention item it announces; a click on it opens that item (`focusAttention`). */
  notify(notice: { title: string; body: string; level: 'info' | 'warning' | 'error'; itemId?: string }): void;
}

export const silentNotifier: Notifier = { notify: () => undefined };
