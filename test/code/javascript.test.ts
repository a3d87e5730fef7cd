/**
 * The JavaScript/TypeScript reader: nodemailer transports (SEMANTICS.md §1) read from
 * `createTransport(...)` calls and nodemailer-shaped options objects, with values by the code
 * readers' convention (src/extract/code/common.ts), judged by the default rules (DESIGN.md §3).
 * Fixtures are arrays of lines (line N is element N-1, annotated `// N`).
 */
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { readJavaScript } from '../../src/extract/code/javascript.js';
import { parseModule } from '../../src/extract/code/javascript-parse.js';
import { JsModule, scalarOf } from '../../src/extract/code/javascript-values.js';
import type { Extraction } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { expectHidden, locations, only, run, summary, text } from '../extract/helpers.js';

/** Findings as `rule:severity@line`, in report order. */
function findings(x: Extraction): string[] {
  return evaluate(x.endpoints, x.looseSecrets).map((f) => `${f.ruleId}:${f.severity}@${f.at.line}`);
}

function finding(x: Extraction, rule: string) {
  const fs = evaluate(x.endpoints, x.looseSecrets).filter((f) => f.ruleId === rule);
  expect(fs).toHaveLength(1);
  return fs[0];
}

/** The convention's value of one expression (after `prelude`), as the reader writes it. */
function value(expr: string, prelude = '', file = 'x.ts'): unknown {
  const src = `${prelude}\nconst __v = ${expr};\n`;
  const p = parseModule(file, src);
  if (!p.ast) throw new Error(`fixture does not parse: ${p.error}`);
  const mod = new JsModule(p.text, [p.ast.program]);
  const last = p.ast.program.body.at(-1) as t.VariableDeclaration;
  return scalarOf(mod.value(last.declarations[0].init));
}

describe('the value convention', () => {
  it.each([
    ["'smtp.example.com'", 'smtp.example.com'],
    ['587', 587],
    ['true', true],
    ['null', null],
    ['process.env.SMTP_HOST', '${SMTP_HOST}'],
    ["process.env['SMTP_HOST']", '${SMTP_HOST}'],
    ['import.meta.env.VITE_SMTP_HOST', '${VITE_SMTP_HOST}'],
    ['process.env.SMTP_HOST!', '${SMTP_HOST}'],
    ['process.env.SMTP_HOST as string', '${SMTP_HOST}'],
    ["process.env.SMTP_HOST || 'localhost'", '${SMTP_HOST:-localhost}'],
    ["process.env.SMTP_HOST ?? 'localhost'", '${SMTP_HOST:-localhost}'],
    ['Number(process.env.SMTP_PORT) || 587', '${SMTP_PORT:-587}'],
    ['parseInt(process.env.SMTP_PORT, 10) || 587', '${SMTP_PORT:-587}'],
    ['+process.env.SMTP_PORT || 587', '${SMTP_PORT:-587}'],
    ['Number(process.env.SMTP_PORT ?? 587)', '${SMTP_PORT:-587}'],
    ["process.env.SMTP_PORT || '2525'", '${SMTP_PORT:-2525}'],
    // Unset, the variable is undefined: the comparison's value then is the effective default.
    ["process.env.SMTP_SECURE === 'true'", '${SMTP_SECURE:-false}'],
    ["process.env.SMTP_SECURE !== 'false'", '${SMTP_SECURE:-true}'],
    ["process.env.SMTP_SECURE == 'true'", '${SMTP_SECURE:-false}'],
    ['JSON.parse(process.env.SMTP_SECURE)', '${SMTP_SECURE}'],
    ["(process.env.SMTP_SECURE ?? 'true') === 'true'", '${SMTP_SECURE:-true}'],
    ["(process.env.SMTP_SECURE || 'false') === 'true'", '${SMTP_SECURE:-false}'],
    ["process.env.SMTP_SECURE?.toLowerCase() === 'true'", '${SMTP_SECURE:-false}'],
    ["['1', 'true'].includes(process.env.SMTP_SECURE)", '${SMTP_SECURE}'],
    ["JSON.parse(process.env.SMTP_SECURE || 'false')", '${SMTP_SECURE:-false}'],
    ['`${process.env.SMTP_HOST}`', '${SMTP_HOST}'],
    ['`smtp.${process.env.DOMAIN}`', 'smtp.${DOMAIN}'],
    ["'smtp.' + 'example.com'", 'smtp.example.com'],
    ['config.smtp.host', '${config.smtp.host}'],
    ['getHost()', '${getHost()}'],
    ['undefined', undefined],
  ])('%s → %j', (expr, expected) => {
    expect(value(expr)).toEqual(expected);
  });

  it('resolves identifiers bound in the module to literals, env expressions and objects', () => {
    expect(value('PORT', 'const PORT = 465;')).toBe(465);
    expect(value('PORT', "const PORT = Number(process.env.SMTP_PORT) || '587';")).toBe(
      '${SMTP_PORT:-587}',
    );
    expect(value('SMTP_PORT', "const { SMTP_PORT = '587' } = process.env;")).toBe(
      '${SMTP_PORT:-587}',
    );
    expect(value('host', 'const { SMTP_HOST: host } = process.env;')).toBe('${SMTP_HOST}');
    expect(value('cfg.smtp.port', 'const cfg = { smtp: { port: 2525 } };')).toBe(2525);
    expect(value('port === 465', 'const port = Number(process.env.P) || 587;')).toBe('${P:-false}');
  });

  it('does not resolve a reassigned variable or a shadowing parameter', () => {
    expect(value('port', 'let port = 25;\nif (process.env.CI) port = 587;')).toBe('${port}');
    const src = [
      "const host = 'smtp.module.example';",
      'function make(host) {',
      '  return { h: host };',
      '}',
    ].join('\n');
    const p = parseModule('x.js', src);
    const mod = new JsModule(p.text, [p.ast!.program]);
    const obj = mod.objects[0].node as t.ObjectExpression;
    expect(scalarOf(mod.value((obj.properties[0] as t.ObjectProperty).value))).toBe('${host}');
  });
});

