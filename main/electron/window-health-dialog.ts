import { lossWindowMs, type WindowDialogChoice, type WindowDialogKind } from './window-health.js';

/** The native message box's content (Electron's MessageBoxOptions, minus the window and signal). */
export interface WindowDialogContent {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  /** Esc, the window manager's close button, and the shell closing the box all answer this. */
  cancelId: number;
  noLink: true;
}

const reloadIndex = 1;
const keepsRunning = 'Your bots and sign-ins keep running: they do not depend on this window. Bots’ questions and expiry warnings still come as desktop notifications, and the tray still shows who is signed in and the time left.';

/**
 * The words of the two window dialogs. Waiting is the default and the cancel answer for a hang:
 * Enter pressed by someone who was typing must not throw away what they typed.
 */
export function windowDialogContent(kind: WindowDialogKind, productName: string, recentLosses: number): WindowDialogContent {
  if (kind === 'notResponding') {
    return {
      type: 'warning',
      title: productName,
      message: `${productName}’s window is not responding`,
      detail: `${keepsRunning}\n\nWait for the window, or reload it. Reloading restarts only the window; anything typed into it and not saved yet is lost.`,
      buttons: ['Wait', 'Reload window'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
  }
  const minutes = Math.round(lossWindowMs / 60_000);
  return {
    type: 'warning',
    title: productName,
    message: `${productName}’s window stopped working again`,
    detail: `It stopped ${recentLosses} times in the last ${minutes} minutes, so it was not reloaded automatically. ${keepsRunning}\n\nDetails are in the log file in the app data folder.`,
    buttons: ['Not now', 'Reload window'],
    defaultId: reloadIndex,
    cancelId: 0,
    noLink: true,
  };
}

/** The answer for the index of the button the message box returned. */
export function windowDialogChoice(response: number): WindowDialogChoice {
  return response === reloadIndex ? 'reload' : 'wait';
}
