/**
 * Inline suppressions (issue 5, DESIGN.md §4): `smtp-preflight-ignore SP007 -- reason` in every
 * comment syntax, on the finding's line or the line above; SP016 notes for a missing reason, a
 * stale comment and a rule the policy forbids suppressing; suppressed findings stay in the JSON,
 * the SARIF (with `justification`) and the comment's count.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import { RULE_BY_ID } from '../../src/policy/rules.js';
import { applySuppressions, findDirectives, parseDirective } from '../../src/policy/suppress.js';
import { renderComment } from '../../src/report/comment.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { reachesThreshold, run } from '../../src/run.js';
import { removeTrees, scan, tree, unprocessed } from './pipeline.js';

function finding(ruleId: string, file: string, line: number): Finding {
  return {
    ruleId,
    severity: RULE_BY_ID.get(ruleId)?.severity ?? 'error',
    message: `${ruleId} at ${file}:${line}`,
    fix: 'fix it',
    at: { file, line },
    helpUri: `https://example.test/${ruleId}`,
  };
}

/** applySuppressions over one file's text. */
function suppress(
  file: string,
  text: string,
  findings: Finding[],
  allow: (id: string) => boolean = () => true,
) {
  return applySuppressions(findings, (f) => (f === file ? text : undefined), allow);
}

const brief = (fs: Finding[]): string[] => fs.map((f) => `${f.ruleId}@${f.at.line}`);

describe('parseDirective', () => {
  it.each([
    ['# smtp-preflight-ignore SP007 -- test fixture', '#'],
    ['// smtp-preflight-ignore SP007 -- test fixture', '//'],
    ['; smtp-preflight-ignore SP007 -- test fixture', ';'],
    ['<!-- smtp-preflight-ignore SP007 -- test fixture -->', '<!-- -->'],
    ['/* smtp-preflight-ignore SP007 -- test fixture */', '/* */'],
    [' * smtp-preflight-ignore SP007 -- test fixture', 'block continuation'],
    ['-- smtp-preflight-ignore SP007 -- test fixture', '-- (SQL, Lua)'],
    ['! smtp-preflight-ignore SP007 -- test fixture', '! (properties)'],
    ['#smtp-preflight-ignore sp007 --test fixture', 'no spaces, lower case'],
  ])('%s (%s)', (text) => {
    expect(parseDirective(text, 'f', 3)).toEqual({
      file: 'f',
      line: 3,
      column: text.search(/\S/) + 1,
      ruleIds: ['SP007'],
      reason: 'test fixture',
      standalone: true,
    });
  });

  it('reads several ids, separated by spaces or commas, without duplicates', () => {
    expect(parseDirective('# smtp-preflight-ignore SP003 SP009 -- r', 'f', 1)?.ruleIds).toEqual([
      'SP003',
      'SP009',
    ]);
    expect(parseDirective('# smtp-preflight-ignore SP003,sp009, SP003 -- r', 'f', 1)).toMatchObject(
      { ruleIds: ['SP003', 'SP009'], reason: 'r' },
    );
  });

  it('a trailing comment is not standalone; no reason is undefined', () => {
    expect(parseDirective('port: 2525 # smtp-preflight-ignore SP009', 'f', 1)).toMatchObject({
      column: 12,
      ruleIds: ['SP009'],
      reason: undefined,
      standalone: false,
    });
    expect(parseDirective('x = 1; // smtp-preflight-ignore SP009 --  -->', 'f', 1)).toMatchObject({
      reason: undefined,
      standalone: false,
    });
  });

  it('ignores the keyword outside a comment and similar words', () => {
    expect(parseDirective('name: smtp-preflight-ignore SP007', 'f', 1)).toBeUndefined();
    expect(parseDirective('# smtp-preflight-ignored SP007', 'f', 1)).toBeUndefined();
    expect(parseDirective('port: 587', 'f', 1)).toBeUndefined();
  });

  it('findDirectives reads only lines with the keyword, with any line ending', () => {
    const text = 'a\r\n# smtp-preflight-ignore SP001 -- x\r\nb\n// smtp-preflight-ignore SP002\n';
    expect(findDirectives('f', text).map((d) => `${d.line}:${d.ruleIds.join()}`)).toEqual([
      '2:SP001',
      '4:SP002',
    ]);
    expect(findDirectives('f', 'nothing here\n')).toEqual([]);
  });
});

