import { describe, expect, it } from 'vitest';
import { ElectronNotifier, maxRetainedNotifications, notificationAppUserModelId, type NotificationFactory } from './electron-notifier.js';

function fakeFactory(supported: boolean) {
  const shown: Array<Parameters<NotificationFactory['create']>[0]> = [];
  const factory: NotificationFactory = {
    isSupported: () => supported,
    create: (options) => ({ show: () => void shown.push(options) }),
  };
  return { factory, shown };
}

describe('ElectronNotifier', () => {
  it('maps levels to urgency and silences info', () => {
    const { factory, shown } = fakeFactory(true);
    const notifier = new ElectronNotifier(factory);
    notifier.notify({ title: 'Session', body: 'Expires in 15 minutes', level: 'warning' });
    notifier.notify({ title: 'Session', body: 'Expired', level: 'error' });
    notifier.notify({ title: 'Run', body: 'Finished', level: 'info' });
    expect(shown.map((n) => [n.urgency, n.silent])).toEqual([
      ['normal', false],
      ['critical', false],
      ['low', true],
    ]);
    expect(shown[0]).toMatchObject({ title: 'Session', body: 'Expires in 15 minutes' });
  });

  it('does nothing where the OS has no notification service', () => {
    const { factory, shown } = fakeFactory(false);
    new ElectronNotifier(factory).notify({ title: 't', body: 'b', level: 'error' });
    expect(shown).toEqual([]);
  });
});

/** A notification whose listeners the test can fire, as Electron's would on a click or dismissal. */
function firingFactory() {
  const created: Array<{ emit(event: string): void }> = [];
  const factory: NotificationFactory = {
    isSupported: () => true,
    create: () => {
      const listeners = new Map<string, Array<() => void>>();
      const notification = {
        show: () => undefined,
        on: (event: string, listener: () => void) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
        emit: (event: string) => (listeners.get(event) ?? []).forEach((listener) => listener()),
      };
      created.push(notification);
      return notification;
    },
  };
  return { factory, created };
}

describe('ElectronNotifier keeps clickable notifications alive', () => {
  // Electron holds a main-process Notification weakly: once the JS object is collected, a click
  // on the toast no longer reaches its listener (electron/electron#16922, #12690).
  it('holds a notification that opens an item until it is clicked or fails', () => {
    const { factory, created } = firingFactory();
    const opened: string[] = [];
    const notifier = new ElectronNotifier(factory);
    notifier.onOpenItem = (itemId) => void opened.push(itemId);
    notifier.notify({ title: 'Question', body: 'A bot asks', level: 'warning', itemId: 'q1' });
    notifier.notify({ title: 'Question', body: 'Another', level: 'warning', itemId: 'q2' });
    notifier.notify({ title: 'Question', body: 'A third', level: 'warning', itemId: 'q3' });
    notifier.notify({ title: 'Run', body: 'Finished', level: 'info' });
    expect(notifier.retained).toBe(3);
    created[0]?.emit('click');
    created[2]?.emit('failed');
    expect(opened).toEqual(['q1']);
    expect(notifier.retained).toBe(1);
    // Windows closes a timed-out toast into the Action Center, where a click must still work.
    created[1]?.emit('close');
    expect(notifier.retained).toBe(1);
    created[1]?.emit('click');
    expect(opened).toEqual(['q1', 'q2']);
    expect(notifier.retained).toBe(0);
  });

  it('keeps at most a bounded number, so toasts the OS never reports closed cannot pile up', () => {
    const { factory } = firingFactory();
    const notifier = new ElectronNotifier(factory);
    expect(maxRetainedNotifications).toBeGreaterThan(0);
    for (let i = 0; i < maxRetainedNotifications + 5; i += 1) notifier.notify({ title: 't', body: 'b', level: 'warning', itemId: `i${i}` });
    expect(notifier.retained).toBe(maxRetainedNotifications);
  });
});

describe('notificationAppUserModelId (Windows toasts)', () => {
  it('is the app id when installed, and the executable in development, where no shortcut carries the app id', () => {
    const appId = 'uk.co.rpasupervisor.app';
    expect(notificationAppUserModelId({ isPackaged: true, appId, execPath: 'C:\\Program Files\\RPA Supervisor\\RPA Supervisor.exe' })).toBe(appId);
    expect(notificationAppUserModelId({ isPackaged: false, appId, execPath: 'C:\\repo\\node_modules\\electron\\dist\\electron.exe' })).toBe('C:\\repo\\node_modules\\electron\\dist\\electron.exe');
  });
});
