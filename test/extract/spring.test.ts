/**
 * Spring Boot `spring.mail.*` and raw Jakarta Mail `mail.smtp(s).*` (SEMANTICS.md §7): no STARTTLS
 * unless `starttls.enable` (opportunistic) or `.required`; default port 25 (465 for smtps);
 * properties read for the active protocol only; `socketFactory.class=SSLSocketFactory` is implicit
 * TLS; `ssl.trust=*` turns verification off.
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Spring application.yml', () => {
  it('nested properties: starttls.required=true is required STARTTLS', () => {
    const ep = only(
      run('src/main/resources/application.yml', [
        'server:', // 1
        '  port: 8080', // 2
        'spring:', // 3
        '  mail:', // 4
        '    host: smtp.gmail.com', // 5
        '    port: 587', // 6
        '    username: app@example.com', // 7
        '    password: ${MAIL_PASSWORD}', // 8
        '    properties:', // 9
        '      mail:', // 10
        '        smtp:', // 11
        '          auth: true', // 12
        '          starttls:', // 13
        '            enable: true', // 14
        '            required: true', // 15
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'spring',
      line: 5,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'starttls-required', line: 15 },
      password: { origin: 'env', line: 8 },
    });
  });

  it('flat "[mail.smtp.starttls.enable]" alone is opportunistic', () => {
    const ep = only(
      run('application.yml', [
        'spring:', // 1
        '  mail:', // 2
        '    host: smtp.office365.com', // 3
        '    port: 587', // 4
        '    username: noreply@example.com', // 5
        '    password: ${MAIL_PASSWORD}', // 6
        '    properties:', // 7
        '      "[mail.smtp.auth]": true', // 8
        '      "[mail.smtp.starttls.enable]": true', // 9
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'spring',
      line: 3,
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'starttls-opportunistic', line: 9 },
    });
  });

  it('flat "[mail.smtp.ssl.enable]" on 465 is implicit TLS (STARTTLS keys beside it are redundant)', () => {
    const ep = only(
      run('application-prod.yml', [
        'spring:', // 1
        '  mail:', // 2
        '    host: smtp.mxhichina.com', // 3
        '    port: 465', // 4
        '    properties:', // 5
        '      "[mail.smtp.auth]": true', // 6
        '      "[mail.smtp.ssl.enable]": true', // 7
        '      "[mail.smtp.starttls.enable]": true', // 8
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 7 } });
    expect(ep.conflicts).toEqual([]);
  });

  it('no port and no TLS keys: Jakarta default 25, plaintext', () => {
    const ep = only(
      run('application-dev.yml', [
        'spring:', // 1
        '  mail:', // 2
        '    host: localhost', // 3
      ]),
    );
    expect(ep.port).toMatchObject({ value: 25, origin: 'derived' });
    expect(ep.security.value).toBe('plain');
  });
});

describe('Spring application.properties', () => {
  it('spring.mail.* with no STARTTLS property is plaintext even on 587, anchored on the host line', () => {
    const secret = 'Tr0ub4dor&3xQ';
    const x = run('src/main/resources/application.properties', [
      'spring.mail.host=smtp.gmail.com', // 1
      'spring.mail.port=587', // 2
      'spring.mail.username=someone@gmail.com', // 3
      `spring.mail.password=${secret}`, // 4
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'spring',
      line: 1,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 1 },
      port: { value: 587, origin: 'literal', line: 2 },
      security: { value: 'plain', line: 1 },
      password: { origin: 'literal', line: 4 },
    });
    expectHidden(x, secret);
  });

  it('protocol smtps: implicit TLS on derived 465; mail.smtp.* keys are not read (ignored), so ssl.trust=* does not apply', () => {
    const ep = only(
      run('application.properties', [
        'spring.mail.host=smtp.qq.com', // 1
        'spring.mail.protocol=smtps', // 2
        'spring.mail.username=12345@qq.com', // 3
        'spring.mail.password=${MAIL_PASSWORD}', // 4
        'spring.mail.properties.mail.smtp.auth=true', // 5
        'spring.mail.properties.mail.smtp.ssl.trust=*', // 6
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'spring',
      line: 1,
      active: true,
      host: { value: 'smtp.qq.com', origin: 'literal', line: 1 },
      port: { value: 465, origin: 'derived', line: 1 },
      security: { value: 'implicit-tls', line: 2 },
      password: { origin: 'env', line: 4 },
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([5]);
  });

  it('spring.mail.properties.mail.smtp.starttls.required=true is required STARTTLS', () => {
    const ep = only(
      run('application.properties', [
        'spring.mail.host=smtp.example.com', // 1
        'spring.mail.port=587', // 2
        'spring.mail.properties.mail.smtp.starttls.enable=true', // 3
        'spring.mail.properties.mail.smtp.starttls.required=true', // 4
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'starttls-required', at: { line: 4 } });
  });
});

describe('raw Jakarta Mail mail.smtp(s).* properties', () => {
  it('mail.smtps.* with mail.transport.protocol=smtps: implicit TLS, ssl.trust=* turns verification off', () => {
    const ep = only(
      run('src/main/resources/mail.properties', [
        'mail.transport.protocol=smtps', // 1
        'mail.smtps.host=smtp.qq.com', // 2
        'mail.smtps.port=465', // 3
        'mail.smtps.auth=true', // 4
        'mail.smtps.ssl.trust=*', // 5
        'mail.user=bot@qq.com', // 6
        'mail.password=', // 7
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'javamail',
      line: 2,
      active: true,
      host: { value: 'smtp.qq.com', origin: 'literal', line: 2 },
      port: { value: 465, origin: 'literal', line: 3 },
      security: { value: 'implicit-tls', line: 1 },
      tlsVerify: { value: false, line: 5 },
      password: { origin: 'placeholder', line: 7 },
    });
  });

  it('legacy socketFactory.class=javax.net.ssl.SSLSocketFactory is implicit TLS', () => {
    const ep = only(
      run('mail.properties', [
        'mail.smtp.host=smtp.example.com', // 1
        'mail.smtp.port=465', // 2
        'mail.smtp.auth=true', // 3
        'mail.smtp.socketFactory.port=465', // 4
        'mail.smtp.socketFactory.class=javax.net.ssl.SSLSocketFactory', // 5
        'mail.smtp.socketFactory.fallback=false', // 6
        'mail.smtp.ssl.trust=*', // 7
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'javamail',
      line: 1,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 1 },
      port: { value: 465, origin: 'literal', line: 2 },
      security: { value: 'implicit-tls', line: 5 },
      tlsVerify: { value: false, line: 7 },
    });
  });

  it('mail.smtp.starttls.enable=true alone is opportunistic; no port means 25', () => {
    const ep = only(
      run('javamail.properties', [
        'mail.smtp.host=mail.example.org', // 1
        'mail.smtp.auth=true', // 2
        'mail.smtp.starttls.enable=true', // 3
      ]),
    );
    expect(summary(ep)).toMatchObject({
      port: { value: 25, origin: 'derived' },
      security: { value: 'starttls-opportunistic', line: 3 },
    });
  });
});

describe('Spring relaxed-binding env vars (SPRING_MAIL_*)', () => {
  it('compose environment SPRING_MAIL_* is read as Spring: STARTTLS_ENABLE alone is opportunistic', () => {
    const ep = only(
      run('docker-compose.yml', [
        'services:', // 1
        '  api:', // 2
        '    image: example/api:1.0', // 3
        '    environment:', // 4
        '      SPRING_MAIL_HOST: smtp.gmail.com', // 5
        '      SPRING_MAIL_PORT: 587', // 6
        '      SPRING_MAIL_USERNAME: app@example.com', // 7
        '      SPRING_MAIL_PASSWORD: ${MAIL_PASSWORD}', // 8
        '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE: "true"', // 9
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'spring',
      line: 5,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'starttls-opportunistic', line: 9 },
      password: { origin: 'env', line: 8 },
    });
  });

  it('.env SPRING_MAIL_* without STARTTLS keys is plaintext (Jakarta never upgrades by itself)', () => {
    const ep = only(
      run('.env', [
        'SPRING_MAIL_HOST=smtp.office365.com', // 1
        'SPRING_MAIL_PORT=587', // 2
        'SPRING_MAIL_USERNAME=app@example.com', // 3
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'spring',
      line: 1,
      port: { value: 587, origin: 'literal', line: 2 },
      security: { value: 'plain', line: 1 },
    });
  });
});

describe('Spring ssl.enabled', () => {
  it('spring.mail.ssl.enabled=true is implicit TLS', () => {
    const ep = only(
      run('application.properties', [
        'spring.mail.host=smtp.example.com', // 1
        'spring.mail.port=465', // 2
        'spring.mail.ssl.enabled=true', // 3
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 3 } });
  });
});

describe('commented-out Spring passwords are still committed (loose secrets)', () => {
  it('#spring.mail.password=<real> in application.properties', () => {
    const secret = 'Tr0ub4dor&3xQ';
    const x = run('application.properties', [
      'spring.mail.host=smtp.gmail.com', // 1
      'spring.mail.port=587', // 2
      'spring.mail.password=${MAIL_PASSWORD}', // 3
      `#spring.mail.password=${secret}`, // 4
    ]);
    expect(x.looseSecrets.map((l) => l.at.line)).toEqual([4]);
    expectHidden(x, secret);
  });

  it('# password: <real> inside the spring.mail block of application.yml', () => {
    const secret = 'Tr0ub4dor&3xQ';
    const x = run('application.yml', [
      'spring:', // 1
      '  mail:', // 2
      '    host: smtp.gmail.com', // 3
      '    username: app@example.com', // 4
      '    password: ${MAIL_PASSWORD}', // 5
      `    # password: ${secret}`, // 6
    ]);
    expect(x.looseSecrets.map((l) => l.at.line)).toEqual([6]);
    expectHidden(x, secret);
  });
});
