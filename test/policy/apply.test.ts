/**
 * The policy's effect: strict, rule overrides, ports.allow, local-hosts, providers, ignore,
 * assume; and the pull request rule (the base commit's policy judges the head, the change is
 * reported), with a real temporary git repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import {
  applyPolicy,
  evaluateOptions,
  globToRegExp,
  ignoreMatcher,
} from '../../src/policy/apply.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadPolicyFromBase, parsePolicy, type Policy } from '../../src/policy/policy-file.js';
import { renderComment } from '../../src/report/comment.js';
import { run } from '../../src/run.js';
import { endpoint, LINE } from './factory.js';

const F = '.github/smtp-preflight.yml';
const policy = (text: string): Policy => parsePolicy(text, F);

function judge(p: Policy, ...eps: ReturnType<typeof endpoint>[]): [string, string, number][] {
  const findings = applyPolicy(evaluate(eps, [], evaluateOptions(p)), eps, p);
  return findings.map((f: Finding) => [f.ruleId, f.severity, f.at.line]);
}

describe('extends: strict', () => {
  const opportunistic = endpoint({ security: 'starttls-opportunistic' });
  it('opportunistic STARTTLS: SP003 warning → error', () => {
    expect(judge(policy(''), opportunistic)).toEqual([['SP003', 'warning', LINE.security]]);
    expect(judge(policy('extends: strict'), opportunistic)).toEqual([
      ['SP003', 'error', LINE.security],
    ]);
  });
  it('opportunistic STARTTLS on any port, not only 25/587/2525', () => {
    const odd = endpoint({ port: 1587, security: 'starttls-opportunistic' });
    expect(judge(policy(''), odd)).toEqual([['SP009', 'note', LINE.port]]);
    expect(judge(policy('extends: strict'), odd)).toEqual(
      [
        ['SP009', 'note', LINE.port],
        ['SP003', 'error', LINE.security],
      ].sort((a, b) => (a[2] as number) - (b[2] as number)),
    );
  });
  it('2525 is an error, unless ports.allow lists it', () => {
    const ep = endpoint({ port: 2525 });
    expect(judge(policy(''), ep)).toEqual([['SP009', 'note', LINE.port]]);
    const strict = applyPolicy(
      evaluate([ep], [], evaluateOptions(policy('extends: strict'))),
      [ep],
      policy('extends: strict'),
    );
    expect(strict.map((f) => [f.ruleId, f.severity])).toEqual([['SP009', 'error']]);
    expect(strict[0].message).toMatch(/The strict policy does not allow port 2525\.$/);
    expect(judge(policy('extends: strict\nports: {allow: [587, 2525]}'), ep)).toEqual([]);
  });
  it('TLS below 1.2: SP006 error; notes stay notes', () => {
    const ep = endpoint({ minTls: 'TLSv1', debug: true });
    expect(judge(policy(''), ep)).toEqual([
      ['SP006', 'warning', LINE.minTls],
      ['SP015', 'note', LINE.debug],
    ]);
    expect(judge(policy('extends: strict'), ep)).toEqual([
      ['SP006', 'error', LINE.minTls],
      ['SP015', 'note', LINE.debug],
    ]);
  });
  it('inactive endpoints stay capped at note', () => {
    const ep = endpoint({ security: 'starttls-opportunistic', active: false });
    expect(judge(policy('extends: strict\nrules: {SP003: error}'), ep)).toEqual([
      ['SP003', 'note', LINE.security],
    ]);
  });
});

describe('rules', () => {
  const ep = endpoint({ port: 2525, security: 'starttls-opportunistic' });
  it('severity overrides and off', () => {
    expect(judge(policy(''), ep)).toEqual([
      ['SP009', 'note', LINE.port],
      ['SP003', 'warning', LINE.security],
    ]);
    expect(judge(policy('rules:\n  SP009: off\n  SP003: error\n'), ep)).toEqual([
      ['SP003', 'error', LINE.security],
    ]);
    expect(judge(policy('rules:\n  SP003: { severity: note }\n'), ep)).toEqual([
      ['SP009', 'note', LINE.port],
      ['SP003', 'note', LINE.security],
    ]);
  });
  it('rules win over extends: strict', () => {
    expect(judge(policy('extends: strict\nrules:\n  SP003: warning\n  SP009: note\n'), ep)).toEqual(
      [
        ['SP009', 'note', LINE.port],
        ['SP003', 'warning', LINE.security],
      ],
    );
  });
});

describe('ports.allow', () => {
  const p = policy('ports:\n  allow: [465, 587]\nrules:\n  SP009: warning\n');
  it('a port outside the list: SP009 at the rule severity, naming the list', () => {
    const on25 = endpoint({ port: 25, authIntended: false, user: null, password: null });
    const f = applyPolicy(evaluate([on25], [], evaluateOptions(p)), [on25], p).filter(
      (x) => x.ruleId === 'SP009',
    );
    expect(f.map((x) => [x.severity, x.at.line])).toEqual([['warning', LINE.port]]);
    expect(f[0].message).toContain(
      'uses port 25, which the policy does not allow (`ports.allow`: 465, 587).',
    );
  });
  it('ports in the list: no SP009; local catcher ports stay exempt', () => {
    expect(judge(p, endpoint({ port: 587 }))).toEqual([]);
    expect(judge(policy('ports: {allow: [587, 2525]}'), endpoint({ port: 2525 }))).toEqual([]);
    expect(judge(p, endpoint({ host: 'mailpit', port: 1025, security: 'plain' }))).toEqual([]);
  });
});

describe('local-hosts', () => {
  it('exempts the host from SP001/SP002/SP003/SP008', () => {
    const ep = endpoint({
      host: 'smtp.dev.internal',
      port: 25,
      security: 'plain',
      user: null,
      password: null,
      authIntended: false,
    });
    expect(judge(policy(''), ep).map(([r]) => r)).toEqual(['SP001', 'SP002']);
    expect(judge(policy('local-hosts: [smtp.dev.internal]'), ep)).toEqual([]);
  });
});

describe('providers', () => {
  const p = policy(`providers:
  - id: acme-relay
    name: ACME relay
    hosts: ['*.acme.example']
    starttls: [587]
    auth: ACME tokens
    password-auth: { severity: note, text: ACME retires SMTP passwords on 2027-01-01 }
`);
  it('SP010 and SP011 use the extra entries', () => {
    const ep = endpoint({
      host: 'relay.acme.example',
      port: 465,
      security: 'implicit-tls',
      password: 'hunter2hunter2',
    });
    ep.provider = p.providers[0].id;
    const out = applyPolicy(evaluate([ep], [], evaluateOptions(p)), [ep], p).filter(
      (f) => f.ruleId !== 'SP007',
    );
    expect(out.map((f) => [f.ruleId, f.severity])).toEqual([
      ['SP010', 'error'],
      ['SP011', 'note'],
    ]);
    expect(out[0].message).toContain(
      'but ACME relay does not offer that combination (implicit TLS: none; STARTTLS: 587)',
    );
    expect(out[1].message).toContain(
      'uses password authentication: ACME retires SMTP passwords on 2027-01-01.',
    );
    expect(out[1].fix).toBe('Use ACME tokens.');
  });
  it('run() assigns the provider from the policy', async () => {
    const d = tree({
      'mailer.js':
        "const nodemailer = require('nodemailer');\nnodemailer.createTransport({\n  host: 'relay.acme.example',\n  port: 465,\n  secure: true,\n  auth: { user: 'a', pass: process.env.P },\n});\n",
    });
    const before = await run({ root: d, policy: policy('') });
    const after = await run({ root: d, policy: p });
    expect(before.findings.map((f) => f.ruleId)).toEqual([]);
    expect(after.endpoints[0].provider).toBe('acme-relay');
    expect(after.findings.map((f) => [f.ruleId, f.severity, f.at.line])).toEqual([
      ['SP010', 'error', 4],
      ['SP011', 'note', 6],
    ]);
  });
});

describe('ignore', () => {
  it('glob matching', () => {
    const m = ignoreMatcher(['test/fixtures/**', '*.sample', 'docs/?.env', '/root.yml', 'vendor']);
    expect(m('test/fixtures/a/b.env')).toBe(true);
    expect(m('test/fixtures.env')).toBe(false);
    expect(m('src/test/fixtures/a.env')).toBe(false);
    expect(m('deep/dir/.env.sample')).toBe(true);
    expect(m('docs/a.env')).toBe(true);
    expect(m('docs/ab.env')).toBe(false);
    expect(m('root.yml')).toBe(true);
    expect(m('sub/root.yml')).toBe(false);
    expect(m('a/vendor/x/mail.php')).toBe(true);
    expect(globToRegExp('a/**/b.yml').test('a/b.yml')).toBe(true);
    expect(globToRegExp('a/**/b.yml').test('a/x/y/b.yml')).toBe(true);
    expect(globToRegExp('a/*.yml').test('a/x/b.yml')).toBe(false);
  });
  it('drops the files (relative to the repository top, also when scanning a subdirectory)', async () => {
    const d = tree({
      'app/.env': 'MAIL_HOST=smtp.example.com\nMAIL_PORT=2525\nMAIL_USERNAME=a\nMAIL_PASSWORD=\n',
      'app/test/fixtures/.env':
        'MAIL_HOST=smtp.example.com\nMAIL_PORT=2525\nMAIL_USERNAME=a\nMAIL_PASSWORD=\n',
    });
    const all = await run({ root: join(d, 'app'), policy: policy('') });
    expect(all.endpoints.map((e) => e.at.file)).toEqual(['.env', 'test/fixtures/.env']);
    const some = await run({ root: join(d, 'app'), policy: policy("ignore: ['app/test/**']") });
    expect(some.endpoints.map((e) => e.at.file)).toEqual(['.env']);
    expect(some.findings.every((f) => f.at.file === '.env')).toBe(true);
    expect(some.diagnostics).toContainEqual({
      level: 'info',
      message: "1 file left out by the policy's ignore globs",
    });
  });
});

