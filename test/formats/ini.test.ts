import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/extract/formats/ini.js';

describe('parseIni', () => {
  it('parses a Grafana ini with commented, triple-quoted and inline-commented values', () => {
    const text = [
      'app_mode = production', // 1
      '#################################### SMTP / Emailing ##########################', // 2
      '[smtp]', // 3
      'enabled = true', // 4
      'host = smtp.gmail.com:587', // 5
      'user = admin@example.com', // 6
      '# If the password contains # or ; you have to wrap it with triple quotes. Ex """#password;"""', // 7
      ';password = x', // 8
      'password = """#pa;ss"""', // 9
      'cert_file =', // 10
      ';key_file =', // 11
      'skip_verify = false ; not verified', // 12
      'from_address = "admin@grafana.localhost"', // 13
      'from_name = Grafana # inline', // 14
      'ehlo_identity = dashboard.example.com#anchor;x', // 15
      '  startTLS_policy: MandatoryStartTLS', // 16
      '', // 17
      '[ emails ] ; trailing', // 18
      'welcome_email_on_sign_up = false', // 19
      '# templates_pattern = emails/*.html', // 20
    ].join('\n');
    const { entries, diagnostics } = parseIni(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['', 'app_mode'],
        value: 'production',
        raw: 'production',
        quoted: false,
        line: 1,
        column: 1,
      },
      { path: ['smtp', 'enabled'], value: 'true', raw: 'true', quoted: false, line: 4, column: 1 },
      {
        path: ['smtp', 'host'],
        value: 'smtp.gmail.com:587',
        raw: 'smtp.gmail.com:587',
        quoted: false,
        line: 5,
        column: 1,
      },
      {
        path: ['smtp', 'user'],
        value: 'admin@example.com',
        raw: 'admin@example.com',
        quoted: false,
        line: 6,
        column: 1,
      },
      {
        path: ['smtp', 'password'],
        value: 'x',
        raw: 'x',
        quoted: false,
        line: 8,
        column: 2,
        commented: true,
      },
      {
        path: ['smtp', 'password'],
        value: '#pa;ss',
        raw: '#pa;ss',
        quoted: true,
        line: 9,
        column: 1,
      },
      { path: ['smtp', 'cert_file'], value: '', raw: '', quoted: false, line: 10, column: 1 },
      {
        path: ['smtp', 'key_file'],
        value: '',
        raw: '',
        quoted: false,
        line: 11,
        column: 2,
        commented: true,
      },
      {
        path: ['smtp', 'skip_verify'],
        value: 'false',
        raw: 'false',
        quoted: false,
        line: 12,
        column: 1,
      },
      {
        path: ['smtp', 'from_address'],
        value: 'admin@grafana.localhost',
        raw: 'admin@grafana.localhost',
        quoted: true,
        line: 13,
        column: 1,
      },
      {
        path: ['smtp', 'from_name'],
        value: 'Grafana',
        raw: 'Grafana',
        quoted: false,
        line: 14,
        column: 1,
      },
      {
        path: ['smtp', 'ehlo_identity'],
        value: 'dashboard.example.com#anchor;x',
        raw: 'dashboard.example.com#anchor;x',
        quoted: false,
        line: 15,
        column: 1,
      },
      {
        path: ['smtp', 'startTLS_policy'],
        value: 'MandatoryStartTLS',
        raw: 'MandatoryStartTLS',
        quoted: false,
        line: 16,
        column: 3,
      },
      {
        path: ['emails', 'welcome_email_on_sign_up'],
        value: 'false',
        raw: 'false',
        quoted: false,
        line: 19,
        column: 1,
      },
      {
        path: ['emails', 'templates_pattern'],
        value: 'emails/*.html',
        raw: 'emails/*.html',
        quoted: false,
        line: 20,
        column: 3,
        commented: true,
      },
    ]);
  });

  it('reads multi-line triple-quoted values and keeps line numbers after them', () => {
    const { entries, diagnostics } = parseIni(
      '[smtp]\r\npassword = """line1\r\n;line2"""\r\nuser = u\r\n',
    );
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['smtp', 'password'],
        value: 'line1\n;line2',
        raw: 'line1\n;line2',
        quoted: true,
        line: 2,
        column: 1,
      },
      { path: ['smtp', 'user'], value: 'u', raw: 'u', quoted: false, line: 4, column: 1 },
    ]);
  });

  it('reports unterminated section headers and triple quotes', () => {
    const { entries, diagnostics } = parseIni('[smtp\nhost = h\npassword = """abc\n');
    expect(entries.map((e) => [...e.path, e.value])).toEqual([
      ['', 'host', 'h'],
      ['', 'password', '"""abc'],
    ]);
    expect(diagnostics).toEqual([
      'malformed INI at line 1: unterminated section header',
      'malformed INI at line 3: unterminated """ value',
    ]);
  });
});
