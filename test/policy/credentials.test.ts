/**
 * SP007 (committed credential), SP008 (submission without auth), SP011 (password auth retired
 * by the provider): DESIGN.md §3 and FACTS.md Providers.
 */
import { describe, expect, it } from 'vitest';
import type { LooseSecret } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import {
  anonymous,
  at,
  endpoint,
  expectWellFormed,
  judge,
  KNOBS,
  LINE,
  none,
  one,
  ruleIds,
  SECRET,
  setting,
} from './factory.js';

const literalPassword = () =>
  setting(SECRET, LINE.password, 'literal', { raw: SECRET, key: 'MAIL_PASSWORD' });

describe('SP007: committed credential', () => {
  it('is an error on the password line naming the key, never the value', () => {
    const f = judge(endpoint({ password: literalPassword() }));
    expect(ruleIds(f)).toEqual(['SP007']);
    const sp = one(f, 'SP007');
    expect(sp.severity).toBe('error');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.password });
    expect(sp.message).toContain('MAIL_PASSWORD');
    expect(sp.message).not.toContain(SECRET);
    expect(sp.fix).toContain(KNOBS.secretRef);
    expect(JSON.stringify(f)).not.toContain(SECRET);
    expect(JSON.stringify(f)).not.toContain('Tr0ub4dor');
  });

  it('is an error when the password is the default inside an env expression', () => {
    const password = setting(SECRET, LINE.password, 'default', {
      raw: '${MAIL_PASSWORD:-' + SECRET + '}',
      key: 'MAIL_PASSWORD',
    });
    const f = judge(endpoint({ password }));
    const sp = one(f, 'SP007');
    expect(sp.severity).toBe('error');
    expect(sp.at.line).toBe(LINE.password);
    expect(JSON.stringify(f)).not.toContain(SECRET);
  });

  it.each(['env', 'secret', 'placeholder'] as const)(
    'does not fire for a %s password',
    (origin) => {
      const raw =
        origin === 'placeholder'
          ? 'changeme'
          : origin === 'secret'
            ? '${{ secrets.SMTP_PASSWORD }}'
            : '${SMTP_PASSWORD}';
      const password = setting<string>(
        origin === 'placeholder' ? 'changeme' : undefined,
        LINE.password,
        origin,
        { raw, key: 'MAIL_PASSWORD' },
      );
      expect(judge(endpoint({ password }))).toEqual([]);
    },
  );

  it('applies to local hosts too (a committed password is committed wherever it points)', () => {
    const f = judge(endpoint({ host: 'localhost', password: literalPassword() }));
    expect(ruleIds(f)).toEqual(['SP007']);
  });

  it('turns a loose secret (commented-out line) into an error naming the key', () => {
    const loose: LooseSecret = { at: { file: '.env.example', line: 7 }, key: 'MAIL_PASSWORD' };
    const f = evaluate([], [loose]);
    expectWellFormed(f);
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe('SP007');
    expect(f[0].severity).toBe('error');
    expect(f[0].at).toEqual({ file: '.env.example', line: 7 });
    expect(f[0].message).toContain('MAIL_PASSWORD');
    expect(f[0].helpUri.endsWith('docs/rules/SP007.md')).toBe(true);
  });

  it('keeps loose secrets next to endpoint findings', () => {
    const loose: LooseSecret = { at: at(30), key: 'SMTP_PASS' };
    const f = evaluate([endpoint({ password: literalPassword() })], [loose]);
    expect(f.map((x) => `${x.ruleId}@${x.at.line}`)).toEqual([
      `SP007@${LINE.password}`,
      'SP007@30',
    ]);
  });
});

