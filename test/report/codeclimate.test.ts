/**
 * `--format codeclimate`, the GitLab Code Quality report. Validated with Ajv against
 * test/fixtures/codeclimate-issue.schema.json, written from:
 * - the Code Climate engine specification, "Data types" → "Issues", "Locations", "Contents"
 *   (https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md#data-types), and
 * - GitLab's "Code Quality" page, "Implement a custom tool"
 *   (https://docs.gitlab.com/ci/testing/code_quality/#implement-a-custom-tool), whose example
 *   report is checked against the same schema below (with the fields GitLab reads).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/model.js';
import { RULES } from '../../src/policy/rules.js';
import {
  CATEGORIES,
  codeQualitySeverity,
  renderCodeClimate,
  renderCodeClimateString,
  type CodeQualityIssue,
} from '../../src/report/codeclimate.js';
import { SECURITY_SEVERITY } from '../../src/report/sarif.js';
import { emptyReport, makeReport, sp001, sp003, sp012 } from './fixture.js';

const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/codeclimate-issue.schema.json'), 'utf8'),
) as object;
// strictRequired off: the location's `oneOf` requires `lines` or `positions`, defined one level up.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);

function expectValid(data: unknown): void {
  const ok = validate(data);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

const withFingerprints = (findings: Finding[]): Finding[] =>
  findings.map((f, i) => ({ ...f, fingerprint: `fp${i}` }));

describe('the schema', () => {
  it("accepts the example report from GitLab's docs, completed with the spec's required fields", () => {
    // GitLab's example, plus `type` and `categories` (the Code Climate spec requires them) and
    // `lines.end` (the spec's line-based location has both ends).
    expectValid([
      {
        type: 'issue',
        categories: ['Style'],
        description: "'unused' is assigned a value but never used.",
        check_name: 'no-unused-vars',
        fingerprint: '7815696ecbf1c96e6894b779456d330e',
        severity: 'minor',
        location: { path: 'lib/index.js', lines: { begin: 42, end: 42 } },
      },
    ]);
  });

  it("accepts the spec's position-based location", () => {
    expectValid([
      {
        type: 'issue',
        categories: ['Complexity'],
        description: 'Unused local variable `foo`',
        check_name: 'Bug Risk/Unused Variable',
        fingerprint: 'abcd1234',
        severity: 'info',
        location: {
          path: 'path/to/file.css',
          positions: { begin: { line: 3, column: 10 }, end: { line: 4, column: 12 } },
        },
      },
    ]);
  });

  it.each([
    ['a multi-line description', { description: 'one\ntwo' }],
    ['an unknown severity', { severity: 'error' }],
    ['an unknown category', { categories: ['Security', 'Secrets'] }],
    ['no fingerprint', { fingerprint: undefined }],
    ['an absolute path', { location: { path: '/repo/.env', lines: { begin: 1, end: 1 } } }],
  ])('rejects %s', (_, change) => {
    const [issue] = renderCodeClimate(makeReport({ findings: withFingerprints([sp001]) }));
    const broken = JSON.parse(JSON.stringify({ ...issue, ...change })) as object;
    expect(validate([broken])).toBe(false);
  });
});

describe('renderCodeClimate', () => {
  it('renders every counted finding as a valid issue, in reading order', () => {
    const report = makeReport({ findings: withFingerprints([sp012, sp003, sp001]) });
    const issues = renderCodeClimate(report);
    expectValid(issues);
    expect(issues).toEqual<CodeQualityIssue[]>([
      {
        type: 'issue',
        check_name: 'SP001',
        description:
          'SP001: Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.',
        content: {
          body:
            'Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.' +
            '\n\n**Fix:** Set `MAIL_PORT=587` and `MAIL_ENCRYPTION=tls`.\n\nMore: https://example.test/rules/SP001',
        },
        categories: ['Bug Risk', 'Compatibility'],
        location: { path: '.env', lines: { begin: 2, end: 2 } },
        severity: 'major',
        fingerprint: 'fp2',
      },
      expect.objectContaining({
        check_name: 'SP012',
        severity: 'info',
        categories: ['Clarity'],
        location: { path: 'config/mailer.js', lines: { begin: 4, end: 6 } },
        fingerprint: 'fp0',
      }) as CodeQualityIssue,
      expect.objectContaining({
        check_name: 'SP003',
        severity: 'minor',
        categories: ['Security'],
        location: { path: 'config/mailer.js', lines: { begin: 5, end: 5 } },
        fingerprint: 'fp1',
      }) as CodeQualityIssue,
    ]);
  });

  it('leaves suppressed findings out (they do not count) and renders [] for a clean report', () => {
    const report = makeReport({ findings: [], suppressed: withFingerprints([sp001]) });
    expect(renderCodeClimate(report)).toEqual([]);
    expect(renderCodeClimateString(emptyReport())).toBe('[]\n');
  });

  it('keeps descriptions on one line and free of HTML brackets; the body keeps the text', () => {
    const finding: Finding = {
      ...sp003,
      message: 'Password `<secret>` on\r\nline two\n  and three.',
      fingerprint: 'x',
    };
    const [issue] = renderCodeClimate(makeReport({ findings: [finding] }));
    expect(issue.description).toBe('SP003: Password `‹secret›` on line two and three.');
    expect(issue.content.body.startsWith(finding.message)).toBe(true);
    expectValid([issue]);
  });

  it('gives every issue a unique fingerprint, also when findings lack or share one', () => {
    const same = { ...sp003, fingerprint: 'dup' };
    const report = makeReport({
      findings: [
        same,
        { ...same, at: { file: 'b.js', line: 9 } },
        sp001,
        { ...sp001, at: { ...sp001.at, line: 7 } },
      ],
    });
    const fingerprints = renderCodeClimate(report).map((i) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(4);
    expect(fingerprints).toContain('dup');
    expect(fingerprints).toContain('dup#2');
    // Without a fingerprint: derived from rule, file, line and message; stable between runs.
    expect(renderCodeClimate(report).map((i) => i.fingerprint)).toEqual(fingerprints);
    expectValid(renderCodeClimate(report));
  });

  it('prefixes paths with the scanned directory', () => {
    const issues = renderCodeClimate(makeReport(), { filePrefix: 'services/api/' });
    expect(issues.map((i) => i.location.path)).toEqual([
      'services/api/.env',
      'services/api/config/mailer.js',
      'services/api/config/mailer.js',
    ]);
    expectValid(issues);
  });

  it('prints pretty JSON without a byte order mark, ending with a newline', () => {
    const text = renderCodeClimateString(makeReport());
    expect(text.charCodeAt(0)).toBe('['.charCodeAt(0));
    expect(text.endsWith(']\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(renderCodeClimate(makeReport()));
  });
});

describe('severity and categories', () => {
  it.each<[string, Severity, string]>([
    ['SP012', 'note', 'info'],
    ['SP003', 'warning', 'minor'],
    ['SP001', 'error', 'major'],
    ['SP004', 'error', 'major'],
    // Errors that expose credentials or mail now (security-severity 7.0 and more) are critical.
    ['SP002', 'error', 'critical'],
    ['SP005', 'error', 'critical'],
    ['SP007', 'error', 'critical'],
    // The same rules at a lower severity (policy, inactive endpoint) follow the severity.
    ['SP007', 'note', 'info'],
    ['SP002', 'warning', 'minor'],
  ])('%s as %s → %s', (ruleId, severity, expected) => {
    expect(codeQualitySeverity({ ruleId, severity })).toBe(expected);
  });

  it('is critical, at default severities, exactly for SP002, SP005 and SP007', () => {
    const critical = RULES.filter(
      (r) => codeQualitySeverity({ ruleId: r.id, severity: r.severity }) === 'critical',
    ).map((r) => r.id);
    expect(critical).toEqual(['SP002', 'SP005', 'SP007']);
    for (const id of critical) expect(Number(SECURITY_SEVERITY[id])).toBeGreaterThanOrEqual(7);
  });

  it('has categories for every rule of the catalogue', () => {
    expect(Object.keys(CATEGORIES).sort()).toEqual(RULES.map((r) => r.id).sort());
    const issues = renderCodeClimate(
      makeReport({
        findings: RULES.map((r, i) => ({
          ...sp001,
          ruleId: r.id,
          severity: r.severity,
          fingerprint: `f${i}`,
        })),
      }),
    );
    expectValid(issues);
  });
});
