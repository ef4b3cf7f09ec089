/**
 * Made-up patient identifiers for redaction tests: valid and invalid NHS numbers, dates of birth,
 * postcodes and their look-alikes, written the ways bots print them. Deterministic (a seeded
 * generator), so a failure names the same line every time.
 */

/** The check digit for nine digits, or undefined when none exists (the remainder gives 10). */
export function nhsCheckDigit(nine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ten digits with a valid check digit. */
export function validNhsNumber(random: () => number): string {
  for (;;) {
    const nine = String(400_000_000 + Math.floor(random() * 300_000_000));
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

/** Ten digits whose last digit is not the check digit (or whose first nine have none). */
export function invalidNhsNumber(random: () => number): string {
  const nine = String(400_000_000 + Math.floor(random() * 300_000_000));
  const check = nhsCheckDigit(nine);
  const wrong = check === undefined ? Math.floor(random() * 10) : (check + 1 + Math.floor(random() * 9)) % 10;
  return `${nine}${wrong}`;
}

/**
 * The ways an NHS number is written: plain, 3-3-4 with spaces, dashes, double spaces, a tab, a
 * no-break space (a page's `&nbsp;`), dots, underscores (a file name) and `%20` (a URL).
 */
export const nhsSpacings: readonly ((digits: string) => string)[] = [
  (d) => d,
  (d) => `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}  ${d.slice(3, 6)}  ${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}\t${d.slice(3, 6)}\t${d.slice(6)}`,
  (d) => `${d.slice(0, 3)} - ${d.slice(3, 6)} - ${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}\u00a0${d.slice(3, 6)}\u00a0${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}_${d.slice(3, 6)}_${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}%20${d.slice(3, 6)}%20${d.slice(6)}`,
];

/** Dates of birth, each with the date exactly as printed (the part that must disappear). */
export const dobLines: readonly { line: string; date: string }[] = [
  { line: 'DOB: 01/02/1980', date: '01/02/1980' },
  { line: 'D.O.B. 3.4.75', date: '3.4.75' },
  { line: 'Date of birth: 1980-02-01', date: '1980-02-01' },
  { line: 'date of birth is 12 March 1964', date: '12 March 1964' },
  { line: 'born on 7th Aug 2001', date: '7th Aug 2001' },
  { line: '{"patientDob":"1992-11-30","ward":"B"}', date: '1992-11-30' },
  { line: 'date_of_birth=19771224 status=ok', date: '19771224' },
  { line: 'Birth date - 05-JUN-1958', date: '05-JUN-1958' },
  { line: 'dateOfBirth: February 9, 1949', date: 'February 9, 1949' },
  { line: 'dob 240386', date: '240386' },
  { line: '- textbox "Date of birth (dd/mm/yyyy)": 31/01/1970', date: '31/01/1970' },
  { line: '1) <input id="dob" value="31/01/1970"/> aka getByLabel(\'Date of birth\')', date: '31/01/1970' },
  { line: 'navigating to "https://pas.example/find?dob=31%2F01%2F1970"', date: '31%2F01%2F1970' },
  { line: 'DOB:&nbsp;31\u00a0Jan\u00a01970', date: '31\u00a0Jan\u00a01970' },
];

/** Dates that are not dates of birth: left alone. */
export const nonDobLines: readonly string[] = ['Appointment 01/02/2025 at 09:30', 'Report generated 2025-11-22', 'Booked on 3 March 2025'];

export const postcodes: readonly string[] = ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A 1BB', 'W1A 0AX', 'LS10 1JQ', 'sw1a 1aa', 'GIR 0AA', 'M11AE', 'LS1\u00a04AP', 'LS1+4AP', 'SW1A%201AA'];

/** Postcode shapes no UK postcode has (a forbidden letter or position): left alone. */
export const postcodeLookAlikes: readonly string[] = ['QW1 1AA', 'V8 3RD', 'X86 4GB', 'SW1A 1CI', 'AB1 2VK'];

/** Numbers that must survive: ten digits with a bad check, longer numbers, times, amounts. */
export const numberLookAlikes: readonly string[] = ['order 12345678901', 'ref 00001111222233', 'took 1234 ms', 'total £1,234,567.89', 'build 2025.11.22.1430', 'ratio 943.4765919', 'host 192.168.100.201', 'at 06/12/2026 09:00:12'];

/** One printed line and what must be left of it after redaction with the default settings. */
export interface CorpusLine {
  text: string;
  expected: string;
}

export interface Corpus {
  lines: CorpusLine[];
  /** Every valid identifier as printed, plus each NHS number's bare digits: none may be found after redaction. */
  forbidden: string[];
  /** Invalid look-alikes as printed: each must still be there. */
  kept: string[];
  counts: { nhsNumber: number; dateOfBirth: number; postcode: number };
}

/**
 * A few thousand lines of what a clinic bot prints: valid and invalid NHS numbers in every spacing
 * and in prose, key=value and JSON; dates of birth under each label; postcodes; and the
 * look-alikes that must survive (bad check digits, ordinary dates, postcode-like codes, numbers).
 */
export function patientCorpus(seed: number, rounds = 120): Corpus {
  const random = seededRandom(seed);
  const lines: CorpusLine[] = [];
  const forbidden = new Set<string>();
  const kept = new Set<string>();
  const counts = { nhsNumber: 0, dateOfBirth: 0, postcode: 0 };
  const wrappers: readonly ((value: string) => string)[] = [
    (v) => `Patient ${v} checked in`,
    (v) => `nhs_number=${v} status=ok`,
    (v) => `{"nhsNumber":"${v}","ward":"B"}`,
    (v) => `NHS No: ${v}`,
    (v) => `row|${v}|booked`,
  ];
  for (let round = 0; round < rounds; round += 1) {
    for (const spacing of nhsSpacings) {
      const valid = validNhsNumber(random);
      const printed = spacing(valid);
      const wrap = wrappers[round % wrappers.length] as (value: string) => string;
      lines.push({ text: wrap(printed), expected: wrap('[NHS number]') });
      forbidden.add(printed);
      forbidden.add(valid);
      counts.nhsNumber += 1;
      const invalid = spacing(invalidNhsNumber(random));
      lines.push({ text: wrap(invalid), expected: wrap(invalid) });
      kept.add(invalid);
    }
    const dob = dobLines[round % dobLines.length] as { line: string; date: string };
    lines.push({ text: `${round} ${dob.line}`, expected: `${round} ${dob.line.replace(dob.date, '[date of birth]')}` });
    forbidden.add(dob.line);
    counts.dateOfBirth += 1;
    const other = nonDobLines[round % nonDobLines.length] as string;
    lines.push({ text: other, expected: other });
    const postcode = postcodes[round % postcodes.length] as string;
    lines.push({ text: `Address: ${round} High Street, Leeds ${postcode}`, expected: `Address: ${round} High Street, Leeds [postcode]` });
    forbidden.add(`Leeds ${postcode}`);
    counts.postcode += 1;
    const lookAlike = postcodeLookAlikes[round % postcodeLookAlikes.length] as string;
    lines.push({ text: `code ${lookAlike} ok`, expected: `code ${lookAlike} ok` });
    kept.add(`code ${lookAlike} ok`);
    const number = numberLookAlikes[round % numberLookAlikes.length] as string;
    lines.push({ text: number, expected: number });
    kept.add(number);
    // Two identifiers on one line, and a line with none.
    const both = validNhsNumber(random);
    lines.push({ text: `${both} lives at ${postcode} (DOB: 0${(round % 9) + 1}/03/1961)`, expected: '[NHS number] lives at [postcode] (DOB: [date of birth])' });
    forbidden.add(both);
    forbidden.add(`DOB: 0${(round % 9) + 1}/03/1961`);
    counts.nhsNumber += 1;
    counts.postcode += 1;
    counts.dateOfBirth += 1;
    lines.push({ text: `step ${round} done in ${100 + round} ms`, expected: `step ${round} done in ${100 + round} ms` });
  }
  return { lines, forbidden: [...forbidden], kept: [...kept], counts };
}
