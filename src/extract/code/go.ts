/**
 * The Go reader: gomail / go-mail dialers (`NewDialer`, `Dialer{...}` literals and field
 * assignments) and net/smtp (`SendMail`, `PlainAuth`, `Dial` + `StartTLS`, `tls.Dial` +
 * `NewClient`). SEMANTICS.md §8.
 *
 * On top of the tolerant tokenizer (go-tokens.ts) sits a small expression reader (operands,
 * selectors, calls, index, composite literals, unary and binary operators) and a statement scan
 * that finds assignments (`:=`, `=`, `var`, `const`) and expressions wherever a statement can
 * start. What it does not understand is skipped. Values follow THE VALUE CONVENTION of ./common.ts.
 */
import { matchBrackets } from './brackets.js';
import type { Location } from '../../model.js';
import {
  gomailDraft,
  netSmtpDraft,
  type GoAuth,
  type GoDialer,
  type GoTlsInfo,
  type NetSmtpConnection,
} from '../ecosystems/gomail.js';
import type { Entry, Scalar } from '../formats/entry.js';
import { codeEntry, emptyResult, envRef, opaque, type CodeResult } from './common.js';
import { tokenizeGo, type GoToken } from './go-tokens.js';

interface Span {
  a: GoToken;
  b: GoToken;
}

interface Elem {
  key?: GoNode;
  value: GoNode;
}

type GoNode =
  | (Span & { t: 'ident'; id: string })
  | (Span & { t: 'str'; value: string })
  | (Span & { t: 'num'; value: number })
  | (Span & { t: 'sel'; obj: GoNode; name: string; nameTok: GoToken })
  | (Span & { t: 'call'; fn: GoNode; args: GoNode[] })
  | (Span & { t: 'index'; obj: GoNode; index?: GoNode })
  | (Span & { t: 'composite'; type?: GoNode; elems: Elem[] })
  | (Span & { t: 'unary'; op: string; arg: GoNode })
  | (Span & { t: 'bin'; op: string; left: GoNode; right: GoNode })
  | (Span & { t: 'other' });

const KEYWORDS = new Set([
  'break',
  'case',
  'chan',
  'const',
  'continue',
  'default',
  'defer',
  'else',
  'fallthrough',
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
  'return',
  'select',
  'struct',
  'switch',
  'type',
  'var',
]);

const LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['==', '!=', '<', '<=', '>', '>='],
  ['+', '-', '|', '^'],
  ['*', '/', '%', '<<', '>>', '&', '&^'],
];
const MAX_DEPTH = 60;

class Parser {
  private depth = 0;
  constructor(
    private readonly toks: GoToken[],
    private readonly match: number[],
    public i: number,
    private readonly end: number,
    private readonly noComposite = false,
  ) {}

  private peek(k = 0): GoToken | undefined {
    const j = this.i + k;
    return j < this.end ? this.toks[j] : undefined;
  }

  private isOp(t: GoToken | undefined, text: string): boolean {
    return !!t && t.type === 'op' && t.text === text;
  }

  private close(open: number): number {
    const m = this.match[open];
    return m > open && m < this.end ? m : this.end;
  }

  private sub(from: number, to: number, composite = true): Parser {
    const p = new Parser(this.toks, this.match, from, to, !composite);
    p.depth = this.depth;
    return p;
  }

  exprList(): GoNode[] {
    const out: GoNode[] = [];
    for (;;) {
      const e = this.expr();
      if (!e) break;
      out.push(e);
      if (!this.isOp(this.peek(), ',')) break;
      this.i++;
    }
    return out;
  }

