/**
 * SP012 (cannot judge statically), SP013 (mutually exclusive TLS settings), SP014 (value
 * ignored), SP015 (transcript logging): DESIGN.md §3.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  endpoint,
  envSetting,
  judge,
  LINE,
  none,
  observation,
  one,
  ruleIds,
  setting,
} from './factory.js';

describe('SP012: cannot be judged statically', () => {
  it('one note per endpoint naming every env-only field, anchored at the earliest', () => {
    const f = judge(
      endpoint({
        host: envSetting('SMTP_HOST', LINE.host),
        port: envSetting('SMTP_PORT', LINE.port),
        security: setting<'unknown'>('unknown', LINE.security, 'env', {
          raw: '${SMTP_SECURE}',
          key: 'SMTP_SECURE',
        }),
      }),
    );
    expect(ruleIds(f)).toEqual(['SP012']);
    const sp = one(f, 'SP012');
    expect(sp.severity).toBe('note');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.host });
    expect(sp.message).toContain('${SMTP_HOST}');
    expect(sp.message).toContain('${SMTP_PORT}');
    expect(sp.message).toContain('${SMTP_SECURE}');
    expect(sp.message).toMatch(/host/);
    expect(sp.message).toMatch(/port/);
  });

  it('says that a policy `assume` or the live probe settles it', () => {
    const sp = one(judge(endpoint({ port: envSetting('SMTP_PORT', LINE.port) })), 'SP012');
    const text = `${sp.message} ${sp.fix}`;
    expect(text).toMatch(/assume/);
    expect(text).toMatch(/probe/);
  });

  it('anchors at the earliest line even when the host comes later', () => {
    const f = judge(
      endpoint({ host: envSetting('SMTP_HOST', 30), port: envSetting('SMTP_PORT', LINE.port) }),
    );
    const sp = one(f, 'SP012');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('${SMTP_HOST}');
    expect(sp.message).toContain('${SMTP_PORT}');
  });

  it('names only the fields that are unknown', () => {
    const sp = one(judge(endpoint({ port: envSetting('SMTP_PORT', LINE.port) })), 'SP012');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('${SMTP_PORT}');
    expect(sp.message).not.toContain('SMTP_HOST');
    expect(sp.message).not.toMatch(/\bhost\b/);
  });

  it('a secret reference is just as unknown', () => {
    const port = setting<number>(undefined, LINE.port, 'secret', {
      raw: '${{ secrets.SMTP_PORT }}',
    });
    const sp = one(judge(endpoint({ port })), 'SP012');
    expect(sp.message).toContain('${{ secrets.SMTP_PORT }}');
  });

  it('does not fire when the env expression has a default, or for literals', () => {
    const port = setting(587, LINE.port, 'default', { raw: '${SMTP_PORT:-587}', key: 'SMTP_PORT' });
    expect(judge(endpoint({ port }))).toEqual([]);
    expect(judge(endpoint())).toEqual([]);
  });

  it('does not fire for credentials from the environment (they are meant to be there)', () => {
    none(judge(endpoint({ user: envSetting('SMTP_USER', LINE.user) })), 'SP012');
  });
});

describe('SP013: mutually exclusive TLS settings', () => {
  it('is an error at the observation, carrying its message, fix and related locations', () => {
    const rel = [at(22)];
    const msg =
      '`smtp_tls` and `smtp_enable_starttls_auto` are both true: GitLab 15.11+ refuses to start';
    const f = judge(
      endpoint({ conflicts: [observation(21, msg, 'Remove `smtp_enable_starttls_auto`', rel)] }),
    );
    expect(ruleIds(f)).toEqual(['SP013']);
    const sp = one(f, 'SP013');
    expect(sp.severity).toBe('error');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: 21 });
    expect(sp.message).toContain(msg);
    expect(sp.fix).toBe('Remove `smtp_enable_starttls_auto`');
    expect(sp.related).toEqual(rel);
  });

  it('one finding per observation', () => {
    const f = judge(
      endpoint({ conflicts: [observation(21, 'a', 'fa'), observation(25, 'b', 'fb')] }),
    );
    expect(f.map((x) => `${x.ruleId}@${x.at.line}`)).toEqual(['SP013@21', 'SP013@25']);
  });
});

describe('SP014: value ignored by the framework', () => {
  it('is a warning at the observation, carrying its message and fix', () => {
    const msg =
      '`startTLS_policy = RequireStartTLS` is not a Grafana value: it is ignored and STARTTLS stays opportunistic';
    const f = judge(endpoint({ ignored: [observation(23, msg, 'Use `MandatoryStartTLS`')] }));
    expect(ruleIds(f)).toEqual(['SP014']);
    const sp = one(f, 'SP014');
    expect(sp.severity).toBe('warning');
    expect(sp.at.line).toBe(23);
    expect(sp.message).toContain(msg);
    expect(sp.fix).toBe('Use `MandatoryStartTLS`');
  });
});

describe('SP015: SMTP transcript logging', () => {
  it('is a note on the debug line naming the key', () => {
    const f = judge(endpoint({ debug: true }));
    expect(ruleIds(f)).toEqual(['SP015']);
    const sp = one(f, 'SP015');
    expect(sp.severity).toBe('note');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.debug });
    expect(sp.message).toContain('debug');
  });

  it('does not fire when logging is off', () => {
    expect(judge(endpoint({ debug: false }))).toEqual([]);
  });
});
