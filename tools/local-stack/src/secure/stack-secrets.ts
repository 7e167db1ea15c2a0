import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StackError } from '../stack-errors';

/** The secure stack's passwords: one per role and service, generated once, kept in secrets/passwords.json (0600). */
export interface StackPasswords {
  /** Kafka SCRAM: `admin` (the broker itself, topic bootstrap, tests), `clickstream` (the apps). */
  readonly kafkaAdmin: string;
  readonly kafkaApp: string;
  /** Redis ACL: `admin` (tests, tools), `clickstream` (the apps, keys clickstream:* only). */
  readonly redisAdmin: string;
  readonly redisApp: string;
  /** ClickHouse users (clickhouse-users.ts). */
  readonly clickhouseAdmin: string;
  readonly clickhouseApp: string;
  readonly clickhouseReader: string;
}

/** Certificate files, all PEM. The server certificate is for 127.0.0.1 and localhost, signed by the local CA. */
export interface StackCertificates {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** Key + certificate in one file: Kafka's PEM keystore. */
  readonly serverKeystore: string;
}

export interface StackSecrets {
  readonly dir: string;
  readonly passwords: StackPasswords;
  readonly certs: StackCertificates;
}

const newPassword = () => randomBytes(18).toString('base64url');

function writePrivate(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new StackError(`openssl ${args[0]} failed: ${(error as Error).message}\n${stderr}`, { cwd });
  }
}

/** A CA (10 years, never leaves this folder) and a server certificate for loopback signed by it. */
function generateCertificates(dir: string, certs: StackCertificates): void {
  const caKey = path.join(dir, 'ca.key');
  const ext = path.join(dir, 'server.ext');
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', certs.caCert, '-days', '3650', '-subj', '/CN=clickstream local stack CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const csr = path.join(dir, 'server.csr');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', certs.serverKey, '-out', csr, '-subj', '/CN=127.0.0.1'], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', certs.caCert, '-CAkey', caKey, '-CAcreateserial', '-out', certs.serverCert, '-days', '825', '-extfile', ext], dir);
  writePrivate(certs.serverKeystore, readFileSync(certs.serverKey, 'utf8') + readFileSync(certs.serverCert, 'utf8'));
  for (const f of [caKey, certs.serverKey]) chmodSync(f, 0o600);
}

/**
 * Loads the secure stack's secrets, generating what is missing on first start (certificates with
 * openssl, random passwords). Kept across restarts: Kafka's SCRAM credentials are written into its
 * storage when it is formatted, so they must not change afterwards.
 */
export function ensureStackSecrets(dir: string): StackSecrets {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const certs: StackCertificates = {
    caCert: path.join(dir, 'ca.pem'),
    serverCert: path.join(dir, 'server.pem'),
    serverKey: path.join(dir, 'server.key'),
    serverKeystore: path.join(dir, 'server-keystore.pem'),
  };
  if (!existsSync(certs.serverKeystore)) generateCertificates(dir, certs);

  const passwordsFile = path.join(dir, 'passwords.json');
  let passwords: StackPasswords;
  if (existsSync(passwordsFile)) {
    passwords = JSON.parse(readFileSync(passwordsFile, 'utf8')) as StackPasswords;
  } else {
    passwords = {
      kafkaAdmin: newPassword(),
      kafkaApp: newPassword(),
      redisAdmin: newPassword(),
      redisApp: newPassword(),
      clickhouseAdmin: newPassword(),
      clickhouseApp: newPassword(),
      clickhouseReader: newPassword(),
    };
    writePrivate(passwordsFile, `${JSON.stringify(passwords, null, 2)}\n`);
  }
  return { dir, passwords, certs };
}
