import type { PatientIdentifierKind, RedactionSettings } from '../common/patient-data.js';

/**
 * The patterns behind patient-identifier redaction. Each kind is one alternative of a single
 * case-insensitive regular expression, so a line is redacted in one pass however many kinds are
 * on; the capturing group that matched says which kind it was. A cheap prefilter (a fragment
 * every identifier holds) first picks the lines that can hold any, and the full regex runs only
 * on those: an alternation is slow to scan, a fragment test is not.
 */

/**
 * Between the groups of an NHS number: nothing, spaces, a tab or a dash (3-3-4 and plain). A
 * space may be a no-break, figure or narrow no-break space: a page that writes `943&nbsp;476`
 * hands a bot those, and Playwright's `textContent()` keeps them.
 */
const nhsGap = '[ \\t\\u00a0\\u2007\\u202f-]{0,3}';
/**
 * Groups joined by the same dot, slash, underscore (a file name), '+' or '%20' (a URL) both times:
 * `943.476.5919`, `943_476_5919-letter.pdf`, `?nhs=943%20476%205919`. Only 3-3-4 with one joiner,
 * so a decimal such as 943.4765919 is left alone.
 */
const nhsJoined = ['\\.', '/', '_', '\\+', '%20'].map((joiner) => `${joiner}\\d{3}${joiner}`).join('|');
/** 10 digits, not part of a longer number; the check digit is tested by `isValidNhsNumber`. */
const nhsNumber = `(?<nhs>(?<!\\d)\\d{3}(?:${nhsGap}\\d{3}${nhsGap}|${nhsJoined})\\d{4}(?!\\d))`;

const month = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ordinal = '(?:st|nd|rd|th)?';
/** Between a date's numbers: '/', '.', '-', or a '/' URL-encoded (`dob=31%2F01%2F1970`). */
const dateSeparator = '(?:[/.-]|%2F)';
/** Common UK ways to write a date: 01/02/1980, 1.2.80, 1980-02-01, 1 Feb 1980, 01-FEB-1980, February 1, 1980, 19800201. */
const date = [
  `\\d{1,2}${dateSeparator}\\d{1,2}${dateSeparator}\\d{2,4}`,
  `\\d{4}${dateSeparator}\\d{1,2}${dateSeparator}\\d{1,2}`,
  `\\d{1,2}${ordinal}[ \\t\\u00a0.-]?(?:${month})\\.?[ \\t\\u00a0,.-]{0,2}\\d{2,4}`,
  `(?:${month})\\.?[ \\t\\u00a0-]?\\d{1,2}${ordinal},?[ \\t\\u00a0]\\d{4}`,
  '\\d{8}',
  '\\d{6}',
].join('|');
/**
 * A date next to a label that says it is a date of birth: "DOB", "D.O.B.", "date of birth",
 * "dateOfBirth", "date_of_birth", "birth date", "born (on)". The label may be glued to a field
 * name ("patientDob") and followed by punctuation a log or JSON puts between a name and a value
 * (a no-break space or `&nbsp;` among them), by a form's format hint ("Date of birth
 * (dd/mm/yyyy)", as Playwright's aria snapshot names the field), or by the `value=` of the same
 * HTML element (`<input id="dob" value="31/01/1970">`, as Playwright's errors show an element).
 */
const dobLabel = '(?:d\\.?[ \\t]?o\\.?[ \\t]?b\\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|born(?:[ \\t]+on)?)';
const dobFormatHint = '(?:[ \\t]*\\([dmy]{1,4}[/.\\- ][dmy]{1,4}[/.\\- ][dmy]{1,4}\\))?';
const dobSeparator = `${dobFormatHint}(?:[ \\t\\u00a0:=#"'()\\[\\]{},>|-]|&nbsp;){0,8}(?:(?:is|was|on)[ \\t]+|value=["']?)?`;
const dateOfBirth = `(?<dobLabel>${dobLabel}${dobSeparator})(?<dob>(?:${date})(?!\\d))`;

/**
 * UK postcodes in their six shapes (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA) with
 * the letters each position may hold, plus GIR 0AA; the space may be missing or doubled, a
 * no-break space, or a URL's '+' or '%20' (`?postcode=LS1+4AP`). No letter or digit just before
 * it, except the '0' of a `%20` ("1%20High%20St%20LS1%204AP").
 */
const postcode = '(?<postcode>(?<![A-Z1-9]|(?<!%2)0)(?:[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)|GIR)(?:[ \\t\\u00a0\\u202f]{0,2}|\\+|%20)[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Z0-9]))';

const email = '(?<email>[A-Z0-9._%+-]{1,64}@[A-Z0-9-]{1,63}(?:\\.[A-Z0-9-]{1,63})*\\.[A-Z]{2,24}(?![A-Z0-9-]))';

