/**
 * Generates a monorepo-shaped git repository of exactly `size` files, deterministically from a seed:
 * source in several languages, vendored dependencies, lock files, docs, binary assets, a few large
 * files and a few hundred configuration files, some of which hold SMTP settings. Committed with a
 * fixed author and date. Reused when the same seed and size were already generated.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as content from './content.mjs';
import { randomTools, seedOf } from './random.mjs';

/** Bump when the generated tree changes, so cached repositories are not reused by mistake. */
export const GENERATOR_VERSION = 1;

const LANGUAGES = [
  // [language, share of units, source extension(s), lock file, unit folder]
  ['ts', 0.35, ['ts', 'ts', 'tsx', 'js'], 'package-lock.json', 'packages'],
  ['py', 0.15, ['py'], 'poetry.lock', 'services'],
  ['go', 0.12, ['go'], 'go.sum', 'services'],
  ['rb', 0.08, ['rb'], 'Gemfile.lock', 'apps'],
  ['php', 0.1, ['php'], 'composer.lock', 'apps'],
  ['java', 0.2, ['java'], null, 'services'],
];

const SOURCE = {
  ts: (r, bytes, o) => content.typescript(r, bytes, o),
  tsx: (r, bytes, o) => content.typescript(r, bytes, { ...o, jsx: true }),
  js: (r, bytes, o) => content.typescript(r, bytes, o),
  py: content.python,
  go: content.go,
  rb: content.ruby,
  php: content.php,
  java: content.java,
};

/** `1k` → 1000, `100k` → 100000, `2500` → 2500. */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(text).trim());
  if (!m) throw new Error(`not a size: ${text} (e.g. 1k, 10k, 100k)`);
  const n = Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2]) ? 1000 : 1e6);
  if (!Number.isInteger(n) || n < 200) throw new Error(`size ${text}: at least 200 files`);
  return n;
}

/** Typical source size: mostly small files, a tail of larger ones. */
function sourceBytes(r) {
  return r.chance(0.06) ? r.int(8000, 40000) : r.int(300, 5000);
}

