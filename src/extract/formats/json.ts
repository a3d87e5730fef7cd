/**
 * JSON and JSONC (`//` and `/* *\/` comments, trailing commas), with the exact position of every
 * key. A small hand-written parser: positions are exact, nesting is guarded (containers deeper than
 * {@link MAX_DEPTH} are skipped iteratively with a diagnostic, so 10,000-level input cannot
 * overflow the stack) and on a syntax error the entries parsed so far are kept.
 *
 * Entries: one per scalar member/item; path = keys and array indexes as strings; `raw` is the
 * value's source text (strings: between the quotes, escapes as written).
 */
import type { Entry, ParseResult, Scalar } from './entry.js';
import { Diagnostics, LineIndex, errorMessage, stripBom } from './text.js';

const MAX_DEPTH = 200;
const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses JSON/JSONC text. Never throws. */
export function parseJson(text: string): ParseResult {
  const entries: Entry[] = [];
  const diags = new Diagnostics();
  if (typeof text !== 'string') {
    diags.add('malformed JSON: input is not text');
    return { entries, diagnostics: diags.list() };
  }
  const src = stripBom(text);
  let index: LineIndex | undefined;
  try {
    index = new LineIndex(src);
    const parser = new JsonParser(src, index, entries, diags);
    parser.parseDocument();
  } catch (err) {
    if (err instanceof JsonSyntaxError && index) {
      const at = index.pos(err.offset);
      diags.add(`malformed JSON at line ${at.line}, column ${at.column}: ${err.message}`);
    } else {
      diags.add(`malformed JSON: ${errorMessage(err)}`);
    }
  }
  return { entries, diagnostics: diags.list() };
}

class JsonParser {
  private p = 0;
  private depthWarned = false;

  constructor(
    private readonly s: string,
    private readonly index: LineIndex,
    private readonly entries: Entry[],
    private readonly diags: Diagnostics,
  ) {}

  parseDocument(): void {
    this.skipWs();
    if (this.p >= this.s.length) return; // empty or comment-only: nothing to report
    this.parseValue([], 0, null);
    this.skipWs();
    if (this.p < this.s.length)
      throw new JsonSyntaxError('unexpected content after the JSON value', this.p);
  }

