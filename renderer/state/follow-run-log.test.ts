import { describe, expect, it } from 'vitest';
import type { SupervisorApi } from '../../app/common/contract.js';
import { followRunLog } from './follow-run-log.js';

function recordingApi(options: { fail?: boolean } = {}) {
  const sent: string[][] = [];
  const api = {
    invoke: async (command: string, input: { runIds: string[] }) => {
      if (command !== 'followLogs') throw new Error(`unexpected ${command}`);
      sent.push(input.runIds);
      if (options.fail) throw new Error('disconnected');
    },
    on: () => ({ dispose: () => undefined }),
  } as unknown as SupervisorApi;
  return { api, sent };
}

describe('followRunLog', () => {
  it('sends the union of every view on screen, and drops a run when its last view goes', async () => {
    const { api, sent } = recordingApi();
    const first = followRunLog(api, 'r1');
    await first.ready;
    expect(sent.at(-1)).toEqual(['r1']);
    const second = followRunLog(api, 'r1');
    const other = followRunLog(api, 'r2');
    await other.ready;
    expect(sent.at(-1)).toEqual(['r1', 'r2']);
    first.dispose();
    first.dispose();
    await followRunLog(api, 'r3').ready;
    expect(sent.at(-1)).toEqual(['r1', 'r2', 'r3']);
    second.dispose();
    other.dispose();
    await followRunLog(api, 'r4').ready;
    expect(sent.at(-1)).toEqual(['r3', 'r4']);
  });

  it('sends the list as it is when its turn comes, so quick changes end in the last one', async () => {
    const { api, sent } = recordingApi();
    const a = followRunLog(api, 'a');
    a.dispose();
    const b = followRunLog(api, 'b');
    await b.ready;
    expect(sent.at(-1)).toEqual(['b']);
    expect(sent.flat()).not.toContain('a');
  });

  it('keeps separate lists per connection, and a failed request still lets the view read its log', async () => {
    const one = recordingApi({ fail: true });
    const two = recordingApi();
    await expect(followRunLog(one.api, 'a').ready).resolves.toBeUndefined();
    await followRunLog(two.api, 'b').ready;
    expect(one.sent).toEqual([['a']]);
    expect(two.sent).toEqual([['b']]);
  });
});