describe('createTransport calls', () => {
  it('CommonJS: env host, port 587, secure false, rejectUnauthorized false (corpus 37 shape)', () => {
    const x = run('src/config/smtpTransporter.js', [
      "const nodemailer = require('nodemailer');", // 1
      '', // 2
      'module.exports = nodemailer.createTransport({', // 3
      '  host: process.env.SMTP_HOST,', // 4
      '  port: 587,', // 5
      '  secure: false,', // 6
      '  auth: {', // 7
      '    user: process.env.SMTP_AUTH_USER,', // 8
      '    pass: process.env.SMTP_AUTH_PASS,', // 9
      '  },', // 10
      '  tls: { rejectUnauthorized: false },', // 11
      '});', // 12
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'nodemailer',
      line: 4,
      active: true,
      host: { origin: 'env', line: 4 },
      port: { value: 587, origin: 'literal', line: 5 },
      security: { value: 'starttls-opportunistic', line: 6 },
      tlsVerify: { value: false, line: 11 },
      password: { origin: 'env', line: 9 },
    });
    expect(ep.host?.raw).toBe('${SMTP_HOST}');
    expect(ep.authIntended).toBe(true);
    expect(findings(x)).toEqual(['SP012:note@4', 'SP003:warning@6', 'SP005:error@11']);
    expect(finding(x, 'SP003').fix).toContain('requireTLS: true');
  });

  it('ESM with logger and debug: one SP015, on the later key (corpus 41 shape)', () => {
    const x = run('server/config/email.mjs', [
      "import nodemailer from 'nodemailer';", // 1
      '', // 2
      'const transporter = nodemailer.createTransport({', // 3
      '  host: process.env.SMTP_HOST,', // 4
      '  port: 587,', // 5
      '  secure: false, // or true if you use port 465', // 6
      '  auth: { user: process.env.EMAIL, pass: process.env.PASSWORD },', // 7
      '  logger: true,', // 8
      '  debug: true', // 9
      '});', // 10
      'export default transporter;', // 11
    ]);
    expect(findings(x)).toEqual(['SP012:note@4', 'SP003:warning@6', 'SP015:note@9']);
  });

  it('TypeScript with types, non-null assertions and destructured env defaults', () => {
    const x = run('src/mail/transport.ts', [
      "import nodemailer, { type Transporter } from 'nodemailer';", // 1
      "import type SMTPTransport from 'nodemailer/lib/smtp-transport';", // 2
      '', // 3
      "const { SMTP_HOST = 'smtp.example.com', SMTP_PORT = '465' } = process.env;", // 4
      '', // 5
      'const options: SMTPTransport.Options = {', // 6
      '  host: SMTP_HOST,', // 7
      '  port: Number(SMTP_PORT),', // 8
      '  secure: true,', // 9
      '  auth: { user: process.env.SMTP_USER!, pass: process.env.SMTP_PASS as string },', // 10
      '};', // 11
      '', // 12
      'export const transporter: Transporter = nodemailer.createTransport<SMTPTransport.SentMessageInfo>(options);', // 13
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nodemailer',
      line: 7,
      active: true,
      host: { value: 'smtp.example.com', origin: 'default', line: 7 },
      port: { value: 465, origin: 'default', line: 8 },
      security: { value: 'implicit-tls', line: 9 },
      password: { origin: 'env', line: 10 },
    });
    expect(findings(x)).toEqual([]);
    expect(x.diagnostics).toEqual([]);
  });

  it('a .tsx file with JSX and a generic arrow function', () => {
    const x = run('app/api/contact/route.tsx', [
      "import { createTransport } from 'nodemailer';", // 1
      "import { render } from '@react-email/render';", // 2
      'const wrap = <T,>(x: T) => x;', // 3
      'export const Email = ({ name }: { name: string }) => <p>Hello {name}</p>;', // 4
      'const transport = createTransport({', // 5
      "  host: 'smtp.postmarkapp.com',", // 6
      '  port: 2525,', // 7
      '  auth: { user: process.env.POSTMARK_TOKEN, pass: process.env.POSTMARK_TOKEN },', // 8
      '});', // 9
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'nodemailer',
      line: 6,
      active: true,
      host: { value: 'smtp.postmarkapp.com', origin: 'literal', line: 6 },
      port: { value: 2525, origin: 'literal', line: 7 },
      security: { value: 'starttls-opportunistic', line: 6 },
      password: { origin: 'env', line: 8 },
    });
    expect(findings(x)).toEqual(['SP003:warning@6', 'SP009:note@7']);
  });

  it("service: 'gmail' preset: smtp.gmail.com:465 implicit TLS (derived); a literal app password", () => {
    const secret = 'qwzr kpvt mbxn hlsd';
    const x = run('mailer.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const transporter = nodemailer.createTransport({', // 2
      "  service: 'gmail',", // 3
      `  auth: { user: 'me@gmail.com', pass: '${secret}' },`, // 4
      '});', // 5
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nodemailer',
      line: 3,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'derived', line: 3 },
      port: { value: 465, origin: 'derived', line: 3 },
      security: { value: 'implicit-tls', line: 3 },
      password: { origin: 'literal', line: 4 },
    });
    expect(findings(x)).toEqual(['SP007:error@4', 'SP011:note@4']);
    expectHidden(x, secret);
  });

  it('OAuth2 auth: the method is recorded, no password-auth finding, no missing-auth finding', () => {
    const x = run('oauth.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const transporter = nodemailer.createTransport({', // 2
      "  host: 'smtp.gmail.com',", // 3
      '  port: 465,', // 4
      '  secure: true,', // 5
      '  auth: {', // 6
      "    type: 'OAuth2',", // 7
      '    user: process.env.GMAIL_USER,', // 8
      '    clientId: process.env.GOOGLE_CLIENT_ID,', // 9
      '    clientSecret: process.env.GOOGLE_CLIENT_SECRET,', // 10
      '    refreshToken: process.env.GOOGLE_REFRESH_TOKEN,', // 11
      '  },', // 12
      '});', // 13
    ]);
    const ep = only(x);
    expect(ep.authMethod?.value).toBe('oauth2');
    expect(ep.authMethod?.at.line).toBe(7);
    expect(ep.authIntended).toBe(true);
    expect(ep.password).toBeUndefined();
    expect(findings(x)).toEqual([]);
  });

  it('service from the environment (corpus 39 shape): host, port and TLS mode unknown, anchored on service', () => {
    const x = run('functions/utils/emailClient.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const createTransporter = async () => {', // 2
      '  const accessToken = await getAccessToken();', // 3
      '  return nodemailer.createTransport({', // 4
      '    service: process.env.EMAIL_SERVICE,', // 5
      '    auth: {', // 6
      '      type: "OAuth2",', // 7
      '      user: process.env.EMAIL_ADDRESS,', // 8
      '      accessToken,', // 9
      '    },', // 10
      '  });', // 11
      '};', // 12
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'nodemailer',
      line: 5,
      active: true,
      host: { origin: 'env', line: 5 },
      port: { origin: 'env', line: 5 },
      security: { value: 'unknown', line: 5 },
    });
    expect(findings(x)).toEqual(['SP012:note@5']);
  });

  it('an endpoint without host or service is anchored on the createTransport call', () => {
    const x = run('local.js', [
      "const nodemailer = require('nodemailer');", // 1
      '', // 2
      'const t = nodemailer', // 3
      '  .createTransport({', // 4
      '    port: 25,', // 5
      '  });', // 6
    ]);
    const ep = only(x);
    expect(ep.at.line).toBe(4);
    expect(ep.id).toBe('local.js:4');
  });
});