  expr(level = 0): GoNode | undefined {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      const from = this.i;
      this.i = this.end;
      return from < this.end
        ? { t: 'other', a: this.toks[from], b: this.toks[this.end - 1] }
        : undefined;
    }
    try {
      if (level >= LEVELS.length) return this.unary();
      let left = this.expr(level + 1);
      if (!left) return undefined;
      for (;;) {
        const t = this.peek();
        if (!t || t.type !== 'op' || !LEVELS[level].includes(t.text)) break;
        const save = this.i;
        this.i++;
        const right = this.expr(level + 1);
        if (!right) {
          this.i = save;
          break;
        }
        left = { t: 'bin', op: t.text, left, right, a: left.a, b: right.b };
      }
      return left;
    } finally {
      this.depth--;
    }
  }

  private unary(): GoNode | undefined {
    const t = this.peek();
    if (t && t.type === 'op' && ['-', '+', '!', '^', '*', '&', '<-'].includes(t.text)) {
      if (++this.depth > MAX_DEPTH) {
        this.depth--;
        this.i = this.end;
        return { t: 'other', a: t, b: this.toks[this.end - 1] };
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
    return this.primary();
  }

  private primary(): GoNode | undefined {
    let node = this.operand();
    if (!node) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'op') break;
      if (t.text === '.') {
        const nt = this.peek(1);
        if (nt?.type === 'ident') {
          this.i += 2;
          node = { t: 'sel', obj: node, name: nt.text, nameTok: nt, a: node.a, b: nt };
          continue;
        }
        if (this.isOp(nt, '(')) {
          // Type assertion `.(T)`.
          const open = this.i + 1;
          const c = this.close(open);
          this.i = Math.min(c + 1, this.end);
          node = { t: 'other', a: node.a, b: this.toks[Math.min(c, this.end - 1)] };
          continue;
        }
        break;
      }
      if (t.text === '(') {
        const open = this.i;
        const c = this.close(open);
        const args = this.sub(open + 1, c).argList();
        this.i = Math.min(c + 1, this.end);
        node = {
          t: 'call',
          fn: node,
          args,
          a: node.a,
          b: this.toks[Math.min(c, this.toks.length - 1)],
        };
        continue;
      }
      if (t.text === '[') {
        const open = this.i;
        const c = this.close(open);
        const p = this.sub(open + 1, c);
        const idx = p.expr();
        this.i = Math.min(c + 1, this.end);
        node = {
          t: 'index',
          obj: node,
          index: idx && p.i === c ? idx : undefined,
          a: node.a,
          b: this.toks[Math.min(c, this.toks.length - 1)],
        };
        continue;
      }
      if (
        t.text === '{' &&
        !this.noComposite &&
        (node.t === 'ident' || node.t === 'sel' || node.t === 'index')
      ) {
        node = this.composite(node, this.i);
        continue;
      }
      break;
    }
    return node;
  }

  private argList(): GoNode[] {
    const out: GoNode[] = [];
    while (this.i < this.end) {
      const e = this.expr();
      if (!e) break;
      out.push(e);
      if (this.isOp(this.peek(), '...')) this.i++;
      if (!this.isOp(this.peek(), ',')) break;
      this.i++;
    }
    return out;
  }

  private composite(type: GoNode | undefined, open: number): GoNode {
    const c = this.close(open);
    const elems: Elem[] = [];
    let k = open + 1;
    while (k < c) {
      // One element up to the next top-level comma.
      let e = k;
      while (e < c && !this.isOp(this.toks[e], ',')) {
        const tk = this.toks[e];
        e =
          tk.type === 'op' && '([{'.includes(tk.text) && this.match[e] > e
            ? this.match[e] + 1
            : e + 1;
      }
      const end = Math.min(e, c);
      let colon = -1;
      for (let j = k; j < end; j++) {
        const tk = this.toks[j];
        if (tk.type === 'op' && '([{'.includes(tk.text) && this.match[j] > j) {
          j = this.match[j];
          continue;
        }
        if (this.isOp(tk, ':')) {
          colon = j;
          break;
        }
      }
      const valueFrom = colon >= 0 ? colon + 1 : k;
      const key = colon >= 0 ? this.elemValue(k, colon) : undefined;
      const value = this.elemValue(valueFrom, end);
      if (value) elems.push({ key, value });
      k = end + 1;
    }
    this.i = Math.min(c + 1, this.end);
    const a = type ? type.a : this.toks[open];
    return { t: 'composite', type, elems, a, b: this.toks[Math.min(c, this.toks.length - 1)] };
  }

  private elemValue(from: number, to: number): GoNode | undefined {
    if (from >= to) return undefined;
    if (this.isOp(this.toks[from], '{')) {
      const p = this.sub(from, to);
      return p.composite(undefined, from);
    }
    const p = this.sub(from, to);
    const e = p.expr();
    if (!e) return { t: 'other', a: this.toks[from], b: this.toks[to - 1] };
    return p.i === to ? e : { t: 'other', a: this.toks[from], b: this.toks[to - 1] };
  }

  private operand(): GoNode | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.type === 'string') {
      this.i++;
      return { t: 'str', value: t.value ?? '', a: t, b: t };
    }
    if (t.type === 'number') {
      this.i++;
      const clean = t.text.replace(/_/g, '');
      let v = NaN;
      if (/^0[xX][0-9a-fA-F]+$/.test(clean)) v = parseInt(clean.slice(2), 16);
      else if (/^0[oO]?[0-7]+$/.test(clean) && clean !== '0')
        v = parseInt(clean.replace(/^0[oO]?/, ''), 8);
      else if (/^0[bB][01]+$/.test(clean)) v = parseInt(clean.slice(2), 2);
      else if (!/i$/.test(clean)) v = Number(clean);
      return { t: 'num', value: v, a: t, b: t };
    }
    if (t.type === 'rune') {
      this.i++;
      return { t: 'other', a: t, b: t };
    }
    if (t.type === 'ident') {
      if (t.text === 'func') return this.funcLit();
      if (t.text === 'map' || t.text === 'struct' || t.text === 'interface' || t.text === 'chan')
        return this.typeLit();
      if (KEYWORDS.has(t.text)) return undefined;
      this.i++;
      return { t: 'ident', id: t.text, a: t, b: t };
    }
    if (t.type === 'op') {
      if (t.text === '(') {
        const c = this.close(this.i);
        const p = this.sub(this.i + 1, c);
        const inner = p.expr();
        this.i = Math.min(c + 1, this.end);
        if (inner && p.i === c) return inner;
        return { t: 'other', a: t, b: this.toks[Math.min(c, this.toks.length - 1)] };
      }
      if (t.text === '[') return this.typeLit();
    }
    return undefined;
  }

  /** `[]T{...}`, `[N]T{...}`, `map[K]V{...}`, `struct{...}{...}`: a composite, else opaque. */
  private typeLit(): GoNode {
    const start = this.i;
    // Skip the type: brackets, identifiers, dots, stars, keywords map/struct/chan/interface.
    while (this.i < this.end) {
      const t = this.toks[this.i];
      if (t.type === 'op' && t.text === '[') {
        this.i = this.close(this.i) + 1;
        continue;
      }
      if (t.type === 'ident' && (t.text === 'struct' || t.text === 'interface')) {
        this.i++;
        if (this.isOp(this.peek(), '{')) this.i = this.close(this.i) + 1;
        continue;
      }
      if (t.type === 'ident' || (t.type === 'op' && (t.text === '.' || t.text === '*'))) {
        this.i++;
        continue;
      }
      break;
    }
    this.i = Math.min(this.i, this.end);
    const type: GoNode = {
      t: 'other',
      a: this.toks[start],
      b: this.toks[Math.max(start, this.i - 1)],
    };
    if (this.isOp(this.peek(), '{') && !this.noComposite) return this.composite(type, this.i);
    if (this.i === start) this.i++;
    return type;
  }

  private funcLit(): GoNode {
    const start = this.i;
    this.i++;
    // Parameters, results, then the body.
    while (this.i < this.end && !this.isOp(this.peek(), '{')) {
      const t = this.toks[this.i];
      if (t.type === 'semi') break;
      this.i =
        t.type === 'op' && (t.text === '(' || t.text === '[') ? this.close(this.i) + 1 : this.i + 1;
    }
    if (this.isOp(this.peek(), '{')) this.i = this.close(this.i) + 1;
    this.i = Math.min(this.i, this.end);
    return { t: 'other', a: this.toks[start], b: this.toks[Math.max(start, this.i - 1)] };
  }
}

