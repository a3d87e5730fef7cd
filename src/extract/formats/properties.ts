/**
 * Java `.properties` (the `java.util.Properties.load` rules): `key=value`, `key: value`,
 * `key value`, `#`/`!` comment lines (a commented `key=value`/`key: value` gives an entry with
 * `commented: true`), trailing-backslash line continuation (continuation lines lose leading
 * whitespace), and escapes `\:`, `\=`, `\ `, `\t`, `\n`, `\uXXXX`. Path is the unescaped key split
 * on `.`. `raw` is the value text with continuations joined but escapes left as written.
 */
import type { Entry, ParseResult } from './entry.js';
import { Diagnostics, errorMessage, splitLines, stripBom } from './text.js';

const WS = new Set([' ', '\t', '\f']);
const COMMENTED_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

interface Piece {
  start: number;
  line: number;
}

/** Parses .properties text. Never throws. */
export function parseProperties(text: string): ParseResult {
  const entries: Entry[] = [];
  const diags = new Diagnostics();
  try {
    if (typeof text !== 'string') {
      diags.add('malformed properties: input is not text');
      return { entries, diagnostics: diags.list() };
    }
    const lines = splitLines(stripBom(text));
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const ws = leadingWs(line);
      if (ws === line.length) continue;

      const first = line[ws];
      if (first === '#' || first === '!') {
        let p = ws;
        while (p < line.length && (line[p] === '#' || line[p] === '!')) p++;
        while (p < line.length && WS.has(line[p])) p++;
        const content = line.slice(p);
        const kv = splitKeyValue(content);
        if (kv.explicitSeparator && COMMENTED_KEY_RE.test(kv.keyRaw)) {
          entries.push({
            path: kv.keyRaw.split('.'),
            value: unescape(content.slice(kv.valueStart), i + 1, null),
            raw: content.slice(kv.valueStart),
            quoted: false,
            line: i + 1,
            column: p + 1,
            commented: true,
          });
        }
        continue;
      }

      // Build the logical line.
      const pieces: Piece[] = [{ start: 0, line: i + 1 }];
      let logical = '';
      let natural = line.slice(ws);
      let cur = i;
      for (;;) {
        if (endsWithOddBackslashes(natural)) {
          logical += natural.slice(0, -1);
          if (cur + 1 >= lines.length) break;
          cur++;
          const next = lines[cur];
          natural = next.slice(leadingWs(next));
          pieces.push({ start: logical.length, line: cur + 1 });
        } else {
          logical += natural;
          break;
        }
      }
      i = cur;

      const kv = splitKeyValue(logical);
      const key = unescape(kv.keyRaw, pieces[0].line, diags);
      const raw = logical.slice(kv.valueStart);
      const entry: Entry = {
        path: key.split('.'),
        value: unescape(raw, lineAt(pieces, kv.valueStart), diags),
        raw,
        quoted: false,
        line: pieces[0].line,
        column: ws + 1,
      };
      if (raw !== '') {
        const vLine = lineAt(pieces, kv.valueStart);
        if (vLine !== entry.line) entry.valueLine = vLine;
      }
      entries.push(entry);
    }
  } catch (err) {
    diags.add(`malformed properties: ${errorMessage(err)}`);
  }
  return { entries, diagnostics: diags.list() };
}

function leadingWs(s: string): number {
  let p = 0;
  while (p < s.length && WS.has(s[p])) p++;
  return p;
}

function endsWithOddBackslashes(s: string): boolean {
  let n = 0;
  for (let p = s.length - 1; p >= 0 && s[p] === '\\'; p--) n++;
  return n % 2 === 1;
}

function lineAt(pieces: Piece[], offset: number): number {
  let line = pieces[0].line;
  for (const p of pieces) {
    if (p.start <= offset) line = p.line;
    else break;
  }
  return line;
}

/** Key ends at the first unescaped `=`, `:` or whitespace; then optional whitespace, one separator, whitespace. */
function splitKeyValue(s: string): {
  keyRaw: string;
  valueStart: number;
  explicitSeparator: boolean;
} {
  let p = 0;
  while (p < s.length) {
    const c = s[p];
    if (c === '\\') p += 2;
    else if (c === '=' || c === ':' || WS.has(c)) break;
    else p++;
  }
  const keyEnd = Math.min(p, s.length);
  while (p < s.length && WS.has(s[p])) p++;
  let explicitSeparator = false;
  if (p < s.length && (s[p] === '=' || s[p] === ':')) {
    explicitSeparator = true;
    p++;
    while (p < s.length && WS.has(s[p])) p++;
  }
  return { keyRaw: s.slice(0, keyEnd), valueStart: p, explicitSeparator };
}

function unescape(s: string, line: number, diags: Diagnostics | null): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let p = 0; p < s.length; p++) {
    const c = s[p];
    if (c !== '\\') {
      out += c;
      continue;
    }
    p++;
    if (p >= s.length) break;
    const e = s[p];
    if (e === 'u') {
      const hex = s.slice(p + 1, p + 5);
      if (/^[0-9A-Fa-f]{4}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        p += 4;
      } else {
        diags?.add(`malformed properties at line ${line}: bad \\u escape "\\u${hex}"`);
        out += 'u';
      }
    } else if (e === 't') out += '\t';
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 'f') out += '\f';
    else out += e;
  }
  return out;
}
