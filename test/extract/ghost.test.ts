/**
 * Ghost `config.<env>.json` `mail.options` = nodemailer options (SEMANTICS.md §1): a `service`
 * preset supplies host, port and secure (Gmail: smtp.gmail.com:465 implicit TLS); `secure: false`
 * is opportunistic STARTTLS; DESIGN.md §3 "Effective values".
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Ghost config.production.json', () => {
  it('service "Gmail" gives smtp.gmail.com:465 implicit TLS (derived), anchored on the service line', () => {
    const ep = only(
      run('config.production.json', [
        '{', // 1
        '  "url": "https://blog.example.com",', // 2
        '  "mail": {', // 3
        '    "transport": "SMTP",', // 4
        '    "options": {', // 5
        '      "service": "Gmail",', // 6
        '      "auth": {', // 7
        '        "user": "your-email@gmail.com",', // 8
        '        "pass": "your-app-password"', // 9
        '      }', // 10
        '    }', // 11
        '  },', // 12
        '  "database": { "client": "sqlite3" }', // 13
        '}', // 14
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'ghost',
      line: 6,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'derived', line: 6 },
      port: { value: 465, origin: 'derived', line: 6 },
      security: { value: 'implicit-tls', line: 6 },
      password: { origin: 'placeholder', line: 9 },
    });
  });

  it('explicit host, port 587 and secure false: opportunistic STARTTLS on the secure line; literal pass hidden', () => {
    const secret = 'b7Fq9LmX2vTz8RkW';
    const x = run('config.production.json', [
      '{', // 1
      '  "mail": {', // 2
      '    "transport": "SMTP",', // 3
      '    "options": {', // 4
      '      "host": "smtp.mailgun.org",', // 5
      '      "port": 587,', // 6
      '      "secure": false,', // 7
      `      "auth": { "user": "postmaster@mg.example.com", "pass": "${secret}" }`, // 8
      '    }', // 9
      '  }', // 10
      '}', // 11
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'ghost',
      line: 5,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'starttls-opportunistic', line: 7 },
      password: { origin: 'literal', line: 8 },
    });
    expectHidden(x, secret);
  });

  it('service "Mailgun" preset (smtp.mailgun.org:465 secure)', () => {
    const ep = only(
      run('config.development.json', [
        '{', // 1
        '  "mail": {', // 2
        '    "transport": "SMTP",', // 3
        '    "options": {', // 4
        '      "service": "Mailgun",', // 5
        '      "auth": { "user": "postmaster@example.mailgun.org", "pass": "dummy" }', // 6
        '    }', // 7
        '  }', // 8
        '}', // 9
      ]),
    );
    expect(summary(ep)).toMatchObject({
      line: 5,
      host: { value: 'smtp.mailgun.org', origin: 'derived' },
      port: { value: 465, origin: 'derived' },
      security: { value: 'implicit-tls' },
      password: { origin: 'placeholder' },
    });
  });

  it('secure true on 587 stays implicit TLS as written (the mismatch is for the policy to judge)', () => {
    const ep = only(
      run('config.production.json', [
        '{', // 1
        '  "mail": {', // 2
        '    "options": {', // 3
        '      "host": "smtp.example.com",', // 4
        '      "port": 587,', // 5
        '      "secure": true,', // 6
        '      "auth": { "user": "blog", "pass": "" }', // 7
        '    }', // 8
        '  }', // 9
        '}', // 10
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 6 } });
    expect(ep.port).toMatchObject({ value: 587, origin: 'literal' });
  });
});

describe('nodemailer traps in Ghost config', () => {
  it('secureConnection is the nodemailer 0.x name: ignored (observed), so 587 stays opportunistic', () => {
    const ep = only(
      run('config.production.json', [
        '{', // 1
        '  "mail": {', // 2
        '    "options": {', // 3
        '      "host": "smtp.example.com",', // 4
        '      "port": 587,', // 5
        '      "secureConnection": true,', // 6
        '      "auth": { "user": "blog", "pass": "" }', // 7
        '    }', // 8
        '  }', // 9
        '}', // 10
      ]),
    );
    expect(ep.security.value).toBe('starttls-opportunistic');
    expect(ep.ignored.map((o) => o.at.line)).toEqual([6]);
  });

  it('an unknown service name is ignored (observed)', () => {
    const ep = only(
      run('config.production.json', [
        '{', // 1
        '  "mail": {', // 2
        '    "options": {', // 3
        '      "service": "MyCorpMail",', // 4
        '      "auth": { "user": "blog", "pass": "" }', // 5
        '    }', // 6
        '  }', // 7
        '}', // 8
      ]),
    );
    expect(ep.ignored.map((o) => o.at.line)).toEqual([4]);
  });
});
