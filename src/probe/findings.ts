/**
 * The live probe's results as `LV` findings (docs/rules/LV*.md). Pure. Messages are built only
 * from ProbeResults, which hold no secret (transcripts and replies are redacted by the engine).
 *
 * Anchor: the scanned configuration (`target.at`) for scan targets, else `fallbackAt` (the
 * workflow that names the `smtp-host` input, when known). Text from the server (replies, errors)
 * is quoted in code spans with backticks replaced, so it cannot add markup.
 */
import type { Finding, Location, Severity } from '../model.js';
import { helpUri } from '../policy/rules.js';
import type {
  AuthResult,
  CertificateInfo,
  DeliverabilityCheck,
  DeliverabilityResult,
  ProbeResult,
  ProbeTarget,
  ProtocolProblem,
  SmtpReply,
  TlsResult,
} from './types.js';

export interface ProbeFindingOptions {
  /** Warn when the certificate expires within this many days. */
  certExpiryDays: number;
  minDeliverabilityScore: number;
  /** Anchor for input targets (no file of their own). */
  fallbackAt: Location;
}

export const WITHHELD_PREFIX = 'credentials withheld: ';
export const ALLOW_INVALID_CERT_PREFIX = 'allow-invalid-cert:';

/** SpamAssassin rules below this many points are informational and not listed in LV011. */
const SPAMASSASSIN_MIN_POINTS = 0.1;
const SPAMASSASSIN_LISTED = 5;
const QUOTE_LIMIT = 200;

/** `host:port`, IPv6 literals in brackets. */
export function hostPort(target: Pick<ProbeTarget, 'host' | 'port'>): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${host}:${target.port}`;
}

/** Server text as a code span: one line, bounded, no backticks to break out with. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/`/g, "'");
  const bounded = flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT - 1)}…` : flat;
  return `\`${bounded}\``;
}

function replyText(reply: SmtpReply): string {
  const enhanced =
    reply.enhanced && !reply.text.startsWith(reply.enhanced) ? `${reply.enhanced} ` : '';
  return quote(`${reply.code} ${enhanced}${reply.text.split('\n')[0]}`);
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function points(n: number): string {
  return `${Math.round(n * 100) / 100} point${n === 1 ? '' : 's'}`;
}

type Add = (ruleId: string, severity: Severity, message: string, fix: string) => void;

// ---- LV001 unreachable ------------------------------------------------------------------------

const CONNECT_WORDS: Record<string, string> = {
  refused: 'the connection was refused (nothing listens on that port, or a firewall rejects it)',
  timeout: 'the connection timed out (a firewall drops the packets)',
  dns: 'the host name does not resolve',
  unreachable: 'there is no route to the host',
  reset: 'the connection was reset',
  other: 'the connection failed',
};

const ALTERNATIVE_ADVICE: Record<number, string> = {
  587: 'use 587 with STARTTLS required',
  465: 'use 465 with implicit TLS',
  2525: 'use 2525 with STARTTLS required',
  25: 'use 25 with STARTTLS required (only inside networks that allow outbound 25)',
};
const ALTERNATIVE_ORDER = [587, 465, 2525, 25];

function unreachable(r: ProbeResult, add: Add): void {
  const t = r.target;
  const kind = r.connect.error ?? 'other';
  const code = r.connect.code ? ` (${quote(r.connect.code)})` : '';
  let message = `${hostPort(t)} is unreachable from the runner: ${CONNECT_WORDS[kind] ?? CONNECT_WORDS.other}${code}.`;
  if (t.port === 25 && kind === 'timeout') {
    message = `${hostPort(t)} is unreachable from the runner: the connection timed out${code}; port 25 is probably blocked by the runner's network (clouds and ISPs block outbound 25).`;
  }
  const alternatives = r.connect.alternatives ?? [];
  const open = alternatives.filter((a) => a.open).map((a) => a.port);
  const closed = alternatives.filter((a) => !a.open).map((a) => a.port);
  const parts: string[] = [];
  if (open.length > 0)
    parts.push(`${list(open.map(String))} ${open.length === 1 ? 'is' : 'are'} open`);
  if (closed.length > 0) {
    parts.push(`${list(closed.map(String))} ${closed.length === 1 ? 'is' : 'are'} closed too`);
  }
  if (parts.length > 0) message += ` From the runner, ${parts.join('; ')}.`;
  const best = ALTERNATIVE_ORDER.find((p) => open.includes(p)) ?? open[0];
  let fix: string;
  if (best !== undefined) {
    const advice = ALTERNATIVE_ADVICE[best] ?? `use port ${best}`;
    fix = `${advice.charAt(0).toUpperCase()}${advice.slice(1)}: it is open from here, and configure the client to match.`;
  } else if (kind === 'dns') {
    fix = 'Check the host name: a typo, or a name that resolves only inside a private network.';
  } else if (kind === 'refused') {
    fix = `Check the port: the server does not accept connections on ${t.port}.`;
  } else {
    fix =
      'Check that the server and its firewall accept connections from the runner (GitHub-hosted runners use changing cloud addresses), or probe from a self-hosted runner inside that network.';
  }
  add('LV001', 'error', message, fix);
}

// ---- LV002/LV003/LV004/LV005/LV006/LV014 TLS ----------------------------------------------

const VERSION_ERRORS =
  /UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW|protocol version/i;
const EXPIRED = new Set(['CERT_HAS_EXPIRED']);
const CERT_ERRORS =
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY|DECRYPT)|HOSTNAME_MISMATCH|ALTNAME|CHAIN|SIGNATURE_FAILURE/;

