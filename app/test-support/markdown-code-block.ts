import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The first fenced code block of `language` after the one line of `markdown` that holds `marker`,
 * verbatim: tests run a document's examples as written, so a change to the text is what they run.
 */
export function codeBlockAfter(markdown: string, marker: string, language: string): string {
  const lines = markdown.split('\n');
  const at = lines.flatMap((line, index) => (line.includes(marker) ? [index] : []));
  if (at.length !== 1) throw new Error(`Expected one line holding "${marker}", found ${at.length}.`);
  const open = lines.findIndex((line, index) => index > (at[0] as number) && line.trimEnd() === `\`\`\`${language}`);
  if (open === -1) throw new Error(`No \`\`\`${language} block after "${marker}".`);
  const close = lines.findIndex((line, index) => index > open && line.trimEnd() === '```');
  if (close === -1) throw new Error(`The \`\`\`${language} block after "${marker}" is not closed.`);
  return `${lines.slice(open + 1, close).join('\n')}\n`;
}

/** docs/bots.md as it is in the work tree. */
export function readBotsDoc(): string {
  return readFileSync(fileURLToPath(new URL('../../docs/bots.md', import.meta.url)), 'utf8');
}
