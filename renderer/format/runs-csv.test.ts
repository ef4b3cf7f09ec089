import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunView } from '../../app/common/contract.js';
import { runsCsv, runsCsvFileName } from './runs-csv.js';

describe('runsCsv', () => {
  // Node applies a new TZ at once.
  beforeEach(() => {
    vi.stubEnv('TZ', 'Europe/London');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const failed: RunView = {
    id: 'run-1',
    botId: 'remittance-import',
    botName: 'Remittance import',
    profileId: 'sandbox',
    status: 'failed',
    startedAt: Date.UTC(2026, 6, 14, 23, 30),
    endedAt: Date.UTC(2026, 6, 14, 23, 31, 35),
    exitCode: 3,
    supervisor: { subject: 'u-1', name: 'Priya Shah' },
    reason: 'The bot exited with code 3.',
    lastError: 'Error: "Healthcode" said 503, try later',
    redactions: { nhsNumber: 2 },
  };

  it('writes one row per run in local time with its offset, quoting what needs it', () => {
    const [header, row, end] = runsCsv([failed]).split('\r\n');
    expect(header?.split(',')[0]).toBe('Bot');
    expect(row).toBe(
      'Remittance import,remittance-import,Failed,2026-07-15 00:30:00 +01:00,2026-07-15 00:31:35 +01:00,1 min 35 s,95,Priya Shah,u-1,3,,The bot exited with code 3.,"Error: ""Healthcode"" said 503, try later",2 NHS numbers,run-1',
    );
    expect(end).toBe('');
  });

  it('keeps a bot’s words from running as a spreadsheet formula, and leaves a live run’s end empty', () => {
    const row = runsCsv([{ ...failed, status: 'running', endedAt: undefined, exitCode: undefined, botName: '=HYPERLINK("x")', lastError: '@SUM(A1)', redactions: undefined }]).split('\r\n')[1];
    expect(row).toBe(`"'=HYPERLINK(""x"")",remittance-import,Running,2026-07-15 00:30:00 +01:00,,,,Priya Shah,u-1,,,The bot exited with code 3.,'@SUM(A1),,run-1`);
  });

  it('names the file by the local date', () => {
    expect(runsCsvFileName(Date.UTC(2026, 6, 14, 23, 30))).toBe('rpa-supervisor-runs-2026-07-15.csv');
  });
});