function certNames(cert: CertificateInfo | undefined): string {
  if (!cert) return 'unknown names';
  const names = cert.subjectAltNames.map((n) => n.replace(/^DNS:/i, ''));
  const shown = names.length > 0 ? names.slice(0, 6) : [cert.subject];
  const more = names.length > 6 ? ` and ${names.length - 6} more` : '';
  return `${shown.map(quote).join(', ')}${more}`;
}

function describeCert(cert: CertificateInfo | undefined): string {
  if (!cert) return '';
  return ` (subject ${quote(cert.subject)}, issuer ${quote(cert.issuer)})`;
}

function untrusted(t: ProbeTarget, tls: TlsResult, code: string, add: Add): void {
  const cert = tls.certificate;
  const where = hostPort(t);
  const why =
    'a client that verifies refuses it, and one that does not cannot tell the server from an impostor';
  let what: string;
  let fix: string;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /HOSTNAME_MISMATCH/.test(code)) {
    what = `is issued to ${certNames(cert)}, not to ${quote(t.host)}`;
    fix = `Connect with a host name the certificate lists, or reissue the certificate to include ${quote(t.host)}.`;
  } else if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    what = `is self-signed${describeCert(cert)}`;
    fix =
      "Use a certificate from a public CA (e.g. Let's Encrypt); for a private server, trust its CA in the client (e.g. nodemailer `tls.ca`) instead of turning verification off.";
  } else if (code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    const root = cert?.chain.length ? cert.chain[cert.chain.length - 1] : undefined;
    what = `chains to a self-signed root that is not trusted${root ? ` (${quote(root)})` : ''}`;
    fix =
      'Use a certificate from a public CA, or trust the private root CA in the client instead of turning verification off.';
  } else if (/UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)/.test(code)) {
    what = `has an issuer that cannot be verified${describeCert(cert)}: an unknown CA, or the server does not send its intermediate certificates`;
    fix =
      'Configure the server to send the full chain (certificate and intermediates); for a private CA, trust it in the client.';
  } else if (code === 'CERT_NOT_YET_VALID') {
    what = `is not valid yet (valid from ${cert?.validFrom ?? 'a later date'})`;
    fix = "Check the server's clock and the certificate's start date.";
  } else {
    what = `does not verify${describeCert(cert)}`;
    fix = 'Give the server a certificate that verifies against the public CAs and names this host.';
  }
  add('LV004', 'error', `The certificate of ${where} ${what} (${quote(code)}): ${why}.`, fix);
}

