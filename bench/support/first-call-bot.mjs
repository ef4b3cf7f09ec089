// @ts-check
/**
 * Benchmark bot: one authorised call to the sandbox API, then a marker line with the moment the
 * answer arrived (epoch ms, sub-millisecond). Started by RPA Supervisor, it gets the token from
 * the broker through the SDK; started by plain `node` with RPA_ACCESS_TOKEN, it uses that (the
 * baseline). Never prints the token.
 */
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { authorizedFetch, watchSupervisor } from '../../bots/sdk/index.mjs';

watchSupervisor();
const url = `${process.env.RPA_SANDBOX_API_URL}/whoami`;
const envToken = process.env.RPA_ACCESS_TOKEN;
const response = envToken ? await fetch(url, { headers: { authorization: `Bearer ${envToken}` } }) : await authorizedFetch(url);
const answeredAt = performance.timeOrigin + performance.now();
await response.arrayBuffer();
console.log(`BENCH_FIRST_CALL status=${response.status} at=${answeredAt.toFixed(3)}`);
