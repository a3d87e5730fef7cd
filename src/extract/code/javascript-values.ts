/**
 * The JavaScript/TypeScript reader's view of one module: a walk of the Babel AST that records
 * declarations with their scopes, and an evaluator that turns an expression into a value by the
 * code readers' convention (common.ts): literals as themselves, env reads as `${NAME}` /
 * `${NAME:-default}`, anything else opaque. Pure and bounded: depth-limited, never throws on
 * well-formed Babel nodes.
 */
import type * as t from '@babel/types';
import { envRef, opaque } from './common.js';

export type Lit = string | number | boolean | null;

/**
 * A value as the reader understands it.
 * - `lit`: known statically;
 * - `undef`: `undefined` (the option is absent);
 * - `env`: read from the environment; `def` is the value when the variable is unset (when the
 *   expression gives one); `raw` is true when the variable's text reaches the option unconverted
 *   (a string: the truthiness trap for boolean options);
 * - `opaque`: anything else, named by its source text.
 */
export type JsVal =
  | { k: 'lit'; v: Lit }
  | { k: 'undef' }
  | { k: 'env'; name: string; def?: Lit; raw: boolean }
  | { k: 'opaque'; text: string };

/** A value as an Entry scalar by the convention (undefined: the option is absent). */
export function scalarOf(v: JsVal): string | number | boolean | null | undefined {
  if (v.k === 'lit') return v.v;
  if (v.k === 'env') return envRef(v.name, v.def === null ? undefined : v.def);
  if (v.k === 'opaque') return opaque(v.text);
  return undefined;
}

/** A node with its ancestors (the walk keeps the chain instead of a parent map). */
export interface Item {
  node: t.Node;
  up?: Item;
}

interface Decl {
  name: string;
  start: number;
  end: number;
  pos: number;
  init?: t.Node;
  /** `const { KEY: name = def } = source`. */
  from?: { source: t.Node; key: string; def?: t.Node };
}

const MAX_DEPTH = 24;
const SKIP_KEYS = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'range',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'errors',
  'tokens',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
]);

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
const BLOCKS = new Set([
  'BlockStatement',
  'Program',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'SwitchStatement',
  'StaticBlock',
  'TSModuleBlock',
  'CatchClause',
]);
const WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'ParenthesizedExpression',
  'TypeCastExpression',
]);

/** Strip TypeScript/Flow wrappers and parentheses: `(x as Options)!` → `x`. */
export function unwrap(node: t.Node | null | undefined): t.Node | undefined {
  let n = node ?? undefined;
  for (let i = 0; n && WRAPPERS.has(n.type) && i < 50; i++)
    n = (n as { expression: t.Node }).expression;
  return n;
}

