/**
 * Dockerfile ENV (SEMANTICS.md §11): `ENV KEY=value`, multi-key ENV with continuations (each key
 * keeps its physical line) and the legacy `ENV KEY value` form carry the app's keys; secrets there
 * are baked into image layers.
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Dockerfile ENV', () => {
  it('Mastodon keys over a continued ENV: opportunistic STARTTLS anchored on the host line, empty password is a placeholder', () => {
    const x = run('Dockerfile', [
      'FROM ghcr.io/mastodon/mastodon:v4.2.0', // 1
      'ENV LOCAL_DOMAIN=social.example.com \\', // 2
      '    SMTP_SERVER=smtp.mailgun.org \\', // 3
      '    SMTP_PORT=587 \\', // 4
      '    SMTP_LOGIN= \\', // 5
      '    SMTP_PASSWORD=', // 6
      'ENV SMTP_FROM_ADDRESS notifications@social.example.com', // 7
      'CMD ["bundle", "exec", "puma"]', // 8
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'mastodon',
      line: 3,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'literal', line: 3 },
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'starttls-opportunistic', line: 3 },
      password: { origin: 'placeholder', line: 6 },
    });
  });

  it('Dockerfile.dev with Django keys: EMAIL_USE_SSL is implicit TLS; a baked-in password is literal and never echoed', () => {
    const secret = 'tqzv mkwp hbnr xfjd';
    const x = run('docker/Dockerfile.dev', [
      'FROM python:3.12-slim', // 1
      'ENV EMAIL_HOST=smtp.gmail.com EMAIL_PORT=465', // 2
      'ENV EMAIL_USE_SSL=True', // 3
      'ENV EMAIL_HOST_USER=app@example.com', // 4
      `ENV EMAIL_HOST_PASSWORD="${secret}"`, // 5
      'RUN pip install -r requirements.txt', // 6
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'django',
      line: 2,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 2 },
      port: { value: 465, origin: 'literal', line: 2 },
      security: { value: 'implicit-tls', line: 3 },
      password: { origin: 'literal', line: 5 },
    });
    expectHidden(x, secret);
  });

  it('a commented-out ENV with a real mail password is a loose secret, and gives no setting', () => {
    const secret = 'Rk5pW8zLq2Nv7Tx';
    const x = run('Dockerfile', [
      'FROM node:20-alpine', // 1
      'ENV SMTP_HOST=smtp.example.com SMTP_PORT=587', // 2
      'ENV SMTP_USER=app', // 3
      `# ENV SMTP_PASSWORD=${secret}`, // 4
    ]);
    const ep = only(x);
    expect(ep.password).toBeUndefined();
    expect(x.looseSecrets.map((l) => ({ line: l.at.line, key: l.key }))).toEqual([
      { line: 4, key: 'SMTP_PASSWORD' },
    ]);
    expectHidden(x, secret);
  });

  it('ARG defaults behave like ENV values; ${ARG} references stay env', () => {
    const ep = only(
      run('Containerfile', [
        'FROM alpine', // 1
        'ARG MAIL_PORT=2525', // 2
        'ENV MAIL_MAILER=smtp', // 3
        'ENV MAIL_HOST=${MAIL_SERVER}', // 4
        'ENV MAIL_PORT=${MAIL_PORT}', // 5
      ]),
    );
    expect(ep.ecosystem).toBe('laravel');
    expect(ep.host).toMatchObject({ origin: 'env', at: { line: 4 } });
  });
});
