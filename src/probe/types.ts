/**
 * The live probe's contract (DESIGN.md §5): what to probe, with which limits, and what came back.
 * Types only. A ProbeResult is JSON-serialisable, holds no secret (transcripts are redacted), and
 * is turned into `LV` findings by src/probe/findings.ts.
 */
import type { Location } from '../model.js';

/** How the probe speaks TLS to the target (the configured, effective mode). */
export type ProbeSecurity =
  'implicit-tls' | 'starttls-required' | 'starttls-opportunistic' | 'plain';

export interface ProbeTarget {
  /** The endpoint id from the scan (`file:line`), or `input` for the smtp-host/smtp-port inputs. */
  id: string;
  host: string;
  port: number;
  security: ProbeSecurity;
  /** Where the configuration is (scan targets); absent for input targets. */
  at?: Location;
  source: 'input' | 'scan';
  /** The configuration turns certificate verification off (SP005): compare with reality. */
  configVerifyOff?: boolean;
  /** The configuration's minimum TLS version, if any (e.g. `TLSv1`). */
  configMinTls?: string;
  /** Port 25 was configured somewhere for this host: only then is 25 tried as an alternative. */
  port25Configured?: boolean;
}

export interface ProbeTimeouts {
  /** TCP connect (including DNS). */
  connectMs: number;
  /** From connect (or the TLS handshake for implicit TLS) to the complete 220 greeting. */
  greetingMs: number;
  /** Each command's complete reply (EHLO, STARTTLS, AUTH steps, MAIL, RCPT, QUIT). */
  commandMs: number;
  /** The TLS handshake. */
  tlsMs: number;
  /** DATA and the final reply of a test send. */
  sendMs: number;
}

export const DEFAULT_TIMEOUTS: ProbeTimeouts = {
  connectMs: 5000,
  greetingMs: 10000,
  commandMs: 10000,
  tlsMs: 10000,
  sendMs: 30000,
};

/** Credentials from inputs only (never from the repository). */
export interface ProbeCredentials {
  username?: string;
  password?: string;
  /** XOAUTH2 access token (with `username`). */
  oauth2Token?: string;
}

export interface ProbeSendOptions {
  from: string;
  to: string;
  subject?: string;
  text?: string;
}

export interface ProbeOptions {
  timeouts: ProbeTimeouts;
  /** Present only when the secret guard allowed credentials for this target. */
  credentials?: ProbeCredentials;
  /** Why credentials were withheld (guard verdict), when some were given but not allowed. */
  credentialsWithheld?: string;
  /** Accept an invalid certificate (self-hosted servers); loud in the report. */
  allowInvalidCert: boolean;
  /** Extra trusted CA certificates (PEM), e.g. a private CA. */
  ca?: string[];
  /** Warn when the certificate expires within this many days (default 21). */
  certExpiryDays: number;
  /** Ports tried when the configured one is unreachable (587, 465, 2525, and 25 when configured). */
  alternativePorts: number[];
  /** The name sent in EHLO. */
  ehloName: string;
  /** Send a test message after AUTH (send-test: true). */
  send?: ProbeSendOptions;
  /** The longest reply line accepted before the server is judged hostile (default 4096). */
  maxLineLength?: number;
}

export type ConnectError = 'refused' | 'timeout' | 'dns' | 'unreachable' | 'reset' | 'other';

export interface PortCheck {
  port: number;
  open: boolean;
  error?: ConnectError;
}

export interface ConnectResult {
  ok: boolean;
  /** The address connected to (or tried), e.g. `127.0.0.1`. */
  address?: string;
  error?: ConnectError;
  /** Error code and message, redacted (e.g. `ECONNREFUSED`). */
  code?: string;
  message?: string;
  /** When the connect failed: the other submission ports and whether they are open. */
  alternatives?: PortCheck[];
  ms?: number;
}

export interface SmtpReply {
  code: number;
  /** Enhanced status code (RFC 3463) when present, e.g. `5.7.8`. */
  enhanced?: string;
  /** The reply text, lines joined with `\n`, redacted and truncated to a few hundred chars. */
  text: string;
}

