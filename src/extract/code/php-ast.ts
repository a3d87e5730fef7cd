/**
 * The PHP syntax tree, generically: parsing with php-parser (glayzzle, pure JS) without ever
 * throwing, an iterative walk over every node with its enclosing function and class, and the
 * small shape helpers a fact collector needs. No SMTP knowledge lives here.
 */
import type { Engine } from 'php-parser';
import { phpParser } from './parsers.js';

export interface PhpPosition {
  line: number;
  column: number;
  offset: number;
}

/** A php-parser node, read structurally (the package's class typings are not exported usefully). */
export interface PhpNode {
  kind: string;
  loc?: { start: PhpPosition; end: PhpPosition } | null;
  [key: string]: unknown;
}

export interface Parsed {
  program: PhpNode | null;
  /** Syntax errors php-parser recovered from, and why a fallback was needed. */
  errors: string[];
}

function engine(): Engine {
  return new (phpParser().Engine)({
    parser: { extractDoc: false, suppressErrors: true, php8: true },
    ast: { withPositions: true },
  });
}

/**
 * php-parser can loop forever on some malformed input (e.g. a file ending in whitespace inside a
 * `#[` attribute: the lexer's whitespace loop never sees EOF). Every lexer and parser method call
 * counts against a budget far above what real files need (about 5 calls per character), so such a
 * loop becomes an exception instead of a hang.
 */
