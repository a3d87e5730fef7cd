/**
 * The live probe's results for people: a markdown section (PR comment and job summary) and a
 * plain-text block (CLI). Pure.
 *
 * Markdown: one table row per target (target, where it is configured, connect, TLS, AUTH, send,
 * deliverability), then per target a collapsed `<details>` with the EHLO extensions, notes and the
 * (already redacted) transcript in a code fence longer than any backtick run inside it, truncated
 * to a bounded size. Everything from the server or the repository is escaped: it cannot add
 * markup, HTML, @mentions or issue references, nor leave its code block.
 */
import type { ProbeResult, ProbeTarget } from '../probe/types.js';
import { code, escapeMarkdown, link } from './markdown.js';

/** Transcript bounds per target in the markdown. */
export const TRANSCRIPT_MAX_LINES = 120;
export const TRANSCRIPT_MAX_LINE_LENGTH = 300;
export const TRANSCRIPT_MAX_CHARS = 8000;
const REASON_MAX = 120;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Control characters (terminal escape sequences) shown as `?`. */
function clean(text: string): string {
  return text.replace(CONTROL, '?');
}

function short(text: string, max = REASON_MAX): string {
  const flat = clean(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Escaped running text: no markup, HTML, @mentions, #references or autolinks. */
function md(value: string): string {
  return escapeMarkdown(clean(value))
    .replace(/(^|[^\w@])@(?=[\w-])/g, '$1@&#8203;')
    .replace(/(^|[^\w])\\#(?=\w)/g, '$1\\#&#8203;')
    .replace(/\b(https?):\/\//gi, '$1:&#8203;//')
    .replace(/\b(www)\./gi, '$1&#8203;.');
}

function hostPort(t: ProbeTarget): string {
  return `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

function source(t: ProbeTarget): string {
  if (t.source === 'input') return 'input';
  return t.at ? `${t.at.file}:${t.at.line}` : t.id;
}

const CONNECT_ERRORS: Record<string, string> = {
  refused: 'refused',
  timeout: 'timed out',
  dns: 'DNS failure',
  unreachable: 'unreachable',
  reset: 'reset',
  other: 'failed',
};

function openPorts(r: ProbeResult): number[] {
  return (r.connect.alternatives ?? []).filter((a) => a.open).map((a) => a.port);
}

function connectText(r: ProbeResult): { ok: boolean; text: string } {
  if (r.connect.ok) {
    const ms = r.connect.ms !== undefined ? ` in ${r.connect.ms} ms` : '';
    return { ok: true, text: `connected${ms}` };
  }
  const word = CONNECT_ERRORS[r.connect.error ?? 'other'] ?? 'failed';
  const open = openPorts(r);
  const alternatives = r.connect.alternatives?.length
    ? open.length > 0
      ? ` (open: ${open.join(', ')})`
      : ' (no alternative port open)'
    : '';
  return { ok: false, text: `${word}${alternatives}` };
}

function certText(r: ProbeResult): string {
  const tls = r.tls;
  const cert = tls?.certificate;
  const verdict =
    tls?.authorized === true
      ? 'certificate verified'
      : tls?.authorized === false
        ? `certificate not verified (${tls.authorizationError ?? 'unknown reason'})`
        : '';
  const days = cert
    ? cert.daysLeft < 0
      ? `expired ${-cert.daysLeft} days ago`
      : `${cert.daysLeft} days left`
    : '';
  return [verdict, days].filter(Boolean).join(', ');
}

function tlsText(r: ProbeResult): { state: 'ok' | 'bad' | 'none'; text: string } {
  const tls = r.tls;
  if (!tls) {
    if (!r.connect.ok) return { state: 'none', text: '' };
    if (r.target.security === 'plain') return { state: 'bad', text: 'none (plain)' };
    if (r.ehlo && !r.ehlo.starttls) return { state: 'bad', text: 'STARTTLS not offered' };
    return { state: 'none', text: '' };
  }
  const mode = tls.mode === 'implicit' ? 'implicit TLS' : 'STARTTLS';
  if (tls.mismatch) return { state: 'bad', text: `${mode}: mode mismatch (${tls.mismatch})` };
  if (!tls.ok) {
    const why = tls.error ? tls.error.code || tls.error.message : 'failed';
    const cert = certText(r);
    return { state: 'bad', text: `${mode} failed (${short(why, 60)})${cert ? `, ${cert}` : ''}` };
  }
  const protocol = tls.protocol ? ` ${tls.protocol}` : '';
  const cert = certText(r);
  const old = tls.protocol !== undefined && /^(SSLv\d|TLSv1(\.[01])?)$/.test(tls.protocol);
  const bad = old || tls.authorized === false || (tls.certificate?.daysLeft ?? 1) < 0;
  return { state: bad ? 'bad' : 'ok', text: `${mode}${protocol}${cert ? `, ${cert}` : ''}` };
}

function replyShort(reply: { code: number; enhanced?: string } | undefined): string {
  if (!reply) return '';
  return `${reply.code}${reply.enhanced ? ` ${reply.enhanced}` : ''}`;
}

function authText(r: ProbeResult): { state: 'ok' | 'bad' | 'none'; text: string } {
  const a = r.auth;
  if (!a) return { state: 'none', text: '' };
  if (!a.attempted)
    return { state: 'none', text: `skipped: ${short(a.skipped ?? 'not attempted')}` };
  if (a.ok) return { state: 'ok', text: a.mechanism ?? 'ok' };
  const reply = replyShort(a.reply);
  return {
    state: 'bad',
    text: `${a.failure ?? 'failed'}${reply ? ` (${reply})` : ''}${a.mechanism ? `, ${a.mechanism}` : ''}`,
  };
}

function sendText(r: ProbeResult): { state: 'ok' | 'bad' | 'none'; text: string } {
  const s = r.send;
  if (!s) return { state: 'none', text: '' };
  if (!s.attempted)
    return { state: 'none', text: `skipped: ${short(s.skipped ?? 'not attempted')}` };
  if (s.ok) return { state: 'ok', text: replyShort(s.reply) || 'accepted' };
  return { state: 'bad', text: replyShort(s.reply) || short(s.error ?? 'failed', 60) };
}

function scoreText(r: ProbeResult): { state: 'ok' | 'bad' | 'none'; text: string; url?: string } {
  const d = r.deliverability;
  if (!d) return { state: 'none', text: '' };
  const url = /^https?:\/\//i.test(d.resultsUrl) ? d.resultsUrl : undefined;
  if (d.score === undefined) return { state: 'bad', text: 'no score', url };
  return {
    state: d.ok ? 'ok' : 'bad',
    text: `${d.score}/${d.maxScore ?? 10} (min ${d.minScore})`,
    url,
  };
}

const ICON = { ok: '✅ ', bad: '❌ ', none: '' } as const;

function cell(state: 'ok' | 'bad' | 'none', text: string): string {
  if (text === '') return '—';
  return `${ICON[state]}${md(text)}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fenced(lines: readonly string[]): string {
  const body = lines.join('\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${body}\n${fence}\n`;
}

/** The transcript bounded in lines, line length and characters, with what was left out. */
export function boundedTranscript(transcript: readonly string[]): string[] {
  const out: string[] = [];
  let chars = 0;
  for (const raw of transcript) {
    let line = clean(raw);
    if (line.length > TRANSCRIPT_MAX_LINE_LENGTH) {
      line = `${line.slice(0, TRANSCRIPT_MAX_LINE_LENGTH)}… (${line.length - TRANSCRIPT_MAX_LINE_LENGTH} more characters)`;
    }
    if (out.length >= TRANSCRIPT_MAX_LINES || chars + line.length > TRANSCRIPT_MAX_CHARS) break;
    out.push(line);
    chars += line.length + 1;
  }
  const left = transcript.length - out.length;
  if (left > 0)
    out.push(`… ${left} more line${left === 1 ? '' : 's'} (the JSON report has them all)`);
  return out;
}

/** HTML text for `<summary>`: entities only, no markdown there. */
function html(value: string): string {
  return clean(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[@*_`[\]~\\#!|]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function details(r: ProbeResult): string {
  const t = r.target;
  const parts: string[] = [];
  if (r.ehlo) {
    const ext = r.ehlo.extensions.map((e) => code(clean(e))).join(' ') || '(none)';
    parts.push(`**EHLO${r.tls?.mode === 'starttls' ? ' before TLS' : ''}:** ${ext}\n`);
  }
  if (r.ehloAfterTls) {
    const ext = r.ehloAfterTls.extensions.map((e) => code(clean(e))).join(' ') || '(none)';
    parts.push(`**EHLO after STARTTLS:** ${ext}\n`);
  }
  const cert = r.tls?.certificate;
  if (cert) {
    const names = cert.subjectAltNames.slice(0, 10).map((n) => code(clean(n)));
    parts.push(
      `**Certificate:** ${code(clean(cert.subject))} issued by ${code(clean(cert.issuer))}, valid until ${md(cert.validTo)}` +
        (names.length > 0 ? `; names ${names.join(' ')}` : '') +
        (cert.keyType ? `; key ${md(cert.keyType)}${cert.keyBits ? ` ${cert.keyBits}` : ''}` : '') +
        '\n',
    );
  }
  for (const p of r.problems) {
    parts.push(`**Problem (${md(p.phase)}, ${md(p.kind)}):** ${md(short(p.message, 300))}\n`);
  }
  for (const note of r.notes) parts.push(`**Note:** ${md(short(note, 500))}\n`);
  const transcript = boundedTranscript(r.transcript);
  if (transcript.length > 0) parts.push(fenced(transcript));
  if (parts.length === 0) return '';
  const summary = `${hostPort(t)} (${source(t)}): details`;
  return `\n<details><summary>${html(summary)}</summary>\n\n${parts.join('\n')}\n</details>\n`;
}

function row(r: ProbeResult): string {
  const t = r.target;
  const target = `${code(hostPort(t), true)} ${md(t.security)}`;
  const where = t.source === 'input' ? 'input' : code(source(t), true);
  if (r.skipped) {
    return `| ${target} | ${where} | skipped: ${md(short(r.skipped))} | — | — | — | — |\n`;
  }
  const c = connectText(r);
  const tls = tlsText(r);
  const auth = authText(r);
  const send = sendText(r);
  const score = scoreText(r);
  const scoreCell =
    score.text === ''
      ? '—'
      : `${cell(score.state, score.text)}${score.url ? ` ([results](${link(score.url)}))` : ''}`;
  return (
    `| ${target} | ${where} | ${cell(c.ok ? 'ok' : 'bad', c.text)} | ${cell(tls.state, tls.text)} | ` +
    `${cell(auth.state, auth.text)} | ${cell(send.state, send.text)} | ${scoreCell} |\n`
  );
}

/** The live probe section for the PR comment and job summary; empty without results. */
export function renderProbeMarkdown(probes: readonly ProbeResult[]): string {
  if (probes.length === 0) return '';
  const head =
    `\n#### 🔌 Live probe (${probes.length})\n\n` +
    '| Target | Configured in | Connect | TLS | AUTH | Send | Deliverability |\n' +
    '| --- | --- | --- | --- | --- | --- | --- |\n';
  return head + probes.map(row).join('') + probes.map(details).join('');
}

/** The live probe block for the CLI's text output (no transcript: the JSON report has it). */
export function renderProbeText(probes: readonly ProbeResult[]): string {
  if (probes.length === 0) return '';
  const out: string[] = [`Live probe (${probes.length}):`];
  const line = (label: string, value: string) => out.push(`    ${label.padEnd(15)} ${value}`);
  for (const r of probes) {
    const t = r.target;
    out.push(`  ${clean(hostPort(t))} (${clean(source(t))}, ${t.security})`);
    if (r.skipped) {
      line('skipped', short(r.skipped, 300));
      continue;
    }
    const c = connectText(r);
    line('connect', `${c.text}${r.connect.address ? ` to ${clean(r.connect.address)}` : ''}`);
    const tls = tlsText(r);
    if (tls.text) line('TLS', clean(tls.text));
    const cert = r.tls?.certificate;
    if (cert) {
      line(
        'certificate',
        `${short(cert.subject, 100)}, issued by ${short(cert.issuer, 100)}, valid until ${short(cert.validTo, 40)}`,
      );
    }
    const ehlo = r.ehloAfterTls ?? r.ehlo;
    if (ehlo) line('EHLO', short(ehlo.extensions.join(' '), 300) || '(no extensions)');
    const auth = authText(r);
    if (auth.text) line('AUTH', auth.state === 'ok' ? `ok (${auth.text})` : auth.text);
    const send = sendText(r);
    if (send.text) line('send', send.state === 'ok' ? `ok (${send.text})` : send.text);
    const score = scoreText(r);
    if (score.text) {
      const err = r.deliverability?.error ? `: ${short(r.deliverability.error, 200)}` : '';
      line('deliverability', `${score.text}${err}${score.url ? ` ${clean(score.url)}` : ''}`);
    }
    for (const p of r.problems) line('problem', `${p.phase} ${p.kind}: ${short(p.message, 200)}`);
    for (const note of r.notes) line('note', short(note, 500));
  }
  return `${out.join('\n')}\n`;
}
