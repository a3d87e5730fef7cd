/**
 * Ruby expressions, read just far enough for configuration code (see ruby-tokens.ts for the lexer).
 * `exprEnd` finds where an expression stops (a `,`, a closing bracket, `=>`, the end of the
 * statement, a modifier `if`); `readExpr` interprets the tokens in between as a value:
 * literals, `ENV[...]`/`ENV.fetch(...)` with defaults, `Rails.application.credentials...`,
 * `Figaro.env.x`, comparisons that turn env text into booleans, hashes and arrays. Anything else is
 * `opaque` (an unknown, named by its text). Never throws.
 */
import type { Scalar } from '../formats/entry.js';
import { envRef, opaque } from './common.js';
import type { Tok } from './ruby-tokens.js';

export interface Pair {
  /** The key as written (`address`, `smtp_port`), from a label, symbol or string. */
  key: string;
  keyTok: Tok;
  value: Node;
}

export type Value =
  | { t: 'str'; v: string; interp: boolean }
  | { t: 'num'; v: number }
  | { t: 'sym'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  /** A String (or nil) from the environment; `dflt` applies when the variable is unset. */
  | { t: 'env'; name: string; dflt?: Node; conv?: 'int' | 'sym' }
  /** A real boolean computed from the environment (`ENV['X'] == 'true'`). */
  | { t: 'envbool'; name: string; dflt?: boolean }
  /** `!!x`: Ruby truthiness of x (a String, even "false", is true). */
  | { t: 'truthy'; of: Node }
  /** A secret store reference (`Rails.application.credentials.dig(:smtp, :password)`). */
  | { t: 'secret'; path: string[] }
  | { t: 'const'; path: string }
  | { t: 'hash'; pairs: Pair[] }
  | { t: 'array'; items: Node[] }
  /** A bare local variable or method name. */
  | { t: 'var'; name: string }
  /** Receivers on the way to a value (`ENV`, `Rails.application`, `Figaro.env`...). */
  | { t: 'recv'; r: 'env' | 'rails' | 'railsConfig' | 'figaro' | 'figaroEnv' | 'boolType' }
  | { t: 'opaque' };

/** A value with its source text and token span. */
export type Node = Value & { text: string; from: number; to: number };

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
const STOP_WORDS = new Set([
  'if',
  'unless',
  'while',
  'until',
  'rescue',
  'do',
  'then',
  'and',
  'or',
  'end',
  'else',
  'elsif',
  'when',
  'ensure',
]);
const CONTINUES = new Set([
  '||',
  '&&',
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '===',
  '=~',
  '?',
  ':',
  '.',
  '&.',
  '::',
  '=',
  '||=',
  '<<',
  '>',
  '<',
  '>=',
  '<=',
  '!',
  '|',
  '&',
  '(',
  '[',
  '{',
  '=>',
  ',',
]);
const SAME_VALUE = new Set([
  'to_s',
  'to_str',
  'strip',
  'chomp',
  'presence',
  'freeze',
  'dup',
  'squish',
  'downcase',
  'upcase',
  'itself',
  'then',
  'lstrip',
  'rstrip',
  'force_encoding',
]);
const MAX_DEPTH = 100;
/** Hashes inside hashes deeper than this are not read (opaque). */
const MAX_NESTING = 40;

/** Thrown (one shared instance, no stack capture) when an expression is not understood. */
class Bail extends Error {}
const BAIL = new Bail('not understood');

export class RubyReader {
  constructor(
    readonly src: string,
    readonly toks: Tok[],
  ) {}

  /** Source text of tokens [a, b). */
  text(a: number, b: number): string {
    if (b <= a || a >= this.toks.length) return '';
    return this.src.slice(this.toks[a].start, this.toks[Math.min(b, this.toks.length) - 1].end);
  }

  /** Index of the first token after the expression that starts at `i` (leading newlines skipped). */
  exprEnd(i: number, limit = this.toks.length): number {
    const t = this.toks;
    let k = i;
    while (k < limit && t[k].kind === 'nl') k++;
    const start = k;
    let depth = 0;
    for (; k < limit; k++) {
      const x = t[k];
      if (x.kind === 'op') {
        if (OPEN.has(x.text)) depth++;
        else if (CLOSE.has(x.text)) {
          if (depth === 0) return k;
          depth--;
        } else if (depth === 0 && (x.text === ',' || x.text === ';' || x.text === '=>')) return k;
      } else if (x.kind === 'nl') {
        if (depth > 0 || k === start) continue;
        const prev = t[k - 1];
        if (prev.kind === 'op' && CONTINUES.has(prev.text)) continue;
        let q = k + 1;
        while (q < limit && t[q].kind === 'nl') q++;
        const next = t[q];
        if (next?.kind === 'op' && ['.', '&.', '||', '&&'].includes(next.text)) continue;
        return k;
      } else if (x.kind === 'ident' && depth === 0 && k > start && STOP_WORDS.has(x.text)) {
        const prev = t[k - 1];
        if (!(prev.kind === 'op' && (prev.text === '.' || prev.text === '&.'))) return k;
      }
    }
    return limit;
  }

  /** Index of the bracket closing the one at `open` (or `limit` when unbalanced). */
  matching(open: number, limit = this.toks.length): number {
    let depth = 0;
    for (let k = open; k < limit; k++) {
      const x = this.toks[k];
      if (x.kind !== 'op') continue;
      if (OPEN.has(x.text)) depth++;
      else if (CLOSE.has(x.text)) {
        depth--;
        if (depth === 0) return k;
      }
    }
    return limit;
  }

  private depth = 0;

  /** Interpret tokens [a, b) as one value; unknown shapes become `opaque`. Never throws. */
  read(a: number, b: number): Node {
    if (this.depth > MAX_NESTING) return this.node({ t: 'opaque' }, a, b);
    this.depth++;
    try {
      return this.readSlice(a, b);
    } finally {
      this.depth--;
    }
  }

  private readSlice(a: number, b: number): Node {
    const idx: number[] = [];
    for (let k = a; k < b && k < this.toks.length; k++) if (this.toks[k].kind !== 'nl') idx.push(k);
    const whole = (): Node => this.node({ t: 'opaque' }, a, b);
    if (!idx.length) return whole();
    try {
      const p = new Parser(this, idx);
      const n = p.ternary();
      if (!p.done()) return whole();
      return n;
    } catch {
      return whole();
    }
  }

  /** Pairs of a hash body or a bare argument list in tokens [a, b) (`k: v`, `:k => v`, `'k' => v`). */
  pairs(a: number, b: number): Pair[] {
    const out: Pair[] = [];
    let k = a;
    let guard = 0;
    while (k < b && guard++ < 100_000) {
      while (k < b && (this.toks[k].kind === 'nl' || this.toks[k].text === ',')) k++;
      if (k >= b) break;
      const end = this.exprEnd(k, b);
      const t = this.toks[k];
      if (t.kind === 'label') {
        const ve = this.exprEnd(k + 1, b);
        if (ve > k + 1) out.push({ key: t.text, keyTok: t, value: this.read(k + 1, ve) });
        k = Math.max(ve, k + 1);
        continue;
      }
      if (end < b && this.toks[end].text === '=>') {
        const keyNode = this.read(k, end);
        const ve = this.exprEnd(end + 1, b);
        const key =
          keyNode.t === 'sym' || keyNode.t === 'str'
            ? keyNode.v
            : keyNode.t === 'const'
              ? keyNode.path
              : undefined;
        if (key !== undefined && ve > end + 1)
          out.push({ key, keyTok: this.toks[k], value: this.read(end + 1, ve) });
        k = Math.max(ve, end + 1);
        continue;
      }
      k = Math.max(end, k + 1);
    }
    return out;
  }

  /** Give a fresh value its source text and span (the object is completed in place). */
  node(v: Value, from: number, to: number): Node {
    const n = v as Node;
    n.text = this.text(from, to).trim();
    n.from = from;
    n.to = to;
    return n;
  }
}

/** Recursive descent over the non-newline tokens of one expression. */
class Parser {
  private p = 0;
  private depth = 0;
  constructor(
    private r: RubyReader,
    private idx: number[],
  ) {}

  done(): boolean {
    return this.p >= this.idx.length;
  }
  private tok(o = 0): Tok | undefined {
    const k = this.idx[this.p + o];
    return k === undefined ? undefined : this.r.toks[k];
  }
  private isOp(text: string, o = 0): boolean {
    const t = this.tok(o);
    return !!t && t.kind === 'op' && t.text === text;
  }
  private isWord(text: string, o = 0): boolean {
    const t = this.tok(o);
    return !!t && t.kind === 'ident' && t.text === text;
  }
  /** Original token index of the current position (or one past the last token). */
  private at(): number {
    return this.idx[this.p] ?? (this.idx[this.idx.length - 1] ?? 0) + 1;
  }
  private endAt(): number {
    return (this.idx[this.p - 1] ?? this.idx[0] ?? 0) + 1;
  }
  private expect(text: string): void {
    if (!this.isOp(text)) throw BAIL;
    this.p++;
  }
  private mk(v: Value, from: number): Node {
    return this.r.node(v, from, this.endAt());
  }
  private opaqueFrom(from: number): Node {
    return this.mk({ t: 'opaque' }, from);
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw BAIL;
  }
  private leave(): void {
    this.depth--;
  }

  ternary(): Node {
    this.enter();
    try {
      const from = this.at();
      const c = this.or();
      if (this.isOp('?')) {
        this.p++;
        this.ternary();
        if (!this.isOp(':')) {
          // `cond ? a :b` may have lexed `:b` as a symbol: accept a symbol as the else branch.
          const t = this.tok();
          if (t?.kind === 'sym') this.p++;
          else throw BAIL;
        } else {
          this.p++;
          this.ternary();
        }
        return this.opaqueFrom(from);
      }
      return c;
    } finally {
      this.leave();
    }
  }

  private or(): Node {
    const from = this.at();
    let l = this.and();
    while (this.isOp('||')) {
      this.p++;
      const r = this.and();
      l = orValue(l, r, (v) => this.mk(v, from));
    }
    return l;
  }

  private and(): Node {
    const from = this.at();
    let l = this.not();
    while (this.isOp('&&')) {
      this.p++;
      const r = this.not();
      l =
        l.t === 'bool' && r.t === 'bool'
          ? this.mk({ t: 'bool', v: l.v && r.v }, from)
          : this.opaqueFrom(from);
    }
    return l;
  }

  private not(): Node {
    this.enter();
    try {
      const from = this.at();
      if (this.isOp('!') && this.isOp('!', 1)) {
        this.p += 2;
        const of = this.not();
        if (of.t === 'bool' || of.t === 'nil')
          return this.mk({ t: 'bool', v: truthOf(of) === true }, from);
        return this.mk({ t: 'truthy', of }, from);
      }
      if (this.isOp('!') || this.isWord('not')) {
        this.p++;
        const of = this.not();
        const tr = truthOf(of);
        if (of.t === 'envbool')
          return this.mk(
            { t: 'envbool', name: of.name, dflt: of.dflt === undefined ? undefined : !of.dflt },
            from,
          );
        if (tr !== undefined && of.t !== 'env' && of.t !== 'truthy')
          return this.mk({ t: 'bool', v: !tr }, from);
        return this.opaqueFrom(from);
      }
      return this.cmp();
    } finally {
      this.leave();
    }
  }

  private cmp(): Node {
    const from = this.at();
    const l = this.add();
    const t = this.tok();
    if (
      t?.kind === 'op' &&
      ['==', '!=', '===', '=~', '!~', '<', '>', '<=', '>=', '<=>'].includes(t.text)
    ) {
      this.p++;
      const r = this.add();
      if (t.text === '==' || t.text === '!=' || t.text === '===') {
        const v = compare(l, r, t.text === '!=');
        if (v) return this.mk(v, from);
      }
      return this.opaqueFrom(from);
    }
    return l;
  }

  private add(): Node {
    const from = this.at();
    let l = this.unary();
    for (;;) {
      const t = this.tok();
      if (
        !t ||
        t.kind !== 'op' ||
        !['+', '-', '*', '/', '%', '**', '<<', '>>', '&', '|', '^', '..', '...'].includes(t.text)
      )
        return l;
      this.p++;
      const r = this.unary();
      if (l.t === 'num' && r.t === 'num' && ['+', '-', '*'].includes(t.text)) {
        const v = t.text === '+' ? l.v + r.v : t.text === '-' ? l.v - r.v : l.v * r.v;
        l = this.mk({ t: 'num', v }, from);
      } else if (l.t === 'str' && r.t === 'str' && t.text === '+')
        l = this.mk({ t: 'str', v: l.v + r.v, interp: l.interp || r.interp }, from);
      else l = this.opaqueFrom(from);
    }
  }

  private unary(): Node {
    this.enter();
    try {
      const from = this.at();
      if (this.isOp('-') || this.isOp('+')) {
        const neg = this.isOp('-');
        this.p++;
        const v = this.unary();
        if (v.t === 'num') return this.mk({ t: 'num', v: neg ? -v.v : v.v }, from);
        return this.opaqueFrom(from);
      }
      if (this.isOp('&')) {
        // `&:sym` block pass
        this.p++;
        this.unary();
        return this.opaqueFrom(from);
      }
      if (this.isOp('*') || this.isOp('**')) {
        this.p++;
        this.unary();
        return this.opaqueFrom(from);
      }
      return this.postfix();
    } finally {
      this.leave();
    }
  }

  private postfix(): Node {
    const from = this.at();
    let n = this.primary();
    for (let guard = 0; guard < 10_000; guard++) {
      const t = this.tok();
      if (!t) break;
      if (t.kind === 'op' && (t.text === '.' || t.text === '&.')) {
        const name = this.tok(1);
        if (!name || !(name.kind === 'ident' || name.kind === 'const')) throw BAIL;
        this.p += 2;
        let args: Node[] = [];
        let pairs: Pair[] = [];
        if (this.isOp('(') && !this.tok()?.spaceBefore) ({ args, pairs } = this.args(')'));
        let block: Node | undefined;
        if (this.isOp('{') && (name.text === 'fetch' || name.text === 'then')) block = this.block();
        n = method(n, name.text, args, pairs, block, (v) => this.mk(v, from));
        continue;
      }
      if (t.kind === 'op' && t.text === '[' && !t.spaceBefore) {
        const { args } = this.args(']');
        n = index(n, args, (v) => this.mk(v, from));
        continue;
      }
      if (t.kind === 'op' && t.text === '::') {
        const name = this.tok(1);
        if (!name || !(name.kind === 'const' || name.kind === 'ident')) throw BAIL;
        this.p += 2;
        n =
          n.t === 'const'
            ? this.mk(constValue(`${n.path}::${name.text}`), from)
            : this.opaqueFrom(from);
        continue;
      }
      break;
    }
    return n;
  }

  /** `(a, b, k: v)` or `[a]`: positional arguments and trailing keyword pairs. */
  private args(close: string): { args: Node[]; pairs: Pair[] } {
    this.p++;
    const args: Node[] = [];
    const pairs: Pair[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.isOp(close)) {
        this.p++;
        return { args, pairs };
      }
      const t = this.tok();
      if (!t) throw BAIL;
      if (t.kind === 'label') {
        const kt = t;
        this.p++;
        const value = this.ternary();
        pairs.push({ key: kt.text, keyTok: kt, value });
      } else {
        const v = this.ternary();
        if (this.isOp('=>')) {
          this.p++;
          const value = this.ternary();
          const key = v.t === 'sym' || v.t === 'str' ? v.v : undefined;
          if (key !== undefined) pairs.push({ key, keyTok: this.r.toks[v.from], value });
        } else args.push(v);
      }
      if (this.isOp(',')) this.p++;
      else if (!this.isOp(close)) throw BAIL;
    }
    throw BAIL;
  }

  /** `{ |k| expr }` after `fetch`: the block's value. */
  private block(): Node {
    const from = this.at();
    this.p++;
    if (this.isOp('|')) {
      this.p++;
      while (this.tok() && !this.isOp('|')) this.p++;
      this.expect('|');
    } else if (this.isOp('||')) this.p++;
    if (this.isOp('}')) {
      this.p++;
      return this.mk({ t: 'nil' }, from);
    }
    const v = this.ternary();
    this.expect('}');
    return v;
  }

  private primary(): Node {
    const t = this.tok();
    if (!t) throw BAIL;
    const from = this.at();
    switch (t.kind) {
      case 'str': {
        this.p++;
        let v = t.text;
        let interp = !!t.interp;
        // Adjacent literals concatenate: "a" "b".
        while (this.tok()?.kind === 'str') {
          const u = this.tok() as Tok;
          v += u.text;
          interp ||= !!u.interp;
          this.p++;
        }
        return this.mk({ t: 'str', v, interp }, from);
      }
      case 'num': {
        this.p++;
        return this.mk({ t: 'num', v: numberOf(t.text) }, from);
      }
      case 'sym':
        this.p++;
        return this.mk({ t: 'sym', v: t.text }, from);
      case 'words':
        this.p++;
        return this.mk(
          {
            t: 'array',
            items: t.text
              .split(' ')
              .filter((w) => w !== '')
              .map((w) => this.r.node({ t: 'str', v: w, interp: false }, from, from + 1)),
          },
          from,
        );
      case 'regex':
      case 'ivar':
        this.p++;
        return this.mk(t.kind === 'ivar' ? { t: 'var', name: t.text } : { t: 'opaque' }, from);
      case 'ident': {
        this.p++;
        if (t.text === 'true' || t.text === 'false')
          return this.mk({ t: 'bool', v: t.text === 'true' }, from);
        if (t.text === 'nil') return this.mk({ t: 'nil' }, from);
        if (t.text === 'lambda' || t.text === 'proc') throw BAIL;
        if (this.isOp('(') && !this.tok()?.spaceBefore) {
          this.args(')');
          return this.opaqueFrom(from);
        }
        return this.mk({ t: 'var', name: t.text }, from);
      }
      case 'const': {
        this.p++;
        if (this.isOp('(') && !this.tok()?.spaceBefore) {
          const { args } = this.args(')');
          const a = args[0];
          if (a && (t.text === 'Integer' || t.text === 'Float')) return this.mk(toInt(a), from);
          if (a && t.text === 'String') return a;
          return this.opaqueFrom(from);
        }
        return this.mk(constValue(t.text), from);
      }
      case 'op': {
        if (t.text === '(') {
          this.p++;
          const v = this.ternary();
          this.expect(')');
          return this.r.node({ ...v }, from, this.endAt());
        }
        if (t.text === '{') {
          const close = this.r.matching(from);
          const inner = this.tok(1);
          if (inner?.kind === 'op' && inner.text === '{' && !inner.spaceBefore) {
            // `{{ SMTP_PORT }}`: a template placeholder in a file rendered before Ruby reads it.
            while (this.tok() && this.at() < close) this.p++;
            this.expect('}');
            return this.opaqueFrom(from);
          }
          const pairs = this.r.pairs(from + 1, close);
          // Skip to the matching brace in the filtered index.
          while (this.tok() && this.at() < close) this.p++;
          this.expect('}');
          return this.mk({ t: 'hash', pairs }, from);
        }
        if (t.text === '[') {
          const { args } = this.args(']');
          return this.mk({ t: 'array', items: args }, from);
        }
        if (t.text === '->') throw BAIL;
        throw BAIL;
      }
      default:
        throw BAIL;
    }
  }
}