describe('SP008: remote submission endpoint without authentication', () => {
  it.each([
    [587, 'starttls-required', ['SP008']],
    [465, 'implicit-tls', ['SP008']],
    [2525, 'starttls-required', ['SP008', 'SP009']],
  ] as const)(
    'port %i (%s) without auth is a warning naming host and port',
    (port, security, ids) => {
      const f = judge(anonymous({ port, security }));
      expect(ruleIds(f)).toEqual([...ids]);
      const sp = one(f, 'SP008');
      expect(sp.severity).toBe('warning');
      expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.anchor });
      expect(sp.message).toContain(String(port));
      expect(sp.message).toContain('smtp.example.com');
    },
  );

  it('does not fire when authentication is intended', () => {
    expect(judge(endpoint({ password: null }))).toEqual([]);
    expect(judge(endpoint({ user: null }))).toEqual([]);
  });

  it('does not fire on port 25 (that is SP001) or a non-submission port', () => {
    none(judge(anonymous({ port: 25 })), 'SP008');
    none(judge(anonymous({ port: 1587 })), 'SP008');
  });

  it.each(['localhost', '127.0.0.1', '::1', 'mailpit', 'mailhog', 'smtp4dev', 'maildev'])(
    'does not fire for the local host %s',
    (host) => {
      expect(judge(anonymous({ host }))).toEqual([]);
    },
  );

  it('does not fire when the host is a placeholder', () => {
    const host = setting('your-smtp-host', LINE.host, 'placeholder', {
      raw: 'your-smtp-host',
      key: 'host',
    });
    expect(judge(anonymous({ host }))).toEqual([]);
  });
});

describe('SP011: password auth retired by the provider', () => {
  it('Microsoft 365: a warning on the password line, with the date', () => {
    const f = judge(endpoint({ host: 'smtp.office365.com' }));
    expect(ruleIds(f)).toEqual(['SP011']);
    const sp = one(f, 'SP011');
    expect(sp.severity).toBe('warning');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.password });
    expect(sp.message).toContain('Microsoft 365');
    expect(sp.message).toMatch(/December 2026/);
    expect(sp.fix).toMatch(/OAuth/);
  });

  it('Microsoft 365 with a literal password: SP007 and SP011 on the same line', () => {
    const f = judge(endpoint({ host: 'smtp.office365.com', password: literalPassword() }));
    expect(ruleIds(f)).toEqual(['SP007', 'SP011']);
    expect(f.every((x) => x.at.line === LINE.password)).toBe(true);
    expect(JSON.stringify(f)).not.toContain(SECRET);
  });

  it('Outlook.com: a warning with the 2024-09-16 date', () => {
    const f = judge(endpoint({ host: 'smtp-mail.outlook.com' }));
    expect(ruleIds(f)).toEqual(['SP011']);
    const sp = one(f, 'SP011');
    expect(sp.severity).toBe('warning');
    expect(sp.at.line).toBe(LINE.password);
    expect(sp.message).toContain('Outlook.com');
    expect(sp.message).toContain('2024-09-16');
  });

  it('Gmail app passwords: a note', () => {
    const f = judge(endpoint({ host: 'smtp.gmail.com' }));
    expect(ruleIds(f)).toEqual(['SP011']);
    const sp = one(f, 'SP011');
    expect(sp.severity).toBe('note');
    expect(sp.at.line).toBe(LINE.password);
    expect(sp.message).toMatch(/Gmail|Google/);
  });

  it.each(['XOAUTH2', 'oauth2', 'OAuth'])('nothing when the auth method is %s', (authMethod) => {
    expect(judge(endpoint({ host: 'smtp.office365.com', authMethod }))).toEqual([]);
    expect(judge(endpoint({ host: 'smtp-mail.outlook.com', authMethod }))).toEqual([]);
    expect(judge(endpoint({ host: 'smtp.gmail.com', authMethod }))).toEqual([]);
  });

  it('nothing for providers that keep password auth, or without a password', () => {
    expect(judge(endpoint({ host: 'smtp.sendgrid.net' }))).toEqual([]);
    expect(judge(endpoint({ host: 'email-smtp.eu-west-1.amazonaws.com' }))).toEqual([]);
    expect(ruleIds(judge(anonymous({ host: 'smtp.office365.com' })))).toEqual(['SP008']);
  });
});
