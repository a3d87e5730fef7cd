/**
 * Grafana `[smtp]` in grafana.ini / custom.ini (SEMANTICS.md §8): the port lives in `host`
 * (`net.SplitHostPort`), implicit TLS only on 465, `startTLS_policy` takes exactly
 * OpportunisticStartTLS | MandatoryStartTLS | NoStartTLS and anything else silently becomes
 * opportunistic (an `ignored` observation, SP014), a `port =` key is ignored, `;` lines are comments
 * (but a commented-out real password is still committed: a loose secret, DESIGN.md §3 SP007).
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Grafana ini [smtp]', () => {
  it('RequireStartTLS is not a policy name: opportunistic + ignored observation; commented password is a loose secret', () => {
    const commented = 'mailpass2024#$x';
    const secret = 'Hx7#kq;2LmVz9';
    const x = run('conf/grafana.ini', [
      '[server]', // 1
      'domain = grafana.example.com', // 2
      '', // 3
      '[smtp]', // 4
      'enabled = true', // 5
      'host = smtp.gmail.com:587', // 6
      'user = alerts@example.com', // 7
      `;password = ${commented}`, // 8
      `password = """${secret}"""`, // 9
      'from_address = alerts@example.com', // 10
      'skip_verify = false', // 11
      'startTLS_policy = RequireStartTLS', // 12
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'grafana',
      line: 6,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 6 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'starttls-opportunistic', line: 12 },
      password: { origin: 'literal', line: 9 },
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([12]);
    expect(x.looseSecrets.map((l) => ({ line: l.at.line, key: l.key }))).toEqual([
      { line: 8, key: 'password' },
    ]);
    expectHidden(x, secret, commented);
  });

  it.each([
    ['MandatoryStartTLS', 'starttls-required'],
    ['NoStartTLS', 'plain'],
    ['OpportunisticStartTLS', 'starttls-opportunistic'],
  ] as const)('startTLS_policy = %s is %s with no observation', (policy, security) => {
    const ep = only(
      run('custom.ini', [
        '[smtp]', // 1
        'enabled = true', // 2
        'host = smtp.example.com:587', // 3
        'user = grafana', // 4
        `startTLS_policy = ${policy}`, // 5
      ]),
    );
    expect(ep.security).toMatchObject({ value: security, at: { line: 5 } });
    expect(ep.ignored).toEqual([]);
  });

  it('port 465 in host is implicit TLS; skip_verify = true turns verification off; $__env{} password is env', () => {
    const ep = only(
      run('grafana.ini', [
        '[smtp]', // 1
        'enabled = true', // 2
        'host = smtp.zoho.com:465', // 3
        'user = alerts@example.com', // 4
        'password = $__env{GF_SMTP_PASSWORD}', // 5
        'skip_verify = true', // 6
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'grafana',
      line: 3,
      active: true,
      host: { value: 'smtp.zoho.com', origin: 'literal', line: 3 },
      port: { value: 465, origin: 'literal', line: 3 },
      security: { value: 'implicit-tls', line: 3 },
      tlsVerify: { value: false, line: 6 },
      password: { origin: 'env', line: 5 },
    });
  });

  it('a port = key is ignored: host without a port fails at send time (observed), the port is not 587', () => {
    const ep = only(
      run('grafana.ini', [
        '[smtp]', // 1
        'enabled = true', // 2
        'host = smtp.example.com', // 3
        'port = 587', // 4
        'user = grafana', // 5
      ]),
    );
    expect(ep.host).toMatchObject({ value: 'smtp.example.com', at: { line: 3 } });
    expect(ep.port?.value).toBeUndefined();
    expect(ep.ignored.length).toBeGreaterThanOrEqual(1);
  });

  it('enabled = false is inert', () => {
    const ep = only(
      run('grafana.ini', [
        '[smtp]', // 1
        'enabled = false', // 2
        'host = localhost:25', // 3
        'user =', // 4
        'password =', // 5
      ]),
    );
    expect(ep.active).toBe(false);
    expect(ep.password?.origin).toBe('placeholder');
  });
});