function numberOf(text: string): number {
  const s = text.replace(/_/g, '').replace(/[ri]$/, '');
  if (/^0[xX]/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[bB]/.test(s)) return parseInt(s.slice(2), 2);
  if (/^0[oO]/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0\d+$/.test(s)) return parseInt(s, 8);
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

function constValue(path: string): Value {
  if (path === 'ENV' || path === '::ENV') return { t: 'recv', r: 'env' };
  if (path === 'Rails' || path === '::Rails') return { t: 'recv', r: 'rails' };
  if (path === 'Figaro') return { t: 'recv', r: 'figaro' };
  if (/^(::)?ActiveModel::Type::Boolean$/.test(path)) return { t: 'recv', r: 'boolType' };
  return { t: 'const', path };
}

/** A literal value's Ruby truthiness; undefined when it depends on the environment or is unknown. */
export function truthOf(n: Node): boolean | undefined {
  switch (n.t) {
    case 'bool':
      return n.v;
    case 'nil':
      return false;
    case 'str':
    case 'num':
    case 'sym':
    case 'hash':
    case 'array':
    case 'const':
      return true;
    case 'envbool':
      return n.dflt;
    case 'env':
      return n.dflt ? truthOf(n.dflt) : undefined;
    case 'truthy':
      return truthOf(n.of);
    default:
      return undefined;
  }
}

function isLiteral(n: Node): boolean {
  return ['str', 'num', 'sym', 'bool', 'nil'].includes(n.t) && !(n.t === 'str' && n.interp);
}

function literalEq(a: Node, b: Node): boolean | undefined {
  if (!isLiteral(a) || !isLiteral(b)) return undefined;
  if (a.t !== b.t) return false;
  if (a.t === 'nil') return true;
  return (a as { v: unknown }).v === (b as { v: unknown }).v;
}

/** `x == y` / `x != y` with an env read on one side and a literal on the other. */
function compare(l: Node, r: Node, negate: boolean): Value | undefined {
  const both = literalEq(l, r);
  if (both !== undefined) return { t: 'bool', v: negate ? !both : both };
  const [env, lit] = l.t === 'env' ? [l, r] : r.t === 'env' ? [r, l] : [undefined, undefined];
  if (!env || env.t !== 'env' || !lit || !isLiteral(lit)) return undefined;
  let dflt: boolean | undefined;
  if (env.dflt && isLiteral(env.dflt)) {
    // Without the variable the default is compared (ENV values are Strings).
    const d = env.dflt;
    const dv = d.t === 'num' ? String(d.v) : d.t === 'str' || d.t === 'sym' ? d.v : undefined;
    const lv = lit.t === 'str' ? lit.v : undefined;
    if (dv !== undefined && lv !== undefined) dflt = dv === lv;
    else if (d.t === lit.t) dflt = literalEq(d, lit);
    if (dflt !== undefined && negate) dflt = !dflt;
  } else if (!env.dflt) {
    // Unset, ENV[...] is nil, which equals no literal: the comparison's value without the
    // variable is its effective default (DESIGN.md §3, "effective values").
    dflt = negate;
  }
  return { t: 'envbool', name: env.name, dflt };
}

/** `a || b`. */
function orValue(l: Node, r: Node, mk: (v: Value) => Node): Node {
  if (l.t === 'env' && l.dflt === undefined) {
    if (isLiteral(r) || r.t === 'env') return mk({ ...l, dflt: r.t === 'nil' ? undefined : r });
    if (r.t === 'secret') return mk({ ...l });
    return mk({ t: 'opaque' });
  }
  if (l.t === 'secret') return mk({ t: 'secret', path: l.path });
  const tr = truthOf(l);
  if (isLiteral(l) && tr === true) return l;
  if (isLiteral(l) && tr === false) return r;
  return mk({ t: 'opaque' });
}

function keyText(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.t === 'str' && !n.interp) return n.v;
  if (n.t === 'sym') return n.v;
  return undefined;
}