/** The list of files to write: [relative path, () => content]. Exactly `size` entries. */
export function planTree(size, seed) {
  const r = randomTools(seedOf(`${seed}:${size}`));
  const files = [];
  const add = (path, make) => files.push([path, make]);

  // A few large files, the same at every size.
  add('data/seed/users.json', () => content.usersJson(r, 900_000)); // under the 1 MiB limit
  add('data/fixtures/events.json', () => content.usersJson(r, 4_000_000)); // over it
  add('packages/api-client/src/generated/client.ts', () => content.generatedClient(r, 700_000));
  add('db/dump.sql', () => content.sqlDump(r, 3_000_000));
  add('web/public/app.min.js', () => content.minifiedBundle(r, 2_000_000));
  add('package-lock.json', () => content.packageLock(r, 2_500_000));
  add('yarn.lock', () => content.yarnLock(r, 600_000));
  add('README.md', () => content.markdown(r, 4000, { mail: true }));
  add('.gitignore', () => 'node_modules/\ndist/\n*.log\n');

  // Units (packages, services, apps), each with its language, lock file and README.
  const unitCount = Math.max(4, Math.round(size / 250));
  const units = [];
  for (let u = 0; u < unitCount; u++) {
    let x = r.next();
    const lang = LANGUAGES.find(([, share]) => (x -= share) < 0) ?? LANGUAGES[0];
    const [name, , exts, lock, folder] = lang;
    const dir = `${folder}/${r.word()}-${u}`;
    units.push({ dir, name, exts });
    add(`${dir}/README.md`, () => content.markdown(r, r.int(500, 4000), { mail: r.chance(0.1) }));
    if (lock === 'package-lock.json')
      add(`${dir}/${lock}`, () => content.packageLock(r, r.int(50_000, 400_000)));
    else if (lock === 'go.sum') add(`${dir}/${lock}`, () => content.goSum(r, r.int(5_000, 60_000)));
    else if (lock) add(`${dir}/${lock}`, () => content.yarnLock(r, r.int(20_000, 200_000)));
  }

  // A few hundred configuration files, one in five configuring a mail connection.
  const configCount = Math.round(40 + size * 0.004);
  for (let c = 0; c < configCount; c++) {
    const unit = r.pick(units);
    const kind = content.CONFIG_KINDS[c % content.CONFIG_KINDS.length];
    const smtp = r.chance(0.2);
    const path =
      kind === 'workflow.yml'
        ? `.github/workflows/${r.word()}-${c}.yml`
        : kind === 'deployment.yaml'
          ? `deploy/k8s/${r.word()}-${c}/deployment.yaml`
          : `${unit.dir}/config-${c}/${kind}`;
    add(path, () => content.config(r, kind, smtp));
  }

  const rest = size - files.length;
  const vendored = Math.round(rest * 0.15);
  const docs = Math.round(rest * 0.05);
  const assets = Math.round(rest * 0.02);
  const sources = rest - vendored - docs - assets;

  // Vendored dependencies: Go modules and PHP packages under vendor/, JS libraries under third_party/.
  for (let v = 0; v < vendored; v++) {
    const lib = `${r.word()}${v % 97}`;
    const x = r.next();
    const mail = r.chance(0.05);
    const bytes = sourceBytes(r);
    if (x < 0.6)
      add(`vendor/github.com/${lib}/${r.word()}/${r.word()}-${v}.go`, () =>
        content.go(r, bytes, { mail }),
      );
    else if (x < 0.85)
      add(`apps/legacy/vendor/${lib}/src/${r.camel()}${v}.php`, () =>
        content.php(r, bytes, { mail }),
      );
    else
      add(`third_party/${lib}/lib/${r.word()}-${v}.js`, () =>
        content.typescript(r, bytes, { mail }),
      );
  }
  for (let d = 0; d < docs; d++) {
    add(`docs/${r.word()}/${r.word()}-${d}.md`, () =>
      content.markdown(r, r.int(500, 8000), { mail: r.chance(0.05) }),
    );
  }
  for (let a = 0; a < assets; a++) {
    const unit = r.pick(units);
    add(`${unit.dir}/assets/${r.word()}-${a}.png`, () => content.binary(r, r.int(500, 30_000)));
  }

  // Sources: 7% mention e-mail in passing; a few configure a mailer in code.
  const smtpCode = Math.max(5, Math.round(sources * 0.002));
  for (let s = 0; s < sources; s++) {
    const unit = units[s % units.length];
    const ext = r.pick(unit.exts);
    const sub = `${r.pick(['src', 'lib', 'internal', 'app', 'test'])}/${r.word(1, 2)}${s % 23}`;
    const path = `${unit.dir}/${sub}/${r.word()}-${s}.${ext}`;
    if (s < smtpCode && unit.name !== 'java') {
      const language = unit.name;
      add(path.replace(/\.\w+$/, `.${language}`), () => content.smtpCode(r, language));
    } else {
      const bytes = sourceBytes(r);
      const mail = r.chance(0.07);
      add(path, () => SOURCE[ext](r, bytes, { mail }));
    }
  }
  return files;
}

function git(cwd, args) {
  const date = '2026-01-01T00:00:00Z';
  execFileSync(
    'git',
    [
      '-c',
      'core.autocrlf=false',
      '-c',
      'gc.auto=0',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.hooksPath=/dev/null',
      ...args,
    ],
    {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'bench@example.invalid',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'bench@example.invalid',
        GIT_COMMITTER_DATE: date,
      },
    },
  );
}

/**
 * The repository for `size` and `seed` under `cacheDir`, generated and committed unless a complete
 * one is there already. Returns { dir, files, bytes, reused, seconds }.
 */
export function ensureRepo({ size, seed, cacheDir }) {
  const dir = join(cacheDir, `monorepo-${size}-${seedOf(seed).toString(16)}-g${GENERATOR_VERSION}`);
  const stamp = `${dir}.json`;
  if (existsSync(stamp) && existsSync(join(dir, '.git'))) {
    return { dir, ...JSON.parse(readFileSync(stamp, 'utf8')), reused: true, seconds: 0 };
  }
  const started = process.hrtime.bigint();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const made = new Set();
  let bytes = 0;
  const plan = planTree(size, seed);
  for (const [path, make] of plan) {
    const abs = join(dir, path);
    const parent = dirname(abs);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    const data = make();
    bytes += Buffer.byteLength(data);
    writeFileSync(abs, data);
  }
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `bench monorepo: ${size} files, seed ${seed}`]);
  const summary = { files: plan.length, bytes };
  writeFileSync(stamp, JSON.stringify(summary));
  return {
    dir,
    ...summary,
    reused: false,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** An empty repository (one README), to time startup and module load on their own. */
export function ensureEmptyRepo(cacheDir) {
  const dir = join(cacheDir, 'empty');
  if (!existsSync(join(dir, '.git'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'README.md'), '# empty\n');
    git(dir, ['init', '-q']);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'empty']);
  }
  return dir;
}
