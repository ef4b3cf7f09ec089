import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-provider.js';
import { prerequisiteMissing } from '../../test-support/prerequisites.js';
import { makePrivateCa, type PrivateCa } from './private-ca.js';
import { tinyproxyInstalled } from './tinyproxy.js';

/** Why a clinic-network test cannot run here (the printed reason), or false when it can. */
export const clinicNetworkMissing = prerequisiteMissing('tinyproxy and openssl', tinyproxyInstalled(), 'apt-get install tinyproxy openssl');

export interface ClinicProvider {
  ca: PrivateCa;
  sandbox: RunningSandbox;
}

/**
 * The Healthcode-shaped sandbox as a clinic meets it: https with a private root made for this
 * run, client_secret_basic for `partner`, no `openid` scope, a JWT access token, no refresh token
 * and no `iss` in the authorization response. It is named by this computer's host name, not a
 * loopback address, since loopback never takes a proxy. Close the sandbox and dispose of the root.
 */
export async function startClinicProvider(options: { scheme: string; partner: { clientId: string; clientSecret: string }; accessTokenTtlSeconds?: number }): Promise<ClinicProvider> {
  const host = hostname();
  const { address } = await lookup(host, { family: 4 }).catch((error: unknown) => {
    throw new Error(`this machine's host name (${host}) must resolve, since loopback names never take the proxy; .ci/run maps it in /etc/hosts: ${String(error)}`);
  });
  const ca = makePrivateCa(host);
  try {
    const sandbox = await startSandbox({
      tls: { key: ca.key, cert: ca.cert, ca: ca.caPem },
      hostname: host,
      listenAddress: address,
      customSchemes: [options.scheme],
      confidentialClient: options.partner,
      authorizationResponseIss: false,
      ...(options.accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
    });
    return { ca, sandbox };
  } catch (error) {
    ca.dispose();
    throw error;
  }
}
