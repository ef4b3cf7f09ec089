import type { RunView } from '../../app/common/contract.js';
import { formatDuration } from '../../app/common/format-duration.js';
import { copy } from '../copy.js';
import { redactionSummary } from './redaction-summary.js';
import { localDateOf } from './run-date-range.js';
import { runLabel } from './status-labels.js';

/** The Run history's CSV download: the runs the screen shows, one row each, header first. */
export function runsCsv(runs: readonly RunView[]): string {
  const rows = [csvRow(copy.history.csvColumns)];
  for (const run of runs) {
    const durationMs = run.endedAt === undefined ? undefined : Math.max(0, run.endedAt - run.startedAt);
    rows.push(
      csvRow([
        run.botName,
        run.botId,
        runLabel(run),
        localTimeWithOffset(run.startedAt),
        run.endedAt === undefined ? undefined : localTimeWithOffset(run.endedAt),
        durationMs === undefined ? undefined : formatDuration(durationMs),
        durationMs === undefined ? undefined : Math.round(durationMs / 1000),
        run.supervisor?.name,
        run.supervisor?.subject,
        run.exitCode ?? undefined,
        run.signal ?? undefined,
        run.reason,
        run.lastError,
        run.redactions ? redactionSummary(run.redactions) : undefined,
        run.id,
      ]),
    );
  }
  return rows.join('');
}

/** `rpa-supervisor-runs-2026-12-07.csv`, by the local date it was saved. */
export function runsCsvFileName(at: number): string {
  return `rpa-supervisor-runs-${localDateOf(at)}.csv`;
}

/** `2026-12-06 23:49:59 +00:00`: local time as the screen shows it, with the offset that day had. */
function localTimeWithOffset(at: number): string {
  const date = new Date(at);
  const offset = -date.getTimezoneOffset();
  const pad = (value: number) => String(value).padStart(2, '0');
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localDateOf(at)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`;
}

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection), and bot
 * names, reasons and errors are partly the bots' words. A leading apostrophe keeps it text, as
 * the audit trail's export does (app/audit/audit-csv.ts, which the renderer cannot import).
 */
const formulaStart = /^[=+\-@\t\r]/;

function csvRow(values: readonly (string | number | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
