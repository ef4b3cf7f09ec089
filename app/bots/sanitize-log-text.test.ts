import { describe, expect, it } from 'vitest';
import { PatientRedactor } from './patient-redactor.js';
import { preparedText } from './prepared-lines.js';
import { Redactor } from './redactor.js';
import { redactWholeLines, sanitizeLogText } from './sanitize-log-text.js';
import { stripAnsi } from './strip-ansi.js';

describe('stripAnsi', () => {
  it('removes colours, cursor moves, OSC titles and hyperlinks', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m \u001b[2K\u001b[1Gok')).toBe('red ok');
    expect(stripAnsi('\u001b]0;title\u0007text')).toBe('text');
    expect(stripAnsi('\u001b]8;;https://x.test\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
    expect(stripAnsi('\u009b1mbold')).toBe('bold');
  });
});

describe('sanitizeLogText', () => {
  const redactor = new Redactor();

  it('replaces control characters and drops carriage returns', () => {
    expect(sanitizeLogText('a\u0000b\rc\td\u0007', 0, redactor, 100)).toBe('a\uFFFDbc\td\uFFFD');
  });

  it('replaces a line feed, so one log line stays one line in the file', () => {
    expect(sanitizeLogText('Starting bot: node -e first\nsecond\r\n', 0, redactor, 100)).toBe('Starting bot: node -e first\uFFFDsecond\uFFFD');
  });

  it('redacts a token hidden by colour codes', () => {
    const r = new Redactor();
    r.add('secret-token-value');
    expect(sanitizeLogText('secret-\u001b[1mtoken-value', 0, r, 100)).toBe('[REDACTED]');
  });

  it('redacts before truncating, so no prefix of a token survives', () => {
    const r = new Redactor();
    const token = 'T'.repeat(40);
    r.add(token);
    const text = sanitizeLogText(`${'a'.repeat(20)}${token}`, 0, r, 30);
    expect(text).toBe(`${'a'.repeat(20)}[REDACTED]`);
    const cut = sanitizeLogText(`${'a'.repeat(25)}${token}`, 0, r, 30);
    expect(cut).not.toContain('T');
    expect(cut).toMatch(/… \[truncated 5 bytes\]$/);
  });

  it('truncates at a character boundary and counts bytes dropped earlier', () => {
    const text = sanitizeLogText('ab€€', 10, redactor, 4);
    expect(text).toBe('ab… [truncated 16 bytes]');
  });
});

describe('redactWholeLines', () => {
  const everything = { nhsNumber: true, dateOfBirth: true, postcode: true, email: true, phone: true };
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

  it('S63 S64 gives each line what sanitizeLogText gives it, with the same counts', () => {
    const lines = [
      `token ${jwt} for 943 476 5919`,
      'rs_live_0123456789abcdefghijklmnop printed whole',
      'a piece: 0123456789abcdefghijklmn and DOB: 01/02/1961',
      `header alone ${jwt.split('.')[0] ?? ''} then LS1 4AP`,
      'tab\tseparated\tSW1A 1AA\tjane@example.org',
      'eyJfake0000000.eyJshape000000 looks like a JWT',
      'nothing to see',
    ];
    const make = () => {
      const redactor = new Redactor();
      redactor.add(jwt);
      redactor.add('rs_live_0123456789abcdefghijklmnop');
      return { redactor, patient: new PatientRedactor(everything), counter: { secret: 0 } };
    };
    const single = make();
    const expected = lines.map((line) => sanitizeLogText(line, 0, single.redactor, 8192, single.patient, single.counter));
    const whole = make();
    const prepared = redactWholeLines(`${lines.join('\n')}\n`, whole.redactor, whole.patient, whole.counter);
    expect(prepared && preparedText(prepared)).toBe(`${expected.join('\n')}\n`);
    // Only lines with a patient identifier are rewritten; the line with nothing in it is not.
    expect(prepared?.rewrittenAt).toHaveLength(4);
    expect(whole.counter).toEqual(single.counter);
    expect(whole.patient.counts()).toEqual(single.patient.counts());
    expect(single.counter.secret).toBeGreaterThanOrEqual(5);
    expect(expected.join('\n')).not.toContain('0123456789abcdefghijklmn');
  });

  it('declines lines with control characters, which must be stripped before redaction, but not tabs or CRLF', () => {
    const redactor = new Redactor();
    for (const text of ['a\u001b[31mred\n', 'progress 10%\rprogress 20%\n', 'nul\u0000\n', 'csi\u009b1m\n', 'ff\u000c\n']) {
      expect(redactWholeLines(text, redactor), JSON.stringify(text)).toBeUndefined();
    }
    expect(redactWholeLines('a\tb\r\nc\n', redactor)).toEqual({ text: 'a\tb\r\nc\n', rewrittenAt: [], rewritten: [] });
  });
});
