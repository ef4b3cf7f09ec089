import { formatCount } from './format-count.js';

const kilobyte = 1024;
const megabyte = 1024 * 1024;

/**
 * A size in the units people read: bytes under a kilobyte, whole kilobytes under a megabyte, one
 * decimal under ten megabytes, whole megabytes above. Room left and limits round down and a file's
 * own size rounds up, so "larger than the 1 MB left" never names more room than there was.
 */
export function formatBytes(bytes: number, round: 'up' | 'down'): string {
  const to = round === 'up' ? Math.ceil : Math.floor;
  const n = Math.max(0, bytes);
  if (n < kilobyte) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  const kilobytes = to(n / kilobyte);
  if (n < megabyte && kilobytes < kilobyte) return `${formatCount(kilobytes)} KB`;
  // Under ten megabytes a tenth is worth saying; the number is short enough to need no grouping.
  if (n < 10 * megabyte) return `${String(to((n / megabyte) * 10) / 10)} MB`;
  return `${formatCount(to(n / megabyte))} MB`;
}
