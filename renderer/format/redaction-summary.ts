import { redactionKinds, type RedactionCounts } from '../../app/common/patient-data.js';
import { formatCount } from '../../app/common/format-count.js';
import { copy } from '../copy.js';

/** "3 NHS numbers, 1 postcode": what redaction hid from a run's log or a file, in the order of the kinds. */
export function redactionSummary(counts: RedactionCounts | undefined): string {
  const parts = redactionKinds.flatMap((kind) => {
    const count = counts?.[kind] ?? 0;
    if (count === 0) return [];
    const [one, many] = copy.runLog.redactionKinds[kind];
    return [`${formatCount(count)} ${count === 1 ? one : many}`];
  });
  return parts.length === 0 ? copy.runLog.redactionsNone : parts.join(', ');
}
