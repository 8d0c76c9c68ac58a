/**
 * The certificate behind `courier start --https`. Amplify JS opens `wss://` whatever the endpoint's
 * scheme, so an unmodified app can subscribe to the local engine only over TLS; this module gives
 * the engine a certificate that clients can be told to trust once.
 *
 * Design: a local certificate authority ("Courier local CA") signs one server certificate for
 * 127.0.0.1, ::1 and localhost, and is then thrown away: its private key is never written. Users
 * trust the CA file once (browsers accept an authority, not a bare self-signed server certificate,
 * and Node reads it from NODE_EXTRA_CA_CERTS), yet trusting it can vouch for nothing but this one
 * certificate, because nobody holds the key to sign another. A replacement (expiry, damage) comes
 * with a new CA to trust.
 *
 * Files, in `dataDirLayout(dataDir).tls`:
 * - `server.pem` (0600): the server's private key, its certificate, then the CA certificate.
 * - `ca.pem` (0644): the CA certificate alone, the file users trust; rewritten from `server.pem`
 *   when missing or different.
 */
import {
  KeyObject,
  X509Certificate,
  createHash,
  createPrivateKey,
  randomBytes,
  webcrypto,
} from 'node:crypto';
import { chmod, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { dataDirLayout } from '../data-dir';

/** The certificate `--https` serves, and what clients need to trust it. */
export interface LocalCertificate {
  /** The server's private key (PEM, PKCS#8, EC P-256). */
  readonly key: string;
  /** The server's certificate (PEM), signed by the local CA. */
  readonly cert: string;
  /** Path of the CA certificate (PEM) that a client trusts. */
  readonly caCertFile: string;
  /** SHA-256 fingerprint of the CA certificate, as certificate managers show it (`AB:CD:...`). */
  readonly fingerprint256: string;
  /** True when this call generated a new CA and certificate (clients must trust the new CA). */
  readonly created: boolean;
  /** Why a stored certificate was replaced by a new one; null when none was. */
  readonly replaced: string | null;
}

export interface EnsureLocalCertificateOptions {
  /** The clock for validity checks and for a new certificate's dates; default the current time. */
  readonly now?: Date;
}

/** The certificate files cannot be read or written (not: they are damaged, which regenerates). */
export class LocalCertificateError extends Error {
  readonly code = 'LOCAL_CERTIFICATE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalCertificateError';
  }
}

/** The names the engine's listeners answer to; the certificate must cover all of them. */
export const LOCAL_CERTIFICATE_NAMES = {
  ips: ['127.0.0.1', '::1'],
  hosts: ['localhost'],
} as const;

/** The CA's common name, as users find it in certificate managers. */
export const LOCAL_CA_NAME = 'Courier local CA';

/** Node's WebCrypto, passed to the generator explicitly rather than set as its global provider. */
const webCrypto: webcrypto.Crypto = webcrypto;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Under Apple's 825-day ceiling for TLS server certificates (browsers refuse longer ones). */
const VALIDITY_DAYS = 820;
/** A certificate with less than this left is replaced at start, not mid-session. */
const RENEW_BEFORE_DAYS = 7;
/** Back-dates `notBefore` so a clock a little behind still accepts a fresh certificate. */
const BACKDATE_MS = 60 * 60 * 1000;

/** Where the certificate files live inside the data directory. */
export function localCertificateFiles(dataDir: string) {
  const dir = dataDirLayout(dataDir).tls;
  return { dir, server: path.join(dir, 'server.pem'), ca: path.join(dir, 'ca.pem') } as const;
}

/**
 * Returns the data directory's certificate, generating it on first use and whenever the stored one
 * is damaged, does not cover the local names, is not valid yet, or has under 7 days left.
 */
export async function ensureLocalCertificate(
  dataDir: string,
  options: EnsureLocalCertificateOptions = {},
): Promise<LocalCertificate> {
  const now = options.now ?? new Date();
  const files = localCertificateFiles(dataDir);
  const stored = await readStored(files.server, now);
  if (stored.ok) {
    await publishCaFile(files.ca, stored.bundle.caCert);
    return toLocalCertificate(stored.bundle, files.ca, false, null);
  }
  const fresh = await issue(now);
  await ensureDir(files.dir);
  await writeAtomically(
    files.server,
    `${fresh.key.trimEnd()}\n${fresh.cert.trimEnd()}\n${fresh.caCert.trimEnd()}\n`,
    0o600,
  );
  // Two starts regenerating together: the last rename wins; both then serve what is on disk.
  const settled = await readStored(files.server, now);
  const bundle = settled.ok ? settled.bundle : fresh;
  await publishCaFile(files.ca, bundle.caCert);
  return toLocalCertificate(bundle, files.ca, true, stored.missing ? null : stored.problem);
}

