/** Limits on what a bot may ask (S59); longer text is cut and marked. */
/** `openPerRun`: a bot asking in a loop (say, after its own time-out) must not fill the strip, the notifications and the trail. */
export const questionLimits = { textChars: 2000, choiceChars: 200, choices: 10, fields: 10, labelChars: 200, answerChars: 4000, openPerRun: 5 } as const;

export const truncationMarker = ' … [truncated]';

// C0 and C1 controls (tab and newline are kept in question text), bidi overrides, line separators.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * Plain text for a question, a choice or a label: control characters become spaces and the length
 * is bounded with a visible marker. HTML is left as the characters it is: the page renders text
 * only (React text nodes), so `<script>` is shown, never run.
 */
export function cleanQuestionText(value: string, max: number, options: { multiline?: boolean } = {}): string {
  let text = value.replace(controls, ' ');
  if (!options.multiline) text = text.replace(/[\t\r\n]+/g, ' ');
  text = text.replace(/\r\n?/g, '\n').trim();
  if (text.length <= max) return text;
  return `${text.slice(0, max - truncationMarker.length).trimEnd()}${truncationMarker}`;
}

/** At most `max` characters of a question for a one-line record, cut at a word with "…". */
export function questionExcerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut}…`;
}