/** +44 / 0044 / (0) or a leading 0, then 9 or 10 more digits with spaces, dashes or brackets between. */
const phoneBody = '(?:(?:\\+|00)44[ \\t-]?(?:\\(0\\)[ \\t-]?)?|\\(?0)[1-9](?:[ \\t)-]{0,2}\\d){8,9}(?!\\d)';
const phone = `(?<phone>(?<![\\d+])${phoneBody})`;
const phoneAlone = new RegExp(`^${phoneBody}$`);

/** Order matters where two kinds could start at the same place: the first alternative wins. */
const alternatives: readonly [PatientIdentifierKind, string][] = [
  ['dateOfBirth', dateOfBirth],
  ['email', email],
  ['nhsNumber', nhsNumber],
  ['phone', phone],
  ['postcode', postcode],
];

/**
 * Fragments every identifier of a kind holds, so a line without any of the enabled kinds'
 * fragments holds no identifier and is left without running the full pattern at all:
 * - a date-of-birth label starts with "dob" (dots and a space allowed between), "birth" or "born";
 * - an email address holds '@';
 * - NHS and UK phone numbers hold ten digits with at most three spaces (of any width), tabs,
 *   dashes or brackets between any two, and begin with two digits side by side (3-3-4 digits; `0`
 *   and a digit 1–9, or `44` or `0044`, then at least eight more digits), taken from the start of
 *   a run of digits (`(?<!\d\d\d)` after the first two: a chain through a later digit of the run
 *   is no longer than the one from its start), so a line of timestamps and amounts is not
 *   rescanned from every digit, and a lone digit or the last digit of a run is ruled out by the
 *   next character alone;
 * - an NHS number joined by dots, slashes, underscores, '+' or `%20` starts with three digits, a
 *   joiner, three digits and a joiner; its fragment ends in the digit after that (the '0' of a
 *   `%20`), so it holds at most ten digits, as `searchFrom` needs;
 * - a postcode's inward code is a digit and two letters, with no letter or digit after them.
 * Both digit fragments hang off one leading `\d`, which makes the scan of a digit-heavy line
 * cheaper than two alternatives that each start with a digit, and the inward code is tried
 * first, because its second character rules out most digits at once. Letter cases are spelt out
 * rather than the `i` flag.
 */
const dobFragment = '[Dd]\\.?[ \\t]?[Oo]\\.?[ \\t]?[Bb]|[Bb](?:[Ii][Rr][Tt][Hh]|[Oo][Rr][Nn])';
const digitChain = '(?:[ \\t()\\u00a0\\u2007\\u202f-]{0,3}\\d){8}';
const joinedDigits = '\\d(?:[./_+]|%20)\\d\\d\\d(?:[./_+]|%2)\\d';
const inwardCodeRest = '[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![A-Za-z0-9])';

/** The one prefilter for a set of kinds: any of their fragments. */
function prefilterSource(kinds: readonly PatientIdentifierKind[]): string {
  const digitRun = kinds.includes('nhsNumber') ? `\\d(?<!\\d\\d\\d)(?:${digitChain}|${joinedDigits})` : `\\d(?<!\\d\\d\\d)${digitChain}`;
  const digitRests = [...(kinds.includes('postcode') ? [inwardCodeRest] : []), ...(kinds.includes('nhsNumber') || kinds.includes('phone') ? [digitRun] : [])];
  return [...(kinds.includes('dateOfBirth') ? [dobFragment] : []), ...(kinds.includes('email') ? ['@'] : []), ...(digitRests.length > 0 ? [`\\d(?:${digitRests.join('|')})`] : [])].join('|');
}

/** What a capturing group of the combined regex holds: a kind's whole match, or the DOB label. */
export type MatchGroup = 'nhs' | 'dobLabel' | 'dob' | 'postcode' | 'email' | 'phone';

const groupsOf: Record<PatientIdentifierKind, readonly MatchGroup[]> = {
  dateOfBirth: ['dobLabel', 'dob'],
  email: ['email'],
  nhsNumber: ['nhs'],
  phone: ['phone'],
  postcode: ['postcode'],
};

/**
 * How far before the start of its prefilter fragment an identifier of each kind may begin: "date
 * of " before "birth", an email address's local part before '@', the '+' or '(' before a phone
 * number's first digit, a postcode's outward code and its spaces (or `%20`) before the inward
 * digit. An NHS number begins with its fragment's first digit.
 */
const reachOf: Record<PatientIdentifierKind, number> = { dateOfBirth: 8, email: 64, nhsNumber: 0, phone: 1, postcode: 7 };

/** Letters only matter for these kinds; the others' regex runs without the slower `i` flag. */
const caseless = new Set<PatientIdentifierKind>(['dateOfBirth', 'email', 'postcode']);

