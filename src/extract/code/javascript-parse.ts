/**
 * Parsing JavaScript/TypeScript for the reader, never throwing: Babel with error recovery, the
 * other plugin set when the first fails, then blanking the offending line (offsets and line
 * numbers stay put) a bounded number of times; and, for a file nothing parses, a text scan that
 * parses each `createTransport(...)` call (and the object literal an identifier argument names)
 * on its own.
 */
import type { ParserOptions, ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { babelParser } from './parsers.js';

type Dialect = 'ts' | 'tsx' | 'js';

const SETS: Record<Dialect, ParserPlugin[][]> = {
  ts: [
    ['typescript', 'decorators-legacy'],
    ['jsx', 'decorators-legacy'],
  ],
  tsx: [
    ['typescript', 'jsx', 'decorators-legacy'],
    ['typescript', 'decorators-legacy'],
  ],
  js: [
    ['jsx', 'decorators-legacy'],
    ['typescript', 'decorators-legacy'],
  ],
};

const BASE: ParserOptions = {
  sourceType: 'unambiguous',
  errorRecovery: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowUndeclaredExports: true,
  allowSuperOutsideMethod: true,
  allowNewTargetOutsideFunction: true,
  attachComment: false,
};

function dialectOf(file: string): Dialect {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() ?? 'js';
  if (ext === 'tsx') return 'tsx';
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return 'ts';
  return 'js';
}

export function pluginsFor(file: string): ParserPlugin[] {
  return SETS[dialectOf(file)][0];
}

interface Attempt {
  ast?: t.File;
  pos?: number;
  message?: string;
}

function attempt(text: string, plugins: ParserPlugin[]): Attempt {
  try {
    return { ast: babelParser().parse(text, { ...BASE, plugins }) as unknown as t.File };
  } catch (err) {
    const e = err as { pos?: unknown; message?: unknown; loc?: { index?: unknown } };
    const pos =
      typeof e.pos === 'number'
        ? e.pos
        : typeof e.loc?.index === 'number'
          ? e.loc.index
          : undefined;
    return { pos, message: typeof e.message === 'string' ? e.message : String(err) };
  }
}

export interface Parsed {
  ast?: t.File;
  /** The text the AST's offsets refer to: the input, with skipped lines blanked. */
  text: string;
  /** 1-based lines blanked to get past fatal syntax errors. */
  skipped: number[];
  /** The first fatal error, when the file did not parse as written. */
  error?: string;
}

function lineBounds(text: string, pos: number): [number, number, number] {
  const p = Math.max(0, Math.min(pos, text.length));
  let a = p;
  while (a > 0 && text[a - 1] !== '\n' && text[a - 1] !== '\r') a--;
  let b = p;
  while (b < text.length && text[b] !== '\n' && text[b] !== '\r') b++;
  let line = 1;
  for (let i = 0; i < a; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return [a, b, line];
}

/** Parse a module; on fatal errors, the other plugin set, then blank offending lines (bounded). */
export function parseModule(file: string, text: string): Parsed {
  const sets = SETS[dialectOf(file)];
  let plugins = sets[0];
  let cur = text;
  const skipped: number[] = [];
  // Bound the work: about 8 MB of parsing and at most 16 retries (a 1 MiB file gets 5).
  const retries = Math.max(1, Math.min(16, Math.floor(8_000_000 / Math.max(1, text.length)) - 2));
  let firstError: string | undefined;
  for (let i = 0; i <= retries; i++) {
    let r = attempt(cur, plugins);
    if (r.ast) return { ast: r.ast, text: cur, skipped, error: firstError };
    if (i === 0) {
      firstError = r.message;
      const alt = attempt(cur, sets[1]);
      if (alt.ast) return { ast: alt.ast, text: cur, skipped };
      if ((alt.pos ?? -1) > (r.pos ?? -1)) {
        plugins = sets[1];
        r = alt;
      }
    }
    if (r.pos === undefined) break;
    const [a, b, line] = lineBounds(cur, r.pos);
    if (cur.slice(a, b).trim() === '') break; // no progress possible (an error at the end)
    cur = cur.slice(0, a) + ' '.repeat(b - a) + cur.slice(b);
    skipped.push(line);
  }
  return { text, skipped: [], error: firstError };
}

/** Comment and string ranges of a text, by a small lexer (regex literals approximated). */
export function lexRanges(text: string): {
  comments: [number, number][];
  strings: [number, number][];
} {
  const comments: [number, number][] = [];
  const strings: [number, number][] = [];
  const n = text.length;
  let prev = '';
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      let e = i + 2;
      while (e < n && text[e] !== '\n' && text[e] !== '\r') e++;
      comments.push([i, e]);
      i = e;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      comments.push([i, end]);
      i = end;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let e = i + 1;
      while (e < n && text[e] !== c) {
        if (text[e] === '\\') e++;
        else if (c !== '`' && (text[e] === '\n' || text[e] === '\r')) break;
        e++;
      }
      strings.push([i, Math.min(n, e + 1)]);
      i = e + 1;
      prev = c;
      continue;
    }
    if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
      let e = i + 1;
      let cls = false;
      while (e < n && text[e] !== '\n' && text[e] !== '\r') {
        const d = text[e];
        if (d === '\\') e++;
        else if (d === '[') cls = true;
        else if (d === ']') cls = false;
        else if (d === '/' && !cls) break;
        e++;
      }
      strings.push([i, Math.min(n, e + 1)]);
      i = e + 1;
      prev = '/';
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') prev = c;
    i++;
  }
  return { comments, strings };
}

