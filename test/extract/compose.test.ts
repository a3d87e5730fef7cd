/**
 * docker-compose `environment:` (SEMANTICS.md §11): map and list forms, `${VAR:-default}` defaults
 * are the value (origin `default`), `${VAR}` without a default is env (value unknown).
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('docker-compose environment', () => {
  it('map form with ${VAR:-default}: Vaultwarden, defaults are the values', () => {
    const ep = only(
      run('docker-compose.yaml', [
        'services:', // 1
        '  vaultwarden:', // 2
        '    image: vaultwarden/server:latest', // 3
        '    environment:', // 4
        '      DOMAIN: "https://vault.example.com"', // 5
        '      SMTP_HOST: ${SMTP_HOST:-172.17.0.1}', // 6
        '      SMTP_FROM: vault@example.com', // 7
        '      SMTP_PORT: ${SMTP_PORT:-587}', // 8
        '      SMTP_SECURITY: ${SMTP_SECURITY:-starttls}', // 9
        '      SMTP_USERNAME: ${SMTP_USERNAME}', // 10
        '      SMTP_PASSWORD: ${SMTP_PASSWORD}', // 11
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'vaultwarden',
      line: 6,
      active: true,
      host: { value: '172.17.0.1', origin: 'default', line: 6 },
      port: { value: 587, origin: 'default', line: 8 },
      security: { value: 'starttls-required', line: 9 },
      password: { origin: 'env', line: 11 },
    });
  });

  it('list form (- KEY=value): Gitea, no PROTOCOL with port 465 is smtps; ${VAR} host is env', () => {
    const ep = only(
      run('compose.yml', [
        'services:', // 1
        '  gitea:', // 2
        '    image: gitea/gitea:1.22', // 3
        '    environment:', // 4
        '      - USER_UID=1000', // 5
        '      - GITEA__mailer__ENABLED=true', // 6
        '      - GITEA__mailer__SMTP_ADDR=${MAIL_HOST}', // 7
        '      - GITEA__mailer__SMTP_PORT=465', // 8
        '      - GITEA__mailer__USER=${MAIL_USER}', // 9
        '      - GITEA__mailer__PASSWD=${MAIL_PASSWORD}', // 10
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'gitea',
      line: 7,
      active: true,
      host: { origin: 'env', line: 7 },
      port: { value: 465, origin: 'literal', line: 8 },
      security: { value: 'implicit-tls' },
      password: { origin: 'env', line: 10 },
    });
    expect(ep.host?.value).toBeUndefined();
  });

  it('two services give two endpoints, each from its own environment block', () => {
    const x = run('docker-compose.yml', [
      'services:', // 1
      '  app:', // 2
      '    image: example/app', // 3
      '    environment:', // 4
      '      - MAIL_MAILER=smtp', // 5
      '      - MAIL_HOST=${MAIL_HOST:-mailpit}', // 6
      '      - MAIL_PORT=${MAIL_PORT:-1025}', // 7
      '  grafana:', // 8
      '    image: grafana/grafana', // 9
      '    environment:', // 10
      '      GF_SMTP_ENABLED: "true"', // 11
      '      GF_SMTP_HOST: smtp.example.com:587', // 12
      '      GF_SMTP_STARTTLS_POLICY: NoStartTLS', // 13
    ]);
    const got = x.endpoints.map(summary).sort((a, b) => a.line - b.line);
    expect(got).toEqual([
      {
        ecosystem: 'laravel',
        line: 6,
        active: true,
        host: { value: 'mailpit', origin: 'default', line: 6 },
        port: { value: 1025, origin: 'default', line: 7 },
        security: { value: 'starttls-opportunistic', line: 6 },
      },
      {
        ecosystem: 'grafana',
        line: 12,
        active: true,
        host: { value: 'smtp.example.com', origin: 'literal', line: 12 },
        port: { value: 587, origin: 'literal', line: 12 },
        security: { value: 'plain', line: 13 },
      },
    ]);
  });

  it('Symfony MAILER_DSN in a compose environment is read as a DSN', () => {
    const ep = only(
      run('docker-compose.override.yml', [
        'services:', // 1
        '  php:', // 2
        '    environment:', // 3
        '      MAILER_DSN: smtp://mailer:1025', // 4
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'dsn-symfony',
      line: 4,
      host: { value: 'mailer', origin: 'literal', line: 4 },
      port: { value: 1025, origin: 'literal', line: 4 },
      security: { value: 'starttls-opportunistic', line: 4 },
    });
  });
});

describe('compose defaults as credentials', () => {
  it('a real-looking password as a ${VAR:-default} default is the value (origin default) and never echoed', () => {
    const secret = 'Kx8vQ2mLp9TzR4w';
    const x = run('docker-compose.yml', [
      'services:', // 1
      '  vaultwarden:', // 2
      '    environment:', // 3
      '      SMTP_HOST: smtp.example.com', // 4
      '      SMTP_SECURITY: force_tls', // 5
      `      SMTP_PASSWORD: \${SMTP_PASSWORD:-${secret}}`, // 6
    ]);
    expect(only(x).password).toMatchObject({ origin: 'default', at: { line: 6 } });
    expectHidden(x, secret);
  });
});
