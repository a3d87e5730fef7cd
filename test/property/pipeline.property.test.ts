/**
 * The whole pipeline over random file trees: config-like and random names, SMTP-ish lines with
 * mixed line ends, binary bytes, UTF-16, random text and deep nesting. Whatever the tree, `run()`
 * resolves, every location lies inside a real file's lines, every diagnostic names a real file,
 * and the findings of one fixed good file are always there.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decode } from '../../src/discover/decode.js';
import type { Location, Report } from '../../src/model.js';
import { run } from '../../src/run.js';

process.env.GIT_CEILING_DIRECTORIES = fs.realpathSync(os.tmpdir());

const GOOD_PATH = 'good/mail.env';
const GOOD_ENV =
  'MAIL_HOST=smtp.example.com\nMAIL_PORT=25\nMAIL_USERNAME=app\nMAIL_PASSWORD=Tr0ub4dor-3-horse\n';

const CONFIG_NAMES = [
  '.env',
  '.env.production',
  'mail.env',
  'mail.yml',
  'docker-compose.yml',
  'values.yaml',
  'application.properties',
  'appsettings.json',
  'config.production.json',
  'app.ini',
  'grafana.ini',
  'Dockerfile',
  'mailer.js',
  'settings.py',
  'mail.rb',
  'mail.php',
  'main.go',
  'notes.txt',
];

const SMTP_LINES = [
  'MAIL_HOST=smtp.example.com',
  'MAIL_PORT=25',
  'MAIL_PORT=${SMTP_PORT:-465}',
  'SMTP_PASSWORD=Xy9-secret-pw',
  '# MAIL_PASSWORD=commented-0ut',
  'MAILER_DSN=smtp://user:pa55@smtp.example.com:25',
  'spring.mail.port=465',
  'spring.mail.properties.mail.smtp.starttls.enable=true',
  'smtp:',
  '  host: smtp.gmail.com',
  '  port: 2525',
  '  password: "hunter2hunter2"',
  '- MAIL_PORT=587',
  '{"Smtp": {"Host": "smtp.office365.com", "Port": 465, "EnableSsl": false}}',
  'ENV MAIL_PORT=587 MAIL_ENCRYPTION=tls',
  '[smtp]',
  'host = smtp.office365.com:465',
  'const t = nodemailer.createTransport({host: "smtp.x.io", port: 465, secure: false});',
  'server = smtplib.SMTP("smtp.x.io", 25)',
  'a: &a [*a, {b: *a}]',
  '"unterminated',
  '{{ .Values.smtp.host }}',
  '\ufeff',
  '',
];

const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

const smtpText = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...SMTP_LINES), fc.string()), { maxLength: 12 }),
    lineEnd,
  )
  .map(([lines, eol]) => lines.join(eol));

const deep = fc
  .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('json', 'flow', 'block'))
  .map(([n, kind]) => {
    if (kind === 'json') return `{"mail": ${'['.repeat(n)}${']'.repeat(n)}}`;
    if (kind === 'flow') return `smtp: ${'{a: '.repeat(n)}1${'}'.repeat(n)}`;
    const levels = Math.min(n, 300);
    return Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}smtp:`).join('\n');
  });

const content: fc.Arbitrary<Buffer> = fc.oneof(
  smtpText.map((t) => Buffer.from(t)),
  smtpText.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)),
  deep.map((t) => Buffer.from(t)),
);

const fileName = fc.oneof(
  fc.constantFrom(...CONFIG_NAMES),
  // Random names, kept apart from the directory names below; `/` and NUL cannot be in a name.
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('.env', '.yml', '.json', ''))
    .map(([s, ext]) => `r-${s.replace(/[/\0\\]/g, '_')}${ext}`),
);

const tree = fc.uniqueArray(
  fc.record({ dir: fc.constantFrom('', 'a/', 'a/b/', 'config/'), name: fileName, content }),
  { maxLength: 8, selector: (f) => f.dir + f.name },
);

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Line count of a file as the pipeline decodes it (0 when it is not text). */
function lineCounts(files: Map<string, Buffer>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [rel, bytes] of files) {
    const d = decode(bytes);
    out.set(rel, d.ok ? d.text.split(/\r\n|\r|\n/).length : 0);
  }
  return out;
}

function locationProblems(report: Report, lines: Map<string, number>): string[] {
  const problems: string[] = [];
  const check = (what: string, at: Location | undefined): void => {
    if (!at) return;
    const max = lines.get(at.file);
    if (max === undefined) problems.push(`${what} in a file that does not exist: ${at.file}`);
    else if (!(Number.isInteger(at.line) && at.line >= 1 && at.line <= max))
      problems.push(`${what} at ${at.file}:${at.line}, outside 1..${max}`);
  };
  for (const f of report.findings) {
    check(`finding ${f.ruleId}`, f.at);
    for (const r of f.related ?? []) check(`related location of ${f.ruleId}`, r);
  }
  for (const e of report.endpoints) {
    check(`endpoint ${e.id}`, e.at);
    for (const s of [e.host, e.port, e.security, e.tlsVerify, e.minTls, e.user, e.password])
      check(`setting of endpoint ${e.id}`, s?.at);
  }
  for (const d of report.diagnostics)
    if (d.file !== undefined && !lines.has(d.file))
      problems.push(`diagnostic names no real file: ${JSON.stringify(d)}`);
  return problems;
}

describe('the pipeline over random file trees', () => {
  it('resolves, locates everything inside real files and keeps the good findings', async () => {
    await fc.assert(
      fc.asyncProperty(tree, fc.boolean(), async (files, useGit) => {
        const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sp-property-')));
        created.push(root);
        const written = new Map<string, Buffer>([[GOOD_PATH, Buffer.from(GOOD_ENV)]]);
        for (const f of files) written.set(f.dir + f.name, f.content);
        for (const [rel, bytes] of written) {
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), bytes);
        }
        if (useGit) {
          const git = (...args: string[]) =>
            execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', ...args], {
              cwd: root,
              stdio: 'ignore',
            });
          git('init', '-q');
          git('add', '-A');
          git('commit', '-q', '-m', 'random tree');
        }

        const report = await run({ root });
        expect(locationProblems(report, lineCounts(written))).toEqual([]);
        const good = report.findings
          .filter((f) => f.at.file === GOOD_PATH)
          .map((f) => `${f.ruleId}@${f.at.line}`);
        expect(good).toEqual(expect.arrayContaining(['SP001@2', 'SP007@4']));
        fs.rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