function guarded(budget: number): Engine {
  const e = engine();
  let calls = 0;
  for (const obj of [e.lexer, e.parser] as unknown as Record<string, unknown>[]) {
    const keys = new Set<string>();
    for (let o: object | null = obj; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
      for (const k of Object.keys(o)) keys.add(k);
    for (const k of keys) {
      const f = obj[k];
      if (typeof f !== 'function') continue;
      const fn = f as (...args: unknown[]) => unknown;
      obj[k] = function (this: unknown, ...args: unknown[]) {
        if (++calls > budget)
          throw new Error('php-parser exceeded its work budget (a parser loop)');
        return fn.apply(this, args);
      };
    }
  }
  return e;
}

function tryParse(text: string, file: string): { program?: PhpNode; error?: string } {
  try {
    const program = guarded(100 * (text.length + 1000)).parseCode(text, file) as unknown as PhpNode;
    return { program };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Replace everything before `at` with spaces, keeping the newlines (so lines and columns hold). */
function blankBefore(text: string, at: number): string {
  return text.slice(0, at).replace(/[^\r\n]/g, ' ') + text.slice(at);
}

/**
 * Parse PHP source. php-parser recovers from most syntax errors itself (`suppressErrors`); when it
 * still throws (deep nesting, lexer states it cannot leave), retry with only the `<?php` part, then
 * with shorter prefixes of the file, and say so. Never throws.
 */
export function parsePhp(text: string, file: string): Parsed {
  const errors: string[] = [];
  const first = tryParse(text, file);
  let program = first.program;
  if (!program) {
    const open = text.indexOf('<?php');
    if (open > 0) program = tryParse(blankBefore(text, open), file).program;
  }
  if (!program) {
    const lines = text.split('\n');
    for (const fraction of [0.75, 0.5, 0.25]) {
      const n = Math.floor(lines.length * fraction);
      if (n < 1) break;
      program = tryParse(lines.slice(0, n).join('\n'), file).program;
      if (program) {
        errors.push(
          `the PHP parser failed (${first.error ?? 'unknown error'}); read only lines 1-${n}`,
        );
        break;
      }
    }
  }
  if (!program) {
    errors.push(`the PHP parser failed (${first.error ?? 'unknown error'}); file skipped`);
    return { program: null, errors };
  }
  const recovered = Array.isArray(program.errors) ? (program.errors as PhpNode[]) : [];
  if (recovered.length) {
    const e = recovered[0];
    const line = typeof e.line === 'number' ? e.line : undefined;
    const msg = typeof e.message === 'string' ? e.message : 'syntax error';
    errors.push(
      `PHP syntax error${line ? ` at line ${line}` : ''}: ${msg.replace(/^Parse Error : /, '').replace(/ on line \d+$/, '')}${recovered.length > 1 ? ` (and ${recovered.length - 1} more)` : ''}; read what could be parsed`,
    );
  }
  return { program, errors };
}

export function isNode(v: unknown): v is PhpNode {
  return !!v && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string';
}

const FUNCTION_KINDS = new Set(['function', 'method', 'closure', 'arrowfunc']);
const CLASS_KINDS = new Set(['class', 'trait', 'enum', 'interface']);

export interface Visit {
  node: PhpNode;
  parent: PhpNode | null;
  /** The nearest enclosing function, method, closure or arrow function (null: file scope). */
  fn: PhpNode | null;
  /** The nearest enclosing class-like declaration (`$this` lives here). */
  cls: PhpNode | null;
}

/** The child nodes of a node, in source order. */
export function childrenOf(node: PhpNode): PhpNode[] {
  const out: PhpNode[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'loc' || k === 'errors' || k === 'leadingComments' || k === 'trailingComments')
      continue;
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (isNode(x)) out.push(x);
  }
  return out.sort((a, b) => (a.loc?.start.offset ?? 0) - (b.loc?.start.offset ?? 0));
}

/**
 * Visit every node in source order (iteratively: no recursion limit). Returning `false` from the
 * visitor skips the node's children.
 */
export function walk(root: PhpNode, visit: (v: Visit) => boolean | void): void {
  const stack: Visit[] = [{ node: root, parent: null, fn: null, cls: null }];
  while (stack.length) {
    const v = stack.pop() as Visit;
    if (visit(v) === false) continue;
    const fn = FUNCTION_KINDS.has(v.node.kind) ? v.node : v.fn;
    const cls = CLASS_KINDS.has(v.node.kind) ? v.node : v.cls;
    const kids = childrenOf(v.node);
    for (let i = kids.length - 1; i >= 0; i--)
      stack.push({ node: kids[i], parent: v.node, fn, cls });
  }
}

/** 1-based line and column of a node's start. */
export function startOf(node: PhpNode | undefined | null): { line: number; column: number } {
  const s = node?.loc?.start;
  return s ? { line: s.line, column: s.column + 1 } : { line: 1, column: 1 };
}

/** The source text of a node. */
export function sourceOf(node: PhpNode, text: string): string {
  const l = node.loc;
  if (!l) return '';
  return text.slice(l.start.offset, l.end.offset);
}

/** The name of a `name` / `identifier` node (`\Foo\Bar` → `Bar` with `last`). */
export function nameOf(node: unknown, last = false): string | undefined {
  if (!isNode(node)) return undefined;
  if ((node.kind === 'name' || node.kind === 'identifier') && typeof node.name === 'string') {
    return last ? (node.name.split('\\').pop() ?? node.name) : node.name;
  }
  return undefined;
}

/**
 * A static member path for variables and property chains: `$mail`, `$this->mailer`,
 * `$this->mail->smtp`. Undefined for dynamic parts (`$a->{$b}`, `$$x`, calls).
 */
export function memberPath(node: unknown, depth = 0): string | undefined {
  if (!isNode(node) || depth > 32) return undefined;
  if (node.kind === 'variable') return typeof node.name === 'string' ? `$${node.name}` : undefined;
  if (node.kind === 'propertylookup' || node.kind === 'nullsafepropertylookup') {
    const base = memberPath(node.what, depth + 1);
    const prop = nameOf(node.offset);
    return base && prop ? `${base}->${prop}` : undefined;
  }
  if (node.kind === 'staticlookup') {
    const cls = nameOf(node.what, true) ?? (isNode(node.what) ? node.what.kind : undefined);
    const prop = isNode(node.offset)
      ? (nameOf(node.offset) ?? memberPath(node.offset, depth + 1))
      : undefined;
    return cls && prop ? `${cls}::${prop}` : undefined;
  }
  return undefined;
}

/** A property lookup's object and property name (`$mail->Host` → `$mail`, `Host`). */
export function propertyOf(node: unknown): { object: string; prop: PhpNode; name: string } | null {
  if (!isNode(node)) return null;
  if (node.kind !== 'propertylookup' && node.kind !== 'nullsafepropertylookup') return null;
  const object = memberPath(node.what);
  const name = nameOf(node.offset);
  if (!object || !name || !isNode(node.offset)) return null;
  return { object, prop: node.offset, name };
}

/** The text of an array key or call argument that is a plain string or number literal. */
export function literalKey(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.kind === 'string' && typeof node.value === 'string') return node.value;
  if (node.kind === 'number' && typeof node.value === 'string') return node.value;
  return undefined;
}

/** Arguments of a call or `new`, with named arguments unwrapped. */
export function argumentsOf(node: PhpNode): { name?: string; value: PhpNode }[] {
  const args = Array.isArray(node.arguments) ? (node.arguments as unknown[]) : [];
  const out: { name?: string; value: PhpNode }[] = [];
  for (const a of args) {
    if (!isNode(a)) continue;
    if (a.kind === 'namedargument' && isNode(a.value))
      out.push({ name: typeof a.name === 'string' ? a.name : undefined, value: a.value });
    else out.push({ value: a });
  }
  return out;
}
