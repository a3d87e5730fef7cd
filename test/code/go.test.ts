/**
 * The Go reader (src/extract/code/go.ts): gomail / go-mail dialers and net/smtp, with the
 * SEMANTICS.md §8 traps. Each fixture is a small realistic file; each test asserts the exact
 * endpoint (values, origins, anchor lines) and the findings `evaluate` makes of it.
 */
import { describe, expect, it } from 'vitest';
import { tokenizeGo } from '../../src/extract/code/go-tokens.js';
import { readGo } from '../../src/extract/code/go.js';
import type { Extraction } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { expectHidden, only, run, summary, text } from '../extract/helpers.js';

function findings(x: Extraction): string[] {
  return evaluate(x.endpoints, x.looseSecrets).map((f) => `${f.ruleId}@${f.at.line}:${f.severity}`);
}

function finding(x: Extraction, rule: string) {
  const f = evaluate(x.endpoints, x.looseSecrets).find((g) => g.ruleId === rule);
  expect(f, rule).toBeDefined();
  return f!;
}

const HEADER = [
  'package mailer', // 1
  '', // 2
  'import (', // 3
  '\t"crypto/tls"', // 4
  '\t"fmt"', // 5
  '\t"net"', // 6
  '\t"net/smtp"', // 7
  '\t"os"', // 8
  '\t"strconv"', // 9
  '', // 10
  '\t"gopkg.in/gomail.v2"', // 11
  ')', // 12
  '', // 13
];

