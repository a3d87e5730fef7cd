/**
 * PHP expressions as values, by the code readers' convention (common.ts): literals are themselves;
 * `env('X')`, `getenv('X')`, `$_ENV['X']`, `$_SERVER['X']` are `${X}`; with a default
 * (`env('X', d)`, `getenv('X') ?: d`, `$_ENV['X'] ?? d`) they are `${X:-d}`; PHPMailer's
 * `ENCRYPTION_*` / `SMTP::DEBUG_*` constants and `true` / `false` / `null` are their values;
 * anything else is `opaque(source)`, an unknown that names the expression.
 */
import type { Entry, Scalar } from '../formats/entry.js';
import { envRef, opaque } from './common.js';
import {
  argumentsOf,
  isNode,
  literalKey,
  nameOf,
  sourceOf,
  startOf,
  type PhpNode,
} from './php-ast.js';

/** literal: written in the file; env: an env read (maybe with a default); opaque: not evaluable. */
export type ValueOrigin = 'literal' | 'env' | 'opaque';

export interface PhpScalar {
  kind: 'scalar';
  value: Scalar;
  /** The text as written (strings without quotes), or the `${...}` form. */
  raw: string;
  quoted: boolean;
  origin: ValueOrigin;
}

export interface PhpItem {
  /** The key as text (`'host'` → `host`, `0`), or undefined for a list item. */
  key?: string;
  keyNode?: PhpNode;
  node: PhpNode;
  value: PhpValue;
}

export interface PhpArray {
  kind: 'array';
  items: PhpItem[];
}

export type PhpValue = PhpScalar | PhpArray;

export interface EvalContext {
  text: string;
  /** `define('NAME', literal)` / `const NAME = literal` seen in the file. */
  constants?: Map<string, Scalar>;
}

const MAX_DEPTH = 64;

/** Class constants whose values the readers need (PHPMailer, PHPMailer\SMTP). */
const CLASS_CONSTANTS: Record<string, Scalar> = {
  ENCRYPTION_STARTTLS: 'tls',
  ENCRYPTION_SMTPS: 'ssl',
  DEBUG_OFF: 0,
  DEBUG_CLIENT: 1,
  DEBUG_SERVER: 2,
  DEBUG_CONNECTION: 3,
  DEBUG_LOWLEVEL: 4,
};

const lit = (value: Scalar, raw: string, quoted = false): PhpScalar => ({
  kind: 'scalar',
  value,
  raw,
  quoted,
  origin: 'literal',
});

function unknown(node: PhpNode, ctx: EvalContext): PhpScalar {
  const t = opaque(sourceOf(node, ctx.text) || node.kind);
  return { kind: 'scalar', value: t, raw: t, quoted: false, origin: 'opaque' };
}

function env(name: string, fallback?: Scalar): PhpScalar {
  const t = envRef(name, fallback);
  return { kind: 'scalar', value: t, raw: t, quoted: false, origin: 'env' };
}

/** PHP truthiness of a literal: false, 0, 0.0, '', '0' and null are false. */
export function phpTruthy(v: Scalar): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return v !== '' && v !== '0';
}

function numberOf(text: string): number | undefined {
  const t = text.replace(/_/g, '').trim();
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[bB][01]+$/.test(t)) n = Number(t);
  else if (/^0[oO]?[0-7]+$/.test(t) && t !== '0') n = parseInt(t.replace(/^0[oO]?/, ''), 8);
  else n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function textOfScalar(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '';
  return String(v);
}

/** An env read without its own default: `env('X')`, `getenv('X')`, `$_ENV['X']`, `$_SERVER['X']`. */
function envName(node: PhpNode, ctx: EvalContext): { name: string; fallback?: Scalar } | undefined {
  if (node.kind === 'call') {
    const fn = nameOf(node.what, true)?.toLowerCase();
    const args = argumentsOf(node);
    const first = literalKey(args[0]?.value);
    if (!first) return undefined;
    if (fn === 'getenv') return { name: first };
    if (fn === 'env') {
      if (args.length < 2) return { name: first };
      const d = evaluate(args[1].value, ctx);
      return {
        name: first,
        fallback: d.kind === 'scalar' && d.origin === 'literal' ? d.value : undefined,
      };
    }
    // Laravel's Env::get('X', d)
    if (isNode(node.what) && node.what.kind === 'staticlookup') {
      const cls = nameOf(node.what.what, true);
      const m = nameOf(node.what.offset)?.toLowerCase();
      if (cls === 'Env' && m === 'get') {
        if (args.length < 2) return { name: first };
        const d = evaluate(args[1].value, ctx);
        return {
          name: first,
          fallback: d.kind === 'scalar' && d.origin === 'literal' ? d.value : undefined,
        };
      }
    }
    return undefined;
  }
  if (node.kind === 'offsetlookup' && isNode(node.what) && node.what.kind === 'variable') {
    const v = node.what.name;
    const key = literalKey(node.offset);
    if ((v === '_ENV' || v === '_SERVER') && key) return { name: key };
  }
  return undefined;
}