function dotted(n: GoNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.t === 'ident') return n.id;
  if (n.t === 'sel') {
    const o = dotted(n.obj);
    return o === undefined ? undefined : `${o}.${n.name}`;
  }
  return undefined;
}

function children(n: GoNode): GoNode[] {
  switch (n.t) {
    case 'sel':
      return [n.obj];
    case 'call':
      return [n.fn, ...n.args];
    case 'index':
      return n.index ? [n.obj, n.index] : [n.obj];
    case 'composite':
      return n.elems.flatMap((e) => (e.key ? [e.key, e.value] : [e.value]));
    case 'unary':
      return [n.arg];
    case 'bin':
      return [n.left, n.right];
    default:
      return [];
  }
}

const strip = (n: GoNode): GoNode => (n.t === 'unary' && n.op === '&' ? n.arg : n);

// ---------------------------------------------------------------------------------------------
// Statements

interface Binding {
  name: string;
  value: GoNode;
  pos: number;
  tok: GoToken;
  /** Position in a multi-value assignment (`c, err := smtp.Dial(...)`: c is 0). */
  index: number;
  multi: boolean;
  /** Declared at package level (outside any braces). */
  top: boolean;
}

interface FieldAssign {
  obj: string;
  field: string;
  value: GoNode;
  pos: number;
  tok: GoToken;
}

interface Program {
  src: string;
  bindings: Map<string, Binding[]>;
  fields: FieldAssign[];
  roots: GoNode[];
  /** Import alias → import path. */
  imports: Map<string, string>;
}

function readProgram(src: string): Program {
  const toks = tokenizeGo(src);
  const match = matchBrackets(toks);
  const braceDepth = new Array<number>(toks.length).fill(0);
  for (let i = 0, d = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'op' && t.text === '}') d = Math.max(0, d - 1);
    braceDepth[i] = d;
    if (t.type === 'op' && t.text === '{') d++;
  }
  const tokIndex = new Map<number, number>();
  toks.forEach((t, i) => tokIndex.set(t.start, i));
  const isTop = (t: GoToken) => braceDepth[tokIndex.get(t.start) ?? 0] === 0;
  const prog: Program = { src, bindings: new Map(), fields: [], roots: [], imports: new Map() };
  const seenRoots = new Set<number>();
  const addRoot = (n: GoNode) => {
    const key = n.a.start * 7919 + n.b.end;
    if (seenRoots.has(key)) return;
    seenRoots.add(key);
    prog.roots.push(n);
  };
  const seenBind = new Set<number>();
  const bind = (target: GoNode, value: GoNode, index: number, multi: boolean) => {
    if (seenBind.has(target.a.start * 31 + index)) return;
    seenBind.add(target.a.start * 31 + index);
    if (target.t === 'ident') {
      if (target.id === '_') return;
      const list = prog.bindings.get(target.id) ?? [];
      list.push({
        name: target.id,
        value,
        pos: target.a.start,
        tok: target.a,
        index,
        multi,
        top: isTop(target.a),
      });
      prog.bindings.set(target.id, list);
    } else if (target.t === 'sel') {
      const obj = dotted(target.obj);
      if (obj !== undefined && !multi)
        prog.fields.push({
          obj,
          field: target.name,
          value,
          pos: target.a.start,
          tok: target.nameTok,
        });
      const name = dotted(target);
      if (name !== undefined) {
        const list = prog.bindings.get(name) ?? [];
        list.push({ name, value, pos: target.a.start, tok: target.a, index, multi, top: false });
        prog.bindings.set(name, list);
      }
    }
  };
  const assign = (lhs: GoNode[], rhs: GoNode[]) => {
    for (const r of rhs) addRoot(r);
    if (lhs.length === rhs.length) lhs.forEach((l, k) => bind(l, rhs[k], 0, false));
    else if (rhs.length === 1) lhs.forEach((l, k) => bind(l, rhs[0], k, true));
  };
  /** `var`/`const` specs starting at `i` (after the keyword). */
  const specs = (i: number, end: number) => {
    const one = (from: number, to: number) => {
      const names: GoNode[] = [];
      let k = from;
      while (k < to && toks[k].type === 'ident') {
        names.push({ t: 'ident', id: toks[k].text, a: toks[k], b: toks[k] });
        k++;
        if (toks[k]?.type === 'op' && toks[k].text === ',') k++;
        else break;
      }
      // Skip the type to '='.
      while (k < to && !(toks[k].type === 'op' && toks[k].text === '=')) {
        const tk = toks[k];
        k = tk.type === 'op' && '([{'.includes(tk.text) && match[k] > k ? match[k] + 1 : k + 1;
      }
      if (k >= to) return;
      const p = new Parser(toks, match, k + 1, to);
      assign(names, p.exprList());
    };
    if (toks[i]?.type === 'op' && toks[i].text === '(') {
      const c = match[i] > i ? match[i] : end;
      let s = i + 1;
      for (let k = i + 1; k <= c; k++) {
        const tk = toks[k];
        if (k === c || tk.type === 'semi') {
          if (k > s) one(s, k);
          s = k + 1;
        } else if (tk.type === 'op' && '([{'.includes(tk.text) && match[k] > k) k = match[k];
      }
      return;
    }
    let e = i;
    while (e < end && toks[e].type !== 'semi') {
      const tk = toks[e];
      e = tk.type === 'op' && '([{'.includes(tk.text) && match[e] > e ? match[e] + 1 : e + 1;
    }
    one(i, Math.min(e, end));
  };
  /** A simple statement at `i`: assignment or expression. */
  const simple = (i: number, header: boolean) => {
    const p = new Parser(toks, match, i, toks.length, header);
    const lhs = p.exprList();
    if (!lhs.length) return;
    const t = toks[p.i];
    if (t && t.type === 'op' && (t.text === ':=' || t.text === '=')) {
      p.i++;
      const rhs = p.exprList();
      assign(lhs, rhs);
      // `for k, v := range x`: nothing to bind.
    } else if (t && t.type === 'op' && /^[-+*/%&|^]=$|^<<=$|^>>=$|^&\^=$/.test(t.text)) {
      p.i++;
      for (const r of p.exprList()) addRoot(r);
    } else for (const l of lhs) addRoot(l);
  };
  let headerDepth = -1;
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const prev = toks[i - 1];
    if (t.type === 'op' && t.text === '{') {
      if (headerDepth === depth) headerDepth = -1;
      depth++;
    } else if (t.type === 'op' && t.text === '}') depth = Math.max(0, depth - 1);
    const start =
      !prev ||
      prev.type === 'semi' ||
      (prev.type === 'op' && (prev.text === '{' || prev.text === '}' || prev.text === ':'));
    if (t.type === 'ident' && t.text === 'import' && start) {
      readImports(toks, match, i + 1, prog.imports);
      continue;
    }
    if (
      !start &&
      !(prev?.type === 'ident' && /^(if|for|switch|return|go|defer|else)$/.test(prev.text))
    )
      continue;
    if (t.type === 'ident') {
      if (t.text === 'var' || t.text === 'const') {
        specs(i + 1, toks.length);
        continue;
      }
      if (t.text === 'if' || t.text === 'for' || t.text === 'switch') {
        headerDepth = depth;
        continue;
      }
      if (KEYWORDS.has(t.text) && !/^(return|go|defer)$/.test(t.text)) continue;
      if (/^(return|go|defer)$/.test(t.text)) continue; // the expression is read at i + 1
    }
    if (t.type === 'semi' || (t.type === 'op' && '{}):'.includes(t.text))) continue;
    simple(i, headerDepth === depth);
  }
  return prog;
}

