import type { SupervisorState } from '../../app/common/contract.js';

/** What the shell does with the app's icon for one state: its badge, and whether to ask for a look. */
export interface AttentionSignal {
  /** New items that need someone, for the Dock icon (macOS) and the launcher entry (Linux). */
  badgeCount: number;
  /**
   * An item nobody has seen arrived: flash the taskbar button (Windows, Linux) or bounce the Dock
   * icon (macOS), unless the window already has focus. The strip shows it then.
   */
  flash: boolean;
}

/**
 * The app icon's share of "what needs you now", beside the tray's title and the desktop
 * notification. Like AttentionNotifications, items already there when the app starts are
 * counted but ask for no look: they were announced when they appeared.
 */
export class AttentionSignals {
  readonly #seen = new Set<string>();
  #seeded = false;

  update(state: SupervisorState): AttentionSignal {
    let badgeCount = 0;
    let flash = false;
    for (const item of state.attention) {
      if (item.acknowledged) continue;
      badgeCount += 1;
      if (!this.#seen.has(item.id)) {
        this.#seen.add(item.id);
        if (this.#seeded) flash = true;
      }
    }
    this.#seeded = true;
    // Ids leave the board when dealt with; forget those, so the set stays as small as the board.
    if (this.#seen.size > 2 * state.attention.length + 100) {
      const current = new Set(state.attention.map((item) => item.id));
      for (const id of this.#seen) if (!current.has(id)) this.#seen.delete(id);
    }
    return { badgeCount, flash };
  }
}

/**
 * Where `app.setBadgeCount` draws: the Dock (macOS) and launchers that read the Unity count
 * (Linux, from the packaged app's .desktop entry). Windows has no count on the taskbar button;
 * an overlay icon drawn with the count stands in for it there (`taskbarOverlaySupported`).
 */
export function badgeCountSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'linux';
}

/** Where the count is an overlay on the taskbar button (taskbar-overlay.ts): Windows. */
export function taskbarOverlaySupported(platform: NodeJS.Platform): boolean {
  return platform === 'win32';
}
