import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HELP, explainRule, main, type CliIO } from '../src/cli.js';
import { RULES } from '../src/policy/rules.js';
import type { Report } from '../src/model.js';
import { renderComment } from '../src/report/comment.js';
import { renderSarifString, type SarifLog } from '../src/report/sarif.js';
import { VERSION, addComparison, run } from '../src/run.js';
import { makeReport, sp003, sp012 } from './report/fixture.js';

// The real pipeline runs unless a test hands `run` a canned report with mockResolvedValueOnce.
vi.mock('../src/run.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/run.js')>();
  return { ...actual, run: vi.fn(actual.run), addComparison: vi.fn(actual.addComparison) };
});
const runMock = vi.mocked(run);
const addComparisonMock = vi.mocked(addComparison);

const dir = mkdtempSync(join(tmpdir(), 'smtp-preflight-cli-'));
writeFileSync(join(dir, 'README'), 'nothing to see\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  stdoutWrites: number;
}

async function cli(argv: string[], report?: Report, color = false): Promise<Captured> {
  if (report) runMock.mockResolvedValueOnce(report);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    color,
    cwd: dir,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join(''), stdoutWrites: out.length };
}

beforeEach(() => {
  runMock.mockClear();
  addComparisonMock.mockClear();
});

describe('cli: scan', () => {
  it('exits 0 on a directory with nothing to report (PATH defaults to .)', async () => {
    const result = await cli(['scan']);
    expect(result).toMatchObject({ code: 0, stderr: '', stdoutWrites: 1 });
    expect(result.stdout).toMatch(/^No SMTP configuration found\.\n/);
    expect(runMock).toHaveBeenCalledWith({ root: dir, maxFileBytes: 1048576 });
  });

  it('resolves PATH against the working directory and passes --max-file-size', async () => {
    const result = await cli(['scan', '.', '--max-file-size', '2048']);
    expect(result.code).toBe(0);
    expect(runMock).toHaveBeenCalledWith({ root: dir, maxFileBytes: 2048 });
  });

  it('exits 1 when a finding reaches fail-on (default error), in one stdout write', async () => {
    const result = await cli(['scan', dir], makeReport());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdoutWrites).toBe(1);
    expect(result.stdout).toContain('  L2  error  SP001  Port 25');
    expect(result.stdout).toContain('1 error, 1 warning, 1 note in 2 files (2 endpoints)\n');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('colours text only when the io says so', async () => {
    const result = await cli(['scan'], makeReport(), true);
    expect(result.stdout).toContain('\u001b[31merror\u001b[0m');
  });

  it.each([
    [['--fail-on', 'never'], makeReport(), 0],
    [['--fail-on', 'warning'], makeReport({ findings: [sp012] }), 0],
    [['--fail-on', 'warning'], makeReport({ findings: [sp003] }), 1],
    [['--fail-on=note'], makeReport({ findings: [sp012] }), 1],
    [['--fail-on', 'error'], makeReport({ findings: [sp003, sp012] }), 0],
  ] as const)('honours %j', async (flags, report, code) => {
    expect((await cli(['scan', ...flags], report)).code).toBe(code);
  });

  it('prints the report as parseable JSON with --format json', async () => {
    const report = makeReport();
    const result = await cli(['scan', '--format', 'json', '.'], report);
    expect(result.code).toBe(1);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(result.stdout)).toEqual(report);
  });

  it('prints the real (empty) report as JSON', async () => {
    const result = await cli(['scan', '--format=json']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as Report;
    expect(parsed.tool).toEqual({ name: 'smtp-preflight', version: VERSION });
    expect(parsed.root).toBe(dir);
  });

  it('exits 2 with one line when the pipeline throws', async () => {
    runMock.mockRejectedValueOnce(new Error('boom\nwith a second line'));
    expect(await cli(['scan'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'smtp-preflight: boom\n',
      stdoutWrites: 0,
    });
  });
});

describe('cli: --format sarif and markdown', () => {
  it('prints SARIF 2.1.0 as parseable JSON, in one write', async () => {
    const report = makeReport();
    const result = await cli(['scan', '--format', 'sarif'], report);
    expect(result).toMatchObject({ code: 1, stderr: '', stdoutWrites: 1 });
    expect(result.stdout).toBe(renderSarifString(report));
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver.rules).toHaveLength(32);
    expect(log.runs[0].results.map((r) => r.ruleId)).toEqual(['SP001', 'SP012', 'SP003']);
  });

  it('prints the pull request comment body with --format markdown, verdict per --fail-on', async () => {
    const report = makeReport({ findings: [sp003] });
    const result = await cli(['scan', '--format=markdown', '--fail-on', 'warning'], report);
    expect(result).toMatchObject({ code: 1, stderr: '', stdoutWrites: 1 });
    expect(result.stdout.startsWith('<!-- smtp-preflight -->\n')).toBe(true);
    expect(result.stdout).toBe(renderComment(report, { failOn: 'warning' }));
    expect(result.stdout).toContain('smtp-preflight failed');
  });

  it('writes colourless text even when the terminal has colours, to --output', async () => {
    const result = await cli(['scan', '-o', 'out/report.txt'], makeReport(), true);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '', stdoutWrites: 0 });
    const text = readFileSync(join(dir, 'out/report.txt'), 'utf8');
    expect(text).toContain('  L2  error  SP001  Port 25');
    expect(text).not.toContain('\u001b[');
  });
});

