/**
 * Helm values (SEMANTICS.md §6 Mastodon chart, §6 GitLab, §8 Grafana, §11): chart-specific trees
 * read with their product's semantics. DESIGN.md §3: `enabled: false` blocks are inert; SP013
 * (conflicts) for GitLab `tls` + `starttls_auto` both true (GitLab 15.11+ raises).
 */
import { describe, expect, it } from 'vitest';
import { only, run, summary } from './helpers.js';

describe('Helm mastodon.smtp', () => {
  it('enable_starttls: always is required STARTTLS; empty password is a placeholder', () => {
    const ep = only(
      run('charts/mastodon/values.yaml', [
        'mastodon:', // 1
        '  localDomain: social.example.com', // 2
        '  smtp:', // 3
        '    auth_method: plain', // 4
        '    delivery_method: smtp', // 5
        '    domain: social.example.com', // 6
        '    enable_starttls: always', // 7
        '    from_address: notifications@social.example.com', // 8
        '    openssl_verify_mode: peer', // 9
        '    port: 587', // 10
        '    server: smtp.mailgun.org', // 11
        '    login: postmaster@mg.example.com', // 12
        '    password: ""', // 13
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'rails-style',
      line: 11,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'literal', line: 11 },
      port: { value: 587, origin: 'literal', line: 10 },
      security: { value: 'starttls-required', line: 7 },
      password: { origin: 'placeholder', line: 13 },
    });
  });

  it('openssl_verify_mode: none turns verification off; enable_starttls: auto is opportunistic', () => {
    const ep = only(
      run('values.yaml', [
        'mastodon:', // 1
        '  smtp:', // 2
        '    server: smtp.example.com', // 3
        '    port: 587', // 4
        '    enable_starttls: auto', // 5
        '    openssl_verify_mode: none', // 6
        '    login: mastodon', // 7
      ]),
    );
    expect(summary(ep)).toMatchObject({
      security: { value: 'starttls-opportunistic', line: 5 },
      tlsVerify: { value: false, line: 6 },
    });
  });
});

describe('Helm gitlab global.smtp', () => {
  it('starttls_auto is opportunistic; password.secret is a secret reference; tls false + starttls_auto true is no conflict', () => {
    const ep = only(
      run('gitlab/values.yaml', [
        'global:', // 1
        '  hosts:', // 2
        '    domain: example.com', // 3
        '  smtp:', // 4
        '    enabled: true', // 5
        '    address: smtp.office365.com', // 6
        '    port: 587', // 7
        '    user_name: gitlab@example.com', // 8
        '    password:', // 9
        '      secret: gitlab-smtp-secret', // 10
        '      key: password', // 11
        '    authentication: login', // 12
        '    starttls_auto: true', // 13
        '    tls: false', // 14
        '    openssl_verify_mode: peer', // 15
        '    domain: example.com', // 16
      ]),
    );
    expect(summary(ep)).toMatchObject({
      line: 6,
      active: true,
      host: { value: 'smtp.office365.com', origin: 'literal', line: 6 },
      port: { value: 587, origin: 'literal', line: 7 },
      security: { value: 'starttls-opportunistic', line: 13 },
    });
    expect(ep.password?.origin).toBe('secret');
    expect(ep.tlsVerify).toBeUndefined();
    expect(ep.conflicts).toEqual([]);
  });

  it('tls: true with starttls_auto: true is a conflict (SP013: mail >= 2.8 / GitLab >= 15.11 raise)', () => {
    const ep = only(
      run('values.yaml', [
        'global:', // 1
        '  smtp:', // 2
        '    enabled: true', // 3
        '    address: smtp.gmail.com', // 4
        '    port: 465', // 5
        '    user_name: gitlab@example.com', // 6
        '    starttls_auto: true', // 7
        '    tls: true', // 8
      ]),
    );
    expect(ep.security.value).toBe('implicit-tls');
    expect(ep.conflicts).toHaveLength(1);
    expect([7, 8]).toContain(ep.conflicts[0].at.line);
  });

  it('enabled: false makes the block inert (active false)', () => {
    const ep = only(
      run('values.yaml', [
        'global:', // 1
        '  smtp:', // 2
        '    enabled: false', // 3
        '    address: smtp.mailgun.org', // 4
        '    port: 2525', // 5
        '    user_name: ""', // 6
        '    authentication: ""', // 7
        '    starttls_auto: false', // 8
      ]),
    );
    expect(ep.active).toBe(false);
    expect(ep.security).toMatchObject({ value: 'plain', at: { line: 8 } });
  });
});

describe('Helm grafana.ini.smtp', () => {
  it('port inside host, MandatoryStartTLS is required STARTTLS, $__env{} password is env', () => {
    const ep = only(
      run('grafana/values.yaml', [
        'replicas: 1', // 1
        'grafana.ini:', // 2
        '  smtp:', // 3
        '    enabled: true', // 4
        '    host: smtp.sendgrid.net:587', // 5
        '    user: apikey', // 6
        '    password: $__env{SMTP_PASSWORD}', // 7
        '    startTLS_policy: MandatoryStartTLS', // 8
        '    from_address: grafana@example.com', // 9
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'grafana',
      line: 5,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 5 },
      security: { value: 'starttls-required', line: 8 },
      password: { origin: 'env', line: 7 },
    });
  });

  it('nested under a parent chart (grafana: grafana.ini: smtp:) with skip_verify true and enabled false', () => {
    const ep = only(
      run('kube-prometheus-stack/values.yaml', [
        'grafana:', // 1
        '  grafana.ini:', // 2
        '    smtp:', // 3
        '      enabled: false', // 4
        '      host: smtp.example.com:25', // 5
        '      skip_verify: true', // 6
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'grafana',
      active: false,
      port: { value: 25, origin: 'literal', line: 5 },
      security: { value: 'starttls-opportunistic' },
      tlsVerify: { value: false, line: 6 },
    });
  });

  it('a Helm template value ({{ .Values... }}) is unknown, not a guess', () => {
    const ep = only(
      run('templates/configmap.yaml', [
        'apiVersion: v1', // 1
        'kind: ConfigMap', // 2
        'data:', // 3
        '  SMTP_SERVER: {{ .Values.smtp.server | quote }}', // 4
        '  SMTP_PORT: {{ .Values.smtp.port | quote }}', // 5
        '  SMTP_LOGIN: {{ .Values.smtp.login | quote }}', // 6
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'mastodon',
      host: { origin: 'env', line: 4 },
      port: { origin: 'env', line: 5 },
    });
    expect(ep.host?.value).toBeUndefined();
    expect(ep.port?.value).toBeUndefined();
  });
});
