/**
 * dotenv files read by the env-variable families (SEMANTICS.md §1 Outline/Ghost, §2 Laravel,
 * §5 Django, §6 Mastodon/Discourse, §8 Grafana, §10 Vaultwarden/Gitea, §11 wrappers), plus the
 * generic SMTP_* reader. Expectations come from SEMANTICS.md and DESIGN.md §2–§3.
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Laravel MAIL_*', () => {
  it('MAIL_ENCRYPTION=tls on 587 is opportunistic STARTTLS (Laravel >= 9), anchored on the TLS key', () => {
    const secret = 'h7Kq2vXw9PzR4mLt';
    const x = run('.env', [
      'APP_NAME=Shop', // 1
      'MAIL_MAILER=smtp', // 2
      'MAIL_HOST=smtp.mailgun.org', // 3
      'MAIL_PORT=587', // 4
      'MAIL_USERNAME=postmaster@mg.example.com', // 5
      `MAIL_PASSWORD=${secret}`, // 6
      'MAIL_ENCRYPTION=tls', // 7
      'MAIL_FROM_ADDRESS="hello@example.com"', // 8
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'laravel',
      line: 3,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'literal', line: 3 },
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'starttls-opportunistic', line: 7 },
      password: { origin: 'literal', line: 6 },
    });
    expectHidden(x, secret);
  });

  it('no MAIL_PORT: Laravel 11 default 2525 (derived); MAIL_MAILER=log makes the block inert; "null" credentials are not literals', () => {
    const x = run('.env.example', [
      'MAIL_MAILER=log', // 1
      'MAIL_HOST=127.0.0.1', // 2
      'MAIL_USERNAME=null', // 3
      'MAIL_PASSWORD=null', // 4
      'MAIL_FROM_ADDRESS="hello@example.com"', // 5
    ]);
    const ep = only(x);
    expect(ep.ecosystem).toBe('laravel');
    expect(ep.active).toBe(false);
    expect(ep.host).toMatchObject({ value: '127.0.0.1', origin: 'literal' });
    expect(ep.port).toMatchObject({ value: 2525, origin: 'derived' });
    expect(ep.security.value).toBe('starttls-opportunistic');
    expect(ep.password?.origin ?? 'absent').not.toBe('literal');
  });

  it('MAIL_ENCRYPTION=ssl on 2525 is ignored by Symfony Mailer (observation on the key), effective opportunistic', () => {
    const x = run('.env', [
      'MAIL_MAILER=smtp', // 1
      'MAIL_HOST=smtp.mailtrap.io', // 2
      'MAIL_PORT=2525', // 3
      'MAIL_ENCRYPTION=ssl', // 4
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      ecosystem: 'laravel',
      line: 2,
      port: { value: 2525, origin: 'literal', line: 3 },
      security: { value: 'starttls-opportunistic' },
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([4]);
  });

  it('MAIL_SCHEME=smtps on 465 is implicit TLS, anchored on MAIL_SCHEME', () => {
    const ep = only(
      run('.env.production', [
        'MAIL_MAILER=smtp', // 1
        'MAIL_SCHEME=smtps', // 2
        'MAIL_HOST=smtp.gmail.com', // 3
        'MAIL_PORT=465', // 4
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'laravel',
      line: 3,
      port: { value: 465, origin: 'literal', line: 4 },
      security: { value: 'implicit-tls', line: 2 },
    });
  });

  it('MAIL_SCHEME unset with MAIL_PORT=465 is implicit TLS (smtps iff port 465)', () => {
    const ep = only(
      run('.env', [
        'MAIL_MAILER=smtp', // 1
        'MAIL_HOST=smtp.gmail.com', // 2
        'MAIL_PORT=465', // 3
      ]),
    );
    expect(ep.security.value).toBe('implicit-tls');
  });

  it('a commented-out real mail password is a loose secret (still committed)', () => {
    const secret = 'Zq4mN8xV2kLp7Rt';
    const x = run('.env', [
      'MAIL_MAILER=smtp', // 1
      'MAIL_HOST=smtp.mailgun.org', // 2
      'MAIL_PORT=587', // 3
      'MAIL_PASSWORD=${MAIL_SECRET}', // 4
      `# MAIL_PASSWORD=${secret}`, // 5
    ]);
    expect(x.looseSecrets.map((l) => ({ line: l.at.line, key: l.key }))).toEqual([
      { line: 5, key: 'MAIL_PASSWORD' },
    ]);
    expect(only(x).password?.origin).toBe('env');
    expectHidden(x, secret);
  });
});

describe('Mastodon SMTP_*', () => {
  it('default SMTP_ENABLE_STARTTLS_AUTO is opportunistic (host-line anchor), verify mode none turns verification off', () => {
    const secret = 'Qm7vT2pLx9Rk4Wz';
    const x = run('.env.production', [
      'LOCAL_DOMAIN=social.example.com', // 1
      'SMTP_SERVER=smtp.sendgrid.net', // 2
      'SMTP_PORT=587', // 3
      'SMTP_LOGIN=apikey', // 4
      `SMTP_PASSWORD=${secret}`, // 5
      'SMTP_FROM_ADDRESS=notifications@social.example.com', // 6
      'SMTP_OPENSSL_VERIFY_MODE=none', // 7
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'mastodon',
      line: 2,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-opportunistic', line: 2 },
      tlsVerify: { value: false, line: 7 },
      password: { origin: 'literal', line: 5 },
    });
    expectHidden(x, secret);
  });

  it('SMTP_ENABLE_STARTTLS=always is required STARTTLS; no SMTP_PORT means the mail gem default 25', () => {
    const ep = only(
      run('.env.production', [
        'SMTP_SERVER=mail.example.org', // 1
        'SMTP_LOGIN=mastodon', // 2
        'SMTP_PASSWORD=', // 3
        'SMTP_ENABLE_STARTTLS=always', // 4
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'mastodon',
      line: 1,
      active: true,
      host: { value: 'mail.example.org', origin: 'literal', line: 1 },
      port: { value: 25, origin: 'derived', line: 1 },
      security: { value: 'starttls-required', line: 4 },
      password: { origin: 'placeholder', line: 3 },
    });
  });

  it('SMTP_TLS=true is implicit TLS', () => {
    const ep = only(
      run('.env.production', [
        'SMTP_SERVER=smtp.eu.mailgun.org', // 1
        'SMTP_PORT=465', // 2
        'SMTP_LOGIN=postmaster@mg.example.com', // 3
        'SMTP_TLS=true', // 4
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 4 } });
  });

  it('SMTP_DELIVERY_METHOD=sendmail makes the SMTP keys inert', () => {
    const ep = only(
      run('.env.production', [
        'SMTP_SERVER=smtp.example.org', // 1
        'SMTP_PORT=587', // 2
        'SMTP_LOGIN=mastodon', // 3
        'SMTP_DELIVERY_METHOD=sendmail', // 4
      ]),
    );
    expect(ep.active).toBe(false);
  });
});

describe('Discourse DISCOURSE_SMTP_* in containers/app.yml env:', () => {
  it('ENABLE_START_TLS maps to enable_starttls_auto (opportunistic); verify mode none is off', () => {
    const secret = 'Xk82mQpL0vRt5Wn';
    const x = run('containers/app.yml', [
      'templates:', // 1
      '  - "templates/postgres.template.yml"', // 2
      'env:', // 3
      '  LANG: en_US.UTF-8', // 4
      '  DISCOURSE_HOSTNAME: forum.example.com', // 5
      '  DISCOURSE_SMTP_ADDRESS: smtp.mailgun.org', // 6
      '  DISCOURSE_SMTP_PORT: 587', // 7
      '  DISCOURSE_SMTP_USER_NAME: postmaster@mg.example.com', // 8
      `  DISCOURSE_SMTP_PASSWORD: "${secret}"`, // 9
      '  DISCOURSE_SMTP_ENABLE_START_TLS: true', // 10
      '  DISCOURSE_SMTP_OPENSSL_VERIFY_MODE: none', // 11
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'discourse',
      line: 6,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'literal', line: 6 },
      port: { value: 587, origin: 'literal', line: 7 },
      security: { value: 'starttls-opportunistic', line: 10 },
      tlsVerify: { value: false, line: 11 },
      password: { origin: 'literal', line: 9 },
    });
    expectHidden(x, secret);
  });

  it('no port: Discourse default 25; FORCE_TLS true is implicit TLS', () => {
    const ep = only(
      run('containers/app.yml', [
        'env:', // 1
        '  DISCOURSE_SMTP_ADDRESS: smtp.example.com', // 2
        '  DISCOURSE_SMTP_USER_NAME: forum', // 3
        '  DISCOURSE_SMTP_PASSWORD: REPLACE_WITH_PASSWORD', // 4
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'discourse',
      line: 2,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 2 },
      port: { value: 25, origin: 'derived', line: 2 },
      security: { value: 'starttls-opportunistic', line: 2 },
      password: { origin: 'placeholder', line: 4 },
    });
    const forced = only(
      run('containers/app.yml', [
        'env:', // 1
        '  DISCOURSE_SMTP_ADDRESS: smtp.example.com', // 2
        '  DISCOURSE_SMTP_PORT: 465', // 3
        '  DISCOURSE_SMTP_FORCE_TLS: true', // 4
      ]),
    );
    expect(forced.security).toMatchObject({ value: 'implicit-tls', at: { line: 4 } });
  });
});

describe('Vaultwarden SMTP_SECURITY and legacy SMTP_SSL / SMTP_EXPLICIT_TLS', () => {
  it('SMTP_SECURITY=starttls is required STARTTLS with default port 587', () => {
    const secret = 'tqzv mkwp hbnr xfjd';
    const x = run('.env', [
      'DOMAIN=https://vault.example.com', // 1
      'SMTP_HOST=smtp.gmail.com', // 2
      'SMTP_FROM=vault@example.com', // 3
      'SMTP_SECURITY=starttls', // 4
      'SMTP_USERNAME=vault@example.com', // 5
      `SMTP_PASSWORD="${secret}"`, // 6
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'vaultwarden',
      line: 2,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'derived', line: 2 },
      security: { value: 'starttls-required', line: 4 },
      password: { origin: 'literal', line: 6 },
    });
    expectHidden(x, secret, 'tqzvmkwphbnrxfjd');
  });

  it.each([
    ['force_tls', 'implicit-tls', 465],
    ['off', 'plain', 25],
  ] as const)('SMTP_SECURITY=%s is %s with default port %i', (mode, security, port) => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=mail.example.org', // 1
        'SMTP_FROM=vault@example.org', // 2
        `SMTP_SECURITY=${mode}`, // 3
      ]),
    );
    expect(ep.security).toMatchObject({ value: security, at: { line: 3 } });
    expect(ep.port).toMatchObject({ value: port, origin: 'derived' });
  });

  it('SMTP_ACCEPT_INVALID_CERTS / _HOSTNAMES turn verification off (first key anchors, sibling related)', () => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=mail.example.org', // 1
        'SMTP_PORT=587', // 2
        'SMTP_SECURITY=starttls', // 3
        'SMTP_ACCEPT_INVALID_CERTS=true', // 4
        'SMTP_ACCEPT_INVALID_HOSTNAMES=true', // 5
      ]),
    );
    expect(ep.tlsVerify).toMatchObject({ value: false, at: { line: 4 } });
    expect(ep.verifyOffAlso?.map((l) => l.line)).toEqual([5]);
  });

  it('legacy SMTP_SSL=true + SMTP_EXPLICIT_TLS=true is implicit TLS despite the name', () => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=smtp.example.com', // 1
        'SMTP_FROM=vault@example.com', // 2
        'SMTP_PORT=465', // 3
        'SMTP_SSL=true', // 4
        'SMTP_EXPLICIT_TLS=true', // 5
      ]),
    );
    expect(ep.ecosystem).toBe('vaultwarden');
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 5 } });
  });

  it('legacy SMTP_SSL=true without explicit TLS is required STARTTLS; SMTP_SSL=false is plaintext', () => {
    const req = only(
      run('.env', [
        'SMTP_HOST=smtp.example.com', // 1
        'SMTP_FROM=vault@example.com', // 2
        'SMTP_PORT=587', // 3
        'SMTP_SSL=true', // 4
        'SMTP_EXPLICIT_TLS=false', // 5
      ]),
    );
    expect(req.ecosystem).toBe('vaultwarden');
    expect(req.security.value).toBe('starttls-required');
    const plain = only(
      run('.env', [
        'SMTP_HOST=smtp.example.com', // 1
        'SMTP_FROM=vault@example.com', // 2
        'SMTP_PORT=25', // 3
        'SMTP_SSL=false', // 4
        'SMTP_EXPLICIT_TLS=false', // 5
      ]),
    );
    expect(plain.security).toMatchObject({ value: 'plain', at: { line: 4 } });
  });
});

describe('Outline SMTP_* (nodemailer)', () => {
  it('SMTP_SECURE=true is nodemailer secure = implicit TLS, even on 587', () => {
    const ep = only(
      run('.env.sample', [
        'URL=https://docs.example.com', // 1
        'SMTP_HOST=smtp.postmarkapp.com', // 2
        'SMTP_PORT=587', // 3
        'SMTP_USERNAME=outline', // 4
        'SMTP_PASSWORD=', // 5
        'SMTP_FROM_EMAIL=docs@example.com', // 6
        'SMTP_REPLY_EMAIL=', // 7
        'SMTP_TLS_CIPHERS=', // 8
        'SMTP_SECURE=true', // 9
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'outline',
      line: 2,
      active: true,
      host: { value: 'smtp.postmarkapp.com', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'implicit-tls', line: 9 },
      password: { origin: 'placeholder', line: 5 },
    });
  });

  it('SMTP_SECURE=false is opportunistic STARTTLS (not "no TLS")', () => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=smtp.example.com', // 1
        'SMTP_PORT=587', // 2
        'SMTP_FROM_EMAIL=docs@example.com', // 3
        'SMTP_SECURE=false', // 4
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'starttls-opportunistic', at: { line: 4 } });
  });
});

describe('Django EMAIL_*', () => {
  it('EMAIL_USE_TLS=True is required STARTTLS; a ${VAR} password is an env reference', () => {
    const ep = only(
      run('.env', [
        'EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend', // 1
        'EMAIL_HOST=smtp.office365.com', // 2
        'EMAIL_PORT=587', // 3
        'EMAIL_HOST_USER=noreply@example.com', // 4
        'EMAIL_HOST_PASSWORD=${EMAIL_PASSWORD}', // 5
        'EMAIL_USE_TLS=True', // 6
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'django',
      line: 2,
      active: true,
      host: { value: 'smtp.office365.com', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-required', line: 6 },
      password: { origin: 'env', line: 5 },
    });
  });

  it('EMAIL_USE_TLS and EMAIL_USE_SSL both true is a conflict (ValueError at send time)', () => {
    const ep = only(
      run('.env', [
        'EMAIL_HOST=smtp.example.com', // 1
        'EMAIL_PORT=465', // 2
        'EMAIL_HOST_USER=app', // 3
        'EMAIL_USE_TLS=True', // 4
        'EMAIL_USE_SSL=True', // 5
      ]),
    );
    expect(ep.conflicts).toHaveLength(1);
    expect([4, 5]).toContain(ep.conflicts[0].at.line);
  });

  it('no TLS key and no port: Django default 25, plaintext anchored on the host line', () => {
    const ep = only(
      run('.env', [
        'EMAIL_HOST=mail.example.org', // 1
        'EMAIL_HOST_USER=app', // 2
        'EMAIL_HOST_PASSWORD=', // 3
      ]),
    );
    expect(summary(ep)).toMatchObject({
      port: { value: 25, origin: 'derived' },
      security: { value: 'plain', line: 1 },
    });
  });

  it('the console backend makes the block inert', () => {
    const ep = only(
      run('.env', [
        'EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend', // 1
        'EMAIL_HOST=smtp.example.com', // 2
        'EMAIL_PORT=587', // 3
        'EMAIL_USE_TLS=True', // 4
      ]),
    );
    expect(ep.active).toBe(false);
  });
});

describe('Gitea GITEA__mailer__* and custom prefixes', () => {
  it('PROTOCOL=smtp+starttls is opportunistic (Gitea falls back to plaintext)', () => {
    const ep = only(
      run('.env', [
        'GITEA__mailer__ENABLED=true', // 1
        'GITEA__mailer__PROTOCOL=smtp+starttls', // 2
        'GITEA__mailer__SMTP_ADDR=smtp.example.com', // 3
        'GITEA__mailer__SMTP_PORT=587', // 4
        'GITEA__mailer__USER=gitea@example.com', // 5
        'GITEA__mailer__PASSWD=${GITEA_MAIL_PASSWORD}', // 6
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'gitea',
      line: 3,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 3 },
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'starttls-opportunistic', line: 2 },
      password: { origin: 'env', line: 6 },
    });
  });

  it('custom prefix X_MAILER_SMTP_ADDR: no PROTOCOL with port 2525 is assumed smtps (implicit TLS) and observed', () => {
    const secret = 'Vb6nQ3rTz8LmK2p';
    const x = run('.env.example', [
      'X_MAILER_ENABLED=true', // 1
      'X_MAILER_SMTP_ADDR=mail.example.org', // 2
      'X_MAILER_SMTP_PORT=2525', // 3
      'X_MAILER_USER=bot@example.org', // 4
      `X_MAILER_PASSWD=${secret}`, // 5
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      ecosystem: 'gitea',
      line: 2,
      active: true,
      host: { value: 'mail.example.org', origin: 'literal', line: 2 },
      port: { value: 2525, origin: 'literal', line: 3 },
      security: { value: 'implicit-tls' },
      password: { origin: 'literal', line: 5 },
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([3]);
    expectHidden(x, secret);
  });

  it('GITEA__mailer__ENABLED=false makes the block inert', () => {
    const ep = only(
      run('.env', [
        'GITEA__mailer__ENABLED=false', // 1
        'GITEA__mailer__PROTOCOL=smtps', // 2
        'GITEA__mailer__SMTP_ADDR=smtp.example.com', // 3
      ]),
    );
    expect(ep.active).toBe(false);
    expect(ep.port).toMatchObject({ value: 465, origin: 'derived' });
  });
});

describe('Grafana GF_SMTP_*', () => {
  it('port inside GF_SMTP_HOST; 465 is implicit TLS; SKIP_VERIFY=true is off', () => {
    const secret = 'Pw9xLr2Tq7Mz4Kv';
    const x = run('.env', [
      'GF_SERVER_ROOT_URL=https://grafana.example.com', // 1
      'GF_SMTP_ENABLED=true', // 2
      'GF_SMTP_HOST=smtp.gmail.com:465', // 3
      'GF_SMTP_USER=alerts@example.com', // 4
      `GF_SMTP_PASSWORD=${secret}`, // 5
      'GF_SMTP_SKIP_VERIFY=true', // 6
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'grafana',
      line: 3,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 3 },
      port: { value: 465, origin: 'literal', line: 3 },
      security: { value: 'implicit-tls', line: 3 },
      tlsVerify: { value: false, line: 6 },
      password: { origin: 'literal', line: 5 },
    });
    expectHidden(x, secret);
  });

  it('GF_SMTP_STARTTLS_POLICY=MandatoryStartTLS is required STARTTLS; GF_SMTP_ENABLED=false is inert', () => {
    const ep = only(
      run('.env', [
        'GF_SMTP_ENABLED=false', // 1
        'GF_SMTP_HOST=smtp.example.com:587', // 2
        'GF_SMTP_STARTTLS_POLICY=MandatoryStartTLS', // 3
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'grafana',
      active: false,
      port: { value: 587, origin: 'literal', line: 2 },
      security: { value: 'starttls-required', line: 3 },
    });
  });
});

describe('Ghost mail__options__* (nconf)', () => {
  it('port 465 with secure unset is implicit TLS (nodemailer auto-detects 465)', () => {
    const secret = 'Kd3vN9pQx7Lr2Wm';
    const x = run('.env', [
      'url=https://blog.example.com', // 1
      'mail__transport=SMTP', // 2
      'mail__options__host=smtp.eu.mailgun.org', // 3
      'mail__options__port=465', // 4
      'mail__options__auth__user=postmaster@mg.example.com', // 5
      `mail__options__auth__pass=${secret}`, // 6
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'ghost',
      line: 3,
      active: true,
      host: { value: 'smtp.eu.mailgun.org', origin: 'literal', line: 3 },
      port: { value: 465, origin: 'literal', line: 4 },
      security: { value: 'implicit-tls', line: 3 },
      password: { origin: 'literal', line: 6 },
    });
    expectHidden(x, secret);
  });

  it('mail__options__secure=false on 587 is opportunistic STARTTLS', () => {
    const ep = only(
      run('.env', [
        'mail__options__host=smtp.example.com', // 1
        'mail__options__port=587', // 2
        'mail__options__secure=false', // 3
        'mail__options__auth__user=blog', // 4
      ]),
    );
    expect(ep.ecosystem).toBe('ghost');
    expect(ep.security).toMatchObject({ value: 'starttls-opportunistic', at: { line: 3 } });
  });
});

describe('generic SMTP_* (product unknown)', () => {
  it('host/port/credentials without a known product: security unknown; changeme is a placeholder', () => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=mail.example.org', // 1
        'SMTP_PORT=587', // 2
        'SMTP_USER=app', // 3
        'SMTP_PASSWORD=changeme', // 4
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'env',
      line: 1,
      active: true,
      host: { value: 'mail.example.org', origin: 'literal', line: 1 },
      port: { value: 587, origin: 'literal', line: 2 },
      security: { value: 'unknown', line: 1 },
      password: { origin: 'placeholder', line: 4 },
    });
  });

  it('SMTP_ENABLED=false makes the block inert', () => {
    const ep = only(
      run('.env', [
        'SMTP_ENABLED=false', // 1
        'SMTP_HOST=smtp.example.com', // 2
        'SMTP_PORT=587', // 3
        'SMTP_USER=username', // 4
        'SMTP_PASSWORD=password', // 5
      ]),
    );
    expect(ep.active).toBe(false);
    expect(ep.password?.origin).toBe('placeholder');
  });

  it('${VAR} host and port are env references with no value', () => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=${MAIL_SERVER}', // 1
        'SMTP_PORT=${MAIL_PORT}', // 2
        'SMTP_USER=app', // 3
      ]),
    );
    expect(summary(ep)).toMatchObject({
      host: { origin: 'env', line: 1 },
      port: { origin: 'env', line: 2 },
    });
    expect(ep.host?.value).toBeUndefined();
    expect(ep.port?.value).toBeUndefined();
  });
});

describe('more documented switches', () => {
  it('Mastodon SMTP_ENABLE_STARTTLS_AUTO=false is plaintext; SMTP_AUTH_METHOD=none means no auth intended', () => {
    const ep = only(
      run('.env.production', [
        'SMTP_SERVER=relay.internal.example', // 1
        'SMTP_PORT=25', // 2
        'SMTP_LOGIN=', // 3
        'SMTP_AUTH_METHOD=none', // 4
        'SMTP_ENABLE_STARTTLS_AUTO=false', // 5
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'plain', at: { line: 5 } });
    expect(ep.authIntended).toBe(false);
  });

  it('Discourse ENABLE_START_TLS false is plaintext', () => {
    const ep = only(
      run('containers/app.yml', [
        'env:', // 1
        '  DISCOURSE_SMTP_ADDRESS: smtp.example.com', // 2
        '  DISCOURSE_SMTP_PORT: 587', // 3
        '  DISCOURSE_SMTP_ENABLE_START_TLS: false', // 4
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'plain', at: { line: 4 } });
  });

  it('Vaultwarden SMTP_SECURITY from env without a default is unknown, anchored on the key', () => {
    const ep = only(
      run('.env', [
        'SMTP_HOST=smtp.example.com', // 1
        'SMTP_FROM=vault@example.com', // 2
        'SMTP_SECURITY=${SMTP_SECURITY}', // 3
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'unknown', at: { line: 3 } });
  });

  it('Grafana GF_SMTP_HOST without a port is observed (Grafana fails: "missing port in address")', () => {
    const ep = only(
      run('.env', [
        'GF_SMTP_ENABLED=true', // 1
        'GF_SMTP_HOST=smtp.example.com', // 2
        'GF_SMTP_USER=grafana', // 3
      ]),
    );
    expect(ep.port?.value).toBeUndefined();
    expect(ep.ignored.map((o) => o.at.line)).toEqual([2]);
  });
});

describe('commented-out secrets in YAML env blocks', () => {
  it('Discourse: a commented DISCOURSE_SMTP_PASSWORD with a real value is a loose secret', () => {
    const secret = 'Xk82mQpL0vRt5Wn';
    const x = run('containers/app.yml', [
      'env:', // 1
      '  DISCOURSE_SMTP_ADDRESS: smtp.mailgun.org', // 2
      '  DISCOURSE_SMTP_PASSWORD: ""', // 3
      `  # DISCOURSE_SMTP_PASSWORD: "${secret}"`, // 4
    ]);
    expect(x.looseSecrets.map((l) => ({ line: l.at.line, key: l.key }))).toEqual([
      { line: 4, key: 'DISCOURSE_SMTP_PASSWORD' },
    ]);
    expectHidden(x, secret);
  });
});
