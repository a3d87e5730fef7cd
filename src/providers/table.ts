/**
 * Hosted SMTP providers (FACTS.md, Providers): which ports speak implicit TLS or STARTTLS, and
 * what each says about password authentication.
 */

export interface PasswordAuthNote {
  severity: 'warning' | 'note';
  text: string;
}

export interface Provider {
  id: string;
  name: string;
  hosts: RegExp;
  implicitTls: number[];
  startTls: number[];
  auth: string;
  /** Set when password (basic) SMTP AUTH is retired, retiring or discouraged. */
  passwordAuth?: PasswordAuthNote;
}

export const PROVIDERS: Provider[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    hosts: /^smtp\.(gmail|googlemail)\.com$/i,
    implicitTls: [465],
    startTls: [587],
    auth: 'an app password or XOAUTH2',
    passwordAuth: {
      severity: 'note',
      text: 'Google accepts only app passwords (with 2-Step Verification) or OAuth2 (XOAUTH2) for SMTP; regular account passwords stopped working in 2022 and OAuth2 is the durable choice',
    },
  },
  {
    id: 'google-relay',
    name: 'Google Workspace SMTP relay',
    hosts: /^smtp-relay\.gmail\.com$/i,
    implicitTls: [465],
    startTls: [587, 25],
    auth: 'an IP allowlist or SMTP AUTH',
  },
  {
    id: 'office365',
    name: 'Microsoft 365',
    hosts:
      /^(smtp\.office365\.com|smtp-mail\.office365\.com|outlook\.office365\.com|[\w-]+\.mail\.protection\.outlook\.com)$/i,
    implicitTls: [],
    startTls: [587, 25],
    auth: 'OAuth2 (basic SMTP AUTH is being retired)',
    passwordAuth: {
      severity: 'warning',
      text: 'Microsoft 365 turns basic SMTP AUTH off by default for existing tenants from the end of December 2026 (MC786329), with final removal to be announced; blocked logins answer "550 5.7.30". Move to OAuth2 (XOAUTH2) or a dedicated sending service',
    },
  },
  {
    id: 'outlook',
    name: 'Outlook.com',
    hosts: /^smtp-mail\.outlook\.com$|^smtp\.(live|hotmail|outlook)\.com$/i,
    implicitTls: [],
    startTls: [587],
    auth: 'OAuth2 only',
    passwordAuth: {
      severity: 'warning',
      text: 'Outlook.com accepts only OAuth2 for SMTP since 2024-09-16: password logins fail. Use OAuth2 (XOAUTH2)',
    },
  },
  {
    id: 'ses',
    name: 'Amazon SES',
    hosts: /^email-smtp(-fips)?\.[a-z0-9-]+\.amazonaws\.com$/i,
    implicitTls: [465, 2465],
    startTls: [25, 587, 2587],
    auth: 'SES SMTP credentials',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    hosts: /^smtp\.sendgrid\.(net|com)$/i,
    implicitTls: [465],
    startTls: [25, 587, 2525],
    auth: 'user "apikey" and an API key',
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    hosts: /^smtp\.(eu\.)?mailgun\.org$/i,
    implicitTls: [465],
    startTls: [25, 587, 2525],
    auth: 'per-domain SMTP credentials',
  },
  {
    id: 'postmark',
    name: 'Postmark',
    hosts: /^smtp(-broadcasts)?\.postmarkapp\.com$/i,
    implicitTls: [],
    startTls: [25, 587, 2525],
    auth: 'a server API token',
  },
  {
    id: 'mailjet',
    name: 'Mailjet',
    hosts: /^in(-v3)?\.mailjet\.com$/i,
    implicitTls: [465],
    startTls: [25, 587, 2525],
    auth: 'API key and secret',
  },
  {
    id: 'sparkpost',
    name: 'SparkPost',
    hosts: /^smtp(\.eu)?\.sparkpostmail\.com$/i,
    implicitTls: [],
    startTls: [587, 2525],
    auth: 'user "SMTP_Injection" and an API key',
  },
  {
    id: 'brevo',
    name: 'Brevo',
    hosts: /^smtp-relay\.(brevo|sendinblue)\.com$/i,
    implicitTls: [465],
    startTls: [587, 2525],
    auth: 'an SMTP key',
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    hosts: /^smtp(pro)?\.zoho\.(com|eu|in|com\.au|com\.cn|jp|sa|ca)$/i,
    implicitTls: [465],
    startTls: [587],
    auth: 'an application-specific password',
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    hosts: /^smtp\.fastmail\.com$/i,
    implicitTls: [465],
    startTls: [587],
    auth: 'an app password',
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    hosts: /^smtp\.mail\.me\.com$/i,
    implicitTls: [],
    startTls: [587],
    auth: 'an app-specific password',
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    hosts: /^smtp\.mail\.yahoo\.(com|co\.[a-z]+|[a-z]{2})$/i,
    implicitTls: [465],
    startTls: [587],
    auth: 'an app password',
  },
  {
    id: 'mailtrap-live',
    name: 'Mailtrap (sending)',
    hosts: /^(live|bulk)\.smtp\.mailtrap\.io$/i,
    implicitTls: [],
    startTls: [587],
    auth: 'user "api" and an API token',
  },
  {
    id: 'mailtrap-sandbox',
    name: 'Mailtrap (sandbox)',
    hosts: /^(sandbox\.)?smtp\.mailtrap\.io$/i,
    implicitTls: [465],
    startTls: [25, 587, 2525],
    auth: 'per-inbox credentials',
  },
  {
    id: 'resend',
    name: 'Resend',
    hosts: /^smtp\.resend\.com$/i,
    implicitTls: [465, 2465],
    startTls: [25, 587, 2587],
    auth: 'user "resend" and an API key',
  },
  {
    id: 'elasticemail',
    name: 'Elastic Email',
    hosts: /^smtp\.elasticemail\.com$/i,
    implicitTls: [465],
    startTls: [25, 587, 2525],
    auth: 'an SMTP API key',
  },
];

/**
 * The provider a host belongs to, if it is a known one. `extra` (the policy's `providers`) is
 * searched first, so a team's entry can replace a built-in one.
 */
export function providerFor(
  host: string | undefined,
  extra: readonly Provider[] = [],
): Provider | undefined {
  if (!host) return undefined;
  const h = host.trim().replace(/\.$/, '');
  return extra.find((p) => p.hosts.test(h)) ?? PROVIDERS.find((p) => p.hosts.test(h));
}

export function providerById(
  id: string | undefined,
  extra: readonly Provider[] = [],
): Provider | undefined {
  if (!id) return undefined;
  return extra.find((p) => p.id === id) ?? PROVIDERS.find((p) => p.id === id);
}