/** `A ?: B` / `A ?? B` with A an env read and B a literal: `${A:-B}`. */
function envWithDefault(
  a: unknown,
  b: unknown,
  ctx: EvalContext,
  depth: number,
): PhpScalar | undefined {
  if (!isNode(a) || !isNode(b)) return undefined;
  const e = envName(a, ctx);
  if (!e || e.fallback !== undefined) return undefined;
  const d = evaluate(b, ctx, depth + 1);
  if (d.kind !== 'scalar' || d.origin !== 'literal') return undefined;
  return env(e.name, d.value);
}

/** Concatenation and interpolation: literal parts kept, other parts as `${...}`. */
function joinParts(parts: PhpValue[]): PhpScalar {
  let s = '';
  let origin: ValueOrigin = 'literal';
  for (const p of parts) {
    if (p.kind !== 'scalar')
      return {
        kind: 'scalar',
        value: '${array}',
        raw: '${array}',
        quoted: false,
        origin: 'opaque',
      };
    s += p.origin === 'literal' ? textOfScalar(p.value) : String(p.value);
    if (p.origin === 'opaque') origin = 'opaque';
    else if (p.origin === 'env' && origin === 'literal') origin = 'env';
  }
  return { kind: 'scalar', value: s, raw: s, quoted: origin === 'literal', origin };
}

