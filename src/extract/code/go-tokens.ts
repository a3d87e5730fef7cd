/**
 * A small, tolerant Go tokenizer: identifiers, numbers (decimal, hex, octal, binary, floats,
 * imaginary, `_` separators), runes, interpreted and raw (backtick) strings, comments (`//`,
 * `/* *\/`), operators, and Go's automatic semicolons (a newline after an identifier, a literal,
 * `break`/`continue`/`fallthrough`/`return`, `++`/`--` or a closing bracket). It never throws: an
 * unterminated string ends at the end of its line (raw strings at the end of the file), and any
 * other character is a one-character operator.
 */
import { decodeEscapes } from './escapes.js';

export type GoTokenType = 'ident' | 'number' | 'rune' | 'string' | 'op' | 'semi';

export interface GoToken {
  type: GoTokenType;
  text: string;
  /** Strings: the value with escapes decoded (best effort). */
  value?: string;
  line: number;
  col: number;
  start: number;
  end: number;
  /** A semicolon inserted at a newline (or the end of the file). */
  auto?: boolean;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{Nd}_]/u;
const OPS3 = ['<<=', '>>=', '&^=', '...'];
const OPS2 = [
  '&&',
  '||',
  '<-',
  '++',
  '--',
  '==',
  '!=',
  '<=',
  '>=',
  ':=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '<<',
  '>>',
  '&^',
];
const SEMI_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function decode(body: string): string {
  return decodeEscapes(body, ESCAPES, true);
}

function triggersSemi(t: GoToken | undefined): boolean {
  if (!t) return false;
  if (t.type === 'ident') return SEMI_KEYWORDS.has(t.text) || !NON_SEMI_KEYWORDS.has(t.text);
  if (t.type === 'number' || t.type === 'rune' || t.type === 'string') return true;
  return (
    t.type === 'op' &&
    (t.text === ')' || t.text === ']' || t.text === '}' || t.text === '++' || t.text === '--')
  );
}

const NON_SEMI_KEYWORDS = new Set([
  'case',
  'chan',
  'const',
  'default',
  'defer',
  'else',
  'for',
  'func',
  'go',
  'goto',
  'if',
  'import',
  'interface',
  'map',
  'package',
  'range',
  'select',
  'struct',
  'switch',
  'type',
  'var',
]);

/** Tokenize Go source. Never throws. */
export function tokenizeGo(src: string): GoToken[] {
  const out: GoToken[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = src.length;
  const semi = (at: number) => {
    if (triggersSemi(out[out.length - 1]))
      out.push({
        type: 'semi',
        text: ';',
        line,
        col: at - lineStart + 1,
        start: at,
        end: at,
        auto: true,
      });
  };
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (src[k] === '\n') {
        line++;
        lineStart = k + 1;
      } else if (src[k] === '\r' && src[k + 1] !== '\n') {
        line++;
        lineStart = k + 1;
      }
    }
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n' || c === '\r') {
      semi(i);
      if (c === '\r' && src[i + 1] === '\n') i++;
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\ufeff' || c === '\u00a0') {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      const body = src.slice(i, end);
      if (/[\n\r]/.test(body)) semi(i);
      countLines(i, end);
      i = end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(src[j])) j++;
      out.push({ type: 'ident', text: src.slice(i, j), line, col, start: i, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m =
        /^(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[oObB][0-9_]+|[0-9][0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?|\.[0-9_]+(?:[eE][+-]?[0-9_]+)?)i?/.exec(
          src.slice(i, i + 200),
        );
      const len = Math.max(1, m ? m[0].length : 1);
      out.push({ type: 'number', text: src.slice(i, i + len), line, col, start: i, end: i + len });
      i += len;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      // A line end always ends an interpreted string or rune, even after a backslash.
      while (j < n && src[j] !== c && src[j] !== '\n' && src[j] !== '\r')
        j += src[j] === '\\' && src[j + 1] !== '\n' && src[j + 1] !== '\r' ? 2 : 1;
      j = Math.min(j, n);
      const closed = src[j] === c;
      const end = closed ? j + 1 : j;
      const body = src.slice(i + 1, j);
      out.push({
        type: c === '"' ? 'string' : 'rune',
        text: src.slice(i, end),
        value: decode(body),
        line,
        col,
        start: i,
        end,
      });
      i = end;
      continue;
    }
    if (c === '`') {
      const close = src.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      const body = src.slice(i + 1, close < 0 ? n : close).replace(/\r/g, '');
      out.push({ type: 'string', text: src.slice(i, end), value: body, line, col, start: i, end });
      countLines(i, end);
      i = end;
      continue;
    }
    let op = c;
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (OPS3.includes(three)) op = three;
    else if (OPS2.includes(two)) op = two;
    else if (c >= '\ud800' && c <= '\udbff' && i + 1 < n) op = src.slice(i, i + 2);
    if (op === ';') out.push({ type: 'semi', text: ';', line, col, start: i, end: i + 1 });
    else out.push({ type: 'op', text: op, line, col, start: i, end: i + op.length });
    i += op.length;
  }
  semi(n);
  return out;
}