export interface EhloInfo {
  /** Extension keywords upper-cased, e.g. `STARTTLS`, `PIPELINING`, `SIZE`. */
  extensions: string[];
  /** AUTH mechanisms advertised, upper-cased. */
  auth: string[];
  starttls: boolean;
  size?: number;
  eightBitMime: boolean;
  smtpUtf8: boolean;
  pipelining: boolean;
  requireTls: boolean;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  validFrom: string;
  validTo: string;
  /** Whole days until `validTo` (negative when expired). */
  daysLeft: number;
  selfSigned: boolean;
  /** Key type and size, e.g. `RSA` 2048, `EC` 256. */
  keyType?: string;
  keyBits?: number;
  fingerprint256: string;
  /** The chain above the leaf, subject names only. */
  chain: string[];
}

/** Which way the configured TLS mode and the server disagree. */
export type TlsMismatch = 'implicit-on-starttls-port' | 'starttls-on-implicit-port';

export interface TlsResult {
  mode: 'implicit' | 'starttls';
  ok: boolean;
  protocol?: string;
  cipher?: string;
  /** Node's verification verdict against the system (and extra) CAs and the host name. */
  authorized?: boolean;
  /** e.g. `CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_TLS_CERT_ALTNAME_INVALID`. */
  authorizationError?: string;
  certificate?: CertificateInfo;
  /** Handshake failure: code and message, e.g. `ERR_SSL_WRONG_VERSION_NUMBER`. */
  error?: { code: string; message: string };
  mismatch?: TlsMismatch;
  /** The exact symptom of a mismatch, as a user would see it. */
  mismatchSymptom?: string;
}

export type AuthFailure =
  | 'bad-credentials'
  | 'not-supported'
  | 'disabled-by-provider'
  | 'temporary'
  | 'encryption-required'
  | 'other';

export interface AuthResult {
  attempted: boolean;
  /** Why AUTH was not attempted (no credentials, guard refused, no TLS, not advertised...). */
  skipped?: string;
  mechanism?: 'PLAIN' | 'LOGIN' | 'XOAUTH2';
  ok?: boolean;
  reply?: SmtpReply;
  failure?: AuthFailure;
}

export interface SendResult {
  attempted: boolean;
  skipped?: string;
  ok?: boolean;
  messageId?: string;
  /** The final server reply (redacted). */
  reply?: SmtpReply;
  error?: string;
}

/** A protocol-level failure that is not a TLS or AUTH verdict. */
export interface ProtocolProblem {
  phase: 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'send' | 'quit';
  kind: 'timeout' | 'closed' | 'reset' | 'garbage' | 'line-too-long' | 'rejected';
  message: string;
  reply?: SmtpReply;
}

export interface DeliverabilityCheck {
  /** e.g. `spf`, `dkim`, `dmarc`, `blacklist:Spamhaus SBL`, `spamassassin:HTML_MESSAGE`. */
  id: string;
  title: string;
  status: 'failure' | 'warning' | 'neutral' | 'success';
  /** Points lost (positive number). */
  deduction?: number;
  description?: string;
  solution?: string;
}

export interface DeliverabilityResult {
  tester: 'mail-tester';
  /** The address the message was sent to. */
  address: string;
  /** The human results page. */
  resultsUrl: string;
  ok: boolean;
  /** Score out of `maxScore` (10) when a result arrived. */
  score?: number;
  maxScore?: number;
  minScore: number;
  /** Failed and warning checks with their solutions. */
  checks: DeliverabilityCheck[];
  /** Why no score: timeout, HTTP error, malformed JSON, send failed. */
  error?: string;
  polls: number;
  ms: number;
}

export interface ProbeResult {
  target: ProbeTarget;
  /** When the probe was skipped altogether (guard, event): why; nothing else is set. */
  skipped?: string;
  startedAt: string;
  ms: number;
  connect: ConnectResult;
  greeting?: SmtpReply;
  /** EHLO before TLS (STARTTLS and plain), or the only EHLO (implicit TLS). */
  ehlo?: EhloInfo;
  /** EHLO after STARTTLS. */
  ehloAfterTls?: EhloInfo;
  tls?: TlsResult;
  /** AUTH mechanisms advertised before TLS on a STARTTLS/plain connection (LV: auth before TLS). */
  authBeforeTls?: string[];
  auth?: AuthResult;
  send?: SendResult;
  deliverability?: DeliverabilityResult;
  problems: ProtocolProblem[];
  /** The SMTP conversation, client lines prefixed `C: `, server `S: `; AUTH payloads redacted. */
  transcript: string[];
  /** Loud notes, e.g. "certificate verification disabled by allow-invalid-cert". */
  notes: string[];
}