describe('assume', () => {
  const files = {
    '.env':
      'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_USERNAME=app\nMAIL_PASSWORD=\nMAIL_ENCRYPTION=ssl\n',
    'config/config.php':
      "<?php\n$CONFIG = array (\n  'mail_smtpmode' => 'smtp',\n  'mail_smtphost' => 'smtp.example.com',\n  'mail_smtpport' => 587,\n  'mail_smtpsecure' => 'tls',\n  'mail_smtpauth' => true,\n  'mail_smtpname' => 'app',\n);\n",
  };
  it('newest versions by default; laravel 8 and nextcloud 25 change the meaning', async () => {
    const d = tree(files);
    const newest = await run({ root: d, policy: policy('') });
    expect(newest.findings.map((f) => [f.ruleId, f.severity, f.at.file, f.at.line])).toEqual([
      ['SP003', 'warning', '.env', 6],
      ['SP014', 'warning', '.env', 6],
      ['SP003', 'warning', 'config/config.php', 6],
      ['SP014', 'warning', 'config/config.php', 6],
    ]);
    const old = await run({
      root: d,
      policy: policy('assume:\n  laravel: 8\n  nextcloud: 25\n  javamail: 1.6\n'),
    });
    expect(old.findings.map((f) => [f.ruleId, f.severity, f.at.file, f.at.line])).toEqual([
      ['SP004', 'error', '.env', 6],
    ]);
    expect(old.findings[0].message).toMatch(
      /^Laravel 8, assumed by the policy \(MAIL_\*\), smtp\.example\.com:587, uses implicit TLS \(`MAIL_ENCRYPTION`\) on port 587/,
    );
    expect(old.endpoints.map((e) => [e.product, e.security.value])).toEqual([
      ['Laravel 8, assumed by the policy (MAIL_*)', 'implicit-tls'],
      ['Nextcloud config.php (25 assumed by the policy: SwiftMailer)', 'starttls-required'],
    ]);
    expect(old.diagnostics).toContainEqual({
      level: 'info',
      file: F,
      message:
        "assume.javamail is recorded, but no reader's meaning depends on it yet (honoured: laravel, nextcloud)",
    });
    expect(evaluateOptions(policy('assume: {laravel: 8}')).assume).toEqual({ laravel: '8' });
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'policy-apply-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(d, name)), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  execFileSync('git', ['init', '-q', d]);
  return d;
}

function git(d: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-C', d, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args],
    { encoding: 'utf8' },
  ).trim();
}

describe('pull requests: the base commit’s policy judges the head', () => {
  it('a head that relaxes the policy is judged by the base policy, and the change is reported', async () => {
    const d = tree({
      '.github/smtp-preflight.yml': 'extends: strict\n',
      'mailer.js':
        "const nodemailer = require('nodemailer');\nnodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  auth: { user: 'a', pass: process.env.P },\n});\n",
    });
    git(d, 'add', '-A');
    git(d, 'commit', '-q', '-m', 'base');
    const base = git(d, 'rev-parse', 'HEAD');
    writeFileSync(
      join(d, '.github/smtp-preflight.yml'),
      'extends: recommended\nrules:\n  SP003: off\n',
    );
    git(d, 'commit', '-q', '-am', 'relax');

    const relaxed = await run({ root: d });
    expect(relaxed.policy).toEqual({ file: F, source: 'repository', extends: 'recommended' });
    expect(relaxed.findings).toEqual([]);

    const p = await loadPolicyFromBase(d, base);
    const report = await run({ root: d, policy: p });
    expect(report.policy).toEqual({
      file: F,
      source: 'base',
      extends: 'strict',
      changedInPullRequest: '- extends: strict\n+ extends: recommended\n+ rules:\n+   SP003: off',
    });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.at.line])).toEqual([
      ['SP003', 'error', 3],
    ]);
    const body = renderComment(report);
    expect(body).toContain(
      "#### ⚠️ Policy changed in this pull request\n\nThis pull request changes `.github/smtp-preflight.yml`. It was judged by the base commit's policy; the change applies once it is merged:\n\n```diff\n- extends: strict\n+ extends: recommended\n+ rules:\n+   SP003: off\n```\n",
    );
  });

  it('an unchanged base policy reports no change; a missing base policy is the default', async () => {
    const d = tree({ '.smtp-preflight.yml': 'rules: {SP009: off}\n', 'x.txt': 'x\n' });
    git(d, 'add', '-A');
    git(d, 'commit', '-q', '-m', 'base');
    const same = await loadPolicyFromBase(d, 'HEAD');
    expect(same).toMatchObject({
      source: 'base',
      file: '.smtp-preflight.yml',
      rules: { SP009: { severity: 'off' } },
    });
    expect(same.changedInPullRequest).toBeUndefined();

    const e = tree({ 'x.txt': 'x\n' });
    git(e, 'add', '-A');
    git(e, 'commit', '-q', '-m', 'base');
    writeFileSync(join(e, '.smtp-preflight.yml'), 'rules: {SP009: off}\n');
    const added = await loadPolicyFromBase(e, 'HEAD');
    expect(added).toMatchObject({ source: 'default', extends: 'recommended', rules: {} });
    expect(added.changedInPullRequest).toBe('+ rules: {SP009: off}');
  });

  it('an invalid base policy is an error naming file and line', async () => {
    const d = tree({ '.smtp-preflight.yml': 'extends: strict\nrules:\n  SP999: off\n' });
    git(d, 'add', '-A');
    git(d, 'commit', '-q', '-m', 'base');
    await expect(loadPolicyFromBase(d, 'HEAD')).rejects.toThrow(
      /^\.smtp-preflight\.yml:3: unknown rule 'SP999' in rules \(known: SP001…SP\d{3}, LV001…LV\d{3}\)$/,
    );
    await expect(run({ root: d })).rejects.toThrow(
      /^\.smtp-preflight\.yml:3: unknown rule 'SP999'/,
    );
  });
});
