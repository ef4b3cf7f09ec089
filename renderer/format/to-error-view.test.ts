import { describe, expect, it } from 'vitest';
import { CommandError } from '../transport/command-error.js';
import { toErrorView } from './to-error-view.js';

describe('toErrorView', () => {
  it('keeps the core message and code', () => {
    const error = new CommandError({ code: 'session_expired', message: 'Your session has expired.' });
    expect(toErrorView(error)).toEqual({ code: 'session_expired', message: 'Your session has expired.' });
  });

  it('accepts a plain ErrorView object (what crosses the Electron context bridge intact)', () => {
    expect(toErrorView({ code: 'unknown_bot', message: 'There is no bot called "x".' })).toEqual({
      code: 'unknown_bot',
      message: 'There is no bot called "x".',
    });
  });

  it('hides raw errors that did not come from the core', () => {
    const view = toErrorView(new TypeError('cannot read properties of undefined'));
    expect(view.code).toBe('unexpected');
    expect(view.message).not.toContain('undefined');
  });

  it('copes with non-objects', () => {
    expect(toErrorView('boom').code).toBe('unexpected');
    expect(toErrorView(null).code).toBe('unexpected');
  });
});

describe('toErrorView field problems', () => {
  it('keeps field-by-field messages for forms', () => {
    const error = new CommandError({ code: 'invalid_profile', message: 'Check the fields.', fields: { clientId: 'Required' } });
    expect(toErrorView(error)).toEqual({ code: 'invalid_profile', message: 'Check the fields.', fields: { clientId: 'Required' } });
  });

  it('drops field values that are not text', () => {
    expect(toErrorView({ code: 'x', message: 'y', fields: { a: 1, b: 'ok' } })).toEqual({ code: 'x', message: 'y', fields: { b: 'ok' } });
    expect(toErrorView({ code: 'x', message: 'y', fields: { a: 1 } })).toEqual({ code: 'x', message: 'y' });
  });
});