describe('cli: --output', () => {
  it('writes the rendering to the file, creating parent directories, and nothing to stdout', async () => {
    const report = makeReport();
    const result = await cli(
      ['scan', '--format', 'sarif', '--output', 'reports/deep/smtp.sarif'],
      report,
    );
    expect(result).toEqual({ code: 1, stdout: '', stderr: '', stdoutWrites: 0 });
    expect(readFileSync(join(dir, 'reports/deep/smtp.sarif'), 'utf8')).toBe(
      renderSarifString(report),
    );
  });

  it('accepts an absolute path and overwrites an existing file', async () => {
    const file = join(dir, 'abs.json');
    writeFileSync(file, 'old');
    const result = await cli(['scan', '--format=json', `--output=${file}`]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '', stdoutWrites: 0 });
    expect((JSON.parse(readFileSync(file, 'utf8')) as Report).root).toBe(dir);
  });

  it('exits 2 with one line when the file cannot be written', async () => {
    const result = await cli(['scan', '--output', 'README/report.json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^smtp-preflight: cannot write the --output file: [^\n]+\n$/);
    expect(existsSync(join(dir, 'README/report.json'))).toBe(false);
  });
});

describe('cli: --base', () => {
  const repo = mkdtempSync(join(tmpdir(), 'smtp-preflight-cli-base-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();

  // Base: Grafana with verification off (SP005) on an implicit-TLS port.
  // Head: verification fixed; a Laravel .env submitting on port 25 with a password (new findings).
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'conf'));
  writeFileSync(
    join(repo, 'conf/grafana.ini'),
    '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\nuser = alerts\nskip_verify = true\n',
  );
  git('add', '-A');
  git('commit', '-qm', 'base');
  const baseSha = git('rev-parse', 'HEAD');
  writeFileSync(
    join(repo, 'conf/grafana.ini'),
    '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\nuser = alerts\n',
  );
  writeFileSync(
    join(repo, '.env'),
    'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.net\nMAIL_PORT=25\nMAIL_USERNAME=app\nMAIL_PASSWORD=K9vq2Lr7Wz4Pn8\n',
  );
  git('add', '-A');
  git('commit', '-qm', 'head');

  it('compares with the base commit: new, pre-existing and fixed findings', async () => {
    const result = await cli(['scan', repo, '--base', 'HEAD~1', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(runMock).toHaveBeenCalledWith({ root: repo, maxFileBytes: 1048576 });
    expect(addComparisonMock).toHaveBeenCalledWith(expect.anything(), {
      root: repo,
      maxFileBytes: 1048576,
      base: 'HEAD~1',
    });
    const report = JSON.parse(result.stdout) as Report;
    const c = report.comparison;
    expect(c?.baseSha).toBe(baseSha);
    const show = (fs: Report['findings']) => fs.map((f) => `${f.ruleId} ${f.at.file}:${f.at.line}`);
    const fresh = new Set(c?.newFingerprints);
    expect(show(report.findings.filter((f) => fresh.has(f.fingerprint as string))).sort()).toEqual(
      show(report.findings.filter((f) => f.at.file === '.env')).sort(),
    );
    expect(show(report.findings.filter((f) => !fresh.has(f.fingerprint as string)))).toEqual(
      show(report.findings.filter((f) => f.at.file !== '.env')),
    );
    expect(show(c?.fixed ?? [])).toEqual(['SP005 conf/grafana.ini:5']);
    expect(show(report.findings)).toContain('SP001 .env:3');
    // The temporary worktree is gone.
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('puts the baseline state into the SARIF', async () => {
    const result = await cli(['scan', repo, '--base', baseSha, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const results = (JSON.parse(result.stdout) as SarifLog).runs[0].results;
    const states = results.map(
      (r) =>
        `${r.baselineState} ${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}`,
    );
    expect(states).toContain('new SP001 .env');
    expect(states).toContain('absent SP005 conf/grafana.ini');
    expect(states.filter((s) => s.startsWith('absent'))).toEqual(['absent SP005 conf/grafana.ini']);
    expect(states.every((s) => /^(new|unchanged|absent) /.test(s))).toBe(true);
  });

  it('does not call a failure of the head scan a base error', async () => {
    runMock.mockRejectedValueOnce(new Error('boom'));
    const result = await cli(['scan', repo, '--base', 'HEAD~1']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'smtp-preflight: boom\n',
      stdoutWrites: 0,
    });
    expect(addComparisonMock).not.toHaveBeenCalled();
  });

  it.each([
    ['a ref that does not exist', () => repo, 'no-such-ref'],
    ['a directory outside git', () => dir, 'main'],
  ])('exits 2 with one line for %s', async (_, root, ref) => {
    const result = await cli(['scan', root(), '--base', ref, '--format', 'sarif']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stdoutWrites).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^smtp-preflight: cannot scan the base commit ${ref}: [^\\n]+\\n$`),
    );
  });
});

describe('cli: help and version', () => {
  it.each([
    { argv: ['--help'] },
    { argv: ['-h'] },
    { argv: ['help'] },
    { argv: ['scan', '--help'] },
  ])('$argv prints the help', async ({ argv }) => {
    const result = await cli(argv);
    expect(result).toEqual({ code: 0, stdout: HELP, stderr: '', stdoutWrites: 1 });
    expect(HELP).toMatch(/^Usage: smtp-preflight scan \[PATH\]/);
    expect(HELP).toContain('--format text|json|sarif|markdown');
    expect(HELP).toContain('--base REF');
    expect(HELP).toContain('-o, --output FILE');
    expect(HELP).toContain('--fail-on LEVEL');
    expect(HELP).toContain('--max-file-size BYTES');
    expect(HELP).toContain('smtp-preflight baseline [PATH] [--output FILE]');
    expect(HELP).toContain('smtp-preflight rules');
    expect(HELP).toContain('smtp-preflight explain RULE');
    expect(HELP).toContain('--policy FILE');
    expect(HELP).toContain('--baseline FILE');
    expect(HELP).toContain('--no-baseline');
  });

  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({
      code: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
      stdoutWrites: 1,
    });
  });
});

describe('cli: usage errors exit 2 with one line on stderr', () => {
  it.each([
    [['scan', '--x'], "smtp-preflight: unknown option '--x' (see --help)"],
    [['-q'], "smtp-preflight: unknown option '-q' (see --help)"],
    [['frobnicate'], "smtp-preflight: unknown command 'frobnicate' (see --help)"],
    [[], 'smtp-preflight: missing command: try scan (see --help)'],
    [['scan', 'a', 'b'], "smtp-preflight: unexpected argument 'b' (see --help)"],
    [['scan', 'does-not-exist'], 'smtp-preflight: path not found: does-not-exist'],
    [['scan', 'README'], 'smtp-preflight: not a directory: README'],
    [
      ['scan', '--format', 'xml'],
      "smtp-preflight: invalid --format value 'xml' (expected text, json, sarif, markdown, github or codeclimate)",
    ],
    [['scan', '--base', ''], 'smtp-preflight: empty --base value (see --help)'],
    [['scan', '--output= '], 'smtp-preflight: empty --output value (see --help)'],
    [
      ['scan', '--output'],
      "smtp-preflight: option '-o, --output <value>' argument missing (see --help)",
    ],
    [
      ['scan', '--format'],
      "smtp-preflight: option '--format <value>' argument missing (see --help)",
    ],
    [
      ['scan', '--fail-on', 'fatal'],
      "smtp-preflight: invalid --fail-on value 'fatal' (expected one of: error, warning, note, never)",
    ],
    [
      ['scan', '--max-file-size', '1MB'],
      "smtp-preflight: invalid --max-file-size value '1MB' (expected a positive number of bytes)",
    ],
    [
      ['scan', '--max-file-size', '0'],
      "smtp-preflight: invalid --max-file-size value '0' (expected a positive number of bytes)",
    ],
  ])('%j', async (argv, message) => {
    expect(await cli(argv)).toEqual({
      code: 2,
      stdout: '',
      stderr: `${message}\n`,
      stdoutWrites: 0,
    });
    expect(runMock).not.toHaveBeenCalled();
  });
});

describe('cli: baseline', () => {
  const tree = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'smtp-preflight-cli-baseline-'));
    writeFileSync(
      join(root, '.env'),
      'MAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_USERNAME=a@example.com\nMAIL_PASSWORD=hunter2secretvalue\n',
    );
    return root;
  };

  it('writes PATH/.smtp-preflight-baseline.json and prints a one-line summary', async () => {
    const root = tree();
    try {
      const result = await cli(['baseline', root]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(runMock).toHaveBeenCalledWith({ root, maxFileBytes: 1048576, baseline: false });
      const written = JSON.parse(
        readFileSync(join(root, '.smtp-preflight-baseline.json'), 'utf8'),
      ) as { version: number; entries: { ruleId: string; file: string }[] };
      expect(written.version).toBe(1);
      expect(written.entries.map((e) => `${e.file} ${e.ruleId}`)).toContain('.env SP007');
      expect(result.stdout).toMatch(
        /^Wrote \d+ findings? in 1 file to .*\.smtp-preflight-baseline\.json: later scans count only findings not in it\.\n$/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes to --output (relative to the working directory) and passes --policy', async () => {
    const fixture = makeReport();
    fixture.findings = fixture.findings.map((f, i) => ({ ...f, fingerprint: `f${i}` }));
    const result = await cli(
      ['baseline', '--output', 'out/base.json', '--policy', 'p.yml'],
      fixture,
    );
    expect(result.code).toBe(0);
    expect(runMock).toHaveBeenCalledWith({
      root: dir,
      maxFileBytes: 1048576,
      baseline: false,
      policyPath: join(dir, 'p.yml'),
    });
    expect(result.stdout).toBe(
      'Wrote 3 findings in 2 files to out/base.json: later scans count only findings not in it.\n',
    );
    const written = JSON.parse(readFileSync(join(dir, 'out', 'base.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(written.entries).toHaveLength(3);
  });

  it('scan passes --policy, --baseline and --no-baseline to the pipeline', async () => {
    await cli(['scan', '--policy', 'p.yml', '--baseline', 'b.json']);
    expect(runMock).toHaveBeenLastCalledWith({
      root: dir,
      maxFileBytes: 1048576,
      policyPath: join(dir, 'p.yml'),
      baseline: join(dir, 'b.json'),
    });
    await cli(['scan', '--no-baseline']);
    expect(runMock).toHaveBeenLastCalledWith({ root: dir, maxFileBytes: 1048576, baseline: false });
  });

  it.each([
    [
      ['scan', '--baseline', 'b.json', '--no-baseline'],
      '--baseline and --no-baseline exclude each other (see --help)',
    ],
    [['baseline', '--format', 'json'], "option '--format' does not apply to baseline (see --help)"],
    [['rules', '--output', 'x'], "option '--output' does not apply to rules (see --help)"],
    [['rules', 'x'], "unexpected argument 'x' (see --help)"],
    [['explain'], 'missing rule id: try explain SP003 (see --help)'],
    [['explain', 'SP003', 'SP004'], "unexpected argument 'SP004' (see --help)"],
    [['scan', '--policy', ''], 'empty --policy value (see --help)'],
  ])('%j exits 2', async (argv, message) => {
    expect(await cli(argv)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `smtp-preflight: ${message}\n`,
    });
  });
});

describe('cli: rules and explain', () => {
  it('rules prints id, severity and title of every rule', async () => {
    const result = await cli(['rules']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('ID     SEVERITY  TITLE');
    expect(lines[1]).toBe('SP001  error     Port 25 used for submission');
    expect(lines).toContain('SP003  warning   Opportunistic STARTTLS');
    expect(lines).toContain('SP016  note      Suppression without reason or effect');
    expect(
      result.stdout.endsWith("smtp-preflight explain ID prints a rule's documentation.\n"),
    ).toBe(true);
  });

  it('explain prints the rule page from docs/rules (any case)', async () => {
    const result = await cli(['explain', 'sp003']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      readFileSync(new URL('../docs/rules/SP003.md', import.meta.url), 'utf8'),
    );
    expect(result.stdout).toMatch(/^# SP003: Opportunistic STARTTLS\n/);
  });

  it('explain falls back to the title and description when the page is missing', () => {
    expect(explainRule('SP016', new URL('file:///nonexistent/docs/rules/'))).toBe(
      'SP016: Suppression without reason or effect\n\nDefault severity: note\n\n' +
        'An `smtp-preflight-ignore` comment gives no reason, suppresses nothing (stale), or names a rule the policy does not let you suppress inline.\n\n' +
        'More: https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/SP016.md\n',
    );
  });

  it('explain of an unknown id exits 2 and lists the known ids', async () => {
    const result = await cli(['explain', 'SP999']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "smtp-preflight: unknown rule 'SP999' (known: SP001, SP002, SP003, SP004, SP005, SP006, SP007, SP008, SP009, SP010, SP011, SP012, SP013, SP014, SP015, SP016, LV001, LV002, LV003, LV004, LV005, LV006, LV007, LV008, LV009, LV010, LV011, LV012, LV013, LV014, LV015, LV016)\n",
    );
  });

  it('every rule has a page with a "Suppressing a finding" section', async () => {
    for (const rule of RULES) {
      const page = explainRule(rule.id);
      expect(page, rule.id).toMatch(new RegExp(`^# ${rule.id}: `));
      expect(page, rule.id).toContain('## Suppressing a finding');
    }
  });
});
