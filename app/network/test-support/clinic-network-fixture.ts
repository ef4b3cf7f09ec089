import { afterAll, beforeAll } from 'vitest';
import type { RunningSandbox } from '../../sandbox/sandbox-provider.js';
import { createNodeNetwork, type NodeNetwork } from '../node-http-fetch.js';
import { clinicNetworkMissing, startClinicProvider } from './clinic-provider.js';
import type { PrivateCa } from './private-ca.js';
import { startTinyproxy, type RunningTinyproxy } from './tinyproxy.js';

/**
 * A clinic network, for real: the Healthcode-shaped sandbox (https with a private root, no
 * `openid` scope, client_secret_basic, a 24-hour JWT access token, no refresh token, no `iss` in
 * the authorization response) reached only through Debian's tinyproxy, whose access log proves
 * the traffic went through it (S50). The provider is named by this computer's host name, not a
 * loopback address, since loopback never takes the proxy.
 */
export const scheme = 'uk.co.rpasupervisor.dev';
export const partner = { clientId: 'healthcode-partner', clientSecret: 'healthcode-partner-secret-for-tests' };

export interface ClinicNetwork {
  ca: PrivateCa;
  sandbox: RunningSandbox;
  proxy: RunningTinyproxy;
}

/**
 * Starts the clinic's root, provider and proxy before the file's first test and hands them to
 * `started`; stops them, and every network made with `network`, after its last.
 */
export function useClinicNetwork(started: (clinic: ClinicNetwork) => void) {
  let ca: PrivateCa;
  let sandbox: RunningSandbox;
  let proxy: RunningTinyproxy;
  const networks: NodeNetwork[] = [];
  const network = (options: Parameters<typeof createNodeNetwork>[0]) => {
    const made = createNodeNetwork(options);
    networks.push(made);
    return made;
  };

  beforeAll(async () => {
    if (clinicNetworkMissing) return;
    ({ ca, sandbox } = await startClinicProvider({ scheme, partner }));
    proxy = await startTinyproxy();
    started({ ca, sandbox, proxy });
  }, 30_000);

  afterAll(async () => {
    for (const made of networks) await made.close();
    await proxy?.stop();
    await sandbox?.close();
    ca?.dispose();
  });

  const providerHost = () => new URL(sandbox.issuer).host;

  return { network, providerHost };
}
