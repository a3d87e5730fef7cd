/**
 * Reads SMTP replies from a socket with hard bounds: a maximum line length (an endless line is a
 * `line-too-long` failure, never unbounded memory), a maximum number of lines per reply, a timeout
 * per reply, and close/reset detection. Lines that are not `DDD[ -]text` are `garbage`.
 * Detachable, and re-attachable to the TLS socket after STARTTLS.
 */
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export interface RawReply {
  code: number;
  /** Each line's text after `DDD-`/`DDD `. */
  lines: string[];
}

export type ReadFailureKind = 'timeout' | 'closed' | 'reset' | 'garbage' | 'line-too-long';

export type ReadOutcome =
  { ok: true; reply: RawReply } | { ok: false; kind: ReadFailureKind; message: string };

export interface LineReaderOptions {
  /** The longest line accepted (bytes before the line end, default 4096). */
  maxLineLength?: number;
  /** The most lines in one reply (default 200). */
  maxLines?: number;
  /** Called with every complete line the server sent (for the transcript). */
  onLine?: (line: string) => void;
}

const LINE = /^(\d{3})([ -])(.*)$/s;
const BARE_CODE = /^(\d{3})$/;

export class LineReader {
  private socket: Socket | undefined;
  private decoder = new StringDecoder('utf8');
  private buffer = '';
  private lines: string[] = [];
  private failure: { kind: ReadFailureKind; message: string } | undefined;
  private waiter: (() => void) | undefined;
  private readonly maxLineLength: number;
  private readonly maxLines: number;
  private readonly onLine?: (line: string) => void;

  private readonly onData = (chunk: Buffer): void => {
    if (this.failure) return;
    this.buffer += this.decoder.write(chunk);
    this.splitLines();
    this.wake();
  };
  private readonly onEnd = (): void => this.fail('closed', 'the server closed the connection');
  private readonly onClose = (): void => this.fail('closed', 'the connection closed');
  private readonly onError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      this.fail('reset', `the connection was reset (${err.code})`);
    } else {
      this.fail('closed', `connection error: ${err.code ?? err.message}`);
    }
  };

  constructor(options: LineReaderOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? 4096;
    this.maxLines = options.maxLines ?? 200;
    this.onLine = options.onLine;
  }

  /** Starts reading from `socket` (after `detach`, the TLS socket that wraps the old one). */
  attach(socket: Socket): void {
    this.detach();
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  /**
   * Stops reading and returns what the server sent beyond the replies read so far (for STARTTLS,
   * anything here arrived before the TLS handshake: an injection). The buffer is discarded.
   */
  detach(): string {
    const socket = this.socket;
    if (socket) {
      socket.off('data', this.onData);
      socket.off('end', this.onEnd);
      socket.off('close', this.onClose);
      socket.off('error', this.onError);
      // Keep an error listener: an error on a socket with none would crash the process.
      if (socket.listenerCount('error') === 0) socket.on('error', () => undefined);
    }
    this.socket = undefined;
    const leftover = [...this.lines, ...(this.buffer ? [this.buffer] : [])].join('\n');
    this.lines = [];
    this.buffer = '';
    this.decoder = new StringDecoder('utf8');
    if (this.failure?.kind === 'closed' || this.failure?.kind === 'reset') {
      // The old socket's end says nothing about the next one.
      this.failure = undefined;
    }
    return leftover;
  }

  /** Reads one complete (possibly multi-line) reply within `timeoutMs`. Never rejects. */
  read(timeoutMs: number): Promise<ReadOutcome> {
    return new Promise((resolve) => {
      const ready = this.take();
      if (ready) return resolve(ready);
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({
          ok: false,
          kind: 'timeout',
          message: `no complete reply within ${timeoutMs} ms`,
        });
      }, timeoutMs);
      this.waiter = () => {
        const outcome = this.take();
        if (!outcome) return;
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(outcome);
      };
    });
  }

  private wake(): void {
    this.waiter?.();
  }

  private fail(kind: ReadFailureKind, message: string): void {
    if (!this.failure) this.failure = { kind, message };
    this.wake();
  }

  private splitLines(): void {
    let index: number;
    while ((index = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, index).replace(/\r$/, '');
      this.buffer = this.buffer.slice(index + 1);
      if (line.length > this.maxLineLength) {
        this.tooLong(line.length);
        return;
      }
      this.lines.push(line);
      this.onLine?.(line);
      if (this.lines.length > this.maxLines * 2) {
        this.fail('garbage', `more than ${this.maxLines * 2} unread lines from the server`);
        this.lines = [];
        return;
      }
    }
    if (this.buffer.length > this.maxLineLength) this.tooLong(this.buffer.length, true);
  }

  private tooLong(length: number, unterminated = false): void {
    const start = this.buffer.slice(0, 80);
    this.buffer = '';
    this.lines = [];
    this.onLine?.(`${start}… (${unterminated ? 'more than ' : ''}${length} characters)`);
    this.fail(
      'line-too-long',
      `the server sent a line longer than ${this.maxLineLength} characters` +
        (unterminated ? ' without a line end' : ''),
    );
    // Stop buffering altogether: nothing more is read from this socket.
    this.socket?.off('data', this.onData);
    this.socket?.pause();
  }

  /** A complete reply from the buffered lines, a failure, or undefined (wait for more). */
  private take(): ReadOutcome | undefined {
    const texts: string[] = [];
    let code: number | undefined;
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      const bare = BARE_CODE.exec(line);
      const m = bare ? [line, bare[1], ' ', ''] : LINE.exec(line);
      if (!m) {
        this.lines.splice(0, i + 1);
        return { ok: false, kind: 'garbage', message: `not an SMTP reply line: ${clip(line)}` };
      }
      const lineCode = Number(m[1]);
      if (code !== undefined && lineCode !== code) {
        this.lines.splice(0, i + 1);
        return {
          ok: false,
          kind: 'garbage',
          message: `reply code changed within a multi-line reply (${code} then ${lineCode})`,
        };
      }
      code = lineCode;
      texts.push(m[3]);
      if (m[2] === ' ') {
        this.lines.splice(0, i + 1);
        return { ok: true, reply: { code, lines: texts } };
      }
      if (texts.length >= this.maxLines) {
        this.lines.splice(0, i + 1);
        return {
          ok: false,
          kind: 'garbage',
          message: `a reply of more than ${this.maxLines} lines`,
        };
      }
    }
    if (this.failure) {
      const { kind, message } = this.failure;
      if (kind === 'garbage' || kind === 'line-too-long') return { ok: false, kind, message };
      const partial = this.buffer || this.lines.length ? ' in the middle of a reply' : '';
      return { ok: false, kind, message: message + partial };
    }
    return undefined;
  }
}

function clip(line: string, max = 120): string {
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
