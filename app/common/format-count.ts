/**
 * A count as the UK writes it ("1,234"), without Intl: the first Intl call in a page loads
 * ICU's data, 15–30 ms that Chromium would otherwise spend on the app's first paint
 * (docs/benchmarks.md, cold start). Whole numbers only; anything else goes to Intl, which is
 * then the same output (format-count.test.ts).
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en-GB');
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
