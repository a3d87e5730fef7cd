/**
 * evaluate(): inert endpoints capped at note, dedupe of (file, line, rule) keeping the most
 * severe, ordering by file, line, rule; helpUri on every finding; isLocalHost.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoint, Finding } from '../../src/model.js';
import { evaluate, evaluateEndpoint, isLocalHost } from '../../src/policy/evaluate.js';
import { RULES } from '../../src/policy/rules.js';
import {
  anonymous,
  endpoint,
  envSetting,
  expectWellFormed,
  judge,
  LINE,
  observation,
  one,
  ruleIds,
  SECRET,
  setting,
} from './factory.js';

/** An endpoint that trips every rule that an inactive block can trip (SP001 error, SP002, SP005...). */
function everything(active: boolean): Endpoint {
  return endpoint({
    active,
    inactiveReason: active ? undefined : '`mail_smtpmode` is `php`',
    port: 25,
    security: 'plain',
    password: setting(SECRET, LINE.password, 'literal', { raw: SECRET, key: 'MAIL_PASSWORD' }),
    tlsVerify: false,
    minTls: 'TLSv1',
    debug: true,
    conflicts: [observation(21, 'conflict', 'fix conflict')],
    ignored: [observation(22, 'ignored', 'fix ignored')],
  });
}

describe('inactive (inert) endpoints', () => {
  it('raise the same findings as the active endpoint, at the same lines', () => {
    const on = judge(everything(true));
    const off = judge(everything(false));
    expect(ruleIds(on)).toEqual([
      'SP001',
      'SP002',
      'SP005',
      'SP006',
      'SP007',
      'SP013',
      'SP014',
      'SP015',
    ]);
    expect(off.map((f) => `${f.ruleId}@${f.at.line}`).sort()).toEqual(
      on.map((f) => `${f.ruleId}@${f.at.line}`).sort(),
    );
    expect(one(on, 'SP001').severity).toBe('error');
    expect(one(on, 'SP013').severity).toBe('error');
  });

  it('cap every finding other than SP007 at note', () => {
    const off = judge(everything(false));
    for (const f of off.filter((x) => x.ruleId !== 'SP007'))
      expect(`${f.ruleId} ${f.severity}`).toBe(`${f.ruleId} note`);
  });

  it('keep SP007 an error: a committed password is leaked whether or not the block is used', () => {
    // Deliberate deviation from DESIGN.md §3 ("findings capped at note"): switching the SMTP
    // block off does not take the password out of the repository and its history.
    const sp = one(judge(everything(false)), 'SP007');
    expect(sp.severity).toBe('error');
  });

  it('never expose the password, active or not', () => {
    expect(JSON.stringify(evaluateEndpoint(everything(false)))).not.toContain(SECRET);
    expect(JSON.stringify(evaluateEndpoint(everything(true)))).not.toContain(SECRET);
  });

  it('keep notes as notes', () => {
    const f = judge(endpoint({ active: false, port: 2525 }));
    expect(ruleIds(f)).toEqual(['SP009']);
    expect(f[0].severity).toBe('note');
  });
});

describe('evaluate: dedupe and order', () => {
  it('keeps one finding per (file, line, rule), the most severe, whatever the input order', () => {
    const conflict = () => [observation(30, 'the same conflict', 'fix it')];
    const inert = endpoint({ active: false, conflicts: conflict() });
    const live = endpoint({ conflicts: conflict() });
    for (const eps of [
      [inert, live],
      [live, inert],
    ]) {
      const f = evaluate(eps, []).filter((x) => x.ruleId === 'SP013');
      expect(f).toHaveLength(1);
      expect(f[0].severity).toBe('error');
      expect(f[0].at).toEqual({ file: 'config/mail.yml', line: 30 });
    }
  });

  it('collapses identical findings of equal severity', () => {
    const f = evaluate([endpoint({ debug: true }), endpoint({ debug: true })], []);
    expect(f.map((x) => `${x.ruleId}@${x.at.line}`)).toEqual([`SP015@${LINE.debug}`]);
  });

  it('keeps different rules on the same line, and the same rule on different lines or files', () => {
    const o365 = endpoint({
      host: 'smtp.office365.com',
      password: setting(SECRET, LINE.password, 'literal', { raw: SECRET, key: 'MAIL_PASSWORD' }),
    });
    expect(ruleIds(evaluate([o365], []))).toEqual(['SP007', 'SP011']);
    const a = endpoint({ file: 'a.yml', debug: true });
    const b = endpoint({ file: 'b.yml', debug: true });
    expect(evaluate([a, b], []).map((x) => `${x.at.file}:${x.at.line}`)).toEqual([
      `a.yml:${LINE.debug}`,
      `b.yml:${LINE.debug}`,
    ]);
  });

  it('collapses a loose secret with an endpoint SP007 on the same line', () => {
    const ep = endpoint({
      password: setting(SECRET, LINE.password, 'literal', { raw: SECRET, key: 'MAIL_PASSWORD' }),
    });
    const f = evaluate(
      [ep],
      [{ at: { file: 'config/mail.yml', line: LINE.password }, key: 'MAIL_PASSWORD' }],
    );
    expect(f.filter((x) => x.ruleId === 'SP007')).toHaveLength(1);
  });

  it('sorts by file, then line, then rule', () => {
    const z = anonymous({ file: 'z/mail.yml', port: 25, security: 'plain', debug: true });
    const a = endpoint({
      file: 'a/mail.yml',
      security: 'implicit-tls',
      tlsVerify: false,
      ignored: [observation(5, 'early', 'fix', undefined, 'a/mail.yml')],
    });
    const m = endpoint({ file: 'm.env', port: envSetting('SMTP_PORT', 3, 'm.env') });
    const f = evaluate([z, m, a], [{ at: { file: 'a/mail.yml', line: 1 }, key: 'OLD_PASSWORD' }]);
    expectWellFormed(f);
    expect(f.map((x) => `${x.at.file}:${x.at.line} ${x.ruleId}`)).toEqual([
      'a/mail.yml:1 SP007',
      'a/mail.yml:5 SP014',
      `a/mail.yml:${LINE.security} SP004`,
      `a/mail.yml:${LINE.tlsVerify} SP005`,
      'm.env:3 SP012',
      `z/mail.yml:${LINE.port} SP001`,
      `z/mail.yml:${LINE.security} SP002`,
      `z/mail.yml:${LINE.debug} SP015`,
    ]);
  });

  it('sorts rules on one line by id', () => {
    // SP001 and SP009 cannot share a line, but SP007 and SP011 can; so can SP004/SP002 anchors.
    const ep = endpoint({
      host: 'smtp-mail.outlook.com',
      password: setting(SECRET, LINE.password, 'literal', { raw: SECRET, key: 'pw' }),
      weakTls: [observation(LINE.password, 'weak', 'fix')],
    });
    expect(evaluate([ep], []).map((x) => x.ruleId)).toEqual(['SP006', 'SP007', 'SP011']);
  });
});

