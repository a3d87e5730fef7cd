import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/model.js';
import { omittedNotice, toAnnotations } from '../../src/report/annotations.js';
import { makeReport, sp001 } from './fixture.js';

function findings(severity: Severity, count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    ...sp001,
    severity,
    at: { file: `${severity}.env`, line: i + 1 },
  }));
}

describe('toAnnotations', () => {
  it('maps findings to annotations, errors first, with titles from the map', () => {
    const result = toAnnotations(makeReport(), { titles: { SP001: 'Port 25 for submission' } });
    expect(result).toEqual({
      omitted: 0,
      annotations: [
        {
          level: 'error',
          title: 'SP001: Port 25 for submission',
          message:
            'Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.\nFix: Set `MAIL_PORT=587` and `MAIL_ENCRYPTION=tls`.',
          file: '.env',
          startLine: 2,
          startColumn: 11,
        },
        {
          level: 'warning',
          title: 'SP003',
          message:
            'STARTTLS is only opportunistic on port 587: a man in the middle can strip it.\nFix: Set `requireTLS: true`.',
          file: 'config/mailer.js',
          startLine: 5,
        },
        {
          level: 'notice',
          title: 'SP012',
          message:
            'The host comes from `SMTP_HOST` | unknown *here*.\nFix: Add a policy `assume`, or run the live probe.',
          file: 'config/mailer.js',
          startLine: 4,
          endLine: 6,
        },
      ],
    });
  });

  it('prefixes files with the scanned root relative to the repository', () => {
    const { annotations } = toAnnotations(makeReport(), { filePrefix: 'services/api/' });
    expect(annotations.map((a) => a.file)).toEqual([
      'services/api/.env',
      'services/api/config/mailer.js',
      'services/api/config/mailer.js',
    ]);
  });

  it('keeps a column only on a single-line annotation', () => {
    const report = makeReport({
      findings: [
        { ...sp001, at: { file: 'a', line: 3, column: 5, endLine: 3 } },
        { ...sp001, at: { file: 'b', line: 3, column: 5, endLine: 4 } },
      ],
    });
    const [same, spanning] = toAnnotations(report).annotations;
    expect(same).toMatchObject({ startLine: 3, startColumn: 5 });
    expect(same.endLine).toBeUndefined();
    expect(spanning).toMatchObject({ startLine: 3, endLine: 4 });
    expect(spanning.startColumn).toBeUndefined();
  });

  it('keeps at most 10 per level and leaves room for the "N more" notice', () => {
    const report = makeReport({
      findings: [...findings('note', 12), ...findings('warning', 12), ...findings('error', 12)],
    });
    const { annotations, omitted } = toAnnotations(report);
    const levels = annotations.map((a) => a.level);
    expect(levels).toEqual([
      ...Array(10).fill('error'),
      ...Array(10).fill('warning'),
      ...Array(9).fill('notice'),
    ]);
    expect(annotations[0]).toMatchObject({ file: 'error.env', startLine: 1 });
    expect(omitted).toBe(36 - 29);
    expect(omittedNotice(omitted)).toBe('7 more findings not annotated: see the job summary');
    expect(omittedNotice(1)).toBe('1 more finding not annotated: see the job summary');
  });

  it('keeps ten notices when nothing is left out', () => {
    const { annotations, omitted } = toAnnotations(makeReport({ findings: findings('note', 10) }));
    expect(annotations).toHaveLength(10);
    expect(omitted).toBe(0);
  });

  it('drops the tenth notice when errors were left out', () => {
    const report = makeReport({ findings: [...findings('error', 11), ...findings('note', 10)] });
    const { annotations, omitted } = toAnnotations(report);
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'notice')).toHaveLength(9);
    expect(omitted).toBe(2);
  });
});
