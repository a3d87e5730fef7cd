/**
 * The hostile corpus, generated at test time (nothing large or binary is committed). Each case is a
 * directory holding its hostile files next to a copy of one good file with known findings; a case
 * lists the exact diagnostics its files must produce and any findings they must still yield.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic, Report } from '../../src/model.js';

// Keep git from finding a repository above the temporary trees (if TMPDIR sits inside one).
process.env.GIT_CEILING_DIRECTORIES = fs.realpathSync(os.tmpdir());

export type Mode = 'git' | 'walk';

export const isLinux = process.platform === 'linux';
export const isRoot = process.getuid?.() === 0;

/** The good file: port 25 with authentication (SP001) and a literal password (SP007). */
export const GOOD_NAME = 'mail.env';
export const GOOD_ENV =
  'MAIL_HOST=smtp.example.com\nMAIL_PORT=25\nMAIL_USERNAME=app\nMAIL_PASSWORD=Tr0ub4dor-3-horse\n';

/** A finding as the tests compare it: rule, file, line. */
export interface Spot {
  ruleId: string;
  file: string;
  line: number;
}

/** The findings the good file yields wherever it sits. */
export function goodSpots(file: string): Spot[] {
  return [
    { ruleId: 'SP001', file, line: 2 },
    { ruleId: 'SP007', file, line: 4 },
  ];
}

export function spots(report: Report): Spot[] {
  return report.findings.map((f) => ({ ruleId: f.ruleId, file: f.at.file, line: f.at.line }));
}

export interface HostileCase {
  /** The case's directory, relative to the corpus root. */
  dir: string;
  /** What the case covers, for the test title. */
  title: string;
  /** Writes the hostile files (the good file is added by {@link buildCorpus}). */
  build(root: string, mode: Mode): void;
  /** Runs after the commit in git mode (a tracked file replaced by something else). */
  afterCommit?(root: string): void;
  /** The exact diagnostics of the case's files (files relative to the corpus root). */
  diagnostics(mode: Mode): Diagnostic[];
  /** Findings from the hostile files themselves that must be reported too. */
  findings?: Spot[];
  /** Skipped where the platform cannot build it. */
  linuxOnly?: boolean;
}

const MiB = 1024 * 1024;

function write(root: string, rel: string, content: string | Buffer): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

/** Raw-byte file names (not valid UTF-8) need a Buffer path. */
function writeRaw(root: string, dir: string, name: Buffer, content: string): void {
  fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(Buffer.concat([Buffer.from(path.join(root, dir) + path.sep), name]), content);
}

/** Deterministic pseudo-random bytes (mulberry32), so failures reproduce. */
export function noise(seed: number, length: number): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) >>> 24;
  }
  return out;
}

/**
 * 50 MiB of `.env` that is hard on line-oriented regular expressions: a real mail block first,
 * then keys with endless values, unterminated quotes, `${` runs and commented assignments.
 */
export function hugeEnv(bytes = 50 * MiB): Buffer {
  const head = Buffer.from(
    'MAIL_HOST=smtp.huge.example.com\nMAIL_PORT=25\nMAIL_USERNAME=bulk\nMAIL_PASSWORD=Hug3-file-s3cret\n',
  );
  const block = Buffer.from(
    [
      `NOTE_${'A'.repeat(40)}=${'x'.repeat(2000)}`,
      `QUOTED="${'\\"'.repeat(1000)}`,
      `TEMPLATE=${'${'.repeat(1000)}`,
      `# MAIL_PASSWORD_HINT ${'= '.repeat(1000)}`,
      `${'='.repeat(2000)}`,
      '',
    ].join('\n'),
  );
  const out = Buffer.alloc(bytes, ' ');
  head.copy(out, 0);
  for (let at = head.length; at < bytes; at += block.length) block.copy(out, at);
  out[bytes - 1] = 0x0a;
  return out;
}

