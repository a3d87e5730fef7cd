/**
 * The pull request base scan reads only the files that changed between the base commit and the
 * working tree, and takes the head's findings for every other file. It must give exactly the
 * comparison a full scan of the base commit gives: same new fingerprints, same fixed findings in
 * the same order. Each case builds a repository, changes it, and runs both methods.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planBaseScan } from '../src/discover/changed.js';
import { createBaseline, renderBaseline } from '../src/policy/baseline.js';
import type { Report } from '../src/model.js';
import { addComparison, run, type RunOptions } from '../src/run.js';

process.env.GIT_CEILING_DIRECTORIES = realpathSync(tmpdir());
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
}

function write(repo: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
}

/** A repository with `files` committed; returns its path and the commit. */
function repoWith(files: Record<string, string>): { repo: string; base: string } {
  const repo = mkdtempSync(join(tmpdir(), 'sp-equivalence-'));
  made.push(repo);
  git(repo, 'init', '-q', '-b', 'main');
  write(repo, files);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  return { repo, base: git(repo, 'rev-parse', 'HEAD') };
}

function commitAll(repo: string): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'head', '--allow-empty');
}

// Snippets with findings: port 25 with a password (SP001, SP007), verification off (SP005),
// opportunistic STARTTLS (SP003), a commented-out password (SP007 loose secret).
const ENV_25 = (pw: string) =>
  `MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.net\nMAIL_PORT=25\nMAIL_USERNAME=app\nMAIL_PASSWORD=${pw}\n`;
const ENV_587 = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=587\nMAIL_USERNAME=pm\n';
const GRAFANA = '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\nskip_verify = true\n';
const GRAFANA_OK = '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\n';
const COMPOSE = (port: number) =>
  `services:\n  app:\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.org\n      MAIL_PORT: ${port}\n      MAIL_USERNAME: app\n      MAIL_PASSWORD: Zq8vP2mL7xR4tW\n`;

const START = {
  'apps/a/.env': ENV_25('K9vq2Lr7Wz4Pn8'),
  'apps/b/.env': ENV_587,
  'apps/c/grafana.ini': GRAFANA,
  'apps/d/docker-compose.yml': COMPOSE(25),
  'apps/e/.env': `${ENV_587}# MAIL_PASSWORD=Hj3kL9mN2pQ7rS\n`,
  'apps/f/.env': `${ENV_25('Aa1Bb2Cc3Dd4Ee')}\n${ENV_25('Aa1Bb2Cc3Dd4Ee')}`, // identical lines: :2
  'apps/g/grafana.ini': `${GRAFANA}# smtp-preflight-ignore SP005 -- lab relay\n`,
  'docs/readme.md': 'nothing about mail here\n',
};

interface Outcome {
  newFingerprints: string[];
  fixed: Report['findings'];
  findings: string[];
}

async function both(
  repo: string,
  base: string,
  extra: Partial<RunOptions> = {},
): Promise<{ fast: Outcome; full: Outcome }> {
  const options = { root: repo, ...extra };
  const outcome = async (fullBaseScan: boolean): Promise<Outcome> => {
    const head = await addComparison(await run(options), { ...options, base, fullBaseScan });
    const c = head.comparison;
    if (!c) throw new Error('no comparison');
    return {
      newFingerprints: c.newFingerprints,
      fixed: c.fixed,
      findings: head.findings.map((f) => `${f.ruleId} ${f.at.file}:${f.at.line}`),
    };
  };
  return { fast: await outcome(false), full: await outcome(true) };
}

/** The plan the fast method uses (undefined: it falls back to the full scan). */
async function plan(repo: string, base: string, carried: string[] = []) {
  return planBaseScan(repo, base, carried);
}