describe('TLS modes and their findings', () => {
  const transport = (lines: string[]) =>
    run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const t = nodemailer.createTransport({', // 2
      "  host: 'smtp.example.com',", // 3
      ...lines, // 4...
      "  auth: { user: 'app', pass: process.env.SMTP_PASS },",
      '});',
    ]);

  it('secure: false on 465 is broken (SP004 on the secure line)', () => {
    const x = transport(['  port: 465,', '  secure: false,']);
    expect(summary(only(x)).security).toEqual({ value: 'starttls-opportunistic', line: 5 });
    expect(findings(x)).toEqual(['SP004:error@5']);
    expect(finding(x, 'SP004').message).toContain('port 465');
  });

  it('port 465 without secure: implicit TLS (port-derived)', () => {
    const x = transport(['  port: 465,']);
    expect(only(x).security.value).toBe('implicit-tls');
    expect(findings(x)).toEqual([]);
  });

  it('secure: true on 587 is broken (SP004)', () => {
    const x = transport(['  port: 587,', '  secure: true,']);
    expect(only(x).security.value).toBe('implicit-tls');
    expect(findings(x)).toEqual(['SP004:error@5']);
  });

  it('requireTLS: true on 587 is required STARTTLS: no finding', () => {
    const x = transport(['  port: 587,', '  secure: false,', '  requireTLS: true,']);
    expect(summary(only(x)).security).toEqual({ value: 'starttls-required', line: 6 });
    expect(findings(x)).toEqual([]);
  });

  it('ignoreTLS: true is plaintext: SP002 error with credentials, on the ignoreTLS line', () => {
    const x = transport(['  port: 587,', '  ignoreTLS: true,']);
    expect(summary(only(x)).security).toEqual({ value: 'plain', line: 5 });
    expect(findings(x)).toEqual(['SP002:error@5']);
  });

  it('tls.rejectUnauthorized: false is SP005 on its line', () => {
    const x = transport([
      '  port: 465,',
      '  tls: {',
      "    servername: 'smtp.example.com',",
      '    rejectUnauthorized: false,',
      '  },',
    ]);
    expect(summary(only(x)).tlsVerify).toEqual({ value: false, line: 7 });
    expect(findings(x)).toEqual(['SP005:error@7']);
  });

  it("tls.minVersion: 'TLSv1' and tls.ciphers: 'SSLv3' are SP006, each on its line", () => {
    const x = transport([
      '  port: 587,',
      '  requireTLS: true,',
      "  tls: { minVersion: 'TLSv1',", // 6
      "    ciphers: 'SSLv3' },", // 7
    ]);
    expect(only(x).minTls?.value).toBe('TLSv1');
    expect(findings(x)).toEqual(['SP006:warning@6', 'SP006:warning@7']);
  });

  it('Number(process.env.SMTP_PORT) || 587: the default is the port', () => {
    const x = transport(['  port: Number(process.env.SMTP_PORT) || 587,', '  requireTLS: true,']);
    expect(summary(only(x)).port).toEqual({ value: 587, origin: 'default', line: 4 });
    expect(findings(x)).toEqual([]);
  });

  it('port from env without a default: SP012 names it', () => {
    const x = transport(['  port: process.env.SMTP_PORT,', '  secure: false,']);
    expect(summary(only(x)).port).toEqual({ origin: 'env', line: 4 });
    expect(findings(x)).toEqual(['SP012:note@4']);
  });

  it('a literal password is SP007 and never leaves the extractor', () => {
    const secret = 'Tr0ub4dor&3xQ9zK';
    const x = run('mail.ts', [
      "import { createTransport } from 'nodemailer';", // 1
      'export const t = createTransport({', // 2
      "  host: 'smtp.mailgun.org',", // 3
      '  port: 587,', // 4
      '  requireTLS: true,', // 5
      `  auth: { user: 'postmaster@mg.example.com', pass: '${secret}' },`, // 6
      '});', // 7
    ]);
    expect(findings(x)).toEqual(['SP007:error@6']);
    expectHidden(x, secret);
  });
});

