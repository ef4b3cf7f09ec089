import type { PatientRedactor } from './patient-redactor.js';
import type { PreparedLines } from './prepared-lines.js';
import type { Redactor } from './redactor.js';
import { stripAnsi } from './strip-ansi.js';

// C0 and C1 controls except TAB; carriage returns are handled separately. A line feed only
// reaches here inside a supervisor line (bot output is split on it) and would break the log file
// into lines that are not log lines, so it is replaced too.
const controlPattern = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
// Everything the three replacements below act on (ESC, CSI, CR and the controls): one cheap test
// lets the ordinary line skip all of them.
const anyControl = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/**
 * Turns a raw captured line into what the ring buffer, the log file and the UI may hold:
 * no escape sequences, no control characters, no secrets, at most `maxLineBytes` of UTF-8.
 *
 * Order matters: ANSI codes are stripped before redaction (a colour code in the middle of a token
 * would otherwise hide it), secrets are redacted before patient identifiers (a token's digits must
 * go as a token, not half as an NHS number), and redaction happens before truncation (a token or
 * an NHS number cut by the limit would otherwise leave its readable prefix behind).
 */
export function sanitizeLogText(
  raw: string,
  droppedBytes: number,
  redactor: Redactor,
  maxLineBytes: number,
  patient?: PatientRedactor,
  counter?: { secret: number },
): string {
  const clean = anyControl.test(raw)
    ? stripAnsi(raw)
        // The line splitter already keeps only a redraw's last state (app/bots/line-splitter.ts);
        // a CR that still gets here, in a supervisor line for one, would garble a line-oriented log.
        .replace(/\r/g, '')
        .replace(controlPattern, '\uFFFD')
    : raw;
  const withoutSecrets = redactor.redact(clean, counter);
  const redacted = patient ? patient.redact(withoutSecrets) : withoutSecrets;
  return truncateLogText(redacted, droppedBytes, maxLineBytes);
}

/**
 * Characters that keep whole lines from being redacted together (`redactWholeLines`): the
 * controls `sanitizeLogText` replaces or strips first, except a CR that ends a line, which the
 * line splitter removes and no pattern reads as part of an identifier. A single class scans
 * fast; the CR gets its own test only when there is one.
 */
const needsLineByLine = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const loneCarriageReturn = /\r(?!\n)/;

/**
 * What `sanitizeLogText` does to each line, done once for several whole lines ('\n' after each):
 * one pass of each redaction over the lot instead of one per line, which is most of what
 * redaction costs on a flood of short lines. No pattern matches across a line feed, so the lines
 * come out as they would one by one. Undefined when a line holds a control character, which
 * must be stripped before redaction; those lines take the line-by-line path. Truncation stays
 * per line (`truncateLogText`), after redaction. Patient redaction says which lines it rewrote
 * (`PreparedLines`), so the lines it leaves alone stay slices of the captured text.
 */
export function redactWholeLines(text: string, redactor: Redactor, patient?: PatientRedactor, counter?: { secret: number }): PreparedLines | undefined {
  if (needsLineByLine.test(text) || (text.includes('\r') && loneCarriageReturn.test(text))) return undefined;
  const prepared = { text: redactor.redact(text, counter), rewrittenAt: [] as number[], rewritten: [] as string[] };
  patient?.rewriteLines(prepared.text, prepared.rewrittenAt, prepared.rewritten);
  return prepared;
}

/** At most `maxLineBytes` of UTF-8, with a marker saying how much was cut (here and before). */
export function truncateLogText(redacted: string, droppedBytes: number, maxLineBytes: number): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: a short line cannot be over the limit.
  if (droppedBytes === 0 && redacted.length * 3 <= maxLineBytes) return redacted;
  const bytes = Buffer.from(redacted, 'utf8');
  if (bytes.length <= maxLineBytes && droppedBytes === 0) return redacted;
  let cut = Math.min(bytes.length, maxLineBytes);
  // Back off to a character boundary so the kept part stays valid UTF-8.
  while (cut > 0 && cut < bytes.length && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  const truncatedBytes = bytes.length - cut + droppedBytes;
  return `${bytes.subarray(0, cut).toString('utf8')}… [truncated ${truncatedBytes} bytes]`;
}
