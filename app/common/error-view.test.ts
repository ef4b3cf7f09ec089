import { describe, expect, it } from 'vitest';
import { SupervisorError } from '../errors.js';
import { errorMessage } from './error-catalogue.js';
import { errorView, toErrorView } from './error-view.js';

describe('errorView', () => {
  it('fills in the catalogue message of a code', () => {
    expect(errorView('unknown_bot', 'x')).toStrictEqual({ code: 'unknown_bot', message: 'There is no bot called "x".' });
    expect(errorView('not_connected')).toStrictEqual({ code: 'not_connected', message: errorMessage('not_connected') });
  });
});

describe('toErrorView', () => {
  it('keeps the code and message of a core error, as a fresh plain object', () => {
    const error = new SupervisorError('session_expired', 'Your session for Sandbox has expired.');
    const view = toErrorView(error, 'unexpected');
    expect(view).toStrictEqual({ code: 'session_expired', message: 'Your session for Sandbox has expired.' });
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
  });

  it('accepts a plain ErrorView object (what crosses the Electron context bridge intact)', () => {
    expect(toErrorView({ code: 'unknown_bot', message: 'There is no bot called "x".' }, 'unexpected')).toStrictEqual({
      code: 'unknown_bot',
      message: 'There is no bot called "x".',
    });
  });

  it('hides raw errors that did not come from the catalogue behind the fallback', () => {
    const view = toErrorView(new TypeError('cannot read properties of undefined'), 'unexpected');
    expect(view).toStrictEqual({ code: 'unexpected', message: errorMessage('unexpected') });
    expect(view.message).not.toContain('undefined');
    // A library error with a code of its own is not one of ours either.
    expect(toErrorView(Object.assign(new Error('ENOENT: /home/user/.secret'), { code: 'ENOENT' }), 'internal_error').code).toBe('internal_error');
  });

  it('copes with non-objects and empty messages', () => {
    expect(toErrorView('boom', 'unexpected').code).toBe('unexpected');
    expect(toErrorView(null, 'response_unreadable').code).toBe('response_unreadable');
    expect(toErrorView({ code: 'unknown_bot', message: '' }, 'unexpected').code).toBe('unexpected');
  });
});

describe('toErrorView field problems', () => {
  it('keeps field-by-field messages for forms', () => {
    const error = new SupervisorError('profile_invalid', 'Check the fields.', { fields: { clientId: 'is required' } });
    expect(toErrorView(error, 'unexpected')).toStrictEqual({ code: 'profile_invalid', message: 'Check the fields.', fields: { clientId: 'is required' } });
  });

  it('drops field values that are not text', () => {
    expect(toErrorView({ code: 'profile_invalid', message: 'y', fields: { a: 1, b: 'ok' } }, 'unexpected')).toStrictEqual({ code: 'profile_invalid', message: 'y', fields: { b: 'ok' } });
    expect(toErrorView({ code: 'profile_invalid', message: 'y', fields: { a: 1 } }, 'unexpected')).toStrictEqual({ code: 'profile_invalid', message: 'y' });
  });
});
