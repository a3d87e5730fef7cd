import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/probe/types.js';
import {
  TRANSCRIPT_MAX_LINES,
  boundedTranscript,
  renderProbeMarkdown,
  renderProbeText,
} from '../../src/report/probe-section.js';

function result(over: Partial<ProbeResult> = {}): ProbeResult {
  return {
    target: {
      id: 'config/mail.yml:3',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls-required',
      source: 'scan',
      at: { file: 'config/mail.yml', line: 3 },
    },
    startedAt: '2026-11-27T12:00:00.000Z',
    ms: 420,
    connect: { ok: true, address: '93.184.215.14', ms: 12 },
    greeting: { code: 220, text: 'smtp.example.com ESMTP' },
    ehlo: {
      extensions: ['PIPELINING', 'STARTTLS'],
      auth: [],
      starttls: true,
      eightBitMime: false,
      smtpUtf8: false,
      pipelining: true,
      requireTls: false,
    },
    ehloAfterTls: {
      extensions: ['PIPELINING', 'AUTH PLAIN LOGIN'],
      auth: ['PLAIN', 'LOGIN'],
      starttls: false,
      eightBitMime: false,
      smtpUtf8: false,
      pipelining: true,
      requireTls: false,
    },
    tls: {
      mode: 'starttls',
      ok: true,
      protocol: 'TLSv1.3',
      authorized: true,
      certificate: {
        subject: 'CN=smtp.example.com',
        issuer: 'CN=R11',
        subjectAltNames: ['DNS:smtp.example.com'],
        validFrom: 'Oct  1 00:00:00 2026 GMT',
        validTo: 'Dec 30 00:00:00 2026 GMT',
        daysLeft: 33,
        selfSigned: false,
        keyType: 'EC',
        keyBits: 256,
        fingerprint256: 'AA',
        chain: [],
      },
    },
    auth: { attempted: true, mechanism: 'PLAIN', ok: true, reply: { code: 235, text: 'ok' } },
    send: { attempted: true, ok: true, reply: { code: 250, enhanced: '2.0.0', text: 'queued' } },
    deliverability: {
      tester: 'mail-tester',
      address: 'acme-1@srv1.mail-tester.com',
      resultsUrl: 'https://www.mail-tester.com/acme-1',
      ok: true,
      score: 9.5,
      maxScore: 10,
      minScore: 8,
      checks: [],
      polls: 2,
      ms: 31000,
    },
    problems: [],
    transcript: [
      'S: 220 smtp.example.com ESMTP',
      'C: EHLO smtp-preflight.invalid',
      'C: AUTH PLAIN ***',
      'S: 235 2.7.0 ok',
    ],
    notes: [],
    ...over,
  };
}

