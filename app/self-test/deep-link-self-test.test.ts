import { describe, expect, it } from 'vitest';
import { FakeClock } from '../test-support/fake-clock.js';
import { DeepLinkSelfTest, selfTestTimeoutMs } from './deep-link-self-test.js';

function setup(options: { browserFails?: boolean } = {}) {
  const clock = new FakeClock();
  const opened: string[] = [];
  let changes = 0;
  const selfTest = new DeepLinkSelfTest({
    clock,
    scheme: 'uk.co.rpasupervisor.dev',
    browser: {
      open: async (url: string) => {
        opened.push(url);
        if (options.browserFails) throw new Error('no OS link handler here');
      },
    },
    onChange: () => void (changes += 1),
  });
  return { clock, opened, selfTest, changes: () => changes };
}

describe('DeepLinkSelfTest', () => {
  it('passes when the very link it opened comes back, and ignores another nonce', async () => {
    const { selfTest, opened } = setup();
    const { url } = await selfTest.start();
    expect(opened).toEqual([url]);
    expect(selfTest.view().status).toBe('waiting');

    const forged = new URL(url);
    forged.searchParams.set('nonce', 'someone-elses');
    expect(selfTest.accept(forged.href)).toBe(true);
    expect(selfTest.view().status).toBe('waiting');

    expect(selfTest.accept(url)).toBe(true);
    expect(selfTest.view()).toMatchObject({ status: 'passed', message: expect.stringContaining('came back') });
    // The same link again is still swallowed, and changes nothing.
    expect(selfTest.accept(url)).toBe(true);
    expect(selfTest.view().status).toBe('passed');
  });

  it('fails after the timeout without a message of its own; a late link changes nothing', async () => {
    const { selfTest, clock } = setup();
    const { url } = await selfTest.start();
    clock.advance(selfTestTimeoutMs - 1);
    expect(selfTest.view().status).toBe('waiting');
    clock.advance(1);
    const failed = selfTest.view();
    expect(failed.status).toBe('failed');
    expect(failed.message).toBeUndefined();
    expect(failed.finishedAt).toBe(clock.now());
    selfTest.accept(url);
    expect(selfTest.view().status).toBe('failed');
  });

  it('says how to go on when this host cannot open app links, and keeps waiting', async () => {
    const { selfTest } = setup({ browserFails: true });
    const { url } = await selfTest.start();
    expect(selfTest.view()).toMatchObject({ status: 'waiting', url, message: expect.stringContaining('launcher') });
    selfTest.accept(url);
    expect(selfTest.view().status).toBe('passed');
  });

  it('leaves sign-in links and other schemes alone', () => {
    const { selfTest } = setup();
    expect(selfTest.accept('uk.co.rpasupervisor.dev://auth/callback?code=c&state=s')).toBe(false);
    expect(selfTest.accept('uk.co.rpasupervisor://selftest?nonce=x')).toBe(false);
    expect(selfTest.accept('not a url')).toBe(false);
  });
});
