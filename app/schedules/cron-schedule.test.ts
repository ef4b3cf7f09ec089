import { describe, expect, it } from 'vitest';
import { cronProblem, nextFireAt } from './cron-schedule.js';

describe('cronProblem', () => {
  it('accepts five fields, six with seconds first, and croner’s nicknames', () => {
    for (const pattern of ['0 9 * * 1-5', '30 1 * * *', '0 0 9 * * *', '*/2 * * * * *', '0 9 * * MON-FRI', '0 9 L * *', '0 9 29 2 *', '@daily']) {
      expect({ pattern, problem: cronProblem(pattern) }).toEqual({ pattern, problem: undefined });
    }
  });

  it('names the field and value croner refuses', () => {
    expect(cronProblem('61 * * * *')).toBe('Invalid value for minute: 61');
    expect(cronProblem('0 25 * * *')).toBe('Invalid value for hour: 25');
  });

  it('says in its own words how many parts a pattern has, and never offers a seventh field', () => {
    expect(cronProblem('every day')).toBe('it has 2 parts; a pattern has five (minute hour day month weekday), or six with seconds first');
    expect(cronProblem('* * * *')).toBe('it has 4 parts; a pattern has five (minute hour day month weekday), or six with seconds first');
    expect(cronProblem('0 0 9 * * * 2027')).toBe('it has 7 parts; a pattern has five (minute hour day month weekday), or six with seconds first');
    expect(cronProblem('  ')).toBe('it is empty; a pattern has five (minute hour day month weekday), or six with seconds first');
  });

  it('refuses a pattern no date matches, which would never run', () => {
    expect(cronProblem('0 9 30 2 *')).toBe('no date matches it, so it would never run');
    expect(cronProblem('0 0 9 31 4 *')).toBe('no date matches it, so it would never run');
  });
});

describe('nextFireAt', () => {
  it('is strictly after the given moment', () => {
    expect(nextFireAt('*/5 * * * *', Date.UTC(2026, 10, 23, 9, 5))).toBe(Date.UTC(2026, 10, 23, 9, 10));
  });
});
