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
];

export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