  /** `keyOffset` is where the owning key starts (null for array items / the root). */
  private parseValue(path: string[], depth: number, keyOffset: number | null): void {
    const s = this.s;
    const start = this.p;
    const c = s[start];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) {
        if (!this.depthWarned) {
          this.depthWarned = true;
          const at = this.index.pos(start);
          this.diags.add(
            `JSON nested deeper than ${MAX_DEPTH} levels at line ${at.line}; deeper values skipped`,
          );
        }
        this.skipContainer();
        return;
      }
      if (c === '{') this.parseObject(path, depth);
      else this.parseArray(path, depth);
      return;
    }
    let value: Scalar;
    let raw: string;
    let quoted = false;
    if (c === '"') {
      const str = this.parseString();
      value = str.value;
      raw = str.raw;
      quoted = true;
    } else if (s.startsWith('true', start)) {
      value = true;
      raw = 'true';
      this.p += 4;
    } else if (s.startsWith('false', start)) {
      value = false;
      raw = 'false';
      this.p += 5;
    } else if (s.startsWith('null', start)) {
      value = null;
      raw = 'null';
      this.p += 4;
    } else {
      NUMBER_RE.lastIndex = start;
      const m = NUMBER_RE.exec(s);
      if (!m) {
        throw new JsonSyntaxError(
          c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`,
          start,
        );
      }
      raw = m[0];
      value = Number(raw);
      this.p += raw.length;
    }
    if (path.length === 0) return; // a bare scalar document has no key
    const keyAt = this.index.pos(keyOffset ?? start);
    const entry: Entry = { path, value, raw, quoted, line: keyAt.line, column: keyAt.column };
    if (keyOffset !== null) {
      const valueLine = this.index.pos(start).line;
      if (valueLine !== keyAt.line) entry.valueLine = valueLine;
    }
    this.entries.push(entry);
  }

  private parseObject(path: string[], depth: number): void {
    const s = this.s;
    this.p++; // {
    for (;;) {
      this.skipWs();
      if (s[this.p] === '}') {
        this.p++;
        return;
      }
      if (s[this.p] !== '"') {
        throw new JsonSyntaxError(
          this.p >= s.length ? 'unterminated object' : 'expected a quoted key or }',
          this.p,
        );
      }
      const keyOffset = this.p;
      const key = this.parseString().value;
      this.skipWs();
      if (s[this.p] !== ':') throw new JsonSyntaxError('expected : after key', this.p);
      this.p++;
      this.skipWs();
      this.parseValue([...path, key], depth + 1, keyOffset);
      this.skipWs();
      if (s[this.p] === ',') {
        this.p++;
        continue; // a trailing comma is tolerated by the } check above
      }
      if (s[this.p] === '}') {
        this.p++;
        return;
      }
      throw new JsonSyntaxError(
        this.p >= s.length ? 'unterminated object' : 'expected , or }',
        this.p,
      );
    }
  }

  private parseArray(path: string[], depth: number): void {
    const s = this.s;
    this.p++; // [
    let n = 0;
    for (;;) {
      this.skipWs();
      if (s[this.p] === ']') {
        this.p++;
        return;
      }
      if (this.p >= s.length) throw new JsonSyntaxError('unterminated array', this.p);
      this.parseValue([...path, String(n++)], depth + 1, null);
      this.skipWs();
      if (s[this.p] === ',') {
        this.p++;
        continue;
      }
      if (s[this.p] === ']') {
        this.p++;
        return;
      }
      throw new JsonSyntaxError(
        this.p >= s.length ? 'unterminated array' : 'expected , or ]',
        this.p,
      );
    }
  }

  private parseString(): { value: string; raw: string } {
    const s = this.s;
    const open = this.p;
    let p = open + 1;
    let value = '';
    let chunk = p;
    for (;;) {
      if (p >= s.length) throw new JsonSyntaxError('unterminated string', open);
      const c = s.charCodeAt(p);
      if (c === 0x22) break; // "
      if (c === 0x0a || c === 0x0d) throw new JsonSyntaxError('unterminated string', open);
      if (c === 0x5c) {
        value += s.slice(chunk, p);
        const e = s[p + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            value += e;
            break;
          case 'b':
            value += '\b';
            break;
          case 'f':
            value += '\f';
            break;
          case 'n':
            value += '\n';
            break;
          case 'r':
            value += '\r';
            break;
          case 't':
            value += '\t';
            break;
          case 'u': {
            const hex = s.slice(p + 2, p + 6);
            if (!/^[0-9A-Fa-f]{4}$/.test(hex))
              throw new JsonSyntaxError('bad \\u escape in string', p);
            value += String.fromCharCode(parseInt(hex, 16));
            p += 4;
            break;
          }
          default:
            throw new JsonSyntaxError(
              e === undefined ? 'unterminated string' : `bad escape \\${e} in string`,
              p,
            );
        }
        p += 2;
        chunk = p;
        continue;
      }
      p++;
    }
    value += s.slice(chunk, p);
    this.p = p + 1;
    return { value, raw: s.slice(open + 1, p) };
  }

  /** Whitespace and comments. */
  private skipWs(): void {
    const s = this.s;
    let p = this.p;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) {
        p++;
      } else if (c === 0x2f && s.charCodeAt(p + 1) === 0x2f) {
        // line comment
        p += 2;
        while (p < s.length && s.charCodeAt(p) !== 0x0a && s.charCodeAt(p) !== 0x0d) p++;
      } else if (c === 0x2f && s.charCodeAt(p + 1) === 0x2a) {
        const end = s.indexOf('*/', p + 2);
        if (end < 0) {
          this.p = p;
          throw new JsonSyntaxError('unterminated /* comment', p);
        }
        p = end + 2;
      } else {
        break;
      }
    }
    this.p = p;
  }

  /** Skips a too-deep container without recursion. */
  private skipContainer(): void {
    const s = this.s;
    const open = this.p;
    let depth = 0;
    while (this.p < s.length) {
      this.skipWs();
      const c = s[this.p];
      if (c === '"') {
        this.parseString();
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          this.p++;
          return;
        }
      }
      this.p++;
    }
    throw new JsonSyntaxError('unterminated array or object', open);
  }
}
