/**
 * One SMTP conversation: writes commands, reads replies through the LineReader, and keeps the
 * transcript (`C: `/`S: `, capped, AUTH payloads never written). Reply texts are redacted with the
 * secret variants before anything else sees them.
 */
import type { Socket } from 'node:net';
import { LineReader, type RawReply, type ReadOutcome } from './line-reader.js';
import { redact } from './secrets.js';
import type { EhloInfo, SmtpReply } from './types.js';

export const TRANSCRIPT_MAX_LINES = 200;
const TRANSCRIPT_MAX_LINE = 300;
const REPLY_MAX_TEXT = 500;
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)/;

export class Transcript {
  readonly lines: string[] = [];
  private dropped = 0;

  constructor(private readonly variants: readonly string[]) {}

  add(line: string): void {
    if (this.lines.length >= TRANSCRIPT_MAX_LINES) {
      this.dropped++;
      return;
    }
    // Control characters from a hostile server must not reach logs or annotations.
    // eslint-disable-next-line no-control-regex
    const clean = redact(line, this.variants).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '?');
    this.lines.push(
      clean.length > TRANSCRIPT_MAX_LINE ? `${clean.slice(0, TRANSCRIPT_MAX_LINE)}…` : clean,
    );
  }

  /** The lines, with a last line saying how many were left out. */
  finish(): string[] {
    return this.dropped > 0
      ? [...this.lines, `… ${this.dropped} more transcript lines left out`]
      : [...this.lines];
  }
}

/** An SmtpReply from raw lines: enhanced status code, redacted and truncated text. */
export function toSmtpReply(raw: RawReply, variants: readonly string[]): SmtpReply {
  const text = redact(raw.lines.join('\n'), variants);
  const enhanced = ENHANCED.exec(raw.lines[0] ?? '');
  const reply: SmtpReply = {
    code: raw.code,
    text: text.length > REPLY_MAX_TEXT ? `${text.slice(0, REPLY_MAX_TEXT)}…` : text,
  };
  if (enhanced) reply.enhanced = `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}`;
  return reply;
}

/** Parses a reply line `250 3.1.1 text` (or `info.response` from nodemailer). */
export function parseReplyLine(line: string, variants: readonly string[]): SmtpReply | undefined {
  const m = /^(\d{3})[ -]?([\s\S]*)$/.exec(line.trim());
  if (!m) return undefined;
  return toSmtpReply({ code: Number(m[1]), lines: [m[2]] }, variants);
}

export type SessionRead =
  | { ok: true; reply: SmtpReply; raw: RawReply }
  | { ok: false; kind: Exclude<ReadOutcome, { ok: true }>['kind']; message: string };

export class SmtpSession {
  readonly reader: LineReader;
  socket: Socket;

  constructor(
    socket: Socket,
    readonly transcript: Transcript,
    private readonly variants: readonly string[],
    maxLineLength: number | undefined,
  ) {
    this.socket = socket;
    this.reader = new LineReader({
      maxLineLength,
      onLine: (line) => transcript.add(`S: ${line}`),
    });
    this.reader.attach(socket);
  }

  /** Swaps to the TLS socket that wraps the current one; returns what came before the swap. */
  upgrade(socket: Socket): void {
    this.socket = socket;
    this.reader.attach(socket);
  }

  async read(timeoutMs: number): Promise<SessionRead> {
    const outcome = await this.reader.read(timeoutMs);
    if (!outcome.ok) return { ...outcome, message: redact(outcome.message, this.variants) };
    return { ok: true, reply: toSmtpReply(outcome.reply, this.variants), raw: outcome.reply };
  }

  /** Writes one command line. `shown` replaces it in the transcript (AUTH payloads). */
  write(line: string, shown = line): void {
    this.transcript.add(`C: ${shown}`);
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(`${line}\r\n`);
  }

  async command(line: string, timeoutMs: number, shown = line): Promise<SessionRead> {
    this.write(line, shown);
    return this.read(timeoutMs);
  }
}

/** The extensions of an EHLO reply (the first line is the greeting, not an extension). */
export function parseEhlo(lines: readonly string[]): EhloInfo {
  const info: EhloInfo = {
    extensions: [],
    auth: [],
    starttls: false,
    eightBitMime: false,
    smtpUtf8: false,
    pipelining: false,
    requireTls: false,
  };
  const auth = new Set<string>();
  for (const line of lines.slice(1)) {
    const [rawKeyword, ...params] = line.trim().split(/\s+/);
    if (!rawKeyword) continue;
    const upper = rawKeyword.toUpperCase();
    // `AUTH=LOGIN PLAIN` is the old (pre-RFC 4954) spelling some servers still send.
    const keyword = upper.startsWith('AUTH=') ? 'AUTH' : upper;
    const args = upper.startsWith('AUTH=') ? [upper.slice(5), ...params] : params;
    if (!info.extensions.includes(keyword)) info.extensions.push(keyword);
    switch (keyword) {
      case 'AUTH':
        for (const mech of args) if (mech) auth.add(mech.toUpperCase());
        break;
      case 'STARTTLS':
        info.starttls = true;
        break;
      case 'SIZE': {
        const size = Number(args[0]);
        if (Number.isFinite(size) && args[0] !== undefined) info.size = size;
        break;
      }
      case '8BITMIME':
        info.eightBitMime = true;
        break;
      case 'SMTPUTF8':
        info.smtpUtf8 = true;
        break;
      case 'PIPELINING':
        info.pipelining = true;
        break;
      case 'REQUIRETLS':
        info.requireTls = true;
        break;
    }
  }
  info.auth = [...auth];
  return info;
}