function toInt(n: Node): Value {
  if (n.t === 'env') return { t: 'env', name: n.name, dflt: n.dflt, conv: 'int' };
  if (n.t === 'str' && !n.interp && /^\s*[+-]?\d+/.test(n.v))
    return { t: 'num', v: parseInt(n.v, 10) };
  if (n.t === 'num') return { t: 'num', v: Math.trunc(n.v) };
  if (n.t === 'secret') return n;
  return { t: 'opaque' };
}

function index(n: Node, args: Node[], mk: (v: Value) => Node): Node {
  const k = keyText(args[0]);
  if (n.t === 'recv' && n.r === 'env' && k !== undefined && args.length === 1)
    return mk({ t: 'env', name: k });
  if (n.t === 'secret' && args.length >= 1) {
    const ks = args.map(keyText);
    if (ks.every((x) => x !== undefined))
      return mk({ t: 'secret', path: [...n.path, ...(ks as string[])] });
  }
  if (n.t === 'hash' && k !== undefined) {
    const p = [...n.pairs].reverse().find((x) => x.key === k);
    if (p) return p.value;
  }
  return mk({ t: 'opaque' });
}

function method(
  n: Node,
  name: string,
  args: Node[],
  pairs: Pair[],
  block: Node | undefined,
  mk: (v: Value) => Node,
): Node {
  // Receivers.
  if (n.t === 'recv') {
    switch (n.r) {
      case 'env': {
        const k = keyText(args[0]);
        if ((name === 'fetch' || name === '[]') && k !== undefined) {
          const d = args[1] ?? block;
          return mk({
            t: 'env',
            name: k,
            dflt: d && d.t !== 'nil' && d.t !== 'opaque' ? d : undefined,
          });
        }
        if (['key?', 'has_key?', 'include?', 'member?'].includes(name) && k !== undefined)
          return mk({ t: 'envbool', name: k });
        return mk({ t: 'opaque' });
      }
      case 'rails':
        if (name === 'application' || name === 'app') return mk({ t: 'recv', r: 'rails' });
        if (name === 'credentials') return mk({ t: 'secret', path: ['credentials'] });
        if (name === 'secrets') return mk({ t: 'secret', path: ['secrets'] });
        if (name === 'config' || name === 'configuration')
          return mk({ t: 'recv', r: 'railsConfig' });
        return mk({ t: 'opaque' });
      case 'railsConfig':
        if (name === 'credentials') return mk({ t: 'secret', path: ['credentials'] });
        return mk({ t: 'opaque' });
      case 'figaro':
        return name === 'env' ? mk({ t: 'recv', r: 'figaroEnv' }) : mk({ t: 'opaque' });
      case 'figaroEnv': {
        const base = name.replace(/[!?]$/, '');
        if (name.endsWith('?')) return mk({ t: 'envbool', name: base.toUpperCase() });
        return mk({ t: 'env', name: base.toUpperCase() });
      }
      case 'boolType':
        return name === 'new'
          ? mk({ t: 'recv', r: 'boolType' })
          : name === 'cast' && args[0]
            ? cast(args[0], mk)
            : mk({ t: 'opaque' });
    }
  }
  if (n.t === 'secret') {
    if (SAME_VALUE.has(name)) return n;
    if (name === 'dig' || name === 'fetch' || name === '[]') {
      const ks = (name === 'fetch' ? args.slice(0, 1) : args).map(keyText);
      if (ks.length && ks.every((x) => x !== undefined))
        return mk({ t: 'secret', path: [...n.path, ...(ks as string[])] });
      return mk({ t: 'opaque' });
    }
    if (name === 'to_i') return n;
    if (/^[a-z_]\w*[!]?$/i.test(name) && !args.length)
      return mk({ t: 'secret', path: [...n.path, name.replace(/!$/, '')] });
    return mk({ t: 'opaque' });
  }
  if (n.t === 'env' || n.t === 'envbool') {
    if (SAME_VALUE.has(name)) return n;
    if (n.t === 'env' && (name === 'to_i' || name === 'to_int')) return mk(toInt(n));
    if (n.t === 'env' && name === 'to_sym') return mk({ ...n, conv: 'sym' });
    if (n.t === 'env' && ['present?', 'blank?', 'nil?', 'empty?'].includes(name))
      return mk({ t: 'envbool', name: n.name });
    if (n.t === 'env' && ['to_b', 'to_bool', 'to_boolean', 'truthy?'].includes(name))
      return cast(n, mk);
    if (n.t === 'env' && (name === 'casecmp?' || name === 'eql?') && args[0]) {
      const v = compare(n, args[0], false);
      return v ? mk(v) : mk({ t: 'opaque' });
    }
    if (n.t === 'env' && name === 'in?' && args[0]?.t === 'array')
      return mk({ t: 'envbool', name: n.name });
    return mk({ t: 'opaque' });
  }
  if (n.t === 'array' && (name === 'include?' || name === 'member?') && args[0]?.t === 'env')
    return mk({ t: 'envbool', name: args[0].name });
  if (n.t === 'str' && !n.interp) {
    if (name === 'to_i') return mk(toInt(n));
    if (name === 'to_sym') return mk({ t: 'sym', v: n.v });
    if (SAME_VALUE.has(name)) return n;
  }
  if (n.t === 'num' && (name === 'to_i' || name === 'to_int')) return n;
  if (n.t === 'num' && name === 'to_s') return mk({ t: 'str', v: String(n.v), interp: false });
  if (n.t === 'sym' && (name === 'to_sym' || name === 'to_s'))
    return name === 'to_s' ? mk({ t: 'str', v: n.v, interp: false }) : n;
  if (n.t === 'hash') {
    if (
      [
        'symbolize_keys',
        'with_indifferent_access',
        'compact',
        'freeze',
        'deep_symbolize_keys',
        'to_h',
        'dup',
      ].includes(name)
    )
      return n;
    if (['merge', 'merge!', 'reverse_merge', 'deep_merge', 'update'].includes(name)) {
      // An unknown hash merged in may override keys: what is written is still what is read.
      const more = args[0]?.t === 'hash' ? args[0].pairs : pairs;
      return mk({
        t: 'hash',
        pairs: name === 'reverse_merge' ? [...more, ...n.pairs] : [...n.pairs, ...more],
      });
    }
  }
  return mk({ t: 'opaque' });
}

