/**
 * The Python reader: Django settings (`EMAIL_*` assignments, django-environ `EMAIL_URL`, custom
 * backends that switch verification off) and plain smtplib (`SMTP`/`SMTP_SSL` with `starttls()`,
 * `login()`, `connect()` on the same variable). SEMANTICS.md §5.
 *
 * On top of the tolerant tokenizer (python-tokens.ts) sits a small expression reader that knows
 * literals, names, attribute access, calls, subscripts, tuples/lists, unary and binary operators
 * and conditional expressions; anything else is an opaque node, and a statement it cannot read is
 * skipped. Values follow THE VALUE CONVENTION of ./common.ts.
 */
import { matchBrackets } from './brackets.js';
import type { Location, Observation, Origin } from '../../model.js';
import type { Draft } from '../build.js';
import { djangoEnv } from '../ecosystems/env-families.js';
import { dsnEndpoint } from '../ecosystems/dsn.js';
import { Group } from '../ecosystems/group.js';
import {
  smtplibDraft,
  type ContextInfo,
  type SmtplibConnection,
  type StartTlsInfo,
} from '../ecosystems/smtplib.js';
import type { Entry, Scalar } from '../formats/entry.js';
import { parseBool } from '../values.js';
import { codeEntry, emptyResult, envRef, opaque, type CodeResult } from './common.js';
import { tokenizePython, type PyToken } from './python-tokens.js';

// ---------------------------------------------------------------------------------------------
// Expressions

interface Span {
  a: PyToken;
  b: PyToken;
}

type PyNode =
  | (Span & { t: 'name'; id: string })
  | (Span & { t: 'str'; value: string; f: boolean })
  | (Span & { t: 'num'; value: number })
  | (Span & { t: 'const'; value: boolean | null })
  | (Span & { t: 'attr'; obj: PyNode; name: string; nameTok: PyToken })
  | (Span & { t: 'call'; fn: PyNode; args: PyArg[] })
  | (Span & { t: 'index'; obj: PyNode; index: PyNode })
  | (Span & { t: 'seq'; items: PyNode[] })
  | (Span & { t: 'unary'; op: string; arg: PyNode })
  | (Span & { t: 'bin'; op: string; left: PyNode; right: PyNode })
  | (Span & { t: 'ifexp'; body: PyNode; test: PyNode; orelse: PyNode })
  | (Span & { t: 'other' });

interface PyArg {
  name?: string;
  star?: string;
  value: PyNode;
}

const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

const COMPARE = new Set(['<', '>', '==', '>=', '<=', '!=', '<>', 'in', 'is']);
const BINARY_LEVELS: string[][] = [
  ['|'],
  ['^'],
  ['&'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '//', '%', '@'],
];
const MAX_DEPTH = 60;

class ExprParser {
  private depth = 0;
  constructor(
    private readonly toks: PyToken[],
    private readonly match: number[],
    public i: number,
    private readonly end: number,
  ) {}

  private peek(k = 0): PyToken | undefined {
    const j = this.i + k;
    return j < this.end ? this.toks[j] : undefined;
  }

  private isOp(t: PyToken | undefined, text: string): boolean {
    return !!t && t.type === 'op' && t.text === text;
  }

  private isWord(t: PyToken | undefined, text: string): boolean {
    return !!t && t.type === 'name' && t.text === text;
  }

  private other(from: number, to: number): PyNode {
    const a = this.toks[Math.min(from, this.toks.length - 1)];
    const b = this.toks[Math.max(from, Math.min(to, this.toks.length - 1))];
    return { t: 'other', a, b };
  }

  /** The index one past the bracket group starting at `i` (the end when unmatched). */
  private after(i: number): number {
    const m = this.match[i];
    return m > i && m < this.end ? m + 1 : this.end;
  }

  /** Skip the rest of the range as an opaque node. */
  private swallow(from: number): PyNode {
    const to = Math.max(from, this.end - 1);
    this.i = this.end;
    return this.other(from, to);
  }

