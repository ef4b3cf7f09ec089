/**
 * How often Settings → Workers reads the list again while it is open: a worker that starts shows
 * up by itself. On its own so an end-to-end spec can run a page's clock to the next read.
 */
export const workersRefreshEveryMs = 5000;
