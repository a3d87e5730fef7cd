/**
 * The Python reader (src/extract/code/python.ts): Django settings and plain smtplib, with the
 * SEMANTICS.md §5 traps. Each fixture is a small realistic file; each test asserts the exact
 * endpoint (values, origins, anchor lines) and the findings `evaluate` makes of it.
 */
import { describe, expect, it } from 'vitest';
import { readPython } from '../../src/extract/code/python.js';
import type { Extraction } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { expectHidden, only, run, summary, text } from '../extract/helpers.js';

/** `SP004@12:error` for every finding. */
function findings(x: Extraction): string[] {
  return evaluate(x.endpoints, x.looseSecrets).map((f) => `${f.ruleId}@${f.at.line}:${f.severity}`);
}

function finding(x: Extraction, rule: string) {
  const f = evaluate(x.endpoints, x.looseSecrets).find((g) => g.ruleId === rule);
  expect(f, rule).toBeDefined();
  return f!;
}

describe('Django settings', () => {
  it('os.environ[...] credentials and host, EMAIL_USE_SSL on 465: implicit TLS, only the env host is unknown', () => {
    const x = run('config/settings/smtp.py', [
      'import os', // 1
      '', // 2
      "EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'", // 3
      "EMAIL_HOST_USER = os.environ['EMAIL_HOST_USER']", // 4
      "EMAIL_HOST_PASSWORD = os.environ['EMAIL_HOST_PASSWORD']", // 5
      "EMAIL_HOST = os.environ['EMAIL_HOST']", // 6
      'EMAIL_USE_SSL = True', // 7
      'EMAIL_PORT = 465', // 8
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'django',
      line: 6,
      active: true,
      host: { origin: 'env', line: 6 },
      port: { value: 465, origin: 'literal', line: 8 },
      security: { value: 'implicit-tls', line: 7 },
      password: { origin: 'env', line: 5 },
    });
    expect(ep.host?.raw).toBe('${EMAIL_HOST}');
    expect(ep.host?.at.column).toBe(1);
    expect(findings(x)).toEqual(['SP012@6:note']);
  });

  it('python-decouple config() with defaults and EMAIL_USE_TLS on 587: required STARTTLS, nothing to report', () => {
    const x = run('settings/production.py', [
      'from decouple import config', // 1
      "EMAIL_HOST = config('EMAIL_HOST', default='smtp.sendgrid.net')", // 2
      "EMAIL_PORT = config('EMAIL_PORT', default=587, cast=int)", // 3
      "EMAIL_HOST_USER = config('EMAIL_HOST_USER', default='apikey')", // 4
      "EMAIL_HOST_PASSWORD = config('EMAIL_HOST_PASSWORD')", // 5
      "EMAIL_USE_TLS = config('EMAIL_USE_TLS', default=True, cast=bool)", // 6
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'django',
      line: 2,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'default', line: 2 },
      port: { value: 587, origin: 'default', line: 3 },
      security: { value: 'starttls-required', line: 6 },
      password: { origin: 'env', line: 5 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('EMAIL_USE_TLS with port 465 hangs: SP004 on the TLS key', () => {
    const x = run('settings.py', [
      "EMAIL_HOST = 'smtp.zoho.com'", // 1
      'EMAIL_PORT = 465', // 2
      'EMAIL_USE_TLS = True', // 3
      "EMAIL_HOST_USER = 'noreply@example.com'", // 4
      "EMAIL_HOST_PASSWORD = os.getenv('EMAIL_PASSWORD')", // 5
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'starttls-required', origin: 'literal' });
    expect(findings(x)).toEqual(['SP004@3:error']);
    expect(finding(x, 'SP004').fix).toContain('EMAIL_USE_SSL=True with EMAIL_PORT=465');
  });

  it('EMAIL_USE_TLS and EMAIL_USE_SSL both True: SP013 from the mutually exclusive check', () => {
    const x = run('settings.py', [
      "EMAIL_HOST = 'smtp.gmail.com'", // 1
      'EMAIL_PORT = 465', // 2
      'EMAIL_USE_TLS = True', // 3
      'EMAIL_USE_SSL = True', // 4
      "EMAIL_HOST_USER = os.environ.get('EMAIL_USER')", // 5
      "EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_PASSWORD')", // 6
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 4 } });
    expect(ep.conflicts.map((c) => [c.at.line, c.related?.[0].line])).toEqual([[3, 4]]);
    expect(findings(x)).toEqual(['SP013@3:error', 'SP011@6:note']);
  });

  it('the "False" string trap: os.environ.get() without a cast is a string, so SP014 (and SP012: no default)', () => {
    const x = run('settings.py', [
      'import os', // 1
      "EMAIL_HOST = 'smtp.mailgun.org'", // 2
      'EMAIL_PORT = 587', // 3
      "EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS')", // 4
      "EMAIL_HOST_USER = os.environ.get('EMAIL_HOST_USER')", // 5
      "EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD')", // 6
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'unknown', origin: 'env', at: { line: 4 } });
    expect(findings(x)).toEqual(['SP012@4:note', 'SP014@4:warning']);
    const f = finding(x, 'SP014');
    expect(f.message).toContain(
      'EMAIL_USE_TLS=False (or 0) in the environment still switches STARTTLS on',
    );
    expect(f.fix).toContain("env.bool('EMAIL_USE_TLS', default=False)");
  });

  it('the "False" string trap with a default: the string "False" is truthy, so STARTTLS is on', () => {
    const x = run('settings.py', [
      "EMAIL_HOST = 'smtp.mailgun.org'", // 1
      "EMAIL_PORT = int(os.getenv('EMAIL_PORT', '587'))", // 2
      "EMAIL_USE_TLS = os.getenv('EMAIL_USE_TLS', 'False')", // 3
      "EMAIL_HOST_PASSWORD = os.getenv('EMAIL_HOST_PASSWORD')", // 4
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      port: { value: 587, origin: 'default', line: 2 },
      security: { value: 'starttls-required', line: 3 },
    });
    expect(findings(x)).toEqual(['SP014@3:warning']);
  });

  it('comparisons are evaluated against the default: == "True" with default "False" is plain (SP002)', () => {
    const x = run('settings.py', [
      "EMAIL_HOST = os.getenv('EMAIL_HOST', 'smtp.office365.com')", // 1
      "EMAIL_PORT = os.getenv('EMAIL_PORT', 587)", // 2
      "EMAIL_USE_TLS = os.getenv('EMAIL_USE_TLS', 'False') == 'True'", // 3
      "EMAIL_HOST_USER = os.getenv('EMAIL_HOST_USER')", // 4
      "EMAIL_HOST_PASSWORD = os.getenv('EMAIL_HOST_PASSWORD')", // 5
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'plain', origin: 'default', at: { line: 3 } });
    expect(findings(x)).toEqual(['SP002@3:error', 'SP011@5:warning']);
  });

  it('.lower() in (...) with a "true" default is required STARTTLS; no SP014 (it is a real boolean)', () => {
    const x = run('settings.py', [
      "EMAIL_HOST = os.environ.get('EMAIL_HOST', 'smtp.example.com')", // 1
      "EMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))", // 2
      "EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS', 'true').lower() in ('true', '1', 'yes')", // 3
      "EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '')", // 4
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'starttls-required', at: { line: 3 } });
    // An empty default reads as "from the environment" (`${X:-}`), like compose files.
    expect(ep.password).toMatchObject({ origin: 'env', at: { line: 4 } });
    expect(findings(x)).toEqual([]);
  });

  it('django-environ: env.bool/env.int defaults, and a scheme declared in environ.Env(...)', () => {
    const x = run('settings/base.py', [
      'import environ', // 1
      'env = environ.Env(EMAIL_USE_TLS=(bool, True))', // 2
      "EMAIL_HOST = env.str('EMAIL_HOST', default='smtp.postmarkapp.com')", // 3
      "EMAIL_PORT = env.int('EMAIL_PORT', default=587)", // 4
      "EMAIL_USE_TLS = env('EMAIL_USE_TLS')", // 5
      "EMAIL_HOST_USER = env('EMAIL_HOST_USER')", // 6
      "EMAIL_HOST_PASSWORD = env('EMAIL_HOST_PASSWORD')", // 7
    ]);
    expect(summary(only(x))).toMatchObject({
      host: { value: 'smtp.postmarkapp.com', origin: 'default', line: 3 },
      port: { value: 587, origin: 'default', line: 4 },
      security: { value: 'starttls-required', line: 5 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('console backend: the endpoint is inactive and its findings are notes', () => {
    const x = run('settings/dev.py', [
      "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'", // 1
      "EMAIL_HOST = 'smtp.example.com'", // 2
      'EMAIL_PORT = 25', // 3
      "EMAIL_HOST_USER = 'dev@example.com'", // 4
    ]);
    const ep = only(x);
    expect(ep.active).toBe(false);
    expect(ep.inactiveReason).toContain('console');
    expect(findings(x)).toEqual(['SP002@2:note', 'SP001@3:note']);
  });

  it('assignments inside if/else: the last in file order wins; assignments inside functions are not settings', () => {
    const x = run('settings.py', [
      'if DEBUG:', // 1
      "    EMAIL_HOST = 'mailpit'", // 2
      '    EMAIL_PORT = 1025', // 3
      'else:', // 4
      "    EMAIL_HOST = 'smtp.sendgrid.net'", // 5
      '    EMAIL_PORT = 587', // 6
      '    EMAIL_USE_TLS = True', // 7
      "EMAIL_HOST_USER = 'apikey'", // 8
      "EMAIL_HOST_PASSWORD = env('SENDGRID_KEY')", // 9
      'def configure():', // 10
      "    EMAIL_HOST = 'other.example.com'", // 11
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'django',
      line: 5,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'starttls-required', line: 7 },
      password: { origin: 'env', line: 9 },
    });
    expect(only(x).host?.at.column).toBe(5);
  });

  it('a custom backend overriding ssl_context with CERT_NONE turns verification off (SP005 on the first line)', () => {
    const x = run('myproject/settings.py', [
      'import ssl', // 1
      'from django.core.mail.backends.smtp import EmailBackend', // 2
      'from django.utils.functional import cached_property', // 3
      '', // 4
      'class UnverifiedEmailBackend(EmailBackend):', // 5
      '    @cached_property', // 6
      '    def ssl_context(self):', // 7
      '        ctx = ssl.create_default_context()', // 8
      '        ctx.check_hostname = False', // 9
      '        ctx.verify_mode = ssl.CERT_NONE', // 10
      '        return ctx', // 11
      '', // 12
      "EMAIL_BACKEND = 'myproject.settings.UnverifiedEmailBackend'", // 13
      "EMAIL_HOST = 'mail.corp.example'", // 14
      'EMAIL_PORT = 587', // 15
      'EMAIL_USE_TLS = True', // 16
      "EMAIL_HOST_USER = os.environ['SMTP_USER']", // 17
      "EMAIL_HOST_PASSWORD = os.environ['SMTP_PASSWORD']", // 18
    ]);
    const ep = only(x);
    expect(ep.active).toBe(true);
    expect(ep.tlsVerify).toMatchObject({ value: false, at: { line: 9 }, key: 'ssl_context' });
    expect(ep.verifyOffAlso?.map((l) => l.line)).toEqual([10]);
    expect(findings(x)).toEqual(['SP005@9:error']);
  });

  it('django-environ EMAIL_URL default: a dsn-django endpoint at the assigned name, the password a committed default', () => {
    const secret = 'Qz7xW2pL9vKt';
    const x = run('settings.py', [
      'import environ', // 1
      'env = environ.Env()', // 2
      `EMAIL_CONFIG = env.email_url('EMAIL_URL', default='smtp+tls://postmaster:${secret}@smtp.mailgun.org:587')`, // 3
      'vars().update(EMAIL_CONFIG)', // 4
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'dsn-django',
      line: 3,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'default', line: 3 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-required', line: 3 },
      password: { origin: 'default', line: 3 },
    });
    expect(findings(x)).toEqual(['SP007@3:error']);
    expectHidden(x, secret);
  });

  it('names bound earlier are resolved; a literal password is SP007 and never leaves the extractor', () => {
    const secret = 'Xk29-pLq8-Zt71';
    const x = run('settings.py', [
      "MAIL_SERVER = 'smtp.fastmail.com'", // 1
      `MAIL_PASS = '${secret}'`, // 2
      'EMAIL_HOST = MAIL_SERVER', // 3
      'EMAIL_PORT = 465', // 4
      'EMAIL_USE_SSL = True', // 5
      "EMAIL_HOST_USER = 'me@fastmail.com'", // 6
      'EMAIL_HOST_PASSWORD = MAIL_PASS', // 7
    ]);
    expect(summary(only(x))).toMatchObject({
      host: { value: 'smtp.fastmail.com', origin: 'literal', line: 3 },
      password: { origin: 'literal', line: 7 },
    });
    expect(findings(x)).toEqual(['SP007@7:error']);
    expectHidden(x, secret);
  });
});

describe('smtplib', () => {
  it('corpus 36 shape: names resolved to their literals, starttls(context=create_default_context()) verifies', () => {
    const x = run('Email/index.py', [
      'import smtplib, ssl', // 1
      '', // 2
      'smtp_server = "smtp.gmail.com"', // 3
      'port = 587  # For starttls', // 4
      'sender_email = "attendance.app@gmail.com"', // 5
      'password = "open_sesame_2024x"', // 6
      'context = ssl.create_default_context()', // 7
      'try:', // 8
      '    server = smtplib.SMTP(smtp_server,port)', // 9
      '    server.ehlo()', // 10
      '    server.starttls(context=context)', // 11
      '    server.login(sender_email, password)', // 12
      'finally:', // 13
      '    server.quit()', // 14
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'smtplib',
      line: 3,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 3 },
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'starttls-required', line: 11 },
      tlsVerify: { value: true, line: 7 },
      password: { origin: 'literal', line: 6 },
    });
    expect(ep.user).toMatchObject({ value: 'attendance.app@gmail.com', at: { line: 5 } });
    expect(findings(x)).toEqual(['SP007@6:error', 'SP011@6:note']);
    expectHidden(x, 'open_sesame_2024x');
  });

  it('starttls() without context=: no verification in any Python so far; SP005 on the call says so', () => {
    const x = run('notify.py', [
      'import os, smtplib', // 1
      'def send(msg):', // 2
      "    server = smtplib.SMTP('smtp.office365.com', 587)", // 3
      '    server.starttls()', // 4
      "    server.login(os.environ['SMTP_USER'], os.environ['SMTP_PASSWORD'])", // 5
      '    server.send_message(msg)', // 6
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      line: 3,
      security: { value: 'starttls-required', line: 4 },
      tlsVerify: { value: false, line: 4 },
    });
    expect(ep.tlsVerify).toMatchObject({ origin: 'derived', key: 'starttls() without context=' });
    expect(findings(x)).toEqual(['SP005@4:error', 'SP011@5:warning']);
    const f = finding(x, 'SP005');
    expect(f.message).toContain('starttls() without context=');
    expect(f.fix).toContain('ssl._create_stdlib_context()');
    expect(f.fix).toContain('3.14');
    expect(f.fix).toContain('gh-91826');
    expect(f.fix).toContain('context=ssl.create_default_context()');
  });

  it('SMTP_SSL on 587 (from smtplib import): implicit TLS on a STARTTLS port, SP004 on the call; no context: SP005', () => {
    const x = run('mailer.py', [
      'from smtplib import SMTP_SSL', // 1
      'import os', // 2
      '', // 3
      "with SMTP_SSL('smtp.gmail.com', 587) as s:", // 4
      "    s.login('me@gmail.com', os.getenv('GMAIL_APP_PASSWORD'))", // 5
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      line: 4,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 4 },
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'implicit-tls', line: 4 },
      tlsVerify: { value: false, line: 4 },
    });
    expect(findings(x)).toEqual(['SP004@4:error', 'SP005@4:error', 'SP011@5:note']);
  });

  it('SMTP_SSL(host) defaults to 465 (derived) and verifies with an explicit default context', () => {
    const x = run('mailer.py', [
      'import smtplib, ssl', // 1
      "HOST = 'smtp.fastmail.com'", // 2
      'ctx = ssl.create_default_context()', // 3
      'with smtplib.SMTP_SSL(HOST, context=ctx) as s:', // 4
      "    s.login('me@fastmail.com', os.environ['FM_PASS'])", // 5
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'smtplib',
      line: 2,
      active: true,
      host: { value: 'smtp.fastmail.com', origin: 'literal', line: 2 },
      port: { value: 465, origin: 'derived', line: 4 },
      security: { value: 'implicit-tls', line: 4 },
      tlsVerify: { value: true, line: 3 },
      password: { origin: 'env', line: 5 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('SMTP(host) with no port is 25 and no starttls() is plain: SP001 and SP002 on the host line', () => {
    const x = run('cron/report.py', [
      'import smtplib', // 1
      'def main():', // 2
      "    s = smtplib.SMTP('mail.example.org')", // 3
      "    s.login('reports', os.environ['REPORT_PW'])", // 4
      "    s.sendmail('a@example.org', ['b@example.org'], 'hi')", // 5
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      port: { value: 25, origin: 'derived', line: 3 },
      security: { value: 'plain', line: 3 },
    });
    expect(ep.tlsVerify).toBeUndefined();
    expect(findings(x)).toEqual(['SP001@3:error', 'SP002@3:error']);
  });

  it('`from smtplib import *` and `import smtplib as alias` are followed; aiosmtplib is another library', () => {
    const x = run('mail.py', [
      'from smtplib import *', // 1
      'import smtplib as sm', // 2
      'from aiosmtplib import SMTP as AsyncSMTP', // 3
      "a = SMTP('smtp.example.com', 587)", // 4
      'a.starttls(context=ssl.create_default_context())', // 5
      "b = sm.SMTP_SSL('smtp.example.org')", // 6
      "c = AsyncSMTP(hostname='smtp.example.net', port=465, use_tls=True)", // 7
    ]);
    expect(
      x.endpoints.map((e) => [e.at.line, e.host?.value, e.port?.value, e.security.value]),
    ).toEqual([
      [4, 'smtp.example.com', 587, 'starttls-required'],
      [6, 'smtp.example.org', 465, 'implicit-tls'],
    ]);
  });

  it('SMTP() then connect(host, port); set_debuglevel(1) is SP015; starttls only if has_extn is opportunistic', () => {
    const x = run('tools/mail.py', [
      'import smtplib, ssl', // 1
      'server = smtplib.SMTP()', // 2
      "server.connect('smtp.example.net', 587)", // 3
      'server.set_debuglevel(1)', // 4
      "if server.has_extn('starttls'):", // 5
      '    server.starttls(context=ssl.create_default_context())', // 6
      "server.login('u@example.net', os.environ['PW'])", // 7
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      line: 3,
      host: { value: 'smtp.example.net', line: 3 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-opportunistic', line: 6 },
      tlsVerify: { value: true, line: 6 },
    });
    expect(findings(x)).toEqual(['SP015@4:note', 'SP003@6:warning']);
  });

  it('a context with check_hostname = False / CERT_NONE: SP005 on the first, the other related', () => {
    const x = run('send.py', [
      'import smtplib, ssl', // 1
      'ctx = ssl.create_default_context()', // 2
      'ctx.check_hostname = False', // 3
      'ctx.verify_mode = ssl.CERT_NONE', // 4
      "with smtplib.SMTP('smtp.example.com', 587) as s:", // 5
      '    s.starttls(context=ctx)', // 6
      "    s.login(os.environ['U'], os.environ['P'])", // 7
    ]);
    const ep = only(x);
    expect(ep.tlsVerify).toMatchObject({ value: false, at: { line: 3 }, origin: 'literal' });
    expect(ep.verifyOffAlso?.map((l) => l.line)).toEqual([4]);
    const f = finding(x, 'SP005');
    expect(f.at.line).toBe(3);
    expect(f.related?.map((l) => l.line)).toEqual([4]);
  });

  it('starttls() under a condition read from env without default: unknown (SP012); with a literal True: required', () => {
    const x = run('send.py', [
      'import smtplib', // 1
      "USE_TLS = os.getenv('SMTP_TLS')", // 2
      "s = smtplib.SMTP(os.getenv('SMTP_HOST', 'smtp.example.com'), 587)", // 3
      'if USE_TLS:', // 4
      '    s.starttls()', // 5
      'def other():', // 6
      "    t = smtplib.SMTP('smtp.example.org', 587)", // 7
      '    if True:', // 8
      '        t.starttls()', // 9
    ]);
    expect(x.endpoints.map((e) => [e.at.line, e.security.value, e.security.origin])).toEqual([
      [3, 'unknown', 'env'],
      [7, 'starttls-required', 'literal'],
    ]);
    expect(x.endpoints[0].host).toMatchObject({ value: 'smtp.example.com', origin: 'default' });
  });

  it("'host:port' in the host argument; self.server bound in __init__, starttls() in another method", () => {
    const x = run('app/mailer.py', [
      'import smtplib', // 1
      'class Mailer:', // 2
      '    def __init__(self):', // 3
      "        self.server = smtplib.SMTP('smtp.example.com:2525')", // 4
      '    def send(self, msg):', // 5
      '        self.server.starttls()', // 6
      "        self.server.login('u', os.environ['P'])", // 7
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      host: { value: 'smtp.example.com', origin: 'literal', line: 4 },
      port: { value: 2525, origin: 'literal', line: 4 },
      security: { value: 'starttls-required', line: 6 },
    });
    expect(findings(x)).toEqual(['SP009@4:note', 'SP005@6:error']);
  });

  it('same variable name in two functions: each connection gets its own calls', () => {
    const x = run('two.py', [
      'import smtplib, ssl', // 1
      'def a():', // 2
      "    server = smtplib.SMTP('a.example.com', 587)", // 3
      '    server.starttls(context=ssl.create_default_context())', // 4
      "    server.login('a', os.environ['A'])", // 5
      'def b():', // 6
      "    server = smtplib.SMTP('b.example.com', 25)", // 7
      '    server.sendmail(x, y, z)', // 8
    ]);
    expect(
      x.endpoints.map((e) => [e.host?.value, e.security.value, e.authIntended, e.tlsVerify?.value]),
    ).toEqual([
      ['a.example.com', 'starttls-required', true, true],
      ['b.example.com', 'plain', false, undefined],
    ]);
  });
});

describe('tolerance', () => {
  it('a broken line does not hide the settings after it; the reader never reports an error', () => {
    const src = text([
      'ALLOWED_HOSTS = [', // 1
      "    'example.com',", // 2
      "EMAIL_HOST = 'smtp.example.com'", // 3
      'EMAIL_PORT = 587', // 4
      'EMAIL_USE_TLS = True', // 5
      'x = """unterminated', // 6
    ]);
    const r = readPython('settings.py', src);
    expect(r.diagnostics).toEqual([]);
    expect(r.drafts.map((d) => [d.host?.value, d.port?.value, d.security.value])).toEqual([
      ['smtp.example.com', 587, 'starttls-required'],
    ]);
  });

  it('f-strings, walrus, comprehensions, lambdas and decorators are skipped, not fatal', () => {
    const x = run('settings.py', [
      '@decorator(lambda x: {k: v for k, v in x})', // 1
      "EMAIL_HOST = f'smtp.{DOMAIN}'", // 2
      'EMAIL_PORT = (p := 587)', // 3
      'EMAIL_USE_TLS = [t for t in (True,)][0]', // 4
      'EMAIL_HOST_PASSWORD = get_secret("smtp")  # opaque', // 5
    ]);
    const ep = only(x);
    expect(ep.host).toMatchObject({ origin: 'env', at: { line: 2 } });
    expect(ep.port).toMatchObject({ value: 587, origin: 'literal' });
    expect(ep.security).toMatchObject({ value: 'unknown', origin: 'env', at: { line: 4 } });
    expect(ep.password).toMatchObject({ origin: 'env', raw: '${get_secret("smtp")}' });
  });
});