// Real git and two scans per case: generous timeouts for loaded CI machines.
describe('base scan of changed files only', { timeout: 60_000 }, () => {
  it('gives the same comparison as a full base scan: adds, edits, deletes, renames, moves', async () => {
    const { repo, base } = repoWith(START);
    // Edit: a finding fixed (port 25 → 587) and one added.
    write(repo, { 'apps/a/.env': ENV_587, 'apps/b/.env': ENV_25('N3wP4ssW0rdXy') });
    // Delete: its findings are fixed.
    rmSync(join(repo, 'apps/c/grafana.ini'));
    // Rename without edit: every finding in it is new under the new name and fixed under the old.
    mkdirSync(join(repo, 'services/d'), { recursive: true });
    renameSync(
      join(repo, 'apps/d/docker-compose.yml'),
      join(repo, 'services/d/docker-compose.yml'),
    );
    // Moved lines only: nothing new, nothing fixed.
    write(repo, { 'apps/e/.env': `# moved down\n\n${ENV_587}# MAIL_PASSWORD=Hj3kL9mN2pQ7rS\n` });
    // The suppression goes: the SP005 finding appears.
    write(repo, { 'apps/g/grafana.ini': GRAFANA });
    // Added files.
    write(repo, { 'apps/h/grafana.ini': GRAFANA, 'apps/h/.env': ENV_25('Qw3Er4Ty5Ui6Op') });
    commitAll(repo);
    // Uncommitted and untracked changes count too (the head scan reads the working tree).
    write(repo, { 'apps/f/.env': ENV_587, 'apps/i/.env': ENV_25('Zx9Cv8Bn7Mm6Ll') });

    const p = await plan(repo, base);
    expect(p).toBeDefined();
    expect([...(p?.changed ?? [])].sort()).toEqual([
      'apps/a/.env',
      'apps/b/.env',
      'apps/c/grafana.ini',
      'apps/d/docker-compose.yml',
      'apps/e/.env',
      'apps/f/.env',
      'apps/g/grafana.ini',
      'apps/h/.env',
      'apps/h/grafana.ini',
      'apps/i/.env',
      'services/d/docker-compose.yml',
    ]);
    // Only what exists at the base is checked out.
    expect([...(p?.present ?? [])].sort()).toEqual([
      'apps/a/.env',
      'apps/b/.env',
      'apps/c/grafana.ini',
      'apps/d/docker-compose.yml',
      'apps/e/.env',
      'apps/f/.env',
      'apps/g/grafana.ini',
    ]);

    const { fast, full } = await both(repo, base);
    expect(fast).toEqual(full);
    // The case is not trivial: there are new, fixed and pre-existing findings.
    expect(full.newFingerprints.length).toBeGreaterThan(3);
    expect(full.fixed.map((f) => f.at.file)).toEqual(
      expect.arrayContaining(['apps/a/.env', 'apps/c/grafana.ini', 'apps/d/docker-compose.yml']),
    );
    expect(full.findings.length - full.newFingerprints.length).toBeGreaterThan(0);
  });

  it('gives the same comparison when nothing changed, and reads no base file', async () => {
    const { repo, base } = repoWith(START);
    const p = await plan(repo, base);
    expect(p).toEqual({ changed: new Set(), present: [] });
    const { fast, full } = await both(repo, base);
    expect(fast).toEqual(full);
    expect(full.newFingerprints).toEqual([]);
    expect(full.fixed).toEqual([]);
  });

  it('gives the same comparison for a scan root below the top level, and for a new root', async () => {
    const { repo, base } = repoWith(START);
    write(repo, {
      'apps/b/.env': ENV_25('Rt5Yu6Io7Pa8Sd'),
      'apps/new/.env': ENV_25('Fg1Hj2Kl3Zx4Cv'),
    });
    rmSync(join(repo, 'apps/c/grafana.ini'));
    commitAll(repo);
    const sub = await both(join(repo, 'apps'), base);
    expect(sub.fast).toEqual(sub.full);
    expect(sub.full.fixed.map((f) => f.at.file)).toEqual([
      'b/.env', // SP003 on 587 fixed by going to 25
      'c/grafana.ini',
      'c/grafana.ini',
    ]);
    // A directory that does not exist at the base: everything in it is new.
    const fresh = await both(join(repo, 'apps/new'), base);
    expect(fresh.fast).toEqual(fresh.full);
    expect(fresh.full.newFingerprints).toHaveLength(fresh.full.findings.length);
  });

  it('gives the same comparison with an unchanged baseline, and falls back when it changed', async () => {
    const { repo } = repoWith(START);
    // Write the baseline of the start state with the pipeline itself, commit it as the base.
    write(repo, {
      '.smtp-preflight-baseline.json': renderBaseline(
        createBaseline(await run({ root: repo, baseline: false })),
      ),
    });
    commitAll(repo);
    const base = git(repo, 'rev-parse', 'HEAD');
    write(repo, { 'apps/a/.env': ENV_587, 'apps/b/.env': ENV_25('Mn4Bv5Cx6Zl7Kj') });
    commitAll(repo);
    expect((await plan(repo, base, ['.smtp-preflight-baseline.json']))?.present).toContain(
      '.smtp-preflight-baseline.json',
    );
    const unchanged = await both(repo, base);
    expect(unchanged.fast).toEqual(unchanged.full);
    expect(unchanged.full.fixed.map((f) => f.at.file)).toEqual([]); // baselined at the base too

    // The pull request empties the baseline: the two sides are judged differently, so the fast
    // method must not take the head's findings for unchanged files. It falls back to a full scan.
    write(repo, {
      '.smtp-preflight-baseline.json': renderBaseline({
        ...createBaseline(await run({ root: repo, baseline: false })),
        entries: [],
      }),
    });
    commitAll(repo);
    expect(await plan(repo, base, ['.smtp-preflight-baseline.json'])).toBeUndefined();
    const emptied = await both(repo, base);
    expect(emptied.fast).toEqual(emptied.full);
  });

  it.skipIf(process.platform === 'win32')(
    'falls back to a full base scan when a candidate file is a symlink',
    async () => {
      const { repo, base } = repoWith({ ...START, 'shared/mail.env': ENV_25('Lk8Jh7Gf6Ds5Aa') });
      symlinkSync('../../shared/mail.env', join(repo, 'apps/b/.env.production'));
      commitAll(repo);
      const base2 = git(repo, 'rev-parse', 'HEAD');
      // The link does not change; its target does.
      write(repo, { 'shared/mail.env': ENV_587 });
      commitAll(repo);
      expect(await plan(repo, base2)).toBeUndefined();
      const { fast, full } = await both(repo, base2);
      expect(fast).toEqual(full);
      expect(full.fixed.map((f) => f.at.file)).toContain('apps/b/.env.production');
      expect(base).not.toBe(base2);
    },
  );

  it('gives the same comparison on randomly changed repositories', async () => {
    // A small deterministic generator (no flaky seeds): each round adds, edits, deletes and
    // renames some files, some committed and some left in the working tree.
    let seed = 20261127;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const texts = [
      ENV_25('Pp1Oo2Ii3Uu4Yy'),
      ENV_587,
      GRAFANA,
      GRAFANA_OK,
      COMPOSE(25),
      COMPOSE(587),
      `${ENV_587}# MAIL_PASSWORD=Tt5Rr6Ee7Ww8Qq\n`,
    ];
    const names = ['.env', 'grafana.ini', 'docker-compose.yml', '.env.production', 'mail.env'];
    for (let round = 0; round < 4; round++) {
      const start: Record<string, string> = {};
      for (let i = 0; i < 12; i++) {
        start[`pkg${i}/${names[rand(names.length)]}`] = texts[rand(texts.length)];
      }
      const { repo, base } = repoWith(start);
      const paths = Object.keys(start);
      for (const path of paths) {
        const action = rand(6);
        if (action === 0) rmSync(join(repo, path));
        else if (action === 1) write(repo, { [path]: texts[rand(texts.length)] });
        else if (action === 2) {
          const to = `moved${round}/${path}`;
          mkdirSync(dirname(join(repo, to)), { recursive: true });
          renameSync(join(repo, path), join(repo, to));
        } else if (action === 3)
          write(repo, { [`new${rand(5)}/${path}`]: texts[rand(texts.length)] });
      }
      if (rand(2) === 0) commitAll(repo);
      expect(await plan(repo, base), `round ${round}`).toBeDefined();
      const { fast, full } = await both(repo, base);
      expect(fast, `round ${round}`).toEqual(full);
    }
  });
});