function readImports(toks: GoToken[], match: number[], i: number, out: Map<string, string>): void {
  const one = (k: number): void => {
    let alias: string | undefined;
    if (toks[k]?.type === 'ident' || (toks[k]?.type === 'op' && toks[k].text === '.')) {
      alias = toks[k].text;
      k++;
    }
    const s = toks[k];
    if (s?.type !== 'string') return;
    const path = s.value ?? '';
    const name = alias ?? defaultName(path);
    if (name !== '_' && name !== '.') out.set(name, path);
  };
  if (toks[i]?.type === 'op' && toks[i].text === '(') {
    const c = match[i] > i ? match[i] : toks.length;
    let s = i + 1;
    for (let k = i + 1; k <= c && k < toks.length; k++) {
      if (k === c || toks[k].type === 'semi') {
        if (k > s) one(s);
        s = k + 1;
      }
    }
    return;
  }
  one(i);
}

function defaultName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? '';
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  last = last.replace(/\.v\d+$/, '').replace(/^go-/, '');
  return last.replace(/[^\w]/g, '_');
}

// ---------------------------------------------------------------------------------------------
// Values

type Lit = string | number | boolean | null;
type GoVal = { k: 'lit'; v: Lit } | { k: 'env'; name: string } | { k: 'opaque' };

const PKG: Record<string, string> = {
  'gopkg.in/gomail.v2': 'gomail',
  'gopkg.in/mail.v2': 'mailv2',
  'github.com/go-mail/mail': 'mailv2',
  'github.com/go-mail/mail/v2': 'mailv2',
  'net/smtp': 'smtp',
  'crypto/tls': 'tls',
  os: 'os',
  net: 'net',
  strconv: 'strconv',
  fmt: 'fmt',
};
const DEFAULT_ALIASES: Record<string, string> = {
  gomail: 'gomail',
  mail: 'mailv2',
  smtp: 'smtp',
  tls: 'tls',
  os: 'os',
  net: 'net',
  strconv: 'strconv',
  fmt: 'fmt',
};

class Ctx {
  constructor(
    readonly file: string,
    readonly prog: Program,
  ) {}

  text(n: GoNode): string {
    return this.prog.src.slice(n.a.start, Math.max(n.a.start, n.b.end));
  }

  /** `gomail.NewDialer` → `gomail.NewDialer`; `m.NewDialer` with `m "gopkg.in/mail.v2"` → `mailv2.NewDialer`. */
  canon(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const i = name.indexOf('.');
    if (i < 0) return name;
    const head = name.slice(0, i);
    const path = this.prog.imports.get(head);
    const pkg = path !== undefined ? (PKG[path] ?? `?${path}`) : DEFAULT_ALIASES[head];
    return pkg ? pkg + name.slice(i) : name;
  }

  resolve(name: string, pos: number): Binding | undefined {
    const list = this.prog.bindings.get(name);
    if (!list) return undefined;
    let best: Binding | undefined;
    for (const b of list) if (b.pos < pos) best = b;
    // A package-level binding written after its use still applies.
    return best ?? list.find((b) => b.top);
  }

  loc(t: GoToken): Location {
    return { file: this.file, line: t.line, column: t.col };
  }
}