describe('the string-truthiness trap (SEMANTICS.md §1)', () => {
  it('secure: process.env.SMTP_SECURE: SP014 on the secure key, naming the variable; TLS mode unknown', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'module.exports = nodemailer.createTransport({', // 2
      '  host: process.env.SMTP_HOST,', // 3
      '  port: process.env.SMTP_PORT,', // 4
      '  secure: process.env.SMTP_SECURE,', // 5
      '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },', // 6
      '});', // 7
    ]);
    const ep = only(x);
    expect(ep.security.value).toBe('unknown');
    expect(findings(x)).toEqual(['SP012:note@3', 'SP014:warning@5']);
    const f = finding(x, 'SP014');
    expect(f.message).toContain('SMTP_SECURE');
    expect(f.message).toContain('"false"');
    expect(f.message).toContain('implicit TLS');
    expect(f.fix).toContain("secure: process.env.SMTP_SECURE === 'true'");
    expect(f.at.column).toBe(3);
  });

  it('an explicit comparison is not the trap', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'module.exports = nodemailer.createTransport({', // 2
      "  host: 'smtp.example.com',", // 3
      '  port: 587,', // 4
      "  secure: process.env.SMTP_SECURE === 'true',", // 5
      "  requireTLS: (process.env.SMTP_REQUIRE_TLS ?? 'true') === 'true',", // 6
      '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },', // 7
      '});', // 8
    ]);
    expect(only(x).ignored).toEqual([]);
    // Unset, secure is false and requireTLS true: required STARTTLS on 587, nothing to report.
    expect(only(x).security).toMatchObject({ value: 'starttls-required' });
    expect(findings(x)).toEqual([]);
  });

  it('through a variable, with a string default, for requireTLS, debug and rejectUnauthorized', () => {
    const x = run('mail.mjs', [
      "import nodemailer from 'nodemailer';", // 1
      'const secure = process.env.SMTP_SECURE;', // 2
      'export default nodemailer.createTransport({', // 3
      "  host: 'smtp.example.com',", // 4
      '  port: 465,', // 5
      '  secure,', // 6
      "  requireTLS: process.env.SMTP_REQUIRE_TLS || 'false',", // 7
      '  debug: process.env.SMTP_DEBUG,', // 8
      '  tls: { rejectUnauthorized: process.env.SMTP_TLS_VERIFY },', // 9
      '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },', // 10
      '});', // 11
    ]);
    const ep = only(x);
    expect(ep.ignored.map((o) => o.at.line)).toEqual([6, 7, 8, 9]);
    expect(ep.ignored[0].message).toContain('from process.env.SMTP_SECURE');
    expect(ep.ignored[1].message).toContain("default 'false' is itself a non-empty string");
    expect(ep.ignored[3].message).toContain('verification ON');
    expect(ep.tlsVerify).toBeUndefined();
    expect(findings(x)).toEqual([
      'SP012:note@6',
      'SP014:warning@6',
      'SP014:warning@7',
      'SP014:warning@8',
      'SP014:warning@9',
    ]);
  });

  it("secure: 'false' (a string literal) is implicit TLS: SP004 on 587 plus SP014", () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'module.exports = nodemailer.createTransport({', // 2
      "  host: 'smtp.example.com',", // 3
      '  port: 587,', // 4
      "  secure: 'false',", // 5
      "  auth: { user: 'app', pass: process.env.SMTP_PASS },", // 6
      '});', // 7
    ]);
    expect(only(x).security.value).toBe('implicit-tls');
    expect(findings(x)).toEqual(['SP004:error@5', 'SP014:warning@5']);
    expect(finding(x, 'SP014').fix).toContain('secure: false');
  });
});

