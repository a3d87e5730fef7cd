/**
 * `smtp-preflight scan --format github|codeclimate`, in process over the real pipeline on
 * examples/insecure-app (10 findings in 4 files), as CI systems run it: from the repository root.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { HELP, cwdPrefix, main, type CliIO } from '../src/cli.js';
import type { CodeQualityIssue } from '../src/report/codeclimate.js';

const REPO = resolve(import.meta.dirname, '..');
const EXAMPLE = 'examples/insecure-app';
const tmp = mkdtempSync(join(tmpdir(), 'smtp-preflight-cli-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const schema = JSON.parse(
  readFileSync(join(REPO, 'test/fixtures/codeclimate-issue.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

async function cli(argv: string[], cwd = REPO) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    color: true, // never used by these formats
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('--format github', () => {
  it('prints workflow commands with repository-relative files, then the summary; exits 1', async () => {
    const result = await cli(['scan', EXAMPLE, '--format', 'github']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'smtp-preflight: 7 errors, 2 warnings, 1 note in 4 files (4 endpoints)',
    );
    const commands = lines.slice(0, -1);
    expect(commands).toHaveLength(10);
    expect(commands.filter((l) => l.startsWith('::error '))).toHaveLength(7);
    expect(commands.filter((l) => l.startsWith('::warning '))).toHaveLength(2);
    expect(commands.filter((l) => l.startsWith('::notice '))).toHaveLength(1);
    for (const line of commands) {
      expect(line).toMatch(
        /^::(error|warning|notice) title=SP0\d\d%3A [^,]+,file=examples\/insecure-app\/[^,]+,line=\d+/,
      );
    }
    expect(commands[0]).toMatch(
      /^::error title=SP010%3A [^,]+,file=examples\/insecure-app\/\.env\.example,line=12(,col=\d+)?::Laravel 9\+/,
    );
    // Colour is a text-format matter.
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('names files from the scanned directory when it is the working directory', async () => {
    const result = await cli(
      ['scan', '--format=github', '--fail-on', 'never'],
      join(REPO, EXAMPLE),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(',file=docker-compose.yml,line=11');
    expect(result.stdout).not.toContain('file=examples');
  });
});

describe('--format codeclimate', () => {
  it('prints a GitLab Code Quality report that validates against the schema', async () => {
    const result = await cli(['scan', EXAMPLE, '--format', 'codeclimate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout) as CodeQualityIssue[];
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues).toHaveLength(10);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(10);
    expect(issues.every((i) => i.location.path.startsWith(`${EXAMPLE}/`))).toBe(true);
    const byRule = (id: string) => issues.filter((i) => i.check_name === id).map((i) => i.severity);
    expect(byRule('SP007')).toEqual(['critical']);
    expect(byRule('SP005')).toEqual(['critical', 'critical']);
    expect(byRule('SP002')).toEqual(['critical']);
    expect(byRule('SP010')).toEqual(['major']);
    expect(byRule('SP003')).toEqual(['minor']);
    // The committed password never appears (SP007 messages name the key only).
    const env = readFileSync(join(REPO, EXAMPLE, '.env.example'), 'utf8');
    const password = /^MAIL_PASSWORD=(.+)$/m.exec(env)?.[1]?.trim();
    expect(password).toBeTruthy();
    expect(result.stdout).not.toContain(password);
  });

  it('writes the artifact with --output, as a GitLab job does, and keeps the exit status', async () => {
    const file = join(tmp, 'reports', 'gl-code-quality-report.json');
    const result = await cli(['scan', join(REPO, EXAMPLE), '--format', 'codeclimate', '-o', file]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    const issues = JSON.parse(readFileSync(file, 'utf8')) as CodeQualityIssue[];
    expect(validate(issues)).toBe(true);
    expect(issues).toHaveLength(10);
  });

  it('prints [] and exits 0 for a repository without findings', async () => {
    const result = await cli(['scan', 'examples/secure-app', '--format', 'codeclimate']);
    expect(result).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });
});

describe('format names', () => {
  it('lists all formats in --help and in the error for an unknown one', async () => {
    expect(HELP).toContain('--format text|json|sarif|markdown|github|codeclimate');
    expect(await cli(['scan', '--format', 'gitlab'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "smtp-preflight: invalid --format value 'gitlab' (expected text, json, sarif, markdown, github or codeclimate)\n",
    });
  });

  it.each([
    ['/repo', '/repo/services/api', 'services/api'],
    ['/repo', '/repo', undefined],
    ['/repo', '/elsewhere/app', undefined],
    ['/repo', '/repository', undefined],
  ])('cwdPrefix(%j, %j) is %j', (cwd, root, prefix) => {
    expect(cwdPrefix(cwd, root)).toBe(prefix);
  });
});
