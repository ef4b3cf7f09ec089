import { expect, test } from 'vitest';
import { SandboxAccounts, demoUser } from './sandbox-accounts.js';

const accounts = new SandboxAccounts([demoUser, { username: 'nurse', password: 'n', subject: 'nurse-01', name: 'Nurse' }]);

test('the documented demo sign-in works and nothing else does', () => {
  expect(demoUser).toMatchObject({ username: 'demo', password: 'demo-password', name: 'Dr Demo Supervisor' });
  expect(accounts.authenticate('demo', 'demo-password')).toBe(demoUser);
  expect(accounts.authenticate('demo', 'demo-passwordX')).toBeUndefined();
  expect(accounts.authenticate('demo', '')).toBeUndefined();
  expect(accounts.authenticate('DEMO', 'demo-password')).toBeUndefined();
  expect(accounts.authenticate('nurse', 'demo-password')).toBeUndefined();
  expect(accounts.authenticate('nobody', '')).toBeUndefined();
});

test('users are found by subject, and companies are collected from users', () => {
  expect(accounts.findBySubject('nurse-01')?.name).toBe('Nurse');
  expect(accounts.findBySubject('missing')).toBeUndefined();
  expect([...accounts.companyIds()]).toEqual(['demo-clinic-1001']);
});

test('a username or subject listed twice is refused', () => {
  expect(() => new SandboxAccounts([demoUser, { ...demoUser, subject: 'other' }])).toThrow(/twice/);
  expect(() => new SandboxAccounts([demoUser, { ...demoUser, username: 'other' }])).toThrow(/twice/);
  expect(() => new SandboxAccounts([])).toThrow(/at least one user/);
});