  expr(): PyNode | undefined {
    const start = this.i;
    if (start >= this.end) return undefined;
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return this.swallow(start);
    }
    try {
      if (this.isWord(this.peek(), 'lambda')) {
        // lambda params: body — opaque.
        while (this.i < this.end && !this.isOp(this.peek(), ':')) {
          const t = this.peek();
          this.i = t && t.type === 'op' && '([{'.includes(t.text) ? this.after(this.i) : this.i + 1;
        }
        this.i++;
        this.expr();
        return this.other(start, this.i - 1);
      }
      if (this.isWord(this.peek(), 'yield') || this.isWord(this.peek(), 'await')) {
        this.i++;
        const inner = this.expr();
        return inner ?? this.other(start, start);
      }
      const body = this.orExpr();
      if (!body) return undefined;
      if (this.isWord(this.peek(), 'if')) {
        const save = this.i;
        this.i++;
        const test = this.orExpr();
        if (test && this.isWord(this.peek(), 'else')) {
          this.i++;
          const orelse = this.expr();
          if (orelse)
            return { t: 'ifexp', body, test, orelse, a: body.a, b: this.toks[this.i - 1] };
        }
        this.i = save;
      }
      return body;
    } finally {
      this.depth--;
    }
  }

  private orExpr(): PyNode | undefined {
    return this.boolChain('or', () => this.andExpr());
  }

  private andExpr(): PyNode | undefined {
    return this.boolChain('and', () => this.notExpr());
  }

  private boolChain(op: string, next: () => PyNode | undefined): PyNode | undefined {
    let left = next();
    if (!left) return undefined;
    while (this.isWord(this.peek(), op)) {
      const save = this.i;
      this.i++;
      const right = next();
      if (!right) {
        this.i = save;
        break;
      }
      left = { t: 'bin', op, left, right, a: left.a, b: right.b };
    }
    return left;
  }

  private notExpr(): PyNode | undefined {
    const t = this.peek();
    if (this.isWord(t, 'not') && t) {
      if (++this.depth > MAX_DEPTH) {
        this.depth--;
        return this.swallow(this.i);
      }
      try {
        this.i++;
        const arg = this.notExpr();
        if (!arg) return this.other(this.i - 1, this.i - 1);
        return { t: 'unary', op: 'not', arg, a: t, b: arg.b };
      } finally {
        this.depth--;
      }
    }
    return this.comparison();
  }

  private comparison(): PyNode | undefined {
    let left = this.binary(0);
    if (!left) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t) break;
      let op: string | undefined;
      let width = 1;
      if (t.type === 'op' && COMPARE.has(t.text)) op = t.text;
      else if (t.type === 'name' && t.text === 'in') op = 'in';
      else if (t.type === 'name' && t.text === 'is') {
        op = this.isWord(this.peek(1), 'not') ? 'is not' : 'is';
        width = op === 'is' ? 1 : 2;
      } else if (t.type === 'name' && t.text === 'not' && this.isWord(this.peek(1), 'in')) {
        op = 'not in';
        width = 2;
      }
      if (!op) break;
      const save = this.i;
      this.i += width;
      const right = this.binary(0);
      if (!right) {
        this.i = save;
        break;
      }
      left = { t: 'bin', op, left, right, a: left.a, b: right.b };
    }
    return left;
  }

  private binary(level: number): PyNode | undefined {
    if (level >= BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    if (!left) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'op' || !BINARY_LEVELS[level].includes(t.text)) break;
      const save = this.i;
      this.i++;
      const right = this.binary(level + 1);
      if (!right) {
        this.i = save;
        break;
      }
      left = { t: 'bin', op: t.text, left, right, a: left.a, b: right.b };
    }
    return left;
  }

  private unary(): PyNode | undefined {
    const t = this.peek();
    if (t && t.type === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      if (++this.depth > MAX_DEPTH) {
        this.depth--;
        return this.swallow(this.i);
      }
      try {
        this.i++;
        const arg = this.unary();
        if (!arg) {
          this.i--;
          return undefined;
        }
        return { t: 'unary', op: t.text, arg, a: t, b: arg.b };
      } finally {
        this.depth--;
      }
    }
    return this.power();
  }

  private power(): PyNode | undefined {
    const base = this.primary();
    if (!base) return undefined;
    if (this.isOp(this.peek(), '**')) {
      const save = this.i;
      this.i++;
      const exp = this.unary();
      if (!exp) {
        this.i = save;
        return base;
      }
      return { t: 'bin', op: '**', left: base, right: exp, a: base.a, b: exp.b };
    }
    return base;
  }

  private primary(): PyNode | undefined {
    let node = this.atom();
    if (!node) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'op') break;
      if (t.text === '.') {
        const nameTok = this.peek(1);
        if (!nameTok || nameTok.type !== 'name') break;
        this.i += 2;
        node = { t: 'attr', obj: node, name: nameTok.text, nameTok, a: node.a, b: nameTok };
      } else if (t.text === '(') {
        const open = this.i;
        const close = this.after(open);
        const args = this.args(open + 1, this.match[open] > open ? this.match[open] : close);
        this.i = close;
        node = { t: 'call', fn: node, args, a: node.a, b: this.toks[close - 1] };
      } else if (t.text === '[') {
        const open = this.i;
        const close = this.after(open);
        const inner = this.sub(open + 1, this.match[open] > open ? this.match[open] : close);
        this.i = close;
        node = {
          t: 'index',
          obj: node,
          index: inner ?? this.other(open, close - 1),
          a: node.a,
          b: this.toks[close - 1],
        };
      } else break;
    }
    return node;
  }

  /** Parse `[from, to)` as one expression; undefined unless it consumes the whole range. */
  private sub(from: number, to: number): PyNode | undefined {
    if (from >= to) return undefined;
    const p = new ExprParser(this.toks, this.match, from, to);
    p.depth = this.depth;
    const node = p.exprList();
    if (!node || p.i !== to) return undefined;
    return node;
  }

  /** A comma-separated list (a tuple when there is a comma). */
  exprList(): PyNode | undefined {
    const first = this.starred();
    if (!first) return undefined;
    if (!this.isOp(this.peek(), ',')) return first;
    const items = [first];
    let last: PyToken = first.b;
    while (this.isOp(this.peek(), ',')) {
      last = this.toks[this.i];
      this.i++;
      const next = this.starred();
      if (!next) break;
      items.push(next);
      last = next.b;
    }
    return { t: 'seq', items, a: first.a, b: last };
  }

  private starred(): PyNode | undefined {
    const t = this.peek();
    if (t && t.type === 'op' && (t.text === '*' || t.text === '**')) {
      this.i++;
      const inner = this.expr();
      return inner ? { t: 'other', a: t, b: inner.b } : undefined;
    }
    // Walrus inside brackets: `(x := value)` reads as the value.
    if (t && t.type === 'name' && this.isOp(this.peek(1), ':=')) {
      this.i += 2;
      return this.expr();
    }
    return this.expr();
  }

  private atom(): PyNode | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.type === 'name') {
      if (t.text === 'True' || t.text === 'False' || t.text === 'None') {
        this.i++;
        return { t: 'const', value: t.text === 'None' ? null : t.text === 'True', a: t, b: t };
      }
      if (KEYWORDS.has(t.text)) return undefined;
      this.i++;
      return { t: 'name', id: t.text, a: t, b: t };
    }
    if (t.type === 'number') {
      this.i++;
      const clean = t.text.replace(/_/g, '').replace(/[jJlL]$/, '');
      const v = /^0[oO]/.test(clean)
        ? parseInt(clean.slice(2), 8)
        : /^0[bB]/.test(clean)
          ? parseInt(clean.slice(2), 2)
          : Number(clean);
      return { t: 'num', value: Number.isFinite(v) ? v : NaN, a: t, b: t };
    }
    if (t.type === 'string') {
      let value = '';
      let f = false;
      let b = t;
      while (this.peek()?.type === 'string') {
        const s = this.peek() as PyToken;
        value += s.value ?? '';
        if (/[ft]/.test(s.prefix ?? '') && /[{}]/.test(s.value ?? '')) f = true;
        b = s;
        this.i++;
      }
      return { t: 'str', value, f, a: t, b };
    }
    if (t.type === 'op') {
      if (t.text === '(' || t.text === '[' || t.text === '{') {
        const open = this.i;
        const close = this.after(open);
        const inner = this.match[open] > open ? this.match[open] : close;
        this.i = close;
        const last = this.toks[close - 1];
        if (t.text === '{') return { t: 'other', a: t, b: last };
        if (inner === open + 1) return { t: 'seq', items: [], a: t, b: last };
        // Comprehensions and generator expressions are opaque.
        for (let k = open + 1; k < inner; k++) {
          const tk = this.toks[k];
          if (tk.type === 'name' && tk.text === 'for') return { t: 'other', a: t, b: last };
          if (tk.type === 'op' && '([{'.includes(tk.text) && this.match[k] > k) k = this.match[k];
        }
        const p = new ExprParser(this.toks, this.match, open + 1, inner);
        p.depth = this.depth;
        const node = p.exprList();
        if (!node || p.i !== inner) return { t: 'other', a: t, b: last };
        const trailingComma = this.isOp(this.toks[inner - 1], ',');
        if (t.text === '[' || node.t === 'seq' || trailingComma) {
          const items = node.t === 'seq' ? node.items : [node];
          return { t: 'seq', items, a: t, b: last };
        }
        return node;
      }
      if (t.text === '...') {
        this.i++;
        return { t: 'other', a: t, b: t };
      }
    }
    return undefined;
  }

  /** Call arguments in `[from, to)`. */
  private args(from: number, to: number): PyArg[] {
    const out: PyArg[] = [];
    let k = from;
    while (k < to) {
      // The piece up to the next top-level comma.
      let e = k;
      while (e < to && !this.isOp(this.toks[e], ',')) {
        const tk = this.toks[e];
        e =
          tk.type === 'op' && '([{'.includes(tk.text) && this.match[e] > e
            ? this.match[e] + 1
            : e + 1;
      }
      const end = Math.min(e, to);
      if (end > k) out.push(this.arg(k, end));
      k = end + 1;
    }
    return out;
  }

  private arg(from: number, to: number): PyArg {
    const t = this.toks[from];
    const whole = (): PyNode => this.other(from, to - 1);
    let hasFor = false;
    for (let k = from; k < to; k++) {
      const tk = this.toks[k];
      if (tk.type === 'name' && tk.text === 'for') hasFor = true;
      if (tk.type === 'op' && '([{'.includes(tk.text) && this.match[k] > k) k = this.match[k];
    }
    if (hasFor) return { value: whole() };
    if (t.type === 'op' && (t.text === '*' || t.text === '**'))
      return { star: t.text, value: this.sub(from + 1, to) ?? whole() };
    if (t.type === 'name' && this.isOp(this.toks[from + 1], '=') && from + 1 < to)
      return { name: t.text, value: this.sub(from + 2, to) ?? this.other(from + 2, to - 1) };
    return { value: this.sub(from, to) ?? whole() };
  }
}

/** Parse `[from, to)` of a token list as an expression list; undefined unless fully consumed. */
function parseRange(
  toks: PyToken[],
  match: number[],
  from: number,
  to: number,
): PyNode | undefined {
  if (from >= to) return undefined;
  const p = new ExprParser(toks, match, from, to);
  const node = p.exprList();
  if (!node) return undefined;
  if (p.i !== to) return { t: 'other', a: toks[from], b: toks[to - 1] };
  return node;
}

/** `a.b.c` for names and attribute chains, else undefined. */
function dotted(n: PyNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.t === 'name') return n.id;
  if (n.t === 'attr') {
    const o = dotted(n.obj);
    return o === undefined ? undefined : `${o}.${n.name}`;
  }
  return undefined;
}

function children(n: PyNode): PyNode[] {
  switch (n.t) {
    case 'attr':
      return [n.obj];
    case 'call':
      return [n.fn, ...n.args.map((a) => a.value)];
    case 'index':
      return [n.obj, n.index];
    case 'seq':
      return n.items;
    case 'unary':
      return [n.arg];
    case 'bin':
      return [n.left, n.right];
    case 'ifexp':
      return [n.body, n.test, n.orelse];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

interface Block {
  kind: string;
  indent: number;
  stmt: Stmt;
}

interface Stmt {
  kind: 'assign' | 'augassign' | 'with' | 'expr' | 'import' | 'header' | 'other';
  /** Enclosing blocks, outermost first. */
  blocks: Block[];
  first: PyToken;
  pos: number;
  targets?: PyNode[];
  value?: PyNode;
  items?: { ctx: PyNode; as?: PyNode }[];
  keyword?: string;
  test?: PyNode;
  name?: string;
  nameTok?: PyToken;
  bases?: PyArg[];
  imports?: { module: string; name?: string; alias: string }[];
}

const COMPOUND = new Set([
  'if',
  'elif',
  'else',
  'for',
  'while',
  'with',
  'try',
  'except',
  'finally',
  'def',
  'class',
  'async',
  'match',
  'case',
]);

function isOpTok(t: PyToken | undefined, text: string): boolean {
  return !!t && t.type === 'op' && t.text === text;
}

/** Top-level positions of an operator in `[from, to)`. */
function topLevel(
  toks: PyToken[],
  match: number[],
  from: number,
  to: number,
  op: string,
): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.type !== 'op') continue;
    if ('([{'.includes(t.text) && match[k] > k) {
      k = match[k];
      continue;
    }
    if (t.text === op) out.push(k);
  }
  return out;
}

