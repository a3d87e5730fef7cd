/**
 * The rule catalogue (DESIGN.md §3). IDs are stable and never reused. SP016 is a meta rule: it
 * judges `smtp-preflight-ignore` comments (src/policy/suppress.ts), not SMTP settings.
 */
import type { Severity } from '../model.js';

export interface Rule {
  id: string;
  /** Default severity in the `recommended` policy. */
  severity: Severity;
  /** Short name, used in annotation titles and SARIF. */
  title: string;
  /** One-sentence description. */
  description: string;
}

export const REPOSITORY_URL = 'https://github.com/smtp-preflight/smtp-preflight';

export function helpUri(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${id}.md`;
}

export const RULES: Rule[] = [
  {
    id: 'SP001',
    severity: 'error',
    title: 'Port 25 used for submission',
    description:
      'Port 25 is for server-to-server relay; clouds and ISPs block it outbound, and applications that authenticate should submit on 587 or 465.',
  },
  {
    id: 'SP002',
    severity: 'error',
    title: 'No TLS',
    description:
      'The connection never encrypts: credentials and messages cross the network in clear text.',
  },
  {
    id: 'SP003',
    severity: 'warning',
    title: 'Opportunistic STARTTLS',
    description:
      'STARTTLS is used only if the server advertises it, so an attacker who strips the advertisement downgrades the session to clear text.',
  },
  {
    id: 'SP004',
    severity: 'error',
    title: 'Port and TLS mode disagree',
    description:
      'Implicit TLS on a STARTTLS port, or STARTTLS/plain on port 465: the connection hangs or fails the handshake.',
  },
  {
    id: 'SP005',
    severity: 'error',
    title: 'Certificate verification disabled',
    description:
      'The client accepts any certificate, so anyone on the path can impersonate the server and read the credentials.',
  },
  {
    id: 'SP006',
    severity: 'warning',
    title: 'TLS below 1.2 allowed',
    description:
      'TLS 1.0/1.1 (and weak ciphers) are deprecated by RFC 8996; RFC 8997 sets TLS 1.2 as the minimum for mail.',
  },
  {
    id: 'SP007',
    severity: 'error',
    title: 'Credential committed',
    description:
      'A literal SMTP password or API key is in the repository, where every clone and fork keeps it.',
  },
  {
    id: 'SP008',
    severity: 'warning',
    title: 'Submission without authentication',
    description:
      'A remote submission port (587/465/2525) without credentials: the server will refuse to relay, or it is an open relay.',
  },
  {
    id: 'SP009',
    severity: 'note',
    title: 'Non-standard port',
    description:
      'The port is not one of 25/465/587; 2525 is a provider fallback. Check it is intended and what TLS mode it speaks.',
  },
  {
    id: 'SP010',
    severity: 'error',
    title: 'Provider does not offer this port/TLS',
    description:
      'The host belongs to a known provider that does not offer this port and TLS mode combination.',
  },
  {
    id: 'SP011',
    severity: 'warning',
    title: 'Password auth retired by provider',
    description: 'The provider has retired, or is retiring, password (basic) SMTP AUTH.',
  },
  {
    id: 'SP012',
    severity: 'note',
    title: 'Cannot judge statically',
    description:
      'A setting comes only from the environment or a template, so it cannot be judged from the repository: a policy `assume:` or the live probe settles it.',
  },
  {
    id: 'SP013',
    severity: 'error',
    title: 'Mutually exclusive TLS settings',
    description:
      'Two TLS settings contradict each other, so the framework refuses to start or silently drops one.',
  },
  {
    id: 'SP014',
    severity: 'warning',
    title: 'Value ignored by the framework',
    description:
      'The framework does not recognise or ignores this value, so the effective behaviour differs from what was written.',
  },
  {
    id: 'SP015',
    severity: 'note',
    title: 'SMTP transcript logging on',
    description:
      'SMTP debug logging is switched on in committed configuration: message bodies and AUTH exchanges land in logs.',
  },
  {
    id: 'SP016',
    severity: 'note',
    title: 'Suppression without reason or effect',
    description:
      'An `smtp-preflight-ignore` comment gives no reason, suppresses nothing (stale), or names a rule the policy does not let you suppress inline.',
  },
  {
    id: 'LV001',
    severity: 'error',
    title: 'Server unreachable',
    description:
      'The live probe could not connect (refused, timed out, or the name does not resolve); it says which other submission ports are open from the runner.',
  },
  {
    id: 'LV002',
    severity: 'error',
    title: 'TLS not established',
    description:
      'STARTTLS is not offered, the server refuses it, or the TLS handshake fails: no credentials can be sent safely.',
  },
  {
    id: 'LV003',
    severity: 'error',
    title: 'TLS mode mismatch (live)',
    description:
      'The configured TLS mode does not match the port: implicit TLS to a STARTTLS port, or STARTTLS to an implicit-TLS port.',
  },
  {
    id: 'LV004',
    severity: 'error',
    title: 'Certificate not trusted',
    description:
      "The server's certificate does not verify: self-signed, an untrusted or incomplete chain, or issued to another host name.",
  },
  {
    id: 'LV005',
    severity: 'error',
    title: 'Certificate expired or expiring',
    description:
      "The server's certificate has expired (error) or expires within the warning window (warning).",
  },
  {
    id: 'LV006',
    severity: 'error',
    title: 'TLS below 1.2 negotiated',
    description:
      'The server negotiated TLS 1.0/1.1 or offers nothing newer, against RFC 8996 and RFC 8997.',
  },
  {
    id: 'LV007',
    severity: 'warning',
    title: 'AUTH offered before TLS',
    description:
      'The server advertises AUTH on a connection that is not encrypted yet, so clients that do not require TLS send passwords in clear text.',
  },
  {
    id: 'LV008',
    severity: 'error',
    title: 'Authentication failed',
    description:
      "The server rejected the probe's login: bad credentials, an unsupported mechanism, SMTP AUTH disabled by the provider, or encryption required.",
  },
  {
    id: 'LV009',
    severity: 'error',
    title: 'Test message rejected',
    description: "The server did not accept the probe's test message.",
  },
  {
    id: 'LV010',
    severity: 'error',
    title: 'Deliverability score too low',
    description:
      'The deliverability tester scored the test message below the minimum (warning when it gave no score).',
  },
  {
    id: 'LV011',
    severity: 'warning',
    title: 'Deliverability check failed',
    description:
      'A check of the deliverability tester failed: SPF, DKIM, DMARC, a blocklist listing, or SpamAssassin rules.',
  },
  {
    id: 'LV012',
    severity: 'error',
    title: 'Server misbehaved',
    description:
      'The server timed out, closed or reset the connection, or sent malformed or overlong replies during the SMTP exchange.',
  },
  {
    id: 'LV013',
    severity: 'note',
    title: 'Verification off but certificate valid',
    description:
      "The configuration turns certificate verification off although the server's certificate verifies: the setting can simply be removed.",
  },
  {
    id: 'LV014',
    severity: 'warning',
    title: 'Weak certificate key',
    description:
      "The server's certificate uses a weak key (RSA below 2048 bits, EC below 256 bits).",
  },
  {
    id: 'LV015',
    severity: 'warning',
    title: 'Credentials not tested',
    description:
      'The probe did not authenticate: the secret guard withheld the credentials, or TLS was not verified or below 1.2.',
  },
  {
    id: 'LV016',
    severity: 'warning',
    title: 'Certificate check bypassed',
    description:
      '`allow-invalid-cert` let the probe go on with a certificate that does not verify, and send credentials to an unverified server.',
  },
];

export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
