/**
 * Mail Tester (mail-tester.com) as the deliverability tester: the address to send the test message
 * to, and polling its JSON results until the message has arrived (FACTS.md "Mail Tester").
 *
 * `GET {baseUrl}/{username}-{id}&format=json` (an ampersand, not `?`) answers `status: false`
 * until the message has arrived, then the full result. Polling waits `firstDelayMs`, then backs off
 * ×1.5 up to 30 s between polls, starting none after `timeoutMs`; each request has its own timeout. HTTP
 * errors, non-JSON and network errors are retried until the timeout, then reported in `error`.
 * Never throws.
 */
import type { DeliverabilityCheck, DeliverabilityResult } from './types.js';

export const MAIL_TESTER_URL = 'https://www.mail-tester.com';
export const MAIL_TESTER_DOMAIN = 'srv1.mail-tester.com';
const MAX_DELAY_MS = 30_000;
const BACKOFF = 1.5;
const TEXT_LIMIT = 500;

/** The test id as Mail Tester accepts it: lower case `[a-z0-9-]`, no leading/trailing `-`. */
export function sanitizeTestId(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `{username}-{id}@srv1.mail-tester.com`; the id is sanitised (see `sanitizeTestId`). */
export function mailTesterAddress(username: string, uniqueId: string): string {
  return `${username.trim()}-${sanitizeTestId(uniqueId)}@${MAIL_TESTER_DOMAIN}`;
}

export interface MailTesterPollOptions {
  /** Default https://www.mail-tester.com. */
  baseUrl?: string;
  username: string;
  /** The id used in `mailTesterAddress` (sanitised the same way). */
  id: string;
  /** Overall bound, from the call to the last poll (default 180 s). */
  timeoutMs?: number;
  /** Wait before the first poll: the message needs time to arrive (default 30 s). */
  firstDelayMs?: number;
  /** Below this score the result is not ok (default 8). */
  minScore?: number;
  /**
   * Each request's own timeout (default 15 s). No poll starts after `timeoutMs`, so the call
   * returns within `timeoutMs + requestTimeoutMs`.
   */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Object values or array items of a JSON collection (Mail Tester uses both shapes). */
function entries(v: unknown): [string, Json][] {
  if (Array.isArray(v)) return v.filter(isObject).map((item, i) => [String(i), item]);
  if (isObject(v)) {
    return Object.entries(v).filter((e): e is [string, Json] => isObject(e[1]));
  }
  return [];
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Plain text from Mail Tester's HTML-ish descriptions: tags dropped, entities decoded, bounded. */
function plain(v: unknown): string | undefined {
  const raw = Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(' ') : v;
  if (typeof raw !== 'string') return undefined;
  const text = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text;
}

const STATUSES = new Set(['failure', 'warning', 'neutral', 'success']);

function statusOf(test: Json): DeliverabilityCheck['status'] {
  const cls = typeof test.statusClass === 'string' ? test.statusClass.toLowerCase() : '';
  if (STATUSES.has(cls)) return cls as DeliverabilityCheck['status'];
  if (test.status === true) return 'success';
  if (test.status === false) return 'failure';
  const mark = num(test.mark);
  return mark !== undefined && mark < 0 ? 'failure' : 'success';
}

function check(
  id: string,
  title: string,
  status: DeliverabilityCheck['status'],
  extra: { deduction?: number; description?: unknown; solution?: unknown },
): DeliverabilityCheck {
  const c: DeliverabilityCheck = { id, title, status };
  if (extra.deduction !== undefined && extra.deduction > 0) {
    c.deduction = Math.round(extra.deduction * 1000) / 1000;
  }
  const description = plain(extra.description);
  if (description) c.description = description;
  const solution = plain(extra.solution);
  if (solution) c.solution = solution;
  return c;
}

const SIGNATURE_TESTS: Record<string, [string, string]> = {
  spf: ['spf', 'SPF'],
  dkim: ['dkim', 'DKIM'],
  dmarc: ['dmarc', 'DMARC'],
  rdns: ['rdns', 'Reverse DNS'],
  arecord: ['a-record', 'A record'],
  mxrecord: ['mx-record', 'MX record'],
};

function deductionOf(test: Json): number | undefined {
  const mark = num(test.mark);
  return mark !== undefined && mark < 0 ? -mark : undefined;
}

/** The failed, warning and neutral checks of a result, in Mail Tester's order. */
export function mailTesterChecks(result: Json): DeliverabilityCheck[] {
  const out: DeliverabilityCheck[] = [];
  const signature = isObject(result.signature) ? result.signature : {};
  for (const [key, test] of entries(signature.subtests)) {
    const status = statusOf(test);
    if (status === 'success') continue;
    const [id, title] = SIGNATURE_TESTS[key.toLowerCase()] ?? [key.toLowerCase(), key];
    out.push(
      check(id, plain(test.title) ?? title, status, {
        deduction: deductionOf(test),
        description: test.description ?? test.messages,
        solution: test.solution,
      }),
    );
  }

  const blacklists = isObject(result.blacklists) ? result.blacklists : {};
  let listed = 0;
  for (const [key, list] of entries(blacklists.blacklists)) {
    const code = num(list.statusCode) ?? 0;
    const hit = num(list.hitMark) ?? 0;
    if (code === 0 && hit === 0) continue;
    listed++;
    const name = plain(list.name) ?? key;
    out.push(
      check(`blacklist:${name}`, `Listed on ${name}`, 'failure', {
        deduction: hit !== 0 ? Math.abs(hit) : undefined,
        description: typeof list.dns === 'string' ? `Blocklist zone ${list.dns}.` : undefined,
      }),
    );
  }
  const hits = num(blacklists.hits) ?? 0;
  if (hits > listed && listed === 0) {
    out.push(
      check('blacklist', `Listed on ${hits} blocklist${hits === 1 ? '' : 's'}`, 'failure', {
        deduction: deductionOf(blacklists),
      }),
    );
  }

  const spamAssassin = isObject(result.spamAssassin) ? result.spamAssassin : {};
  const rules = entries(spamAssassin.rules)
    .map(([key, rule]) => ({ key, rule, score: num(rule.score) ?? 0 }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
  for (const { key, rule, score } of rules) {
    const code = plain(rule.code) ?? key;
    out.push(
      check(`spamassassin:${code}`, code, score >= 1 ? 'failure' : 'warning', {
        deduction: score,
        description: rule.description,
        solution: rule.solution,
      }),
    );
  }

  const body = isObject(result.body) ? result.body : {};
  for (const [key, test] of entries(body.subtests)) {
    const status = statusOf(test);
    if (status === 'success') continue;
    out.push(
      check(`body:${key}`, plain(test.title) ?? key, status, {
        deduction: deductionOf(test),
        description: test.description ?? test.messages,
        solution: test.solution,
      }),
    );
  }
  return out;
}

/** Score and maximum: the number before `/` in `displayedMark`, else 10 + `mark`. */
export function mailTesterScore(result: Json): { score: number; maxScore: number } | undefined {
  const shown = typeof result.displayedMark === 'string' ? result.displayedMark : '';
  const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*\/\s*(\d+(?:[.,]\d+)?)?/.exec(shown);
  const max = num(result.maxMark) ?? (m?.[2] ? Number(m[2].replace(',', '.')) : 10);
  if (m) return { score: Number(m[1].replace(',', '.')), maxScore: max };
  const mark = num(result.mark);
  if (mark !== undefined) return { score: Math.round((10 + mark) * 100) / 100, maxScore: max };
  return undefined;
}

type Poll = { kind: 'result'; json: Json } | { kind: 'pending' } | { kind: 'error'; what: string };

async function pollOnce(url: string, doFetch: typeof fetch, timeoutMs: number): Promise<Poll> {
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      redirect: 'follow',
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      return { kind: 'error', what: `no answer within ${Math.round(timeoutMs)} ms` };
    }
    const code = err.cause?.code ? ` (${err.cause.code})` : '';
    return { kind: 'error', what: `network error: ${err.message}${code}` };
  }
  let body: string;
  try {
    body = await response.text();
  } catch (e) {
    return { kind: 'error', what: `the response broke off: ${(e as Error).message}` };
  }
  if (!response.ok) {
    return {
      kind: 'error',
      what: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    return { kind: 'error', what: `the answer is not JSON (${type}, ${body.length} bytes)` };
  }
  if (!isObject(json)) return { kind: 'error', what: 'the answer is JSON but not an object' };
  if (json.status === true) return { kind: 'result', json };
  return { kind: 'pending' };
}

/** Polls Mail Tester until the result arrives or `timeoutMs` passes. Never throws. */
export async function pollMailTester(
  options: MailTesterPollOptions,
): Promise<DeliverabilityResult> {
  const baseUrl = (options.baseUrl ?? MAIL_TESTER_URL).replace(/\/+$/, '');
  const username = options.username.trim();
  const id = sanitizeTestId(options.id);
  const timeoutMs = options.timeoutMs ?? 180_000;
  const minScore = options.minScore ?? 8;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? realSleep;
  const testName = `${username}-${id}`;
  const resultsUrl = `${baseUrl}/${testName}`;
  const jsonUrl = `${resultsUrl}&format=json`;
  const started = Date.now();
  let slept = 0;
  // With an injected sleep that returns at once, count the time it stood for.
  const elapsed = () => Math.max(Date.now() - started, slept);
  const wait = async (ms: number) => {
    const bounded = Math.max(0, Math.min(ms, timeoutMs - elapsed()));
    if (bounded > 0) await sleep(bounded);
    slept += bounded;
  };

  const base: DeliverabilityResult = {
    tester: 'mail-tester',
    address: `${testName}@${MAIL_TESTER_DOMAIN}`,
    resultsUrl,
    ok: false,
    minScore,
    checks: [],
    polls: 0,
    ms: 0,
  };
  let lastError: string | undefined;
  let pending = 0;
  try {
    let delay = options.firstDelayMs ?? 30_000;
    await wait(delay);
    for (;;) {
      base.polls++;
      const poll = await pollOnce(jsonUrl, doFetch, requestTimeoutMs);
      if (poll.kind === 'result') {
        const score = mailTesterScore(poll.json);
        const checks = mailTesterChecks(poll.json);
        base.ms = elapsed();
        if (!score) {
          return {
            ...base,
            checks,
            error: 'the result has neither `displayedMark` nor `mark`: no score to judge',
          };
        }
        return { ...base, ...score, ok: score.score >= minScore, checks };
      }
      if (poll.kind === 'pending') {
        pending++;
        lastError = undefined;
      } else {
        lastError = poll.what;
      }
      if (elapsed() >= timeoutMs) break;
      delay = Math.min(Math.max(delay, 1) * BACKOFF, MAX_DELAY_MS);
      await wait(delay);
    }
  } catch (e) {
    lastError = `unexpected failure: ${e instanceof Error ? e.message : String(e)}`;
  }
  base.ms = elapsed();
  const seconds = timeoutMs < 10_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
  const polls = `${base.polls} poll${base.polls === 1 ? '' : 's'}`;
  base.error = lastError
    ? `no result from Mail Tester within ${seconds} (${polls}); the last poll failed: ${lastError}`
    : `the test message did not arrive at Mail Tester within ${seconds} (${polls}, ${pending} "not found")`;
  return base;
}