function readStatements(src: string): Stmt[] {
  const { lines } = tokenizePython(src);
  const out: Stmt[] = [];
  const stack: Block[] = [];
  for (const line of lines) {
    const toks = line.tokens;
    const match = matchBrackets(toks);
    while (stack.length && stack[stack.length - 1].indent >= line.indent) stack.pop();
    splitLine(toks, match, 0, toks.length, line.indent, stack, out);
  }
  return out;
}

function splitLine(
  toks: PyToken[],
  match: number[],
  from: number,
  to: number,
  indent: number,
  stack: Block[],
  out: Stmt[],
): void {
  if (from >= to) return;
  const first = toks[from];
  const blocks = (): Block[] => [...stack];
  if (first.type === 'op' && first.text === '@') return; // decorator
  let kw = first.type === 'name' && COMPOUND.has(first.text) ? first.text : undefined;
  if (kw === 'async') kw = toks[from + 1]?.text;
  if ((kw === 'match' || kw === 'case') && !isOpTok(toks[to - 1], ':')) kw = undefined;
  if (kw && COMPOUND.has(kw)) {
    // The header ends at the first top-level ':' (lambdas inside headers are rare).
    let colon = -1;
    for (let k = from + 1; k < to; k++) {
      const t = toks[k];
      if (t.type !== 'op') continue;
      if ('([{'.includes(t.text) && match[k] > k) {
        k = match[k];
        continue;
      }
      if (t.text === ':') {
        colon = k;
        break;
      }
    }
    if (colon < 0) return;
    const stmt: Stmt = { kind: 'header', blocks: blocks(), first, pos: first.start, keyword: kw };
    const headStart = first.text === 'async' ? from + 2 : from + 1;
    if (kw === 'if' || kw === 'elif' || kw === 'while') {
      stmt.test = parseRange(toks, match, headStart, colon);
    } else if (kw === 'def' || kw === 'class') {
      const nameTok = toks[headStart];
      if (nameTok?.type === 'name') {
        stmt.name = nameTok.text;
        stmt.nameTok = nameTok;
      }
      if (kw === 'class' && isOpTok(toks[headStart + 1], '(')) {
        const call = parseRange(toks, match, headStart, colon);
        if (call?.t === 'call') stmt.bases = call.args;
      }
    } else if (kw === 'with') {
      stmt.kind = 'with';
      stmt.items = withItems(toks, match, headStart, colon);
    }
    out.push(stmt);
    stack.push({ kind: kw, indent, stmt });
    if (colon + 1 < to) splitLine(toks, match, colon + 1, to, indent + 1, stack, out);
    return;
  }
  // Simple statements separated by ';'.
  const semis = topLevel(toks, match, from, to, ';');
  let s = from;
  for (const e of [...semis, to]) {
    if (e > s) {
      const st = simpleStatement(toks, match, s, e, blocks());
      if (st) out.push(st);
    }
    s = e + 1;
  }
}

function withItems(
  toks: PyToken[],
  match: number[],
  from: number,
  to: number,
): { ctx: PyNode; as?: PyNode }[] {
  // `with (a as b, c as d):` — parenthesised form.
  if (isOpTok(toks[from], '(') && match[from] === to - 1) {
    let hasAs = false;
    for (let k = from + 1; k < to - 1; k++) {
      const t = toks[k];
      if (t.type === 'op' && '([{'.includes(t.text) && match[k] > k) k = match[k];
      else if (t.type === 'name' && t.text === 'as') hasAs = true;
    }
    if (hasAs) return withItems(toks, match, from + 1, to - 1);
  }
  const items: { ctx: PyNode; as?: PyNode }[] = [];
  let s = from;
  for (const e of [...topLevel(toks, match, from, to, ','), to]) {
    let asAt = -1;
    for (let k = s; k < e; k++) {
      const t = toks[k];
      if (t.type === 'op' && '([{'.includes(t.text) && match[k] > k) k = match[k];
      else if (t.type === 'name' && t.text === 'as') {
        asAt = k;
        break;
      }
    }
    const ctx = parseRange(toks, match, s, asAt >= 0 ? asAt : e);
    if (ctx) items.push({ ctx, as: asAt >= 0 ? parseRange(toks, match, asAt + 1, e) : undefined });
    s = e + 1;
  }
  return items;
}

const AUG = new Set([
  '+=',
  '-=',
  '*=',
  '/=',
  '//=',
  '%=',
  '**=',
  '>>=',
  '<<=',
  '&=',
  '|=',
  '^=',
  '@=',
]);

function simpleStatement(
  toks: PyToken[],
  match: number[],
  from: number,
  to: number,
  blocks: Block[],
): Stmt | undefined {
  const first = toks[from];
  const base = { blocks, first, pos: first.start };
  if (first.type === 'name' && (first.text === 'import' || first.text === 'from'))
    return { ...base, kind: 'import', imports: readImport(toks, from, to) };
  if (
    first.type === 'name' &&
    ['return', 'yield', 'await', 'assert', 'del', 'raise', 'print'].includes(first.text) &&
    !isOpTok(toks[from + 1], '=')
  ) {
    const value = parseRange(toks, match, from + 1, to);
    return value ? { ...base, kind: 'expr', value } : undefined;
  }
  if (
    first.type === 'name' &&
    ['global', 'nonlocal', 'pass', 'break', 'continue'].includes(first.text)
  )
    return undefined;
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.type === 'op' && '([{'.includes(t.text) && match[k] > k) {
      k = match[k];
      continue;
    }
    if (t.type === 'op' && AUG.has(t.text)) {
      const value = parseRange(toks, match, k + 1, to);
      return value ? { ...base, kind: 'augassign', value } : undefined;
    }
  }
  const eqs = topLevel(toks, match, from, to, '=');
  if (!eqs.length) {
    const value = parseRange(toks, match, from, to);
    return value ? { ...base, kind: 'expr', value } : undefined;
  }
  const parts: [number, number][] = [];
  let s = from;
  for (const e of [...eqs, to]) {
    parts.push([s, e]);
    s = e + 1;
  }
  const targets: PyNode[] = [];
  for (const [ps, pe] of parts.slice(0, -1)) {
    // Annotated assignment: `NAME: type = value`.
    const colon = topLevel(toks, match, ps, pe, ':');
    const node = parseRange(toks, match, ps, colon.length ? colon[0] : pe);
    if (node) targets.push(node);
  }
  const [vs, ve] = parts[parts.length - 1];
  const value = parseRange(toks, match, vs, ve);
  if (!value || !targets.length) return undefined;
  return { ...base, kind: 'assign', targets, value };
}

