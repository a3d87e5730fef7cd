/**
 * SP005 (certificate verification off) and SP006 (TLS below 1.2): DESIGN.md §3.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  endpoint,
  judge,
  KNOBS,
  LINE,
  none,
  observation,
  one,
  ruleIds,
  setting,
} from './factory.js';

describe('SP005: certificate verification disabled', () => {
  it('is an error anchored on the first verify-off key, with the siblings as related locations', () => {
    const also = [at(20), at(21)];
    const f = judge(endpoint({ tlsVerify: false, verifyOffAlso: also }));
    expect(ruleIds(f)).toEqual(['SP005']);
    const sp = one(f, 'SP005');
    expect(sp.severity).toBe('error');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.tlsVerify });
    expect(sp.related).toEqual(also);
    expect(sp.message).toContain('tls.rejectUnauthorized');
    expect(sp.message).toContain('smtp.example.com');
    expect(sp.fix).toContain(KNOBS.verifyOn);
  });

  it('has no related locations when only one key turns verification off', () => {
    const sp = one(judge(endpoint({ tlsVerify: false })), 'SP005');
    expect(sp.related ?? []).toEqual([]);
  });

  it('does not fire when verification is on or not configured', () => {
    expect(judge(endpoint({ tlsVerify: true }))).toEqual([]);
    expect(judge(endpoint())).toEqual([]);
  });

  it('does not fire when the verify flag comes only from the environment (value unknown)', () => {
    none(
      judge(
        endpoint({
          tlsVerify: setting<boolean>(undefined, LINE.tlsVerify, 'env', { raw: '${SMTP_VERIFY}' }),
        }),
      ),
      'SP005',
    );
  });

  it('applies to local hosts too (they are exempt only from SP001/SP002/SP003/SP008)', () => {
    const f = judge(endpoint({ host: 'mailpit', port: 1025, tlsVerify: false }));
    expect(ruleIds(f)).toEqual(['SP005']);
  });
});

describe('SP006: TLS below 1.2 allowed', () => {
  it.each(['TLSv1', 'TLSv1.1'])(
    'minTls %s is a warning on the minTls line naming the version',
    (v) => {
      const f = judge(endpoint({ minTls: v }));
      expect(ruleIds(f)).toEqual(['SP006']);
      const sp = one(f, 'SP006');
      expect(sp.severity).toBe('warning');
      expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.minTls });
      expect(sp.message).toContain(v);
      expect(sp.fix).toMatch(/1\.2/);
    },
  );

  it.each(['TLSv1.2', 'TLSv1.3'])('minTls %s is fine', (v) => {
    expect(judge(endpoint({ minTls: v }))).toEqual([]);
  });

  it('turns each weakTls observation into a warning at its own line, with its message and fix', () => {
    const rel = [at(23)];
    const f = judge(
      endpoint({
        weakTls: [
          observation(
            22,
            'ciphers: "RC4-SHA" allows a broken cipher',
            'Remove RC4-SHA from `ciphers`',
            rel,
          ),
          observation(24, 'ssl_version: "TLSv1" pins TLS 1.0', 'Remove `ssl_version`'),
        ],
      }),
    );
    expect(ruleIds(f)).toEqual(['SP006', 'SP006']);
    const [a, b] = f.filter((x) => x.ruleId === 'SP006').sort((x, y) => x.at.line - y.at.line);
    expect(a.severity).toBe('warning');
    expect(a.at.line).toBe(22);
    expect(a.message).toContain('ciphers: "RC4-SHA" allows a broken cipher');
    expect(a.fix).toBe('Remove RC4-SHA from `ciphers`');
    expect(a.related).toEqual(rel);
    expect(b.at.line).toBe(24);
    expect(b.message).toContain('TLSv1');
  });

  it('reports minTls and weakTls observations separately', () => {
    const f = judge(
      endpoint({ minTls: 'TLSv1', weakTls: [observation(22, 'weak ciphers "DES"', 'drop DES')] }),
    );
    expect(
      f
        .filter((x) => x.ruleId === 'SP006')
        .map((x) => x.at.line)
        .sort(),
    ).toEqual([LINE.minTls, 22]);
  });
});
