/**
 * The TLS handshake of the probe and what it learns from it. The probe always connects with
 * `rejectUnauthorized: false` so that it can inspect a bad certificate, and computes the verdict
 * itself (chain from Node's `authorizationError`, host name from `tls.checkServerIdentity`).
 * `minVersion: 'TLSv1'` (and OpenSSL security level 0) so that a server speaking only TLS 1.0/1.1
 * is detected; credentials are never sent over it (see probe.ts).
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { CertificateInfo, TlsResult } from './types.js';

export interface HandshakeOptions {
  host: string;
  port: number;
  /** Upgrade this connected socket (STARTTLS, or implicit TLS on a socket already open). */
  socket?: net.Socket;
  /** Extra trusted CA certificates (PEM), added to the system's. */
  ca?: string[];
  timeoutMs: number;
}

export type HandshakeOutcome =
  { ok: true; socket: tls.TLSSocket } | { ok: false; error: { code: string; message: string } };

/** Handshake error codes that mean "the other side does not speak TLS here". */
const PLAINTEXT_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_RECORD_LAYER_FAILURE',
]);

export function looksLikePlaintext(code: string, message = ''): boolean {
  return PLAINTEXT_CODES.has(code) || /wrong version number|packet length too long/i.test(message);
}

export function tlsConnectOptions(
  host: string,
  port: number,
  ca: string[] | undefined,
): tls.ConnectionOptions {
  return {
    host,
    port,
    servername: net.isIP(host) ? undefined : host,
    rejectUnauthorized: false,
    minVersion: 'TLSv1',
    // OpenSSL 3 refuses TLS 1.0/1.1 at the default security level: lower it to detect them.
    ciphers: 'DEFAULT:@SECLEVEL=0',
    ca: ca && ca.length > 0 ? [...tls.rootCertificates, ...ca] : undefined,
  };
}

/** A TLS handshake within `timeoutMs`. Never rejects; the socket is the caller's on success. */
export function handshake(options: HandshakeOptions): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = tls.connect({
      ...tlsConnectOptions(options.host, options.port, options.ca),
      ...(options.socket ? { socket: options.socket } : {}),
    });
    const finish = (outcome: HandshakeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('secureConnect', onSecure);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.on('error', () => undefined);
      if (!outcome.ok) {
        socket.destroy();
        options.socket?.destroy();
      }
      resolve(outcome);
    };
    const onSecure = (): void => finish({ ok: true, socket });
    const onError = (err: NodeJS.ErrnoException): void =>
      finish({ ok: false, error: { code: err.code ?? 'ERROR', message: err.message } });
    const onClose = (): void =>
      finish({
        ok: false,
        error: {
          code: 'ECONNRESET',
          message: 'the server closed the connection during the TLS handshake',
        },
      });
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: {
            code: 'ETIMEDOUT',
            message: `no TLS handshake within ${options.timeoutMs} ms`,
          },
        }),
      options.timeoutMs,
    );
    socket.once('secureConnect', onSecure);
    socket.once('error', onError);
    socket.once('close', onClose);
  });
}

type Verdict = Pick<
  TlsResult,
  'protocol' | 'cipher' | 'authorized' | 'authorizationError' | 'certificate'
>;

/** Protocol, cipher, verification verdict (chain and host name) and certificate facts. */
export function inspectTls(socket: tls.TLSSocket, host: string, now = new Date()): Verdict {
  const out: Verdict = {
    protocol: socket.getProtocol() ?? undefined,
    cipher: socket.getCipher()?.name,
  };
  const peer = socket.getPeerCertificate(true);
  const hasCert = peer && Object.keys(peer).length > 0 && peer.raw !== undefined;
  let error = socket.authorized ? undefined : errorName(socket.authorizationError);
  if (hasCert) {
    out.certificate = certificateInfo(peer, now);
    if (!error) {
      const identity = tls.checkServerIdentity(host, peer);
      if (identity) error = (identity as NodeJS.ErrnoException).code ?? identity.message;
    }
  } else if (!error) {
    error = 'NO_PEER_CERTIFICATE';
  }
  out.authorized = error === undefined;
  if (error) out.authorizationError = error;
  return out;
}

function errorName(err: Error | string | undefined | null): string {
  if (!err) return 'UNKNOWN';
  if (typeof err === 'string') return err;
  return (err as NodeJS.ErrnoException).code ?? err.message;
}

function dn(entity: tls.Certificate | undefined): string {
  if (!entity) return '';
  return Object.entries(entity)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

export function parseSubjectAltNames(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/,\s*/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export function certificateInfo(peer: tls.DetailedPeerCertificate, now: Date): CertificateInfo {
  const validTo = new Date(peer.valid_to);
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
  const chain: string[] = [];
  let current: tls.DetailedPeerCertificate = peer;
  const seen = new Set<string>([peer.fingerprint256]);
  while (current.issuerCertificate && chain.length < 10) {
    const next = current.issuerCertificate;
    if (seen.has(next.fingerprint256)) break;
    seen.add(next.fingerprint256);
    chain.push(dn(next.subject));
    current = next;
  }
  const selfIssued = dn(peer.subject) === dn(peer.issuer);
  const endsAtItself =
    !peer.issuerCertificate || peer.issuerCertificate.fingerprint256 === peer.fingerprint256;
  const info: CertificateInfo = {
    subject: dn(peer.subject),
    issuer: dn(peer.issuer),
    subjectAltNames: parseSubjectAltNames(peer.subjectaltname),
    validFrom: isoDate(peer.valid_from),
    validTo: isoDate(peer.valid_to),
    daysLeft: Number.isNaN(daysLeft) ? 0 : daysLeft,
    selfSigned: selfIssued && endsAtItself,
    fingerprint256: peer.fingerprint256,
    chain,
  };
  Object.assign(info, keyFacts(peer));
  return info;
}

function keyFacts(peer: tls.DetailedPeerCertificate): { keyType?: string; keyBits?: number } {
  const loose = peer as tls.DetailedPeerCertificate & { asn1Curve?: string; nistCurve?: string };
  let keyType: string | undefined;
  try {
    const type = new X509Certificate(peer.raw).publicKey.asymmetricKeyType;
    keyType =
      type === 'rsa' || type === 'rsa-pss' ? 'RSA' : type === 'ec' ? 'EC' : type?.toUpperCase();
  } catch {
    keyType = loose.asn1Curve || loose.nistCurve ? 'EC' : peer.modulus ? 'RSA' : undefined;
  }
  const keyBits = typeof peer.bits === 'number' ? peer.bits : undefined;
  return { ...(keyType ? { keyType } : {}), ...(keyBits ? { keyBits } : {}) };
}

/** TLS 1.2 or newer: the only protocols credentials are sent over. */
export function isModernProtocol(protocol: string | undefined): boolean {
  return protocol === 'TLSv1.2' || protocol === 'TLSv1.3';
}
