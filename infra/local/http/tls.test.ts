// The --https certificate: what it covers, that real clients trusting only the CA file accept it
// (Node with `ca`, a Node process with NODE_EXTRA_CA_CERTS, Chromium with the printed flag, and the
// strict checkers `openssl verify -x509_strict` and Python's VERIFY_X509_STRICT), that clients
// trusting nothing refuse it, and how it is kept, reused and replaced in the data directory.
import { X509Certificate, createPrivateKey, KeyObject, webcrypto } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchChromium } from '../../testing/chromium';
import {
  BasicConstraintsExtension,
  SubjectAlternativeNameExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { WebSocketServer } from 'ws';
import {
  LOCAL_CA_NAME,
  LocalCertificateError,
  ensureLocalCertificate,
  localCertificateFiles,
  trustInstructions,
  type LocalCertificate,
} from './tls';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = new Date('2030-01-15T12:00:00.000Z');

const scratch: string[] = [];
async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'courier-tls-'));
  scratch.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A real HTTPS server with a WebSocket endpoint, on 127.0.0.1 and a free port. */
async function serveHttps(
  certificate: Pick<LocalCertificate, 'key' | 'cert'>,
): Promise<RunningServer> {
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (_, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('hello over TLS');
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GET / with Node's https client; resolves with the body or rejects with the TLS error. */
function get(port: number, options: https.RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path: '/', agent: false, ...options }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

/** A separate Node process that fetches with its default trust store, and prints what happened. */
async function fetchInChild(port: number, extraCaFile: string | null): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_EXTRA_CA_CERTS'];
  if (extraCaFile !== null) env['NODE_EXTRA_CA_CERTS'] = extraCaFile;
  const script = `fetch('https://127.0.0.1:${port}/').then(
    async (r) => console.log('fetched', r.status, await r.text()),
    (e) => console.log('failed', e.cause?.code ?? e.message))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    env,
    timeout: 20_000,
  });
  return stdout.trim();
}

const run = promisify(execFile);

/**
 * Another CA and a certificate for localhost only, made without key identifiers: what a plainer
 * generator produces, and what strict checkers refuse.
 */
async function otherCaWithNarrowCertificate(): Promise<string[]> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const generateKeys = () => webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const [caKeys, leafKeys] = await Promise.all([generateKeys(), generateKeys()]);
  const ca = await X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: [LOCAL_CA_NAME] }],
      keys: caKeys,
      signingAlgorithm: algorithm,
      extensions: [new BasicConstraintsExtension(true, undefined, true)],
    },
    webcrypto,
  );
  const leaf = await X509CertificateGenerator.create(
    {
      subject: [{ CN: ['localhost'] }],
      issuer: ca.subjectName,
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: algorithm,
      extensions: [new SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }])],
    },
    webcrypto,
  );
  const key = KeyObject.from(leafKeys.privateKey).export({ type: 'pkcs8', format: 'pem' });
  return [`${key.toString().trimEnd()}\n`, `${leaf.toString('pem')}\n`, `${ca.toString('pem')}\n`];
}

/** Writes the certificate and its CA to files and runs `openssl verify -x509_strict` on them. */
async function opensslVerifyStrict(
  cert: string,
  caCert: string,
  extraArgs: readonly string[] = [],
): Promise<string> {
  const dir = await tempDataDir();
  const certFile = path.join(dir, 'server-cert.pem');
  const caFile = path.join(dir, 'ca.pem');
  await Promise.all([writeFile(certFile, cert), writeFile(caFile, caCert)]);
  const args = ['verify', '-x509_strict', ...extraArgs, '-CAfile', caFile, certFile];
  const result = await run('openssl', args).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  return result.replaceAll(dir, '<dir>').trim();
}

/**
 * Python's `ssl` with a context trusting only the CA file and VERIFY_X509_STRICT (3.13's default,
 * set here explicitly for older Pythons): connects to 127.0.0.1 under each name and GETs `/`.
 */
async function pythonStrictGet(port: number, caFile: string | null): Promise<string> {
  const script = `
import socket, ssl, sys
port, cafile = int(sys.argv[1]), (sys.argv[2] or None)
ctx = ssl.create_default_context(cafile=cafile)
ctx.verify_flags |= ssl.VERIFY_X509_STRICT
for name in ("127.0.0.1", "localhost"):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname=name) as tls:
                tls.sendall(b"GET / HTTP/1.0\\r\\nHost: " + name.encode() + b"\\r\\nConnection: close\\r\\n\\r\\n")
                data = b""
                while chunk := tls.recv(4096):
                    data += chunk
        print(name, "ok", data.decode().split("\\r\\n\\r\\n", 1)[1])
    except ssl.SSLCertVerificationError as error:
        print(name, "refused", error.verify_message)
`;
  const { stdout } = await run('python3', ['-c', script, String(port), caFile ?? ''], {
    timeout: 20_000,
  });
  return stdout.trim();
}

function pemBlocksOf(text: string): string[] {
  return [...text.matchAll(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----\n/g)].map(
    (match) => match[0],
  );
}

describe('the certificate ensureLocalCertificate generates', () => {
  let dataDir: string;
  let certificate: LocalCertificate;
  let generationMs: number;

  beforeAll(async () => {
    dataDir = await tempDataDir();
    const started = performance.now();
    certificate = await ensureLocalCertificate(dataDir);
    generationMs = performance.now() - started;
  });

  it('is generated once, quickly, into the data directory', async () => {
    expect(certificate.created).toBe(true);
    expect(certificate.replaced).toBeNull();
    expect(generationMs).toBeLessThan(2_000);
    const files = localCertificateFiles(dataDir);
    expect(certificate.caCertFile).toBe(path.join(dataDir, 'tls', 'ca.pem'));
    expect((await readdir(files.dir)).sort()).toEqual(['ca.pem', 'server.pem']);
  });

  it('keeps the private key readable by its owner only', async () => {
    const files = localCertificateFiles(dataDir);
    expect((await stat(files.server)).mode & 0o777).toBe(0o600);
    expect((await stat(files.ca)).mode & 0o777).toBe(0o644);
    expect((await stat(files.dir)).mode & 0o777).toBe(0o700);
  });

  it('covers 127.0.0.1, ::1 and localhost, and nothing else', () => {
    const leaf = new X509Certificate(certificate.cert);
    expect(leaf.subjectAltName).toBe(
      'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost',
    );
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkHost('example.com')).toBeUndefined();
    expect(leaf.checkIP('10.0.0.1')).toBeUndefined();
    expect(leaf.ca).toBe(false);
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
  });

  it('is issued by the CA in the CA file, an authority whose key is not kept', async () => {
    const leaf = new X509Certificate(certificate.cert);
    const ca = new X509Certificate(await readFile(certificate.caCertFile));
    expect(ca.ca).toBe(true);
    expect(ca.subject.split('\n')[0]).toBe(`CN=${LOCAL_CA_NAME}`);
    expect(leaf.issuer).toBe(ca.subject);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(certificate.fingerprint256).toBe(ca.fingerprint256);
    expect(certificate.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // The CA's key is not kept: the only private key on disk is the server's.
    const stored = await readFile(localCertificateFiles(dataDir).server, 'utf8');
    expect(stored.match(/PRIVATE KEY-----/g)).toHaveLength(2); // one BEGIN, one END
    expect(leaf.checkPrivateKey(createPrivateKey(certificate.key))).toBe(true);
  });

  it('uses an EC P-256 key and a validity browsers accept (at most 825 days)', () => {
    const key = createPrivateKey(certificate.key);
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const leaf = new X509Certificate(certificate.cert);
    const from = Date.parse(leaf.validFrom);
    const to = Date.parse(leaf.validTo);
    expect(from).toBeLessThanOrEqual(Date.now());
    expect(to - from).toBe(820 * DAY_MS);
    expect(to - Date.now()).toBeGreaterThan(819 * DAY_MS);
  });

  it('carries the extensions strict checkers require: key identifiers linking it to its CA', async () => {
    const dir = await tempDataDir();
    const extensions = async (pem: string, name: string) => {
      const file = path.join(dir, name);
      await writeFile(file, pem);
      const names =
        'basicConstraints,keyUsage,extendedKeyUsage,subjectKeyIdentifier,authorityKeyIdentifier';
      const { stdout } = await run('openssl', ['x509', '-in', file, '-noout', '-ext', names]);
      return stdout;
    };
    const ca = await extensions(await readFile(certificate.caCertFile, 'utf8'), 'ca.pem');
    const leaf = await extensions(certificate.cert, 'server-cert.pem');
    const keyIds = (text: string) => text.match(/([0-9A-F]{2}:){19}[0-9A-F]{2}/g) ?? [];
    const [caKeyId = ''] = keyIds(ca);
    const [leafKeyId = '', authorityKeyId = ''] = keyIds(leaf);
    expect(authorityKeyId).toBe(caKeyId);
    expect(leafKeyId).not.toBe(caKeyId);
    const named = (text: string) =>
      text.replaceAll(caKeyId, '<CA key id>').replaceAll(leafKeyId, '<server key id>');
    expect(named(ca)).toMatchInlineSnapshot(`
"X509v3 Basic Constraints: critical
    CA:TRUE, pathlen:0
X509v3 Key Usage: critical
    Certificate Sign, CRL Sign
X509v3 Subject Key Identifier: 
    <CA key id>
"
`);
    expect(named(leaf)).toMatchInlineSnapshot(`
"X509v3 Basic Constraints: critical
    CA:FALSE
X509v3 Key Usage: critical
    Digital Signature
X509v3 Extended Key Usage: 
    TLS Web Server Authentication
X509v3 Subject Key Identifier: 
    <server key id>
X509v3 Authority Key Identifier: 
    <CA key id>
"
`);
  });

  it.each([
    ['as asked', []],
    ['for TLS servers at 127.0.0.1', ['-purpose', 'sslserver', '-verify_ip', '127.0.0.1']],
    ['for TLS servers at ::1', ['-purpose', 'sslserver', '-verify_ip', '::1']],
    ['for TLS servers at localhost', ['-purpose', 'sslserver', '-verify_hostname', 'localhost']],
  ])('passes openssl verify -x509_strict against the CA file, %s', async (_, extraArgs) => {
    const caCert = await readFile(certificate.caCertFile, 'utf8');
    await expect(opensslVerifyStrict(certificate.cert, caCert, extraArgs)).resolves.toBe(
      '<dir>/server-cert.pem: OK',
    );
  });

  it('makes the same strict check refuse a chain without key identifiers (the check is not vacuous)', async () => {
    const [, cert = '', caCert = ''] = await otherCaWithNarrowCertificate();
    await expect(opensslVerifyStrict(cert, caCert)).resolves.toMatchInlineSnapshot(`
"CN = localhost
error 85 at 0 depth lookup: Missing Authority Key Identifier
CN = Courier local CA
error 92 at 1 depth lookup: CA cert does not include key usage extension
CN = Courier local CA
error 86 at 1 depth lookup: Missing Subject Key Identifier
error <dir>/server-cert.pem: verification failed"
`);
  });

  describe('over a real HTTPS server on 127.0.0.1', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serveHttps(certificate);
    });
    afterAll(async () => {
      await server.close();
    });

    it('is accepted by a Node client that trusts only the CA file, by IP and by name', async () => {
      const ca = await readFile(certificate.caCertFile);
      await expect(get(server.port, { ca })).resolves.toBe('hello over TLS');
      await expect(get(server.port, { ca, servername: 'localhost' })).resolves.toBe(
        'hello over TLS',
      );
    });

    it('is accepted by Python ssl with VERIFY_X509_STRICT trusting the CA file, by IP and by name', async () => {
      await expect(pythonStrictGet(server.port, certificate.caCertFile)).resolves.toBe(
        '127.0.0.1 ok hello over TLS\nlocalhost ok hello over TLS',
      );
      await expect(pythonStrictGet(server.port, null)).resolves.toBe(
        '127.0.0.1 refused unable to get local issuer certificate\n' +
          'localhost refused unable to get local issuer certificate',
      );
    });

    it('would be refused by that Python check without its key identifiers', async () => {
      const [key = '', cert = '', caCert = ''] = await otherCaWithNarrowCertificate();
      const caFile = path.join(await tempDataDir(), 'ca.pem');
      await writeFile(caFile, caCert);
      const plain = await serveHttps({ key, cert });
      try {
        await expect(pythonStrictGet(plain.port, caFile)).resolves.toBe(
          '127.0.0.1 refused Missing Authority Key Identifier\n' +
            'localhost refused Missing Authority Key Identifier',
        );
      } finally {
        await plain.close();
      }
    });

    it('is refused by a Node client that trusts nothing extra', async () => {
      await expect(get(server.port, {})).rejects.toMatchObject({
        code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      });
    });

    it('is refused for a name it does not cover, even with the CA trusted', async () => {
      const ca = await readFile(certificate.caCertFile);
      await expect(get(server.port, { ca, servername: 'example.com' })).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
    });

    it('is accepted by a Node process started with NODE_EXTRA_CA_CERTS=<CA file>, as printed', async () => {
      const line = trustInstructions(certificate).find((text) => text.includes('Node.js:'));
      expect(line).toContain(`NODE_EXTRA_CA_CERTS=${certificate.caCertFile} `);
      await expect(fetchInChild(server.port, certificate.caCertFile)).resolves.toBe(
        'fetched 200 hello over TLS',
      );
      await expect(fetchInChild(server.port, null)).resolves.toBe(
        'failed UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      );
    });

    it('lets Chromium load the page and open wss:// with the printed testing flag, and only then', async () => {
      const line = trustInstructions(certificate).find((text) => text.includes('Testing:')) ?? '';
      const flag = /--ignore-certificate-errors-spki-list=\S+/.exec(line)?.[0] ?? '';
      expect(flag).toMatch(/^--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=$/);
      const origin = `https://127.0.0.1:${server.port}`;

      const trusting = await launchChromium([flag]);
      try {
        const page = await trusting.newPage();
        await page.goto(`${origin}/`);
        await expect(page.textContent('body')).resolves.toBe('hello over TLS');
        const echoed = await page.evaluate(
          (url) =>
            new Promise<string>((resolve, reject) => {
              const socket = new WebSocket(url);
              socket.onopen = () => socket.send('over wss');
              socket.onmessage = (event) => {
                resolve(String(event.data));
                socket.close();
              };
              socket.onerror = () => reject(new Error('WebSocket failed'));
            }),
          `wss://127.0.0.1:${server.port}/`,
        );
        expect(echoed).toBe('over wss');
      } finally {
        await trusting.close();
      }

      const untrusting = await launchChromium();
      try {
        const page = await untrusting.newPage();
        await expect(page.goto(`${origin}/`)).rejects.toThrow(/net::ERR_CERT_AUTHORITY_INVALID/);
      } finally {
        await untrusting.close();
      }
    }, 60_000);
  });
});

