import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HELP, main, type CliIO } from '../src/cli.js';
import type { Report } from '../src/model.js';
import { VERSION, run } from '../src/run.js';
import { makeReport, sp003, sp012 } from './report/fixture.js';

// The real pipeline runs unless a test hands `run` a canned report with mockResolvedValueOnce.
vi.mock('../src/run.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/run.js')>();
  return { ...actual, run: vi.fn(actual.run) };
});
const runMock = vi.mocked(run);

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
    expect(HELP).toContain('--format text|json');
    expect(HELP).toContain('--fail-on LEVEL');
    expect(HELP).toContain('--max-file-size BYTES');
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
      "smtp-preflight: invalid --format value 'xml' (expected text or json)",
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
