/** RFC 8252 redirects are short; the host's parser allows 8 KB. Anything longer is not a link. */
const maxLinkChars = 16 * 1024;

export interface LinkInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  once(event: 'end', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  resume(): unknown;
  pause(): unknown;
}

export type LinkRead = { kind: 'link'; url: string } | { kind: 'cancelled' } | { kind: 'empty' } | { kind: 'tooLong' };

/**
 * Reads the link from stdin without ever echoing it. At a terminal the input is read in raw mode,
 * so the pasted link (code and all) is not shown and does not stay in the scrollback; Enter ends
 * it, Ctrl+C cancels. From a pipe, the first line is the link. Surrounding spaces are dropped,
 * because a pasted link often brings a trailing newline or space.
 */
export function readLinkFromStdin(input: LinkInput, prompt: (text: string) => void): Promise<LinkRead> {
  const terminal = input.isTTY === true && typeof input.setRawMode === 'function';
  if (terminal) prompt('Paste the link your browser could not open, then press Enter (it is not shown): ');
  return new Promise((resolve) => {
    let text = '';
    let finished = false;
    const finish = (read: LinkRead) => {
      if (finished) return;
      finished = true;
      input.removeAllListeners('data');
      input.removeAllListeners('end');
      if (terminal) input.setRawMode?.(false);
      input.pause();
      if (terminal) prompt(read.kind === 'link' ? 'received.\n' : '\n');
      resolve(read);
    };
    const done = () => {
      const url = (text.split(/\r?\n|\r/).find((line) => line.trim() !== '') ?? '').trim();
      if (text.length > maxLinkChars) finish({ kind: 'tooLong' });
      else finish(url === '' ? { kind: 'empty' } : { kind: 'link', url });
    };
    if (terminal) input.setRawMode?.(true);
    input.on('data', (chunk) => {
      const piece = chunk.toString();
      if (!terminal) {
        text += piece;
        if (text.length > maxLinkChars) finish({ kind: 'tooLong' });
        return;
      }
      for (const char of piece) {
        if (char === '\u0003') return finish({ kind: 'cancelled' });
        if (char === '\u0004') return done();
        if (char === '\r' || char === '\n') {
          if (text.trim() === '') continue;
          return done();
        }
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
        if (text.length > maxLinkChars) return finish({ kind: 'tooLong' });
      }
    });
    input.once('end', done);
    input.resume();
  });
}
