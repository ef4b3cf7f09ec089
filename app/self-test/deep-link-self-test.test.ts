import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../deep-link/parse-deep-link.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { DeepLinkSelfTest, handOverTimeoutMs, selfTestTimeoutMs } from './deep-link-self-test.js';

const scheme = 'uk.co.rpasupervisor.dev';

function setup(options: { browserFails?: boolean } = {}) {
  const clock = new FakeClock();
  const opened: string[] = [];
  const selfTest = new DeepLinkSelfTest({
    clock,
    scheme,
    browser: {
      open: async (url: string) => {
        opened.push(url);
        if (options.browserFails) throw new Error('no OS link handler here');
      },
    },
  });
  let changes = 0;
  selfTest.onDidChange(() => void (changes += 1));
  return { clock, opened, selfTest, changes: () => changes };
}

/** The link as a host hands it over: parsed once, a `selfTest` link with its nonce. */
function nonceOf(url: string): string {
  const link = parseDeepLink(url, { scheme });
  if (link.kind !== 'selfTest') throw new Error(`not a self-test link: ${link.kind}`);
  return link.nonce;
}

describe('DeepLinkSelfTest', () => {
  it('passes when the very link it opened comes back, and ignores another nonce', async () => {
    const { selfTest, opened, changes } = setup();
    const { url } = await selfTest.start();
    expect(opened).toEqual([url]);
    expect(selfTest.view().status).toBe('waiting');

    const forged = new URL(url);
    forged.searchParams.set('nonce', 'someone-elses');
    selfTest.answer(nonceOf(forged.href));
    expect(selfTest.view().status).toBe('waiting');

    selfTest.answer(nonceOf(url));
    expect(selfTest.view()).toMatchObject({ status: 'passed', message: expect.stringContaining('came back') });
    const announced = changes();
    // The same link again changes nothing, and says so to nobody.
    selfTest.answer(nonceOf(url));
    expect(selfTest.view().status).toBe('passed');
    expect(changes()).toBe(announced);
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
    selfTest.answer(nonceOf(url));
    expect(selfTest.view().status).toBe('failed');
  });

  it('says how to go on when this host cannot open app links, and keeps waiting', async () => {
    const { selfTest } = setup({ browserFails: true });
    const { url } = await selfTest.start();
    expect(selfTest.view()).toMatchObject({ status: 'waiting', url, message: expect.stringContaining('hand it over yourself') });
    selfTest.answer(nonceOf(url));
    expect(selfTest.view().status).toBe('passed');
  });

  it('gives a link handed over by hand five minutes, not the 30 seconds of an opened one', async () => {
    const { selfTest, clock } = setup({ browserFails: true });
    await selfTest.start();
    clock.advance(selfTestTimeoutMs);
    expect(selfTest.view().status).toBe('waiting');
    clock.advance(handOverTimeoutMs - selfTestTimeoutMs - 1);
    expect(selfTest.view().status).toBe('waiting');
    clock.advance(selfTestTimeoutMs);
    expect(selfTest.view().status).toBe('failed');
  });

  it('a link before any test started changes nothing', () => {
    const { selfTest, changes } = setup();
    selfTest.answer('0123456789abcdef0123456789abcdef');
    expect(selfTest.view()).toEqual({ status: 'idle' });
    expect(changes()).toBe(0);
  });

  it('a listener that throws never aborts the test', async () => {
    const { selfTest, opened } = setup();
    selfTest.onDidChange(() => {
      throw new Error('a broken window');
    });
    await expect(selfTest.start()).resolves.toMatchObject({ url: expect.stringContaining('://selftest?nonce=') });
    expect(opened).toHaveLength(1);
    expect(selfTest.view().status).toBe('waiting');
  });
});
