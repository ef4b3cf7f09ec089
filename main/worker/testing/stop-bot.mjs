// A test bot for a worker being stopped: it takes a token, says "working", and waits.
// 'tidy': on SIGTERM it asks its broker once more (the broker must still answer during the
// grace), says what it got, and exits 0. 'deaf': it ignores SIGTERM, so only SIGKILL ends it.
const mode = process.argv[2];
const url = `${process.env.RPA_BROKER_URL}/v1/token?minValidityMs=0`;
const headers = { Authorization: `RunSecret ${process.env.RPA_RUN_SECRET}` };
const ask = async () => (await fetch(url, { headers })).status;
process.on('SIGTERM', () => {
  if (mode === 'deaf') return console.log('SIGTERM ignored');
  void ask().then((status) => {
    console.log(`tidied up, broker answered ${status}`);
    process.exit(0);
  });
});
console.log(`working, broker answered ${await ask()}`);
setInterval(() => undefined, 60_000);
