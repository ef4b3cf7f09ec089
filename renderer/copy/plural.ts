import { formatCount } from '../../app/common/format-count.js';

/** "1 run", "2 runs": a count in the renderer's number format and the noun that agrees with it. */
export const plural = (count: number, one: string, many: string): string => `${formatCount(count)} ${count === 1 ? one : many}`;
