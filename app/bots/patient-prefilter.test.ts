import { describe, expect, it } from 'vitest';
import type { LogLine } from '../common/contract.js';
import type { RedactionSettings } from '../common/patient-data.js';
import { systemClock } from '../ports/clock.js';
import { LineSplitter } from './line-splitter.js';
import { patientPattern } from './patient-identifiers.js';
import { PatientRedactor } from './patient-redactor.js';
import { Redactor } from './redactor.js';
import { RunLog } from './run-log.js';
import { invalidNhsNumber, nhsSpacings, patientCorpus, seededRandom, validNhsNumber } from './testing/patient-corpus.js';

const everything: RedactionSettings = { nhsNumber: true, dateOfBirth: true, postcode: true, email: true, phone: true };

/** Timestamps, amounts and ids: digits everywhere, but never ten in a chain. */
function digitNoise(length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i += 1) text += `2026-12-04T09:00:${String(i % 60).padStart(2, '0')}.123Z step ${i} total £${(i * 1.37).toFixed(2)} ref 12-345-678 `;
  return text.slice(0, length);
}

/**
 * Pushes `text` plus a newline through a real LineSplitter and RunLog in chunks of `chunkSize`
 * bytes, with the whole lines of each chunk redacted together as capture does (or, with
 * `lineByLine`, each line on its own).
 */
function capture(text: string, chunkSize: number, lineByLine = false): { lines: LogLine[]; log: RunLog } {
  const lines: LogLine[] = [];
  const redactor = new Redactor();
  redactor.add('rs_live_0123456789abcdefghijklmnop');
  const log = new RunLog({ runId: 'run-1', clock: systemClock, redactor, patient: new PatientRedactor(everything), limits: { maxLineBytes: 64_000, ringLines: 10_000, ringChars: 2_000_000 }, onLine: (line) => lines.push(line) });
  const splitter = new LineSplitter({
    keepBytes: log.keepBytes,
    prepare: lineByLine ? undefined : (wholeLines) => log.prepare(wholeLines),
    onLine: (line) => log.write('stdout', line.text, line.droppedBytes, line.prepared === true),
  });
  const bytes = Buffer.from(`${text}\n`);
  for (let at = 0; at < bytes.length; at += chunkSize) splitter.push(bytes.subarray(at, at + chunkSize));
  splitter.end();
  return { lines, log };
}

