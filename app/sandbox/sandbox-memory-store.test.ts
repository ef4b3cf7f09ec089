import { expect, test } from 'vitest';
import { SandboxMemoryStore } from './sandbox-memory-store.js';

function storeAt(startAt: number) {
  let nowAt = startAt;
  const store = new SandboxMemoryStore(() => nowAt);
  return { store, advance: (ms: number) => (nowAt += ms) };
}

test('entries expire after their time to live', async () => {
  const { store, advance } = storeAt(1_000_000);
  const codes = store.adapterFactory('AuthorizationCode');
  await codes.upsert('c1', { accountId: 'a' }, 60);

  expect(await codes.find('c1')).toMatchObject({ accountId: 'a' });
  advance(59_999);
  expect(await codes.find('c1')).toBeDefined();
  advance(1);
  expect(await codes.find('c1')).toBeUndefined();
  expect(store.size).toBe(0);
});

test('consume marks the entry in epoch seconds, destroy removes it', async () => {
  const { store } = storeAt(1_700_000_000_500);
  const codes = store.adapterFactory('AuthorizationCode');
  await codes.upsert('c1', {}, 60);

  await codes.consume('c1');
  expect((await codes.find('c1'))?.consumed).toBe(1_700_000_000);
  await codes.destroy('c1');
  expect(await codes.find('c1')).toBeUndefined();
});

test('revoking a grant removes its tokens but not other grants or models', async () => {
  const { store } = storeAt(0);
  const refresh = store.adapterFactory('RefreshToken');
  const codes = store.adapterFactory('AuthorizationCode');
  const sessions = store.adapterFactory('Session');
  await refresh.upsert('r1', { grantId: 'g1' }, 600);
  await codes.upsert('c1', { grantId: 'g1' }, 600);
  await refresh.upsert('r2', { grantId: 'g2' }, 600);
  await sessions.upsert('s1', { uid: 'u1', grantId: 'g1' } as never, 600);

  await refresh.revokeByGrantId('g1');

  expect(await refresh.find('r1')).toBeUndefined();
  expect(await codes.find('c1')).toBeUndefined();
  expect(await refresh.find('r2')).toBeDefined();
  expect(await sessions.findByUid('u1')).toBeDefined();
});

test('sessions are found by uid and device codes by user code, until destroyed', async () => {
  const { store } = storeAt(0);
  const sessions = store.adapterFactory('Session');
  const deviceCodes = store.adapterFactory('DeviceCode');
  await sessions.upsert('s1', { uid: 'u1' } as never, 600);
  await deviceCodes.upsert('d1', { userCode: 'ABCD' }, 600);

  expect(await sessions.findByUid('u1')).toMatchObject({ uid: 'u1' });
  expect(await deviceCodes.findByUserCode('ABCD')).toMatchObject({ userCode: 'ABCD' });
  await sessions.destroy('s1');
  expect(await sessions.findByUid('u1')).toBeUndefined();
  expect(await sessions.findByUid('nope')).toBeUndefined();
});

test('two stores never share entries', async () => {
  const first = new SandboxMemoryStore().adapterFactory('Grant');
  const second = new SandboxMemoryStore().adapterFactory('Grant');
  await first.upsert('g1', { accountId: 'a' }, 600);
  expect(await second.find('g1')).toBeUndefined();
});
