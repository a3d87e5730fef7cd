import type { ProbeResult } from '../../src/probe/types.js';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import {
  COMMENT_MARKER,
  commentHeader,
  commentKeyMarker,
  isOwnComment,
  renderComment,
} from '../../src/report/comment.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { emptyReport, laravel, makeReport, nodemailer, sp001, sp003, sp012 } from './fixture.js';

const FOOTER =
  '\n---\n<sub>smtp-preflight 9.9.9 · run it locally: `npx smtp-preflight scan .`</sub>\n';

const withPrints = (f: Finding, print: string): Finding => ({ ...f, fingerprint: print });

/** sp001 new, sp003 and sp012 pre-existing, and one SP005 fixed. */
function compared(overrides: Partial<Report> = {}): Report {
  const fixed: Finding = {
    ruleId: 'SP005',
    severity: 'error',
    message: 'Certificate verification is off (`rejectUnauthorized: false`).',
    fix: 'Remove `rejectUnauthorized: false`.',
    at: { file: 'config/mailer.js', line: 9 },
    helpUri: 'https://example.test/rules/SP005',
    fingerprint: 'f5',
  };
  return makeReport({
    findings: [withPrints(sp012, 'f12'), withPrints(sp003, 'f3'), withPrints(sp001, 'f1')],
    comparison: { baseSha: 'b'.repeat(40), newFingerprints: ['f1'], fixed: [fixed] },
    ...overrides,
  });
}

const CTX = { repository: 'acme/shop', headSha: 'a'.repeat(40) };