describe('patient-identifier prefilter (S63)', () => {
  it('S63 redacts an identifier at the very end of a long, digit-heavy line', () => {
    const random = seededRandom(63);
    const noise = digitNoise(20_000);
    for (const spacing of nhsSpacings) {
      const nhs = spacing(validNhsNumber(random));
      const redactor = new PatientRedactor(everything);
      const redacted = redactor.redact(`${noise} ${nhs}`);
      // Compared in two parts so a failure prints the end of the line, not 20,000 characters.
      expect(redacted.startsWith(noise)).toBe(true);
      expect(redacted.slice(noise.length)).toBe(' [NHS number]');
    }
    const redactor = new PatientRedactor(everything);
    const tail = ' DOB: 01/02/1961 phone +44 (0)20 7946 0018 at SW1A 1AA, mail a.b@nhs.net';
    const redacted = redactor.redact(`${noise}${tail}`);
    expect(redacted.startsWith(noise)).toBe(true);
    expect(redacted.slice(noise.length)).toBe(' DOB: [date of birth] phone [phone number] at [postcode], mail [email]');
  });

  it('S63 redacts an NHS number split across capture chunks at every offset', () => {
    const random = seededRandom(64);
    const noise = digitNoise(5_000);
    const nhs = validNhsNumber(random);
    const text = `${noise} patient ${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)} seen`;
    const numberAt = Buffer.byteLength(`${noise} patient `);
    // Chunk boundaries at each byte inside the number, and a tiny chunk size that splits it many times.
    for (const chunkSize of [numberAt + 1, numberAt + 4, numberAt + 8, numberAt + 11, 7]) {
      const { lines } = capture(text, chunkSize);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.text.startsWith(noise), `chunks of ${chunkSize}`).toBe(true);
      expect(lines[0]?.text.slice(noise.length), `chunks of ${chunkSize}`).toBe(' patient [NHS number] seen');
    }
  });

  it('S63 every line the full pattern redacts passes the prefilter (no false negatives)', () => {
    const pattern = patientPattern(everything);
    const any = pattern.anyPrefilter as RegExp;
    const random = seededRandom(65);
    const samples = [
      ...nhsSpacings.map((spacing) => `x ${spacing(validNhsNumber(random))} y`),
      'call 020 7946 0018', 'call +44 20 7946 0018', 'call 0044 (0)20-7946-0018', 'call (020) 7946 0018', 'mobile 07700 900 123',
      'D.O.B. 1/2/61', 'd o b: 01-FEB-1961', 'patientDob=19610201', 'date_of_birth "1961-02-01"', 'Birth date 1 Feb 1961', 'born on February 1, 1961',
      'LS1 4AP', 'gir 0aa', 'M11AE', 'mail x@y.org',
    ];
    for (const sample of samples) {
      const redacted = new PatientRedactor(everything).redact(sample);
      expect(redacted, sample).not.toBe(sample);
      expect(any.test(sample), sample).toBe(true);
    }
  });

  it('S63 S64 whole lines redacted per chunk come out as line by line, wherever the chunks end', () => {
    const corpus = patientCorpus(66, 12).lines.map((line) => line.text);
    // Secrets, mixed identifiers on one line, and lines with control characters (redacted line by line).
    const extra = ['key rs_live_0123456789abcdefghijklmnop and 943 476 5919', 'jane@example.org 020 7946 0958 LS1 4AP DOB: 1/2/61', '\u001b[32m943 476 5919\u001b[0m', 'bar 50%\rbar 100% 943 476 5919'];
    const text = [...corpus, ...extra, ...corpus.slice(0, 40)].join('\n');
    const expected = capture(text, 1 << 20, true);
    expect(expected.lines.map((line) => line.text)).toContain('key [REDACTED] and [NHS number]');
    for (const chunkSize of [5, 64, 333, 4096, 65_536]) {
      const { lines, log } = capture(text, chunkSize);
      expect(lines.map((line) => line.text), `chunks of ${chunkSize}`).toEqual(expected.lines.map((line) => line.text));
      expect(log.redactionCounts(), `chunks of ${chunkSize}`).toEqual(expected.log.redactionCounts());
    }
  });

  it('S63 every match of the full pattern holds a prefilter fragment that starts at most its reach after it (a digit chain: its digit reach), on random lines of identifiers and look-alikes', () => {
    const random = seededRandom(1465);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const tokens = [
      () => pick(nhsSpacings)(validNhsNumber(random)), () => pick(nhsSpacings)(invalidNhsNumber(random)),
      () => '+44 20 7946 0018', () => '+44 (0)161 496 0000', () => '+44-(0)20-7946-0018', () => '0044 20 7946 0018', () => '0044(0)20 7946 0018', () => '(020) 7946 0018', () => '(0161)-496-0000',
      () => '07700 900 123', () => '07700-900-1234', () => '01 2 3 4 5 6 7 8 9', () => '0 1 2 3 4 5 6 7 8 9 0', () => '0169772345', () => '4 4 20 7946 0018',
      () => 'DOB: 01/02/1961', () => 'date of birth 1 Feb 1961', () => 'Date-Of-Birth=19610201', () => 'birthdate 1961-02-01', () => 'born on February 1, 1961', () => 'd.o.b. 1.2.61',
      () => 'SW1A 1AA', () => 'EC1A  1BB', () => 'gir 0aa', () => 'M11AE', () => 'SW1A%201AA', () => '%20LS1%204AP', () => 'LS1+4AP', () => 'LS1\u00a04AP', () => 'DOB%3A%2031%2F01%2F1970', () => 'x@y.org', () => `${'local.part'.repeat(8)}@nhs.net`,
      () => '2026-12-04T09:00:12.123Z', () => '1234567', () => '12-345-678', () => '(', () => ')', () => '+', () => '-', () => ' ', () => '\t', () => '.', () => '_', () => '%20', () => '/',
    ];
    const lines = Array.from({ length: 4000 }, () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(tokens)()).join(pick(['', ' ', '  ', '-', ', '])));
    const kinds = [
      everything,
      { nhsNumber: true, dateOfBirth: false, postcode: false, email: false, phone: false },
      { nhsNumber: false, dateOfBirth: false, postcode: false, email: false, phone: true },
      { nhsNumber: false, dateOfBirth: false, postcode: true, email: false, phone: false },
    ];
    for (const settings of kinds) {
      const pattern = patientPattern(settings);
      const fragmentAt = new RegExp((pattern.anyPrefilter as RegExp).source, 'y');
      const { regex, reach } = pattern.forKinds((1 << pattern.kinds.length) - 1);
      const missing: string[] = [];
      let matches = 0;
      for (const line of lines) {
        regex.lastIndex = 0;
        for (let match = regex.exec(line); match !== null; match = regex.exec(line)) {
          matches += 1;
          const { digitReach } = pattern.forKinds(pattern.maskFor(line));
          const found = Array.from({ length: reach + 1 }, (_, offset) => match.index + offset).some((at) => {
            fragmentAt.lastIndex = at;
            if (!fragmentAt.test(line)) return false;
            const endsInDigit = /\d/.test(line.charAt(fragmentAt.lastIndex - 1));
            return !endsInDigit || at - match.index <= digitReach;
          });
          if (!found) missing.push(`${match[0]} in ${JSON.stringify(line)}`);
        }
      }
      expect(missing).toEqual([]);
      expect(matches).toBeGreaterThan(1000);
    }
  });

  it('S63 the one prefilter passes exactly the lines one of its kinds\' fragments passes, on random text made of the characters they look at', () => {
    // Each fragment on its own, as plainly as it can be written.
    const fragments = {
      dateOfBirth: /[Dd]\.?[ \t]?[Oo]\.?[ \t]?[Bb]|[Bb](?:[Ii][Rr][Tt][Hh]|[Oo][Rr][Nn])/,
      email: /@/,
      // Ten digits in a chain that begins with two side by side at the start of a run.
      digitChain: /(?<!\d)\d\d(?:[ \t()\u00a0\u2007\u202f-]{0,3}\d){8}/,
      // Three digits at the start of a run, a joiner, three digits, a joiner and a digit (NHS numbers only).
      joinedDigits: /(?<!\d)\d\d\d(?:[./_+]|%20)\d\d\d(?:[./_+]|%20)\d/,
      postcode: /[0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![A-Za-z0-9])/,
    };
    const random = seededRandom(1463);
    const tokens = ['0', '1', '4', '7', '9', '123', '12345', '6789', ' - ', '  (', ') -', ' ', '\t', '\u00a0', '\u202f', '(', ')', '-', '.', '_', '/', '+', '%20', '%2', '%', 'D', 'd', 'O', 'o', 'B', 'b', 'R', 'H', 'A', 'p', 'Z', 'C', 'I', 'x', '@', 'é', 'irth', 'IRTH', 'orn', 'oRN', 'irt'];
    const lines = Array.from({ length: 6000 }, () => Array.from({ length: 1 + Math.floor(random() * 40) }, () => tokens[Math.floor(random() * tokens.length)] ?? '').join(''));
    const settingsList: RedactionSettings[] = [everything, { ...everything, email: false, phone: false }, { ...everything, nhsNumber: false, phone: false, dateOfBirth: false }, { ...everything, postcode: false, email: false }];
    for (const settings of settingsList) {
      const wanted = [
        ...(settings.dateOfBirth ? [fragments.dateOfBirth] : []),
        ...(settings.email ? [fragments.email] : []),
        ...(settings.nhsNumber || settings.phone ? [fragments.digitChain] : []),
        ...(settings.nhsNumber ? [fragments.joinedDigits] : []),
        ...(settings.postcode ? [fragments.postcode] : []),
      ];
      const any = patientPattern(settings).anyPrefilter as RegExp;
      const differ = lines.filter((line) => any.test(line) !== wanted.some((fragment) => fragment.test(line)));
      expect(differ).toEqual([]);
      expect(lines.filter((line) => any.test(line)).length).toBeGreaterThan(500);
      expect(lines.filter((line) => !any.test(line)).length).toBeGreaterThan(500);
    }
  });
});