/** `ActiveModel::Type::Boolean.new.cast(x)`: a proper boolean parse. */
function cast(x: Node, mk: (v: Value) => Node): Node {
  if (x.t === 'env') {
    const d = x.dflt;
    let dflt: boolean | undefined;
    if (d?.t === 'bool') dflt = d.v;
    else if (d?.t === 'str' || d?.t === 'sym')
      dflt = !['false', 'f', '0', 'off', 'no', 'n', ''].includes(d.v.toLowerCase());
    else if (d?.t === 'num') dflt = d.v !== 0;
    return mk({ t: 'envbool', name: x.name, dflt });
  }
  if (x.t === 'envbool') return x;
  if (x.t === 'bool') return x;
  if (x.t === 'str' && !x.interp)
    return mk({
      t: 'bool',
      v: !['false', 'f', '0', 'off', 'no', 'n', ''].includes(x.v.toLowerCase()),
    });
  return mk({ t: 'opaque' });
}

/** The literal text of a value (for `${X:-default}`), or undefined. */
function literalText(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.t) {
    case 'str':
      return n.interp ? undefined : n.v;
    case 'num':
      return String(n.v);
    case 'sym':
      return n.v;
    case 'bool':
      return String(n.v);
    case 'env':
      return n.dflt === undefined ? `$${n.name.replace(/\W/g, '_')}` : undefined;
    default:
      return undefined;
  }
}