function expiry(t: ProbeTarget, cert: CertificateInfo, opts: ProbeFindingOptions, add: Add): void {
  const where = hostPort(t);
  if (cert.daysLeft < 0) {
    const ago = -cert.daysLeft;
    add(
      'LV005',
      'error',
      `The certificate of ${where} expired on ${cert.validTo} (${ago} day${ago === 1 ? '' : 's'} ago): clients that verify refuse the connection.`,
      'Renew the certificate and make sure renewal is automated (e.g. the certbot timer) and reloads the mail server.',
    );
  } else if (cert.daysLeft <= opts.certExpiryDays) {
    add(
      'LV005',
      'warning',
      `The certificate of ${where} expires on ${cert.validTo}, in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'} (warning threshold: ${opts.certExpiryDays} days).`,
      'Renew the certificate before it expires, and check that automatic renewal runs and reloads the mail server.',
    );
  }
}

function expiredFromCode(t: ProbeTarget, tls: TlsResult, add: Add): void {
  const validTo = tls.certificate?.validTo;
  add(
    'LV005',
    'error',
    `The certificate of ${hostPort(t)} has expired${validTo ? ` (valid until ${validTo})` : ''}: clients that verify refuse the connection.`,
    'Renew the certificate and make sure renewal is automated and reloads the mail server.',
  );
}

function lowVersion(protocol: string): boolean {
  return /^(SSLv2|SSLv3|TLSv1(\.0|\.1)?)$/i.test(protocol.trim());
}

