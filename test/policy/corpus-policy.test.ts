/**
 * The shared corpus judged by a team's real policy: two hosts the team runs inside its network
 * (`local-hosts`), one vendored directory left out (`ignore`), Gmail's app-password advice off
 * (`rules.SP011: off`) and downgradable STARTTLS made blocking (`rules.SP003: error`). Asserts the
 * exact change in findings against the default run. Skips only when ../shared is absent outside CI.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { run } from '../../src/run.js';
import { layOut, sharedDir } from '../corpus/score.js';

const corpus = sharedDir(resolve(import.meta.dirname, '..', '..'));

const POLICY = `# yaml-language-server: $schema=https://raw.githubusercontent.com/smtp-preflight/smtp-preflight/main/schema/policy.schema.json
local-hosts: [smtp.example.com, 172.17.0.1]
ignore: ['10/**']
rules:
  SP011: off
  SP003: error
`;

const key = (f: Finding): string => `${f.ruleId} ${f.severity} ${f.at.file}:${f.at.line}`;

describe.skipIf(!corpus && !process.env.CI)('shared corpus under a team policy', () => {
  const trees: string[] = [];
  afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

  it('changes exactly the findings the policy names', async () => {
    expect(corpus, 'CI runs with ../shared beside the clone').toBeDefined();
    const names = Object.keys(
      JSON.parse(readFileSync(join(corpus as string, 'EXPECTED.json'), 'utf8')) as object,
    );
    const { tree } = layOut(corpus as string, names);
    trees.push(tree);
    const before = await run({ root: tree });
    expect(before.policy).toEqual({ source: 'default', extends: 'recommended' });

    mkdirSync(join(tree, '.github'));
    writeFileSync(join(tree, '.github', 'smtp-preflight.yml'), POLICY);
    const after = await run({ root: tree });
    expect(after.policy).toEqual({
      file: '.github/smtp-preflight.yml',
      source: 'repository',
      extends: 'recommended',
    });

    const a = new Set(before.findings.map(key));
    const b = new Set(after.findings.map(key));
    const removed = [...a].filter((x) => !b.has(x));
    const added = [...b].filter((x) => !a.has(x));
    // SP003 becomes an error: every SP003 warning is replaced by the same finding as an error,
    // except on the local hosts (50: smtp.example.com) and in the ignored directory (10).
    const raised = [
      '03/.env.production.sample:57',
      '07/config/gitlab.rb:71',
      '08/gitlab.rb:20',
      '13/containers/app.yml:48',
      '14/containers/app.yml:55',
      '37/server/src/config/smtpTransporter.js:6',
      '41/server/config/email.js:8',
      '51/config/environments/production.rb:25',
      '60/Dockerfile:16',
    ];
    expect(added).toEqual(raised.map((at) => `SP003 error ${at}`));
    expect(removed.sort()).toEqual(
      [
        ...raised.map((at) => `SP003 warning ${at}`),
        // ignore: 10/** (the Grafana file: its endpoint and all five findings)
        'SP007 error 10/grafana/grafana.ini:8',
        'SP007 error 10/grafana/grafana.ini:9',
        'SP011 note 10/grafana/grafana.ini:9',
        'SP003 warning 10/grafana/grafana.ini:17',
        'SP014 warning 10/grafana/grafana.ini:17',
        // local-hosts: smtp.example.com (Gitea .env) and 172.17.0.1 (Vaultwarden compose)
        'SP003 warning 50/docker/gitea/.env.example:18',
        'SP008 warning 48/docker-compose.yaml:35',
        // rules.SP011: off
        'SP011 note 05/config.production.json:26',
        'SP011 note 08/gitlab.rb:17',
        'SP011 note 12/grafana/grafana.ini:8',
        'SP011 note 15/mail.php:41',
        'SP011 note 17/inc/mailer.php:31',
        'SP011 note 18/nextcloud/config/config.php:46',
        'SP011 note 27/config/src/main/resources/shared/notification-service.yml:40',
        'SP011 note 31/src/main/resources/mail.properties:4',
        'SP011 note 36/Email/index.py:20',
        'SP011 note 43/app/config/mail.php:10',
      ].sort(),
    );
    expect(before.endpoints.length - after.endpoints.length).toBe(1);
    expect(after.endpoints.some((e) => e.at.file.startsWith('10/'))).toBe(false);
    expect(after.diagnostics).toContainEqual({
      level: 'info',
      message: "1 file left out by the policy's ignore globs",
    });
    // Fingerprints of unchanged findings are stable across policies.
    const fp = new Map(before.findings.map((f) => [key(f), f.fingerprint]));
    for (const f of after.findings) if (fp.has(key(f))) expect(f.fingerprint).toBe(fp.get(key(f)));
  }, 60_000);
});
