/**
 * A small, tolerant Python tokenizer: names, numbers, strings (prefixes r/b/f/u/t and their
 * combinations, triple quotes), operators and brackets, comments, implicit line joining inside
 * brackets and backslash continuation. It groups tokens into logical lines with their indentation.
 * It never throws: an unterminated string ends at the end of its line (or of the file for triple
 * quotes), an unmatched closing bracket is an ordinary operator, and any other character is a
 * one-character operator.
 */
import { decodeEscapes } from './escapes.js';

export type PyTokenType = 'name' | 'number' | 'string' | 'op';

export interface PyToken {
  type: PyTokenType;
  /** The source text of the token. */
  text: string;
  /** Strings: the value with escapes decoded (best effort); f-strings keep their braces. */
  value?: string;
  /** Strings: the prefix in lower case (`''`, `r`, `f`, `rb`...). */
  prefix?: string;
  /** 1-based line and column of the first character. */
  line: number;
  col: number;
  /** Offsets into the source text, end exclusive. */
  start: number;
  end: number;
}

export interface PyLine {
  /** Tokens of one logical line (no NEWLINE token). */
  tokens: PyToken[];
  /** Indentation width of the line's first token (tabs to multiples of 8). */
  indent: number;
}

export interface PyComment {
  text: string;
  line: number;
  col: number;
}

export interface PyTokens {
  lines: PyLine[];
  comments: PyComment[];
}

const STRING_PREFIX = /^(?:r|u|b|f|t|br|rb|fr|rf|tr|rt)$/i;
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;
const OPS3 = ['**=', '//=', '>>=', '<<=', '...'];
const OPS2 = [
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '->',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  ':=',
  '<<',
  '>>',
  '<>',
];
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

function decodeStringEscapes(body: string): string {
  return decodeEscapes(body, SIMPLE_ESCAPES, false);
}

/** Tokenize Python source into logical lines. Never throws. */
export function tokenizePython(src: string): PyTokens {
  const lines: PyLine[] = [];
  const comments: PyComment[] = [];
  let cur: PyToken[] = [];
  let curIndent = 0;
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = src.length;
  /** Indentation of the physical line starting at `lineStart`, measured up to `upTo`. */
  const indentOf = (from: number, upTo: number): number => {
    let w = 0;
    for (let k = from; k < upTo; k++) {
      const ch = src[k];
      if (ch === '\t') w = (Math.floor(w / 8) + 1) * 8;
      else if (ch === '\f') w = 0;
      else w++;
    }
    return w;
  };
  const endLine = () => {
    if (cur.length) lines.push({ tokens: cur, indent: curIndent });
    cur = [];
    depth = 0;
  };
  const push = (t: PyToken) => {
    if (!cur.length) curIndent = indentOf(lineStart, t.start);
    cur.push(t);
  };
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      newline(i);
      i++;
      if (depth === 0 || restartsStatement(src, i)) endLine();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      let j = i;
      while (j < n && src[j] !== '\n' && src[j] !== '\r') j++;
      comments.push({ text: src.slice(i, j), line, col: i - lineStart + 1 });
      i = j;
      continue;
    }
    if (c === '\\') {
      // Backslash continuation: the logical line goes on.
      let j = i + 1;
      while (j < n && (src[j] === ' ' || src[j] === '\t')) j++;
      if (src[j] === '\r' && src[j + 1] === '\n') j++;
      if (src[j] === '\n' || src[j] === '\r') {
        newline(j);
        i = j + 1;
        continue;
      }
      push({ type: 'op', text: '\\', line, col: i - lineStart + 1, start: i, end: i + 1 });
      i++;
      continue;
    }
    const startLine = line;
    const startCol = i - lineStart + 1;
    // Names, possibly a string prefix.
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < n && NAME_PART.test(src[j])) j++;
      const word = src.slice(i, j);
      if ((src[j] === '"' || src[j] === "'") && STRING_PREFIX.test(word)) {
        const r = readString(src, j, word.toLowerCase());
        push({
          type: 'string',
          text: src.slice(i, r.end),
          value: r.value,
          prefix: word.toLowerCase(),
          line: startLine,
          col: startCol,
          start: i,
          end: r.end,
        });
        advanceLines(i, r.end);
        i = r.end;
        continue;
      }
      push({ type: 'name', text: word, line, col: startCol, start: i, end: j });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const r = readString(src, i, '');
      push({
        type: 'string',
        text: src.slice(i, r.end),
        value: r.value,
        prefix: '',
        line: startLine,
        col: startCol,
        start: i,
        end: r.end,
      });
      advanceLines(i, r.end);
      i = r.end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m =
        /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)[jJlL]?/.exec(
          src.slice(i, i + 200),
        );
      const len = Math.max(1, m ? m[0].length : 1);
      push({
        type: 'number',
        text: src.slice(i, i + len),
        line,
        col: startCol,
        start: i,
        end: i + len,
      });
      i += len;
      continue;
    }
    let op = c;
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (OPS3.includes(three)) op = three;
    else if (OPS2.includes(two)) op = two;
    else if (c >= '\ud800' && c <= '\udbff' && i + 1 < n) op = src.slice(i, i + 2);
    if (OPENERS.has(op)) depth++;
    else if (CLOSERS.has(op)) depth = Math.max(0, depth - 1);
    push({ type: 'op', text: op, line, col: startCol, start: i, end: i + op.length });
    i += op.length;
  }
  endLine();
  return { lines, comments };

  function advanceLines(from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const ch = src[k];
      if (ch === '\n' || (ch === '\r' && src[k + 1] !== '\n')) newline(k);
    }
  }
}

/**
 * Inside an unclosed bracket, a line at column 0 that can only start a statement (`def`, `class`,
 * `import`, a decorator, `UPPER_NAME = ...`) ends the broken logical line, so one syntax error does
 * not swallow the rest of the file.
 */
function restartsStatement(src: string, at: number): boolean {
  const rest = src.slice(at, at + 120);
  return /^(?:(?:def|class|import|from|async\s+def)\s|@[A-Za-z_]|[A-Z][A-Z0-9_]*\s*=[^=])/.test(
    rest,
  );
}

/** Read a string literal whose opening quote is at `q`. */
function readString(src: string, q: number, prefix: string): { end: number; value: string } {
  const quote = src[q];
  const triple = src.slice(q, q + 3) === quote.repeat(3);
  const raw = prefix.includes('r');
  const open = triple ? 3 : 1;
  let j = q + open;
  const n = src.length;
  while (j < n) {
    const ch = src[j];
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (!triple && (ch === '\n' || ch === '\r')) break;
    if (ch === quote && (!triple || src.slice(j, j + 3) === quote.repeat(3))) {
      const body = src.slice(q + open, j);
      return { end: j + open, value: raw ? body : decodeStringEscapes(body) };
    }
    j++;
  }
  j = Math.min(j, n);
  const body = src.slice(q + open, j);
  return { end: j, value: raw ? body : decodeStringEscapes(body) };
}
