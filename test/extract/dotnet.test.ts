/**
 * .NET appsettings*.json (SEMANTICS.md §9): `EnableSsl` is System.Net.Mail.SmtpClient, i.e. required
 * STARTTLS (SmtpClient has no implicit TLS, so EnableSsl on 465 is still STARTTLS);
 * `SecureSocketOptions` is MailKit: None / Auto / SslOnConnect / StartTls / StartTlsWhenAvailable.
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('.NET appsettings.json', () => {
  it('EnableSsl true on 587 is required STARTTLS; literal password hidden', () => {
    const secret = 'Pq8vLm2Xr7Tz4Wk9';
    const x = run('src/Web/appsettings.json', [
      '{', // 1
      '  "Logging": { "LogLevel": { "Default": "Information" } },', // 2
      '  "SmtpSettings": {', // 3
      '    "Server": "smtp-relay.brevo.com",', // 4
      '    "Port": 587,', // 5
      '    "SenderName": "Shop",', // 6
      '    "SenderEmail": "noreply@shop.example",', // 7
      '    "Username": "8a1b2c001@smtp-brevo.com",', // 8
      `    "Password": "${secret}",`, // 9
      '    "EnableSsl": true', // 10
      '  }', // 11
      '}', // 12
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'dotnet',
      line: 4,
      active: true,
      host: { value: 'smtp-relay.brevo.com', origin: 'literal', line: 4 },
      port: { value: 587, origin: 'literal', line: 5 },
      security: { value: 'starttls-required', line: 10 },
      password: { origin: 'literal', line: 9 },
    });
    expectHidden(x, secret);
  });

  it('EnableSsl true on 465 is still STARTTLS (SmtpClient cannot do implicit TLS)', () => {
    const ep = only(
      run('appsettings.Production.json', [
        '{', // 1
        '  "EmailSettings": {', // 2
        '    "Host": "smtp.gmail.com",', // 3
        '    "Port": 465,', // 4
        '    "EnableSsl": true,', // 5
        '    "UserName": "app@example.com",', // 6
        '    "Password": ""', // 7
        '  }', // 8
        '}', // 9
      ]),
    );
    expect(summary(ep)).toMatchObject({
      port: { value: 465, origin: 'literal', line: 4 },
      security: { value: 'starttls-required', line: 5 },
      password: { origin: 'placeholder', line: 7 },
    });
  });

  it('EnableSsl false is plaintext', () => {
    const ep = only(
      run('appsettings.json', [
        '{', // 1
        '  "Smtp": {', // 2
        '    "Host": "mail.example.org",', // 3
        '    "Port": 25,', // 4
        '    "EnableSsl": false,', // 5
        '    "Password": ""', // 6
        '  }', // 7
        '}', // 8
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'plain', at: { line: 5 } });
  });

  it.each([
    ['SslOnConnect', 465, 'implicit-tls'],
    ['StartTls', 587, 'starttls-required'],
    ['StartTlsWhenAvailable', 587, 'starttls-opportunistic'],
    ['None', 25, 'plain'],
    ['Auto', 465, 'implicit-tls'],
    ['Auto', 587, 'starttls-opportunistic'],
  ] as const)('MailKit SecureSocketOptions %s on %i is %s', (opt, port, security) => {
    const ep = only(
      run('appsettings.Development.json', [
        '{', // 1
        '  "MailSettings": {', // 2
        '    "Host": "smtp.example.com",', // 3
        `    "Port": ${port},`, // 4
        `    "SecureSocketOptions": "${opt}",`, // 5
        '    "UserName": "app@example.com",', // 6
        '    "Password": ""', // 7
        '  }', // 8
        '}', // 9
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'dotnet',
      line: 3,
      port: { value: port, origin: 'literal', line: 4 },
      security: { value: security, line: 5 },
    });
  });
});
