/**
 * `extract` is pure and never throws (src/extract/index.ts), and every location it reports lies
 * inside the file (DESIGN.md §7 step 2): garbage, token soup built from mail keys, hostile texts
 * and truncated realistic fixtures, for every file name that selects a reader.
 */
import { describe, expect, it } from 'vitest';
import { extract, formatOf } from '../../src/extract/index.js';
import type { Extraction } from '../../src/model.js';
import { locations } from './helpers.js';

const NAMES = [
  '.env',
  '.env.production.sample',
  'env.template',
  'Dockerfile',
  'Dockerfile.dev',
  'docker-compose.yml',
  'values.yaml.tpl',
  'containers/app.yml',
  '.github/workflows/mail.yml',
  'application.yml',
  'config.production.json',
  'appsettings.Development.json',
  'realm-export.json',
  'application.properties',
  'mail.properties',
  'grafana.ini',
  'app.ini',
];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bytes(seed: number, n: number): string {
  const r = prng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(r() * 256));
  return s;
}

const TOKENS = [
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_SERVER',
  'SMTP_SECURITY',
  'MAIL_HOST',
  'MAIL_PORT',
  'MAIL_MAILER',
  'MAIL_ENCRYPTION',
  'MAILER_DSN',
  'MAIL_URL',
  'EMAIL_USE_TLS',
  'EMAIL_HOST',
  'GF_SMTP_HOST',
  'GITEA__mailer__SMTP_ADDR',
  'DISCOURSE_SMTP_ADDRESS',
  'mail__options__host',
  'X_MAILER_PROTOCOL',
  'SMTP_PASSWORD',
  'PASSWD',
  'password',
  'host',
  'port',
  'secure',
  'smarthost',
  'require_tls',
  'smtpServer',
  'spring',
  'mail',
  'smtp',
  'starttls',
  'enable',
  'ssl',
  'trust',
  'protocol',
  'service',
  'Gmail',
  'EnableSsl',
  'SecureSocketOptions',
  'connection_url',
  'server_address',
  'with',
  'env',
  'environment',
  'stringData',
  'data',
  'valueFrom',
  'secretKeyRef',
  'name',
  'value',
  'startTLS_policy',
  'grafana.ini',
  '[smtp]',
  '[mailer]',
  'PROTOCOL',
  'ENV',
  'ARG',
  '=',
  ':',
  ': ',
  ' = ',
  '.',
  '"',
  "'",
  '`',
  '"""',
  '{',
  '}',
  '[',
  ']',
  ',',
  '- ',
  '#',
  ';',
  '\\',
  '${',
  '${X:-',
  '}',
  '{{',
  '}}',
  '%env(',
  ')%',
  '$__env{',
  'smtp://',
  'smtps://',
  'smtp+starttls://',
  'user:pw@',
  'h.example.com',
  ':465',
  ':587',
  '?verify_peer=0',
  '&',
  '465',
  '587',
  '25',
  '2525',
  'true',
  'false',
  'null',
  '~',
  '*',
  '&a',
  '*a',
  '<<:',
  '\n',
  '\n',
  '\n',
  '\n  ',
  '\n    ',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '  ',
  '\u0000',
  '\ufeff',
  '\u2028',
  'é',
  '😀',
];

function soup(seed: number, n: number): string {
  const r = prng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += TOKENS[Math.floor(r() * TOKENS.length)];
  return s;
}

const HOSTILE: string[] = [
  '',
  '\n',
  '\n\n\n',
  '\r\n\r\n',
  '\r',
  '\ufeff',
  '\u0000\u0000',
  'x'.repeat(200_000),
  'SMTP_HOST=' + 'a'.repeat(100_000),
  '[smtp]\nhost = """unterminated\npassword = x',
  'MAIL_HOST="unterminated\nMAIL_PORT=587',
  'spring:\n  mail:\n    host: {{ .Values.host }}\n    port: {{ .Values.port }}\n',
  '{"smtpServer": {"host": "a", "port": ',
  '{"mail": {"options": {"service": 42, "port": "465x"}}}',
  'SMTP_HOST=${\nSMTP_PORT=${X:-}\nSMTP_SECURITY=${X:?}\n',
  'MAILER_DSN=smtp://\nMAILER_DSN=smtp://:@:?\nMAILER_DSN=smtp://[::1\nMAIL_URL=smtps://%zz:%@h:99999',
  'GF_SMTP_HOST=:\nGF_SMTP_HOST=[::1]:465\n',
  'a: &a [1,2]\nb: *a\nc: *zz\nd: &d {x: *d}\n',
  ['a:'].concat(Array.from({ length: 400 }, (_, i) => ' '.repeat(i + 2) + 'b:')).join('\n'),
  '['.repeat(5000) + ']'.repeat(5000),
  '{'.repeat(5000),
  'ENV ' + 'A=1 \\\n'.repeat(2000),
  'mail.smtp.host=\\\n\\\n\\\n',
  'env:\n  - name: SMTP_HOST\n    valueFrom:\n  - name: SMTP_PORT\n    value:\n  - 42\n  - SMTP_USER=\n',
];

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function check(name: string, text: string): void {
  let x: Extraction | undefined;
  expect(() => {
    x = extract(name, text);
  }).not.toThrow();
  expect(Array.isArray(x!.endpoints)).toBe(true);
  expect(Array.isArray(x!.looseSecrets)).toBe(true);
  expect(Array.isArray(x!.diagnostics)).toBe(true);
  // extract() catches a reader's exception and reports it; a reader that throws is still a bug.
  expect(x!.diagnostics.filter((d) => d.level === 'error').map((d) => d.message)).toEqual([]);
  const max = lineCount(text);
  for (const loc of locations(x!)) {
    expect(loc.file).toBe(name);
    expect(Number.isInteger(loc.line), `non-integer line in ${name}`).toBe(true);
    expect(loc.line, `line ${loc.line} outside 1..${max} in ${name}`).toBeGreaterThanOrEqual(1);
    expect(loc.line, `line ${loc.line} outside 1..${max} in ${name}`).toBeLessThanOrEqual(max);
  }
  const ids = x!.endpoints.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  // The extraction is JSON-serialisable (it is the report's --format json).
  expect(() => JSON.stringify(x)).not.toThrow();
}