describe('renderComment', () => {
  it('renders marker, verdict, endpoints and findings by severity without a base', () => {
    const body = renderComment(makeReport());
    expect(body).toBe(
      [
        COMMENT_MARKER,
        '### ❌ smtp-preflight failed (fail-on: error): 1 error, 1 warning, 1 note in 2 files (2 endpoints)',
        '',
        '#### SMTP endpoints (2)',
        '',
        '| Endpoint | Product | Host | Port | Effective security | Verdict |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `.env:1` | Laravel (MAIL\\_\\*) | smtp.example.com | 25 | plain | ❌ error |',
        '| `config/mailer.js:4` | Nodemailer | `env:SMTP_HOST` | 587 | starttls-opportunistic | ⚠️ warning |',
        '',
        '#### Findings (3)',
        '',
        '- ❌ error **[SP001](https://example.test/rules/SP001)** `.env:2`: Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.',
        '',
        '  **Fix:** Set `MAIL_PORT=587` and `MAIL_ENCRYPTION=tls`.',
        '',
        '- ⚠️ warning **[SP003](https://example.test/rules/SP003)** `config/mailer.js:5`: STARTTLS is only opportunistic on port 587: a man in the middle can strip it.',
        '',
        '  **Fix:** Set `requireTLS: true`.',
        '',
        '- ℹ️ note **[SP012](https://example.test/rules/SP012)** `config/mailer.js:4`: The host comes from `SMTP_HOST` \\| unknown \\*here\\*.',
        '',
        '  **Fix:** Add a policy `assume`, or run the live probe.',
      ].join('\n') + `\n${FOOTER}`,
    );
  });

  it('puts new findings first, then fixed, then already present, with links to the commits', () => {
    const body = renderComment(compared(), {
      ...CTX,
      serverUrl: 'https://ghe.example/',
      filePrefix: './services/shop/',
      summaryUrl: 'https://ghe.example/acme/shop/actions/runs/7',
    });
    const lines = body.split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    expect(lines[1]).toBe(
      '### ❌ smtp-preflight failed (fail-on: error): 1 new · 1 error, 1 warning, 1 note in 2 files (2 endpoints)',
    );
    expect(lines[3]).toBe(
      `Compared with the base commit [\`bbbbbbb\`](https://ghe.example/acme/shop/commit/${'b'.repeat(40)}): **1 new**, 1 fixed, 2 already present.`,
    );
    const headings = lines.filter((l) => l.startsWith('#### '));
    expect(headings).toEqual([
      '#### SMTP endpoints (2)',
      '#### 🆕 New in this pull request (1)',
      '#### ✅ Fixed (1)',
      '#### Already present (2)',
    ]);
    const blob = (sha: string, path: string) =>
      `https://ghe.example/acme/shop/blob/${sha.repeat(40)}/services/shop/${path}`;
    expect(body).toContain(`| [\`.env:1\`](${blob('a', '.env#L1')}) |`);
    expect(body).toContain('| ❌ error (1 new) |');
    expect(body).toContain(
      `- ❌ error **[SP001](https://example.test/rules/SP001)** [\`.env:2\`](${blob('a', '.env#L2')}): Port 25`,
    );
    // Fixed findings point at the base commit and have no fix to apply.
    expect(body).toContain(`[\`config/mailer.js:9\`](${blob('b', 'config/mailer.js#L9')})`);
    expect(body).not.toContain('Remove `rejectUnauthorized: false`');
    // Multi-line findings link the range; severity orders the group.
    const present = body.slice(body.indexOf('#### Already present'));
    expect(present.indexOf('SP003')).toBeLessThan(present.indexOf('SP012'));
    expect(present).toContain(`(${blob('a', 'config/mailer.js#L4-L6')})`);
    expect(body).toContain('· [full report](https://ghe.example/acme/shop/actions/runs/7)</sub>');
  });

  it('folds long groups other than the new findings', () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      withPrints({ ...sp003, at: { file: 'config/mailer.js', line: 10 + i } }, `old${i}`),
    );
    const report = compared({
      findings: [withPrints(sp001, 'f1'), ...many],
    });
    const body = renderComment(report);
    expect(body).toContain(
      '#### Already present (5)\n\n<details><summary>5 findings that the base commit has too</summary>\n\n- ⚠️ warning',
    );
    expect(body).toMatch(/#### 🆕 New in this pull request \(1\)\n\n- ❌ error/);
    expect(body).toContain('#### ✅ Fixed (1)\n\n- ❌ error **[SP005]');
  });

  it('says when fail-on-new-only decides', () => {
    const report = compared({
      findings: [withPrints(sp001, 'f1'), withPrints(sp003, 'f3')],
      comparison: { baseSha: 'c'.repeat(40), newFingerprints: ['f3'], fixed: [] },
    });
    const body = renderComment(report, { failOnNewOnly: true });
    expect(body.split('\n')[1]).toBe(
      '### ✅ smtp-preflight passed (fail-on: error, new findings only): 1 new · 1 error, 1 warning, 0 notes in 2 files (2 endpoints)',
    );
    expect(body).toContain(
      'Compared with the base commit `ccccccc`: **1 new**, 0 fixed, 1 already present. Only new findings decide the status (`fail-on-new-only`).',
    );
    expect(
      renderComment(report, { failOnNewOnly: true, failOn: 'warning' }).split('\n')[1],
    ).toMatch(/^### ❌ smtp-preflight failed \(fail-on: warning, new findings only\)/);
    // Without a base every finding counts, and the comment says so.
    const plain = renderComment(makeReport(), { failOnNewOnly: true });
    expect(plain.split('\n')[1]).toMatch(/^### ❌ smtp-preflight failed \(fail-on: error\)/);
    expect(plain).toContain('`fail-on-new-only` is set, but no base commit was scanned');
  });

  it('keeps a short body with the marker when there is nothing to report', () => {
    expect(renderComment(emptyReport(), { commentKey: 'job-1' })).toBe(
      `${COMMENT_MARKER}\n<!-- smtp-preflight:key=job-1 -->\n` +
        '### ✅ smtp-preflight passed (fail-on: error): No SMTP problems found\n\n' +
        'No SMTP configuration found in 11 files read.\n' +
        FOOTER,
    );
    const clean = renderComment(makeReport({ findings: [], suppressed: [sp012] }));
    expect(clean).toContain('Checked 2 SMTP endpoints in 2 files: nothing to fix.');
    expect(clean).toContain('_1 finding suppressed by `smtp-preflight-ignore` comments');
  });

  it('lists fixed findings even when nothing is left', () => {
    const body = renderComment(compared({ findings: [] }));
    expect(body).toContain('#### ✅ Fixed (1)');
    expect(body.split('\n')[1]).toMatch(/^### ✅ smtp-preflight passed .*: 0 new · /);
  });

  it('renders the live probe section from the probe results', () => {
    const probe: ProbeResult = {
      target: {
        id: 'input',
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls-required',
        source: 'input',
      },
      startedAt: '2026-11-27T00:00:00.000Z',
      ms: 120,
      connect: { ok: true, address: '192.0.2.1' },
      greeting: { code: 220, text: 'smtp.example.com ESMTP' },
      problems: [],
      transcript: ['S: 220 smtp.example.com ESMTP', 'C: EHLO smtp-preflight.invalid'],
      notes: [],
    };
    const body = renderComment(makeReport({ probes: [probe] }));
    expect(body).toContain(
      '#### 🔌 Live probe (1)\n\n| Target | Configured in | Connect | TLS | AUTH | Send | Deliverability |',
    );
    expect(body).toContain('smtp.example.com:587');
    expect(body).toContain('C: EHLO smtp-preflight.invalid');
  });

  it('escapes what comes from the scanned files', () => {
    const evil =
      '--> <img src=x onerror=alert(1)> [x](https://evil.example) @octocat #12 **b**\n# h';
    const at = { file: 'a (1)/x`y.env', line: 3 };
    const report = makeReport({
      endpoints: [
        {
          ...laravel,
          id: 'e',
          at,
          product: evil,
          host: { value: evil, raw: evil, at, origin: 'literal' },
          inactiveReason: evil,
          active: false,
        },
      ],
      findings: [
        {
          ...sp001,
          at,
          endpointId: 'e',
          message: `Host ${evil} is \`${'x'}\` odd; mail to shop@storefront.example`,
          fix: `Use smtp://relay:587 instead of ${evil}.`,
        },
      ],
      diagnostics: [],
    });
    const body = renderComment(report, { ...CTX, commentKey: 'k --> <b>\nx' });
    const [first, second, ...rest] = body.split('\n');
    expect(first).toBe(COMMENT_MARKER);
    expect(second).toBe('<!-- smtp-preflight:key=k%20--%3E%20%3Cb%3E%0Ax -->');
    const text = rest.join('\n');
    expect(text).not.toContain('-->');
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/(^|[^\\])\[x\]/);
    expect(text).not.toMatch(/\n# h/);
    // No notification, cross-reference or web link from a config value.
    expect(text).not.toMatch(/(^|\s)@octocat/);
    expect(text).toContain('@&#8203;octocat');
    expect(text).toContain('\\#&#8203;12');
    expect(text).toContain('https:&#8203;//evil.example');
    // …while addresses and non-web URLs are left as they are (they copy cleanly).
    expect(text).toContain('shop@storefront.example');
    expect(text).toContain('smtp://relay:587');
    // The path is a code span; in the link it is percent-encoded so the destination holds.
    expect(text).toContain(
      `[\`\`a (1)/x\`y.env:3\`\`](https://github.com/acme/shop/blob/${'a'.repeat(40)}/a%20%281%29/x%60y.env#L3)`,
    );
  });

  it('stays under the limit: verdict, counts and new findings first, the rest in the summary', () => {
    const fresh = Array.from({ length: 60 }, (_, i) =>
      withPrints(
        { ...sp001, at: { file: '.env', line: i + 1 }, message: `new ${i} ${'x'.repeat(100)}` },
        `n${i}`,
      ),
    );
    const old = Array.from({ length: 200 }, (_, i) =>
      withPrints({ ...sp003, at: { file: 'old.env', line: i + 1 } }, `o${i}`),
    );
    const report = compared({
      findings: [...fresh, ...old],
      comparison: {
        baseSha: 'b'.repeat(40),
        newFingerprints: fresh.map((f) => f.fingerprint!),
        fixed: [],
      },
    });
    const full = renderComment(report);
    expect(full.length).toBeGreaterThan(20_000);
    const body = renderComment(report, { maxLength: 20_000, summaryUrl: 'https://x.test/run' });
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(
      body.startsWith(
        `${COMMENT_MARKER}\n### ❌ smtp-preflight failed (fail-on: error): 60 new · 60 errors, 200 warnings`,
      ),
    ).toBe(true);
    expect(body).toContain('#### 🆕 New in this pull request (60)');
    expect(body.match(/^- ❌ error/gm)).toHaveLength(60);
    expect(body).not.toContain('Already present');
    expect(body).not.toContain('| Endpoint |');
    expect(body).toContain(
      "> Shortened to GitHub's 65,536-character limit for comments: this shows the verdict and the new findings. " +
        'For the endpoint table (2 endpoints), 200 findings already present: see the [job summary](https://x.test/run)',
    );
    expect(body.endsWith(`[full report](https://x.test/run)</sub>\n`)).toBe(true);

    // Tighter still: only some new findings fit, and it says how many.
    const tight = renderComment(report, { maxLength: 5_000 });
    expect(tight.length).toBeLessThanOrEqual(5_000);
    const shown = tight.match(/^- ❌ error/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(60);
    expect(tight).toContain(`this shows the verdict and ${shown} of 60 new findings`);
    expect(tight).toContain('the job summary of this workflow run');
  });

  it('stays under the default limit for a huge report', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => ({
      ...sp001,
      at: { file: `f${i}.env`, line: 1 },
    }));
    const body = renderComment(makeReport({ findings, endpoints: [laravel, nodemailer] }));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('#### Findings (2000)');
  });
});

describe('comment markers', () => {
  it('tells our comments from others and keys apart', () => {
    expect(commentHeader()).toBe(COMMENT_MARKER);
    expect(commentHeader('  ')).toBe(COMMENT_MARKER);
    expect(commentHeader('a b')).toBe(`${COMMENT_MARKER}\n${commentKeyMarker('a b')}`);
    const plain = `${COMMENT_MARKER}\n### ✅ passed`;
    const keyed = `${COMMENT_MARKER}\n${commentKeyMarker('job-a')}\n### ✅ passed`;
    expect(isOwnComment(plain)).toBe(true);
    expect(isOwnComment(plain.replace(/\n/g, '\r\n'))).toBe(true);
    expect(isOwnComment(keyed)).toBe(false);
    expect(isOwnComment(keyed, 'job-a')).toBe(true);
    expect(isOwnComment(keyed, 'job-b')).toBe(false);
    expect(isOwnComment(plain, 'job-a')).toBe(false);
    expect(isOwnComment(`Quoting: ${COMMENT_MARKER}`)).toBe(false);
    expect(isOwnComment(null)).toBe(false);
  });
});

describe('job summary verdict with a comparison', () => {
  it('counts new and fixed, and follows fail-on-new-only like the comment', () => {
    const report = compared({
      findings: [withPrints(sp001, 'f1'), withPrints(sp003, 'f3')],
      comparison: { baseSha: 'c'.repeat(40), newFingerprints: ['f3'], fixed: [] },
    });
    expect(renderMarkdown(report).split('\n')[0]).toBe(
      '### ❌ smtp-preflight failed (fail-on: error): 1 error, 1 warning, 0 notes in 2 files (2 endpoints) · 1 new, 0 fixed since the base',
    );
    expect(renderMarkdown(report, { failOnNewOnly: true }).split('\n')[0]).toMatch(
      /^### ✅ smtp-preflight passed \(fail-on: error, new findings only\)/,
    );
  });
});
