/**
 * @module A throw-away certificate authority for TLS tests, made with openssl: a CA and server
 * certificates for the names a test chooses, so TLS runs for real on loopback.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when openssl is on PATH (the TLS tests skip, saying why, without it). */
export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A test CA in its own folder. */
export interface TestCa {
  dir: string;
  /** Path of the CA certificate (PEM). */
  caFile: string;
  /** Issues a server certificate for `subjectAltName` (e.g. `IP:127.0.0.1`); returns key and cert. */
  issue(name: string, subjectAltName: string): { key: Buffer; cert: Buffer };
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Makes a new CA valid for two days. */
export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'tlab-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=tlab test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=keyCertSign',
  );
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    issue(name, subjectAltName) {
      run('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      writeFileSync(
        join(dir, `${name}.cnf`),
        `subjectAltName=${subjectAltName}\nbasicConstraints=CA:FALSE\n`,
      );
      run(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.cnf`,
      );
      return {
        key: readFileSync(join(dir, `${name}.key`)),
        cert: readFileSync(join(dir, `${name}.pem`)),
      };
    },
  };
}
