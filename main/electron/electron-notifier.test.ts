import { describe, expect, it } from 'vitest';
import { ElectronNotifier, type NotificationFactory } from './electron-notifier.js';

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