describe('keeping the certificate in the data directory', () => {
  it('reuses the stored certificate on later calls', async () => {
    const dataDir = await tempDataDir();
    const first = await ensureLocalCertificate(dataDir, { now: T0 });
    const second = await ensureLocalCertificate(dataDir, { now: new Date(T0.getTime() + DAY_MS) });
    expect(second).toEqual({ ...first, created: false });
  });

  it('settles on one certificate when two starts generate at once', async () => {
    const dataDir = await tempDataDir();
    const both = await Promise.all([
      ensureLocalCertificate(dataDir, { now: T0 }),
      ensureLocalCertificate(dataDir, { now: T0 }),
    ]);
    const after = await ensureLocalCertificate(dataDir, { now: T0 });
    expect(after.created).toBe(false);
    expect(both.map((certificate) => certificate.fingerprint256)).toContain(after.fingerprint256);
    expect(await readFile(after.caCertFile, 'utf8')).toBe(
      pemBlocksOf(await readFile(localCertificateFiles(dataDir).server, 'utf8'))[2],
    );
    expect((await readdir(localCertificateFiles(dataDir).dir)).sort()).toEqual([
      'ca.pem',
      'server.pem',
    ]);
  });

  // Validity ends 820 days after T0 minus the one-hour back-dating.
  const notAfter = T0.getTime() - 60 * 60 * 1000 + 820 * DAY_MS;
  it.each([
    ['keeps a certificate with 8 days left', notAfter - 8 * DAY_MS, null],
    [
      'replaces a certificate with 6 days left',
      notAfter - 6 * DAY_MS,
      'expires on 2032-04-14T11:00:00.000Z, less than 7 days away',
    ],
    ['replaces an expired certificate', notAfter + DAY_MS, 'expired on 2032-04-14T11:00:00.000Z'],
    [
      'replaces a certificate that is not valid yet (clock moved back)',
      T0.getTime() - DAY_MS,
      'was not valid yet (from 2030-01-15T11:00:00.000Z)',
    ],
  ])('%s', async (_, nowMs, replaced) => {
    const dataDir = await tempDataDir();
    const first = await ensureLocalCertificate(dataDir, { now: T0 });
    const later = await ensureLocalCertificate(dataDir, { now: new Date(nowMs) });
    expect(later.replaced).toBe(replaced);
    expect(later.created).toBe(replaced !== null);
    expect(later.fingerprint256 === first.fingerprint256).toBe(replaced === null);
    if (replaced !== null) {
      const leaf = new X509Certificate(later.cert);
      expect(Date.parse(leaf.validFrom)).toBe(nowMs - 60 * 60 * 1000);
    }
  });

  /** Rewrites server.pem's blocks (key, server certificate, CA certificate). */
  type Damage = (blocks: string[], text: string, other: string[]) => Promise<string> | string;
  it.each<[string, Damage, string]>([
    [
      'an empty file',
      () => '',
      'was damaged (found PEM blocks [], expected [PRIVATE KEY, CERTIFICATE, CERTIFICATE])',
    ],
    [
      'a truncated file',
      (_, text) => text.slice(0, text.length / 2),
      'was damaged (found PEM blocks [PRIVATE KEY], expected [PRIVATE KEY, CERTIFICATE, CERTIFICATE])',
    ],
    [
      'a certificate with its base64 garbled',
      ([key, cert, ca]) =>
        [key, cert?.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!garbled!!!!!!!!!'), ca].join(''),
      expect.stringMatching(/^was damaged \(.+\)$/) as unknown as string,
    ],
    [
      'a key that belongs to another certificate',
      ([, cert, ca], _, other) => [other[0], cert, ca].join(''),
      'did not match its private key',
    ],
    [
      'a CA that did not issue the certificate',
      ([key, cert], _, other) => [key, cert, other[2]].join(''),
      'was not issued by the stored CA',
    ],
    [
      'a certificate that does not cover the local addresses',
      (_, __, other) => other.join(''),
      'did not cover 127.0.0.1, ::1',
    ],
  ])('replaces %s', async (_, damage, replaced) => {
    const dataDir = await tempDataDir();
    const first = await ensureLocalCertificate(dataDir, { now: T0 });
    const file = localCertificateFiles(dataDir).server;
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      await damage(pemBlocksOf(text), text, await otherCaWithNarrowCertificate()),
    );
    const later = await ensureLocalCertificate(dataDir, { now: T0 });
    expect(later).toMatchObject({ created: true, replaced });
    expect(later.fingerprint256).not.toBe(first.fingerprint256);
    expect(new X509Certificate(later.cert).checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(await readFile(later.caCertFile, 'utf8')).toBe(
      pemBlocksOf(await readFile(file, 'utf8'))[2],
    );
  });

  it.each([
    ['deleted', (file: string) => unlink(file)],
    ['overwritten', (file: string) => writeFile(file, 'not a certificate\n')],
  ])('restores a %s CA file from the stored CA, keeping the certificate', async (_, damage) => {
    const dataDir = await tempDataDir();
    const first = await ensureLocalCertificate(dataDir, { now: T0 });
    const original = await readFile(first.caCertFile, 'utf8');
    await damage(first.caCertFile);
    const later = await ensureLocalCertificate(dataDir, { now: T0 });
    expect(later).toEqual({ ...first, created: false });
    await expect(readFile(first.caCertFile, 'utf8')).resolves.toBe(original);
  });

  it('reports a data directory it cannot use, with the path and the cause', async () => {
    const parent = await tempDataDir();
    const notADirectory = path.join(parent, 'file');
    await writeFile(notADirectory, '');
    const failure = await ensureLocalCertificate(notADirectory).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalCertificateError);
    expect((failure as LocalCertificateError).code).toBe('LOCAL_CERTIFICATE_UNAVAILABLE');
    expect((failure as LocalCertificateError).cause).toMatchObject({ code: 'ENOTDIR' });
    expect((failure as Error).message.replaceAll(parent, '<parent>')).toMatchInlineSnapshot(
      `"Cannot read the local HTTPS certificate <parent>/file/tls/server.pem (ENOTDIR). Expected a readable file, or none."`,
    );
  });
});