describe('arguments: URLs, identifiers, spreads, wrappers', () => {
  it('an smtps:// URL with a literal password: implicit TLS on 465, SP007 on the URL line', () => {
    const secret = 'Zx8vQ2mN5pL9wR3t';
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      '', // 2
      `const transporter = nodemailer.createTransport('smtps://user%40example.com:${secret}@smtp.example.com:465');`, // 3
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'nodemailer',
      line: 3,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 3 },
      port: { value: 465, origin: 'literal', line: 3 },
      security: { value: 'implicit-tls', line: 3 },
      password: { origin: 'literal', line: 3 },
    });
    expect(findings(x)).toEqual(['SP007:error@3']);
    expectHidden(x, secret);
  });

  it('a template URL with env parts; smtp:// on 587 is opportunistic unless ?requireTLS=true', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const a = nodemailer.createTransport(', // 2
      '  `smtp://${process.env.SMTP_USER}:${process.env.SMTP_PASS}@smtp.example.com:587`,', // 3
      ');', // 4
      'const url = `smtp://${process.env.SMTP_USER}:${process.env.SMTP_PASS}@smtp.example.com:587?requireTLS=true`;', // 5
      'const b = nodemailer.createTransport(url);', // 6
    ]);
    expect(x.endpoints.map((e) => [e.at.line, e.security.value, e.password?.origin])).toEqual([
      [3, 'starttls-opportunistic', 'env'],
      [5, 'starttls-required', 'env'],
    ]);
    expect(x.endpoints[0].user?.raw).toBe('${SMTP_USER}');
    expect(findings(x)).toEqual(['SP003:warning@3']);
  });

  it('an identifier bound to an object, with a spread base (later keys win), read once', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const base = {', // 2
      "  host: 'smtp.sendgrid.net',", // 3
      '  port: 465,', // 4
      '  secure: true,', // 5
      '};', // 6
      'const smtpConfig = {', // 7
      '  ...base,', // 8
      '  port: 587,', // 9
      '  secure: false,', // 10
      '  requireTLS: true,', // 11
      "  auth: { user: 'apikey', pass: process.env.SENDGRID_API_KEY },", // 12
      '};', // 13
      'const t1 = nodemailer.createTransport(smtpConfig);', // 14
      'const t2 = nodemailer.createTransport(smtpConfig);', // 15
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nodemailer',
      line: 3,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 3 },
      port: { value: 587, origin: 'literal', line: 9 },
      security: { value: 'starttls-required', line: 11 },
      password: { origin: 'env', line: 12 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('createTransport(smtpTransport({...})) (nodemailer-smtp-transport) is unwrapped', () => {
    const x = run('mail.js', [
      "var nodemailer = require('nodemailer');", // 1
      "var smtpTransport = require('nodemailer-smtp-transport');", // 2
      'var transporter = nodemailer.createTransport(smtpTransport({', // 3
      "  host: 'smtp.office365.com',", // 4
      '  port: 587,', // 5
      '  secure: false,', // 6
      "  auth: { user: 'me@contoso.com', pass: process.env.O365_PASS },", // 7
      "  tls: { ciphers: 'SSLv3' }", // 8
      '}));', // 9
    ]);
    expect(summary(only(x)).host).toEqual({
      value: 'smtp.office365.com',
      origin: 'literal',
      line: 4,
    });
    expect(findings(x)).toEqual(['SP003:warning@6', 'SP011:warning@7', 'SP006:warning@8']);
  });

  it('a spread of an object the reader cannot see leaves host, port and TLS mode unknown', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      "const config = require('./config');", // 2
      'const t = nodemailer.createTransport({', // 3
      '  ...config.smtp,', // 4
      '  tls: { rejectUnauthorized: false },', // 5
      '});', // 6
    ]);
    const ep = only(x);
    expect(ep.security.value).toBe('unknown');
    expect(findings(x)).toEqual(['SP012:note@4', 'SP005:error@5']);
  });

  it("the nodemailer 0.x form createTransport('SMTP', {...}) is read, with SP014 on the call", () => {
    const x = run('old.js', [
      "var nodemailer = require('nodemailer');", // 1
      'var smtpTransport = nodemailer.createTransport("SMTP", {', // 2
      '  service: "Gmail",', // 3
      '  auth: { user: "me@gmail.com", pass: process.env.GMAIL_PASS }', // 4
      '});', // 5
    ]);
    expect(only(x).host?.value).toBe('smtp.gmail.com');
    expect(findings(x)).toEqual(['SP014:warning@2', 'SP011:note@4']);
  });

  it('NestJS ConfigService.get reads the variable, with its default', () => {
    const x = run('src/mail/mail.service.ts', [
      "import { Injectable } from '@nestjs/common';", // 1
      "import { ConfigService } from '@nestjs/config';", // 2
      "import * as nodemailer from 'nodemailer';", // 3
      '@Injectable()', // 4
      'export class MailService {', // 5
      '  private transporter: nodemailer.Transporter;', // 6
      '  constructor(private readonly configService: ConfigService) {', // 7
      '    this.transporter = nodemailer.createTransport({', // 8
      "      host: this.configService.get<string>('SMTP_HOST'),", // 9
      "      port: this.configService.get<number>('SMTP_PORT', 587),", // 10
      '      secure: false,', // 11
      '      auth: {', // 12
      "        user: this.configService.getOrThrow('SMTP_USER'),", // 13
      "        pass: this.configService.getOrThrow('SMTP_PASS'),", // 14
      '      },', // 15
      '    });', // 16
      '  }', // 17
      '}', // 18
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nodemailer',
      line: 9,
      active: true,
      host: { origin: 'env', line: 9 },
      port: { value: 587, origin: 'default', line: 10 },
      security: { value: 'starttls-opportunistic', line: 11 },
      password: { origin: 'env', line: 14 },
    });
    expect(findings(x)).toEqual(['SP012:note@9', 'SP003:warning@11']);
  });

  it('values read from a mail config object: the object is not read a second time', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const mailConfig = {', // 2
      "  host: 'smtp.example.com',", // 3
      '  port: 465,', // 4
      '  secure: true,', // 5
      "  auth: { user: 'app', pass: process.env.SMTP_PASS },", // 6
      '};', // 7
      'const t = nodemailer.createTransport({', // 8
      '  host: mailConfig.host,', // 9
      '  port: mailConfig.port,', // 10
      '  secure: mailConfig.secure,', // 11
      '  auth: mailConfig.auth,', // 12
      '});', // 13
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nodemailer',
      line: 9,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 9 },
      port: { value: 465, origin: 'literal', line: 10 },
      security: { value: 'implicit-tls', line: 11 },
      password: { origin: 'env', line: 6 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('TypeScript-compiled output with a conditional auth object', () => {
    const x = run('dist/mailer.js', [
      '"use strict";', // 1
      'const nodemailer_1 = __importDefault(require("nodemailer"));', // 2
      'exports.default = nodemailer_1.default.createTransport({', // 3
      '    host: process.env.SMTP_HOST,', // 4
      '    port: Number(process.env.SMTP_PORT ?? 587),', // 5
      "    requireTLS: process.env.SMTP_REQUIRE_TLS !== 'false',", // 6
      '    auth: process.env.SMTP_AUTH_USER', // 7
      '        ? {', // 8
      '            user: process.env.SMTP_AUTH_USER,', // 9
      '            pass: process.env.SMTP_AUTH_PASS,', // 10
      '        }', // 11
      '        : undefined,', // 12
      '});', // 13
    ]);
    const ep = only(x);
    expect(ep.password).toMatchObject({ origin: 'env', raw: '${SMTP_AUTH_PASS}' });
    expect(ep.password?.at.line).toBe(10);
    // requireTLS is true unless SMTP_REQUIRE_TLS=false: required STARTTLS by default.
    expect(ep.security).toMatchObject({ value: 'starttls-required', origin: 'default' });
    expect(findings(x)).toEqual(['SP012:note@4']);
  });

  it('an auth object the reader cannot see still means authentication is configured', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      "const { credentials } = require('./secrets');", // 2
      'const t = nodemailer.createTransport({', // 3
      "  host: 'smtp.example.com',", // 4
      '  port: 587,', // 5
      '  requireTLS: true,', // 6
      '  auth: credentials,', // 7
      '});', // 8
    ]);
    expect(only(x).authIntended).toBe(true);
    expect(findings(x)).toEqual([]);
  });

  it('a URL built from an expression the reader cannot evaluate stays one URL', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const t = nodemailer.createTransport(', // 2
      '  `smtps://${encodeURIComponent(user)}:${encodeURIComponent(cfg.pass || "")}@smtp.example.com:465`,', // 3
      ');', // 4
    ]);
    const ep = only(x);
    expect(ep.host?.value).toBe('smtp.example.com');
    expect(ep.port?.value).toBe(465);
    expect(ep.password?.origin).toBe('env');
    expect(findings(x)).toEqual([]);
  });

  it('a transport factory with parameters: values opaque, one SP012 note', () => {
    const x = run('factory.js', [
      "const nodemailer = require('nodemailer');", // 1
      'function make(host, port) {', // 2
      '  return nodemailer.createTransport({ host, port, requireTLS: true, auth: { user: process.env.U, pass: process.env.P } });', // 3
      '}', // 4
    ]);
    const ep = only(x);
    expect(ep.host?.raw).toBe('${host}');
    expect(ep.port?.origin).toBe('env');
    expect(findings(x)).toEqual(['SP012:note@3']);
  });
});