/** The name of a property key (`host`, `'host'`, `["host"]`), or undefined when computed. */
export function keyName(p: t.Node): string | undefined {
  const prop = p as { key?: t.Node; computed?: boolean };
  const k = prop.key;
  if (!k) return undefined;
  if (k.type === 'Identifier' && !prop.computed) return k.name;
  if (k.type === 'StringLiteral') return k.value;
  if (k.type === 'NumericLiteral') return String(k.value);
  if (k.type === 'TemplateLiteral' && k.expressions.length === 0)
    return k.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
  return undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Bun.env.X` → `X`. */
export function envNameOf(node: t.Node | undefined): string | undefined {
  const n = unwrap(node);
  if (!n || (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression')) return;
  if (!isEnvObject(n.object)) return;
  return memberKey(n);
}

function memberKey(n: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const p = n.property;
  if (!n.computed && p.type === 'Identifier') return p.name;
  if (p.type === 'StringLiteral') return p.value;
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0)
    return p.quasis.map((q) => q.value.cooked ?? '').join('');
  return undefined;
}

/** `process.env`, `import.meta.env`, `Bun.env`, `Deno.env` (as an object). */
export function isEnvObject(node: t.Node | undefined): boolean {
  const n = unwrap(node);
  if (!n || (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression')) return false;
  if (memberKey(n) !== 'env') return false;
  const o = unwrap(n.object);
  if (!o) return false;
  if (o.type === 'Identifier') return o.name === 'process' || o.name === 'Bun';
  if (o.type === 'MetaProperty') return o.meta.name === 'import' && o.property.name === 'meta';
  if (o.type === 'MemberExpression' && o.object.type === 'Identifier')
    return o.object.name === 'globalThis' && memberKey(o) === 'process';
  return false;
}

/** JavaScript truthiness of a literal. */
export function truthy(v: Lit): boolean {
  return !!v;
}

const ENV_HELPER =
  /^(?:get|read|require)?_?env(?:var|iron|ironment)?(?:str|string|num|number|int|bool)?$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class JsModule {
  readonly text: string;
  private readonly lineStarts: number[] = [0];
  private readonly decls = new Map<string, Decl[]>();
  private readonly assigned = new Map<string, number[]>();
  /** Every call expression, with its ancestors. */
  readonly calls: Item[] = [];
  /** Every object literal, with its ancestors. */
  readonly objects: Item[] = [];
  /** Module names imported or required (`nodemailer`, `@nestjs-modules/mailer`...). */
  readonly imports = new Set<string>();
  readonly lineCount: number;
  /** Object literals `objectOf` has resolved (so a config object read through a call is not read again). */
  readonly touched = new Set<t.Node>();
  /** Evaluation steps left: bindings can nest exponentially (`const b = a + a`...). */
  private steps = 500_000;

  constructor(text: string, roots: t.Node[]) {
    this.text = text;
    const re = /\r\n|\r|\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) this.lineStarts.push(m.index + m[0].length);
    this.lineCount = this.lineStarts.length;
    for (const r of roots) this.walk(r);
  }

  /** 1-based line and column of an offset, counting lines as the rest of the tool does. */
  pos(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  /** Source text of a node, whitespace collapsed, capped. */
  src(node: t.Node, max = 120): string {
    const s = this.text
      .slice(node.start ?? 0, node.end ?? 0)
      .replace(/\s+/g, ' ')
      .trim();
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  /** Add a declaration found outside the walk (the fallback scan of an unparsable file). */
  declare(name: string, init: t.Node): void {
    this.addDecl({ name, start: 0, end: this.text.length + 1, pos: init.start ?? 0, init });
  }

  private addDecl(d: Decl): void {
    const list = this.decls.get(d.name);
    if (list) list.push(d);
    else this.decls.set(d.name, [d]);
  }

  private walk(root: t.Node): void {
    const stack: Item[] = [{ node: root }];
    let budget = 2_000_000;
    while (stack.length && budget-- > 0) {
      const item = stack.pop() as Item;
      this.visit(item);
      const node = item.node as unknown as Record<string, unknown>;
      const kids: Item[] = [];
      for (const key of Object.keys(node)) {
        if (SKIP_KEYS.has(key)) continue;
        const v = node[key];
        if (Array.isArray(v)) {
          for (const c of v)
            if (c && typeof c === 'object' && typeof (c as t.Node).type === 'string')
              kids.push({ node: c as t.Node, up: item });
        } else if (v && typeof v === 'object' && typeof (v as t.Node).type === 'string') {
          kids.push({ node: v as t.Node, up: item });
        }
      }
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }

  private scopeOf(item: Item, fn: boolean): [number, number] {
    for (let u = item.up; u; u = u.up) {
      const ty = u.node.type;
      if (FUNCTIONS.has(ty) || ty === 'Program' || (!fn && BLOCKS.has(ty)))
        return [u.node.start ?? 0, u.node.end ?? this.text.length];
    }
    return [0, this.text.length + 1];
  }

  private patternNames(p: t.Node | null | undefined, out: t.Identifier[], depth = 0): void {
    if (!p || depth > 20) return;
    switch (p.type) {
      case 'Identifier':
        out.push(p);
        break;
      case 'AssignmentPattern':
        this.patternNames(p.left, out, depth + 1);
        break;
      case 'RestElement':
        this.patternNames(p.argument, out, depth + 1);
        break;
      case 'ArrayPattern':
        for (const e of p.elements) this.patternNames(e, out, depth + 1);
        break;
      case 'ObjectPattern':
        for (const pr of p.properties)
          this.patternNames(pr.type === 'RestElement' ? pr : (pr.value as t.Node), out, depth + 1);
        break;
      case 'TSParameterProperty':
        this.patternNames(p.parameter, out, depth + 1);
        break;
      default:
        break;
    }
  }

  private opaqueDecls(p: t.Node | null | undefined, scope: [number, number]): void {
    const ids: t.Identifier[] = [];
    this.patternNames(p, ids);
    for (const id of ids)
      this.addDecl({ name: id.name, start: scope[0], end: scope[1], pos: id.start ?? 0 });
  }

  private visit(item: Item): void {
    const n = item.node;
    switch (n.type) {
      case 'CallExpression':
      case 'OptionalCallExpression': {
        this.calls.push(item);
        const c = unwrap(n.callee);
        const a = n.arguments[0];
        if (c?.type === 'Identifier' && c.name === 'require' && a?.type === 'StringLiteral')
          this.imports.add(a.value);
        if (c?.type === 'Import' && a?.type === 'StringLiteral') this.imports.add(a.value);
        break;
      }
      case 'ImportExpression':
        if (n.source.type === 'StringLiteral') this.imports.add(n.source.value);
        break;
      case 'ObjectExpression':
        this.objects.push(item);
        break;
      case 'ImportDeclaration': {
        this.imports.add(n.source.value);
        const scope: [number, number] = [0, this.text.length + 1];
        for (const s of n.specifiers) this.opaqueDecls(s.local, scope);
        break;
      }
      case 'TSImportEqualsDeclaration': {
        const r = n.moduleReference;
        if (r.type === 'TSExternalModuleReference') this.imports.add(r.expression.value);
        break;
      }
      case 'VariableDeclarator': {
        const kind = item.up?.node.type === 'VariableDeclaration' ? item.up.node.kind : 'var';
        const scope = this.scopeOf(item, kind === 'var');
        const id = n.id;
        if (id.type === 'Identifier') {
          this.addDecl({
            name: id.name,
            start: scope[0],
            end: scope[1],
            pos: id.start ?? 0,
            init: n.init ?? undefined,
          });
        } else if (id.type === 'ObjectPattern' && n.init) {
          for (const pr of id.properties) {
            const key = pr.type === 'ObjectProperty' ? keyName(pr) : undefined;
            const v = pr.type === 'ObjectProperty' ? pr.value : undefined;
            if (key !== undefined && v?.type === 'Identifier')
              this.addDecl({
                name: v.name,
                start: scope[0],
                end: scope[1],
                pos: v.start ?? 0,
                from: { source: n.init, key },
              });
            else if (
              key !== undefined &&
              v?.type === 'AssignmentPattern' &&
              v.left.type === 'Identifier'
            )
              this.addDecl({
                name: v.left.name,
                start: scope[0],
                end: scope[1],
                pos: v.left.start ?? 0,
                from: { source: n.init, key, def: v.right },
              });
            else this.opaqueDecls(pr.type === 'RestElement' ? pr : v, scope);
          }
        } else this.opaqueDecls(id, scope);
        break;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassPrivateMethod': {
        const own: [number, number] = [n.start ?? 0, n.end ?? 0];
        for (const p of n.params) this.opaqueDecls(p, own);
        if (n.type === 'FunctionDeclaration' && n.id)
          this.opaqueDecls(n.id, this.scopeOf(item, false));
        if (n.type === 'FunctionExpression' && n.id) this.opaqueDecls(n.id, own);
        break;
      }
      case 'ClassDeclaration':
        if (n.id) this.opaqueDecls(n.id, this.scopeOf(item, false));
        break;
      case 'CatchClause':
        this.opaqueDecls(n.param, [n.start ?? 0, n.end ?? 0]);
        break;
      case 'AssignmentExpression': {
        const ids: t.Identifier[] = [];
        this.patternNames(n.left, ids);
        for (const id of ids) this.assign(id.name, id.start ?? 0);
        break;
      }
      case 'UpdateExpression':
        if (n.argument.type === 'Identifier') this.assign(n.argument.name, n.start ?? 0);
        break;
      default:
        break;
    }
  }

  private assign(name: string, at: number): void {
    const list = this.assigned.get(name);
    if (list) list.push(at);
    else this.assigned.set(name, [at]);
  }

  /** The declaration `name` refers to at `at` (innermost scope; the latest one before the use). */
  private resolve(name: string, at: number): Decl | undefined {
    const list = this.decls.get(name);
    if (!list) return undefined;
    let best: Decl[] = [];
    let width = Infinity;
    for (const d of list) {
      if (d.start > at || at >= d.end) continue;
      const w = d.end - d.start;
      if (w < width) {
        width = w;
        best = [d];
      } else if (w === width) best.push(d);
    }
    if (!best.length) return undefined;
    const before = best.filter((d) => d.pos <= at);
    return before.length ? before[before.length - 1] : best[0];
  }

  private reassigned(d: Decl): boolean {
    return (this.assigned.get(d.name) ?? []).some((p) => p >= d.start && p < d.end);
  }

  /** The expression an identifier is bound to (a `const`/`let`/`var` with an initialiser). */
  bindingOf(id: t.Identifier): Decl | undefined {
    const d = this.resolve(id.name, id.start ?? 0);
    if (!d || this.reassigned(d)) return undefined;
    return d;
  }

  /** The object literal an expression stands for (`cfg`, `cfg.smtp`, `Object.freeze({...})`). */
  objectOf(node: t.Node | null | undefined, depth = 0): t.ObjectExpression | undefined {
    const n = unwrap(node);
    if (!n || depth > MAX_DEPTH || --this.steps < 0) return undefined;
    if (n.type === 'ObjectExpression') {
      this.touched.add(n);
      return n;
    }
    if (n.type === 'Identifier') {
      const d = this.bindingOf(n);
      if (d?.init) return this.objectOf(d.init, depth + 1);
      if (d?.from) {
        const src = this.objectOf(d.from.source, depth + 1);
        const v = src && this.propertyOf(src, d.from.key, depth + 1);
        return v ? this.objectOf(v, depth + 1) : undefined;
      }
      return undefined;
    }
    if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      const key = memberKey(n);
      if (key === undefined) return undefined;
      const o = this.objectOf(n.object, depth + 1);
      const v = o && this.propertyOf(o, key, depth + 1);
      return v ? this.objectOf(v, depth + 1) : undefined;
    }
    // `cond ? { user, pass } : undefined`, `cond && { ... }`: the object is what is configured.
    if (n.type === 'ConditionalExpression' || n.type === 'LogicalExpression') {
      const [a, b] =
        n.type === 'ConditionalExpression' ? [n.consequent, n.alternate] : [n.right, n.left];
      const empty = (x: t.Node) => {
        const v = unwrap(x);
        return (
          !v ||
          v.type === 'NullLiteral' ||
          (v.type === 'Identifier' && v.name === 'undefined') ||
          (v.type === 'BooleanLiteral' && !v.value)
        );
      };
      if (n.type === 'LogicalExpression' && n.operator !== '&&')
        return this.objectOf(n.left, depth + 1) ?? this.objectOf(n.right, depth + 1);
      if (empty(b)) return this.objectOf(a, depth + 1);
      if (n.type === 'ConditionalExpression' && empty(a)) return this.objectOf(b, depth + 1);
      return undefined;
    }
    if (n.type === 'CallExpression') {
      const c = unwrap(n.callee);
      if (
        c?.type === 'MemberExpression' &&
        c.object.type === 'Identifier' &&
        c.object.name === 'Object' &&
        memberKey(c) === 'freeze'
      )
        return this.objectOf(n.arguments[0], depth + 1);
    }
    return undefined;
  }

  /** The value node of the last property `key` of an object literal (spreads followed). */
  propertyOf(o: t.ObjectExpression, key: string, depth = 0): t.Node | undefined {
    if (depth > MAX_DEPTH || --this.steps < 0) return undefined;
    for (let i = o.properties.length - 1; i >= 0; i--) {
      const p = o.properties[i];
      if (p.type === 'ObjectProperty' && keyName(p) === key) return p.value;
      if (p.type === 'SpreadElement') {
        const s = this.objectOf(p.argument, depth + 1);
        const v = s && this.propertyOf(s, key, depth + 1);
        if (v) return v;
        if (!s) return undefined;
      }
    }
    return undefined;
  }

  /** Evaluate an expression by the value convention. */
  value(node: t.Node | null | undefined, depth = 0): JsVal {
    const n = unwrap(node);
    if (!n) return { k: 'undef' };
    if (depth > MAX_DEPTH || --this.steps < 0) return { k: 'opaque', text: this.src(n) };
    const op = (): JsVal => ({ k: 'opaque', text: this.src(n) });
    switch (n.type) {
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
        return { k: 'lit', v: n.value };
      case 'NullLiteral':
        return { k: 'lit', v: null };
      case 'TemplateLiteral':
        return this.template(n, depth);
      case 'Identifier': {
        if (n.name === 'undefined') return { k: 'undef' };
        const d = this.bindingOf(n);
        if (!d) return op();
        return this.declValue(d, n, depth + 1);
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const env = envNameOf(n);
        if (env !== undefined) return { k: 'env', name: env, raw: true };
        const key = memberKey(n);
        if (key === undefined) return op();
        const o = this.objectOf(n.object, depth + 1);
        const v = o && this.propertyOf(o, key, depth + 1);
        return v ? this.value(v, depth + 1) : op();
      }
      case 'UnaryExpression':
        return this.unary(n, depth) ?? op();
      case 'LogicalExpression':
        return this.logical(n, depth) ?? op();
      case 'ConditionalExpression': {
        const test = this.value(n.test, depth + 1);
        if (test.k === 'lit') return this.value(test.v ? n.consequent : n.alternate, depth + 1);
        if (test.k === 'undef') return this.value(n.alternate, depth + 1);
        const c = this.value(n.consequent, depth + 1);
        const a = this.value(n.alternate, depth + 1);
        if (test.k === 'env' && c.k === 'lit' && a.k === 'lit') {
          const out: JsVal = { k: 'env', name: test.name, raw: false };
          if (test.def !== undefined) out.def = truthy(test.def) ? c.v : a.v;
          return out;
        }
        return op();
      }
      case 'BinaryExpression':
        return this.binary(n, depth) ?? op();
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.call(n, depth) ?? op();
      case 'SequenceExpression':
        return this.value(n.expressions[n.expressions.length - 1], depth + 1);
      case 'AwaitExpression':
        return op();
      default:
        return op();
    }
  }

  private declValue(d: Decl, use: t.Identifier, depth: number): JsVal {
    if (d.init) return this.value(d.init, depth);
    if (d.from) {
      if (isEnvObject(d.from.source)) {
        const out: JsVal = { k: 'env', name: d.from.key, raw: true };
        if (d.from.def) {
          const dv = this.value(d.from.def, depth + 1);
          if (dv.k === 'lit' && dv.v !== null) out.def = dv.v;
        }
        return out;
      }
      const o = this.objectOf(d.from.source, depth + 1);
      const v = o && this.propertyOf(o, d.from.key, depth + 1);
      if (v) return this.value(v, depth + 1);
      if (o && d.from.def) return this.value(d.from.def, depth + 1);
    }
    return { k: 'opaque', text: use.name };
  }

  /** A template literal: one expression alone is that value; otherwise text with `${...}` parts. */
  private template(n: t.TemplateLiteral, depth: number): JsVal {
    const cooked = n.quasis.map((q) => q.value.cooked ?? q.value.raw);
    if (n.expressions.length === 1 && cooked.every((c) => c === '')) {
      const v = this.value(n.expressions[0], depth + 1);
      if (v.k === 'lit') return { k: 'lit', v: String(v.v) };
      if (v.k === 'env')
        return { ...v, def: v.def === undefined ? undefined : String(v.def), raw: true };
      return v;
    }
    let s = cooked[0] ?? '';
    for (let i = 0; i < n.expressions.length; i++) {
      s += this.textPart(this.value(n.expressions[i] as t.Node, depth + 1));
      s += cooked[i + 1] ?? '';
    }
    return { k: 'lit', v: s };
  }

  /** A value spliced into text: a literal as itself, the rest as `${...}` references. */
  textPart(v: JsVal): string {
    if (v.k === 'lit') return String(v.v);
    if (v.k === 'undef') return 'undefined';
    if (v.k === 'env') return envRef(v.name, v.def === null ? undefined : v.def);
    // Spliced into a URL or host name: keep the unknown one token that cannot split it.
    return opaque(v.text.replace(/\s+/g, '').replace(/[/:@?#]/g, '_'));
  }

  private unary(n: t.UnaryExpression, depth: number): JsVal | undefined {
    if (n.operator === 'void') return { k: 'undef' };
    if (n.operator === '+' || n.operator === '-') {
      const v = toNumber(this.value(n.argument, depth + 1));
      if (n.operator === '+' || !v) return v;
      if (v.k === 'lit' && typeof v.v === 'number') return { k: 'lit', v: -v.v };
      return undefined;
    }
    if (n.operator === '!') {
      const inner = unwrap(n.argument);
      // `!!x`: JavaScript truthiness, the same trap as passing the string itself.
      if (inner?.type === 'UnaryExpression' && inner.operator === '!') {
        const v = this.value(inner.argument, depth + 1);
        return truthiness(v);
      }
      const v = this.value(n.argument, depth + 1);
      if (v.k === 'lit') return { k: 'lit', v: !v.v };
      if (v.k === 'undef') return { k: 'lit', v: true };
      if (v.k === 'env') {
        const out: JsVal = { k: 'env', name: v.name, raw: false };
        if (v.def !== undefined) out.def = !v.def;
        return out;
      }
    }
    return undefined;
  }

  private logical(n: t.LogicalExpression, depth: number): JsVal | undefined {
    const l = this.value(n.left, depth + 1);
    if (n.operator === '&&') {
      if (l.k === 'lit') return l.v ? this.value(n.right, depth + 1) : l;
      if (l.k === 'undef') return l;
      if (l.k === 'env') {
        const r = this.value(n.right, depth + 1);
        if (r.k === 'env') return { k: 'env', name: r.name, raw: r.raw };
      }
      return undefined;
    }
    const fallsThrough = (v: Lit) => (n.operator === '??' ? v === null : !v);
    if (l.k === 'lit') return fallsThrough(l.v) ? this.value(n.right, depth + 1) : l;
    if (l.k === 'undef') return this.value(n.right, depth + 1);
    if (l.k === 'env') {
      if (l.def !== undefined && !fallsThrough(l.def)) return l;
      const r = this.value(n.right, depth + 1);
      if (r.k === 'lit') return { ...l, def: r.v ?? undefined };
      if (r.k === 'env' && r.def !== undefined) return { ...l, def: r.def };
      const { def, ...rest } = l;
      void def;
      return rest;
    }
    return undefined;
  }

  private binary(n: t.BinaryExpression, depth: number): JsVal | undefined {
    if (n.left.type === 'PrivateName') return undefined;
    const op = n.operator;
    const l = this.value(n.left, depth + 1);
    const r = this.value(n.right, depth + 1);
    if (op === '===' || op === '!==' || op === '==' || op === '!=') {
      const cmp = (a: Lit | undefined, b: Lit | undefined): boolean => {
        const eq = op === '===' || op === '!==' ? a === b : a == b;
        return op.startsWith('!') ? !eq : eq;
      };
      const litOf = (v: JsVal): Lit | undefined | false =>
        v.k === 'lit' ? v.v : v.k === 'undef' ? undefined : false;
      const lv = litOf(l);
      const rv = litOf(r);
      if (lv !== false && rv !== false) return { k: 'lit', v: cmp(lv, rv) };
      const env = l.k === 'env' ? l : r.k === 'env' ? r : undefined;
      if (!env) return undefined;
      const other = env === l ? rv : lv;
      const out: JsVal = { k: 'env', name: env.name, raw: false };
      // Without the variable the comparison sees its default, or `undefined` when there is none:
      // that is the effective value (DESIGN.md §3), e.g. `process.env.X === 'true'` is false.
      if (other !== false) out.def = env === l ? cmp(env.def, other) : cmp(other, env.def);
      return out;
    }
    if (op === '+') {
      if (l.k === 'lit' && r.k === 'lit') {
        const a = l.v;
        const b = r.v;
        if (typeof a === 'string' || typeof b === 'string') return { k: 'lit', v: `${a}${b}` };
        if (typeof a === 'number' && typeof b === 'number') return { k: 'lit', v: a + b };
        return undefined;
      }
      const stringy = (v: JsVal) => v.k === 'lit' && typeof v.v === 'string';
      if (stringy(l) || stringy(r)) return { k: 'lit', v: this.textPart(l) + this.textPart(r) };
      return undefined;
    }
    if (['<', '>', '<=', '>='].includes(op)) {
      const env = l.k === 'env' ? l : r.k === 'env' ? r : undefined;
      if (env) return { k: 'env', name: env.name, raw: false };
    }
    return undefined;
  }

  private call(n: t.CallExpression | t.OptionalCallExpression, depth: number): JsVal | undefined {
    const c = unwrap(n.callee);
    const arg = n.arguments[0] as t.Node | undefined;
    if (!c) return undefined;
    const fname =
      c.type === 'Identifier'
        ? c.name
        : (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') &&
            unwrap(c.object)?.type === 'Identifier'
          ? `${(unwrap(c.object) as t.Identifier).name}.${memberKey(c) ?? ''}`
          : undefined;
    if (
      fname === 'Number' ||
      fname === 'parseInt' ||
      fname === 'parseFloat' ||
      fname === 'Number.parseInt' ||
      fname === 'Number.parseFloat'
    )
      return toNumber(this.value(arg, depth + 1));
    if (fname === 'String') {
      const v = this.value(arg, depth + 1);
      return v.k === 'lit' ? { k: 'lit', v: String(v.v) } : v;
    }
    if (fname === 'Boolean') return truthiness(this.value(arg, depth + 1));
    if (fname === 'JSON.parse') {
      const v = this.value(arg, depth + 1);
      if (v.k === 'lit') return typeof v.v === 'string' ? jsonScalar(v.v) : undefined;
      if (v.k === 'env') {
        const out: JsVal = { k: 'env', name: v.name, raw: false };
        if (v.def !== undefined) {
          const d: JsVal | undefined =
            typeof v.def === 'string' ? jsonScalar(v.def) : { k: 'lit', v: v.def };
          if (d?.k === 'lit') out.def = d.v;
        }
        return out;
      }
      return undefined;
    }
    if (fname === 'Deno.env' || (c.type === 'MemberExpression' && memberKey(c) === 'get')) {
      const o = unwrap((c as t.MemberExpression).object);
      const denoEnv =
        o?.type === 'MemberExpression' &&
        unwrap(o.object)?.type === 'Identifier' &&
        (unwrap(o.object) as t.Identifier).name === 'Deno' &&
        memberKey(o) === 'env';
      if (denoEnv && arg?.type === 'StringLiteral') return { k: 'env', name: arg.value, raw: true };
    }
    // NestJS ConfigService and the like: `configService.get('SMTP_PORT', 587)` reads the variable.
    const holder =
      c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression'
        ? unwrap(c.object)
        : undefined;
    const holderName =
      holder?.type === 'Identifier'
        ? holder.name
        : holder?.type === 'MemberExpression'
          ? memberKey(holder)
          : undefined;
    const configGet =
      !!holderName &&
      /config|env/i.test(holderName) &&
      /^(get|getOrThrow)$/.test(memberKey(c as t.MemberExpression) ?? '') &&
      arg?.type === 'StringLiteral' &&
      /^[A-Z][A-Z0-9_]*$/.test(arg.value);
    if (
      configGet ||
      (c.type === 'Identifier' && ENV_HELPER.test(c.name) && arg?.type === 'StringLiteral')
    ) {
      if (arg?.type !== 'StringLiteral') return undefined;
      if (!ENV_NAME.test(arg.value)) return undefined;
      const out: JsVal = { k: 'env', name: arg.value, raw: false };
      const d = n.arguments[1] ? this.value(n.arguments[1] as t.Node, depth + 1) : undefined;
      if (d?.k === 'lit' && d.v !== null) out.def = d.v;
      return out;
    }
    if (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') {
      const method = memberKey(c);
      const target = unwrap(c.object);
      if (
        method &&
        ['toLowerCase', 'toUpperCase', 'trim', 'toString', 'toLocaleLowerCase'].includes(method)
      ) {
        const v = this.value(target, depth + 1);
        const f = (s: Lit): Lit =>
          typeof s !== 'string'
            ? s === null
              ? s
              : String(s)
            : method === 'toUpperCase'
              ? s.toUpperCase()
              : method === 'trim'
                ? s.trim()
                : method === 'toString'
                  ? s
                  : s.toLowerCase();
        if (v.k === 'lit') return { k: 'lit', v: f(v.v) };
        if (v.k === 'env') return v.def === undefined ? v : { ...v, def: f(v.def) };
        return undefined;
      }
      if (method === 'includes' && target?.type === 'ArrayExpression') {
        const v = this.value(arg, depth + 1);
        const items = target.elements.map((e) => (e ? this.value(e, depth + 1) : undefined));
        if (!items.every((x) => x?.k === 'lit')) return undefined;
        const set = items.map((x) => (x as { v: Lit }).v);
        if (v.k === 'lit') return { k: 'lit', v: set.includes(v.v) };
        if (v.k === 'env') {
          const out: JsVal = { k: 'env', name: v.name, raw: false };
          if (v.def !== undefined) out.def = set.includes(v.def);
          return out;
        }
        return undefined;
      }
      if (method === 'test' && target?.type === 'RegExpLiteral') {
        const v = this.value(arg, depth + 1);
        if (v.k === 'env') return { k: 'env', name: v.name, raw: false };
      }
    }
    return undefined;
  }
}

function toNumber(v: JsVal): JsVal {
  if (v.k === 'lit') {
    if (typeof v.v === 'number') return v;
    const num = Number(v.v);
    return Number.isFinite(num) ? { k: 'lit', v: num } : { k: 'lit', v: null };
  }
  if (v.k === 'env') {
    const out: JsVal = { k: 'env', name: v.name, raw: false };
    if (v.def !== undefined && v.def !== null) {
      const num = Number(v.def);
      if (Number.isFinite(num) && num !== 0) out.def = num;
    }
    return out;
  }
  return v;
}

/** `Boolean(x)` / `!!x`: the truthiness of a string (so `"false"` is true). */
function truthiness(v: JsVal): JsVal {
  if (v.k === 'lit') return { k: 'lit', v: !!v.v };
  if (v.k === 'undef') return { k: 'lit', v: false };
  if (v.k === 'env') {
    const out: JsVal = { k: 'env', name: v.name, raw: v.raw };
    out.def = v.def === undefined ? false : !!v.def;
    return out;
  }
  return v;
}

function jsonScalar(s: string): JsVal | undefined {
  try {
    const j: unknown = JSON.parse(s);
    if (j === null || ['string', 'number', 'boolean'].includes(typeof j))
      return { k: 'lit', v: j as Lit };
  } catch {
    return undefined;
  }
  return undefined;
}
