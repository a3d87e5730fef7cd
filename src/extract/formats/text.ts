/**
 * Small text helpers shared by the format parsers: line splitting that understands CRLF, LF and
 * lone CR, offset → line/column mapping, and a capped diagnostics list.
 */

/** Identifier-like keys accepted in commented-out `KEY=value` lines. */
export const COMMENTED_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Most diagnostics kept per file; the rest are summarised in one trailing message. */
export const MAX_DIAGNOSTICS = 20;

/** Drops a leading UTF-8 byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits on CRLF, LF or lone CR. `''` gives `['']`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Maps string offsets to 1-based line/column (columns in UTF-16 code units). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  pos(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** Collects diagnostics, keeping at most {@link MAX_DIAGNOSTICS} plus a summary line. */
export class Diagnostics {
  private readonly items: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.items.length < MAX_DIAGNOSTICS) this.items.push(message);
    else this.dropped++;
  }

  get count(): number {
    return this.items.length + this.dropped;
  }

  list(): string[] {
    return this.dropped > 0
      ? [...this.items, `${this.dropped} more diagnostic(s) not shown`]
      : [...this.items];
  }
}

/** A short printable description of an unknown thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0].slice(0, 160);
  return String(err).slice(0, 160);
}

/** Shortens a fragment of source for inclusion in a diagnostic. */
export function snippet(s: string, max = 40): string {
  const oneLine = s.replace(/[\r\n\t]/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