/**
 * What `courier start --https` prints: where the CA file is and how Node, browsers and a throwaway
 * Chromium trust it.
 */
export function trustInstructions(certificate: LocalCertificate): string[] {
  const leaf = new X509Certificate(certificate.cert);
  const caFile = shellQuote(certificate.caCertFile);
  const until = new Date(leaf.validTo).toISOString().slice(0, 10);
  const state = certificate.created
    ? certificate.replaced === null
      ? 'a new local CA: trust it once'
      : `a new local CA (the previous certificate ${certificate.replaced}): trust it once`
    : `the ${LOCAL_CA_NAME}`;
  return [
    `HTTPS and WSS certificate for 127.0.0.1, ::1 and localhost, valid until ${until}, issued by ${state}.`,
    `  CA certificate: ${caFile} (SHA-256 ${certificate.fingerprint256})`,
    `  Node.js:  NODE_EXTRA_CA_CERTS=${caFile} node your-app.js`,
    `  Browsers: import the CA certificate as a trusted authority, once:`,
    `    Chrome:  Settings > Privacy and security > Security > Manage certificates > import as trusted`,
    `    Firefox: Settings > Privacy & Security > View Certificates > Authorities > Import (identify websites)`,
    `    Safari:  open it in Keychain Access, then set Trust to Always Trust`,
    `  Testing:  chromium --user-data-dir="$(mktemp -d)" --ignore-certificate-errors-spki-list=${spkiSha256(leaf)}`,
  ];
}

interface Bundle {
  readonly key: string;
  readonly cert: string;
  readonly caCert: string;
}

type Stored =
  | { readonly ok: true; readonly bundle: Bundle }
  | { readonly ok: false; readonly missing: boolean; readonly problem: string };

/** Reads and checks `server.pem`; damage is a reason to regenerate, an I/O failure is an error. */
async function readStored(file: string, now: Date): Promise<Stored> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: false, missing: true, problem: 'is missing' };
    }
    throw new LocalCertificateError(
      `Cannot read the local HTTPS certificate ${file} (${ioProblem(error)}). Expected a readable file, or none.`,
      { cause: error },
    );
  }
  const blocks = pemBlocks(text);
  const labels = blocks.map((block) => block.label).join(', ');
  const [key, cert, caCert] = blocks;
  if (
    blocks.length !== 3 ||
    key?.label !== 'PRIVATE KEY' ||
    cert?.label !== 'CERTIFICATE' ||
    caCert?.label !== 'CERTIFICATE'
  ) {
    return {
      ok: false,
      missing: false,
      problem: `was damaged (found PEM blocks [${labels}], expected [PRIVATE KEY, CERTIFICATE, CERTIFICATE])`,
    };
  }
  const bundle = { key: key.pem, cert: cert.pem, caCert: caCert.pem };
  let problem: string | null;
  try {
    problem = certificateProblem(bundle, now);
  } catch (error) {
    problem = `was damaged (${(error as Error).message})`;
  }
  return problem === null ? { ok: true, bundle } : { ok: false, missing: false, problem };
}

/** Why a stored bundle cannot be served as is, or null when it can. Throws on unparsable PEM. */
function certificateProblem(bundle: Bundle, now: Date): string | null {
  const key = createPrivateKey(bundle.key);
  const leaf = new X509Certificate(bundle.cert);
  const ca = new X509Certificate(bundle.caCert);
  if (!ca.ca || !ca.checkIssued(ca) || !ca.verify(ca.publicKey)) {
    return 'had a CA certificate that is not a self-signed authority';
  }
  if (leaf.ca || !leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) {
    return 'was not issued by the stored CA';
  }
  if (!leaf.checkPrivateKey(key)) {
    return 'did not match its private key';
  }
  const uncovered = [
    ...LOCAL_CERTIFICATE_NAMES.ips.filter((ip) => leaf.checkIP(ip) === undefined),
    ...LOCAL_CERTIFICATE_NAMES.hosts.filter((host) => leaf.checkHost(host) === undefined),
  ];
  if (uncovered.length > 0) {
    return `did not cover ${uncovered.join(', ')}`;
  }
  const notBefore = Math.max(Date.parse(leaf.validFrom), Date.parse(ca.validFrom));
  const notAfter = Math.min(Date.parse(leaf.validTo), Date.parse(ca.validTo));
  if (Number.isNaN(notBefore) || Number.isNaN(notAfter)) {
    return `had unreadable validity dates (${leaf.validFrom} to ${leaf.validTo})`;
  }
  if (now.getTime() < notBefore) {
    return `was not valid yet (from ${new Date(notBefore).toISOString()})`;
  }
  if (now.getTime() > notAfter) {
    return `expired on ${new Date(notAfter).toISOString()}`;
  }
  if (notAfter - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) {
    return `expires on ${new Date(notAfter).toISOString()}, less than ${RENEW_BEFORE_DAYS} days away`;
  }
  return null;
}