function tlsFindings(r: ProbeResult, opts: ProbeFindingOptions, add: Add): void {
  const t = r.target;
  const tls = r.tls;
  const where = hostPort(t);
  const wantsStartTls =
    t.security === 'starttls-required' || t.security === 'starttls-opportunistic';
  const refused = r.problems.find((p) => p.phase === 'starttls' && p.kind === 'rejected');

  if (tls?.mismatch) {
    const symptom = tls.mismatchSymptom ? ` ${quote(tls.mismatchSymptom)}` : '';
    if (tls.mismatch === 'implicit-on-starttls-port') {
      add(
        'LV003',
        'error',
        `The configuration starts TLS immediately (implicit TLS) on ${where}, but the port expects a plain greeting and STARTTLS; the client sees${symptom || ' a failed handshake'}.`,
        'Use STARTTLS, required, on this port (e.g. nodemailer `secure: false` with `requireTLS: true`), or port 465 with implicit TLS.',
      );
    } else {
      add(
        'LV003',
        'error',
        `The configuration waits for a plain greeting and STARTTLS on ${where}, but the port speaks implicit TLS; the client sees${symptom || ' a greeting that never comes'}.`,
        'Use implicit TLS on this port (e.g. nodemailer `secure: true`), or port 587 with STARTTLS required.',
      );
    }
    return;
  }

  if (refused) {
    const reply = refused.reply ? ` with ${replyText(refused.reply)}` : '';
    add(
      'LV002',
      'error',
      `${where} offers STARTTLS but refused it${reply}: no TLS, so no credentials can be sent safely${t.security === 'starttls-opportunistic' ? ', and a client with opportunistic STARTTLS goes on in clear text' : ''}.`,
      "The server's TLS setup is broken (often a missing or unreadable certificate or key): check its logs and TLS settings.",
    );
    return;
  }

  if (wantsStartTls && r.ehlo && !r.ehlo.starttls && !tls) {
    const consequence =
      t.security === 'starttls-required'
        ? 'a client that requires STARTTLS stops here, so mail fails'
        : 'a client with opportunistic STARTTLS sends credentials and mail in clear text';
    add(
      'LV002',
      'error',
      `${where} does not offer STARTTLS (it is not in the EHLO reply): ${consequence}.`,
      'Enable STARTTLS on the server, or use its implicit-TLS port 465 if it has one; never authenticate without TLS.',
    );
    return;
  }

  if (!tls) return;
  const errorCode = tls.error?.code ?? '';
  const errorText = `${errorCode} ${tls.error?.message ?? ''}`;
  if (!tls.ok && tls.error && VERSION_ERRORS.test(errorText)) {
    add(
      'LV006',
      'error',
      `${where} offers no TLS version of 1.2 or newer (${quote(errorCode || tls.error.message)}): TLS 1.0/1.1 are forbidden by RFC 8996, and RFC 8997 sets TLS 1.2 as the minimum for mail.`,
      'Enable TLS 1.2 and 1.3 on the server and disable older versions.',
    );
    return;
  }

  const authError =
    tls.authorizationError ??
    (tls.error && CERT_ERRORS.test(errorCode) ? errorCode : undefined) ??
    (tls.authorized === false ? 'unverified' : undefined);
  if (authError && EXPIRED.has(authError)) {
    expiredFromCode(t, tls, add);
  } else if (authError && tls.authorized !== true) {
    untrusted(t, tls, authError, add);
  } else if (!tls.ok && tls.error) {
    const how = tls.mode === 'starttls' ? 'after STARTTLS' : 'with implicit TLS';
    add(
      'LV002',
      'error',
      `The TLS handshake with ${where} failed ${how} (${quote(errorCode || 'error')}: ${quote(tls.error.message)}): no TLS, so no credentials can be sent safely.`,
      `Check the server's TLS configuration (certificate, protocols, ciphers), e.g. with \`openssl s_client -connect ${where}${tls.mode === 'starttls' ? ' -starttls smtp' : ''}\`.`,
    );
  }

  if (tls.ok && tls.protocol && lowVersion(tls.protocol)) {
    const config = t.configMinTls
      ? `, and the configuration allows it (${quote(t.configMinTls)})`
      : '';
    add(
      'LV006',
      'error',
      `${where} negotiated ${quote(tls.protocol)}, below TLS 1.2${config}: TLS 1.0/1.1 are forbidden by RFC 8996, and RFC 8997 sets TLS 1.2 as the minimum for mail.`,
      'Enable TLS 1.2 and 1.3 on the server, disable older versions, and set the client minimum to TLS 1.2.',
    );
  }

  const cert = tls.certificate;
  if (cert && !(authError && EXPIRED.has(authError))) expiry(t, cert, opts, add);
  if (cert?.keyType && cert.keyBits !== undefined) {
    const type = cert.keyType.toUpperCase();
    const minimum = type === 'RSA' ? 2048 : type === 'EC' ? 256 : undefined;
    if (minimum !== undefined && cert.keyBits < minimum) {
      add(
        'LV014',
        'warning',
        `The certificate of ${where} has a weak ${type} key of ${cert.keyBits} bits (minimum ${type} ${minimum}).`,
        'Reissue the certificate with an RSA key of 2048 bits or more, or an EC key on P-256 or stronger.',
      );
    }
  }

  if (t.configVerifyOff && tls.ok && tls.authorized === true) {
    const validTo = cert ? `, valid until ${cert.validTo}` : '';
    add(
      'LV013',
      'note',
      `The configuration turns certificate verification off, but ${where} presents a certificate that verifies${cert ? ` (${certNames(cert)}${validTo})` : ''}: the setting only makes impersonation possible.`,
      'Remove the setting that disables verification (e.g. `rejectUnauthorized: false`, `verify_peer=0`, `skip_verify = true`); see SP005.',
    );
  }
}

// ---- LV007/LV008/LV015 AUTH -------------------------------------------------------------------

interface ProviderHint {
  test: RegExp;
  credentials: string;
  disabled?: string;
}

