import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canSayWhy, lastErrorMaxChars, lastErrorText } from './last-error-line.js';

/** The last line of each output that `canSayWhy` keeps, as RunLog does with a bot's error output. */
function lastReason(output: string): string | undefined {
  return output.split('\n').filter(canSayWhy).at(-1);
}

describe('the line that says why a bot failed', () => {
  it('is an uncaught Node error\'s message, not its source context, caret, stack or version line', () => {
    const node = [
      'file:///bots/portal-bot.mjs:12',
      "    throw new Error('the portal refused batch 42');",
      '    ^',
      '',
      'Error: the portal refused batch 42',
      '    at file:///bots/portal-bot.mjs:12:11',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:234:25)',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(lastReason(node)).toBe('Error: the portal refused batch 42');
  });

  it('is the message of a real uncaught Node error with properties of its own, not the "}" closing them', () => {
    const script = "const e = new Error('the broker refused: approval_pending'); e.name = 'BotSdkError'; e.code = 'approval_pending'; e.status = 503; throw e;";
    const { stderr } = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(stderr).toMatch(/\n\}\n/);
    expect(lastReason(stderr)).toBe('BotSdkError: the broker refused: approval_pending');
  });

  it('is a Playwright error\'s message, not its call log', () => {
    const playwright = ['TimeoutError: locator.click: Timeout 30000ms exceeded.', 'Call log:', "  - waiting for getByRole('button', { name: 'Post' })", '', '    at main (file:///bots/portal-bot.mjs:40:9)'].join('\n');
    expect(lastReason(playwright)).toBe('TimeoutError: locator.click: Timeout 30000ms exceeded.');
  });

  it('is a Python exception\'s last line, and a plain console.error line as written', () => {
    expect(lastReason(['Traceback (most recent call last):', '  File "bot.py", line 3, in <module>', 'ValueError: no batch today'].join('\n'))).toBe('ValueError: no batch today');
    expect(lastReason('about to crash')).toBe('about to crash');
    expect(lastReason(['', '   ', '\t'].join('\n'))).toBeUndefined();
  });

  it('is cut to a sentence\'s length with an ellipsis, and trimmed', () => {
    expect(lastErrorText('  short  ')).toBe('short');
    const long = lastErrorText(`Error: ${'x'.repeat(500)}`);
    expect(long).toHaveLength(lastErrorMaxChars);
    expect(long.endsWith('…')).toBe(true);
  });
});
