/**
 * Properties of the JavaScript/TypeScript reader: it never throws, and every endpoint and finding
 * location lies inside the file (1..lineCount, lines counted as the rest of the tool counts
 * them), for arbitrary text and for realistic fixtures mutated at random (characters and lines
 * deleted, duplicated or inserted, token soup spliced in).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJavaScript } from '../../src/extract/code/javascript.js';
import { extract } from '../../src/extract/index.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { locations } from '../extract/helpers.js';

const NAMES = ['a.js', 'b.mjs', 'c.cjs', 'd.jsx', 'e.ts', 'f.mts', 'g.cts', 'h.tsx'];

const FIXTURES = [
  [
    "const nodemailer = require('nodemailer');",
    'module.exports = nodemailer.createTransport({',
    '  host: process.env.SMTP_HOST,',
    '  port: 587,',
    '  secure: false,',
    '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },',
    '  tls: { rejectUnauthorized: false },',
    '});',
  ].join('\n'),
  [
    "import nodemailer, { type Transporter } from 'nodemailer';",
    "import type SMTPTransport from 'nodemailer/lib/smtp-transport';",
    "const { SMTP_HOST = 'smtp.example.com', SMTP_PORT = '465' } = process.env;",
    'const base: SMTPTransport.Options = { host: SMTP_HOST!, port: Number(SMTP_PORT) };',
    'export const t: Transporter = nodemailer.createTransport({',
    '  ...base,',
    '  secure: process.env.SMTP_SECURE,',
    "  requireTLS: (process.env.REQUIRE_TLS ?? 'true') === 'true',",
    "  tls: { minVersion: 'TLSv1', ciphers: 'SSLv3' },",
    '  logger: true, debug: process.env.DEBUG,',
    "  auth: { type: 'OAuth2', user: 'me@gmail.com', refreshToken: process.env.RT },",
    '});',
  ].join('\n'),
  [
    "import { createTransport } from 'nodemailer';",
    'export const Mail = () => <div className="x">{`hi ${name}`}</div>;',
    'const url = `smtps://${process.env.U}:${process.env.P}@smtp.example.com:465?requireTLS=true`;',
    'const a = createTransport(url);',
    "const b = createTransport('smtp://user:Zx8vQ2mN5pL9wR3t@smtp.example.com:587');",
    "const c = createTransport(smtpTransport({ service: 'gmail', auth: { user: 'a', pass: 'qwzr kpvt mbxn hlsd' } }));",
    "// const d = createTransport({ host: 'smtp.old.example.com', pass: 'Wq7#kP2vL9xZm4Rt' });",
  ].join('\r\n'),
  [
    "import { MailerModule } from '@nestjs-modules/mailer';",
    '@Module({ imports: [MailerModule.forRoot({ transport: {',
    "  host: 'mail.example.com', port: 25, ignoreTLS: true,",
    '  auth: { user: process.env.MAIL_USER, pass: process.env.MAIL_PASS } } })] })',
    'export class AppModule {}',
    'const config = { mail: { smtp: { host: "smtp.gmail.com", port: 465, secure: false, auth: { user: "u" } } } };',
    "var old = nodemailer.createTransport('SMTP', { service: 'Gmail', auth: { user: 'a', pass: process.env.P } });",
  ].join('\n'),
];

const SOUP = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  "'",
  '"',
  '`',
  '${',
  '/*',
  '*/',
  '//',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  ',',
  ';',
  '...',
  '<div>',
  '</div>',
  'as const',
  'process.env.X',
  "process.env['SMTP_SECURE']",
  '|| 587',
  "?? 'true'",
  "=== 'true'",
  'createTransport(',
  'nodemailer.createTransport({',
  'host: ',
  'port: 465,',
  'secure: ',
  'service: "gmail",',
  'auth: {',
  'tls: { rejectUnauthorized: false }',
  'const x = ',
  '@Dec()',
  '#!/usr/bin/env node\n',
  '\u0000',
  '\uFEFF',
];

type Op =
  | { kind: 'delChars'; at: number; len: number }
  | { kind: 'insChars'; at: number; text: string }
  | { kind: 'delLine'; at: number }
  | { kind: 'dupLine'; at: number }
  | { kind: 'insLine'; at: number; text: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('delChars' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('insChars' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...SOUP), fc.string({ maxLength: 6 })),
  }),
  fc.record({ kind: fc.constant('delLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insLine' as const),
    at: fc.nat(),
    text: fc.array(fc.constantFrom(...SOUP), { maxLength: 6 }).map((xs) => xs.join(' ')),
  }),
);

