/**
 * Hostile cases that need their own run: a raised size limit, races and permission errors
 * simulated at the file system (so they work as root, who reads mode-000 files), and a NUL byte in
 * the path given to scan.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, type CliIO } from '../../src/cli.js';
import type { Report } from '../../src/model.js';
import { run } from '../../src/run.js';
import {
  GOOD_ENV,
  GOOD_NAME,
  buildCorpus,
  goodSpots,
  hugeEnv,
  isRoot,
  removeCorpus,
  spots,
  type HostileCase,
  type Mode,
} from './corpus.js';

const roots: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const root of roots.splice(0)) removeCorpus(root);
});

/** A corpus of one case: its files next to the good file. */
function corpus(mode: Mode, files: Record<string, string | Buffer>): string {
  const only: HostileCase = {
    dir: 'case',
    title: 'one case',
    build(root) {
      for (const [name, content] of Object.entries(files)) {
        fs.writeFileSync(path.join(root, 'case', name), content);
      }
    },
    diagnostics: () => [],
  };
  const root = buildCorpus(mode, [only]);
  roots.push(root);
  return root;
}

const goodEverywhere = [...goodSpots(GOOD_NAME), ...goodSpots(`case/${GOOD_NAME}`)];

/** Exactly the good files' findings, in any order. */
function expectOnlyGood(report: Report): void {
  expect(spots(report)).toEqual(expect.arrayContaining(goodEverywhere));
  expect(spots(report)).toHaveLength(goodEverywhere.length);
}

/** Makes `fs.openSync` fail with `code` for files whose name ends with `name`. */
function failOpen(name: string, code: string, before?: (file: string) => void): void {
  const open = fs.openSync.bind(fs);
  vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
    const p = Buffer.isBuffer(file) ? file.toString() : String(file);
    if (p.endsWith(name)) {
      before?.(p);
      if (code !== 'ENOENT') throw Object.assign(new Error(`${code}: simulated`), { code });
    }
    return open(file, ...rest);
  });
}

describe.each<Mode>(['git', 'walk'])('hostile single cases (%s mode)', (mode) => {
  it(
    'reads a 50 MB .env under a raised --max-file-size in bounded time',
    // A hang guard: linear work on 50 MB takes seconds; quadratic backtracking takes minutes.
    { timeout: 30_000 },
    async () => {
      const root = corpus(mode, { '.env': hugeEnv() });
      const heapBefore = process.memoryUsage().heapUsed;
      const report = await run({ root, maxFileBytes: 64 * 1024 * 1024 });
      // The lines of `=` are not KEY=value: one warning each, capped per file with a summary.
      const messages = report.diagnostics.map((d) => `${d.level} ${d.file}: ${d.message}`);
      expect(messages).toHaveLength(21);
      for (const m of messages.slice(0, 20))
        expect(m).toMatch(
          /^warning case\/\.env: malformed dotenv at line \d+: expected KEY=value$/,
        );
      expect(messages[20]).toMatch(/^warning case\/\.env: \d+ more diagnostic\(s\) not shown$/);
      expect(spots(report)).toEqual(
        expect.arrayContaining([
          ...goodEverywhere,
          { ruleId: 'SP001', file: 'case/.env', line: 2 },
          { ruleId: 'SP007', file: 'case/.env', line: 4 },
        ]),
      );
      // Text, split lines and entries of one 50 MB file; nothing that grows with backtracking.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(1024 * 1024 * 1024);
    },
  );

  it('reports a file that vanishes between listing and reading', async () => {
    const root = corpus(mode, { '.env': GOOD_ENV });
    failOpen('case/.env', 'ENOENT', (file) => fs.rmSync(file));
    const report = await run({ root });
    expect(report.diagnostics).toEqual([
      {
        level: 'info',
        file: 'case/.env',
        message: 'skipped: the file disappeared before it could be read',
      },
    ]);
    expectOnlyGood(report);
  });

  it('reports a file it may not read (simulated, so it also holds as root)', async () => {
    const root = corpus(mode, { '.env': GOOD_ENV });
    failOpen('case/.env', 'EACCES');
    const report = await run({ root });
    expect(report.diagnostics).toEqual([
      { level: 'warning', file: 'case/.env', message: 'skipped: permission denied' },
    ]);
    expectOnlyGood(report);
  });

  it.runIf(process.platform !== 'win32' && !isRoot)(
    'reports a mode-000 file and a mode-000 directory',
    async () => {
      const root = corpus(mode, { '.env': GOOD_ENV });
      fs.mkdirSync(path.join(root, 'locked'));
      fs.writeFileSync(path.join(root, 'locked', GOOD_NAME), GOOD_ENV);
      fs.chmodSync(path.join(root, 'case', '.env'), 0o000);
      fs.chmodSync(path.join(root, 'locked'), 0o000);
      try {
        const report = await run({ root });
        expect(report.diagnostics).toContainEqual({
          level: 'warning',
          file: 'case/.env',
          message: 'skipped: permission denied',
        });
        expectOnlyGood(report);
      } finally {
        fs.chmodSync(path.join(root, 'case', '.env'), 0o644);
        fs.chmodSync(path.join(root, 'locked'), 0o755);
      }
    },
  );
});

describe('a NUL byte in the path to scan', () => {
  it('run() rejects with a message naming the problem', async () => {
    await expect(run({ root: 'repo\0/etc' })).rejects.toThrow(/null bytes/);
  });

  it('the CLI exits 2 with a one-line usage error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      color: false,
      cwd: process.cwd(),
    };
    expect(await main(['scan', 'repo\0/etc'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toBe('smtp-preflight: invalid path "repo\\u0000/etc": it contains a NUL byte\n');
  });
});