const PROVIDERS: ProviderHint[] = [
  {
    test: /(^|\.)(gmail|googlemail)\.com$/,
    credentials:
      'Gmail refuses the account password: use an app password (2-Step Verification on) or XOAUTH2.',
    disabled: 'Create an app password (2-Step Verification must be on) or use XOAUTH2.',
  },
  {
    test: /(^|\.)(office365\.com|outlook\.com|office\.com)$/,
    credentials:
      'For Microsoft 365 check the mailbox address as user, that SMTP AUTH is enabled for it, and that MFA or security defaults do not block basic authentication; OAuth2 is the way forward.',
    disabled:
      'Enable SMTP AUTH for the mailbox (Exchange admin center: mailbox → Manage email apps → Authenticated SMTP, or `Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false`) and check the tenant-wide setting; better, move to OAuth2 (XOAUTH2) or Microsoft Graph `sendMail`, as Microsoft is retiring basic SMTP AUTH.',
  },
  {
    test: /(^|\.)sendgrid\.net$/,
    credentials:
      'SendGrid wants the user `apikey` (literally) and an API key with Mail Send permission as the password.',
  },
  {
    test: /^email-smtp\.[a-z0-9-]+\.amazonaws\.com$/,
    credentials:
      'Amazon SES wants SES SMTP credentials for this region (derived from an IAM key), not the IAM access key itself.',
  },
  {
    test: /(^|\.)mailgun\.org$/,
    credentials:
      "Mailgun wants the domain's SMTP credentials (Domain settings → SMTP credentials).",
  },
  {
    test: /(^|\.)postmarkapp\.com$/,
    credentials: 'Postmark wants a server API token as both user and password.',
  },
  {
    test: /(^|\.)brevo\.com$|(^|\.)sendinblue\.com$/,
    credentials: 'Brevo wants an SMTP key (not the account password or an API key).',
  },
  {
    test: /(^|\.)resend\.com$/,
    credentials: 'Resend wants the user `resend` and an API key as the password.',
  },
  {
    test: /(^|\.)(mail\.yahoo\.com|fastmail\.com|mail\.me\.com|zoho\.com)$/,
    credentials: 'This provider wants an app password, not the account password.',
  },
];

function providerOf(host: string): ProviderHint | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.find((p) => p.test.test(h));
}

function authFailed(r: ProbeResult, auth: AuthResult, add: Add): void {
  const t = r.target;
  const where = hostPort(t);
  const reply = auth.reply ? ` with ${replyText(auth.reply)}` : '';
  const mech = auth.mechanism ? ` (AUTH ${auth.mechanism})` : '';
  const provider = providerOf(t.host);
  switch (auth.failure ?? 'other') {
    case 'bad-credentials':
      add(
        'LV008',
        'error',
        `${where} rejected the credentials${mech}${reply}.`,
        `Check the \`smtp-username\` and \`smtp-password\` secrets (a rotated password, a stray newline, the full address as user). ${provider?.credentials ?? 'Many providers want an app password or an API key, not the account password.'}`,
      );
      return;
    case 'disabled-by-provider':
      add(
        'LV008',
        'error',
        `${where} refused password authentication for this account${reply}: the provider has switched SMTP AUTH off for it (or for the whole organisation).`,
        provider?.disabled ??
          "Enable SMTP AUTH for the account in the provider's settings, or use the authentication it offers instead (OAuth2, an API key).",
      );
      return;
    case 'not-supported': {
      const offered = (r.ehloAfterTls ?? r.ehlo)?.auth ?? [];
      const what =
        offered.length > 0
          ? `it offers ${list(offered.map((m) => quote(m)))}, none the probe can use (PLAIN, LOGIN, XOAUTH2 with a token)`
          : 'it advertises no AUTH on this port';
      add(
        'LV008',
        'error',
        `${where} does not support the authentication the probe tried${mech}${reply}: ${what}.`,
        offered.length > 0
          ? 'Use a mechanism the server offers, or enable AUTH PLAIN/LOGIN over TLS on the server.'
          : 'This port may be for relay, not submission: use the submission port (587 with STARTTLS, or 465), or enable SMTP AUTH on the server.',
      );
      return;
    }
    case 'temporary':
      add(
        'LV008',
        'warning',
        `${where} answered AUTH with a temporary failure${mech}${reply}: the credentials could not be judged.`,
        "Run the probe again; if it persists, check the provider's rate limits and whether the account is temporarily locked.",
      );
      return;
    case 'encryption-required':
      add(
        'LV008',
        'error',
        `${where} requires encryption for this authentication${mech}${reply}.`,
        'Require TLS before AUTH: port 587 with STARTTLS required, or port 465 with implicit TLS.',
      );
      return;
    default:
      add(
        'LV008',
        'error',
        `Authentication to ${where} failed${mech}${reply}.`,
        "Check the credentials and read the reply against the provider's documentation.",
      );
  }
}

