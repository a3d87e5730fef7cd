/**
 * Kubernetes (SEMANTICS.md §11): `Secret.stringData` (plain text), `Secret.data` (base64, decoded
 * before reading and secret-scanning) and container `env[].value` / `valueFrom.secretKeyRef`
 * (a safe reference: origin `secret`, DESIGN.md §2).
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('Kubernetes Secret', () => {
  it('stringData with Vaultwarden keys: force_tls on 465 is implicit TLS; literal password hidden', () => {
    const secret = '9f2Kx7LmQ4pRzW8v';
    const x = run('k8s/vaultwarden-env.yaml', [
      'apiVersion: v1', // 1
      'kind: Secret', // 2
      'metadata:', // 3
      '  name: vaultwarden-env', // 4
      'type: Opaque', // 5
      'stringData:', // 6
      '  SMTP_HOST: smtp.eu.mailgun.org', // 7
      '  SMTP_PORT: "465"', // 8
      '  SMTP_SECURITY: force_tls', // 9
      '  SMTP_USERNAME: postmaster@mg.example.com', // 10
      `  SMTP_PASSWORD: "${secret}"`, // 11
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'vaultwarden',
      line: 7,
      active: true,
      host: { value: 'smtp.eu.mailgun.org', origin: 'literal', line: 7 },
      port: { value: 465, origin: 'literal', line: 8 },
      security: { value: 'implicit-tls', line: 9 },
      password: { origin: 'literal', line: 11 },
    });
    expectHidden(x, secret);
  });

  it('data (base64) with Django keys is decoded: EMAIL_USE_TLS True is required STARTTLS; neither the password nor its base64 leaks', () => {
    const secret = 'Lz8qV3mN6tRw2Kp';
    const x = run('k8s/django-mail-secret.yaml', [
      'apiVersion: v1', // 1
      'kind: Secret', // 2
      'metadata:', // 3
      '  name: django-mail', // 4
      'data:', // 5
      `  EMAIL_HOST: ${b64('smtp.sendgrid.net')}`, // 6
      `  EMAIL_PORT: ${b64('587')}`, // 7
      `  EMAIL_USE_TLS: ${b64('True')}`, // 8
      `  EMAIL_HOST_USER: ${b64('apikey')}`, // 9
      `  EMAIL_HOST_PASSWORD: ${b64(secret)}`, // 10
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'django',
      line: 6,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 6 },
      port: { value: 587, origin: 'literal', line: 7 },
      security: { value: 'starttls-required', line: 8 },
      password: { origin: 'literal', line: 10 },
    });
    expectHidden(x, secret, b64(secret));
  });

  it('a gomplate-templated Secret (.yaml.tpl): template values are env references, literal siblings still read', () => {
    const ep = only(
      run('k8s/vaultwarden-env.yaml.tpl', [
        'apiVersion: v1', // 1
        'kind: Secret', // 2
        'metadata:', // 3
        '  name: vault-env', // 4
        'stringData:', // 5
        '  SMTP_HOST: {{ .Env.SMTP_HOST }}', // 6
        '  SMTP_PORT: "465"', // 7
        '  SMTP_SECURITY: "force_tls"', // 8
        '  SMTP_USERNAME: {{ .Env.SMTP_USERNAME }}', // 9
        '  SMTP_PASSWORD: {{ .Env.SMTP_PASSWORD }}', // 10
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'vaultwarden',
      line: 6,
      host: { origin: 'env', line: 6 },
      port: { value: 465, origin: 'literal', line: 7 },
      security: { value: 'implicit-tls', line: 8 },
      password: { origin: 'env', line: 10 },
    });
  });
});

describe('Kubernetes Deployment env', () => {
  it('name/value items are read at the value line; valueFrom.secretKeyRef is a secret reference', () => {
    const x = run('deploy/web.yaml', [
      'apiVersion: apps/v1', // 1
      'kind: Deployment', // 2
      'metadata:', // 3
      '  name: web', // 4
      'spec:', // 5
      '  template:', // 6
      '    spec:', // 7
      '      containers:', // 8
      '        - name: web', // 9
      '          image: example/web:1.0', // 10
      '          env:', // 11
      '            - name: MAIL_MAILER', // 12
      '              value: smtp', // 13
      '            - name: MAIL_HOST', // 14
      '              value: smtp.postmarkapp.com', // 15
      '            - name: MAIL_PORT', // 16
      '              value: "587"', // 17
      '            - name: MAIL_USERNAME', // 18
      '              valueFrom:', // 19
      '                secretKeyRef:', // 20
      '                  name: mail', // 21
      '                  key: username', // 22
      '            - name: MAIL_PASSWORD', // 23
      '              valueFrom:', // 24
      '                secretKeyRef:', // 25
      '                  name: mail', // 26
      '                  key: password', // 27
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'laravel',
      line: 15,
      active: true,
      host: { value: 'smtp.postmarkapp.com', origin: 'literal', line: 15 },
      port: { value: 587, origin: 'literal', line: 17 },
      security: { value: 'starttls-opportunistic', line: 15 },
      password: { origin: 'secret', line: 23 },
    });
    expect(ep.user?.origin).toBe('secret');
    expect(ep.authIntended).toBe(true);
  });
});

describe('Kubernetes ConfigMap', () => {
  it('ConfigMap.data with Grafana GF_SMTP_* keys', () => {
    const ep = only(
      run('k8s/grafana-config.yaml', [
        'apiVersion: v1', // 1
        'kind: ConfigMap', // 2
        'metadata:', // 3
        '  name: grafana-env', // 4
        'data:', // 5
        '  GF_SMTP_ENABLED: "true"', // 6
        '  GF_SMTP_HOST: smtp.office365.com:587', // 7
        '  GF_SMTP_STARTTLS_POLICY: MandatoryStartTLS', // 8
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'grafana',
      line: 7,
      active: true,
      host: { value: 'smtp.office365.com', origin: 'literal', line: 7 },
      port: { value: 587, origin: 'literal', line: 7 },
      security: { value: 'starttls-required', line: 8 },
    });
  });
});
