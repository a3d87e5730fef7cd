/** A small hand-built Report for the renderer tests: 2 endpoints, 3 findings, 1 diagnostic. */
import type { Endpoint, Finding, ProductKnobs, Report } from '../../src/model.js';

const knobs: ProductKnobs = {
  requireStartTls: 'set `requireTLS: true`',
  implicitTls: 'set `secure: true` and port 465',
  verifyOn: 'remove `rejectUnauthorized: false`',
  port: 'set `port`',
  secretRef: 'read the password from `process.env`',
};

export const laravel: Endpoint = {
  id: '.env:1',
  ecosystem: 'laravel',
  product: 'Laravel (MAIL_*)',
  at: { file: '.env', line: 1 },
  active: true,
  host: {
    value: 'smtp.example.com',
    raw: 'smtp.example.com',
    at: { file: '.env', line: 1 },
    origin: 'literal',
    key: 'MAIL_HOST',
  },
  port: {
    value: 25,
    raw: '25',
    at: { file: '.env', line: 2 },
    origin: 'literal',
    key: 'MAIL_PORT',
  },
  security: {
    value: 'plain',
    raw: 'Laravel default',
    at: { file: '.env', line: 1 },
    origin: 'derived',
  },
  user: {
    value: 'app',
    raw: 'app',
    at: { file: '.env', line: 3 },
    origin: 'literal',
    key: 'MAIL_USERNAME',
  },
  authIntended: true,
  knobs,
  conflicts: [],
  ignored: [],
  weakTls: [],
};

export const nodemailer: Endpoint = {
  id: 'config/mailer.js:4',
  ecosystem: 'nodemailer',
  product: 'Nodemailer',
  at: { file: 'config/mailer.js', line: 4 },
  active: true,
  host: {
    raw: 'process.env.SMTP_HOST',
    at: { file: 'config/mailer.js', line: 4 },
    origin: 'env',
    key: 'host',
  },
  port: {
    value: 587,
    raw: 'process.env.SMTP_PORT || 587',
    at: { file: 'config/mailer.js', line: 5 },
    origin: 'default',
    key: 'port',
  },
  security: {
    value: 'starttls-opportunistic',
    raw: 'nodemailer default',
    at: { file: 'config/mailer.js', line: 5 },
    origin: 'derived',
  },
  authIntended: false,
  knobs,
  conflicts: [],
  ignored: [],
  weakTls: [],
};

export const sp001: Finding = {
  ruleId: 'SP001',
  severity: 'error',
  message:
    'Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.',
  fix: 'Set `MAIL_PORT=587` and `MAIL_ENCRYPTION=tls`.',
  at: { file: '.env', line: 2, column: 11 },
  endpointId: '.env:1',
  helpUri: 'https://example.test/rules/SP001',
};

export const sp003: Finding = {
  ruleId: 'SP003',
  severity: 'warning',
  message: 'STARTTLS is only opportunistic on port 587: a man in the middle can strip it.',
  fix: 'Set `requireTLS: true`.',
  at: { file: 'config/mailer.js', line: 5 },
  endpointId: 'config/mailer.js:4',
  helpUri: 'https://example.test/rules/SP003',
};

export const sp012: Finding = {
  ruleId: 'SP012',
  severity: 'note',
  message: 'The host comes from `SMTP_HOST` | unknown *here*.',
  fix: 'Add a policy `assume`, or run the live probe.',
  at: { file: 'config/mailer.js', line: 4, endLine: 6 },
  endpointId: 'config/mailer.js:4',
  helpUri: 'https://example.test/rules/SP012',
};

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    tool: { name: 'smtp-preflight', version: '9.9.9' },
    root: '/repo',
    endpoints: [laravel, nodemailer],
    findings: [sp012, sp003, sp001],
    suppressed: [],
    probes: [],
    diagnostics: [
      { level: 'warning', file: 'big/dump.sql', message: 'skipped: larger than 1048576 bytes' },
    ],
    stats: { filesListed: 12, filesRead: 11, filesSkipped: 1, durationMs: 5 },
    ...overrides,
  };
}

export function emptyReport(): Report {
  return makeReport({ endpoints: [], findings: [], diagnostics: [] });
}
