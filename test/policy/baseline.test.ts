/**
 * The baseline (issue 5): create → apply on the same tree (all matched, nothing counts), a new
 * problem counts alone, a fixed one is reported so the file can shrink, moved lines still match;
 * clear errors for a broken file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import {
  BaselineError,
  DEFAULT_BASELINE_FILE,
  applyBaseline,
  createBaseline,
  parseBaseline,
  readBaseline,
  renderBaseline,
} from '../../src/policy/baseline.js';
import { renderComment } from '../../src/report/comment.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { reachesThreshold } from '../../src/run.js';
import { removeTrees, scan, tree } from './pipeline.js';

afterAll(removeTrees);

const ENV = [
  'MAIL_MAILER=smtp',
  'MAIL_HOST=smtp.example.com',
  'MAIL_PORT=587',
  'MAIL_USERNAME=app@example.com',
  'MAIL_PASSWORD=hunter2secretvalue',
  'MAIL_ENCRYPTION=tls',
  '',
].join('\n');

const MAILER = [
  "const nodemailer = require('nodemailer');",
  'const t = nodemailer.createTransport({',
  "  host: 'smtp.example.com',",
  '  port: 587,',
  '  requireTLS: true,',
  '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },',
  '  tls: { rejectUnauthorized: false },',
  '});',
  '',
].join('\n');

const brief = (r: Report): string[] =>
  r.findings.map((f) => `${f.at.file}:${f.at.line} ${f.ruleId}`).sort();

/** The scan with the default baseline handling (the file at the root when present). */
const withBaseline = (root: string): Promise<Report> => scan(root, { baseline: undefined });

/** A tree with a baseline of its current findings at the default place. */
async function baselined(): Promise<{ root: string; report: Report }> {
  const root = tree({ '.env': ENV, 'mailer.js': MAILER });
  const report = await scan(root);
  writeFileSync(join(root, DEFAULT_BASELINE_FILE), renderBaseline(createBaseline(report)));
  return { root, report };
}

describe('createBaseline', () => {
  it('lists rule, file, fingerprint and message, sorted, without line numbers', async () => {
    const { report } = await baselined();
    expect(brief(report)).toEqual(['.env:5 SP007', '.env:6 SP003', 'mailer.js:7 SP005']);
    const baseline = createBaseline(report);
    expect(baseline.version).toBe(1);
    expect(baseline.tool).toEqual({ name: 'smtp-preflight', version: report.tool.version });
    expect(baseline.entries.map((e) => `${e.file} ${e.ruleId}`)).toEqual([
      '.env SP003',
      '.env SP007',
      'mailer.js SP005',
    ]);
    for (const e of baseline.entries) {
      expect(Object.keys(e)).toEqual(['ruleId', 'file', 'fingerprint', 'message']);
      expect(e.fingerprint).toMatch(/^[0-9a-f]{20}$/);
    }
    expect(renderBaseline(baseline)).not.toMatch(/"line"/);
    expect(renderBaseline(baseline)).not.toContain('hunter2secretvalue');
    expect(renderBaseline(baseline).endsWith('}\n')).toBe(true);
  });

  it('keeps findings matched by a previous baseline, not inline-suppressed ones', async () => {
    const { report } = await baselined();
    const [a, b, c] = report.findings;
    const again: Report = {
      ...report,
      findings: [a],
      suppressed: [
        { ...b, suppression: { kind: 'baseline' } },
        { ...c, suppression: { kind: 'inline', justification: 'x' } },
      ],
    };
    expect(createBaseline(again).entries.map((e) => e.fingerprint)).toEqual(
      createBaseline({ ...report, findings: [a, b] }).entries.map((e) => e.fingerprint),
    );
  });
});

