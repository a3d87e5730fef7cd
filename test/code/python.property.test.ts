/**
 * Property tests for the Python reader (DESIGN.md §7 level 2): arbitrary text, Python-ish token
 * soup and mutated realistic fixtures never make it throw (not even internally: no diagnostics),
 * and every location it reports lies inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPython } from '../../src/extract/code/python.js';
import { tokenizePython } from '../../src/extract/code/python-tokens.js';
import { extract } from '../../src/extract/index.js';
import type { Location } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { locations } from '../extract/helpers.js';

const FIXTURES = [
  `import os
import environ
from decouple import config

env = environ.Env(EMAIL_USE_SSL=(bool, False))
EMAIL_BACKEND = os.getenv('EMAIL_BACKEND', 'django.core.mail.backends.smtp.EmailBackend')
if DEBUG:
    EMAIL_HOST = "localhost"
else:
    EMAIL_HOST = config("EMAIL_HOST", default="smtp.sendgrid.net")
EMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))
EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS')
EMAIL_USE_SSL = env('EMAIL_USE_SSL')
EMAIL_HOST_USER = os.environ['EMAIL_HOST_USER']; EMAIL_HOST_PASSWORD = 'Zq9-wX7v-Lk2p'
EMAIL_CONFIG = env.email_url('EMAIL_URL', default='smtp+ssl://u:p4ss@smtp.example.com:465')
`,
  `import smtplib, ssl
from smtplib import SMTP_SSL as S

smtp_server = "smtp.gmail.com"
port = 587  # For starttls
password = "open_sesame_2024x"
context = ssl.create_default_context()
context.check_hostname = False
try:
    server = smtplib.SMTP(smtp_server, port)
    server.set_debuglevel(1)
    if server.has_extn('starttls'):
        server.starttls(context=context)
    server.login("me@gmail.com", password)
finally:
    server.quit()
with S("smtp.gmail.com", 465, context=ssl._create_unverified_context()) as s, open(f) as g:
    s.login(u, p)
`,
  `import ssl
from django.core.mail.backends.smtp import EmailBackend

class UnverifiedEmailBackend(EmailBackend):
    @cached_property
    def ssl_context(self):
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx

EMAIL_BACKEND = 'app.settings.UnverifiedEmailBackend'
EMAIL_HOST = r'''smtp.example.com'''
EMAIL_PORT = 0x24B
EMAIL_USE_TLS = os.getenv('EMAIL_USE_TLS', 'False').lower() in ('true', '1') \\
    or False
x = lambda a: {k: v for k, v in a.items()}
`,
];

const PY_NOISE = fc.constantFrom(
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '"""',
  "'''",
  'f"{',
  'rb"',
  '#',
  '\\',
  '\\\n',
  ':',
  '=',
  '==',
  ':=',
  ',',
  ';',
  '.',
  '\n',
  '\n    ',
  '\t',
  'if x:',
  'else:',
  'def f():\n',
  'class C(EmailBackend):\n',
  'lambda',
  'not ',
  ' in ',
  ' or ',
  'EMAIL_HOST = ',
  'EMAIL_USE_TLS = ',
  "os.environ['",
  "os.getenv('X', ",
  'smtplib.SMTP(',
  'SMTP_SSL(',
  '.starttls(',
  'context=',
  '.login(',
  'env.email_url(',
  '😀',
  '\r\n',
  '\r',
  ' ',
);

type Mutation = { at: number; del: number; ins: string };

const mutation = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 12 }),
  ins: fc.oneof(fc.string({ maxLength: 6 }), PY_NOISE),
});

function mutate(text: string, ms: Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    s = s.slice(0, at) + m.ins + s.slice(at + m.del);
  }
  return s;
}

function expectInside(text: string, locs: Location[]): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const l of locs) {
    expect(l.line).toBeGreaterThanOrEqual(1);
    expect(l.line).toBeLessThanOrEqual(lines.length);
    if (l.column !== undefined) {
      expect(l.column).toBeGreaterThanOrEqual(1);
      expect(l.column).toBeLessThanOrEqual(lines[l.line - 1].length + 1);
    }
  }
}

function check(path: string, text: string): void {
  const r = readPython(path, text);
  expect(r.diagnostics).toEqual([]);
  const x = extract(path, text);
  expect(x.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  expectInside(text, locations(x));
  expectInside(
    text,
    evaluate(x.endpoints, x.looseSecrets).map((f) => f.at),
  );
}

describe('Python reader properties', () => {
  it('arbitrary text never throws, every location inside the file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (s) => {
        check('settings.py', `EMAIL_HOST = ${s}`);
      }),
      { numRuns: 300 },
    );
  });

  it('Python-ish noise never throws and the tokenizer always ends', () => {
    fc.assert(
      fc.property(fc.array(PY_NOISE, { maxLength: 80 }), (parts) => {
        const s = parts.join('');
        expect(() => tokenizePython(s)).not.toThrow();
        check('mail.py', `import smtplib\n${s}`);
      }),
      { numRuns: 400 },
    );
  });

  it('mutated fixtures never throw, every location inside the file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (fixture, ms) => {
          check('app/settings.py', mutate(fixture, ms));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('token positions match the text: every token starts where its line and column say', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(mutation, { maxLength: 4 }),
        (fixture, ms) => {
          const s = mutate(fixture, ms);
          const lines = s.split(/\r\n|\r|\n/);
          for (const line of tokenizePython(s).lines)
            for (const t of line.tokens) {
              const physical = lines[t.line - 1];
              expect(physical).toBeDefined();
              expect(physical.slice(t.col - 1).startsWith(t.text.split(/\r\n|\r|\n/)[0])).toBe(
                true,
              );
            }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the unmutated fixtures give endpoints', () => {
    for (const f of FIXTURES) expect(readPython('f.py', f).drafts.length).toBeGreaterThan(0);
  });

  it('large inputs stay fast (no quadratic blow-up, no stack overflow)', () => {
    const deep = `EMAIL_HOST = ${'('.repeat(5000)}'x'${')'.repeat(5000)}\n`;
    const nots = `EMAIL_USE_TLS = ${'not '.repeat(5000)}True\n`;
    const unclosed = `EMAIL_PORT = ${'['.repeat(20000)}\n`;
    const many = FIXTURES[1].repeat(150);
    const t0 = Date.now();
    for (const s of [deep, nots, unclosed, many]) check('big.py', s);
    expect(Date.now() - t0).toBeLessThan(8000);
  });
});