describe('gomail / go-mail', () => {
  it('corpus 57 shape: config-struct selectors are unknown, InsecureSkipVerify is SP005 on its line', () => {
    const x = run('internal/boot/mail.go', [
      'package boot', // 1
      '', // 2
      'import (', // 3
      '\t"crypto/tls"', // 4
      '\t"go-project-initial/configs"', // 5
      '\t"gopkg.in/gomail.v2"', // 6
      ')', // 7
      '', // 8
      'var MailDialer *gomail.Dialer', // 9
      '', // 10
      'func init() {', // 11
      '\tif MailDialer == nil {', // 12
      '\t\tMailDialer = gomail.NewDialer(configs.Conf.Mail.Host, configs.Conf.Mail.Port, configs.Conf.Mail.Username, configs.Conf.Mail.Password)', // 13
      '\t\tMailDialer.TLSConfig = &tls.Config{', // 14
      '\t\t\tInsecureSkipVerify: true,', // 15
      '\t\t}', // 16
      '\t}', // 17
      '}', // 18
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'gomail',
      line: 13,
      active: true,
      host: { origin: 'env', line: 13 },
      port: { origin: 'env', line: 13 },
      security: { value: 'unknown', line: 13 },
      tlsVerify: { value: false, line: 15 },
      password: { origin: 'env', line: 13 },
    });
    expect(ep.host?.raw).toBe('${configs.Conf.Mail.Host}');
    expect(ep.tlsVerify?.at.column).toBe(4);
    expect(findings(x)).toEqual(['SP012@13:note', 'SP005@15:error']);
    expect(finding(x, 'SP005').fix).toContain('remove InsecureSkipVerify: true');
  });

  it('NewDialer on 465 is implicit TLS (SSL = port == 465), derived; nothing to report', () => {
    const x = run('mail.go', [
      ...HEADER,
      'func send(m *gomail.Message) error {', // 14
      '\td := gomail.NewDialer("smtp.gmail.com", 465, "me@gmail.com", os.Getenv("GMAIL_APP_PASSWORD"))', // 15
      '\treturn d.DialAndSend(m)', // 16
      '}', // 17
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'gomail',
      line: 15,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 15 },
      port: { value: 465, origin: 'literal', line: 15 },
      security: { value: 'implicit-tls', line: 15 },
      password: { origin: 'env', line: 15 },
    });
    expect(ep.security.origin).toBe('derived');
    expect(ep.user).toMatchObject({ value: 'me@gmail.com' });
    expect(findings(x)).toEqual(['SP011@15:note']);
  });

  it('gomail.v2 on 587 is opportunistic, and gomail cannot require STARTTLS: the SP003 fix says so', () => {
    const x = run('mail.go', [
      ...HEADER,
      'var (', // 14
      '\thost = "smtp.sendgrid.net"', // 15
      '\tport = 587', // 16
      ')', // 17
      'func send(m *gomail.Message) error {', // 18
      '\td := gomail.NewDialer(host, port, "apikey", os.Getenv("SENDGRID_API_KEY"))', // 19
      '\treturn d.DialAndSend(m)', // 20
      '}', // 21
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      line: 15,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 15 },
      port: { value: 587, origin: 'literal', line: 16 },
      security: { value: 'starttls-opportunistic', line: 15 },
    });
    expect(findings(x)).toEqual(['SP003@15:warning']);
    expect(finding(x, 'SP003').fix).toContain('has no setting that requires STARTTLS');
  });

  it('mail.v2 with StartTLSPolicy = MandatoryStartTLS is required; NoStartTLS is plain (SP002)', () => {
    const x = run('mail.go', [
      'package mailer', // 1
      'import mail "gopkg.in/mail.v2"', // 2
      'func a() error {', // 3
      '\td := mail.NewDialer("smtp.example.com", 587, "u", os.Getenv("P"))', // 4
      '\td.StartTLSPolicy = mail.MandatoryStartTLS', // 5
      '\treturn d.DialAndSend()', // 6
      '}', // 7
      'func b() error {', // 8
      '\td := mail.NewDialer("smtp.example.org", 587, "u", os.Getenv("P"))', // 9
      '\td.StartTLSPolicy = mail.NoStartTLS', // 10
      '\treturn d.DialAndSend()', // 11
      '}', // 12
    ]);
    expect(
      x.endpoints.map((e) => [e.product, e.at.line, e.security.value, e.security.at.line]),
    ).toEqual([
      ['go-mail (gopkg.in/mail.v2)', 4, 'starttls-required', 5],
      ['go-mail (gopkg.in/mail.v2)', 9, 'plain', 10],
    ]);
    expect(findings(x)).toEqual(['SP002@10:error']);
  });

  it('a Dialer literal on 465 without SSL sends STARTTLS on an implicit-TLS port: SP004', () => {
    const x = run('mail.go', [
      ...HEADER,
      'var dialer = &gomail.Dialer{', // 14
      '\tHost:     "smtp.zoho.eu",', // 15
      '\tPort:     465,', // 16
      '\tUsername: os.Getenv("ZOHO_USER"),', // 17
      '\tPassword: os.Getenv("ZOHO_PASS"),', // 18
      '}', // 19
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      host: { value: 'smtp.zoho.eu', origin: 'literal', line: 15 },
      port: { value: 465, origin: 'literal', line: 16 },
      security: { value: 'starttls-opportunistic', line: 15 },
    });
    expect(findings(x)).toEqual(['SP004@15:error']);
  });

  it('d.SSL = true on 587: implicit TLS on a STARTTLS port, SP004 on the SSL line; TLSConfig via a variable', () => {
    const x = run('mail.go', [
      ...HEADER,
      'func send() error {', // 14
      '\tcfg := &tls.Config{ServerName: "smtp.example.com"}', // 15
      '\tcfg.InsecureSkipVerify = true', // 16
      '\td := gomail.NewDialer("smtp.example.com", 587, "u", os.Getenv("P"))', // 17
      '\td.SSL = true', // 18
      '\td.TLSConfig = cfg', // 19
      '\treturn d.DialAndSend()', // 20
      '}', // 21
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      security: { value: 'implicit-tls', line: 18 },
      tlsVerify: { value: false, line: 16 },
    });
    expect(findings(x)).toEqual(['SP005@16:error', 'SP004@18:error']);
  });

  it('InsecureSkipVerify inside the Dialer literal, with a TLS 1.0 minimum: SP005 and SP006', () => {
    const x = run('mail.go', [
      ...HEADER,
      'var d = gomail.Dialer{Host: "mail.internal", Port: 587, Username: "svc", Password: os.Getenv("PW"),', // 14
      '\tTLSConfig: &tls.Config{', // 15
      '\t\tInsecureSkipVerify: true,', // 16
      '\t\tMinVersion:         tls.VersionTLS10,', // 17
      '\t}}', // 18
    ]);
    const ep = only(x);
    expect(ep.tlsVerify).toMatchObject({ value: false, at: { line: 16 } });
    expect(ep.minTls).toMatchObject({ value: 'TLSv1.0', at: { line: 17 } });
    expect(findings(x)).toEqual(['SP003@14:warning', 'SP005@16:error', 'SP006@17:warning']);
  });

  it('an import alias is followed; github.com/wneessen/go-mail (another library) is not read as go-mail', () => {
    const x = run('mail.go', [
      'package m', // 1
      'import (', // 2
      '\tgm "github.com/go-mail/mail"', // 3
      '\tmail "github.com/wneessen/go-mail"', // 4
      ')', // 5
      'func a() {', // 6
      '\td := gm.NewDialer("smtp.example.com", 465, "u", os.Getenv("P"))', // 7
      '\t_ = d', // 8
      '\tc, _ := mail.NewClient("smtp.example.com", mail.WithPort(587))', // 9
      '\t_ = mail.NewDialer("x", 1, "", "")', // 10
      '\t_ = c', // 11
      '}', // 12
    ]);
    expect(x.endpoints.map((e) => [e.product, e.at.line, e.security.value])).toEqual([
      ['go-mail (gopkg.in/mail.v2)', 7, 'implicit-tls'],
    ]);
  });

  it('a literal password in NewDialer is SP007 and never leaves the extractor', () => {
    const secret = 'n7Rk2-Lw9q-Pz44';
    const x = run('mail.go', [
      ...HEADER,
      'func send() error {', // 14
      `\treturn gomail.NewDialer("smtp.mailgun.org", 587, "postmaster@mg.example.com", "${secret}").DialAndSend()`, // 15
      '}', // 16
    ]);
    const ep = only(x);
    expect(ep.password).toMatchObject({ origin: 'literal', at: { line: 15 } });
    expect(findings(x)).toEqual(['SP003@15:warning', 'SP007@15:error']);
    expectHidden(x, secret);
  });

  it('port from strconv.Atoi(os.Getenv(...)) is an env port; an empty username means no AUTH', () => {
    const x = run('mail.go', [
      ...HEADER,
      'func send() error {', // 14
      '\tport, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))', // 15
      '\td := gomail.NewDialer(os.Getenv("SMTP_HOST"), port, "", "")', // 16
      '\treturn d.DialAndSend()', // 17
      '}', // 18
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      host: { origin: 'env', line: 16 },
      port: { origin: 'env', line: 15 },
      security: { value: 'unknown', line: 15 },
    });
    expect(ep.port?.raw).toBe('${SMTP_PORT}');
    expect(ep.authIntended).toBe(false);
    expect(findings(x)).toEqual(['SP012@15:note']);
  });
});

