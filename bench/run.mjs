#!/usr/bin/env node
/**
 * `npm run bench`: times `smtp-preflight scan` against ripgrep (`rg -l -i -e smtp -e mail`, the
 * floor for "read every candidate file") on generated monorepos of 1k, 10k and 100k files, and
 * prints a markdown table for docs/performance.md. Report only: exits 0 whatever the figures.
 *
 *   npm run bench -- --sizes 10k --runs 3 --cli /tmp/dist/cli.js
 *
 * Options (or environment variables): --sizes (SMTP_PREFLIGHT_BENCH_SIZES, default 1k,10k,100k),
 * --runs (SMTP_PREFLIGHT_BENCH_RUNS, default 5; 3 at 100k and above), --seed (default
 * smtp-preflight), --cli (default dist/cli.js), --cache (SMTP_PREFLIGHT_BENCH_CACHE, default
 * $TMPDIR/smtp-preflight-bench: generated repositories are reused from there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureEmptyRepo, ensureRepo, parseSize } from './generate.mjs';
import { TIME, measure } from './measure.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const RG_ARGS = ['-l', '-i', '--hidden', '-g', '!.git/', '-e', 'smtp', '-e', 'mail', '.'];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: process.env.SMTP_PREFLIGHT_BENCH_SIZES ?? '1k,10k,100k' },
    runs: { type: 'string', default: process.env.SMTP_PREFLIGHT_BENCH_RUNS },
    seed: { type: 'string', default: 'smtp-preflight' },
    cli: { type: 'string', default: join(root, 'dist', 'cli.js') },
    cache: {
      type: 'string',
      default: process.env.SMTP_PREFLIGHT_BENCH_CACHE ?? join(tmpdir(), 'smtp-preflight-bench'),
    },
  },
});

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** The tools this runner needs but never installs. */
function checkTools(cli) {
  const missing = [];
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (rg.error || rg.status !== 0) missing.push('ripgrep (rg)');
  if (!existsSync(TIME)) missing.push('GNU time (/usr/bin/time)');
  if (missing.length > 0) {
    fail(
      `missing ${missing.join(' and ')}. On Debian or Ubuntu: apt-get install ripgrep time ` +
        '(elsewhere: ripgrep from https://github.com/BurntSushi/ripgrep, GNU time from your package manager).',
    );
  }
  if (!existsSync(cli)) fail(`${cli} not found: build it with \`npm run bundle\` (or pass --cli).`);
  return rg.stdout.split('\n')[0];
}

const fmtS = (s) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const fmtMiB = (m) => `${m.toFixed(0)} MiB`;
const fmtBytes = (b) => (b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : `${(b / 1e6).toFixed(0)} MB`);
const label = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

async function main() {
  const cli = resolve(values.cli);
  const rgVersion = checkTools(cli);
  const sizes = values.sizes.split(',').filter(Boolean).map(parseSize);
  const runsFor = (size) => Number(values.runs ?? (size >= 100_000 ? 3 : 5));
  if (sizes.some((s) => !(Number.isInteger(runsFor(s)) && runsFor(s) >= 1)))
    fail('--runs must be a positive whole number');
  mkdirSync(values.cache, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'smtp-preflight-bench-out-'));
  const reportFile = join(out, 'report.json');
  const scanArgs = (dir) => [
    cli,
    'scan',
    dir,
    '--format',
    'json',
    '--output',
    reportFile,
    '--fail-on',
    'never',
  ];
  const node = process.execPath;

  try {
    // Startup and module load on their own: --version, and a scan of a one-file repository.
    const empty = ensureEmptyRepo(values.cache);
    const version = await measure({
      command: node,
      args: [cli, '--version'],
      runs: 9,
      ok: (s) => s === 0,
    });
    const emptyScan = await measure({
      command: node,
      args: scanArgs(empty),
      runs: 9,
      ok: (s) => s === 0,
    });
    console.error(
      `startup: --version ${fmtS(version.wall)}, empty repository scan ${fmtS(emptyScan.wall)}`,
    );

    const rows = [];
    for (const size of sizes) {
      const repo = ensureRepo({ size, seed: values.seed, cacheDir: values.cache });
      console.error(
        `${label(size)}: ${repo.reused ? 'reusing' : `generated in ${repo.seconds.toFixed(1)} s:`} ${repo.dir}`,
      );
      const runs = runsFor(size);
      const scan = await measure({
        command: node,
        args: scanArgs(repo.dir),
        runs,
        ok: (s) => s === 0,
      });
      const stats = JSON.parse(readFileSync(reportFile, 'utf8')).stats;
      const rg = await measure({
        command: 'rg',
        args: RG_ARGS,
        cwd: repo.dir,
        runs,
        ok: (s) => s <= 1,
      });
      const perFile = ((scan.wall - emptyScan.wall) / repo.files) * 1e6;
      rows.push({ size, repo, scan, rg, stats, perFile });
      console.error(
        `${label(size)}: scan ${fmtS(scan.wall)} (runs ${scan.walls.map(fmtS).join(', ')}), rg ${fmtS(rg.wall)}, ` +
          `ratio ${(scan.wall / rg.wall).toFixed(2)}, scan RSS ${fmtMiB(scan.rss)}, ${stats.filesRead} files read and extracted`,
      );
    }

    const cpu = cpus();
    console.log(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
        `Node ${process.version}, ${rgVersion}; seed \`${values.seed}\`; medians of ${[...new Set(sizes.map(runsFor))].join('/')} runs after a warm-up.\n`,
    );
    console.log(
      '| Files | Bytes | Files extracted | Scan (wall) | ripgrep (wall) | Scan / ripgrep | Scan CPU | ripgrep CPU | CPU ratio | Scan peak RSS | ripgrep peak RSS | Scan µs per file, startup excluded |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { size, repo, scan, rg, stats, perFile } of rows) {
      console.log(
        `| ${label(size)} | ${fmtBytes(repo.bytes)} | ${stats.filesRead} | ${fmtS(scan.wall)} | ${fmtS(rg.wall)} | ` +
          `${(scan.wall / rg.wall).toFixed(2)}× | ${fmtS(scan.cpu)} | ${fmtS(rg.cpu)} | ${(scan.cpu / rg.cpu).toFixed(1)}× | ${fmtMiB(scan.rss)} | ` +
          `${fmtMiB(rg.rss)} | ${perFile.toFixed(0)} |`,
      );
    }
    // Linearity: the per-file cost should stay flat as the tree grows (no quadratic step).
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      console.log(
        `\n${label(a.size)} → ${label(b.size)} files: ${(b.size / a.size).toFixed(0)}× the files, ` +
          `${(b.scan.wall / a.scan.wall).toFixed(1)}× the scan time, ${(b.scan.cpu / a.scan.cpu).toFixed(1)}× its CPU time ` +
          `(per file, startup excluded: ${(b.perFile / a.perFile).toFixed(2)}×).`,
      );
    }
    const small = rows.find((r) => r.size === 1000) ?? rows[0];
    console.log(
      `\nStartup and module load: \`--version\` ${fmtS(version.wall)} (peak RSS ${fmtMiB(version.rss)}), ` +
        `scan of a one-file repository ${fmtS(emptyScan.wall)}` +
        (small
          ? `: ${((emptyScan.wall / small.scan.wall) * 100).toFixed(0)}% of the ${label(small.size)}-file scan's ` +
            `wall time, ${((emptyScan.cpu / small.scan.cpu) * 100).toFixed(0)}% of its CPU time.`
          : '.'),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