const ENV_READ = /^\s*ENV(?:\[\s*|\.fetch\(\s*)(['"])([\w.-]+)\1/;

/** `"smtp.#{ENV['DOMAIN']}"` → `smtp.${DOMAIN}`; other interpolations → `${<code>}`. */
function interpolated(v: string): string {
  return v.replace(/#\{([^{}]*)\}/g, (_, code: string) => {
    const m = ENV_READ.exec(code);
    return m ? `\${${m[2]}}` : opaque(code);
  });
}

/** The variable name an env-derived value reads. */
export function envName(n: Node): string | undefined {
  if (n.t === 'env' || n.t === 'envbool') return n.name;
  if (n.t === 'truthy') return envName(n.of);
  return undefined;
}

/** A secret reference the value convention understands (`${{ secrets.credentials_smtp_password }}`). */
export function secretRef(path: string[]): string {
  return `\${{ secrets.${path.join('_').replace(/[^\w-]/g, '_') || 'credentials'} }}`;
}

/**
 * A value in the shared convention (common.ts): literals as themselves, env reads as `${X}` or
 * `${X:-default}`, secrets as `${{ secrets.… }}`, anything else as `${<expression>}`.
 */
export function encode(n: Node): { value: Scalar; quoted: boolean } {
  switch (n.t) {
    case 'str':
      return n.interp ? { value: interpolated(n.v), quoted: true } : { value: n.v, quoted: true };
    case 'num':
      return Number.isFinite(n.v)
        ? { value: n.v, quoted: false }
        : { value: opaque(n.text), quoted: false };
    case 'sym':
      return { value: n.v, quoted: false };
    case 'bool':
      return { value: n.v, quoted: false };
    case 'nil':
      return { value: null, quoted: false };
    case 'env':
      return { value: envRef(n.name, literalText(n.dflt)), quoted: false };
    case 'envbool':
      return {
        value: envRef(n.name, n.dflt === undefined ? undefined : String(n.dflt)),
        quoted: false,
      };
    case 'truthy': {
      const name = envName(n.of);
      const tr = truthOf(n.of);
      if (name)
        return { value: envRef(name, tr === undefined ? undefined : String(tr)), quoted: false };
      return tr === undefined
        ? { value: opaque(n.text), quoted: false }
        : { value: tr, quoted: false };
    }
    case 'secret':
      return { value: secretRef(n.path), quoted: false };
    case 'const':
      return { value: n.path, quoted: false };
    default:
      return { value: opaque(n.text), quoted: false };
  }
}
