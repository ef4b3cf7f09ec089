/**
 * ANSI/VT escape sequences: CSI (`ESC [` or the 8-bit `0x9B`), OSC (`ESC ]` … BEL or ST, used for
 * window titles and hyperlinks), and two-byte `ESC x` sequences. Colour codes are noise in a log
 * file and OSC hyperlinks could smuggle text, so all of them go.
 */
const ansiPattern =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}
