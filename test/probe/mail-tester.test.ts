import { afterEach, describe, expect, it } from 'vitest';
import {
  mailTesterAddress,
  mailTesterScore,
  pollMailTester,
  sanitizeTestId,
} from '../../src/probe/mail-tester.js';
import {
  sampleResult,
  startFakeMailTester,
  type FakeMailTester,
} from '../support/fake-mail-tester.js';

let fake: FakeMailTester | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const fast = { firstDelayMs: 10, timeoutMs: 2000, requestTimeoutMs: 500 };

describe('mailTesterAddress', () => {
  it('builds {username}-{id}@srv1.mail-tester.com with a sanitised id', () => {
    expect(mailTesterAddress('acme', '123456789-1')).toBe('acme-123456789-1@srv1.mail-tester.com');
    expect(mailTesterAddress('acme', 'Run 42_Attempt/2..')).toBe(
      'acme-run-42-attempt-2@srv1.mail-tester.com',
    );
    expect(sanitizeTestId('--A__b--')).toBe('a-b');
  });
});

describe('mailTesterScore', () => {
  it('reads the number before / in displayedMark, else 10 + mark', () => {
    expect(mailTesterScore({ displayedMark: '8.5/10', maxMark: 10 })).toEqual({
      score: 8.5,
      maxScore: 10,
    });
    expect(mailTesterScore({ mark: -2.25 })).toEqual({ score: 7.75, maxScore: 10 });
    expect(mailTesterScore({ title: 'x' })).toBeUndefined();
  });
});

