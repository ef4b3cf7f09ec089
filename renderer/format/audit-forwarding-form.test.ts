import { describe, expect, it } from 'vitest';
import { checkForwardingForm } from './audit-forwarding-form.js';

describe('checkForwardingForm', () => {
  it('accepts a host name or address and a port from 1 to 65535', () => {
    expect(checkForwardingForm({ host: ' syslog.clinic.example ', port: '6514' })).toEqual({ ok: true, target: { host: 'syslog.clinic.example', port: 6514 } });
    expect(checkForwardingForm({ host: '10.0.0.5', port: '1' })).toMatchObject({ ok: true });
    expect(checkForwardingForm({ host: '[::1]', port: '65535' })).toMatchObject({ ok: true });
  });

  it('reports a host with spaces and a port outside 1–65535 at their fields', () => {
    const check = checkForwardingForm({ host: 'syslog server.local', port: '99999' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.host).toMatch(/no spaces/);
    expect(check.errors.port).toMatch(/from 1 to 65535/);
  });

  it('refuses an empty host, port 0, words and what the core would refuse', () => {
    const errorsOf = (host: string, port: string) => {
      const check = checkForwardingForm({ host, port });
      return check.ok ? [] : Object.keys(check.errors);
    };
    expect(errorsOf('', '514')).toEqual(['host']);
    expect(errorsOf('syslog_1.local', '514')).toEqual(['host']);
    expect(errorsOf('a'.repeat(254), '514')).toEqual(['host']);
    expect(errorsOf('syslog.local', '0')).toEqual(['port']);
    expect(errorsOf('syslog.local', 'tls')).toEqual(['port']);
    expect(errorsOf('syslog.local', '-1')).toEqual(['port']);
  });
});
