import { describe, expect, it } from 'vitest';
import { supervisorError } from './error-catalogue.js';
import { NoticeBoard } from './notice-board.js';
import { FakeClock } from './test-support/fake-clock.js';

function board() {
  const clock = new FakeClock(1_000);
  const notices = new NoticeBoard(clock);
  let changes = 0;
  notices.onDidChange(() => changes++);
  return { clock, notices, changes: () => changes };
}

describe('NoticeBoard', () => {
  it('coalesces notices by code: one notice with a count, the latest message and time, moved to the end', () => {
    const { clock, notices, changes } = board();
    notices.post('warning', supervisorError('invalid_redirect', 'the scheme is wrong'));
    notices.post('warning', supervisorError('secrets_memory_only'));
    for (let i = 0; i < 15; i++) {
      clock.advance(10);
      notices.post('warning', supervisorError('invalid_redirect', `reason ${i}`));
    }
    const list = notices.list();
    expect(list.map((n) => n.code)).toEqual(['secrets_memory_only', 'invalid_redirect']);
    const refused = list[1];
    expect(refused?.count).toBe(16);
    expect(refused?.message).toContain('reason 14');
    expect(refused?.at).toBe(1_150);
    expect(list[0]?.count).toBeUndefined();
    expect(changes()).toBe(17);
  });

  it('keeps the id of a coalesced notice, so the page keeps its place and focus', () => {
    const { notices } = board();
    notices.post('warning', supervisorError('session_unreadable'));
    const id = notices.list()[0]?.id;
    notices.post('warning', supervisorError('session_unreadable'));
    expect(notices.list()).toHaveLength(1);
    expect(notices.list()[0]?.id).toBe(id);
  });

  it('keeps the more severe level when a code comes back at another level', () => {
    const { notices } = board();
    notices.post('error', supervisorError('settings_reset'));
    notices.post('info', supervisorError('settings_reset'));
    expect(notices.list()[0]?.level).toBe('error');
    notices.post('warning', supervisorError('profiles_reset'));
    notices.post('error', supervisorError('profiles_reset'));
    expect(notices.list().find((n) => n.code === 'profiles_reset')?.level).toBe('error');
  });

  it('Dismiss all empties the board once, and a later post starts afresh with a new id', () => {
    const { notices, changes } = board();
    notices.post('warning', supervisorError('session_unreadable'));
    notices.post('warning', supervisorError('session_unreadable'));
    notices.post('warning', supervisorError('settings_reset'));
    const before = changes();
    const oldIds = notices.list().map((n) => n.id);
    notices.dismissAll();
    expect(notices.list()).toEqual([]);
    expect(changes()).toBe(before + 1);
    notices.dismissAll();
    expect(changes()).toBe(before + 1);
    notices.post('warning', supervisorError('session_unreadable'));
    expect(notices.list()[0]?.count).toBeUndefined();
    expect(oldIds).not.toContain(notices.list()[0]?.id);
  });

  it('keeps one notice per source: show replaces it without a count, revise only while it is up, withdraw takes it down', () => {
    const { notices, changes } = board();
    notices.post('warning', supervisorError('secrets_memory_only'));
    notices.show('bots', 'warning', supervisorError('bot_manifest_invalid', 'a.bot.json', 'name: is required'));
    notices.show('bots', 'warning', supervisorError('bot_manifests_invalid', 2, '/bots', 'a: x. b: y.'));
    const [, shown] = notices.list();
    expect(notices.list()).toHaveLength(2);
    expect(shown).toMatchObject({ code: 'bot_manifests_invalid' });
    expect(shown?.count).toBeUndefined();

    // Another post of the same code elsewhere is its own notice, and coalesces as before.
    notices.post('warning', supervisorError('bot_manifests_invalid', 1, '/x', 'z.'));
    notices.post('warning', supervisorError('bot_manifests_invalid', 1, '/x', 'z.'));
    expect(notices.list().map((n) => n.count)).toEqual([undefined, undefined, 2]);

    notices.revise('bots', supervisorError('bot_manifest_invalid', 'b.bot.json', 'y'));
    expect(notices.list()[1]).toMatchObject({ id: shown?.id, code: 'bot_manifest_invalid', message: expect.stringContaining('b.bot.json') as string });
    const before = changes();
    notices.revise('bots', supervisorError('bot_manifest_invalid', 'b.bot.json', 'y'));
    expect(changes()).toBe(before);

    notices.withdraw('bots');
    expect(notices.list().map((n) => n.code)).toEqual(['secrets_memory_only', 'bot_manifests_invalid']);
    notices.withdraw('bots');
    expect(changes()).toBe(before + 1);
  });

  it('leaves a dismissed source notice down when revised, and Dismiss all takes it too', () => {
    const { notices } = board();
    notices.show('bots', 'warning', supervisorError('bot_manifest_invalid', 'a.bot.json', 'x'));
    notices.dismiss(notices.list()[0]?.id ?? '');
    notices.revise('bots', supervisorError('bot_manifest_invalid', 'b.bot.json', 'y'));
    expect(notices.list()).toEqual([]);
    notices.show('bots', 'warning', supervisorError('bot_manifest_invalid', 'c.bot.json', 'z'));
    notices.dismissAll();
    notices.revise('bots', supervisorError('bot_manifest_invalid', 'd.bot.json', 'z'));
    expect(notices.list()).toEqual([]);
  });

  it('dismisses one notice by id', () => {
    const { notices } = board();
    notices.post('warning', supervisorError('session_unreadable'));
    notices.post('warning', supervisorError('settings_reset'));
    notices.dismiss(notices.list()[0]?.id ?? '');
    expect(notices.list().map((n) => n.code)).toEqual(['settings_reset']);
  });
});
