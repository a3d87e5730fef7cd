/**
 * The bundled CLI loads @babel/parser and php-parser from dist/chunks/ only when a scan has
 * JavaScript or PHP files (src/extract/code/parsers.ts): a fresh process, as users run it, reads
 * both languages and a plain .env, with the same findings as the in-process pipeline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import { run } from '../src/run.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = process.env.SMTP_PREFLIGHT_DIST_DIR || join(root, 'dist');
const dir = mkdtempSync(join(tmpdir(), 'smtp-preflight-dist-parsers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'mail.js'),
  "const nodemailer = require('nodemailer');\n" +
    "module.exports = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: false });\n",
);
writeFileSync(
  join(dir, 'mail.php'),
  "<?php\nreturn ['driver' => 'smtp', 'host' => 'smtp.example.com', 'port' => 25];\n",
);
writeFileSync(join(dir, '.env'), 'MAIL_HOST=smtp.example.org\nMAIL_PORT=587\n');

const summary = (r: Report) => ({
  endpoints: r.endpoints.map((e) => e.id).sort(),
  findings: r.findings.map((f) => `${f.ruleId} ${f.at.file}:${f.at.line}`).sort(),
  diagnostics: r.diagnostics,
});

describe('lazily loaded parsers in the bundle', () => {
  it('ships the parsers as separate chunks', () => {
    expect(readdirSync(join(dist, 'chunks')).length).toBeGreaterThan(0);
  });

  it('a fresh CLI process reads JavaScript and PHP like the in-process pipeline', async () => {
    const cli = spawnSync(
      process.execPath,
      [join(dist, 'cli.js'), 'scan', dir, '--format', 'json'],
      {
        encoding: 'utf8',
      },
    );
    expect(cli.stderr).toBe('');
    const fromCli = summary(JSON.parse(cli.stdout) as Report);
    expect(fromCli.endpoints).toEqual(['.env:1', 'mail.js:2', 'mail.php:2']);
    expect(fromCli.findings).toContain('SP004 mail.js:2');
    expect(fromCli).toEqual(summary(await run({ root: dir })));
  });
});
