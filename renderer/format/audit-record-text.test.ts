import { describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../../app/common/contract.js';
import { describeAuditRecord, describePreferenceChanges, localiseTimestamps } from './audit-record-text.js';
import { formatPreciseDateTime } from './format-date-time.js';

const record = (type: string, detail: string): AuditRecordView => ({ seq: 1, at: 0, type, detail });

describe('describeAuditRecord', () => {
  it('reads a requested safe stop as a declined request, from old and new records alike', () => {
    for (const detail of ['The broker refused a request: stop_requested.', 'The run was asked to stop, so the broker declined its token request: stop_requested.']) {
      const text = describeAuditRecord(record('brokerDenied', detail));
      expect(text.event).toBe('Token request declined');
      expect(text.detail).toBe('The run was asked to stop, so it got no token and stops at its next safe point.');
      expect(`${text.event} ${text.detail}`).not.toMatch(/refus|stop_requested/);
    }
    expect(describeAuditRecord(record('brokerDenied', 'The broker refused 3 more requests: stop_requested.')).detail).toBe('3 more token requests declined: the run was asked to stop.');
  });

  it('keeps a real refusal reading as a refusal, with its reason in words and the code kept for reference', () => {
    const text = describeAuditRecord(record('brokerDenied', 'The broker refused a request: session_expired.'));
    expect(text).toEqual({ event: 'Token request refused', detail: 'The broker refused a request: the sign-in had expired (session_expired).' });
    expect(describeAuditRecord(record('brokerDenied', 'The broker refused 4 more requests: invalid_secret.')).detail).toBe(
      "The broker refused 4 more requests: the run's secret was missing or wrong (invalid_secret).",
    );
    // A code this version has no words for stays as stored.
    expect(describeAuditRecord(record('brokerDenied', 'The broker refused a request: newer_code.')).detail).toBe('The broker refused a request: newer_code.');
  });

  it('says why a sign-in failed or a scheduled run was skipped in words, not only as a code', () => {
    expect(describeAuditRecord(record('signInFailed', 'Sign-in failed: state_mismatch.')).detail).toBe('Sign-in failed: a sign-in answer was ignored for your safety (state_mismatch).');
    expect(describeAuditRecord(record('signInFailed', 'Sign-in failed: provider_refused.')).detail).toBe('Sign-in failed: the sign-in was cancelled or refused (provider_refused).');
    expect(describeAuditRecord(record('signInFailed', 'Sign-in failed: some_new_code.')).detail).toBe('Sign-in failed: some_new_code.');
    expect(describeAuditRecord(record('scheduledRunSkipped', 'schedule_skipped_session_expired: The sign-in has expired.')).detail).toBe('The sign-in has expired (schedule_skipped_session_expired).');
  });

  it('shows every stored UTC timestamp as local time, in the screen’s format', () => {
    const iso = '2026-12-07T15:23:39.526Z';
    const local = formatPreciseDateTime(Date.parse(iso));
    expect(describeAuditRecord(record('signedIn', `Token valid until ${iso}.`)).detail).toBe(`Token valid until ${local}.`);
    expect(describeAuditRecord(record('sessionRestored', `A stored session was restored at start-up; valid until ${iso}.`)).detail).toBe(`A stored session was restored at start-up; valid until ${local}.`);
    expect(describeAuditRecord(record('attestationRequested', `"Still supervising?" asked; it must be answered by ${iso}.`)).detail).not.toContain('Z.');
    expect(localiseTimestamps(`the checkpoint of 2026-01-02T03:04:05Z`)).toBe(`the checkpoint of ${formatPreciseDateTime(Date.UTC(2026, 0, 2, 3, 4, 5))}`);
    expect(localiseTimestamps('record 2026 of 12')).toBe('record 2026 of 12');
  });

  it('says what a new audit key is for and where its id shows again, instead of a bare key id', () => {
    const text = describeAuditRecord(record('auditKeyChanged', 'A new audit key (812ff15a7c0bb941) seals records from 1. Secrets are kept in memory only on this computer, so the key lasts for this session.'));
    expect(text.event).toBe('Audit key started');
    expect(text.detail).toBe(
      "From record 1 on, each record is also sealed with a secret key kept on this computer, so a record changed or removed afterwards fails the check. The key's id, 812ff15a7c0bb941, is in the Key id column of an export. This computer keeps secrets in memory only, so the key lasts until the app closes and the next start begins a new one.",
    );
    expect(describeAuditRecord(record('auditKeyChanged', 'A new audit key (ab12) seals records from 41. Records 1 to 40 keep their plain hash chain.')).detail).toBe(
      "From record 41 on, each record is also sealed with a secret key kept on this computer, so a record changed or removed afterwards fails the check. The key's id, ab12, is in the Key id column of an export. Records 1 to 40 were written before this key and are checked without it.",
    );
    expect(describeAuditRecord(record('auditKeyChanged', 'A key of another shape.')).detail).toBe('A key of another shape.');
  });

  it('says what a signed checkpoint covers and that its key is the fingerprint Settings shows', () => {
    const fingerprint = '1fcd:248c:1b18:c436:5640:20e1:1e44:7139';
    expect(describeAuditRecord(record('auditCheckpoint', `Signed checkpoint (daily) at record 1; key ${fingerprint}.`)).detail).toBe(
      `Daily checkpoint of record 1, signed with this computer's checkpoint key (fingerprint ${fingerprint}, as Settings → Audit trail shows it). Checked against it, a record changed or cut off since shows.`,
    );
    expect(describeAuditRecord(record('auditCheckpoint', `Signed checkpoint (export) at record 30; key ${fingerprint}.`)).detail).toMatch(/^Checkpoint of records 1 to 30, saved with an export, signed with/);
  });

  it('labels events by type when nothing needs reading out', () => {
    expect(describeAuditRecord({ seq: 2, at: 0, type: 'signedOut' })).toEqual({ event: 'Signed out', detail: '' });
  });
});

describe('describePreferenceChanges', () => {
  it('names each preference as Settings does and says yes or no for switches', () => {
    expect(describePreferenceChanges('Preferences changed: wizardCompleted false → true.')).toBe('Preferences changed. First-run setup finished: no → yes.');
    expect(describePreferenceChanges('Preferences changed: maxConcurrentRuns 2 → 3; botsDir /a; b → /c.')).toBe('Preferences changed. Runs at once: 2 → 3; Bots folder: /a; b → /c.');
    expect(describePreferenceChanges('Preferences changed: browserPath undefined → /usr/bin/chromium.')).toBe('Preferences changed. Browser for bots: not set → /usr/bin/chromium.');
  });

  it('reads global shortcuts as words, and falls back to the key for a preference it does not know', () => {
    const off = JSON.stringify({ enabled: false, stopAll: '', pauseAll: '', pauseAllOffered: true });
    const on = JSON.stringify({ enabled: true, stopAll: 'Ctrl+Shift+S', pauseAll: 'Ctrl+Shift+P', pauseAllOffered: true });
    expect(describePreferenceChanges(`Preferences changed: hotkeys ${off} → ${on}.`)).toBe('Preferences changed. Global shortcuts: off → on (Stop all Ctrl+Shift+S, Pause all Ctrl+Shift+P).');
    expect(describePreferenceChanges('Preferences changed: newThing 1 → 2.')).toBe('Preferences changed. newThing: 1 → 2.');
  });

  it('leaves other settings changes as they are', () => {
    expect(describePreferenceChanges('Audit forwarding switched off.')).toBe('Audit forwarding switched off.');
    expect(describeAuditRecord(record('settingsChanged', 'Profile "X" saved.')).detail).toBe('Profile "X" saved.');
  });
});
