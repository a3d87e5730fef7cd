/**
 * `.env` files: `KEY=value`, `export KEY=value`, single/double/backtick quotes (double quotes
 * understand `\n`, `\r`, `\t`, `\"`, `\\`; quoted values may span lines), ` #` inline comments
 * after unquoted values, and commented-out assignments (`# KEY=value` → `commented: true`).
 * Values are never typed: `PORT=587` gives the string `'587'`.
 */
import type { Entry, ParseResult } from './entry.js';
import { COMMENTED_KEY_RE, Diagnostics, errorMessage, splitLines, stripBom } from './text.js';

const ASSIGN_RE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/;
const COMMENTED_RE = /^([ \t]*#+[ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=/;

interface ValueRead {
  value: string;
  raw: string;
  quoted: boolean;
  /** Index of the last physical line the value used. */
  lastLine: number;
  unterminated?: string;
}

type Quote = '"' | "'" | '`';

/** Parses dotenv text. Never throws. */
export function parseDotenv(text: string): ParseResult {
  const entries: Entry[] = [];
  const diags = new Diagnostics();
  try {
    if (typeof text !== 'string') {
      diags.add('malformed dotenv: input is not text');
      return { entries, diagnostics: diags.list() };
    }
    const lines = splitLines(stripBom(text));
    // Quote characters known to have no closing partner after a given line (keeps hostile
    // input with many unterminated quotes linear instead of quadratic).
    const noCloseFrom = new Map<Quote, number>();

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '') continue;

      const assign = ASSIGN_RE.exec(line);
      if (assign) {
        const keyCol = assign[1].length + (assign[2]?.length ?? 0);
        const read = readValue(lines, i, line.slice(assign[0].length), true, noCloseFrom);
        if (read.unterminated) {
          diags.add(`malformed dotenv at line ${i + 1}: unterminated ${read.unterminated} quote`);
        }
        entries.push({
          path: [assign[3]],
          value: read.value,
          raw: read.raw,
          quoted: read.quoted,
          line: i + 1,
          column: keyCol + 1,
        });
        i = read.lastLine;
        continue;
      }

      if (/^[ \t]*#/.test(line)) {
        const commented = COMMENTED_RE.exec(line);
        if (commented && COMMENTED_KEY_RE.test(commented[3])) {
          const keyCol = commented[1].length + (commented[2]?.length ?? 0);
          const read = readValue(lines, i, line.slice(commented[0].length), false, noCloseFrom);
          entries.push({
            path: [commented[3]],
            value: read.value,
            raw: read.raw,
            quoted: read.quoted,
            line: i + 1,
            column: keyCol + 1,
            commented: true,
          });
        }
        continue;
      }

      diags.add(`malformed dotenv at line ${i + 1}: expected KEY=value`);
    }
  } catch (err) {
    diags.add(`malformed dotenv: ${errorMessage(err)}`);
  }
  return { entries, diagnostics: diags.list() };
}

function readValue(
  lines: string[],
  lineIndex: number,
  rest: string,
  multiline: boolean,
  noCloseFrom: Map<Quote, number>,
): ValueRead {
  const s = rest.replace(/^[ \t]+/, '');
  const q = s[0];
  if (q === '"' || q === "'" || q === '`') {
    const known = noCloseFrom.get(q);
    const canSpan = multiline && !(known !== undefined && known <= lineIndex);
    const parts: string[] = [];
    let buf = s.slice(1);
    let cur = lineIndex;
    for (;;) {
      const close = findClose(buf, q);
      if (close >= 0) {
        parts.push(buf.slice(0, close));
        const raw = parts.join('\n');
        return { value: q === '"' ? unescapeDouble(raw) : raw, raw, quoted: true, lastLine: cur };
      }
      parts.push(buf);
      if (!canSpan || cur + 1 >= lines.length) break;
      cur++;
      buf = lines[cur];
    }
    if (canSpan) noCloseFrom.set(q, lineIndex);
    // Unterminated: take the rest of the key's line as an unquoted value.
    const value = stripInlineComment(s);
    const name = q === '"' ? 'double' : q === "'" ? 'single' : 'backtick';
    return { value, raw: value, quoted: false, lastLine: lineIndex, unterminated: name };
  }
  const value = stripInlineComment(s);
  return { value, raw: value, quoted: false, lastLine: lineIndex };
}

function findClose(s: string, q: Quote): number {
  if (q !== '"') return s.indexOf(q);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}

function stripInlineComment(s: string): string {
  const m = /[ \t]#/.exec(s);
  return (m ? s.slice(0, m.index) : s).replace(/[ \t]+$/, '');
}

function unescapeDouble(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_m, c: string) =>
    c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
  );
}
