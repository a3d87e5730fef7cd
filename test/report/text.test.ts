import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { emptyReport, makeReport, sp001, sp003 } from './fixture.js';

const EXPECTED = `.env
  L2  error  SP001  Port 25 is for server-to-server relay; this application authenticates to \`smtp.example.com\`.
    fix: Set \`MAIL_PORT=587\` and \`MAIL_ENCRYPTION=tls\`.

config/mailer.js
  L4  note  SP012  The host comes from \`SMTP_HOST\` | unknown *here*.
    fix: Add a policy \`assume\`, or run the live probe.
  L5  warning  SP003  STARTTLS is only opportunistic on port 587: a man in the middle can strip it.
    fix: Set \`requireTLS: true\`.

1 error, 1 warning, 1 note in 2 files (2 endpoints)

Diagnostics
  warning  big/dump.sql: skipped: larger than 1048576 bytes
`;

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('renderText', () => {
  it('groups findings by file in line order, then the summary and the diagnostics', () => {
    expect(renderText(makeReport(), { color: false })).toBe(EXPECTED);
  });

  it('colours only when asked', () => {
    const colored = renderText(makeReport(), { color: true });
    expect(colored).toContain('\u001b[31merror\u001b[0m');
    expect(colored).toContain('\u001b[33mwarning\u001b[0m');
    expect(colored).toContain('\u001b[36mnote\u001b[0m');
    expect(stripAnsi(colored)).toBe(EXPECTED);
    expect(renderText(makeReport(), { color: false })).not.toContain('\u001b');
  });

  it('says when no SMTP configuration was found', () => {
    expect(renderText(emptyReport(), { color: false })).toBe('No SMTP configuration found.\n');
  });

  it('keeps diagnostics when nothing was found', () => {
    const report = makeReport({ endpoints: [], findings: [] });
    expect(renderText(report, { color: false })).toBe(
      'No SMTP configuration found.\n\nDiagnostics\n  warning  big/dump.sql: skipped: larger than 1048576 bytes\n',
    );
  });

  it('says when endpoints have no findings, and counts singulars', () => {
    const report = makeReport({
      endpoints: [makeReport().endpoints[0]],
      findings: [],
      diagnostics: [],
    });
    expect(renderText(report, { color: false })).toBe(
      'No findings.\n\n0 errors, 0 warnings, 0 notes in 1 file (1 endpoint)\n',
    );
  });

  it('counts suppressed findings and lists diagnostics without a file', () => {
    const report = makeReport({
      findings: [sp001],
      suppressed: [sp003],
      diagnostics: [{ level: 'info', message: 'not a git repository: listed files from disk' }],
    });
    expect(renderText(report, { color: false })).toBe(
      [
        '.env',
        '  L2  error  SP001  Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.',
        '    fix: Set `MAIL_PORT=587` and `MAIL_ENCRYPTION=tls`.',
        '',
        '1 error, 0 warnings, 0 notes in 2 files (2 endpoints), 1 suppressed',
        '',
        'Diagnostics',
        '  info  not a git repository: listed files from disk',
        '',
      ].join('\n'),
    );
  });

  it('indents continuation lines and neutralises control characters from scanned files', () => {
    const report = makeReport({
      endpoints: [],
      diagnostics: [],
      findings: [{ ...sp001, message: 'first\nsecond \u001b[2J', fix: 'a\nb' }],
    });
    expect(renderText(report, { color: false })).toBe(
      [
        '.env',
        '  L2  error  SP001  first',
        '    second ?[2J',
        '    fix: a',
        '         b',
        '',
        '1 error, 0 warnings, 0 notes in 1 file (0 endpoints)',
        '',
      ].join('\n'),
    );
  });
});