describe('renderProbeMarkdown', () => {
  it('is empty without results', () => {
    expect(renderProbeMarkdown([])).toBe('');
  });

  it('renders a table row per target and a collapsed transcript', () => {
    const input = result({
      target: {
        id: 'input',
        host: 'mail.example.org',
        port: 465,
        security: 'implicit-tls',
        source: 'input',
      },
      connect: {
        ok: false,
        error: 'timeout',
        alternatives: [
          { port: 587, open: true },
          { port: 2525, open: false },
        ],
      },
      ehlo: undefined,
      ehloAfterTls: undefined,
      tls: undefined,
      auth: undefined,
      send: undefined,
      deliverability: undefined,
      transcript: [],
    });
    const out = renderProbeMarkdown([result(), input]);
    expect(out).toContain(
      '\n#### 🔌 Live probe (2)\n\n' +
        '| Target | Configured in | Connect | TLS | AUTH | Send | Deliverability |\n' +
        '| --- | --- | --- | --- | --- | --- | --- |\n' +
        '| `smtp.example.com:587` starttls-required | `config/mail.yml:3` | ✅ connected in 12 ms | ' +
        '✅ STARTTLS TLSv1.3, certificate verified, 33 days left | ✅ PLAIN | ✅ 250 2.0.0 | ' +
        '✅ 9.5/10 (min 8) ([results](https://www.mail-tester.com/acme-1)) |\n' +
        '| `mail.example.org:465` implicit-tls | input | ❌ timed out (open: 587) | — | — | — | — |\n',
    );
    expect(out).toContain(
      '<details><summary>smtp.example.com:587 (config/mail.yml:3): details</summary>\n\n' +
        '**EHLO before TLS:** `PIPELINING` `STARTTLS`\n\n' +
        '**EHLO after STARTTLS:** `PIPELINING` `AUTH PLAIN LOGIN`\n',
    );
    expect(out).toContain(
      '```text\nS: 220 smtp.example.com ESMTP\nC: EHLO smtp-preflight.invalid\nC: AUTH PLAIN ***\nS: 235 2.7.0 ok\n```\n',
    );
    // Nothing to show for the unreachable target: no details block.
    expect(out.match(/<details>/g)).toHaveLength(1);
  });

  it('shows failures: certificate not verified, AUTH failure, send skipped, low score', () => {
    const out = renderProbeMarkdown([
      result({
        tls: {
          ...result().tls!,
          authorized: false,
          authorizationError: 'CERT_HAS_EXPIRED',
          certificate: { ...result().tls!.certificate!, daysLeft: -3 },
        },
        auth: {
          attempted: true,
          mechanism: 'LOGIN',
          ok: false,
          failure: 'bad-credentials',
          reply: { code: 535, enhanced: '5.7.8', text: 'no' },
        },
        send: { attempted: false, skipped: 'AUTH failed' },
        deliverability: { ...result().deliverability!, ok: false, score: 6.5 },
      }),
    ]);
    expect(out).toContain(
      '| ❌ STARTTLS TLSv1.3, certificate not verified (CERT\\_HAS\\_EXPIRED), expired 3 days ago | ' +
        '❌ bad-credentials (535 5.7.8), LOGIN | skipped: AUTH failed | ❌ 6.5/10 (min 8) (',
    );
  });

  it('a skipped probe says why', () => {
    const out = renderProbeMarkdown([result({ skipped: 'credentials withheld | <b>' })]);
    expect(out).toContain('| skipped: credentials withheld \\| &lt;b&gt; | — | — | — | — |');
  });

  it('a transcript with a backtick fence cannot break out of its code block', () => {
    const evil = [
      'S: 220 hi',
      'S: 250-```',
      'S: 250 </details> <img src=x onerror=alert(1)> @octocat',
      '````',
      'S: # heading',
    ];
    const out = renderProbeMarkdown([result({ transcript: evil })]);
    const block = /\n(`{3,})text\n([\s\S]*?)\n\1\n/.exec(out);
    expect(block).not.toBeNull();
    expect(block![1]).toBe('`````');
    expect(block![2]).toBe(evil.join('\n'));
    // Nothing of the transcript outside the block.
    const outside = out.replace(block![0], '');
    expect(outside).not.toContain('onerror');
    expect(outside).not.toContain('# heading');
    expect(outside.match(/<\/details>/g)).toHaveLength(1);
  });

  it('escapes host names and notes from the repository', () => {
    const out = renderProbeMarkdown([
      result({
        target: {
          id: 'a.yml:1',
          host: 'x`y*z@octocat',
          port: 25,
          security: 'plain',
          source: 'scan',
          at: { file: 'a.yml', line: 1 },
        },
        notes: ['see #12 and **bold** <script>'],
      }),
    ]);
    expect(out).toContain('| ``x`y*z@octocat:25`` plain |');
    expect(out).toContain('<summary>x&#96;y&#42;z&#64;octocat:25 (a.yml:1): details</summary>');
    expect(out).toContain('**Note:** see \\#&#8203;12 and \\*\\*bold\\*\\* &lt;script&gt;');
  });

  it('truncates a long transcript and says how much is left out', () => {
    const transcript = Array.from({ length: 1000 }, (_, i) => `S: 250-line ${i} ${'x'.repeat(20)}`);
    transcript[0] = `S: 250-${'y'.repeat(5000)}`;
    const out = renderProbeMarkdown([result({ transcript })]);
    const bounded = boundedTranscript(transcript);
    expect(bounded.length).toBe(TRANSCRIPT_MAX_LINES + 1);
    expect(bounded[0]).toMatch(/^S: 250-y{293}… \(4707 more characters\)$/);
    expect(bounded[bounded.length - 1]).toBe(
      `… ${1000 - TRANSCRIPT_MAX_LINES} more lines (the JSON report has them all)`,
    );
    expect(out.length).toBeLessThan(12_000);
    expect(out).toContain(`… ${1000 - TRANSCRIPT_MAX_LINES} more lines`);
  });

  it('caps the transcript in characters too', () => {
    const transcript = Array.from({ length: 100 }, () => `S: ${'z'.repeat(290)}`);
    const bounded = boundedTranscript(transcript);
    expect(bounded.slice(0, -1).join('\n').length).toBeLessThanOrEqual(8000);
    expect(bounded[bounded.length - 1]).toMatch(/^… \d+ more lines/);
  });
});

describe('renderProbeText', () => {
  it('is empty without results', () => {
    expect(renderProbeText([])).toBe('');
  });

  it('lists each target with its phases, without control characters', () => {
    const text = renderProbeText([
      result({ notes: ['allow-invalid-cert: \u001b[31mred\u001b[0m'] }),
      result({ skipped: 'fork pull request' }),
    ]);
    expect(text).toBe(
      'Live probe (2):\n' +
        '  smtp.example.com:587 (config/mail.yml:3, starttls-required)\n' +
        '    connect         connected in 12 ms to 93.184.215.14\n' +
        '    TLS             STARTTLS TLSv1.3, certificate verified, 33 days left\n' +
        '    certificate     CN=smtp.example.com, issued by CN=R11, valid until Dec 30 00:00:00 2026 GMT\n' +
        '    EHLO            PIPELINING AUTH PLAIN LOGIN\n' +
        '    AUTH            ok (PLAIN)\n' +
        '    send            ok (250 2.0.0)\n' +
        '    deliverability  9.5/10 (min 8) https://www.mail-tester.com/acme-1\n' +
        '    note            allow-invalid-cert: ?[31mred?[0m\n' +
        '  smtp.example.com:587 (config/mail.yml:3, starttls-required)\n' +
        '    skipped         fork pull request\n',
    );
  });
});