const TLS_SKIP =
  /\b(tls|ssl|starttls|certificate|cert|verif\w*|encrypt\w*|clear ?text|unencrypted)\b/i;
const GUARD_SKIP = /\b(withheld|guard|allow-hosts)\b/i;

function authSkippedForTls(r: ProbeResult, add: Add): void {
  const auth = r.auth;
  if (!auth || auth.attempted || !auth.skipped) return;
  if (!TLS_SKIP.test(auth.skipped) || GUARD_SKIP.test(auth.skipped)) return;
  const t = r.target;
  const tls = r.tls;
  let fix: string;
  if (tls?.ok && tls.protocol && lowVersion(tls.protocol)) {
    fix = 'Enable TLS 1.2 or newer on the server; the probe then authenticates.';
  } else if (tls?.ok && tls.authorized === false) {
    fix =
      'Give the server a certificate that verifies for this host name, or pass its private CA with `ca-file`; `allow-invalid-cert: true` forces the test against a self-hosted server (loudly).';
  } else {
    fix = 'Use a TLS connection: port 587 with STARTTLS required, or 465 with implicit TLS.';
  }
  add(
    'LV015',
    'warning',
    `The probe did not authenticate to ${hostPort(t)}: ${quote(auth.skipped)}. Credentials go only over TLS 1.2 or newer with a verified certificate, so AUTH was not tested.`,
    fix,
  );
}

function withheld(r: ProbeResult, add: Add): void {
  for (const note of r.notes) {
    if (!note.startsWith(WITHHELD_PREFIX)) continue;
    const reason = note.slice(WITHHELD_PREFIX.length).trim();
    add(
      'LV015',
      'warning',
      `The probe did not send credentials to ${hostPort(r.target)}, so AUTH was not tested: ${reason}`,
      'Name the host in the `smtp-host` input, or list it in `live.allow-hosts` of .github/smtp-preflight.yml on the base branch (private and loopback addresses need the exact host name or IP there).',
    );
  }
}

function allowInvalidCert(r: ProbeResult, add: Add): void {
  for (const note of r.notes) {
    if (!note.startsWith(ALLOW_INVALID_CERT_PREFIX)) continue;
    const detail = note.slice(ALLOW_INVALID_CERT_PREFIX.length).trim();
    const sent = r.auth?.attempted
      ? 'the probe sent credentials to a server whose identity it could not verify'
      : 'no credentials were sent, but the results come from a server whose identity could not be verified';
    add(
      'LV016',
      'warning',
      `Certificate verification was bypassed by \`allow-invalid-cert\` for ${hostPort(r.target)}${detail ? ` (${detail})` : ''}: ${sent}.`,
      'Give the server a certificate that verifies (or trust its private CA) and remove `allow-invalid-cert`; if the credentials may have reached an impostor, rotate them.',
    );
  }
}

// ---- LV009 send, LV010/LV011 deliverability, LV012 protocol -------------------------------------

function sendFailed(r: ProbeResult, add: Add): void {
  const send = r.send;
  if (!send?.attempted || send.ok !== false) return;
  const where = hostPort(r.target);
  const reply = send.reply;
  const why = reply ? replyText(reply) : quote(send.error ?? 'no reply');
  let fix: string;
  if (reply && reply.code >= 400 && reply.code < 500) {
    fix =
      'The failure is temporary (4xx): run again; if it persists, check the rate limits and the sending quota.';
  } else if (reply?.enhanced?.startsWith('5.7')) {
    fix =
      'The server refuses by policy: send from an address the account may send as (a verified sender or domain), and check that relaying to the recipient is allowed.';
  } else if (reply?.enhanced?.startsWith('5.1')) {
    fix = 'Check the sender and recipient addresses of the test message.';
  } else {
    fix =
      "Read the reply against the provider's documentation; the transcript in the report shows the exchange.";
  }
  add('LV009', 'error', `The test message through ${where} was not accepted: ${why}.`, fix);
}

