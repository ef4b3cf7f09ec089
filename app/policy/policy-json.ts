/** The policy file's text, or why it cannot be read as text. */
export type PolicyText = { ok: true; text: string } | { ok: false; detail: string };

/**
 * The file's bytes as text. UTF-8 is the format; UTF-16 with a byte-order mark is read too,
 * because Windows PowerShell's `Out-File` and Notepad's "Unicode" write it and the mark makes it
 * unambiguous. Anything else is refused rather than read with characters guessed wrong.
 */
export function decodePolicyBytes(bytes: Buffer): PolicyText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: bytes.subarray(2).toString('utf16le') };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, detail: 'it is not saved as UTF-8 text (save it as UTF-8)' };
  }
}

export type PolicyJson = { ok: true; json: unknown } | { ok: false; detail: string };

/**
 * JSON.parse with a refusal an administrator can act on: what is wrong and the line and column,
 * naming the two mistakes JSON written by hand makes most (comments, a comma after the last entry).
 */
export function parsePolicyJson(source: string): PolicyJson {
  const text = source.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, detail: 'it is empty' };
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    return { ok: false, detail: `it is not valid JSON: ${jsonProblem(text, error instanceof Error ? error.message : String(error))}` };
  }
}

function jsonProblem(text: string, message: string): string {
  const reported = /at position (\d+)/.exec(message);
  const at = reported ? Number(reported[1]) : undefined;
  const habit = firstHandWrittenMistake(text);
  // The parser stops at the first error; a comment or stray comma before it is the one to fix.
  if (habit && (at === undefined || habit.at <= at)) return `${habit.what} at ${lineAndColumn(text, habit.at)}${habit.why}`;
  if (at === undefined || at >= text.trimEnd().length) {
    return /end of JSON input/.test(message) || at !== undefined ? 'it ends before every { and [ is closed' : 'it is not in JSON form';
  }
  if (text[at] === "'") return `use double quotes (") around names and text at ${lineAndColumn(text, at)}`;
  const said = message.replace(/ in JSON at position.*$/s, '');
  return `${said.charAt(0).toLowerCase()}${said.slice(1)} at ${lineAndColumn(text, at)}`;
}

/** The first comment or comma before a closing bracket outside a string, if any. */
function firstHandWrittenMistake(text: string): { at: number; what: string; why: string } | undefined {
  let inString = false;
  let lastComma: number | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return { at: i, what: 'remove the comment', why: ' (JSON allows none)' };
    if ((char === '}' || char === ']') && lastComma !== undefined) return { at: lastComma, what: 'remove the comma after the last entry', why: '' };
    if (char === ',') lastComma = i;
    else if (char !== undefined && !/\s/.test(char)) lastComma = undefined;
  }
  return undefined;
}

function lineAndColumn(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}