describe('pollMailTester against a local Mail Tester', () => {
  it('polls "not found" until the result arrives, with the ampersand URL', async () => {
    fake = await startFakeMailTester({ notFoundFor: 2 });
    const r = await pollMailTester({ baseUrl: fake.url, username: 'acme', id: 'Run-7', ...fast });
    expect(fake.paths).toEqual([
      '/acme-run-7&format=json',
      '/acme-run-7&format=json',
      '/acme-run-7&format=json',
    ]);
    expect(r.polls).toBe(3);
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({
      tester: 'mail-tester',
      address: 'acme-run-7@srv1.mail-tester.com',
      resultsUrl: `${fake.url}/acme-run-7`,
      score: 6.5,
      maxScore: 10,
      minScore: 8,
      ok: false,
    });
    expect(r.checks.map((c) => c.id)).toEqual([
      'spf',
      'dkim',
      'blacklist:Spamhaus SBL',
      'spamassassin:MISSING_DATE',
      'spamassassin:HTML_MESSAGE',
      'body:brokenLinks',
    ]);
    expect(r.checks[0]).toEqual({
      id: 'spf',
      title: 'SPF',
      status: 'failure',
      deduction: 1,
      description: 'The server 203.0.113.7 is not allowed to send for example.com',
    });
    expect(r.checks[2]).toEqual({
      id: 'blacklist:Spamhaus SBL',
      title: 'Listed on Spamhaus SBL',
      status: 'failure',
      deduction: 1,
      description: 'Blocklist zone sbl.spamhaus.org.',
    });
    expect(r.checks[3]).toEqual({
      id: 'spamassassin:MISSING_DATE',
      title: 'MISSING_DATE',
      status: 'failure',
      deduction: 1.396,
      description: 'Missing Date: header',
      solution: 'Add a Date: header to the message.',
    });
    expect(r.checks[5]).toMatchObject({
      id: 'body:brokenLinks',
      status: 'warning',
      deduction: 0.5,
    });
  });

  it('is ok when the score reaches the minimum', async () => {
    fake = await startFakeMailTester({
      result: { ...sampleResult(), displayedMark: '9/10', mark: -1 },
    });
    const r = await pollMailTester({
      baseUrl: `${fake.url}/`,
      username: 'acme',
      id: 'x',
      minScore: 9,
      ...fast,
    });
    expect(r).toMatchObject({ ok: true, score: 9, minScore: 9, polls: 1 });
  });

  it('gives up at the timeout when the message never arrives', async () => {
    fake = await startFakeMailTester({ notFoundFor: 1_000_000 });
    const started = Date.now();
    const r = await pollMailTester({
      baseUrl: fake.url,
      username: 'acme',
      id: 'late',
      firstDelayMs: 10,
      timeoutMs: 300,
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(r.ok).toBe(false);
    expect(r.score).toBeUndefined();
    expect(r.polls).toBeGreaterThan(2);
    expect(r.error).toMatch(
      /^the test message did not arrive at Mail Tester within 300 ms \(\d+ polls, \d+ "not found"\)$/,
    );
  });

  it('retries HTTP 500 and reports it at the timeout', async () => {
    fake = await startFakeMailTester({ mode: 'error500' });
    const r = await pollMailTester({
      baseUrl: fake.url,
      username: 'acme',
      id: 'e',
      ...fast,
      timeoutMs: 300,
    });
    expect(fake.paths.length).toBeGreaterThan(1);
    expect(r.ok).toBe(false);
    expect(r.error).toContain('the last poll failed: HTTP 500 Internal Server Error');
  });

  it('retries a non-JSON answer and recovers when the result comes', async () => {
    fake = await startFakeMailTester({ mode: 'garbage' });
    const pending = pollMailTester({ baseUrl: fake.url, username: 'acme', id: 'g', ...fast });
    await new Promise((resolve) => setTimeout(resolve, 100));
    fake.mode = 'normal';
    const r = await pending;
    expect(r.score).toBe(6.5);
    expect(r.polls).toBeGreaterThan(1);
  });

  it('says so when the answer stays non-JSON', async () => {
    fake = await startFakeMailTester({ mode: 'garbage' });
    const r = await pollMailTester({
      baseUrl: fake.url,
      username: 'acme',
      id: 'g',
      ...fast,
      timeoutMs: 200,
    });
    expect(r.error).toContain('the answer is not JSON (text/html, 16 bytes)');
  });

  it('bounds each request when the server hangs', async () => {
    fake = await startFakeMailTester({ mode: 'hang' });
    const started = Date.now();
    const r = await pollMailTester({
      baseUrl: fake.url,
      username: 'acme',
      id: 'h',
      firstDelayMs: 10,
      timeoutMs: 600,
      requestTimeoutMs: 150,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.paths.length).toBeGreaterThanOrEqual(2);
    expect(r.error).toMatch(/the last poll failed: no answer within \d+ ms/);
  });

  it('reports a network error (nothing listening) without throwing', async () => {
    fake = await startFakeMailTester();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const r = await pollMailTester({
      baseUrl: url,
      username: 'acme',
      id: 'n',
      ...fast,
      timeoutMs: 200,
    });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/the last poll failed: network error: .*\(ECONNREFUSED\)/);
  });

  it('a result without a score is an error, not a pass', async () => {
    fake = await startFakeMailTester({ result: { status: true, title: 'odd' } });
    const r = await pollMailTester({ baseUrl: fake.url, username: 'acme', id: 's', ...fast });
    expect(r.ok).toBe(false);
    expect(r.error).toContain('no score');
  });

  it('backs off ×1.5 up to 30 s between polls within the timeout (injected sleep)', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const r = await pollMailTester({
      username: 'acme',
      id: 'b',
      timeoutMs: 180_000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      fetch: (async (url: string | URL | Request) => {
        calls++;
        expect(String(url)).toBe('https://www.mail-tester.com/acme-b&format=json');
        return new Response(JSON.stringify({ status: false, title: 'Mail not found' }), {
          headers: { 'content-type': 'application/json' },
        });
      }) as typeof fetch,
    });
    expect(sleeps.slice(0, 4)).toEqual([30_000, 30_000, 30_000, 30_000]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(180_000);
    expect(calls).toBe(r.polls);
    expect(r.resultsUrl).toBe('https://www.mail-tester.com/acme-b');
    const short: number[] = [];
    await pollMailTester({
      username: 'acme',
      id: 'c',
      firstDelayMs: 1000,
      timeoutMs: 10_000,
      sleep: async (ms) => {
        short.push(ms);
      },
      fetch: (async () => new Response('{"status":false}')) as typeof fetch,
    });
    expect(short.slice(0, 4)).toEqual([1000, 1500, 2250, 3375]);
    expect(short.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('never throws, even when fetch itself throws synchronously', async () => {
    const r = await pollMailTester({
      username: 'acme',
      id: 't',
      timeoutMs: 50,
      firstDelayMs: 0,
      fetch: (() => {
        throw new TypeError('boom');
      }) as typeof fetch,
    });
    expect(r.ok).toBe(false);
    expect(r.error).toContain('network error: boom');
  });
});
