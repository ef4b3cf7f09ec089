/** Cell formatting for the results table. `—` marks a value that does not apply. */

export const notApplicable = '—';

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return notApplicable;
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(0)} ms`;
}

/** "app / baseline" in one cell, so the table shows what the ratio was computed from. */
export function formatPair(app: number, baseline: number, format: (value: number) => string): string {
  return `${format(app)} / ${format(baseline)}`;
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : notApplicable;
}

export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return notApplicable;
  return `${Math.round(perSecond).toLocaleString('en-GB')} ${unit}`;
}

export function formatMb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : notApplicable;
}