function readImport(
  toks: PyToken[],
  from: number,
  to: number,
): { module: string; name?: string; alias: string }[] {
  const out: { module: string; name?: string; alias: string }[] = [];
  const words = toks.slice(from, to).filter((t) => !(t.type === 'op' && '()'.includes(t.text)));
  const dottedAt = (k: number): [string, number] => {
    let name = '';
    while (k < words.length) {
      const t = words[k];
      if (t.type === 'name' && t.text !== 'as' && t.text !== 'import') name += t.text;
      else if (t.type === 'op' && t.text === '.') name += '.';
      else break;
      k++;
    }
    return [name, k];
  };
  if (words[0]?.text === 'import') {
    let k = 1;
    while (k < words.length) {
      const [mod, next] = dottedAt(k);
      k = next;
      let alias = mod.split('.')[0];
      if (words[k]?.text === 'as' && words[k + 1]?.type === 'name') {
        alias = words[k + 1].text;
        k += 2;
        out.push({ module: mod, alias });
      } else out.push({ module: mod.split('.')[0], alias });
      if (words[k]?.text === ',') k++;
      else break;
    }
    return out;
  }
  const [mod, k0] = dottedAt(1);
  let k = k0;
  if (words[k]?.text !== 'import') return out;
  k++;
  while (k < words.length) {
    const t = words[k];
    if (t.type !== 'name' && t.text !== '*') break;
    let alias = t.text;
    k++;
    if (words[k]?.text === 'as' && words[k + 1]?.type === 'name') {
      alias = words[k + 1].text;
      k += 2;
    }
    out.push({ module: mod, name: t.text, alias });
    if (words[k]?.text === ',') k++;
    else break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values

type Lit = string | number | boolean | null;

type PyVal =
  | { k: 'lit'; v: Lit }
  | {
      k: 'env';
      name: string;
      hasDef: boolean;
      def?: Lit;
      /** A string read used as is (no cast, no comparison): Python truthiness applies. */
      raw: boolean;
    }
  | { k: 'opaque' };

interface Binding {
  name: string;
  value: PyNode;
  pos: number;
  tok: PyToken;
  stmt: Stmt;
}

interface AttrAssign {
  obj: string;
  attr: string;
  value: PyNode;
  pos: number;
  tok: PyToken;
  stmt: Stmt;
}

/** The innermost function a statement is in (undefined at module level). */
const fnOf = (s: Stmt | undefined): Stmt | undefined => innermost(s, 'def');
/** The innermost class a statement is in. */
const clsOf = (s: Stmt | undefined): Stmt | undefined => innermost(s, 'class');

const innermostCache = {
  def: new WeakMap<Stmt, Stmt | null>(),
  class: new WeakMap<Stmt, Stmt | null>(),
};
function innermost(s: Stmt | undefined, kind: 'def' | 'class'): Stmt | undefined {
  if (!s) return undefined;
  const cache = innermostCache[kind];
  const hit = cache.get(s);
  if (hit !== undefined) return hit ?? undefined;
  let found: Stmt | undefined;
  for (let i = s.blocks.length - 1; i >= 0; i--)
    if (s.blocks[i].kind === kind) {
      found = s.blocks[i].stmt;
      break;
    }
  cache.set(s, found ?? null);
  return found;
}
const isMember = (name: string) => /^(self|cls)\./.test(name);

/** Do two statements share the scope a variable named `name` lives in? */
function sameScope(name: string, a: Stmt | undefined, b: Stmt | undefined): boolean {
  if (isMember(name)) return clsOf(a) === clsOf(b);
  return fnOf(a) === fnOf(b);
}

const truthy = (v: Lit | undefined): boolean =>
  v === undefined || v === null
    ? false
    : typeof v === 'string'
      ? v.length > 0
      : v !== 0 && v !== false;

function pyEquals(a: Lit | undefined, b: Lit): boolean {
  if (a === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || b === null) return a === b;
  return Number(a) === Number(b);
}

/** python-decouple's boolean strings. */
function decoupleBool(v: Lit | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return v === null ? false : undefined;
  return parseBool(v);
}

function toNumber(v: Lit | undefined): Lit | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return v === null ? null : undefined;
}

class Scope {
  readonly bindings = new Map<string, Binding[]>();
  readonly attrs: AttrAssign[] = [];
  /** Import aliases: local name → canonical dotted name (`S` → `smtplib.SMTP_SSL`). */
  readonly aliases = new Map<string, string>();
  /** Names bound to `environ.Env(...)`, with their schemes. */
  readonly envObjects = new Map<
    string,
    Map<string, { cast?: string; def?: Lit; hasDef: boolean }>
  >();
  /** Names that call python-decouple's config. */
  readonly configNames = new Set<string>(['config']);

  private readonly scoped = new Map<string, Map<Stmt | undefined, Binding[]>>();
  /** Statements in file order, to find the one a position belongs to. */
  stmts: Stmt[] = [];

  constructor(readonly src: string) {}

  stmtAt(pos: number): Stmt | undefined {
    let lo = 0;
    let hi = this.stmts.length - 1;
    let best: Stmt | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.stmts[mid].pos <= pos) {
        best = this.stmts[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  text(n: PyNode): string {
    return this.src.slice(n.a.start, Math.max(n.a.start, n.b.end));
  }

  canon(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const i = name.indexOf('.');
    const head = i < 0 ? name : name.slice(0, i);
    const mapped = this.aliases.get(head);
    return mapped ? mapped + (i < 0 ? '' : name.slice(i)) : name;
  }

  /**
   * The binding of `name` that a use at `pos` sees: the last one before it in the same function
   * (for `self.x`, the same class), else the module's (a module-level constant written below the
   * function that uses it still applies).
   */
  resolve(name: string, pos: number): Binding | undefined {
    const list = this.bindings.get(name);
    if (!list) return undefined;
    const here = this.stmtAt(pos);
    const last = (xs: Binding[]) => {
      let best: Binding | undefined;
      for (const b of xs) if (b.pos < pos) best = b;
      return best;
    };
    const key = isMember(name) ? clsOf(here) : fnOf(here);
    let byScope = this.scoped.get(name);
    if (!byScope) this.scoped.set(name, (byScope = new Map()));
    let local = byScope.get(key);
    if (!local) byScope.set(key, (local = list.filter((b) => sameScope(name, b.stmt, here))));
    if (isMember(name)) return last(local) ?? local[local.length - 1];
    const hit = last(local);
    if (hit || !fnOf(here)) return hit ?? local.find((b) => !inFunctionOrClass(b.stmt));
    const mod = list.filter((b) => !inFunctionOrClass(b.stmt));
    return last(mod) ?? mod[0];
  }

  isEnvObject(name: string): boolean {
    return this.envObjects.has(name) || name === 'env';
  }
}

const ENV_GET = new Set([
  'os.environ.get',
  'os.getenv',
  'environ.get',
  'getenv',
  'os.environ.setdefault',
]);

/** Evaluate an expression by THE VALUE CONVENTION. */
function evaluate(scope: Scope, n: PyNode, pos: number, depth = 0): PyVal {
  if (depth > 25) return { k: 'opaque' };
  const ev = (m: PyNode) => evaluate(scope, m, pos, depth + 1);
  switch (n.t) {
    case 'str':
      return n.f ? { k: 'opaque' } : { k: 'lit', v: n.value };
    case 'num':
      return Number.isNaN(n.value) ? { k: 'opaque' } : { k: 'lit', v: n.value };
    case 'const':
      return { k: 'lit', v: n.value };
    case 'name': {
      const b = scope.resolve(n.id, pos);
      if (!b || b.value === n) return { k: 'opaque' };
      return evaluate(scope, b.value, b.pos, depth + 1);
    }
    case 'index': {
      const obj = scope.canon(dotted(n.obj));
      if ((obj === 'os.environ' || obj === 'environ') && n.index.t === 'str' && !n.index.f)
        return { k: 'env', name: n.index.value, hasDef: false, raw: true };
      return { k: 'opaque' };
    }
    case 'call':
      return evalCall(scope, n, pos, depth);
    case 'bin':
      return evalBinary(n, ev);
    case 'unary': {
      const v = ev(n.arg);
      if (n.op === 'not') {
        if (v.k === 'lit') return { k: 'lit', v: !truthy(v.v) };
        if (v.k === 'env')
          return v.hasDef
            ? { k: 'env', name: v.name, hasDef: true, def: !truthy(v.def), raw: false }
            : { k: 'env', name: v.name, hasDef: false, raw: false };
        return { k: 'opaque' };
      }
      if (n.op === '-' && v.k === 'lit' && typeof v.v === 'number') return { k: 'lit', v: -v.v };
      return { k: 'opaque' };
    }
    case 'ifexp': {
      const t = truthOf(ev(n.test));
      if (t === undefined) return { k: 'opaque' };
      return ev(t ? n.body : n.orelse);
    }
    default:
      return { k: 'opaque' };
  }
}

/** The truth of a value, if known (a raw string read follows Python's truthiness). */
function truthOf(v: PyVal): boolean | undefined {
  if (v.k === 'lit') return truthy(v.v);
  if (v.k === 'env' && v.hasDef) return truthy(v.def);
  return undefined;
}

function evalBinary(n: PyNode & { t: 'bin' }, ev: (m: PyNode) => PyVal): PyVal {
  if (n.op === 'or') {
    const l = ev(n.left);
    if (l.k === 'lit') return truthy(l.v) ? l : ev(n.right);
    if (l.k === 'env') {
      if (l.hasDef && truthy(l.def)) return l;
      const r = ev(n.right);
      if (r.k === 'lit')
        return {
          k: 'env',
          name: l.name,
          hasDef: r.v !== null,
          def: r.v,
          raw: l.raw && typeof r.v === 'string',
        };
    }
    return { k: 'opaque' };
  }
  if (n.op === '==' || n.op === '!=' || n.op === 'in' || n.op === 'not in') {
    const l = ev(n.left);
    const negate = n.op === '!=' || n.op === 'not in';
    let test: ((x: Lit | undefined) => boolean) | undefined;
    if (n.op === '==' || n.op === '!=') {
      const r = ev(n.right);
      if (r.k === 'lit') test = (x) => pyEquals(x, r.v);
      else if (l.k === 'lit' && r.k === 'env') {
        const lv = l.v;
        return compareEnv(r, (x) => pyEquals(x, lv), negate);
      }
    } else if (n.right.t === 'seq') {
      const items = n.right.items.map(ev);
      if (items.every((x) => x.k === 'lit')) {
        const lits = items.map((x) => (x as { v: Lit }).v);
        test = (x) => lits.some((y) => pyEquals(x, y));
      }
    } else {
      const r = ev(n.right);
      if (r.k === 'lit' && typeof r.v === 'string') {
        const s = r.v;
        test = (x) => typeof x === 'string' && s.includes(x);
      }
    }
    if (!test) return { k: 'opaque' };
    if (l.k === 'lit') return { k: 'lit', v: test(l.v) !== negate };
    if (l.k === 'env') return compareEnv(l, test, negate);
    return { k: 'opaque' };
  }
  if (n.op === '+') {
    const l = ev(n.left);
    const r = ev(n.right);
    if (l.k === 'lit' && r.k === 'lit') {
      if (typeof l.v === 'string' && typeof r.v === 'string') return { k: 'lit', v: l.v + r.v };
      if (typeof l.v === 'number' && typeof r.v === 'number') return { k: 'lit', v: l.v + r.v };
    }
  }
  return { k: 'opaque' };
}

function compareEnv(
  v: PyVal & { k: 'env' },
  test: (x: Lit | undefined) => boolean,
  negate: boolean,
): PyVal {
  // Without the variable the comparison sees its default, or None when there is none: that is
  // the effective value (DESIGN.md §3), e.g. `os.environ.get('X') == 'True'` is False.
  return {
    k: 'env',
    name: v.name,
    hasDef: true,
    def: test(v.hasDef ? v.def : undefined) !== negate,
    raw: false,
  };
}

function argsOf(n: PyNode & { t: 'call' }): { pos: PyNode[]; kw: Map<string, PyNode> } {
  const pos: PyNode[] = [];
  const kw = new Map<string, PyNode>();
  for (const a of n.args) {
    if (a.star) continue;
    if (a.name) kw.set(a.name, a.value);
    else pos.push(a.value);
  }
  return { pos, kw };
}

function envRead(
  scope: Scope,
  nameNode: PyNode | undefined,
  defNode: PyNode | undefined,
  pos: number,
  depth: number,
  cast: 'raw' | 'bool' | 'num' | 'str-smart',
  decouple = false,
): PyVal {
  if (!nameNode) return { k: 'opaque' };
  const nv = evaluate(scope, nameNode, pos, depth + 1);
  if (nv.k !== 'lit' || typeof nv.v !== 'string') return { k: 'opaque' };
  const name = nv.v;
  let hasDef = false;
  let def: Lit | undefined;
  if (defNode) {
    const dv = evaluate(scope, defNode, pos, depth + 1);
    if (dv.k === 'lit') {
      hasDef = dv.v !== null;
      def = dv.v;
    } else if (dv.k === 'env' && dv.hasDef) {
      hasDef = true;
      def = dv.def;
    }
  }
  let raw = cast === 'raw';
  if (cast === 'str-smart') {
    // django-environ: with a default and no cast, the default's type is the cast.
    raw = !hasDef || typeof def === 'string';
    if (hasDef && typeof def === 'boolean') raw = false;
    if (hasDef && typeof def === 'number') raw = false;
  }
  if (cast === 'bool' && hasDef)
    def = decouple ? decoupleBool(def) : (parseBool(String(def)) ?? truthy(def));
  if (cast === 'num' && hasDef) def = toNumber(def);
  if (def === undefined) hasDef = false;
  return hasDef ? { k: 'env', name, hasDef, def, raw } : { k: 'env', name, hasDef: false, raw };
}

function castWord(n: PyNode | undefined): 'bool' | 'num' | 'raw' | 'other' | undefined {
  if (!n) return undefined;
  const d = dotted(n);
  if (d === 'bool') return 'bool';
  if (d === 'int' || d === 'float') return 'num';
  if (d === 'str') return 'raw';
  return 'other';
}

function evalCall(scope: Scope, n: PyNode & { t: 'call' }, pos: number, depth: number): PyVal {
  const fnText = dotted(n.fn);
  const c = scope.canon(fnText);
  const { pos: p, kw } = argsOf(n);
  const ev = (m: PyNode) => evaluate(scope, m, pos, depth + 1);
  if (c && ENV_GET.has(c))
    return envRead(scope, p[0], p[1] ?? kw.get('default'), pos, depth, 'raw');
  if (fnText !== undefined) {
    const head = fnText.split('.')[0];
    const method = fnText.slice(head.length + 1);
    if (scope.isEnvObject(head) && !fnText.includes('.', head.length + 1)) {
      const scheme = scope.envObjects.get(head);
      if (method === '') {
        const nameV = p[0] ? ev(p[0]) : undefined;
        const schemed =
          nameV?.k === 'lit' && typeof nameV.v === 'string' ? scheme?.get(nameV.v) : undefined;
        const castNode = kw.get('cast') ?? p[1];
        const defNode = kw.get('default') ?? p[2];
        const cw = castWord(castNode);
        if (cw === 'other') return { k: 'opaque' };
        if (cw) return envRead(scope, p[0], defNode, pos, depth, cw === 'raw' ? 'raw' : cw);
        if (schemed && !defNode) {
          const v = envRead(scope, p[0], undefined, pos, depth, 'raw');
          if (v.k !== 'env') return v;
          const sc = schemed.cast;
          const def = schemed.hasDef ? schemed.def : undefined;
          const cdef = sc === 'bool' ? (def === undefined ? undefined : decoupleBool(def)) : def;
          return cdef === undefined || cdef === null
            ? { k: 'env', name: v.name, hasDef: false, raw: sc === undefined || sc === 'raw' }
            : {
                k: 'env',
                name: v.name,
                hasDef: true,
                def: cdef,
                raw: sc === undefined || sc === 'raw',
              };
        }
        return envRead(scope, p[0], defNode, pos, depth, 'str-smart');
      }
      const defNode = kw.get('default') ?? p[1];
      if (method === 'str') return envRead(scope, p[0], defNode, pos, depth, 'raw');
      if (method === 'bool') return envRead(scope, p[0], defNode, pos, depth, 'bool');
      if (method === 'int' || method === 'float')
        return envRead(scope, p[0], defNode, pos, depth, 'num');
      if (method === 'get_value') {
        const cw = castWord(kw.get('cast') ?? p[1]);
        if (cw === 'other') return { k: 'opaque' };
        return envRead(scope, p[0], kw.get('default') ?? p[2], pos, depth, cw ?? 'str-smart');
      }
      return { k: 'opaque' };
    }
    if (scope.configNames.has(fnText) || c === 'decouple.config') {
      const cw = castWord(kw.get('cast') ?? p[2]);
      if (cw === 'other') return { k: 'opaque' };
      return envRead(scope, p[0], kw.get('default') ?? p[1], pos, depth, cw ?? 'raw', true);
    }
  }
  if (c === 'int' || c === 'float') {
    if (!p[0]) return { k: 'opaque' };
    const v = ev(p[0]);
    if (v.k === 'lit') {
      const num = toNumber(v.v);
      return num === undefined || num === null ? { k: 'opaque' } : { k: 'lit', v: num };
    }
    if (v.k === 'env') {
      const def = v.hasDef ? toNumber(v.def) : undefined;
      return def === undefined || def === null
        ? { k: 'env', name: v.name, hasDef: false, raw: false }
        : { k: 'env', name: v.name, hasDef: true, def, raw: false };
    }
    return v;
  }
  if (c === 'str' && p[0]) {
    const v = ev(p[0]);
    return v.k === 'lit' ? { k: 'lit', v: v.v === null ? 'None' : String(v.v) } : v;
  }
  if (c === 'bool' && p[0]) {
    const v = ev(p[0]);
    return v.k === 'lit' ? { k: 'lit', v: truthy(v.v) } : v;
  }
  if (c && /(^|\.)strtobool$/.test(c) && p[0]) {
    const v = ev(p[0]);
    if (v.k === 'lit') {
      const b = parseBool(String(v.v));
      return b === undefined ? { k: 'opaque' } : { k: 'lit', v: b };
    }
    if (v.k === 'env') {
      const b = v.hasDef ? parseBool(String(v.def)) : undefined;
      return b === undefined
        ? { k: 'env', name: v.name, hasDef: false, raw: false }
        : { k: 'env', name: v.name, hasDef: true, def: b, raw: false };
    }
    return v;
  }
  // String methods on a value: `os.getenv('X', 'False').lower()`.
  if (n.fn.t === 'attr' && /^(lower|upper|strip|lstrip|rstrip|casefold|title)$/.test(n.fn.name)) {
    const v = ev(n.fn.obj);
    const m = n.fn.name;
    const apply = (s: Lit | undefined): Lit | undefined => {
      if (typeof s !== 'string') return s;
      if (m === 'lower' || m === 'casefold') return s.toLowerCase();
      if (m === 'upper') return s.toUpperCase();
      if (m === 'strip') return s.trim();
      if (m === 'lstrip') return s.trimStart();
      if (m === 'rstrip') return s.trimEnd();
      return s;
    };
    if (v.k === 'lit') return { k: 'lit', v: apply(v.v) ?? null };
    if (v.k === 'env') return v.hasDef ? { ...v, def: apply(v.def) } : v;
    return v;
  }
  return { k: 'opaque' };
}

/** A value as an entry value, by THE VALUE CONVENTION. */
function scalarOf(scope: Scope, v: PyVal, node: PyNode): Scalar {
  if (v.k === 'lit') return v.v;
  if (v.k === 'env') return envRef(v.name, v.hasDef ? fmtDefault(v.def) : undefined);
  return opaque(scope.text(node));
}

function fmtDefault(d: Lit | undefined): Scalar | undefined {
  if (d === undefined || d === null) return undefined;
  if (typeof d === 'boolean') return d ? 'True' : 'False';
  return d;
}

// ---------------------------------------------------------------------------------------------
// The reader

const DJANGO_KEYS = new Set([
  'EMAIL_HOST',
  'EMAIL_PORT',
  'EMAIL_HOST_USER',
  'EMAIL_HOST_PASSWORD',
  'EMAIL_USE_TLS',
  'EMAIL_USE_SSL',
  'EMAIL_BACKEND',
  'EMAIL_TIMEOUT',
  'EMAIL_SSL_CERTFILE',
  'EMAIL_SSL_KEYFILE',
]);
const DJANGO_BOOLS = new Set(['EMAIL_USE_TLS', 'EMAIL_USE_SSL']);

const inFunctionOrClass = (s: Stmt) => s.blocks.some((b) => b.kind === 'def' || b.kind === 'class');

function loc(file: string, t: PyToken): Location {
  return { file, line: t.line, column: t.col };
}

export function readPython(file: string, text: string): CodeResult {
  try {
    return read(file, text);
  } catch (err) {
    const r = emptyResult();
    r.diagnostics.push(
      `Python reader skipped the file: ${err instanceof Error ? err.message : String(err)}`,
    );
    return r;
  }
}

function read(file: string, text: string): CodeResult {
  const result = emptyResult();
  if (!/EMAIL_|smtp|SMTP/.test(text)) return result;
  const stmts = readStatements(text);
  const scope = new Scope(text);
  scope.stmts = stmts;
  collect(scope, stmts);
  const smtp = smtplibConnections(file, scope, stmts);
  const django = djangoDrafts(file, scope, stmts, smtp.consumed);
  result.drafts.push(...django, ...smtp.drafts);
  return result;
}

/** Imports, bindings, attribute assignments, env objects. */
function collect(scope: Scope, stmts: Stmt[]): void {
  for (const s of stmts) {
    if (s.kind === 'import') {
      for (const im of s.imports ?? []) {
        if (im.name === '*') {
          // `from smtplib import *` brings SMTP and SMTP_SSL.
          if (im.module === 'smtplib')
            for (const n of ['SMTP', 'SMTP_SSL']) scope.aliases.set(n, `smtplib.${n}`);
          continue;
        }
        scope.aliases.set(im.alias, im.name ? `${im.module}.${im.name}` : im.module);
        if (im.module === 'decouple' && im.name === 'config') scope.configNames.add(im.alias);
      }
      continue;
    }
    if (s.kind !== 'assign' || !s.targets || !s.value) continue;
    for (const t of s.targets) bind(scope, s, t, s.value);
  }
}

function bind(scope: Scope, s: Stmt, target: PyNode, value: PyNode): void {
  if (target.t === 'name') {
    const list = scope.bindings.get(target.id) ?? [];
    list.push({ name: target.id, value, pos: target.a.start, tok: target.a, stmt: s });
    scope.bindings.set(target.id, list);
    if (value.t === 'call') {
      const c = scope.canon(dotted(value.fn));
      if (c === 'environ.Env' || c === 'Env') {
        const schemeMap = new Map<string, { cast?: string; def?: Lit; hasDef: boolean }>();
        for (const a of value.args) {
          if (!a.name) continue;
          if (a.value.t === 'seq' && a.value.items.length >= 2) {
            const cw = castWord(a.value.items[0]);
            const dv = evaluate(scope, a.value.items[1], s.pos);
            schemeMap.set(a.name, {
              cast: cw === 'other' ? undefined : cw,
              def: dv.k === 'lit' ? dv.v : undefined,
              hasDef: dv.k === 'lit' && dv.v !== null,
            });
          } else {
            const cw = castWord(a.value);
            schemeMap.set(a.name, { cast: cw === 'other' ? undefined : cw, hasDef: false });
          }
        }
        scope.envObjects.set(target.id, schemeMap);
      } else if (c === 'decouple.AutoConfig' || c === 'decouple.Config' || c === 'AutoConfig') {
        scope.configNames.add(target.id);
      }
    }
  } else if (target.t === 'attr') {
    const obj = dotted(target.obj);
    if (obj !== undefined)
      scope.attrs.push({
        obj,
        attr: target.name,
        value,
        pos: target.a.start,
        tok: target.nameTok,
        stmt: s,
      });
    // `self.server = ...` also binds the dotted name for look-ups.
    if (obj !== undefined) {
      const name = `${obj}.${target.name}`;
      const list = scope.bindings.get(name) ?? [];
      list.push({ name, value, pos: target.a.start, tok: target.a, stmt: s });
      scope.bindings.set(name, list);
    }
  } else if (
    target.t === 'seq' &&
    value.t === 'seq' &&
    target.items.length === value.items.length
  ) {
    target.items.forEach((t, i) => bind(scope, s, t, value.items[i]));
  }
}

// ---------------------------------------------------------------------------------------------
// Django

interface BackendClass {
  name: string;
  at: Location;
  also: Location[];
  raw: string;
  smtpBase: boolean;
}

/** Classes overriding `ssl_context` so that verification is off. */
function unverifiedBackends(file: string, scope: Scope, stmts: Stmt[]): BackendClass[] {
  const out: BackendClass[] = [];
  if (!/ssl_context/.test(scope.src)) return out;
  for (const s of stmts) {
    if (s.keyword !== 'class' || !s.name) continue;
    const cls = s;
    const bases = (cls.bases ?? []).map((a) => scope.text(a.value)).join(', ');
    const inClass = (x: Stmt) => x.blocks.some((b) => b.stmt === cls);
    const method = stmts.find((x) => x.keyword === 'def' && x.name === 'ssl_context' && inClass(x));
    if (!method) continue;
    const inMethod = (x: Stmt) => x.blocks.some((b) => b.stmt === method);
    const offs: { at: Location; raw: string }[] = [];
    for (const x of stmts) {
      if (!inMethod(x)) continue;
      for (const v of verifyOffIn(scope, x)) offs.push({ at: loc(file, v.tok), raw: v.raw });
    }
    if (!offs.length) continue;
    out.push({
      name: s.name,
      at: offs[0].at,
      also: offs.slice(1).map((o) => o.at),
      raw: offs[0].raw,
      smtpBase: /EmailBackend|smtp/i.test(bases),
    });
  }
  return out;
}

/** Verification-off statements: `x.check_hostname = False`, `x.verify_mode = CERT_NONE`, unverified contexts. */
function verifyOffIn(scope: Scope, s: Stmt): { tok: PyToken; raw: string }[] {
  const out: { tok: PyToken; raw: string }[] = [];
  if (s.kind === 'assign' && s.targets && s.value) {
    for (const t of s.targets) {
      if (t.t !== 'attr') continue;
      if (t.name === 'check_hostname' && isFalse(scope, s.value, s.pos))
        out.push({ tok: t.nameTok, raw: `${scope.text(t)} = ${scope.text(s.value)}` });
      if (t.name === 'verify_mode' && isCertNone(scope, s.value))
        out.push({ tok: t.nameTok, raw: `${scope.text(t)} = ${scope.text(s.value)}` });
    }
  }
  const walk = (n: PyNode | undefined) => {
    if (!n) return;
    if (n.t === 'call') {
      const c = scope.canon(dotted(n.fn));
      if (c === 'ssl._create_unverified_context' || c === 'ssl._create_stdlib_context')
        out.push({ tok: n.a, raw: scope.text(n) });
    }
    for (const ch of children(n)) walk(ch);
  };
  walk(s.value);
  return out;
}

function isFalse(scope: Scope, n: PyNode, pos: number): boolean {
  const v = evaluate(scope, n, pos);
  return v.k === 'lit' && !truthy(v.v);
}

function isCertNone(scope: Scope, n: PyNode): boolean {
  const d = scope.canon(dotted(n));
  return !!d && /(^|\.)CERT_NONE$/.test(d);
}

function djangoDrafts(file: string, scope: Scope, stmts: Stmt[], consumed: Set<string>): Draft[] {
  const drafts: Draft[] = [];
  const entries: Entry[] = [];
  const ignored: Observation[] = [];
  for (const s of stmts) {
    if (s.kind !== 'assign' || !s.value || !s.targets || inFunctionOrClass(s)) continue;
    for (const t of s.targets) {
      if (t.t !== 'name') continue;
      // django-environ / dj-email-url: EMAIL_CONFIG = env.email_url('EMAIL_URL', default=...)
      const dsn = emailUrl(scope, s.value, s.pos);
      if (dsn) {
        const d = dsnEndpoint(dsn.text, loc(file, t.a), dsn.key, 'django');
        if (d) drafts.push(d);
        continue;
      }
      if (!DJANGO_KEYS.has(t.id)) continue;
      const v = evaluate(scope, s.value, s.pos);
      const written = scope.text(s.value);
      let value = scalarOf(scope, v, s.value);
      if (DJANGO_BOOLS.has(t.id)) {
        const what = t.id === 'EMAIL_USE_TLS' ? 'STARTTLS' : 'implicit TLS';
        if (v.k === 'env' && v.raw) {
          value = envRef(v.name, v.hasDef ? (truthy(v.def) ? 'True' : 'False') : undefined);
          ignored.push({
            at: loc(file, t.a),
            message: `${t.id} = ${written.replace(/\s+/g, ' ').slice(0, 80)} is a string, and Django reads any non-empty string as true: ${v.name}=False (or 0) in the environment still switches ${what} on.`,
            fix: `Convert it to a boolean: env.bool('${v.name}', default=False), config('${v.name}', default=False, cast=bool), or os.environ.get('${v.name}', '').lower() in ('1', 'true', 'yes').`,
          });
        } else if (v.k === 'lit' && typeof v.v === 'string') {
          value = truthy(v.v);
          if (v.v !== '' && parseBool(v.v) === false)
            ignored.push({
              at: loc(file, t.a),
              message: `${t.id} = '${v.v}' is a non-empty string, which Python reads as true: ${what} is on.`,
              fix: `Write ${t.id} = False (no quotes).`,
            });
        }
      }
      entries.push(codeEntry([t.id], value, written, t.a.line, t.a.col, s.value.t === 'str'));
    }
  }
  if (!entries.length) return drafts;
  // A script that feeds EMAIL_HOST to smtplib itself is not Django.
  if (consumed.has('EMAIL_HOST') && !entries.some((e) => /^EMAIL_(USE_|BACKEND)/.test(e.path[0])))
    return drafts;
  const g = new Group(file, entries);
  const d = djangoEnv(g, { settingsFile: true });
  if (!d) return drafts;
  d.ignored = [...(d.ignored ?? []), ...ignored.filter((o) => isLast(entries, o.at))];
  const backendE = g.peek('EMAIL_BACKEND');
  const backendText = typeof backendE?.value === 'string' ? backendE.value : '';
  for (const cls of unverifiedBackends(file, scope, stmts)) {
    const named = backendText.split(/[.:]/).pop() === cls.name || backendText.includes(cls.name);
    if (!named) continue;
    if (cls.smtpBase) {
      d.active = true;
      d.inactiveReason = undefined;
    }
    if (d.security.value === 'plain') continue;
    d.tlsVerify = { value: false, raw: cls.raw, at: cls.at, origin: 'literal', key: 'ssl_context' };
    if (cls.also.length) d.verifyOffAlso = cls.also;
  }
  drafts.unshift(d);
  return drafts;
}

/** Only the observation of the assignment that wins (the last in file order) counts. */
function isLast(entries: Entry[], at: Location): boolean {
  const e = entries.find((x) => x.line === at.line && x.column === at.column);
  if (!e) return true;
  const last = [...entries].reverse().find((x) => x.path[0] === e.path[0]);
  return last === e;
}

function emailUrl(scope: Scope, n: PyNode, pos: number): { text: string; key: string } | undefined {
  if (n.t !== 'call') return undefined;
  const fnText = dotted(n.fn);
  const c = scope.canon(fnText) ?? '';
  const { pos: p, kw } = argsOf(n);
  const head = fnText?.split('.')[0] ?? '';
  const isEnvUrl =
    n.fn.t === 'attr' &&
    (n.fn.name === 'email_url' || n.fn.name === 'email') &&
    scope.isEnvObject(head);
  const isDj = /(^|\.)dj_email_url\.(config|parse)$/.test(c);
  if (!isEnvUrl && !isDj) return undefined;
  if (isDj && c.endsWith('.parse')) {
    if (!p[0]) return undefined;
    const v = evaluate(scope, p[0], pos);
    if (v.k === 'lit' && typeof v.v === 'string') return { text: v.v, key: 'EMAIL_URL' };
    if (v.k === 'env')
      return { text: envRef(v.name, v.hasDef ? fmtDefault(v.def) : undefined), key: v.name };
    return undefined;
  }
  const nameNode = isEnvUrl ? (p[0] ?? kw.get('var')) : kw.get('env');
  const nameV = nameNode ? evaluate(scope, nameNode, pos) : { k: 'lit' as const, v: 'EMAIL_URL' };
  const name = nameV.k === 'lit' && typeof nameV.v === 'string' ? nameV.v : 'EMAIL_URL';
  const defNode = kw.get('default') ?? (isEnvUrl ? p[1] : undefined);
  const dv = defNode ? evaluate(scope, defNode, pos) : undefined;
  const def = dv?.k === 'lit' && typeof dv.v === 'string' ? dv.v : undefined;
  return { text: envRef(name, def), key: name };
}

// ---------------------------------------------------------------------------------------------
// smtplib

interface CallSite {
  node: PyNode & { t: 'call' };
  stmt: Stmt;
  /** The variable the call's result is bound to (`server`, `self.conn`). */
  bound?: string;
}

function callSites(stmts: Stmt[]): CallSite[] {
  const out: CallSite[] = [];
  for (const s of stmts) {
    const roots: { n: PyNode; bound?: string }[] = [];
    if (s.kind === 'assign' && s.value) {
      const target = s.targets?.length === 1 ? dotted(s.targets[0]) : undefined;
      roots.push({ n: s.value, bound: target });
      if (s.value.t === 'ifexp') {
        roots.push({ n: s.value.body, bound: target }, { n: s.value.orelse, bound: target });
      }
    } else if (s.kind === 'with') {
      for (const it of s.items ?? []) roots.push({ n: it.ctx, bound: dotted(it.as) });
    } else if (s.value) roots.push({ n: s.value });
    if (s.test) roots.push({ n: s.test });
    for (const b of s.bases ?? []) roots.push({ n: b.value });
    const seen = new Set<PyNode>();
    const walk = (n: PyNode, bound: string | undefined, depth: number) => {
      if (depth > 200 || seen.has(n)) return;
      seen.add(n);
      if (n.t === 'call') out.push({ node: n, stmt: s, bound });
      for (const ch of children(n)) walk(ch, undefined, depth + 1);
    };
    for (const r of roots) {
      if (r.bound !== undefined && r.n.t === 'call') {
        seen.add(r.n);
        out.push({ node: r.n, stmt: s, bound: r.bound });
        for (const ch of children(r.n)) walk(ch, undefined, 1);
      } else walk(r.n, undefined, 0);
    }
  }
  out.sort((a, b) => a.node.a.start - b.node.a.start);
  return out;
}

const SMTP_CTORS = new Set(['smtplib.SMTP', 'smtplib.SMTP_SSL']);

function smtplibConnections(
  file: string,
  scope: Scope,
  stmts: Stmt[],
): { drafts: Draft[]; consumed: Set<string> } {
  const drafts: Draft[] = [];
  const consumed = new Set<string>();
  const calls = callSites(stmts);
  const ctors = calls.filter((c) => SMTP_CTORS.has(scope.canon(dotted(c.node.fn)) ?? ''));
  if (!ctors.length) return { drafts, consumed };
  const methodCalls = (name: string) =>
    calls.filter((c) => c.node.fn.t === 'attr' && c.node.fn.name === name);
  const starttlsCalls = methodCalls('starttls');
  const loginCalls = methodCalls('login');
  const connectCalls = methodCalls('connect');
  const debugCalls = methodCalls('set_debuglevel');
  const objOf = (c: CallSite) => (c.node.fn.t === 'attr' ? dotted(c.node.fn.obj) : undefined);
  /** Method calls by the variable they are called on. */
  const byObj = (list: CallSite[]) => {
    const m = new Map<string | undefined, CallSite[]>();
    for (const c of list) {
      const k = objOf(c);
      const l = m.get(k) ?? [];
      l.push(c);
      m.set(k, l);
    }
    return m;
  };
  const groups = new Map<CallSite[], Map<string | undefined, CallSite[]>>();
  for (const l of [starttlsCalls, loginCalls, connectCalls, debugCalls]) groups.set(l, byObj(l));
  /** The next constructor bound to the same variable, for each constructor. */
  const nextOf = new Map<CallSite, CallSite>();
  const lastBound = new Map<string, CallSite>();
  for (const c of ctors) {
    if (c.bound === undefined) continue;
    const prev = lastBound.get(c.bound);
    if (prev) nextOf.set(prev, c);
    lastBound.set(c.bound, c);
  }
  ctors.forEach((ctor) => {
    const ssl = scope.canon(dotted(ctor.node.fn)) === 'smtplib.SMTP_SSL';
    const start = ctor.node.a.start;
    const nextSame = nextOf.get(ctor);
    const end = nextSame ? nextSame.node.a.start : Infinity;
    const pick = (all: CallSite[]): CallSite | undefined => {
      const list = ctor.bound === undefined ? all : (groups.get(all)?.get(ctor.bound) ?? []);
      const mine = (c: CallSite) =>
        ctor.bound === undefined
          ? fnOf(c.stmt) === fnOf(ctor.stmt)
          : sameScope(ctor.bound, c.stmt, ctor.stmt);
      return (
        list.find((c) => c.node.a.start > start && c.node.a.start < end && mine(c)) ??
        (ctor.bound !== undefined && !nextSame ? list.find(mine) : undefined)
      );
    };
    const { pos: p, kw } = argsOf(ctor.node);
    const at = ctor.node.fn.t === 'attr' ? ctor.node.fn.nameTok : ctor.node.a;
    let hostNode = kw.get('host') ?? p[0];
    let portNode = kw.get('port') ?? p[1];
    const connect = pick(connectCalls);
    if (connect) {
      const ca = argsOf(connect.node);
      hostNode = ca.kw.get('host') ?? ca.pos[0] ?? hostNode;
      portNode = ca.kw.get('port') ?? ca.pos[1] ?? portNode;
    }
    if (!hostNode) return;
    if (hostNode.t === 'name') consumed.add(hostNode.id);
    const hostArg = argEntry(scope, hostNode, ctor.node.a.start, 'host');
    const host = hostArg?.entry;
    let port = portNode ? argEntry(scope, portNode, ctor.node.a.start, 'port')?.entry : undefined;
    // `SMTP('smtp.example.com:587')`: smtplib splits host:port when no port is given.
    if (host && !port && typeof host.value === 'string') {
      const m = /^([^:]+):(\d+)$/.exec(host.value);
      if (m) {
        port = { ...host, value: m[2], raw: m[2], path: ['port'] };
        host.value = m[1];
      }
    }
    if (port && (port.value === 0 || port.value === '0')) port = undefined;
    const conn: SmtplibConnection = {
      file,
      ssl,
      at: loc(file, at),
      call: scope.text(ctor.node.fn),
      host,
      port,
    };
    if (ssl) conn.verify = contextInfo(file, scope, kw.get('context') ?? p[7], ctor, at);
    else {
      const st = pick(starttlsCalls);
      if (st) {
        const sa = argsOf(st.node);
        const stAt = st.node.fn.t === 'attr' ? st.node.fn.nameTok : st.node.a;
        conn.starttls = starttlsInfo(file, scope, st, ctor, stAt);
        conn.verify = contextInfo(file, scope, sa.kw.get('context') ?? sa.pos[2], st, stAt);
      }
    }
    const login = pick(loginCalls);
    if (login) {
      const la = argsOf(login.node);
      const u = la.kw.get('user') ?? la.pos[0];
      const pw = la.kw.get('password') ?? la.pos[1];
      conn.login = loc(file, login.node.fn.t === 'attr' ? login.node.fn.nameTok : login.node.a);
      if (u) conn.user = argEntry(scope, u, login.node.a.start, 'user')?.entry;
      if (pw) conn.password = argEntry(scope, pw, login.node.a.start, 'password')?.entry;
    }
    const dbg = pick(debugCalls);
    if (dbg) {
      const da = argsOf(dbg.node);
      const lvl = da.pos[0] ? evaluate(scope, da.pos[0], dbg.node.a.start) : undefined;
      if (lvl && lvl.k === 'lit' && truthy(lvl.v))
        conn.debug = loc(file, dbg.node.fn.t === 'attr' ? dbg.node.fn.nameTok : dbg.node.a);
    }
    drafts.push(smtplibDraft(conn));
  });
  return { drafts, consumed };
}

/** An argument as an entry: a name bound earlier is read from (and located at) its binding. */
function argEntry(
  scope: Scope,
  node: PyNode,
  pos: number,
  key: string,
): { entry: Entry } | undefined {
  let at = node.a;
  let expr = node;
  let keyName = key;
  let at2 = pos;
  for (let hops = 0; expr.t === 'name' && hops < 10; hops++) {
    const b = scope.resolve(expr.id, at2);
    if (!b) break;
    keyName = b.name;
    at = b.tok;
    at2 = b.pos;
    expr = b.value;
  }
  const v = evaluate(scope, expr, at2);
  const value = scalarOf(scope, v, expr);
  return {
    entry: codeEntry([keyName], value, scope.text(expr), at.line, at.col, expr.t === 'str'),
  };
}

function starttlsInfo(
  file: string,
  scope: Scope,
  st: CallSite,
  ctor: CallSite,
  stAt: PyToken,
): StartTlsInfo {
  const info: StartTlsInfo = { at: loc(file, stAt) };
  const ctorBlocks = new Set(ctor.stmt.blocks.map((b) => b.stmt));
  const extra = st.stmt.blocks.filter(
    (b) => !ctorBlocks.has(b.stmt) && ['if', 'elif', 'else', 'case'].includes(b.kind),
  );
  if (!extra.length) return info;
  const inner = extra[extra.length - 1];
  const testText = inner.stmt.test ? scope.text(inner.stmt.test) : inner.kind;
  if (/has_extn\s*\(\s*['"]starttls['"]/i.test(testText)) {
    info.conditional = { opportunistic: true, text: testText, origin: 'literal' };
    return info;
  }
  let value: boolean | undefined;
  let origin: Origin = 'env';
  if (extra.length === 1 && (inner.kind === 'if' || inner.kind === 'elif') && inner.stmt.test) {
    const v = evaluate(scope, inner.stmt.test, inner.stmt.pos);
    value = truthOf(v);
    if (value !== undefined) origin = v.k === 'lit' ? 'literal' : 'default';
    else if (v.k === 'opaque') origin = 'env';
  }
  info.conditional = { value, text: testText, origin };
  return info;
}

/** What the `context=` of `starttls()` / `SMTP_SSL()` does to verification. */
function contextInfo(
  file: string,
  scope: Scope,
  node: PyNode | undefined,
  site: CallSite,
  callTok: PyToken,
): ContextInfo {
  const callAt = loc(file, callTok);
  if (!node || (node.t === 'const' && node.value === null))
    return { verify: false, at: callAt, raw: 'no context= argument', origin: 'derived', also: [] };
  let expr = node;
  let name: string | undefined;
  let pos = site.node.a.start;
  for (let hops = 0; (expr.t === 'name' || expr.t === 'attr') && hops < 10; hops++) {
    const d = dotted(expr);
    if (d === undefined) break;
    const b = scope.resolve(d, pos);
    if (!b) break;
    name = d;
    pos = b.pos;
    expr = b.value;
  }
  const bindingStmt = name !== undefined ? scope.stmtAt(pos) : undefined;
  let verify: boolean | undefined;
  let at = loc(file, expr.a);
  let raw = scope.text(expr);
  if (expr.t === 'call') {
    const c = scope.canon(dotted(expr.fn)) ?? '';
    if (/(^|\.)create_default_context$/.test(c)) verify = true;
    else if (/(^|\.)_create_(unverified|stdlib)_context$/.test(c)) verify = false;
    else if (/(^|\.)SSLContext$/.test(c)) {
      const proto = expr.args[0] ? (scope.canon(dotted(expr.args[0].value)) ?? '') : '';
      verify = /PROTOCOL_TLS_CLIENT$/.test(proto);
    }
  }
  const offs: { at: Location; raw: string }[] = [];
  let min: ContextInfo['minTls'];
  let hostnameOn = false;
  if (name !== undefined) {
    for (const a of scope.attrs) {
      if (a.obj !== name || a.pos < pos || !sameScope(name, a.stmt, bindingStmt)) continue;
      const text = `${a.obj}.${a.attr} = ${scope.text(a.value)}`;
      if (a.attr === 'check_hostname') {
        if (isFalse(scope, a.value, a.pos)) offs.push({ at: loc(file, a.tok), raw: text });
        else hostnameOn = true;
      }
      if (a.attr === 'verify_mode' && isCertNone(scope, a.value))
        offs.push({ at: loc(file, a.tok), raw: text });
      if (a.attr === 'minimum_version') {
        const d = scope.canon(dotted(a.value)) ?? '';
        const m = /(TLSv1(?:_[0-3])?|SSLv[23])$/.exec(d);
        if (m)
          min ??= {
            value: m[1].replace('_', '.'),
            at: loc(file, a.tok),
            raw: text,
          };
      }
    }
  }
  if (offs.length) {
    return {
      verify: false,
      at: offs[0].at,
      raw: offs[0].raw,
      origin: 'literal',
      also: offs.slice(1).map((o) => o.at),
      minTls: min,
    };
  }
  if (verify === false && hostnameOn) verify = true;
  if (verify === undefined) return { at, raw, origin: 'env', also: [], minTls: min };
  if (!verify) at = loc(file, expr.a);
  raw = verify ? raw : `context=${raw}`;
  return { verify, at, raw, origin: 'literal', also: [], minTls: min };
}