describe('nodemailer options objects outside a createTransport call', () => {
  it('a config object under an smtp name in a nodemailer file is read', () => {
    const x = run('config/index.js', [
      "const nodemailer = require('nodemailer');", // 1
      'module.exports = {', // 2
      '  port: 3000,', // 3
      '  mail: {', // 4
      '    smtp: {', // 5
      "      host: 'smtp.gmail.com',", // 6
      '      port: 465,', // 7
      '      secure: false,', // 8
      "      auth: { user: 'me@gmail.com', pass: process.env.GMAIL_APP_PASSWORD },", // 9
      '    },', // 10
      '  },', // 11
      '};', // 12
    ]);
    const ep = only(x);
    expect(ep.product).toBe('nodemailer options (smtp)');
    expect(ep.at.line).toBe(6);
    expect(findings(x)).toEqual(['SP004:error@8', 'SP011:note@9']);
  });

  it('NestJS MailerModule transport options (a mailer built on nodemailer)', () => {
    const x = run('src/app.module.ts', [
      "import { Module } from '@nestjs/common';", // 1
      "import { MailerModule } from '@nestjs-modules/mailer';", // 2
      '@Module({', // 3
      '  imports: [', // 4
      '    MailerModule.forRoot({', // 5
      '      transport: {', // 6
      "        host: 'mail.example.com',", // 7
      '        port: 25,', // 8
      '        ignoreTLS: true,', // 9
      '        auth: { user: process.env.MAIL_USER, pass: process.env.MAIL_PASS },', // 10
      '      },', // 11
      '    }),', // 12
      '  ],', // 13
      '})', // 14
      'export class AppModule {}', // 15
    ]);
    expect(findings(x)).toEqual(['SP001:error@8', 'SP002:error@9']);
  });

  it('an object read through createTransport is not read again as a shape', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const smtpOptions = {', // 2
      "  host: 'smtp.example.com', port: 587, requireTLS: true,", // 3
      '  auth: { user: process.env.U, pass: process.env.P },', // 4
      '};', // 5
      'module.exports = nodemailer.createTransport(smtpOptions);', // 6
    ]);
    expect(x.endpoints.map((e) => e.id)).toEqual(['mail.js:3']);
    expect(x.endpoints[0].product).toBe('nodemailer');
  });

  it('not read in a file that neither imports nodemailer nor calls createTransport', () => {
    const x = run('config.js', [
      'module.exports = {', // 1
      "  smtp: { host: 'smtp.example.com', port: 25, secure: false, auth: { user: 'u', pass: process.env.P } },", // 2
      '};', // 3
    ]);
    expect(x.endpoints).toEqual([]);
  });

  it('not read without a mail-like name, nor from a table of presets without credentials', () => {
    const x = run('services.js', [
      "const nodemailer = require('nodemailer');", // 1
      "const db = { host: 'db.example.com', port: 5432, auth: { user: 'u', pass: process.env.P } };", // 2
      'const services = {', // 3
      "  Gmail: { host: 'smtp.gmail.com', port: 465, secure: true },", // 4
      "  'Mail.ru': { host: 'smtp.mail.ru', port: 465, secure: true },", // 5
      "  Mailgun: { host: 'smtp.mailgun.org', port: 465, secure: true },", // 6
      '};', // 7
    ]);
    expect(x.endpoints).toEqual([]);
  });
});