/**
 * Generates the CA, has it sign the server certificate, and forgets the CA's key (generated
 * non-extractable, it never leaves this call). EC P-256 keeps generation to milliseconds and every
 * browser accepts it. The key identifiers (SKI on both, AKI on the server) are what strict chain
 * checks demand (`openssl verify -x509_strict`, Python 3.13's default `VERIFY_X509_STRICT`).
 */
async function issue(now: Date): Promise<Bundle> {
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(notBefore.getTime() + VALIDITY_DAYS * DAY_MS);
  const signingAlgorithm: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
  const caKeys = await generateEcKeys(false);
  const ca = await X509CertificateGenerator.createSelfSigned(
    {
      name: [
        { CN: [LOCAL_CA_NAME] },
        // Tells apart the CAs of successive generations in a certificate manager.
        { O: [`Courier local engine, ${now.toISOString().slice(0, 10)}`] },
      ],
      keys: caKeys,
      notBefore,
      notAfter,
      signingAlgorithm,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, webCrypto),
      ],
    },
    webCrypto,
  );
  const serverKeys = await generateEcKeys(true);
  const server = await X509CertificateGenerator.create(
    {
      subject: [{ CN: ['localhost'] }],
      issuer: ca.subjectName,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension([
          ...LOCAL_CERTIFICATE_NAMES.ips.map((value) => ({ type: 'ip' as const, value })),
          ...LOCAL_CERTIFICATE_NAMES.hosts.map((value) => ({ type: 'dns' as const, value })),
        ]),
        await SubjectKeyIdentifierExtension.create(serverKeys.publicKey, false, webCrypto),
        await AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, webCrypto),
      ],
    },
    webCrypto,
  );
  const key = KeyObject.from(serverKeys.privateKey).export({ type: 'pkcs8', format: 'pem' });
  return { key: key.toString(), cert: server.toString('pem'), caCert: ca.toString('pem') };
}

/** An EC P-256 signing key pair; `extractable` decides whether the private key can ever leave. */
function generateEcKeys(extractable: boolean): Promise<webcrypto.CryptoKeyPair> {
  return webCrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, extractable, [
    'sign',
    'verify',
  ]);
}

function toLocalCertificate(
  bundle: Bundle,
  caCertFile: string,
  created: boolean,
  replaced: string | null,
): LocalCertificate {
  return {
    key: bundle.key,
    cert: bundle.cert,
    caCertFile,
    fingerprint256: new X509Certificate(bundle.caCert).fingerprint256,
    created,
    replaced,
  };
}

/** Keeps `ca.pem` equal to the CA in `server.pem`, so a deleted or edited copy comes back. */
async function publishCaFile(file: string, caCert: string): Promise<void> {
  const content = `${caCert.trimEnd()}\n`;
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current !== content) {
    await ensureDir(path.dirname(file));
    await writeAtomically(file, content, 0o644);
  }
}

async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new LocalCertificateError(
      `Cannot create the local HTTPS certificate directory ${dir} (${ioProblem(error)}). Expected a writable data directory.`,
      { cause: error },
    );
  }
}

/** A complete temporary file renamed into place: readers see the old file or the new, never half. */
async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode, flag: 'wx' });
    await chmod(temporary, mode); // the umask may have narrowed or the mode been ignored
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new LocalCertificateError(
      `Cannot write the local HTTPS certificate file ${file} (${ioProblem(error)}). Expected a writable data directory.`,
      { cause: error },
    );
  }
}

/** An I/O failure in a few words: its code (ENOTDIR, EACCES...) when it has one. */
function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : String(error);
}

interface PemBlock {
  readonly label: string;
  readonly pem: string;
}

function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(
    /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?\r?\n-----END \1-----/g,
  )) {
    blocks.push({ label: match[1] ?? '', pem: `${match[0]}\n` });
  }
  return blocks;
}

/** Base64 SHA-256 of the certificate's public key: the form Chromium's SPKI allow-list takes. */
function spkiSha256(certificate: X509Certificate): string {
  const publicKey: KeyObject = certificate.publicKey;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** Quotes a path for POSIX shells when it holds anything beyond the plainly safe characters. */
function shellQuote(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
