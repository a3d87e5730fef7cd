/**
 * Property tests for the Go reader (DESIGN.md §7 level 2): arbitrary text, Go-ish token soup and
 * mutated realistic fixtures never make it throw (not even internally: no diagnostics), and every
 * location it reports lies inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGo } from '../../src/extract/code/go.js';
import { tokenizeGo } from '../../src/extract/code/go-tokens.js';
import { extract } from '../../src/extract/index.js';
import type { Location } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { locations } from '../extract/helpers.js';

const FIXTURES = [
  `package boot

import (
	"crypto/tls"
	"go-project-initial/configs"
	"gopkg.in/gomail.v2"
)

var MailDialer *gomail.Dialer

func init() {
	if MailDialer == nil {
		MailDialer = gomail.NewDialer(configs.Conf.Mail.Host, configs.Conf.Mail.Port, configs.Conf.Mail.Username, configs.Conf.Mail.Password)
		MailDialer.TLSConfig = &tls.Config{
			InsecureSkipVerify: true,
		}
	}
}
`,
  `package mailer

import (
	"crypto/tls"
	"fmt"
	"net/smtp"
	"os"
	mail "gopkg.in/mail.v2"
)

const (
	host = "smtp.example.com"
	port = 587
)

var d = &mail.Dialer{Host: host, Port: port, Username: "u", Password: os.Getenv("P"),
	TLSConfig: &tls.Config{InsecureSkipVerify: os.Getenv("SKIP") == "1", MinVersion: tls.VersionTLS11}}

func send(to []string, body []byte) error {
	d.StartTLSPolicy = mail.MandatoryStartTLS
	auth := smtp.PlainAuth("", "me@example.com", "Zq9-wX7v-Lk2p", host)
	if err := smtp.SendMail(fmt.Sprintf("%s:%d", host, port), auth, "me@example.com", to, body); err != nil {
		return err
	}
	c, err := smtp.Dial(host + ":25")
	if err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		_ = c.StartTLS(&tls.Config{ServerName: host})
	} else if x := 'r'; x != 0 {
		return nil
	}
	go func() { _ = smtp.SendMail(\`relay.local:25\`, nil, "a", nil, nil) }()
	return c.Auth(auth)
}
`,
];

const GO_NOISE = fc.constantFrom(
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  '//',
  '/*',
  '*/',
  ':',
  ':=',
  '=',
  ',',
  ';',
  '.',
  '&',
  '*',
  '...',
  '\n',
  '\t',
  'if x ',
  'else ',
  'func() ',
  'var ',
  'const (',
  'import "os"\n',
  'gomail.NewDialer(',
  'mail.Dialer{',
  'smtp.SendMail(',
  'smtp.Dial(',
  'tls.Dial("tcp", ',
  '&tls.Config{',
  'InsecureSkipVerify: true',
  '.StartTLS(',
  'os.Getenv("X")',
  '465',
  '😀',
  '\r\n',
  '\r',
  ' ',
);

type Mutation = { at: number; del: number; ins: string };

const mutation = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 12 }),
  ins: fc.oneof(fc.string({ maxLength: 6 }), GO_NOISE),
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
  const r = readGo(path, text);
  expect(r.diagnostics).toEqual([]);
  const x = extract(path, text);
  expect(x.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  expectInside(text, locations(x));
  expectInside(
    text,
    evaluate(x.endpoints, x.looseSecrets).map((f) => f.at),
  );
}

describe('Go reader properties', () => {
  it('arbitrary text never throws, every location inside the file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (s) => {
        check('mail.go', `package m\nvar d = gomail.NewDialer(${s}`);
      }),
      { numRuns: 300 },
    );
  });

  it('Go-ish noise never throws and the tokenizer always ends', () => {
    fc.assert(
      fc.property(fc.array(GO_NOISE, { maxLength: 80 }), (parts) => {
        const s = parts.join('');
        expect(() => tokenizeGo(s)).not.toThrow();
        check('mail.go', `package m\n${s}`);
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
          check('internal/mail/mail.go', mutate(fixture, ms));
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
          for (const t of tokenizeGo(s)) {
            if (t.type === 'semi' && t.auto) continue;
            const physical = lines[t.line - 1];
            expect(physical).toBeDefined();
            expect(physical.slice(t.col - 1).startsWith(t.text.split(/\r\n|\r|\n/)[0])).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the unmutated fixtures give endpoints', () => {
    for (const f of FIXTURES) expect(readGo('f.go', f).drafts.length).toBeGreaterThan(0);
  });

  it('large inputs stay fast (no quadratic blow-up, no stack overflow)', () => {
    const deep = `package m\nvar d = gomail.NewDialer(${'('.repeat(5000)}"x"${')'.repeat(5000)}, 465, "", "")\n`;
    const unary = `package m\nvar d = gomail.NewDialer(${'!'.repeat(5000)}x, 465, "", "")\n`;
    const unclosed = `package m\nfunc f() { smtp.SendMail(${'{['.repeat(10000)}\n`;
    const many = FIXTURES[1].repeat(150);
    const t0 = Date.now();
    for (const s of [deep, unary, unclosed, many]) check('big.go', s);
    expect(Date.now() - t0).toBeLessThan(8000);
  });
});