/** The full pattern for some of the enabled kinds. */
export interface KindsRegex {
  /** Global (`g`), shared: set `lastIndex` before a scan. */
  regex: RegExp;
  /** What capturing group i + 1 holds. */
  groups: readonly MatchGroup[];
  /**
   * How far before the start of its prefilter fragment an identifier of these kinds may begin:
   * none begins earlier than `reach` before the first fragment at or after a given position.
   */
  reach: number;
  /**
   * The same for a digit chain's fragment (ten digits): only an NHS number (at the chain's first
   * digit) or a phone number ('+' or '(' just before it) begins there, unless the line holds an
   * email address, whose local part may run up to 64 characters back. A date of birth or a
   * postcode never depends on a digit chain: its own fragment (the label, the inward code) comes
   * first in the line.
   */
  digitReach: number;
}

export interface PatientPattern {
  /** The enabled kinds, in the order of the alternatives. */
  kinds: readonly PatientIdentifierKind[];
  /** Any enabled kind's fragment: a line that fails it (most lines) costs one scan. */
  anyPrefilter: RegExp | undefined;
  /**
   * The same with the `g` flag, to find fragments among many lines. Shared: set `lastIndex`
   * before a scan. Every identifier holds a fragment that starts at most `reach` characters after
   * the identifier does (`KindsRegex.reach`).
   */
  anyPrefilterGlobal: RegExp | undefined;
  /**
   * The kinds to look for in a line that passed the prefilter (bit i: `kinds[i]`): every enabled
   * kind, less email when the line has no '@'. A kind whose fragment the line lacks cannot match
   * there, so running its alternative as well changes nothing, and costs less than testing each
   * kind's fragment to leave it out; email is the exception, because its alternative starts at
   * every letter and digit.
   */
  maskFor(line: string): number;
  /**
   * The one regex for the kinds whose bits are set in `mask` (bit i: `kinds[i]`), compiled once,
   * and what each of its capturing groups holds. Numbered groups, not named ones: a match object
   * with named groups costs about twice as much to build, on the hottest path of capture.
   */
  forKinds(mask: number): KindsRegex;
  /** Whether a 10-digit number with a bad check digit may still be a phone number. */
  phone: boolean;
}

const cache = new Map<string, PatientPattern>();

/** The compiled patterns for a set of kinds; the same settings always get the same objects. */
export function patientPattern(settings: RedactionSettings): PatientPattern {
  const key = alternatives.map(([kind]) => (settings[kind] ? '1' : '0')).join('');
  const cached = cache.get(key);
  if (cached) return cached;
  const enabled = alternatives.filter(([kind]) => settings[kind]);
  const kinds = enabled.map(([kind]) => kind);
  const compiled = new Map<number, KindsRegex>();
  const all = (1 << kinds.length) - 1;
  const withoutEmail = kinds.includes('email') ? all & ~(1 << kinds.indexOf('email')) : all;
  const prefilter = prefilterSource(kinds);
  const pattern: PatientPattern = {
    kinds,
    anyPrefilter: enabled.length === 0 ? undefined : new RegExp(prefilter),
    anyPrefilterGlobal: enabled.length === 0 ? undefined : new RegExp(prefilter, 'g'),
    maskFor: (line) => (withoutEmail === all || line.includes('@') ? all : withoutEmail),
    forKinds(mask) {
      let found = compiled.get(mask);
      if (!found) {
        const chosen = enabled.filter((_, index) => (mask & (1 << index)) !== 0);
        const source = chosen.map(([, alternative]) => alternative.replace(/\(\?<[A-Za-z]+>/g, '(')).join('|');
        found = {
          regex: new RegExp(source, chosen.some(([kind]) => caseless.has(kind)) ? 'gi' : 'g'),
          groups: chosen.flatMap(([kind]) => groupsOf[kind]),
          reach: Math.max(0, ...chosen.map(([kind]) => reachOf[kind])),
          digitReach: chosen.some(([kind]) => kind === 'email') ? reachOf.email : reachOf.phone,
        };
        compiled.set(mask, found);
      }
      return found;
    },
    phone: settings.phone,
  };
  cache.set(key, pattern);
  return pattern;
}

/**
 * The NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits; 11 minus the
 * remainder is the check digit (11 means 0, and 10 means the number is not valid).
 */
export function isValidNhsNumber(text: string): boolean {
  let sum = 0;
  let position = 0;
  let check = -1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) continue;
    if (position < 9) sum += code * (10 - position);
    else if (position === 9) check = code;
    position += 1;
  }
  if (position !== 10) return false;
  const expected = 11 - (sum % 11);
  if (expected === 10) return false;
  return (expected === 11 ? 0 : expected) === check;
}

/** A match of the NHS alternative that failed its check digit may still be a UK phone number. */
export function looksLikePhone(text: string): boolean {
  return phoneAlone.test(text);
}