/** A YAML "billion laughs": nine levels of nine aliases, under a mail key so it is read. */
export const ALIAS_BOMB = [
  'smtp_lol:',
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  '  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  '  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  '  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

const DEEP = 10_000;
/** Directories outside a corpus that its symlinks point to; removed with it. */
const outsideDirs: string[] = [];
const ONE_MB = 1_000_000;

export const CASES: HostileCase[] = [
  {
    dir: 'binary',
    title: 'binary files named like configs',
    build(root) {
      write(root, 'binary/.env', Buffer.concat([Buffer.from('MAIL_HOST='), noise(1, 4096)]));
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      write(
        root,
        'binary/config.yml',
        Buffer.concat([png, Buffer.from('smtp: x'), noise(2, 2048)]),
      );
      // No NUL byte at all, but not text either.
      const noNul = Buffer.from(noise(3, 4096).map((b) => (b === 0 ? 0xff : b | 0x80)));
      write(root, 'binary/appsettings.json', Buffer.concat([Buffer.from('{"Smtp":'), noNul]));
    },
    diagnostics: () => [
      {
        level: 'info',
        file: 'binary/.env',
        message: 'skipped: binary file (NUL byte in the first 8 KiB)',
      },
      { level: 'warning', file: 'binary/appsettings.json', message: 'skipped: not valid UTF-8' },
      {
        level: 'info',
        file: 'binary/config.yml',
        message: 'skipped: binary file (NUL byte in the first 8 KiB)',
      },
    ],
  },
  {
    dir: 'huge',
    title: 'a 50 MB .env over the default size limit',
    build(root) {
      write(root, 'huge/.env', hugeEnv());
    },
    diagnostics: () => [
      {
        level: 'warning',
        file: 'huge/.env',
        message: 'skipped: 50 MiB is over the 1 MiB limit (--max-file-size)',
      },
    ],
  },
  {
    dir: 'encoding',
    title: 'invalid UTF-8, UTF-16 with a BOM',
    build(root) {
      write(
        root,
        'encoding/latin1.env',
        Buffer.from('MAIL_HOST=smtp.example.com\nMAIL_FROM_NAME=Caf\xe9\n', 'latin1'),
      );
      write(
        root,
        'encoding/utf16le.env',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_ENV, 'utf16le')]),
      );
      write(
        root,
        'encoding/utf16be.env',
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD_ENV, 'utf16le').swap16()]),
      );
      // A BOM promising UTF-16 followed by an odd number of bytes.
      write(
        root,
        'encoding/truncated16.env',
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('\0M\0A\0I\0L\0')]),
      );
    },
    diagnostics: () => [
      { level: 'warning', file: 'encoding/latin1.env', message: 'skipped: not valid UTF-8' },
      {
        level: 'warning',
        file: 'encoding/truncated16.env',
        message: 'skipped: not valid UTF-16BE',
      },
    ],
    findings: [...goodSpots('encoding/utf16be.env'), ...goodSpots('encoding/utf16le.env')],
  },
  {
    dir: 'line-ends',
    title: 'CRLF and lone-CR line ends',
    build(root) {
      write(root, 'line-ends/crlf.env', GOOD_ENV.replace(/\n/g, '\r\n'));
      write(root, 'line-ends/cr.env', GOOD_ENV.replace(/\n/g, '\r'));
      write(
        root,
        'line-ends/cr.yml',
        'spring:\r  mail:\r    host: smtp.example.com\r    port: 25\r    username: app\r    password: Tr0ub4dor-3-horse\r',
      );
    },
    diagnostics: () => [],
    findings: [
      ...goodSpots('line-ends/cr.env'),
      { ruleId: 'SP001', file: 'line-ends/cr.yml', line: 4 },
      { ruleId: 'SP007', file: 'line-ends/cr.yml', line: 6 },
      ...goodSpots('line-ends/crlf.env'),
    ],
  },
  {
    dir: 'alias-bomb',
    title: 'a YAML alias bomb',
    build(root) {
      write(root, 'alias-bomb/config.yml', ALIAS_BOMB);
    },
    diagnostics: () => [
      {
        level: 'warning',
        file: 'alias-bomb/config.yml',
        message:
          'YAML has more than 10000 entries (with aliases expanded); skipped the rest from line 2 on',
      },
    ],
  },
  {
    dir: 'deep',
    title: '10,000-level nesting in JSON and YAML',
    build(root) {
      write(
        root,
        'deep/appsettings.json',
        `{"Smtp": {"Host": "smtp.deep.example.com", "Port": 25}, "mail": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}\n`,
      );
      write(root, 'deep/objects.json', `${'{"mail":'.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`);
      write(
        root,
        'deep/flow.yml',
        `mail: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\nspring:\n  mail:\n    host: smtp.deep.example.com\n    port: 25\n`,
      );
      // Block nesting costs indentation: 1,400 levels is as deep as fits under 1 MiB.
      const block = Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}mail:`).join('\n');
      write(root, 'deep/block.yml', `${block} deep\n`);
    },
    diagnostics: () => [
      {
        level: 'warning',
        file: 'deep/appsettings.json',
        message: 'JSON nested deeper than 200 levels at line 1; deeper values skipped',
      },
      {
        level: 'warning',
        file: 'deep/block.yml',
        message: 'YAML nested deeper than 200 levels at line 201; deeper values skipped',
      },
      {
        level: 'warning',
        file: 'deep/flow.yml',
        message: 'YAML nested deeper than 200 levels at line 1; deeper values skipped',
      },
      {
        level: 'warning',
        file: 'deep/objects.json',
        message: 'JSON nested deeper than 200 levels at line 1; deeper values skipped',
      },
    ],
    findings: [
      { ruleId: 'SP001', file: 'deep/appsettings.json', line: 1 },
      { ruleId: 'SP001', file: 'deep/flow.yml', line: 5 },
    ],
  },
  {
    dir: 'symlinks',
    title: 'a symlink loop and a symlink out of the repository',
    build(root) {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-hostile-outside-'));
      outsideDirs.push(outside);
      fs.writeFileSync(path.join(outside, '.env'), GOOD_ENV);
      fs.mkdirSync(path.join(root, 'symlinks'), { recursive: true });
      const link = (target: string, name: string) =>
        fs.symlinkSync(target, path.join(root, 'symlinks', name));
      link('b.env', 'a.env');
      link('a.env', 'b.env');
      link('.', 'loop');
      link(path.join(outside, '.env'), 'outside.env');
      link(outside, 'outside-dir.yml');
    },
    diagnostics: () => [
      { level: 'info', file: 'symlinks/a.env', message: 'skipped: symlink loop' },
      { level: 'info', file: 'symlinks/b.env', message: 'skipped: symlink loop' },
      {
        level: 'info',
        file: 'symlinks/outside-dir.yml',
        message: 'skipped: symlink points outside the scanned directory',
      },
      {
        level: 'info',
        file: 'symlinks/outside.env',
        message: 'skipped: symlink points outside the scanned directory',
      },
    ],
  },
  {
    dir: 'special',
    title: 'FIFOs under config names (root can read mode 000; a FIFO must not block)',
    linuxOnly: true,
    build(root) {
      fs.mkdirSync(path.join(root, 'special'), { recursive: true });
      // Untracked: neither git nor the walk lists a FIFO.
      execFileSync('mkfifo', [path.join(root, 'special', '.env')]);
      execFileSync('mkfifo', [path.join(root, 'special', 'pipe-target')]);
      fs.symlinkSync('pipe-target', path.join(root, 'special', 'link.env'));
      write(root, 'special/tracked.env', GOOD_ENV);
    },
    afterCommit(root) {
      // A tracked file replaced by a FIFO: git still lists it.
      fs.rmSync(path.join(root, 'special', 'tracked.env'));
      execFileSync('mkfifo', [path.join(root, 'special', 'tracked.env')]);
    },
    diagnostics: (mode) => [
      {
        level: 'info',
        file: 'special/link.env',
        message: 'skipped: not a regular file (a FIFO), nothing to read',
      },
      ...(mode === 'git'
        ? [
            {
              level: 'info' as const,
              file: 'special/tracked.env',
              message: 'skipped: not a regular file (a FIFO), nothing to read',
            },
          ]
        : []),
    ],
    // In walk mode tracked.env stays a regular file.
  },
  {
    dir: 'long-line',
    title: 'a 1 MB single line in each structured format',
    build(root) {
      const filler = 'x'.repeat(ONE_MB);
      write(root, 'long-line/.env', `MAIL_HOST=smtp.example.com MAIL_PORT=25 ${filler}`);
      write(
        root,
        'long-line/mailer.json',
        `{"mail": {${Array.from({ length: 40_000 }, (_, i) => `"k${i}":"v${i}"`).join(',')}}, "smtp": {"host": "smtp.long.example.com", "port": 25}}`,
      );
      write(
        root,
        'long-line/mailer.yml',
        `mail: {${Array.from({ length: 40_000 }, (_, i) => `k${i}: v${i}`).join(', ')}}`,
      );
      write(root, 'long-line/mail.properties', `mail.smtp.host=${'a\\'.repeat(ONE_MB / 2)}`);
      write(root, 'long-line/mail.ini', `[smtp]\nhost=${filler}`);
      write(root, 'long-line/Dockerfile', `ENV MAIL_HOST=${'a\\ '.repeat(ONE_MB / 3)}`);
    },
    diagnostics: () => [
      {
        level: 'warning',
        file: 'long-line/mailer.yml',
        message:
          'YAML has more than 10000 entries (with aliases expanded); skipped the rest from line 1 on',
      },
    ],
    findings: [{ ruleId: 'SP001', file: 'long-line/mailer.json', line: 1 }],
  },
  {
    dir: 'names',
    title: 'odd file names: tabs, newlines, quotes, backslashes, git-quoted look-alikes, non-UTF-8',
    linuxOnly: true,
    build(root) {
      for (const name of ['tab\there.env', 'new\nline.env', '"quoted".env', 'back\\slash.env']) {
        write(root, `names/${name}`, GOOD_ENV);
      }
      // What `git ls-files` without -z prints for é, as a literal name.
      write(root, 'names/"\\303\\251".env', GOOD_ENV);
      writeRaw(
        root,
        'names',
        Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x65, 0x6e, 0x76]),
        GOOD_ENV,
      );
      write(root, 'names/bin\tary.env', Buffer.from('MAIL\0HOST'));
    },
    diagnostics: () => [
      {
        level: 'info',
        file: 'names/bin\tary.env',
        message: 'skipped: binary file (NUL byte in the first 8 KiB)',
      },
    ],
    findings: [
      ...goodSpots('names/"\\303\\251".env'),
      ...goodSpots('names/"quoted".env'),
      ...goodSpots('names/back\\slash.env'),
      ...goodSpots('names/bad\uFFFD.env'),
      ...goodSpots('names/new\nline.env'),
      ...goodSpots('names/tab\there.env'),
    ],
  },
];

export function casesFor(): HostileCase[] {
  return CASES.filter((c) => isLinux || !c.linuxOnly);
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', ...args], {
    cwd: root,
    stdio: 'ignore',
  });
}

/**
 * Builds the corpus in a new temporary directory: every case with the good file in its directory,
 * plus one at the top. In git mode it is a repository with everything committed and
 * `core.quotePath` on (the listing must not depend on it).
 */
export function buildCorpus(mode: Mode, cases = casesFor()): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `sp-hostile-${mode}-`)));
  write(root, GOOD_NAME, GOOD_ENV);
  for (const c of cases) {
    write(root, `${c.dir}/${GOOD_NAME}`, GOOD_ENV);
    c.build(root, mode);
  }
  if (mode === 'git') {
    git(root, 'init', '-q');
    git(root, 'config', 'core.quotePath', 'true');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'hostile corpus');
    for (const c of cases) c.afterCommit?.(root);
  }
  return root;
}

/** Removes a corpus and the directories its symlinks point out to. */
export function removeCorpus(root: string): void {
  for (const dir of [root, ...outsideDirs.splice(0)])
    fs.rmSync(dir, { recursive: true, force: true });
}
