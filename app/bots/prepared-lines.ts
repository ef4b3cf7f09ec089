/**
 * What `prepare` made of a chunk's whole lines when it rewrote only some of them: the others stay
 * slices of the text they arrived in, rather than of a rebuilt copy of the whole chunk.
 */
export interface PreparedLines {
  /** The whole lines (each ends in '\n'). */
  text: string;
  /** Where each rewritten line starts in `text`, ascending. */
  rewrittenAt: readonly number[];
  /** The rewritten lines' new text (no '\n'), in the same order. */
  rewritten: readonly string[];
}

/** The whole text that `prepared` stands for. */
export function preparedText(prepared: PreparedLines): string {
  let text = '';
  let copiedTo = 0;
  prepared.rewrittenAt.forEach((start, index) => {
    const newline = prepared.text.indexOf('\n', start);
    text += prepared.text.slice(copiedTo, start) + (prepared.rewritten[index] ?? '');
    copiedTo = newline === -1 ? prepared.text.length : newline;
  });
  return copiedTo === 0 ? prepared.text : text + prepared.text.slice(copiedTo);
}
