import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { attentionBadge } from './attention-badge.js';
import type { SupervisorState } from '../../app/common/contract.js';
import { trayMenuModel, type TrayAction, type TrayMenuItem } from './tray-menu.js';
import { trayTooltip } from './tray-tooltip.js';

// A 32 px placeholder mark (build/icon.png at tray size), inlined so the packaged app needs no
// extra resource file. Replace both when the real artwork arrives.
const trayIconDataUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAkElEQVR4nO3WQRLAIAgDQN7t5+sHCiYp1hx0hiNkDzoSMUYcLbHxSWorIAv9htkQzEE2h68RP4TXCCU8OxKCCUcPhegOpxEIAB1OIF4By6HohaMQFUAJJ3q9AK3hFOICLsAFcPwZegJUBNjj9xlZfMfHFxKLlcxiKe1G5BkLQAeing8AVAg2lwAgGH6WCGirCaSTospOz48WAAAAAElFTkSuQmCC';

/** Time left is shown in minutes; refresh often enough that it is never a minute stale. */
const refreshMs = 30_000;

/**
 * The status tray: the tooltip and the menu both show each session's status and time left
 * (tray-tooltip.ts, tray-menu.ts), with Sign in / Re-authenticate / Stop all / Show / Quit.
 * The menu is rebuilt only when its text changes, because some Linux trays flicker on rebuild.
 */
export function createStatusTray(options: { productName: string; now: () => number; onAction: (action: TrayAction) => void }): {
  update(state: SupervisorState): void;
  dispose(): void;
} {
  const icon = nativeImage.createFromDataURL(trayIconDataUrl).resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  let latest: SupervisorState | undefined;
  let shownMenu = '';

  const render = (): void => {
    const now = options.now();
    const badge = attentionBadge(latest);
    tray.setToolTip(badge.tooltipLine ? `${badge.tooltipLine}\n${trayTooltip(options.productName, latest, now)}`.slice(0, 127) : trayTooltip(options.productName, latest, now));
    tray.setTitle(badge.title);
    const model = trayMenuModel(options.productName, latest, now);
    const key = JSON.stringify(model);
    if (key === shownMenu) return;
    shownMenu = key;
    tray.setContextMenu(Menu.buildFromTemplate(model.map((item) => toMenuItem(item, options.onAction))));
  };

  render();
  tray.on('click', () => options.onAction({ type: 'show' }));
  const timer = setInterval(render, refreshMs);
  timer.unref();
  return {
    update: (state) => {
      latest = state;
      render();
    },
    dispose: () => {
      clearInterval(timer);
      tray.destroy();
    },
  };
}

function toMenuItem(item: TrayMenuItem, onAction: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'status':
      return { label: escapeMnemonic(item.label), enabled: false };
    case 'action':
      return { label: escapeMnemonic(item.label), enabled: item.enabled, click: () => onAction(item.action) };
  }
}

/** `&` marks a keyboard mnemonic in menu labels; a profile called "A&E" must show as written. */
function escapeMnemonic(label: string): string {
  return label.replace(/&/g, '&&');
}