describe('comments and broken files', () => {
  it('commented-out code creates no endpoint (corpus 40 shape); its literal password is SP007', () => {
    const x = run('packages/emailer.js', [
      "const nodemailer = require('nodemailer');", // 1
      '', // 2
      'const emailer = nodemailer.createTransport({', // 3
      '  host: process.env.EMAIL,', // 4
      '  port: process.env.EMAIL_PORT,', // 5
      '  secure: false, // true for 465, false for other ports', // 6
      '  tls: {', // 7
      '    rejectUnauthorized: false,', // 8
      '  },', // 9
      '  // logger: process.env.LOG_LEVEL || false,', // 10
      '  // debug: true,', // 11
      '});', // 12
      '// const old = nodemailer.createTransport({', // 13
      "//   host: 'smtp.old.example.com', port: 25,", // 14
      "//   auth: { user: 'admin', pass: 'Wq7#kP2vL9xZm4Rt' },", // 15
      '// });', // 16
      '/* nodemailer.createTransport({ host: "smtp.other.example.com", port: 465 }) */', // 17
      'module.exports = emailer;', // 18
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'nodemailer',
      line: 4,
      active: true,
      host: { origin: 'env', line: 4 },
      port: { origin: 'env', line: 5 },
      security: { value: 'starttls-opportunistic', line: 6 },
      tlsVerify: { value: false, line: 8 },
    });
    expect(ep.debug).toBeUndefined();
    expect(findings(x)).toEqual(['SP012:note@4', 'SP005:error@8', 'SP007:error@15']);
    expectHidden(x, 'Wq7#kP2vL9xZm4Rt');
  });

  it('a syntax error elsewhere does not lose the transport (the line is skipped, with a diagnostic)', () => {
    const x = run('mail.js', [
      "import nodemailer from 'nodemailer';", // 1
      'const port = Number(process.env.SMTP_PORT) || 587;', // 2
      'const broken = ;', // 3
      'export default nodemailer.createTransport({', // 4
      "  host: process.env.SMTP_HOST || 'smtp.mailgun.org',", // 5
      '  port,', // 6
      '  secure: port === 465,', // 7
      '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },', // 8
      '});', // 9
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nodemailer',
      line: 5,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'default', line: 5 },
      port: { value: 587, origin: 'default', line: 6 },
      security: { value: 'starttls-opportunistic', line: 7 },
      password: { origin: 'env', line: 8 },
    });
    expect(findings(x)).toEqual(['SP003:warning@7']);
    expect(x.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^syntax error .*skipped line 3/),
    ]);
  });

  it('an unbalanced file: the createTransport call is read by the text scan', () => {
    const x = run('mail.ts', [
      "import nodemailer from 'nodemailer';", // 1
      'export function broken() {', // 2
      '  if (x) {', // 3
      'const transporter = nodemailer.createTransport({', // 4
      "  host: 'smtp.example.com',", // 5
      '  port: 587,', // 6
      '  secure: true,', // 7
      '  auth: { user: process.env.U, pass: process.env.P },', // 8
      '});', // 9
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'implicit-tls', line: 7 });
    expect(findings(x)).toEqual(['SP004:error@7']);
    expect(x.diagnostics[0].message).toMatch(/could not be parsed; read 1 createTransport call/);
  });

  it('garbage around an identifier-bound config: the scan finds the object too', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');", // 1
      'const smtp = {', // 2
      "  host: 'smtp.example.com',", // 3
      '  port: 465,', // 4
      '  secure: false,', // 5
      '  auth: { user: process.env.U, pass: process.env.P },', // 6
      '};', // 7
      'const t = nodemailer.createTransport(smtp);', // 8
      'function f() {', // 9
    ]);
    expect(findings(x)).toEqual(['SP004:error@5']);
    expect(x.diagnostics[0].message).toMatch(/text scan/);
  });
});

describe('files the reader leaves alone', () => {
  it('a file without nodemailer or createTransport is not parsed', () => {
    expect(readJavaScript('x.js', 'const x = { host: "smtp.example.com", port: 25 };')).toEqual({
      drafts: [],
      looseSecrets: [],
      diagnostics: [],
    });
  });

  it('.d.ts and .min.js files are not read', () => {
    const src = text([
      "import nodemailer from 'nodemailer';",
      "nodemailer.createTransport({ host: 'smtp.example.com', port: 25 });",
    ]);
    expect(run('types/index.d.ts', src.split('\n')).endpoints).toEqual([]);
    expect(run('dist/mail.min.js', src.split('\n')).endpoints).toEqual([]);
    expect(run('src/mail.cjs', src.split('\n')).endpoints).toHaveLength(1);
  });

  it('every location lies inside the file', () => {
    const x = run('mail.js', [
      "const nodemailer = require('nodemailer');\r",
      'const t = nodemailer.createTransport({\u2028',
      "  host: 'smtp.example.com',",
      '  port: 465, secure: false,',
      '});',
    ]);
    for (const l of locations(x)) expect(l.line).toBeLessThanOrEqual(6);
  });
});