function inRanges(ranges: [number, number][], pos: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid];
    if (pos < a) hi = mid - 1;
    else if (pos >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

const MAX_SPAN = 200_000;

/** The index of the bracket closing the one at `open` (strings and comments skipped), or -1. */
export function closing(text: string, open: number): number {
  const stack: string[] = [];
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const end = Math.min(text.length, open + MAX_SPAN);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return -1;
      i = e + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let e = i + 1;
      while (e < end && text[e] !== c) {
        if (text[e] === '\\') e++;
        e++;
      }
      i = e;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function expression(
  text: string,
  start: number,
  end: number,
  plugins: ParserPlugin[],
): t.Node | undefined {
  try {
    return babelParser().parseExpression(text.slice(start, end), {
      ...BASE,
      sourceType: 'module',
      startIndex: start,
      plugins,
    }) as unknown as t.Node;
  } catch {
    return undefined;
  }
}

export interface Scanned {
  calls: t.Node[];
  decls: { name: string; init: t.Node }[];
}

const CALL_RE = /\bcreateTransport\s*\(/g;

/** Offsets of `createTransport(` outside comments and strings. */
export function transportCallOffsets(text: string): number[] {
  const { comments, strings } = lexRanges(text);
  const out: number[] = [];
  for (const m of text.matchAll(CALL_RE)) {
    const at = m.index ?? 0;
    if (!inRanges(comments, at) && !inRanges(strings, at)) out.push(at);
  }
  return out;
}

/**
 * The text scan for a file Babel cannot read: each `createTransport(...)` call at `offsets`
 * parsed alone, and for an identifier argument, the `const NAME = {...}` / string it names.
 */
export function scanCalls(file: string, text: string, offsets: number[]): Scanned {
  const plugins = pluginsFor(file);
  const out: Scanned = { calls: [], decls: [] };
  const wanted = new Set<string>();
  for (const at of offsets.slice(0, 50)) {
    const open = text.indexOf('(', at);
    const close = open < 0 ? -1 : closing(text, open);
    if (close < 0) continue;
    const node = expression(text, at, close + 1, plugins);
    if (!node || (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression'))
      continue;
    out.calls.push(node);
    const a = node.arguments[0];
    if (a?.type === 'Identifier') wanted.add(a.name);
  }
  for (const name of wanted) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    const re = new RegExp(
      `\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::[^=;\\n]{0,200})?=\\s*`,
      'g',
    );
    const m = re.exec(text);
    if (!m) continue;
    const start = m.index + m[0].length;
    const c = text[start];
    let end = -1;
    if (c === '{') end = closing(text, start);
    else if (c === "'" || c === '"' || c === '`') {
      end = start + 1;
      while (end < text.length && text[end] !== c) end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) end = -1;
    }
    if (end < 0) continue;
    const init = expression(text, start, end + 1, plugins);
    if (init) out.decls.push({ name, init });
  }
  return out;
}
