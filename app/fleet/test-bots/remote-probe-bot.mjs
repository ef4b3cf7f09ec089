// A test bot for a worker: gets its token from the worker's broker and says so. `once` exits
// after the first token; `loop` calls checkpoint() between ticks (so Pause and Stop at safe point
// reach it) and runs until it is stopped. It prints the token and its run secret once on purpose,
// so the test can prove both are redacted before they leave the worker. `fail` says why on its
// error output and exits 2.
const mode = process.argv[2] ?? 'once';
if (mode === 'fail') {
  console.error('the portal refused batch 42');
  process.exit(2);
}
const base = process.env.RPA_BROKER_URL;
const headers = { Authorization: `RunSecret ${process.env.RPA_RUN_SECRET}` };
const token = async () => {
  const response = await fetch(`${base}/v1/token?minValidityMs=0`, { headers });
  const body = await response.json();
  return response.ok ? body.access_token : undefined;
};
const first = await token();
if (first === undefined) {
  console.error('no token');
  process.exit(3);
}
console.log(`leak check: ${first} ${process.env.RPA_RUN_SECRET}`);
console.log('authorised on the worker');
if (mode === 'once') process.exit(0);
for (let tick = 1; ; tick += 1) {
  const checkpoint = await fetch(`${base}/v1/checkpoint?waitMs=5000`, { headers });
  if (checkpoint.status === 409) {
    console.log('stopping at a safe point');
    process.exit(0);
  }
  const { action } = await checkpoint.json();
  if (action === 'hold') continue;
  console.log(`tick ${tick}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
