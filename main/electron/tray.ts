import { Menu, Tray, nativeImage } from 'electron';
import type { SupervisorState } from '../../app/contract.js';
import { trayTooltip } from './tray-tooltip.js';

// A 32 px placeholder mark (build/icon.png at tray size), inlined so the packaged app needs no
// extra resource file. Replace both when the real artwork arrives.
const trayIconDataUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAkElEQVR4nO3WQRLAIAgDQN7t5+sHCiYp1hx0hiNkDzoSMUYcLbHxSWorIAv9htkQzEE2h68RP4TXCCU8OxKCCUcPhegOpxEIAB1OIF4By6HohaMQFUAJJ3q9AK3hFOICLsAFcPwZegJUBNjj9xlZfMfHFxKLlcxiKe1G5BkLQAeing8AVAg2lwAgGH6WCGirCaSTospOz48WAAAAAElFTkSuQmCC';

/** Minimal status tray: a tooltip with session and run status, Show and Quit. */
export function createStatusTray(options: { productName: string; now: () => number; onShow: () => void; onQuit: () => void }): {
  update(state: SupervisorState): void;
  dispose(): void;
} {
  const icon = nativeImage.createFromDataURL(trayIconDataUrl).resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  tray.setToolTip(trayTooltip(options.productName, undefined, options.now()));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: `Show ${options.productName}`, click: options.onShow },
      { type: 'separator' },
      { label: 'Quit', click: options.onQuit },
    ]),
  );
  tray.on('click', options.onShow);
  return {
    update: (state) => tray.setToolTip(trayTooltip(options.productName, state, options.now())),
    dispose: () => tray.destroy(),
  };
}
