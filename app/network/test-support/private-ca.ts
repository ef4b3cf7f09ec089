import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateCa {
  /** The clinic's root certificate (PEM), which a computer must be told to trust. */
  caPem: string;
  /** A server certificate for `hostname` (and 127.0.0.1) signed by that root, with its key. */
  cert: string;
  key: string;
  /** The root as a file, e.g. for NODE_EXTRA_CA_CERTS; deleted by `dispose`. */
  caFile: string;
  dispose(): void;
}

/**
 * A private certificate authority made for one test run with Debian's openssl, as a clinic's IT
 * (or its TLS-inspecting firewall) has: a root nobody trusts by default, and a server certificate
 * it signed. P-256 keys, valid for two days.
 */
export function makePrivateCa(hostname: string): PrivateCa {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-ca-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=RPA Supervisor test clinic root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', `/CN=${hostname}`);
  writeFileSync(at('server.ext'), `subjectAltName=DNS:${hostname},IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.pem'), '-days', '2', '-extfile', at('server.ext'));
  return {
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    cert: readFileSync(at('server.pem'), 'utf8'),
    key: readFileSync(at('server.key'), 'utf8'),
    caFile: at('ca.pem'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