describe('trustInstructions', () => {
  const printed = async (steps: (dataDir: string) => Promise<LocalCertificate>) => {
    const dataDir = await tempDataDir();
    const certificate = await steps(dataDir);
    const spki = /spki-list=(\S+)/.exec(trustInstructions(certificate).join('\n'))?.[1] ?? '';
    return trustInstructions(certificate).map((line) =>
      line
        .replaceAll(dataDir, '<data>')
        .replace(certificate.fingerprint256, '<sha256>')
        .replace(spki, '<spki>'),
    );
  };

  it('says where the new CA is and how Node, browsers and a test Chromium trust it', async () => {
    await expect(printed((dir) => ensureLocalCertificate(dir, { now: T0 }))).resolves
      .toMatchInlineSnapshot(`
[
  "HTTPS and WSS certificate for 127.0.0.1, ::1 and localhost, valid until 2032-04-14, issued by a new local CA: trust it once.",
  "  CA certificate: <data>/tls/ca.pem (SHA-256 <sha256>)",
  "  Node.js:  NODE_EXTRA_CA_CERTS=<data>/tls/ca.pem node your-app.js",
  "  Browsers: import the CA certificate as a trusted authority, once:",
  "    Chrome:  Settings > Privacy and security > Security > Manage certificates > import as trusted",
  "    Firefox: Settings > Privacy & Security > View Certificates > Authorities > Import (identify websites)",
  "    Safari:  open it in Keychain Access, then set Trust to Always Trust",
  "  Testing:  chromium --user-data-dir="$(mktemp -d)" --ignore-certificate-errors-spki-list=<spki>",
]
`);
  });

  it('names the reused CA without asking again, and says why a replacement happened', async () => {
    const reused = await printed(async (dir) => {
      await ensureLocalCertificate(dir, { now: T0 });
      return ensureLocalCertificate(dir, { now: T0 });
    });
    const replaced = await printed(async (dir) => {
      await ensureLocalCertificate(dir, { now: T0 });
      return ensureLocalCertificate(dir, { now: new Date(T0.getTime() + 900 * DAY_MS) });
    });
    expect([reused[0], replaced[0]]).toMatchInlineSnapshot(`
[
  "HTTPS and WSS certificate for 127.0.0.1, ::1 and localhost, valid until 2032-04-14, issued by the Courier local CA.",
  "HTTPS and WSS certificate for 127.0.0.1, ::1 and localhost, valid until 2034-10-01, issued by a new local CA (the previous certificate expired on 2032-04-14T11:00:00.000Z): trust it once.",
]
`);
  });

  it('quotes a CA file path that the shell would split', async () => {
    const parent = await tempDataDir();
    const certificate = await ensureLocalCertificate(path.join(parent, "my app's data"), {
      now: T0,
    });
    const line = trustInstructions(certificate).find((text) => text.includes('Node.js:')) ?? '';
    expect(line.replace(parent, '<parent>')).toBe(
      `  Node.js:  NODE_EXTRA_CA_CERTS='<parent>/my app'\\''s data/tls/ca.pem' node your-app.js`,
    );
  });
});