/** Realistic fixtures, truncated at every line: half-written files must not break the readers. */
const REAL: Record<string, string> = {
  '.env':
    'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=587\nMAIL_PASSWORD=Kx8vQ2mLp9Tz\nMAILER_DSN=smtp://u:p@h.example.com?verify_peer=0\n',
  Dockerfile:
    'FROM x\nENV SMTP_SERVER=smtp.mailgun.org \\\n    SMTP_PORT=587 \\\n    SMTP_LOGIN=\n# ENV SMTP_PASSWORD=Rk5pW8zLq2Nv7Tx\n',
  'docker-compose.yml':
    'services:\n  a:\n    environment:\n      - GITEA__mailer__SMTP_ADDR=${H:-smtp.example.com}\n      - GITEA__mailer__SMTP_PORT=2525\n  b:\n    environment:\n      SMTP_HOST: x\n      SMTP_SECURITY: force_tls\n',
  'application.yml':
    'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 465\n    properties:\n      "[mail.smtp.ssl.enable]": true\n      mail:\n        smtp:\n          ssl:\n            trust: "*"\n',
  'config.production.json':
    '{\n  "mail": {\n    "options": {\n      "service": "Gmail",\n      "auth": { "user": "a", "pass": "b" }\n    }\n  },\n  "smtpServer": { "host": "h", "ssl": "true" }\n}\n',
  'grafana.ini':
    '[smtp]\nenabled = true\nhost = smtp.gmail.com:587\n;password = tqzv mkwp hbnr xfjd\npassword = """a;b#c"""\nstartTLS_policy = Mandatory\n[mailer]\nSMTP_ADDR = x\nSMTP_PORT = 2525\n',
  '.github/workflows/mail.yml':
    'jobs:\n  a:\n    steps:\n      - uses: dawidd6/action-send-mail@v3\n        with:\n          connection_url: smtp+starttls://u:p@h:587\n          ignore_cert: true\n',
  'mail.properties':
    'mail.transport.protocol=smtps\nmail.smtps.host=smtp.qq.com\nmail.smtp.socketFactory.class=javax.net.ssl.SSLSocketFactory\nmail.smtps.ssl.trust=*\n',
};

describe('extract robustness', () => {
  it('every name used here selects a reader', () => {
    for (const n of [...NAMES, ...Object.keys(REAL)]) expect(formatOf(n), n).not.toBeNull();
  });

  it.each(NAMES)('%s: random bytes never throw and stay inside the file', (name) => {
    for (let seed = 1; seed <= 30; seed++) check(name, bytes(seed * 7919, 50 + seed * 40));
  });

  it.each(NAMES)('%s: mail-key token soup never throws and stays inside the file', (name) => {
    for (let seed = 1; seed <= 60; seed++) check(name, soup(seed * 104729, 20 + seed * 6));
  });

  it.each(NAMES)('%s: hostile texts never throw and stay inside the file', (name) => {
    for (const t of HOSTILE) check(name, t);
  });

  it.each(Object.keys(REAL))(
    '%s: a realistic fixture truncated at every line and every 7th character',
    (name) => {
      const t = REAL[name];
      const lines = t.split('\n');
      for (let i = 0; i <= lines.length; i++) check(name, lines.slice(0, i).join('\n'));
      for (let c = 0; c <= t.length; c += 7) check(name, t.slice(0, c));
      // The same text with CRLF line ends and with lone CRs.
      check(name, t.replace(/\n/g, '\r\n'));
      check(name, t.replace(/\n/g, '\r'));
    },
  );

  it('a name no reader handles gives an empty extraction', () => {
    expect(extract('main.go', 'SMTP_HOST=smtp.example.com\n')).toEqual({
      endpoints: [],
      looseSecrets: [],
      diagnostics: [],
    });
  });
});

describe('minified lines in code files', () => {
  const config =
    "const nodemailer = require('nodemailer');\n" +
    "const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 25 });\n";
  for (const [file, long] of [
    ['src/mail.js', `var a=${'[1,'.repeat(300_000)}0];`],
    ['app/mail.php', `<?php $a = array(${'1,'.repeat(500_000)}0);`],
    ['mail.go', `var a = []int{${'1,'.repeat(500_000)}0}`],
  ] as const) {
    it(`${file}: a megabyte-long line is left out with a note, the other lines are read`, () => {
      const text = file.endsWith('.js') ? `${config}${long}\n` : `${long}\n${config}`;
      const x = extract(file, text);
      const longLine = file.endsWith('.js') ? 3 : 1;
      expect(x.diagnostics).toContainEqual({
        level: 'info',
        file,
        message: `line ${longLine} over 20,000 characters (minified or generated code) not read`,
      });
      if (file.endsWith('.js')) {
        expect(x.endpoints.map((e) => [e.host?.value, e.port?.value, e.port?.at.line])).toEqual([
          ['smtp.example.com', 25, 2],
        ]);
      }
    });
  }
});