function flattenConcat(node: PhpNode, out: PhpNode[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (node.kind === 'bin' && node.type === '.' && isNode(node.left) && isNode(node.right)) {
    return flattenConcat(node.left, out, depth + 1) && flattenConcat(node.right, out, depth + 1);
  }
  out.push(node);
  return true;
}

export function evaluate(node: PhpNode, ctx: EvalContext, depth = 0): PhpValue {
  if (depth > MAX_DEPTH) return unknown(node, ctx);
  switch (node.kind) {
    case 'string':
      return lit(String(node.value ?? ''), String(node.value ?? ''), true);
    case 'nowdoc':
      return lit(String(node.value ?? ''), String(node.value ?? ''), true);
    case 'number': {
      const n = numberOf(String(node.value ?? ''));
      return n === undefined ? unknown(node, ctx) : lit(n, String(node.value));
    }
    case 'boolean':
      return lit(!!node.value, node.value ? 'true' : 'false');
    case 'nullkeyword':
      return lit(null, 'null');
    case 'name': {
      const n = String(node.name ?? '');
      const low = n.replace(/^\\/, '').toLowerCase();
      if (low === 'true') return lit(true, 'true');
      if (low === 'false') return lit(false, 'false');
      if (low === 'null') return lit(null, 'null');
      const c = ctx.constants?.get(n.replace(/^\\/, ''));
      if (c !== undefined) return lit(c, textOfScalar(c), typeof c === 'string');
      return unknown(node, ctx);
    }
    case 'staticlookup': {
      const c = nameOf(node.offset);
      if (c && c in CLASS_CONSTANTS)
        return lit(CLASS_CONSTANTS[c], textOfScalar(CLASS_CONSTANTS[c]));
      return unknown(node, ctx);
    }
    case 'unary': {
      if (!isNode(node.what)) return unknown(node, ctx);
      const v = evaluate(node.what, ctx, depth + 1);
      if (v.kind !== 'scalar' || v.origin !== 'literal') return unknown(node, ctx);
      if (node.type === '-' && typeof v.value === 'number') return lit(-v.value, `-${v.raw}`);
      if (node.type === '+' && typeof v.value === 'number') return v;
      if (node.type === '!') return lit(!phpTruthy(v.value), String(!phpTruthy(v.value)));
      return unknown(node, ctx);
    }
    case 'cast': {
      if (!isNode(node.expr)) return unknown(node, ctx);
      const v = evaluate(node.expr, ctx, depth + 1);
      if (v.kind !== 'scalar' || v.origin !== 'literal') return v;
      const t = String(node.type ?? '');
      if (t === 'int' || t === 'float') {
        const n = numberOf(textOfScalar(v.value) || '0');
        return n === undefined ? lit(0, '0') : lit(t === 'int' ? Math.trunc(n) : n, String(n));
      }
      if (t === 'bool') return lit(phpTruthy(v.value), String(phpTruthy(v.value)));
      if (t === 'string') return lit(textOfScalar(v.value), textOfScalar(v.value), true);
      return v;
    }
    case 'array': {
      const items: PhpItem[] = [];
      for (const it of Array.isArray(node.items) ? (node.items as unknown[]) : []) {
        if (!isNode(it)) continue;
        if (it.kind === 'entry') {
          if (it.unpack || !isNode(it.value)) continue;
          const keyNode = isNode(it.key) ? it.key : undefined;
          let key: string | undefined;
          if (keyNode) {
            key = literalKey(keyNode);
            if (key === undefined) {
              const k = evaluate(keyNode, ctx, depth + 1);
              key = k.kind === 'scalar' ? textOfScalar(k.value) : sourceOf(keyNode, ctx.text);
            }
          }
          items.push({ key, keyNode, node: it, value: evaluate(it.value, ctx, depth + 1) });
        } else items.push({ node: it, value: evaluate(it, ctx, depth + 1) });
      }
      return { kind: 'array', items };
    }
    case 'call':
    case 'offsetlookup': {
      const e = envName(node, ctx);
      if (e) return env(e.name, e.fallback);
      return unknown(node, ctx);
    }
    case 'retif': {
      // `A ?: B`
      if (node.trueExpr === null || node.trueExpr === undefined) {
        const d = envWithDefault(node.test, node.falseExpr, ctx, depth);
        if (d) return d;
      }
      return unknown(node, ctx);
    }
    case 'bin': {
      if (node.type === '??') {
        const d = envWithDefault(node.left, node.right, ctx, depth);
        if (d) return d;
        return unknown(node, ctx);
      }
      if (node.type === '.') {
        const parts: PhpNode[] = [];
        if (!flattenConcat(node, parts, depth)) return unknown(node, ctx);
        return joinParts(parts.map((p) => evaluate(p, ctx, depth + 1)));
      }
      return unknown(node, ctx);
    }
    case 'encapsed': {
      if (node.type !== 'string' && node.type !== 'heredoc') return unknown(node, ctx);
      const parts: PhpValue[] = [];
      for (const p of Array.isArray(node.value) ? (node.value as unknown[]) : []) {
        if (!isNode(p)) continue;
        const ex = p.kind === 'encapsedpart' && isNode(p.expression) ? p.expression : p;
        if (ex.kind === 'string') parts.push(lit(String(ex.value ?? ''), String(ex.value ?? '')));
        else parts.push(evaluate(ex, ctx, depth + 1));
      }
      return joinParts(parts);
    }
    case 'parenthesis':
      return isNode(node.inner) ? evaluate(node.inner, ctx, depth + 1) : unknown(node, ctx);
    default:
      return unknown(node, ctx);
  }
}

/** Flatten a value into entries: arrays by key path, each leaf located at its key. */
export function toEntries(
  value: PhpValue,
  path: string[],
  at: { line: number; column: number },
  out: Entry[] = [],
  depth = 0,
): Entry[] {
  if (depth > MAX_DEPTH) return out;
  if (value.kind === 'scalar') {
    out.push({
      path,
      value: value.value,
      raw: value.raw,
      quoted: value.quoted,
      line: at.line,
      column: at.column,
    });
    return out;
  }
  let next = 0;
  for (const it of value.items) {
    let key = it.key;
    if (key === undefined) key = String(next++);
    else if (/^\d+$/.test(key)) next = Math.max(next, Number(key) + 1);
    toEntries(it.value, [...path, key], startOf(it.keyNode ?? it.node), out, depth + 1);
  }
  return out;
}