const CHECK_FIXES: Record<string, string> = {
  spf: "Add the sending server to the From domain's SPF record (a TXT record such as `v=spf1 include:<your provider> ~all`; the provider documents its include).",
  dkim: "Turn on DKIM signing at the provider and publish its DKIM key in the From domain's DNS.",
  dmarc:
    'Publish a DMARC record (TXT at `_dmarc.<your domain>`, e.g. `v=DMARC1; p=none; rua=mailto:...`) aligned with SPF and DKIM.',
  rdns: 'Give the sending IP a reverse DNS (PTR) record that matches its HELO name (the provider or hosting company sets it).',
  'a-record': 'Give the From domain an A record.',
  'mx-record': 'Give the From domain an MX record, so bounces and replies can reach it.',
};

function deliverabilityFindings(
  r: ProbeResult,
  d: DeliverabilityResult,
  opts: ProbeFindingOptions,
  add: Add,
): void {
  const where = hostPort(r.target);
  const min = opts.minDeliverabilityScore;
  if (d.score !== undefined) {
    if (d.score < min) {
      add(
        'LV010',
        'error',
        `Mail Tester scored the test message sent through ${where} ${d.score}/${d.maxScore ?? 10}, below the minimum ${min} (results: ${d.resultsUrl}).`,
        `Fix the failed checks (SPF, DKIM, DMARC, blocklists, SpamAssassin rules) reported with it and run again; the full report is at ${d.resultsUrl}.`,
      );
    }
  } else {
    add(
      'LV010',
      'warning',
      `Mail Tester gave no score for the test message sent through ${where}: ${d.error ?? 'no result'}.`,
      `Check that the message reached ${d.address} (the send step's reply), raise \`mail-tester-timeout\`, or look at ${d.resultsUrl}.`,
    );
  }

  const failed = d.checks.filter((c) => c.status === 'failure' || c.status === 'warning');
  const rules: DeliverabilityCheck[] = [];
  for (const c of failed) {
    if (c.id.startsWith('spamassassin:')) {
      if ((c.deduction ?? 0) >= SPAMASSASSIN_MIN_POINTS) rules.push(c);
      continue;
    }
    const lost = c.deduction ? ` (−${points(c.deduction)})` : '';
    const detail = c.description ? `: ${quote(c.description)}` : '';
    const isList = c.id.startsWith('blacklist');
    const what = isList
      ? `the sending server is ${c.title.charAt(0).toLowerCase()}${c.title.slice(1)}${lost}`
      : `${c.title} ${c.status === 'failure' ? 'failed' : 'has a warning'}${lost}`;
    const fix = isList
      ? 'Find out why (a compromised account, an open relay, a shared IP), fix it, then request delisting; on a shared provider IP, ask the provider.'
      : (CHECK_FIXES[c.id] ??
        (c.solution ? `${c.solution}` : `See the Mail Tester report: ${d.resultsUrl}`));
    add(
      'LV011',
      'warning',
      `Mail Tester: for the test message sent through ${where}, ${what}${detail}.`,
      fix,
    );
  }
  if (rules.length > 0) {
    const top = [...rules]
      .sort((a, b) => (b.deduction ?? 0) - (a.deduction ?? 0))
      .slice(0, SPAMASSASSIN_LISTED);
    const more = rules.length > top.length ? ` and ${rules.length - top.length} more` : '';
    const named = top.map((c) => `${quote(c.title)} (+${c.deduction})`).join(', ');
    const solutions = top
      .filter((c) => c.solution)
      .map((c) => `${c.title}: ${c.solution}`)
      .join(' ');
    add(
      'LV011',
      'warning',
      `Mail Tester: SpamAssassin rules hit the test message sent through ${where}: ${named}${more}.`,
      solutions || `See the Mail Tester report: ${d.resultsUrl}`,
    );
  }
}

