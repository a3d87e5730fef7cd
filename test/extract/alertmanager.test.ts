/**
 * Alertmanager `email_configs` (SEMANTICS.md §8 note, §12 "host contains port"): `smarthost:
 * host:port`, `require_tls` defaults to true (required STARTTLS), `tls_config.insecure_skip_verify`.
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, run, summary } from './helpers.js';

describe('Alertmanager email_configs', () => {
  it('two receivers: required STARTTLS with a literal password, and a relay with require_tls false and verification off', () => {
    const secret = 'tqzv mkwp hbnr xfjd';
    const x = run('alertmanager/alertmanager.yml', [
      'global:', // 1
      '  resolve_timeout: 5m', // 2
      'route:', // 3
      '  receiver: ops-email', // 4
      'receivers:', // 5
      '  - name: ops-email', // 6
      '    email_configs:', // 7
      '      - to: ops@example.com', // 8
      '        from: alertmanager@example.com', // 9
      '        smarthost: smtp.gmail.com:587', // 10
      '        auth_username: alertmanager@example.com', // 11
      `        auth_password: "${secret}"`, // 12
      '        require_tls: true', // 13
      '  - name: relay', // 14
      '    email_configs:', // 15
      '      - to: oncall@example.com', // 16
      '        smarthost: mail.internal.example:25', // 17
      '        require_tls: false', // 18
      '        tls_config:', // 19
      '          insecure_skip_verify: true', // 20
    ]);
    const got = x.endpoints.map(summary).sort((a, b) => a.line - b.line);
    expect(got).toEqual([
      {
        ecosystem: 'alertmanager',
        line: 10,
        active: true,
        host: { value: 'smtp.gmail.com', origin: 'literal', line: 10 },
        port: { value: 587, origin: 'literal', line: 10 },
        security: { value: 'starttls-required', line: 13 },
        password: { origin: 'literal', line: 12 },
      },
      {
        ecosystem: 'alertmanager',
        line: 17,
        active: true,
        host: { value: 'mail.internal.example', origin: 'literal', line: 17 },
        port: { value: 25, origin: 'literal', line: 17 },
        security: { value: 'plain', line: 18 },
        tlsVerify: { value: false, line: 20 },
      },
    ]);
    expectHidden(x, secret);
  });

  it('require_tls absent defaults to true: required STARTTLS anchored on the smarthost line', () => {
    const x = run('alertmanager.yaml', [
      'receivers:', // 1
      '  - name: team', // 2
      '    email_configs:', // 3
      '      - to: team@example.com', // 4
      '        smarthost: smtp.sendgrid.net:587', // 5
      '        auth_username: apikey', // 6
      '        auth_password: ${SENDGRID_API_KEY}', // 7
    ]);
    expect(x.endpoints.map(summary)).toEqual([
      {
        ecosystem: 'alertmanager',
        line: 5,
        active: true,
        host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 5 },
        port: { value: 587, origin: 'literal', line: 5 },
        security: { value: 'starttls-required', line: 5 },
        password: { origin: 'env', line: 7 },
      },
    ]);
  });
});