function mutate(text: string, ops: Op[]): string {
  let s = text;
  for (const o of ops) {
    if (o.kind === 'delChars') {
      const at = s.length ? o.at % s.length : 0;
      s = s.slice(0, at) + s.slice(at + o.len);
    } else if (o.kind === 'insChars') {
      const at = o.at % (s.length + 1);
      s = s.slice(0, at) + o.text + s.slice(at);
    } else {
      const lines = s.split('\n');
      const at = o.at % lines.length;
      if (o.kind === 'delLine') lines.splice(at, 1);
      else if (o.kind === 'dupLine') lines.splice(at, 0, lines[at]);
      else lines.splice(at, 0, o.text);
      s = lines.join('\n');
    }
  }
  return s;
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Run the reader through extract and evaluate; assert the invariants. */
function check(name: string, text: string): void {
  const direct = readJavaScript(name, text);
  expect(Array.isArray(direct.drafts)).toBe(true);
  for (const d of direct.diagnostics) expect(typeof d).toBe('string');
  const x = extract(name, text);
  const n = lineCount(text);
  for (const l of locations(x)) {
    expect(l.file).toBe(name);
    expect(Number.isInteger(l.line)).toBe(true);
    expect(l.line).toBeGreaterThanOrEqual(1);
    expect(l.line).toBeLessThanOrEqual(n);
    if (l.column !== undefined) expect(l.column).toBeGreaterThanOrEqual(1);
  }
  for (const f of evaluate(x.endpoints, x.looseSecrets)) {
    expect(f.at.line).toBeGreaterThanOrEqual(1);
    expect(f.at.line).toBeLessThanOrEqual(n);
    for (const r of f.related ?? []) expect(r.line).toBeLessThanOrEqual(n);
  }
  expect(x.diagnostics.every((d) => d.level !== 'error')).toBe(true);
}

describe('javascript reader properties', () => {
  it('the fixtures themselves yield endpoints', () => {
    for (const [i, f] of FIXTURES.entries()) {
      const x = extract(i === 2 ? 'x.tsx' : i === 1 || i === 3 ? 'x.ts' : 'x.js', f);
      expect(x.endpoints.length).toBeGreaterThan(0);
      check(i === 2 ? 'x.tsx' : 'x.ts', f);
    }
  });

  it('arbitrary text never throws and stays in bounds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.array(fc.constantFrom(...SOUP), { maxLength: 60 }).map((xs) => xs.join('')),
        ),
        (name, body) => check(name, `import nodemailer from 'nodemailer';\n${body}`),
      ),
      { numRuns: 300 },
    );
  });

  it('mutated fixtures never throw and stay in bounds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom(...FIXTURES),
        fc.array(op, { minLength: 1, maxLength: 8 }),
        (name, fixture, ops) => check(name, mutate(fixture, ops)),
      ),
      { numRuns: 400 },
    );
  });

  it('deep nesting and long files are bounded', () => {
    const deep = `import nodemailer from 'nodemailer';\nconst x = ${'('.repeat(5000)}1${')'.repeat(5000)};\nnodemailer.createTransport({ host: 'smtp.example.com', port: 465 });\n`;
    check('deep.js', deep);
    const unclosed = `import nodemailer from 'nodemailer';\n${'{'.repeat(3000)}\nnodemailer.createTransport({ host: 'a.example.com', port: 465 });\n`;
    check('unclosed.ts', unclosed);
    const many = `const nodemailer = require('nodemailer');\n${'var x = 1;\n'.repeat(20_000)}nodemailer.createTransport({ host: 'smtp.example.com', port: 465 });\n`;
    const started = Date.now();
    check('many.js', many);
    const broken = `const nodemailer = require('nodemailer');\n${'const x = ;\n'.repeat(2_000)}nodemailer.createTransport({ host: 'smtp.example.com', port: 465 });\n`;
    check('broken.js', broken);
    const doubling = [
      "const nodemailer = require('nodemailer');",
      "const a0 = process.env.H + '.x';",
    ];
    for (let i = 1; i < 40; i++) doubling.push(`const a${i} = a${i - 1} + a${i - 1};`);
    doubling.push('const s1 = { ...s2, host: a39 }; const s2 = { ...s1, port: 1 };');
    doubling.push('nodemailer.createTransport({ host: a39, ...s1, auth: { user: a39 } });');
    check('doubling.js', doubling.join('\n'));
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