describe('applySuppressions', () => {
  it.each([
    ['.env', 'MAIL_PASSWORD=x # smtp-preflight-ignore SP007 -- test fixture'],
    ['mailer.js', "pass: 'x', // smtp-preflight-ignore SP007 -- test fixture"],
    ['grafana.ini', 'password = x ; smtp-preflight-ignore SP007 -- test fixture'],
    [
      'web.config',
      '<add key="pw" value="x" /> <!-- smtp-preflight-ignore SP007 -- test fixture -->',
    ],
    ['Mail.cs', 'Password = "x"; /* smtp-preflight-ignore SP007 -- test fixture */'],
    [
      'seed.sql',
      "INSERT INTO cfg VALUES ('pw', 'x'); -- smtp-preflight-ignore SP007 -- test fixture",
    ],
    ['mail.properties', 'mail.password=x\n! smtp-preflight-ignore SP007 -- test fixture'],
  ])('same line, %s', (file, line) => {
    // For .properties the comment must be on its own line, so it goes above the finding.
    const text = file.endsWith('.properties') ? line.split('\n').reverse().join('\n') : line;
    const at = file.endsWith('.properties') ? 2 : 1;
    const r = suppress(file, text, [finding('SP007', file, at), finding('SP003', file, at)]);
    expect(brief(r.kept)).toEqual([`SP003@${at}`]);
    expect(r.notes).toEqual([]);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0].suppression).toEqual({
      kind: 'inline',
      justification: 'test fixture',
      at: { file, line: 1, column: expect.any(Number) },
    });
  });

  it('a comment alone on the line above covers the next line only', () => {
    const text = [
      'port: 2525',
      '# smtp-preflight-ignore SP009 -- provider fallback port',
      'port: 2526',
      'port: 2527',
    ].join('\n');
    const r = suppress(
      'a.yml',
      text,
      [1, 3, 4].map((n) => finding('SP009', 'a.yml', n)),
    );
    expect(brief(r.suppressed)).toEqual(['SP009@3']);
    expect(brief(r.kept)).toEqual(['SP009@1', 'SP009@4']);
  });

  it('a trailing comment does not cover the next line', () => {
    const text = 'host: a # smtp-preflight-ignore SP003 -- internal relay\nport: 587';
    const r = suppress('a.yml', text, [finding('SP003', 'a.yml', 2)]);
    expect(brief(r.kept)).toEqual(['SP003@2']);
    expect(r.notes.map((n) => n.message)).toEqual([
      '`smtp-preflight-ignore SP003` suppresses nothing: there is no SP003 finding on this line (stale suppression).',
    ]);
  });

  it('several ids in one comment suppress several findings', () => {
    const text = '# smtp-preflight-ignore SP003, SP009 -- staging relay\nport: 2525';
    const r = suppress('a.yml', text, [finding('SP003', 'a.yml', 2), finding('SP009', 'a.yml', 2)]);
    expect(brief(r.suppressed)).toEqual(['SP003@2', 'SP009@2']);
    expect(r.kept).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('a suppression without a reason still suppresses, with an SP016 note', () => {
    const text = 'port: 2525 # smtp-preflight-ignore SP009';
    const r = suppress('a.yml', text, [finding('SP009', 'a.yml', 1)]);
    expect(brief(r.suppressed)).toEqual(['SP009@1']);
    expect(r.suppressed[0].suppression).toEqual({
      kind: 'inline',
      at: { file: 'a.yml', line: 1, column: 12 },
    });
    expect(r.notes).toEqual([
      {
        ruleId: 'SP016',
        severity: 'note',
        message:
          '`smtp-preflight-ignore SP009` suppresses SP009 without a reason, so reviewers cannot tell why the finding is acceptable.',
        fix: 'Add the reason after `--`: `smtp-preflight-ignore SP009 -- why this is acceptable`.',
        at: { file: 'a.yml', line: 1, column: 12 },
        helpUri: 'https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/SP016.md',
      },
    ]);
  });

  it('a stale id is a note, also in a file without findings', () => {
    const text = '# smtp-preflight-ignore SP003 SP009 -- legacy\nport: 2525';
    const r = suppress('a.yml', text, [finding('SP009', 'a.yml', 2)]);
    expect(brief(r.suppressed)).toEqual(['SP009@2']);
    expect(r.notes.map((n) => `${n.ruleId}@${n.at.line} ${n.message}`)).toEqual([
      'SP016@1 `smtp-preflight-ignore SP003` suppresses nothing: there is no SP003 finding on this line or the next (stale suppression).',
    ]);
    const other = applySuppressions([], () => '// smtp-preflight-ignore SP005 -- x', undefined, [
      'b.js',
    ]);
    expect(brief(other.notes)).toEqual(['SP016@1']);
    expect(other.notes[0].at.file).toBe('b.js');
  });

  it('a comment without any id is a note', () => {
    const r = applySuppressions([], () => '# smtp-preflight-ignore -- everything', undefined, [
      'a.yml',
    ]);
    expect(r.notes.map((n) => n.message)).toEqual([
      '`smtp-preflight-ignore` names no rule id, so it suppresses nothing.',
    ]);
  });

  it('when the policy forbids suppressing a rule, the finding stays and a note says so', () => {
    const text = [
      'MAIL_PASSWORD=x # smtp-preflight-ignore SP007 SP003 -- fixture',
      'MAIL_PORT=2525',
    ].join('\n');
    const r = suppress(
      '.env',
      text,
      [finding('SP007', '.env', 1), finding('SP003', '.env', 1)],
      (id) => id !== 'SP007',
    );
    expect(brief(r.kept)).toEqual(['SP007@1']);
    expect(brief(r.suppressed)).toEqual(['SP003@1']);
    expect(r.notes.map((n) => n.message)).toEqual([
      'The policy forbids inline suppression of SP007 (`allow-suppression: false`), so `smtp-preflight-ignore SP007` has no effect and the finding still counts.',
    ]);
  });

  it('files whose text is unknown are left alone', () => {
    const r = applySuppressions([finding('SP007', 'gone.env', 1)], () => undefined);
    expect(brief(r.kept)).toEqual(['SP007@1']);
    expect(r.suppressed).toEqual([]);
    expect(r.notes).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// On the real pipeline: run(), then postProcess as run() will call it.

afterAll(removeTrees);

const ENV = [
  'MAIL_MAILER=smtp',
  'MAIL_HOST=smtp.example.com',
  'MAIL_PORT=587',
  'MAIL_USERNAME=app@example.com',
  '# smtp-preflight-ignore SP007 -- throwaway sandbox account, rotated weekly',
  'MAIL_PASSWORD=hunter2secretvalue',
  'MAIL_ENCRYPTION=tls # smtp-preflight-ignore SP003',
  '',
].join('\n');

const MAILER = [
  "const nodemailer = require('nodemailer');",
  'const t = nodemailer.createTransport({',
  "  host: 'smtp.example.com',",
  '  port: 2525, // smtp-preflight-ignore SP009 -- the provider only offers 2525 here',
  '  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },',
  '  requireTLS: true,',
  '  /* smtp-preflight-ignore SP005 -- internal CA, pinned elsewhere */',
  '  tls: { rejectUnauthorized: false },',
  '});',
  '',
].join('\n');

const GRAFANA = [
  '[smtp]',
  'enabled = true',
  'host = smtp.example.com:587',
  'user = grafana@example.com',
  'startTLS_policy = MandatoryStartTLS',
  '; smtp-preflight-ignore SP007 -- stale: there is no password here',
  '',
].join('\n');

describe('suppressions on a scanned tree', () => {
  it('moves the findings to report.suppressed, with their reason, and adds SP016 notes', async () => {
    const root = tree({ '.env': ENV, 'mailer.js': MAILER, 'grafana.ini': GRAFANA });
    const before = unprocessed(await run({ root }));
    expect(before.findings.map((f) => `${f.at.file}:${f.at.line} ${f.ruleId}`).sort()).toEqual([
      '.env:6 SP007',
      '.env:7 SP003',
      'mailer.js:4 SP009',
      'mailer.js:8 SP005',
    ]);

    const report = await scan(root, { files: ['.env', 'mailer.js', 'grafana.ini'] });
    expect(report.findings.map((f) => `${f.at.file}:${f.at.line} ${f.ruleId}`).sort()).toEqual([
      '.env:7 SP016',
      'grafana.ini:6 SP016',
    ]);
    expect(report.findings.every((f) => f.fingerprint && f.severity === 'note')).toBe(true);
    expect(
      report.suppressed
        .map((f) => `${f.at.file}:${f.at.line} ${f.ruleId} ${f.suppression?.justification ?? '-'}`)
        .sort(),
    ).toEqual([
      '.env:6 SP007 throwaway sandbox account, rotated weekly',
      '.env:7 SP003 -',
      'mailer.js:4 SP009 the provider only offers 2525 here',
      'mailer.js:8 SP005 internal CA, pinned elsewhere',
    ]);
    expect(reachesThreshold(report, 'warning')).toBe(false);
    expect(reachesThreshold(report, 'note')).toBe(true);

    // JSON: the suppressed findings are there, with kind, reason and the comment's location.
    const json = JSON.parse(renderJson(report)) as Report;
    expect(json.suppressed).toHaveLength(4);
    expect(json.suppressed.find((f) => f.ruleId === 'SP007')?.suppression).toEqual({
      kind: 'inline',
      justification: 'throwaway sandbox account, rotated weekly',
      at: { file: '.env', line: 5, column: 1 },
    });

    // SARIF: results with `suppressions` and the justification.
    const results = renderSarif(report).runs[0].results;
    const suppressedResults = results.filter((r) => r.suppressions);
    expect(suppressedResults.map((r) => [r.ruleId, r.suppressions])).toEqual([
      ['SP007', [{ kind: 'inSource', justification: 'throwaway sandbox account, rotated weekly' }]],
      ['SP003', [{ kind: 'inSource' }]],
      ['SP009', [{ kind: 'inSource', justification: 'the provider only offers 2525 here' }]],
      ['SP005', [{ kind: 'inSource', justification: 'internal CA, pinned elsewhere' }]],
    ]);
    expect(results.filter((r) => !r.suppressions).map((r) => r.ruleId)).toEqual(['SP016', 'SP016']);

    // The PR comment, the markdown summary and the text output count them.
    const counted =
      '_4 findings suppressed by `smtp-preflight-ignore` comments (listed in the JSON report)._';
    expect(renderComment(report)).toContain(counted);
    expect(renderMarkdown(report)).toContain(counted);
    expect(renderText(report, { color: false })).toContain(', 4 suppressed');
  });

  it('a policy that forbids suppressing SP007 keeps the finding and says why', async () => {
    const root = tree({ '.env': ENV });
    const report = await scan(root, { allow: (id) => id !== 'SP007' });
    expect(report.findings.map((f) => `${f.at.line} ${f.ruleId}`).sort()).toEqual([
      '5 SP016',
      '6 SP007',
      '7 SP016',
    ]);
    expect(reachesThreshold(report, 'error')).toBe(true);
    expect(report.findings.find((f) => f.at.line === 5)?.message).toContain(
      'The policy forbids inline suppression of SP007',
    );
  });
});
