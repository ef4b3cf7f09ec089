import { describe, expect, it } from 'vitest';
import { retentionPassDetail } from './retention-pass-detail.js';

const none = { runs: 0, runLogFiles: 0, artifactFiles: 0, diagnosticFiles: 0, bytes: 0, failedRuns: 0 };

describe('retentionPassDetail', () => {
  it('says one file as one file, not "1 log files"', () => {
    expect(retentionPassDetail({ ...none, runs: 1, runLogFiles: 1, artifactFiles: 1, diagnosticFiles: 1, bytes: 2_500 })).toBe(
      'Retention deleted the logs of 1 run (1 log file, 1 artifact file) and 1 diagnostic log file, 3 KB in all.',
    );
  });

  it('says many in the plural, and a large total in megabytes', () => {
    expect(retentionPassDetail({ ...none, runs: 40, runLogFiles: 40, artifactFiles: 12, diagnosticFiles: 2, bytes: 52 * 1024 * 1024 + 1 })).toBe(
      'Retention deleted the logs of 40 runs (40 log files, 12 artifact files) and 2 diagnostic log files, 53 MB in all.',
    );
  });

  it('says small totals in bytes and names the runs whose files stay for the next pass', () => {
    expect(retentionPassDetail({ ...none, runs: 2, runLogFiles: 2, bytes: 600, failedRuns: 1 })).toBe(
      'Retention deleted the logs of 2 runs (2 log files, 0 artifact files) and 0 diagnostic log files, 600 bytes in all. The files of 1 run could not be deleted; the next pass tries again.',
    );
  });
});
