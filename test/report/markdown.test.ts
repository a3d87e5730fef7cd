import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { emptyReport, laravel, makeReport, nodemailer, sp001, sp012 } from './fixture.js';

const FOOTER =
  '\n---\n<sub>smtp-preflight 9.9.9 · run it locally: `npx smtp-preflight scan .`</sub>\n';

const EXPECTED = `### ❌ smtp-preflight failed (fail-on: error): 1 error, 1 warning, 1 note in 2 files (2 endpoints)

| Endpoint | Product | Host | Port | Effective security | Verdict |
| --- | --- | --- | --- | --- | --- |
| \`.env:1\` | Laravel (MAIL\\_\\*) | smtp.example.com | 25 | plain | ❌ error |
| \`config/mailer.js:4\` | Nodemailer | \`env:SMTP_HOST\` | 587 | starttls-opportunistic | ⚠️ warning |

#### Errors (1)

- **[SP001](https://example.test/rules/SP001)** \`.env:2\`: Port 25 is for server-to-server relay; this application authenticates to \`smtp.example.com\`.

  **Fix:** Set \`MAIL_PORT=587\` and \`MAIL_ENCRYPTION=tls\`.

#### Warnings (1)

- **[SP003](https://example.test/rules/SP003)** \`config/mailer.js:5\`: STARTTLS is only opportunistic on port 587: a man in the middle can strip it.

  **Fix:** Set \`requireTLS: true\`.

#### Notes (1)

- **[SP012](https://example.test/rules/SP012)** \`config/mailer.js:4\`: The host comes from \`SMTP_HOST\` \\| unknown \\*here\\*.

  **Fix:** Add a policy \`assume\`, or run the live probe.

<details><summary>Diagnostics (1)</summary>

- warning: \`big/dump.sql\`: skipped: larger than 1048576 bytes

</details>
${FOOTER}`;

describe('renderMarkdown', () => {
  it('renders the verdict, the endpoint table, findings by severity, diagnostics and the footer', () => {
    expect(renderMarkdown(makeReport())).toBe(EXPECTED);
  });

  it('says when no SMTP configuration was found', () => {
    expect(renderMarkdown(emptyReport())).toBe(
      `### ✅ smtp-preflight passed (fail-on: error): no SMTP configuration found\n${FOOTER}`,
    );
  });

  it('follows fail-on, marks inactive endpoints and counts suppressed findings', () => {
    const report = makeReport({
      endpoints: [{ ...nodemailer, active: false, inactiveReason: 'enabled: false' }],
      findings: [sp012],
      suppressed: [sp001],
      diagnostics: [],
    });
    expect(renderMarkdown(report, { failOn: 'never' })).toBe(
      [
        '### ✅ smtp-preflight passed (fail-on: never): 0 errors, 0 warnings, 1 note in 1 file (1 endpoint)',
        '',
        '| Endpoint | Product | Host | Port | Effective security | Verdict |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `config/mailer.js:4` | Nodemailer | `env:SMTP_HOST` | 587 | starttls-opportunistic | ℹ️ note (inactive: enabled: false) |',
        '',
        '#### Notes (1)',
        '',
        '- **[SP012](https://example.test/rules/SP012)** `config/mailer.js:4`: The host comes from `SMTP_HOST` \\| unknown \\*here\\*.',
        '',
        '  **Fix:** Add a policy `assume`, or run the live probe.',
        '',
        '_1 finding suppressed by `smtp-preflight-ignore` comments (listed in the JSON report)._',
      ].join('\n') + `\n${FOOTER}`,
    );
  });

  it('fails on warnings when fail-on is warning', () => {
    const report = makeReport({ findings: [{ ...sp012, severity: 'warning' }] });
    expect(renderMarkdown(report, { failOn: 'warning' }).split('\n')[0]).toBe(
      '### ❌ smtp-preflight failed (fail-on: warning): 0 errors, 1 warning, 0 notes in 2 files (2 endpoints)',
    );
    expect(renderMarkdown(report).split('\n')[0]).toMatch(/^### ✅ smtp-preflight passed/);
  });

  it('shows references, unknowns and escapes table cells', () => {
    const at = { file: 'a|b.yml', line: 3 };
    const report = makeReport({
      findings: [],
      diagnostics: [],
      endpoints: [
        {
          ...laravel,
          id: 'a|b.yml:3',
          at,
          product: 'Odd | <b>product</b>',
          host: { raw: '${{ secrets.SMTP_HOST }}', at, origin: 'secret', key: 'host' },
          port: { raw: '${SMTP_PORT}', at, origin: 'env', key: 'port' },
          security: { raw: 'changeme', at, origin: 'placeholder' },
        },
        { ...nodemailer, host: undefined, port: { raw: "env('MAIL_PORT')", at, origin: 'env' } },
        {
          ...nodemailer,
          host: { raw: '{{ .Env.GLOBAL_SMTP_HOST }}', at, origin: 'env', key: 'SMTP_HOST' },
          port: { raw: '%env(int:MAILER_PORT)%', at, origin: 'env', key: 'port' },
          security: { raw: '<%= ENV.fetch(SMTP_TLS) %>', at, origin: 'env', key: 'tls' },
        },
        {
          ...nodemailer,
          host: { raw: 'process.env.SMTP_HOST', at, origin: 'env', key: 'host' },
          port: { raw: '${SMTP_PORT:-}', at, origin: 'env', key: 'port' },
          security: { raw: 'System.getenv', at, origin: 'env', key: 'secure' },
        },
      ],
    });
    const rows = renderMarkdown(report).split('\n').slice(4, 8);
    expect(rows).toEqual([
      '| `a\\|b.yml:3` | Odd \\| &lt;b&gt;product&lt;/b&gt; | `secret:SMTP_HOST` | `env:SMTP_PORT` | ? | ✅ ok |',
      '| `config/mailer.js:4` | Nodemailer | ? | `env:MAIL_PORT` | starttls-opportunistic | ✅ ok |',
      '| `config/mailer.js:4` | Nodemailer | `env:GLOBAL_SMTP_HOST` | `env:MAILER_PORT` | `env:SMTP_TLS` | ✅ ok |',
      '| `config/mailer.js:4` | Nodemailer | `env:SMTP_HOST` | `env:SMTP_PORT` | `env:secure` | ✅ ok |',
    ]);
  });

  it('escapes markdown-sensitive characters', () => {
    expect(escapeMarkdown('a|b *c* _d_ [e](f) <g> `h` \\ ~i~ #j !k\nl & m')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; \\`h\\` \\\\ \\~i\\~ \\#j \\!k l &amp; m',
    );
  });

  it('truncates to the byte budget with a notice and keeps the footer', () => {
    const many: Finding[] = Array.from({ length: 500 }, (_, i) => ({
      ...sp001,
      at: { file: '.env', line: i + 1 },
      message: `finding number ${i} ${'x'.repeat(100)}`,
    }));
    const report = makeReport({ findings: many });
    const text = renderMarkdown(report, { maxBytes: 8000 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(8000);
    const shown = text.match(/^- \*\*\[SP001\]/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(500);
    expect(text).toContain(
      `> Truncated to fit GitHub's 1 MiB summary limit: ${shown} of 500 findings shown.`,
    );
    expect(text.endsWith(FOOTER)).toBe(true);
    expect(text).not.toContain('<details>');
  });

  it('stays under 1 MiB by default', () => {
    const many: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
      ...sp001,
      at: { file: '.env', line: i + 1 },
      message: 'y'.repeat(400),
    }));
    const text = renderMarkdown(makeReport({ findings: many }));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    expect(text).toContain('> Truncated to fit');
  });
});