function evaluate(ctx: Ctx, n: GoNode, pos: number, depth = 0): GoVal {
  if (depth > 25) return { k: 'opaque' };
  const ev = (m: GoNode) => evaluate(ctx, m, pos, depth + 1);
  switch (n.t) {
    case 'str':
      return { k: 'lit', v: n.value };
    case 'num':
      return Number.isNaN(n.value) ? { k: 'opaque' } : { k: 'lit', v: n.value };
    case 'ident': {
      if (n.id === 'true' || n.id === 'false') return { k: 'lit', v: n.id === 'true' };
      if (n.id === 'nil') return { k: 'lit', v: null };
      const b = ctx.resolve(n.id, pos);
      if (!b || b.value === n || (b.multi && !isConversion(ctx, b.value))) return { k: 'opaque' };
      return evaluate(ctx, b.value, b.pos, depth + 1);
    }
    case 'call': {
      const c = ctx.canon(dotted(n.fn));
      if ((c === 'os.Getenv' || c === 'os.LookupEnv') && n.args[0]) {
        const name = ev(n.args[0]);
        return name.k === 'lit' && typeof name.v === 'string'
          ? { k: 'env', name: name.v }
          : { k: 'opaque' };
      }
      if (isConversion(ctx, n) && n.args[0]) {
        const v = ev(n.args[0]);
        if (
          v.k === 'lit' &&
          typeof v.v === 'string' &&
          /^(strconv\.Atoi|strconv\.Parse(Int|Uint))$/.test(c ?? '')
        )
          return /^-?\d+$/.test(v.v.trim()) ? { k: 'lit', v: Number(v.v.trim()) } : { k: 'opaque' };
        if (v.k === 'lit' && typeof v.v === 'string' && c === 'strconv.ParseBool')
          return /^(1|t|T|TRUE|true|True)$/.test(v.v)
            ? { k: 'lit', v: true }
            : { k: 'lit', v: false };
        return v;
      }
      return { k: 'opaque' };
    }
    case 'bin': {
      if (n.op !== '+') return { k: 'opaque' };
      const l = ev(n.left);
      const r = ev(n.right);
      if (l.k === 'lit' && r.k === 'lit') {
        if (typeof l.v === 'string' && typeof r.v === 'string') return { k: 'lit', v: l.v + r.v };
        if (typeof l.v === 'number' && typeof r.v === 'number') return { k: 'lit', v: l.v + r.v };
      }
      return { k: 'opaque' };
    }
    case 'unary':
      if (n.op === '-') {
        const v = ev(n.arg);
        if (v.k === 'lit' && typeof v.v === 'number') return { k: 'lit', v: -v.v };
      }
      return { k: 'opaque' };
    default:
      return { k: 'opaque' };
  }
}

function isConversion(ctx: Ctx, n: GoNode): boolean {
  if (n.t !== 'call') return false;
  const c = ctx.canon(dotted(n.fn)) ?? '';
  return /^(strconv\.(Atoi|ParseInt|ParseUint|ParseBool)|u?int(8|16|32|64)?|string)$/.test(c);
}

function scalar(ctx: Ctx, v: GoVal, n: GoNode): Scalar {
  if (v.k === 'lit') return v.v;
  if (v.k === 'env') return envRef(v.name);
  return opaque(ctx.text(n));
}

/** An argument as an entry; a name bound elsewhere is read from (and located at) its binding. */
function entryOf(ctx: Ctx, node: GoNode, pos: number, key: string): Entry {
  let expr = node;
  let at = node.a;
  let keyName = key;
  let p = pos;
  for (let hops = 0; (expr.t === 'ident' || expr.t === 'sel') && hops < 10; hops++) {
    const d = dotted(expr);
    if (d === undefined || d === 'true' || d === 'false' || d === 'nil') break;
    const b = ctx.resolve(d, p);
    if (!b || (b.multi && !isConversion(ctx, b.value))) break;
    keyName = b.name;
    at = b.tok;
    p = b.pos;
    expr = b.value;
  }
  const v = evaluate(ctx, expr, p);
  return codeEntry(
    [keyName],
    scalar(ctx, v, expr),
    ctx.text(expr),
    at.line,
    at.col,
    expr.t === 'str',
  );
}

// ---------------------------------------------------------------------------------------------
// The reader

export function readGo(file: string, text: string): CodeResult {
  try {
    return read(file, text);
  } catch (err) {
    const r = emptyResult();
    r.diagnostics.push(
      `Go reader skipped the file: ${err instanceof Error ? err.message : String(err)}`,
    );
    return r;
  }
}

interface Site {
  node: GoNode;
  /** The variable it is bound to. */
  bound?: string;
}

function read(file: string, text: string): CodeResult {
  const result = emptyResult();
  if (!/Dialer|smtp|SendMail/.test(text)) return result;
  const prog = readProgram(text);
  const ctx = new Ctx(file, prog);
  // Every call and composite literal, with the variable its value is bound to.
  const boundOf = new Map<GoNode, string>();
  for (const list of prog.bindings.values())
    for (const b of list) if (b.index === 0) boundOf.set(strip(b.value), b.name);
  const sites: Site[] = [];
  const seen = new Set<GoNode>();
  const walk = (n: GoNode, depth: number) => {
    if (depth > 200 || seen.has(n)) return;
    seen.add(n);
    if (n.t === 'call' || n.t === 'composite') sites.push({ node: n, bound: boundOf.get(n) });
    for (const c of children(n)) walk(c, depth + 1);
  };
  for (const r of prog.roots) walk(r, 0);
  sites.sort((a, b) => a.node.a.start - b.node.a.start);
  for (const d of dialers(ctx, sites)) result.drafts.push(gomailDraft(d));
  for (const c of netSmtp(ctx, sites)) result.drafts.push(netSmtpDraft(c));
  return result;
}

