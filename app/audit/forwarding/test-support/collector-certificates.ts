import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CollectorCertificates {
  /** The clinic's private root (PEM): no computer trusts it until told to. */
  caPem: string;
  /** For `syslog.clinic.test` and 127.0.0.1, signed by that root, valid now. */
  valid: { cert: string; key: string };
  /** The same names and root, but it expired in 2020. */
  expired: { cert: string; key: string };
  dispose(): void;
}

/**
 * A clinic's private CA and its syslog collector's certificates, made for one test run with
 * Debian's openssl (`openssl ca`, which alone sets past dates). Connecting to 127.0.0.1 matches
 * the certificates' names; connecting as `localhost` does not.
 */
export function makeCollectorCertificates(): CollectorCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-syslog-ca-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=RPA Supervisor test clinic syslog root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=syslog.clinic.test');
  writeFileSync(at('index.txt'), '');
  writeFileSync(at('serial'), '01\n');
  writeFileSync(
    at('ca.cnf'),
    [
      '[ca]',
      'default_ca = clinic',
      '[clinic]',
      'database = index.txt',
      'new_certs_dir = .',
      'serial = serial',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'x509_extensions = server',
      '[any]',
      'commonName = supplied',
      '[server]',
      'subjectAltName = DNS:syslog.clinic.test,IP:127.0.0.1',
      'basicConstraints = CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = serverAuth',
      '',
    ].join('\n'),
  );
  const sign = (out: string, dates: string[]) => openssl('ca', '-batch', '-config', at('ca.cnf'), '-cert', at('ca.pem'), '-keyfile', at('ca.key'), '-in', at('server.csr'), '-out', at(out), ...dates);
  sign('valid.pem', ['-days', '2']);
  sign('expired.pem', ['-startdate', '20200101000000Z', '-enddate', '20200102000000Z']);
  const key = readFileSync(at('server.key'), 'utf8');
  return {
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    valid: { cert: readFileSync(at('valid.pem'), 'utf8'), key },
    expired: { cert: readFileSync(at('expired.pem'), 'utf8'), key },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
