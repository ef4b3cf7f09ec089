/** Longest last error kept with a failed run: a sentence, not a stack trace. */
export const lastErrorMaxChars = 200;

/**
 * Whether a line a bot wrote to its error output can say why it failed. An uncaught error in
 * Node ends with its stack, a blank line and "Node.js v20…"; an error with properties of its own
 * (Playwright's TimeoutError, the SDK's BotSdkError) prints them after the stack as an indented
 * block closed by a lone "}"; Playwright adds an indented call log; Python ends with the exception
 * itself. Skipping blank and indented lines, that "}", Node's caret marker and version line and
 * Playwright's "Call log:" heading leaves the error's own message.
 */
export function canSayWhy(text: string): boolean {
  const first = text.charCodeAt(0);
  // Empty, or starting with a space or tab: a stack frame, a call log entry or source context.
  if (Number.isNaN(first) || first === 32 || first === 9) return false;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '^' || trimmed === '}') return false;
  return !/^Node\.js v\d/.test(trimmed) && trimmed !== 'Call log:';
}

/** The line as shown with the run: at most `lastErrorMaxChars`, cut with an ellipsis. */
export function lastErrorText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > lastErrorMaxChars ? `${trimmed.slice(0, lastErrorMaxChars - 1)}…` : trimmed;
}
