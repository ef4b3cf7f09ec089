import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { errorView } from '../../app/common/error-view.js';
import { parseHandOffArgs } from './hand-off-args.js';
import { handOffReport } from './hand-off-deep-link.js';
import { readLinkFromStdin, type LinkInput } from './read-link-from-stdin.js';

const link = 'uk.co.rpasupervisor.dev://auth/callback?code=the-secret-code&state=s';

/** stdin as the launcher sees it: a terminal in raw mode, or a pipe. */
function fakeStdin(isTTY: boolean): LinkInput & { type(text: string): void; end(): void; rawModes: boolean[] } {
  const emitter = new EventEmitter();
  const rawModes: boolean[] = [];
  return {
    isTTY,
    rawModes,
    ...(isTTY ? { setRawMode: (mode: boolean) => rawModes.push(mode) } : {}),
    on: (event, listener) => emitter.on(event, listener),
    once: (event, listener) => emitter.once(event, listener),
    removeAllListeners: (event) => emitter.removeAllListeners(event),
    resume: () => undefined,
    pause: () => undefined,
    type: (text) => emitter.emit('data', Buffer.from(text)),
    end: () => emitter.emit('end'),
  };
}

describe('parseHandOffArgs', () => {
  it('reads the link from stdin by default, or takes it as the only argument', () => {
    expect(parseHandOffArgs([])).toEqual({ kind: 'stdin' });
    expect(parseHandOffArgs([link])).toEqual({ kind: 'argument', url: link });
    expect(parseHandOffArgs(['--deep-link', link])).toEqual({ kind: 'argument', url: link });
    expect(parseHandOffArgs(['--help']).kind).toBe('help');
  });

  it('S8 refuses several links and switches around a link', () => {
    expect(parseHandOffArgs([link, link]).kind).toBe('invalid');
    expect(parseHandOffArgs(['--gpu-launcher=evil', link]).kind).toBe('invalid');
  });
});

describe('handOffReport', () => {
  it('prints who signed in, exit 0', () => {
    expect(handOffReport({ kind: 'answered', result: { kind: 'signedIn', profileId: 'sandbox', profileName: 'Local sandbox', user: { subject: 'demo', name: 'Dr Demo' } } })).toEqual({
      exitCode: 0,
      line: 'Signed in as Dr Demo to Local sandbox.',
    });
  });

  it('a company connected for the person already signed in says so, not that the verifying account signed in', () => {
    const result = { kind: 'signedIn', profileId: 'hcss', profileName: 'HCSS', user: { subject: 'manager', name: 'Dr Manager' }, company: 'clinic-1', connectedCompany: 'clinic-2', userStays: true } as const;
    expect(handOffReport({ kind: 'answered', result })).toEqual({ exitCode: 0, line: 'Connected company clinic-2 for Dr Manager, who stays signed in to HCSS.' });
  });

  it('prints the refusal reason with its code, exit 1; not running is exit 3; never the link', () => {
    const refused = handOffReport({ kind: 'answered', result: { kind: 'refused', error: errorView('state_mismatch') } });
    expect(refused.exitCode).toBe(1);
    expect(refused.line).toContain('(error code state_mismatch)');
    const down = handOffReport({ kind: 'unavailable', message: 'RPA Supervisor is not running.' });
    expect(down.exitCode).toBe(3);
    for (const report of [refused, down]) expect(report.line).not.toContain('the-secret-code');
  });
});

describe('readLinkFromStdin', () => {
  it('at a terminal reads the pasted link in raw mode and never echoes it', async () => {
    const input = fakeStdin(true);
    const shown: string[] = [];
    const read = readLinkFromStdin(input, (text) => shown.push(text));
    input.type(`${link}\r`);
    await expect(read).resolves.toEqual({ kind: 'link', url: link });
    expect(input.rawModes).toEqual([true, false]);
    expect(shown.join('')).toContain('Paste the link');
    expect(shown.join('')).not.toContain('the-secret-code');
  });

  it('Ctrl+C cancels; backspace edits', async () => {
    const cancelled = fakeStdin(true);
    const first = readLinkFromStdin(cancelled, () => undefined);
    cancelled.type('uk.co\u0003');
    await expect(first).resolves.toEqual({ kind: 'cancelled' });

    const edited = fakeStdin(true);
    const second = readLinkFromStdin(edited, () => undefined);
    edited.type(`${link}x\u007f\n`);
    await expect(second).resolves.toEqual({ kind: 'link', url: link });
  });

  it('from a pipe takes the first non-empty line, trimmed; nothing is "empty"', async () => {
    const piped = fakeStdin(false);
    const read = readLinkFromStdin(piped, () => undefined);
    piped.type(`\n  ${link}  \nsecond line\n`);
    piped.end();
    await expect(read).resolves.toEqual({ kind: 'link', url: link });

    const nothing = fakeStdin(false);
    const none = readLinkFromStdin(nothing, () => undefined);
    nothing.end();
    await expect(none).resolves.toEqual({ kind: 'empty' });
  });

  it('refuses far more text than a link', async () => {
    const piped = fakeStdin(false);
    const read = readLinkFromStdin(piped, () => undefined);
    piped.type('x'.repeat(20_000));
    await expect(read).resolves.toEqual({ kind: 'tooLong' });
  });
});