function methodCalls(sites: Site[], name: string): (Site & { node: GoNode & { t: 'call' } })[] {
  return sites.filter(
    (s): s is Site & { node: GoNode & { t: 'call' } } =>
      s.node.t === 'call' && s.node.fn.t === 'sel' && s.node.fn.name === name,
  );
}

const objOf = (n: GoNode & { t: 'call' }): string | undefined =>
  n.fn.t === 'sel' ? dotted(n.fn.obj) : undefined;

function dialers(ctx: Ctx, sites: Site[]): GoDialer[] {
  const out: GoDialer[] = [];
  const found = sites.filter((s) => {
    const n = s.node;
    if (n.t === 'call')
      return /^(gomail|mailv2)\.New(Plain)?Dialer$/.test(ctx.canon(dotted(n.fn)) ?? '');
    return n.t === 'composite' && /^(gomail|mailv2)\.Dialer$/.test(ctx.canon(dotted(n.type)) ?? '');
  });
  found.forEach((s, idx) => {
    const n = s.node;
    const lib = (
      ctx.canon(dotted(n.t === 'call' ? n.fn : n.t === 'composite' ? n.type : undefined)) ?? ''
    ).startsWith('gomail')
      ? 'gomail'
      : 'mail.v2';
    const callTok = n.t === 'call' && n.fn.t === 'sel' ? n.fn.nameTok : n.a;
    const d: GoDialer = {
      file: ctx.file,
      lib,
      at: ctx.loc(callTok),
      call: n.t === 'call' ? ctx.text(n.fn) : `${ctx.text((n as { type: GoNode }).type)}{}`,
      viaNewDialer: n.t === 'call',
    };
    const pos = n.a.start;
    const fields = new Map<string, { value: GoNode; tok: GoToken; pos: number }>();
    if (n.t === 'call') {
      const [h, p, u, pw] = n.args;
      if (h) d.host = entryOf(ctx, h, pos, 'host');
      if (p) d.port = entryOf(ctx, p, pos, 'port');
      if (u) d.user = entryOf(ctx, u, pos, 'username');
      if (pw) d.password = entryOf(ctx, pw, pos, 'password');
    } else if (n.t === 'composite') {
      for (const e of n.elems) {
        const k = e.key?.t === 'ident' ? e.key.id : undefined;
        if (k) fields.set(k, { value: e.value, tok: e.key!.a, pos });
      }
    }
    // Field assignments on the bound variable, up to its next dialer.
    if (s.bound !== undefined) {
      const next = found.slice(idx + 1).find((x) => x.bound === s.bound);
      const end = next ? next.node.a.start : Infinity;
      for (const f of ctx.prog.fields) {
        if (f.obj !== s.bound || f.pos < pos || f.pos >= end) continue;
        fields.set(f.field, { value: f.value, tok: f.tok, pos: f.pos });
      }
    }
    const field = (name: string, key: string): Entry | undefined => {
      const f = fields.get(name);
      if (!f) return undefined;
      const e = entryOf(ctx, f.value, f.pos, key);
      // The location of the field, not of the value.
      return { ...e, line: f.tok.line, column: f.tok.col, path: [name] };
    };
    d.host = field('Host', 'Host') ?? d.host;
    d.port = field('Port', 'Port') ?? d.port;
    d.user = field('Username', 'Username') ?? d.user;
    d.password = field('Password', 'Password') ?? d.password;
    d.ssl = field('SSL', 'SSL');
    const pol = fields.get('StartTLSPolicy');
    if (pol) {
      const c = ctx.canon(dotted(pol.value)) ?? '';
      const m = /^mailv2\.(OpportunisticStartTLS|MandatoryStartTLS|NoStartTLS)$/.exec(c);
      d.policy = {
        entry: codeEntry(
          ['StartTLSPolicy'],
          ctx.text(pol.value),
          ctx.text(pol.value),
          pol.tok.line,
          pol.tok.col,
        ),
        name: m
          ? (m[1] as 'OpportunisticStartTLS' | 'MandatoryStartTLS' | 'NoStartTLS')
          : undefined,
      };
    }
    const tlsF = fields.get('TLSConfig');
    if (tlsF) d.tls = tlsInfo(ctx, tlsF.value, tlsF.pos);
    out.push(d);
  });
  return out;
}

/** What a `*tls.Config` expression does to verification. */
function tlsInfo(ctx: Ctx, node: GoNode | undefined, pos: number): GoTlsInfo | undefined {
  if (!node) return undefined;
  let expr = strip(node);
  let name: string | undefined;
  let p = pos;
  for (let hops = 0; (expr.t === 'ident' || expr.t === 'sel') && hops < 10; hops++) {
    const d = dotted(expr);
    if (d === undefined || d === 'nil') break;
    const b = ctx.resolve(d, p);
    if (!b || b.multi) break;
    name = d;
    p = b.pos;
    expr = strip(b.value);
  }
  const fields: { key: string; value: GoNode; tok: GoToken; pos: number }[] = [];
  let known = false;
  if (expr.t === 'composite' && /^tls\.Config$/.test(ctx.canon(dotted(expr.type)) ?? '')) {
    known = true;
    for (const e of expr.elems)
      if (e.key?.t === 'ident')
        fields.push({ key: e.key.id, value: e.value, tok: e.key.a, pos: p });
  } else if (expr.t === 'ident' && expr.id === 'nil') return undefined;
  if (name !== undefined)
    for (const f of ctx.prog.fields)
      if (f.obj === name && f.pos > p)
        fields.push({ key: f.field, value: f.value, tok: f.tok, pos: f.pos });
  const offs: { at: Location; raw: string }[] = [];
  let min: GoTlsInfo['minTls'];
  for (const f of fields) {
    const raw = `${f.key}: ${ctx.text(f.value)}`;
    if (f.key === 'InsecureSkipVerify') {
      const v = evaluate(ctx, f.value, f.pos);
      if (v.k === 'lit' && v.v === true) offs.push({ at: ctx.loc(f.tok), raw });
    }
    if (f.key === 'MinVersion') {
      const c = ctx.canon(dotted(f.value)) ?? '';
      const m = /^tls\.Version(TLS1[0-3]|SSL30)$/.exec(c);
      if (m && !min) {
        const value = m[1] === 'SSL30' ? 'SSLv3' : `TLSv1.${m[1].slice(-1)}`;
        min = { value, at: ctx.loc(f.tok), raw };
      }
    }
  }
  if (offs.length)
    return {
      verify: false,
      at: offs[0].at,
      raw: offs[0].raw,
      also: offs.slice(1).map((o) => o.at),
      minTls: min,
    };
  return {
    verify: known ? true : undefined,
    at: ctx.loc(expr.a),
    raw: ctx.text(expr),
    also: [],
    minTls: min,
  };
}