describe('applying the baseline', () => {
  it('on the same tree: everything matched, nothing counts (fail-on error passes)', async () => {
    const { root } = await baselined();
    const report = await withBaseline(root);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => f.suppression)).toEqual([
      { kind: 'baseline' },
      { kind: 'baseline' },
      { kind: 'baseline' },
    ]);
    expect(report.baseline).toEqual({ file: DEFAULT_BASELINE_FILE, matched: 3, fixed: [] });
    expect(reachesThreshold(report, 'error')).toBe(false);
    expect(reachesThreshold(report, 'note')).toBe(false);
    // SARIF marks them as external suppressions; text and comment count them.
    const results = renderSarif(report).runs[0].results;
    expect(results.map((r) => r.suppressions)).toEqual([
      [{ kind: 'external' }],
      [{ kind: 'external' }],
      [{ kind: 'external' }],
    ]);
    expect(renderText(report, { color: false })).toContain(
      `Baseline ${DEFAULT_BASELINE_FILE}: 3 findings matched\n`,
    );
    expect(renderComment(report)).toContain(
      `_3 findings suppressed by the baseline \`${DEFAULT_BASELINE_FILE}\` (listed in the JSON report)._`,
    );
  });

  it('a new problem is the only one that counts', async () => {
    const { root } = await baselined();
    writeFileSync(
      join(root, 'mailer.js'),
      MAILER.replace(
        '  tls: { rejectUnauthorized: false },\n',
        "  tls: { rejectUnauthorized: false, minVersion: 'TLSv1' },\n",
      ),
    );
    const report = await withBaseline(root);
    // The SP005 line changed, so its fingerprint did: it is "new" together with the SP006.
    expect(brief(report)).toEqual(['mailer.js:7 SP005', 'mailer.js:7 SP006']);
    writeFileSync(join(root, 'mailer.js'), MAILER.replace('  port: 587,', '  port: 2526,'));
    const other = await withBaseline(root);
    expect(brief(other)).toEqual(['mailer.js:4 SP009']);
    expect(other.baseline?.matched).toBe(3);
    expect(reachesThreshold(other, 'error')).toBe(false);
    expect(reachesThreshold(other, 'note')).toBe(true);
  });

  it('a fixed problem is reported so the baseline can shrink', async () => {
    const { root } = await baselined();
    writeFileSync(
      join(root, 'mailer.js'),
      MAILER.replace('  tls: { rejectUnauthorized: false },\n', ''),
    );
    const report = await withBaseline(root);
    expect(report.findings).toEqual([]);
    expect(report.baseline?.matched).toBe(2);
    expect(report.baseline?.fixed.map((e) => `${e.file} ${e.ruleId}`)).toEqual(['mailer.js SP005']);
    expect(report.baseline?.fixed[0].message).toContain('rejectUnauthorized');
    expect(renderText(report, { color: false })).toContain(
      'no longer found (run `smtp-preflight baseline` to shrink it)',
    );
    expect(renderComment(report)).toContain(
      `lists 1 finding no longer found: run \`smtp-preflight baseline\` to shrink it.`,
    );
  });

  it('moved lines still match', async () => {
    const { root } = await baselined();
    writeFileSync(join(root, '.env'), `# production mail\n\nAPP_NAME=shop\n${ENV}`);
    writeFileSync(join(root, 'mailer.js'), `// mail transport\n'use strict';\n\n${MAILER}`);
    const report = await withBaseline(root);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => `${f.at.file}:${f.at.line}`).sort()).toEqual([
      '.env:8',
      '.env:9',
      'mailer.js:10',
    ]);
    expect(report.baseline).toMatchObject({ matched: 3, fixed: [] });
  });

  it('--no-baseline (false) ignores the file; a named file is used; a missing one is an error', async () => {
    const { root } = await baselined();
    expect(brief(await scan(root, { baseline: false }))).toHaveLength(3);
    const named = await scan(root, { baseline: DEFAULT_BASELINE_FILE });
    expect(named.findings).toEqual([]);
    await expect(scan(root, { baseline: 'nope.json' })).rejects.toThrow(
      /^cannot read the baseline .*nope\.json: file not found$/,
    );
    // Without a baseline file at the root, nothing happens.
    const bare = await scan(tree({ '.env': ENV }), { baseline: undefined });
    expect(bare.baseline).toBeUndefined();
    expect(brief(bare)).toHaveLength(2);
  });

  it('applyBaseline matches each entry once', async () => {
    const { report } = await baselined();
    const baseline = createBaseline(report);
    const twice = {
      ...report,
      findings: [...report.findings, { ...report.findings[0] }],
      suppressed: [],
    };
    applyBaseline(twice, baseline, 'b.json');
    expect(twice.findings).toHaveLength(1);
    expect(twice.baseline).toEqual({ file: 'b.json', matched: 3, fixed: [] });
  });
});

describe('reading a baseline', () => {
  it.each([
    ['{', /^invalid baseline b\.json: not valid JSON \(/],
    ['[]', /^invalid baseline b\.json: expected a JSON object$/],
    [
      '{"version": 2, "entries": []}',
      /^invalid baseline b\.json: unsupported "version" 2 \(expected 1; regenerate it with `smtp-preflight baseline`\)$/,
    ],
    ['{"version": 1}', /^invalid baseline b\.json: "entries" must be an array$/],
    [
      '{"version": 1, "entries": [3]}',
      /^invalid baseline b\.json: entries\[0\] must be an object$/,
    ],
    [
      '{"version": 1, "entries": [{"ruleId": "SP007", "file": ".env"}]}',
      /^invalid baseline b\.json: entries\[0\]\.fingerprint must be a non-empty string$/,
    ],
  ])('%s', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });

  it('accepts entries without a message and round-trips its own output', async () => {
    const parsed = parseBaseline(
      '{"version":1,"entries":[{"ruleId":"SP007","file":".env","fingerprint":"ab"}]}',
      'b.json',
    );
    expect(parsed.entries).toEqual([
      { ruleId: 'SP007', file: '.env', fingerprint: 'ab', message: '' },
    ]);
    const { root, report } = await baselined();
    expect(readBaseline(join(root, DEFAULT_BASELINE_FILE))).toEqual(createBaseline(report));
  });
});
