import { describe, expect, it } from 'vitest';
import { windowDialogChoice, windowDialogContent } from './window-health-dialog.js';

describe('windowDialogContent', () => {
  it('names the window, offers Wait (the default and the cancel answer) and Reload window, and says the bots keep running', () => {
    const content = windowDialogContent('notResponding', 'RPA Supervisor', 0);
    expect(content.message).toBe('RPA Supervisor’s window is not responding');
    expect(content.buttons).toEqual(['Wait', 'Reload window']);
    expect(content.buttons[content.defaultId]).toBe('Wait');
    expect(content.buttons[content.cancelId]).toBe('Wait');
    expect(content.detail).toContain('bots and sign-ins keep running');
    expect(content.detail).toContain('not saved yet is lost');
  });

  it('for a window that keeps stopping, says how often and offers Reload window by default, Not now on Esc', () => {
    const content = windowDialogContent('stoppedAgain', 'RPA Supervisor', 3);
    expect(content.message).toBe('RPA Supervisor’s window stopped working again');
    expect(content.detail).toContain('It stopped 3 times in the last 5 minutes');
    expect(content.buttons[content.defaultId]).toBe('Reload window');
    expect(content.buttons[content.cancelId]).toBe('Not now');
  });

  it('maps the box’s answer to a choice: only the Reload window button reloads', () => {
    for (const kind of ['notResponding', 'stoppedAgain'] as const) {
      const { buttons, cancelId } = windowDialogContent(kind, 'RPA Supervisor', 3);
      expect(windowDialogChoice(buttons.indexOf('Reload window'))).toBe('reload');
      expect(windowDialogChoice(cancelId)).toBe('wait');
    }
  });
});
