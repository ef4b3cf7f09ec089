import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permission-policy.js';

describe('isPermissionAllowed', () => {
  it('S47 allows only sanitised clipboard writes', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'fullscreen']) {
      expect(isPermissionAllowed(permission)).toBe(false);
    }
  });
});
