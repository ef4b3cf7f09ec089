// A test bot: asks its worker's broker for a token every 25 ms and says what it got. It prints
// the token and its run secret once on purpose, so the test can prove both are redacted.
const url = `${process.env.RPA_BROKER_URL}/v1/token?minValidityMs=0`;
const headers = { Authorization: `RunSecret ${process.env.RPA_RUN_SECRET}` };
let served = 0;
for (;;) {
  const response = await fetch(url, { headers });
  const body = await response.json();
  if (response.ok) {
    if (served === 0) console.log(`leak check: ${body.access_token} ${process.env.RPA_RUN_SECRET}`);
    served += 1;
    console.log(`served ${served} at ${Date.now()}`);
  } else {
    console.log(`denied ${body.error} at ${Date.now()}`);
    if (served > 0) process.exit(0);
  }
  await new Promise((resolve) => setTimeout(resolve, 25));
}