const PROBLEM_WORDS: Record<ProtocolProblem['kind'], string> = {
  timeout: 'did not answer in time',
  closed: 'closed the connection',
  reset: 'reset the connection',
  garbage: 'sent something that is not SMTP',
  'line-too-long': 'sent a reply line longer than any SMTP server should',
  rejected: 'refused the session',
};

function protocolProblem(r: ProbeResult, p: ProtocolProblem, add: Add): void {
  // A greeting that never came from an implicit-TLS port is the mismatch LV003 already explains.
  if (p.phase === 'greeting' && p.kind === 'timeout' && r.tls?.mismatch) return;
  const where = hostPort(r.target);
  const reply = p.reply ? ` with ${replyText(p.reply)}` : '';
  let fix =
    "Check the server's logs for this connection; a firewall or proxy in between (SMTP inspection, an intrusion prevention system) can also cut or garble the session.";
  if (p.phase === 'greeting' && p.kind === 'rejected') {
    fix =
      "The server refuses connections from the runner's address: allow it (GitHub-hosted runners use changing cloud addresses) or probe from a self-hosted runner.";
  } else if (p.phase === 'greeting' && p.kind === 'timeout') {
    fix =
      'A server that never greets is often an implicit-TLS port reached without TLS, or a server that delays its greeting: check the port and the TLS mode, then the server.';
  }
  add(
    'LV012',
    'error',
    `${where} misbehaved during ${p.phase}: it ${PROBLEM_WORDS[p.kind]}${reply} (${quote(p.message)}).`,
    fix,
  );
}

// ---- the whole result -------------------------------------------------------------------------

function resultFindings(r: ProbeResult, opts: ProbeFindingOptions): Finding[] {
  if (r.skipped) return [];
  const t = r.target;
  const scan = t.source === 'scan';
  const at = scan && t.at ? t.at : opts.fallbackAt;
  const out: Finding[] = [];
  const add: Add = (ruleId, severity, message, fix) => {
    const f: Finding = { ruleId, severity, message, fix, at: { ...at }, helpUri: helpUri(ruleId) };
    if (scan) f.endpointId = t.id;
    out.push(f);
  };

  withheld(r, add);
  allowInvalidCert(r, add);
  if (!r.connect.ok) {
    unreachable(r, add);
    return out;
  }
  for (const p of r.problems) {
    if (p.phase === 'starttls' && p.kind === 'rejected') continue; // LV002
    if (p.phase === 'auth' && p.kind === 'rejected' && r.auth?.attempted && r.auth.ok === false) {
      continue; // LV008
    }
    if (p.phase === 'send' && p.kind === 'rejected' && r.send?.attempted && r.send.ok === false) {
      continue; // LV009
    }
    protocolProblem(r, p, add);
  }
  tlsFindings(r, opts, add);
  if (r.authBeforeTls && r.authBeforeTls.length > 0) {
    add(
      'LV007',
      'warning',
      `${hostPort(t)} advertises AUTH (${r.authBeforeTls.map((m) => quote(m)).join(', ')}) before TLS: the server lets clients send passwords in clear text, so any client that does not require TLS leaks them.`,
      'On the server, offer AUTH only after STARTTLS (Postfix `smtpd_tls_auth_only = yes`, Dovecot `disable_plaintext_auth = yes`); in the client, require TLS.',
    );
  }
  if (r.auth?.attempted && r.auth.ok === false) authFailed(r, r.auth, add);
  authSkippedForTls(r, add);
  sendFailed(r, add);
  if (r.deliverability) deliverabilityFindings(r, r.deliverability, opts, add);
  return out;
}

/** LV findings for every probe result, in result order. */
export function probeFindings(results: ProbeResult[], opts: ProbeFindingOptions): Finding[] {
  return results.flatMap((r) => resultFindings(r, opts));
}
