/*
 * ANSI escape sequences (CSI such as colours and cursor moves, OSC such as window titles, and
 * lone ESC pairs) and the C0/C1 control characters other than tab. The core already strips these
 * before a line leaves it; the view strips again so that a terminal trick in bot output can never
 * reach the page, whatever the core version. Text is rendered as text either way (S48).
 */
const controlSequences = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]|\u001b[@-_]|[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** `text` without escape sequences or control characters (tabs are kept). */
export function stripControlSequences(text: string): string {
  // Most lines have no control characters; skip the replace for them.
  return /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(text) ? text.replace(controlSequences, '') : text;
}
