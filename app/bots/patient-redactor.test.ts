import { describe, expect, it } from 'vitest';
import { defaultRedactionSettings, type RedactionSettings } from '../common/patient-data.js';
import { isValidNhsNumber } from './patient-identifiers.js';
import { PatientRedactor } from './patient-redactor.js';
import { dobLines, invalidNhsNumber, nhsSpacings, nonDobLines, numberLookAlikes, patientCorpus, postcodeLookAlikes, postcodes, seededRandom, validNhsNumber } from './testing/patient-corpus.js';

const everything: RedactionSettings = { nhsNumber: true, dateOfBirth: true, postcode: true, email: true, phone: true };

describe('isValidNhsNumber', () => {
  it.each([
    ['943 476 5919', true],
    ['9434765919', true],
    ['943-476-5919', true],
    ['9434765918', false],
    ['4010232137', true],
    // 11 - remainder = 10: no check digit exists for these nine digits.
    ['4000000010', false],
    ['943476591', false],
  ])('%s → %s', (text, valid) => {
    expect(isValidNhsNumber(text)).toBe(valid);
  });
});

describe('PatientRedactor', () => {
  it('S63 redacts a valid NHS number in every spacing and leaves invalid ones alone', () => {
    const random = seededRandom(14);
    const redactor = new PatientRedactor(defaultRedactionSettings);
    for (const spacing of nhsSpacings) {
      const valid = spacing(validNhsNumber(random));
      const invalid = spacing(invalidNhsNumber(random));
      expect(redactor.redact(`Patient ${valid} checked in`)).toBe('Patient [NHS number] checked in');
      expect(redactor.redact(`Patient ${invalid} checked in`)).toBe(`Patient ${invalid} checked in`);
    }
    expect(redactor.counts()).toEqual({ nhsNumber: nhsSpacings.length });
  });

  it('S63 redacts the date next to a date-of-birth label, keeps the label, and leaves other dates alone', () => {
    const redactor = new PatientRedactor(defaultRedactionSettings);
    for (const { line, date } of dobLines) {
      const redacted = redactor.redact(line);
      expect(redacted, line).not.toContain(date);
      expect(redacted, line).toContain('[date of birth]');
      expect(redacted.replace('[date of birth]', date), line).toBe(line);
    }
    for (const line of nonDobLines) expect(redactor.redact(line)).toBe(line);
    expect(redactor.counts()).toEqual({ dateOfBirth: dobLines.length });
  });

  it('S63 redacts UK postcodes and leaves shapes no postcode has alone', () => {
    const redactor = new PatientRedactor(defaultRedactionSettings);
    for (const postcode of postcodes) expect(redactor.redact(`Address: 1 High St, ${postcode}.`)).toBe('Address: 1 High St, [postcode].');
    for (const lookAlike of postcodeLookAlikes) expect(redactor.redact(`code ${lookAlike} ok`)).toBe(`code ${lookAlike} ok`);
    expect(redactor.counts()).toEqual({ postcode: postcodes.length });
  });

  it('leaves ordinary numbers, times and amounts alone', () => {
    const redactor = new PatientRedactor(everything);
    for (const line of numberLookAlikes) expect(redactor.redact(line)).toBe(line);
    expect(redactor.redact('2025-01-06T09:00:12.012Z INFO claim 100012 submitted for practice P-0012: 3 items, 12 ms')).toBe(
      '2025-01-06T09:00:12.012Z INFO claim 100012 submitted for practice P-0012: 3 items, 12 ms',
    );
    expect(redactor.counts()).toEqual({});
  });

  it('redacts email addresses and UK phone numbers only when asked to', () => {
    const line = 'Contact jane.doe+gp@example.nhs.uk or 020 7946 0958, +44 (0)161 496 0000, 07700-900-123';
    const defaults = new PatientRedactor(defaultRedactionSettings);
    expect(defaults.redact(line)).toBe(line);
    const all = new PatientRedactor(everything);
    expect(all.redact(line)).toBe('Contact [email] or [phone number], [phone number], [phone number]');
    expect(all.counts()).toEqual({ email: 1, phone: 3 });
  });

  it('a ten-digit phone number with a bad NHS check digit is still a phone number when phones are on', () => {
    const redactor = new PatientRedactor(everything);
    expect(isValidNhsNumber('0169772345')).toBe(false);
    expect(redactor.redact('call 0169772345')).toBe('call [phone number]');
  });

  it('does nothing with every kind off', () => {
    const redactor = new PatientRedactor({ nhsNumber: false, dateOfBirth: false, postcode: false, email: false, phone: false });
    expect(redactor.isOff).toBe(true);
    expect(redactor.redact('DOB: 01/02/1980 9434765919 SW1A 1AA')).toBe('DOB: 01/02/1980 9434765919 SW1A 1AA');
  });

  it('each kind can be turned off on its own', () => {
    const noNhs = new PatientRedactor({ ...defaultRedactionSettings, nhsNumber: false });
    expect(noNhs.redact('9434765919 SW1A 1AA')).toBe('9434765919 [postcode]');
    const noPostcode = new PatientRedactor({ ...defaultRedactionSettings, postcode: false });
    expect(noPostcode.redact('9434765919 SW1A 1AA')).toBe('[NHS number] SW1A 1AA');
  });

  it('S63 redactLines gives each line what redact gives it, with the same counts', () => {
    const lines = [
      ...patientCorpus(14, 8).lines.map((line) => line.text),
      'mixed: jane@example.org, 020 7946 0958, DOB 01/02/1961, 943 476 5919 at LS1 4AP',
      '',
      '943 476 5919',
      'no identifier here',
      'SW1A 1AA',
    ];
    const oneByOne = new PatientRedactor(everything);
    const together = new PatientRedactor(everything);
    const expected = lines.map((line) => oneByOne.redact(line));
    expect(together.redactLines(`${lines.join('\n')}\n`)).toBe(`${expected.join('\n')}\n`);
    expect(together.counts()).toEqual(oneByOne.counts());
    expect(expected).toContain('mixed: [email], [phone number], DOB [date of birth], [NHS number] at [postcode]');
  });

  it('S63 redactLines gives each line what redact gives it on random lines of identifiers, look-alikes and fragments, whatever kinds are on', () => {
    // Identifiers that start well before their prefilter fragment (a label before "birth", a long
    // local part before '@', '+' or '(' before a phone number, an outward code before the inward
    // digit), fragments with no identifier, and digit noise, glued together in random order.
    const random = seededRandom(1464);
    const tokens = [
      () => validNhsNumber(random), () => invalidNhsNumber(random), () => (nhsSpacings[Math.floor(random() * nhsSpacings.length)] as (d: string) => string)(validNhsNumber(random)),
      () => 'date of birth: 01/02/1961', () => 'Date_Of_Birth=19610201', () => 'dateOfBirth "1961-02-01"', () => 'birth date 1 Feb 1961', () => 'born on 7th Aug 2001', () => 'D.O.B. 3.4.75', () => 'dob', () => 'born', () => 'birth',
      () => `${'a.very.long.local.part'.repeat(3)}@example.nhs.uk`, () => 'x@y.org', () => '@', () => 'jane@', () => '@example.org',
      () => '+44 (0)20 7946 0018', () => '(020) 7946 0018', () => '0044 20-7946-0018', () => '07700 900 123', () => '0169772345',
      () => 'EC1A  1BB', () => 'SW1A 1AA', () => 'GIR 0AA', () => 'M11AE', () => '1AB', () => 'QW1 1AA', () => 'ls10 1jq',
      () => '2026-12-04T09:00:12.123Z', () => '£1,234.56', () => '12-345-678', () => '1234567', () => 'of', () => 'the', () => '(', () => '-', () => '+',
    ];
    const glue = ['', ' ', ' ', '  ', '\t', ',', ':', '-', '/'];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const lines = Array.from({ length: 3000 }, () => Array.from({ length: Math.floor(random() * 9) }, () => `${pick(glue)}${pick(tokens)()}`).join(''));
    const settingsList: RedactionSettings[] = [
      everything,
      defaultRedactionSettings,
      { ...everything, dateOfBirth: false, postcode: false },
      { nhsNumber: false, dateOfBirth: true, postcode: false, email: true, phone: false },
      { nhsNumber: true, dateOfBirth: false, postcode: true, email: false, phone: false },
      { nhsNumber: false, dateOfBirth: false, postcode: true, email: false, phone: true },
    ];
    for (const settings of settingsList) {
      const oneByOne = new PatientRedactor(settings);
      const together = new PatientRedactor(settings);
      const expected = lines.map((line) => oneByOne.redact(line));
      expect(together.redactLines(`${lines.join('\n')}\n`).split('\n').slice(0, -1)).toEqual(expected);
      expect(together.counts()).toEqual(oneByOne.counts());
      expect(expected.filter((line, index) => line !== lines[index]).length, JSON.stringify(settings)).toBeGreaterThan(1000);
    }
  });

  it('S63 redactLines finds identifiers on the first and the last line, with or without a final line feed', () => {
    const redactor = new PatientRedactor(defaultRedactionSettings);
    expect(redactor.redactLines('9434765919\nplain\nSW1A 1AA\n')).toBe('[NHS number]\nplain\n[postcode]\n');
    expect(redactor.redactLines('plain\nDOB: 01/02/1980')).toBe('plain\nDOB: [date of birth]');
    // Two candidate lines in a row, the first of which the full pattern leaves alone.
    expect(redactor.redactLines('ref 9434765918\n9434765919\n')).toBe('ref 9434765918\n[NHS number]\n');
    expect(redactor.counts()).toEqual({ nhsNumber: 2, postcode: 1, dateOfBirth: 1 });
    expect(new PatientRedactor({ ...defaultRedactionSettings, nhsNumber: false, dateOfBirth: false, postcode: false }).redactLines('9434765919\n')).toBe('9434765919\n');
  });
});
