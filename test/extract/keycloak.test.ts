/**
 * Keycloak realm `smtpServer` (SEMANTICS.md §7): string values; `ssl: "true"` is implicit TLS,
 * `starttls: "true"` is opportunistic (Keycloak never sets `.required`); neither is plaintext; no
 * port means Jakarta's 25; exports mask the password as `**********` (a placeholder).
 */
import { describe, expect, it } from 'vitest';
import { only, run, summary } from './helpers.js';

describe('Keycloak smtpServer', () => {
  it('realm export JSON: starttls "true" is opportunistic; masked password is a placeholder', () => {
    const ep = only(
      run('realm-export.json', [
        '{', // 1
        '  "realm": "acme",', // 2
        '  "enabled": true,', // 3
        '  "smtpServer": {', // 4
        '    "host": "smtp.sendgrid.net",', // 5
        '    "port": "587",', // 6
        '    "from": "no-reply@acme.example",', // 7
        '    "auth": "true",', // 8
        '    "starttls": "true",', // 9
        '    "ssl": "false",', // 10
        '    "user": "apikey",', // 11
        '    "password": "**********"', // 12
        '  }', // 13
        '}', // 14
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'keycloak',
      line: 5,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'starttls-opportunistic', line: 9 },
      password: { origin: 'placeholder', line: 12 },
    });
    expect(ep.authIntended).toBe(true);
  });

  it('KeycloakRealmImport YAML: ssl "true" on 465 is implicit TLS; ${VAR} password is env', () => {
    const ep = only(
      run('k8s/realm-import.yaml', [
        'apiVersion: k8s.keycloak.org/v2alpha1', // 1
        'kind: KeycloakRealmImport', // 2
        'metadata:', // 3
        '  name: acme', // 4
        'spec:', // 5
        '  keycloakCRName: keycloak', // 6
        '  realm:', // 7
        '    realm: acme', // 8
        '    smtpServer:', // 9
        '      host: mail.acme.example', // 10
        '      port: "465"', // 11
        '      ssl: "true"', // 12
        '      starttls: "false"', // 13
        '      auth: "true"', // 14
        '      user: keycloak@acme.example', // 15
        '      password: "${SMTP_PASSWORD}"', // 16
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'keycloak',
      line: 10,
      active: true,
      host: { value: 'mail.acme.example', origin: 'literal', line: 10 },
      port: { value: 465, origin: 'literal', line: 11 },
      security: { value: 'implicit-tls', line: 12 },
      password: { origin: 'env', line: 16 },
    });
  });

  it('no ssl/starttls keys and no port: plaintext on Jakarta default 25, anchored on the host line', () => {
    const ep = only(
      run('realm.json', [
        '{', // 1
        '  "smtpServer": {', // 2
        '    "host": "mail.acme.example",', // 3
        '    "from": "keycloak@acme.example"', // 4
        '  }', // 5
        '}', // 6
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'keycloak',
      line: 3,
      active: true,
      host: { value: 'mail.acme.example', origin: 'literal', line: 3 },
      port: { value: 25, origin: 'derived', line: 3 },
      security: { value: 'plain', line: 3 },
    });
    expect(ep.authIntended).toBe(false);
  });
});