describe('net/smtp', () => {
  it('SendMail on 25 without auth: opportunistic STARTTLS (SP003) on a relay port (SP001 warning)', () => {
    const x = run('notify.go', [
      ...HEADER,
      'func notify(to string, body []byte) error {', // 14
      '\treturn smtp.SendMail("relay.example.com:25", nil, "alerts@example.com", []string{to}, body)', // 15
      '}', // 16
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'net-smtp',
      line: 15,
      active: true,
      host: { value: 'relay.example.com', origin: 'literal', line: 15 },
      port: { value: 25, origin: 'literal', line: 15 },
      security: { value: 'starttls-opportunistic', line: 15 },
    });
    expect(ep.authIntended).toBe(false);
    expect(findings(x)).toEqual(['SP001@15:warning', 'SP003@15:warning']);
  });

  it('SendMail with PlainAuth: PlainAuth refuses to authenticate without TLS, so the effective mode is required STARTTLS', () => {
    const x = run('notify.go', [
      ...HEADER,
      'const smtpHost = "smtp.office365.com"', // 14
      'func notify(to string, body []byte) error {', // 15
      '\tauth := smtp.PlainAuth("", os.Getenv("SMTP_USER"), os.Getenv("SMTP_PASS"), smtpHost)', // 16
      '\taddr := smtpHost + ":587"', // 17
      '\treturn smtp.SendMail(addr, auth, "me@example.com", []string{to}, body)', // 18
      '}', // 19
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'net-smtp',
      line: 14,
      active: true,
      host: { value: 'smtp.office365.com', origin: 'literal', line: 14 },
      port: { value: 587, origin: 'literal', line: 17 },
      security: { value: 'starttls-required', line: 14 },
      password: { origin: 'env', line: 16 },
    });
    expect(ep.security.raw).toContain('PlainAuth refuses to authenticate without TLS');
    expect(findings(x)).toEqual(['SP011@16:warning']);
  });

  it('PlainAuth to localhost allows plaintext AUTH: SendMail stays opportunistic (local, so no SP003)', () => {
    const x = run('dev.go', [
      ...HEADER,
      'func send() error {', // 14
      '\ta := smtp.PlainAuth("", "u", os.Getenv("P"), "localhost")', // 15
      '\treturn smtp.SendMail("localhost:1025", a, "f@x", nil, nil)', // 16
      '}', // 17
    ]);
    expect(only(x).security.value).toBe('starttls-opportunistic');
    expect(findings(x)).toEqual([]);
  });

  it('smtp.Dial + c.StartTLS(cfg) is required STARTTLS; InsecureSkipVerify in cfg is SP005; Sprintf address', () => {
    const x = run('client.go', [
      ...HEADER,
      'func send(host string) error {', // 14
      '\tc, err := smtp.Dial(fmt.Sprintf("%s:%d", "mail.example.com", 587))', // 15
      '\tif err != nil {', // 16
      '\t\treturn err', // 17
      '\t}', // 18
      '\tif err := c.StartTLS(&tls.Config{ServerName: "mail.example.com", InsecureSkipVerify: true}); err != nil {', // 19
      '\t\treturn err', // 20
      '\t}', // 21
      '\treturn c.Auth(smtp.PlainAuth("", "u", os.Getenv("P"), "mail.example.com"))', // 22
      '}', // 23
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      host: { value: 'mail.example.com', origin: 'literal', line: 15 },
      port: { value: 587, origin: 'literal', line: 15 },
      security: { value: 'starttls-required', line: 19 },
      tlsVerify: { value: false, line: 19 },
    });
    expect(ep.authIntended).toBe(true);
    expect(findings(x)).toEqual(['SP005@19:error']);
  });

  it('StartTLS only after Extension("STARTTLS") reports it is opportunistic', () => {
    const x = run('client.go', [
      ...HEADER,
      'func send() error {', // 14
      '\tc, _ := smtp.Dial("mail.example.com:587")', // 15
      '\tif ok, _ := c.Extension("STARTTLS"); ok {', // 16
      '\t\tc.StartTLS(&tls.Config{ServerName: "mail.example.com"})', // 17
      '\t}', // 18
      '\treturn c.Quit()', // 19
      '}', // 20
    ]);
    expect(only(x).security).toMatchObject({ value: 'starttls-opportunistic', at: { line: 17 } });
    expect(findings(x)).toEqual(['SP008@15:warning', 'SP003@17:warning']);
  });

  it('smtp.Dial without StartTLS and PlainAuth: plain, and the Auth call fails (SP014), not a leak', () => {
    const x = run('client.go', [
      ...HEADER,
      'func send() error {', // 14
      '\tc, _ := smtp.Dial("smtp.example.net:587")', // 15
      '\treturn c.Auth(smtp.PlainAuth("", "u", os.Getenv("P"), "smtp.example.net"))', // 16
      '}', // 17
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'plain', origin: 'derived' });
    expect(ep.authIntended).toBe(false);
    expect(findings(x)).toEqual(['SP002@15:warning', 'SP008@15:warning', 'SP014@16:warning']);
    expect(finding(x, 'SP014').message).toContain('unencrypted connection');
  });

  it('tls.Dial + smtp.NewClient is implicit TLS; JoinHostPort address; nil config verifies', () => {
    const x = run('client.go', [
      ...HEADER,
      'func send() error {', // 14
      '\tconn, err := tls.Dial("tcp", net.JoinHostPort("smtp.fastmail.com", "465"), nil)', // 15
      '\tif err != nil {', // 16
      '\t\treturn err', // 17
      '\t}', // 18
      '\tc, err := smtp.NewClient(conn, "smtp.fastmail.com")', // 19
      '\tif err != nil {', // 20
      '\t\treturn err', // 21
      '\t}', // 22
      '\tauth := smtp.PlainAuth("", "me@fastmail.com", os.Getenv("FM_PASS"), "smtp.fastmail.com")', // 23
      '\treturn c.Auth(auth)', // 24
      '}', // 25
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'net-smtp',
      line: 15,
      active: true,
      host: { value: 'smtp.fastmail.com', origin: 'literal', line: 15 },
      port: { value: 465, origin: 'literal', line: 15 },
      security: { value: 'implicit-tls', line: 15 },
      password: { origin: 'env', line: 23 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('host from os.Getenv concatenated with a port: env host, literal port', () => {
    const x = run('client.go', [
      ...HEADER,
      'func send() error {', // 14
      '\treturn smtp.SendMail(os.Getenv("SMTP_HOST")+":2525", nil, "a@b", nil, nil)', // 15
      '}', // 16
    ]);
    const ep = only(x);
    expect(ep.host).toMatchObject({ origin: 'env', raw: '${SMTP_HOST}' });
    expect(ep.port).toMatchObject({ value: 2525, origin: 'literal' });
    expect(findings(x)).toEqual([
      'SP003@15:warning',
      'SP008@15:warning',
      'SP009@15:note',
      'SP012@15:note',
    ]);
  });
});

describe('tolerance', () => {
  it('garbage before a dialer does not hide it; the reader never reports an error', () => {
    const src = text([
      'package x', // 1
      'func broken( {', // 2
      '\tx := `raw', // 3
      'string` + "unterminated', // 4
      'func send() {', // 5
      '\td := gomail.NewDialer("smtp.example.com", 465, "u", os.Getenv("P"))', // 6
      '\td.DialAndSend()', // 7
      '}', // 8
    ]);
    const r = readGo('x.go', src);
    expect(r.diagnostics).toEqual([]);
    expect(r.drafts.map((d) => [d.host?.value, d.port?.value, d.security.value])).toEqual([
      ['smtp.example.com', 465, 'implicit-tls'],
    ]);
  });
});

describe('tokenizer line tracking', () => {
  it('ends an unterminated string at the line end even after a backslash', () => {
    const toks = tokenizeGo('x := "gomail\\\nvar y = 1\n').filter((t) => !t.auto);
    expect(toks.map((t) => `${t.text}@${t.line}:${t.col}`)).toEqual([
      'x@1:1',
      ':=@1:3',
      '"gomail\\@1:6',
      'var@2:1',
      'y@2:5',
      '=@2:7',
      '1@2:9',
    ]);
  });
});