describe('helpUri', () => {
  it('every rule SP001–SP015 can be raised, and each finding links docs/rules/<id>.md', () => {
    const eps: Endpoint[] = [
      everything(true),
      endpoint({ file: 'b.yml', security: 'starttls-opportunistic' }),
      endpoint({ file: 'c.yml', port: 465 }),
      anonymous({ file: 'd.yml', port: 2525 }),
      endpoint({ file: 'e.yml', host: 'smtp.office365.com', port: 465, security: 'implicit-tls' }),
      endpoint({ file: 'f.yml', port: envSetting('SMTP_PORT', LINE.port) }),
    ];
    const f: Finding[] = evaluate(eps, [{ at: { file: 'g.yml', line: 1 }, key: 'PASSWORD' }]);
    expectWellFormed(f);
    // SP016 is the meta rule of suppression comments (src/policy/suppress.ts), not evaluate's.
    expect([...new Set(f.map((x) => x.ruleId))].sort()).toEqual(
      RULES.map((r) => r.id)
        .filter((id) => id !== 'SP016' && !id.startsWith('LV'))
        .sort(),
    );
    for (const x of f) expect(x.helpUri).toMatch(new RegExp(`/docs/rules/${x.ruleId}\\.md$`));
  });

  it('the catalogue lists SP001–SP015 with the severities of DESIGN §3, and the SP016 meta rule', () => {
    expect(RULES.map((r) => `${r.id}:${r.severity}`)).toEqual([
      'SP001:error',
      'SP002:error',
      'SP003:warning',
      'SP004:error',
      'SP005:error',
      'SP006:warning',
      'SP007:error',
      'SP008:warning',
      'SP009:note',
      'SP010:error',
      'SP011:warning',
      'SP012:note',
      'SP013:error',
      'SP014:warning',
      'SP015:note',
      'SP016:note',
      'LV001:error',
      'LV002:error',
      'LV003:error',
      'LV004:error',
      'LV005:error',
      'LV006:error',
      'LV007:warning',
      'LV008:error',
      'LV009:error',
      'LV010:error',
      'LV011:warning',
      'LV012:error',
      'LV013:note',
      'LV014:warning',
      'LV015:warning',
      'LV016:warning',
    ]);
  });
});

describe('isLocalHost', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    '127.0.0.1',
    '127.0.1.1',
    '::1',
    '[::1]',
    'mailpit',
    'mailhog',
    'smtp4dev',
    'maildev',
    'MailPit',
  ])('%s is local', (h) => expect(isLocalHost(h)).toBe(true));

  it.each(['smtp.example.com', 'mailpit.example.com', 'my-localhost.com', '10.0.0.1', '128.0.0.1'])(
    '%s is not local',
    (h) => expect(isLocalHost(h)).toBe(false),
  );

  it('an absent host is not local; policy local-hosts extend the list', () => {
    expect(isLocalHost(undefined)).toBe(false);
    expect(isLocalHost('relay.internal')).toBe(false);
    expect(isLocalHost('relay.internal', ['relay.internal'])).toBe(true);
    expect(isLocalHost('Relay.Internal', ['relay.internal'])).toBe(true);
  });
});