interface Address {
  host?: Entry;
  port?: Entry;
}

/** `"host:587"`, `host + ":" + port`, `fmt.Sprintf("%s:%d", host, port)`, `net.JoinHostPort(h, p)`. */
function address(ctx: Ctx, node: GoNode, pos: number, depth = 0): Address {
  if (depth > 10) return {};
  let expr = node;
  let at = node.a;
  let p = pos;
  let keyName = 'addr';
  for (let hops = 0; expr.t === 'ident' && hops < 10; hops++) {
    const b = ctx.resolve(expr.id, p);
    if (!b || b.multi) break;
    keyName = b.name;
    at = b.tok;
    p = b.pos;
    expr = b.value;
  }
  const split = (text: string, quoted: boolean): Address => {
    const m = /^(.*):(\d+)$/.exec(text.trim());
    const h = m ? m[1].replace(/^\[|\]$/g, '') : text;
    const out: Address = { host: codeEntry([keyName], h, text, at.line, at.col, quoted) };
    if (m) out.port = codeEntry([keyName], m[2], m[2], at.line, at.col, quoted);
    return out;
  };
  if (expr.t === 'str') return split(expr.value, true);
  if (expr.t === 'call') {
    const c = ctx.canon(dotted(expr.fn));
    if (c === 'net.JoinHostPort' && expr.args.length >= 2)
      return {
        host: entryOf(ctx, expr.args[0], p, 'host'),
        port: entryOf(ctx, expr.args[1], p, 'port'),
      };
    if (c === 'fmt.Sprintf' && expr.args[0]?.t === 'str') {
      const fmt = expr.args[0].value;
      const m = /^(.*):(.*)$/.exec(fmt);
      const verbs = (s: string) => (s.match(/%[-+# 0-9.]*[a-zA-Z]/g) ?? []).length;
      if (m && verbs(m[1]) <= 1 && verbs(m[2]) <= 1) {
        const hv = verbs(m[1]);
        const hostArg = hv ? expr.args[1] : undefined;
        const portArg = verbs(m[2]) ? expr.args[1 + hv] : undefined;
        const out: Address = {};
        out.host = hostArg
          ? entryOf(ctx, hostArg, p, 'host')
          : codeEntry([keyName], m[1], m[1], at.line, at.col, true);
        if (portArg) out.port = entryOf(ctx, portArg, p, 'port');
        else if (/^\d+$/.test(m[2]))
          out.port = codeEntry([keyName], m[2], m[2], at.line, at.col, true);
        return out;
      }
    }
  }
  if (expr.t === 'bin' && expr.op === '+') {
    // Flatten the concatenation and split it at the ':' literal.
    const parts: GoNode[] = [];
    const flat = (n: GoNode) => {
      if (n.t === 'bin' && n.op === '+') {
        flat(n.left);
        flat(n.right);
      } else parts.push(n);
    };
    flat(expr);
    const colon = parts.findIndex((x) => x.t === 'str' && x.value.includes(':'));
    if (colon >= 0) {
      const s = parts[colon] as GoNode & { t: 'str' };
      const ci = s.value.lastIndexOf(':');
      const before = s.value.slice(0, ci);
      const after = s.value.slice(ci + 1);
      const out: Address = {};
      const hostParts = parts.slice(0, colon);
      if (hostParts.length === 1 && !before) out.host = entryOf(ctx, hostParts[0], p, 'host');
      else if (!hostParts.length)
        out.host = codeEntry([keyName], before, before, s.a.line, s.a.col, true);
      else out.host = codeEntry([keyName], opaque(ctx.text(expr)), ctx.text(expr), at.line, at.col);
      const portParts = parts.slice(colon + 1);
      if (portParts.length === 1 && !after) out.port = entryOf(ctx, portParts[0], p, 'port');
      else if (!portParts.length && /^\d+$/.test(after))
        out.port = codeEntry([keyName], after, after, s.a.line, s.a.col, true);
      return out;
    }
  }
  const v = evaluate(ctx, expr, p);
  if (v.k === 'lit' && typeof v.v === 'string') return split(v.v, false);
  const e = codeEntry([keyName], scalar(ctx, v, expr), ctx.text(expr), at.line, at.col);
  return { host: e, port: { ...e } };
}

function authOf(ctx: Ctx, node: GoNode | undefined, pos: number): GoAuth | undefined {
  if (!node) return undefined;
  let expr = node;
  let p = pos;
  for (let hops = 0; (expr.t === 'ident' || expr.t === 'sel') && hops < 10; hops++) {
    const d = dotted(expr);
    if (d === undefined || d === 'nil') break;
    const b = ctx.resolve(d, p);
    if (!b || b.multi) break;
    p = b.pos;
    expr = b.value;
  }
  if (expr.t === 'ident' && expr.id === 'nil') return undefined;
  if (expr.t !== 'call') return { kind: 'other', at: ctx.loc(expr.a) };
  const c = ctx.canon(dotted(expr.fn)) ?? '';
  const at = ctx.loc(expr.fn.t === 'sel' ? expr.fn.nameTok : expr.a);
  const a = expr.args;
  if (c === 'smtp.PlainAuth')
    return {
      kind: 'plain',
      at,
      user: a[1] ? entryOf(ctx, a[1], p, 'username') : undefined,
      password: a[2] ? entryOf(ctx, a[2], p, 'password') : undefined,
      host: a[3] ? entryOf(ctx, a[3], p, 'host') : undefined,
    };
  if (c === 'smtp.CRAMMD5Auth')
    return {
      kind: 'crammd5',
      at,
      user: a[0] ? entryOf(ctx, a[0], p, 'username') : undefined,
      password: a[1] ? entryOf(ctx, a[1], p, 'secret') : undefined,
    };
  if (/login/i.test(c) && a.length >= 2)
    return {
      kind: 'login',
      at,
      user: entryOf(ctx, a[0], p, 'username'),
      password: entryOf(ctx, a[1], p, 'password'),
    };
  return { kind: 'other', at };
}

function netSmtp(ctx: Ctx, sites: Site[]): NetSmtpConnection[] {
  const out: NetSmtpConnection[] = [];
  const calls = sites.filter(
    (s): s is Site & { node: GoNode & { t: 'call' } } => s.node.t === 'call',
  );
  const canonOf = (s: Site & { node: GoNode & { t: 'call' } }) =>
    ctx.canon(dotted(s.node.fn)) ?? '';
  const nameTok = (n: GoNode & { t: 'call' }) => (n.fn.t === 'sel' ? n.fn.nameTok : n.a);
  for (const s of calls) {
    if (canonOf(s) !== 'smtp.SendMail' || !s.node.args[0]) continue;
    const pos = s.node.a.start;
    const addr = address(ctx, s.node.args[0], pos);
    out.push({
      file: ctx.file,
      kind: 'sendmail',
      at: ctx.loc(nameTok(s.node)),
      call: ctx.text(s.node.fn),
      ...addr,
      auth: authOf(ctx, s.node.args[1], pos),
    });
  }
  const clients = calls.filter(
    (s) => canonOf(s) === 'smtp.Dial' || canonOf(s) === 'smtp.NewClient',
  );
  const starts = methodCalls(sites, 'StartTLS');
  const auths = methodCalls(sites, 'Auth');
  const exts = methodCalls(sites, 'Extension');
  clients.forEach((s, idx) => {
    const pos = s.node.a.start;
    const next = clients.slice(idx + 1).find((x) => x.bound !== undefined && x.bound === s.bound);
    const end = next ? next.node.a.start : Infinity;
    const mine = (c: Site & { node: GoNode & { t: 'call' } }) =>
      s.bound !== undefined &&
      objOf(c.node) === s.bound &&
      c.node.a.start > pos &&
      c.node.a.start < end;
    const conn: NetSmtpConnection = {
      file: ctx.file,
      kind: 'dial',
      at: ctx.loc(nameTok(s.node)),
      call: ctx.text(s.node.fn),
    };
    if (canonOf(s) === 'smtp.Dial') {
      if (!s.node.args[0]) return;
      Object.assign(conn, address(ctx, s.node.args[0], pos));
    } else {
      // smtp.NewClient(conn, host): follow conn to its dial.
      const [connArg, hostArg] = s.node.args;
      let dial: (GoNode & { t: 'call' }) | undefined;
      if (connArg?.t === 'ident') {
        const b = ctx.resolve(connArg.id, pos);
        if (b && b.value.t === 'call') dial = b.value;
      } else if (connArg?.t === 'call') dial = connArg;
      const dc = dial ? (ctx.canon(dotted(dial.fn)) ?? '') : '';
      const addrArg =
        dc === 'tls.Dial' || dc === 'net.Dial' || dc === 'net.DialTimeout'
          ? dial?.args[1]
          : dc === 'tls.DialWithDialer'
            ? dial?.args[2]
            : dial && /\.Dial(Context)?$/.test(dc)
              ? dial.args[dial.args.length - 1]
              : undefined;
      if (dial && addrArg) Object.assign(conn, address(ctx, addrArg, dial.a.start));
      else if (hostArg) conn.host = entryOf(ctx, hostArg, pos, 'host');
      else return;
      if (dc === 'tls.Dial' || dc === 'tls.DialWithDialer') {
        conn.kind = 'tls-dial';
        conn.at = ctx.loc(dial!.fn.t === 'sel' ? dial!.fn.nameTok : dial!.a);
        conn.call = ctx.text(dial!.fn);
        const cfg = dc === 'tls.Dial' ? dial!.args[2] : dial!.args[3];
        conn.tls = tlsInfo(ctx, cfg, dial!.a.start);
      }
    }
    const st = starts.find(mine);
    if (st) {
      const ext = exts.find(
        (e) =>
          mine(e) &&
          e.node.a.start < st.node.a.start &&
          e.node.args[0]?.t === 'str' &&
          /^starttls$/i.test((e.node.args[0] as { value: string }).value),
      );
      conn.starttls = {
        at: ctx.loc(nameTok(st.node)),
        tls: tlsInfo(ctx, st.node.args[0], st.node.a.start),
        opportunistic: !!ext,
      };
    }
    const au = auths.find(mine);
    if (au) conn.auth = authOf(ctx, au.node.args[0], au.node.a.start);
    out.push(conn);
  });
  return out;
}
