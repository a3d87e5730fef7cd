/**
 * The JavaScript/TypeScript reader (`.js .mjs .cjs .jsx .ts .mts .cts .tsx`): nodemailer transports.
 *
 * - `createTransport(...)` calls (`nodemailer.createTransport`, an imported `createTransport`,
 *   `require('nodemailer').createTransport`, any `X.createTransport`), unwrapping
 *   `createTransport(smtpTransport({...}))`; the argument is an object literal, an identifier or
 *   member bound in the file to one (spreads followed, later keys win), or an `smtp(s)://` URL.
 * - Options objects that are clearly nodemailer's without a call in sight (`host`/`service` with
 *   `auth`/`secure`/`requireTLS`/`tls`, under a name like smtp/mail/mailer/email/transport) in a
 *   file that imports nodemailer (or a nodemailer-based mailer) or mentions createTransport.
 *
 * Every property becomes an Entry (dotted path relative to the options, key location, value by
 * the code readers' convention) for `nodemailerOptions`, which applies SEMANTICS.md §1. The
 * reader adds what only the source shows: the string-truthiness trap (`secure:
 * process.env.SMTP_SECURE`, where "false" is truthy), the nodemailer 0.x call form.
 */
import type * as t from '@babel/types';
import type { Location, LooseSecret, Observation } from '../../model.js';
import type { Draft } from '../build.js';
import { dsnEndpoint, looksLikeSmtpUrl, normaliseTemplates } from '../ecosystems/dsn.js';
import { nodemailerOptions } from '../ecosystems/nodemailer.js';
import type { Entry, Scalar } from '../formats/entry.js';
import { classifySecret } from '../secrets.js';
import { resolveRef } from '../values.js';
import { codeEntry, emptyResult, envRef, opaque, type CodeResult } from './common.js';
import { parseModule, scanCalls, transportCallOffsets } from './javascript-parse.js';
import { JsModule, keyName, scalarOf, unwrap, type Item, type JsVal } from './javascript-values.js';

/** Files worth parsing: they use nodemailer (or a mailer built on it) or call createTransport. */
const SIGNAL = /createTransport|nodemailer|@nestjs-modules\/mailer|email-templates/;
const MAILER_MODULE = /(^|\/)(nodemailer([-/].*)?|@nestjs-modules\/mailer|email-templates)$/;
const BUNDLE = /__webpack_require__|__nccwpck_require__|\/\*{6}\/|\bparcelRequire\b/;
const MAX_TEXT = 2 * 1024 * 1024;
const MAX_PROPS = 400;

/** Options that nodemailer (or Node's TLS) tests for truthiness. */
const BOOL_KEYS = new Set([
  'secure',
  'requireTLS',
  'ignoreTLS',
  'opportunisticTLS',
  'debug',
  'logger',
  'tls.rejectUnauthorized',
]);

const EFFECT: Record<string, string> = {
  secure: 'switches implicit TLS on',
  requireTLS: 'requires STARTTLS',
  ignoreTLS: 'switches STARTTLS off, so the connection stays in plaintext',
  opportunisticTLS: 'lets a failed STARTTLS continue in plaintext',
  debug: 'switches SMTP transcript logging on',
  logger: 'switches logging on',
};

interface Prop {
  path: string[];
  key: t.Node;
  value: t.Node;
  val: JsVal;
}

interface Flat {
  props: Map<string, Prop>;
  /** Spreads of objects the reader cannot see (`...config.smtp`), at the top level. */
  unknownSpreads: t.Node[];
  /** Every object literal read (so none is read twice). */
  objects: Set<t.Node>;
}

interface Ctx {
  file: string;
  mod: JsModule;
  drafts: Draft[];
  consumed: Set<t.Node>;
}

export function readJavaScript(file: string, text: string): CodeResult {
  try {
    return read(file, text);
  } catch (err) {
    const r = emptyResult();
    r.diagnostics.push(
      `JavaScript reader stopped: ${err instanceof Error ? err.message : String(err)}`.slice(
        0,
        300,
      ),
    );
    return r;
  }
}

function read(file: string, text: string): CodeResult {
  const result = emptyResult();
  if (!SIGNAL.test(text) && !(fileSaysMail(file) && /\bhost\b/.test(text))) return result;
  if (text.length > MAX_TEXT) {
    result.diagnostics.push('file too large for the JavaScript reader: skipped');
    return result;
  }
  const parsed = parseModule(file, text);
  if (parsed.ast) {
    const mod = new JsModule(parsed.text, [parsed.ast.program]);
    const ctx: Ctx = { file, mod, drafts: result.drafts, consumed: new Set() };
    // A call that spans a skipped line lost part of its text: the text scan reads it whole.
    const skipped = new Set(parsed.skipped);
    const touched = (n: t.Node) => {
      const a = mod.pos(n.start ?? 0).line;
      const b = mod.pos(n.end ?? 0).line;
      for (const l of skipped) if (l >= a && l <= b) return true;
      return false;
    };
    const deferred = new Set<number>();
    const seen = readCalls(ctx, (call, at) => {
      if (!skipped.size || !touched(call)) return true;
      deferred.add(at);
      return false;
    });
    const mailerFile =
      /createTransport/.test(text) ||
      [...mod.imports].some((m) => MAILER_MODULE.test(m)) ||
      fileSaysMail(file);
    if (mailerFile && !BUNDLE.test(text)) readShapes(ctx);
    result.looseSecrets.push(...commentSecrets(file, mod, parsed.ast.comments ?? []));
    if (parsed.skipped.length) {
      result.diagnostics.push(
        `syntax error (${clip(parsed.error)}): skipped line${parsed.skipped.length > 1 ? 's' : ''} ${parsed.skipped.join(', ')} to read the rest`,
      );
      // Calls lost with a skipped line: read them by the text scan.
      for (const o of transportCallOffsets(text)) {
        if (seen.has(o)) continue;
        if (rescue(file, text, [o], result) === 0 && deferred.has(o))
          readCalls(ctx, (_, at) => at === o);
      }
    }
    return result;
  }
  const offsets = transportCallOffsets(text);
  const n = rescue(file, text, offsets, result);
  result.diagnostics.push(
    `syntax error (${clip(parsed.error)}): the file could not be parsed; read ${n} createTransport call${n === 1 ? '' : 's'} by a text scan`,
  );
  return result;
}

function clip(s: string | undefined): string {
  return (s ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 160);
}

/** Read createTransport calls found by the text scan (a file, or lines, Babel could not read). */
function rescue(file: string, text: string, offsets: number[], result: CodeResult): number {
  const scanned = scanCalls(file, text, offsets);
  const mod = new JsModule(text, scanned.calls);
  for (const d of scanned.decls) mod.declare(d.name, d.init);
  const before = result.drafts.length;
  readCalls({ file, mod, drafts: result.drafts, consumed: new Set() });
  return result.drafts.length - before;
}

// ---------------------------------------------------------------------------------------------
// createTransport calls

function memberName(n: t.Node): string | undefined {
  if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return undefined;
  const p = n.property;
  if (!n.computed && p.type === 'Identifier') return p.name;
  if (p.type === 'StringLiteral') return p.value;
  return undefined;
}

/** The callee's name: `f` for `f(...)`, `m` for `x.m(...)`. */
function calleeName(callee: t.Node): string | undefined {
  const c = unwrap(callee);
  if (!c) return undefined;
  if (c.type === 'Identifier') return c.name;
  return memberName(c);
}

type Arg =
  | { kind: 'object'; obj: t.ObjectExpression }
  | { kind: 'url'; url: string; node: t.Node; key: string }
  | { kind: 'legacy'; obj: t.ObjectExpression; name: string };

/** What a createTransport argument stands for. */
function transportArg(mod: JsModule, args: t.Node[], depth = 0, key = 'url'): Arg | undefined {
  const n = unwrap(args[0]);
  if (!n || depth > 8) return undefined;
  if (n.type === 'ObjectExpression') return { kind: 'object', obj: n };
  if (n.type === 'CallExpression' || n.type === 'NewExpression') {
    const name = calleeName(n.callee);
    if (name && name !== 'createTransport' && /smtp|transport|pool/i.test(name) && n.arguments[0])
      return transportArg(mod, n.arguments as t.Node[], depth + 1, key);
    const o = mod.objectOf(n);
    return o ? { kind: 'object', obj: o } : undefined;
  }
  if (n.type === 'StringLiteral' || n.type === 'TemplateLiteral' || n.type === 'BinaryExpression') {
    const v = mod.value(n);
    if (v.k !== 'lit' || typeof v.v !== 'string') return undefined;
    if (looksLikeSmtpUrl(normaliseTemplates(v.v))) return { kind: 'url', url: v.v, node: n, key };
    // nodemailer 0.x: createTransport('SMTP', { ... })
    if (/^smtp$/i.test(v.v.trim()) && args[1]) {
      const o = mod.objectOf(args[1]);
      if (o) return { kind: 'legacy', obj: o, name: v.v };
    }
    return undefined;
  }
  if (n.type === 'Identifier') {
    const d = mod.bindingOf(n);
    if (d?.init) {
      const init = unwrap(d.init);
      if (init && init.type !== 'ObjectExpression')
        return transportArg(mod, [init, ...args.slice(1)], depth + 1, n.name);
    }
  }
  const o = mod.objectOf(n);
  return o ? { kind: 'object', obj: o } : undefined;
}

function locOf(ctx: Ctx, node: t.Node): Location {
  const p = ctx.mod.pos(node.start ?? 0);
  return { file: ctx.file, line: p.line, column: p.column };
}

/** Read every createTransport call; returns the offsets of the calls' `createTransport` names. */
function readCalls(
  ctx: Ctx,
  accept: (call: t.Node, at: number) => boolean = () => true,
): Set<number> {
  const { mod } = ctx;
  const seenCalls = new Set<number>();
  const seenArgs = new Set<t.Node>();
  for (const item of mod.calls) {
    const call = item.node as t.CallExpression;
    const c = unwrap(call.callee);
    if (!c) continue;
    const nameNode =
      c.type === 'Identifier' && c.name === 'createTransport'
        ? c
        : memberName(c) === 'createTransport'
          ? (c as t.MemberExpression).property
          : undefined;
    if (!nameNode || !accept(call, nameNode.start ?? 0)) continue;
    seenCalls.add(nameNode.start ?? 0);
    const arg = transportArg(mod, call.arguments as t.Node[]);
    if (!arg) continue;
    const argNode = arg.kind === 'url' ? arg.node : arg.obj;
    if (seenArgs.has(argNode)) continue;
    seenArgs.add(argNode);
    const at = locOf(ctx, nameNode);
    if (arg.kind === 'url') {
      const d = urlDraft(ctx, arg.url, locOf(ctx, arg.node), arg.key);
      if (d) ctx.drafts.push(d);
      continue;
    }
    const anchor = codeEntry(
      ['createTransport'],
      null,
      'createTransport(...)',
      at.line,
      at.column ?? 1,
    );
    const flat = flatten(mod, arg.obj);
    const d = optionsDraft(ctx, flat, anchor, 'nodemailer');
    // Objects this transport's values came from (`host: mailConfig.host`) are not read again.
    for (const o of [...flat.objects, ...mod.touched]) ctx.consumed.add(o);
    mod.touched.clear();
    if (!d) continue;
    if (arg.kind === 'legacy') {
      d.ignored = [
        ...(d.ignored ?? []),
        {
          at,
          message: `createTransport('${arg.name}', { ... }) is the nodemailer 0.x form: current nodemailer takes the options (or an smtp:// URL) as the first argument and treats the second as message defaults, so these settings are not used and sending fails.`,
          fix: 'Pass the options object alone: nodemailer.createTransport({ host, port, secure, auth }).',
        },
      ];
    }
    ctx.drafts.push(d);
  }
  return seenCalls;
}

/** A connection URL (`smtps://user:pass@host:465`) read as nodemailer reads it. */
function urlDraft(ctx: Ctx, url: string, at: Location, key: string): Draft | null {
  const d = dsnEndpoint(url, at, key, 'nodemailer');
  if (!d) return null;
  d.ecosystem = 'nodemailer';
  d.product = 'nodemailer (SMTP URL)';
  // nodemailer reads options from the query too: ?requireTLS=true, ?tls.rejectUnauthorized=false.
  const q = /\?([^#\s]*)/.exec(url)?.[1];
  if (q) {
    let params: URLSearchParams;
    try {
      params = new URLSearchParams(q);
    } catch {
      return d;
    }
    const flag = (k: string) => params.get(k)?.toLowerCase();
    if (d.security.value === 'starttls-opportunistic') {
      if (flag('ignoreTLS') === 'true') d.security = { ...d.security, value: 'plain' };
      else if (flag('requireTLS') === 'true' && flag('opportunisticTLS') !== 'true')
        d.security = { ...d.security, value: 'starttls-required' };
    }
    if (flag('tls.rejectUnauthorized') === 'false')
      d.tlsVerify = {
        value: false,
        raw: 'tls.rejectUnauthorized=false',
        at: { ...at },
        origin: 'literal',
        key: 'tls.rejectUnauthorized',
      };
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Options objects → entries

/** Flatten an options object into dotted paths (nested objects and spreads followed). */
function flatten(mod: JsModule, obj: t.ObjectExpression): Flat {
  const flat: Flat = { props: new Map(), unknownSpreads: [], objects: new Set() };
  walkObject(mod, obj, [], flat, 0);
  return flat;
}

function walkObject(
  mod: JsModule,
  obj: t.ObjectExpression,
  prefix: string[],
  flat: Flat,
  depth: number,
): void {
  if (flat.objects.has(obj) && depth > 0 && prefix.length === 0) return;
  flat.objects.add(obj);
  for (const p of obj.properties) {
    if (flat.props.size > MAX_PROPS) return;
    if (p.type === 'SpreadElement') {
      const src = depth < 6 ? mod.objectOf(p.argument) : undefined;
      if (src && !flat.objects.has(src)) walkObject(mod, src, prefix, flat, depth + 1);
      else if (!src && prefix.length === 0) flat.unknownSpreads.push(p);
      continue;
    }
    if (p.type !== 'ObjectProperty') continue;
    const name = keyName(p);
    if (name === undefined) continue;
    const path = [...prefix, name];
    const dotted = path.join('.');
    // A later key replaces the whole earlier value (`{ ...base, auth: { user } }` drops base.auth.pass).
    for (const k of [...flat.props.keys()])
      if (k === dotted || k.startsWith(dotted + '.')) flat.props.delete(k);
    const value = p.value as t.Node;
    const inner = depth < 6 && path.length < 4 ? mod.objectOf(value) : undefined;
    if (inner && !flat.objects.has(inner)) {
      walkObject(mod, inner, path, flat, depth + 1);
      continue;
    }
    const val = mod.value(value);
    if (val.k === 'undef') continue;
    flat.props.set(dotted, { path, key: p.key, value, val });
  }
}

function has(flat: Flat, key: string): boolean {
  for (const k of flat.props.keys()) if (k === key || k.startsWith(key + '.')) return true;
  return false;
}

/** Turn the flattened options into entries, noting the string-truthiness trap on the way. */
function optionsDraft(ctx: Ctx, flat: Flat, anchor: Entry, product: string): Draft | null {
  const { mod, file } = ctx;
  const entries = new Map<string, Entry>();
  const traps: Observation[] = [];
  for (const [dotted, p] of flat.props) {
    const { line, column } = mod.pos(p.key.start ?? 0);
    const written = mod.src(p.value, 80);
    const v = p.val;
    const s = scalarOf(v);
    if (s === undefined) continue;
    let scalar: Scalar = s;
    let quoted = v.k === 'lit' && typeof v.v === 'string';
    if (BOOL_KEYS.has(dotted)) {
      const r = truthyOption(dotted, v, written);
      if (r) {
        scalar = r.scalar;
        quoted = false;
        if (r.trap) traps.push({ at: { file, line, column }, ...r.trap });
      }
    }
    const raw = v.k === 'lit' && typeof v.v === 'string' ? v.v : written;
    entries.set(dotted, codeEntry(p.path, scalar, raw, line, column, quoted));
  }
  // Options spread from an object the reader cannot see may set host, port or secure.
  const spread = flat.unknownSpreads[0];
  if (spread) {
    const { line, column } = mod.pos(spread.start ?? 0);
    const text = opaque(mod.src(spread, 60));
    const fill = (k: string) => {
      if (!entries.has(k)) entries.set(k, codeEntry([k], text, mod.src(spread, 60), line, column));
    };
    if (!has(flat, 'host') && !has(flat, 'service')) fill('host');
    fill('port');
    fill('secure');
  }
  const d = nodemailerOptions(file, entries, 'nodemailer', product, anchor);
  if (!d) return null;
  if (traps.length) d.ignored = [...(d.ignored ?? []), ...traps];
  return d;
}

/**
 * How nodemailer (and Node's TLS for rejectUnauthorized) reads a boolean option written as a
 * string: JavaScript truthiness, so `"false"` is true; rejectUnauthorized is off only for the
 * boolean `false`, so any string leaves verification on.
 */
function truthyOption(
  key: string,
  v: JsVal,
  written: string,
): { scalar: Scalar; trap?: { message: string; fix: string } } | undefined {
  const reject = key === 'tls.rejectUnauthorized';
  const asBool = (x: string): boolean => (reject ? true : x !== '');
  const opt = reject ? 'rejectUnauthorized' : key;
  if (v.k === 'lit' && typeof v.v === 'string') {
    const b = asBool(v.v);
    const looksFalse = /^\s*(false|no|off|0)\s*$/i.test(v.v);
    if (!looksFalse) return { scalar: b };
    return {
      scalar: b,
      trap: reject
        ? {
            message: `tls.rejectUnauthorized: ${written} is a string: Node.js turns certificate verification off only for the boolean false, so verification stays ON.`,
            fix: 'Write the boolean (rejectUnauthorized: false), or better, keep verification on and trust the server CA with tls.ca.',
          }
        : {
            message: `${key}: ${written} is a string, read for truthiness: a non-empty string, even "${v.v}", ${EFFECT[key]}.`,
            fix: `Write the boolean: ${opt}: false.`,
          },
    };
  }
  if (v.k !== 'env' || !v.raw) return undefined;
  let def = v.def;
  if (typeof def === 'string') def = asBool(def);
  const scalar = envRef(v.name, def === null ? undefined : def);
  const name = `process.env.${v.name}`;
  const via = written.includes(name) ? '' : ` (from ${name})`;
  const defNote =
    typeof v.def === 'string' && v.def !== '' && !reject && /^(false|no|off|0)$/i.test(v.def)
      ? ` Its default '${v.def}' is itself a non-empty string, so it is on even when the variable is unset.`
      : '';
  if (reject)
    return {
      scalar,
      trap: {
        message: `tls.rejectUnauthorized: ${written}${via} is a string: Node.js turns certificate verification off only for the boolean false, so any value of ${v.name}, including "false", leaves verification ON.`,
        fix: `Compare explicitly: rejectUnauthorized: ${name} !== 'false' (and prefer trusting the server CA with tls.ca).`,
      },
    };
  return {
    scalar,
    trap: {
      message: `${key}: ${written}${via} hands nodemailer the variable's text, which it reads for truthiness: any non-empty value of ${v.name}, including "false", ${EFFECT[key]}.${defNote}`,
      fix: `Compare explicitly: ${opt}: ${name} === 'true'.`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Options objects without a createTransport call in sight

const MAIL_WORD = /^(smtps?|e?mails?|mailers?|mailing|transports?|transporters?|nodemailer)$/;

/** smtp / mail / mailer / email / transport, as a word of the name (`smtpConfig`, `MAIL_OPTS`). */
export function isMailName(name: string | undefined): boolean {
  if (!name) return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  return words.some(
    (w) =>
      MAIL_WORD.test(w) ||
      /^(smtp|email|nodemailer)/.test(w) ||
      /^mail(config|settings|options|opts|conf|server|transport)/.test(w) ||
      /(smtp|mailer|transport|transporter)$/.test(w),
  );
}

const TS_WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
  'TypeCastExpression',
]);

function above(item: Item | undefined): Item | undefined {
  let u = item?.up;
  while (u && TS_WRAPPERS.has(u.node.type)) u = u.up;
  return u;
}

/** The name of whatever holds a function (`function smtpOptions`, `const getMailConfig = () =>`). */
function functionName(fn: Item): { name?: string; node?: t.Node } {
  const n = fn.node as { id?: t.Node | null };
  if (n.id?.type === 'Identifier') return { name: n.id.name, node: n.id };
  const u = above(fn);
  if (u?.node.type === 'VariableDeclarator' && u.node.id.type === 'Identifier')
    return { name: u.node.id.name, node: u.node.id };
  if (u && (u.node.type === 'ObjectProperty' || u.node.type === 'ClassProperty'))
    return { name: keyName(u.node), node: u.node.key };
  if (fn.node.type === 'ObjectMethod' || fn.node.type === 'ClassMethod')
    return { name: keyName(fn.node), node: fn.node.key };
  return {};
}

/** The names an object literal is held under (its own, then its holder's), with the first's node. */
function namesOf(item: Item): { names: string[]; node?: t.Node } {
  const names: string[] = [];
  let node: t.Node | undefined;
  let cur: Item | undefined = item;
  for (let level = 0; level < 2 && cur; level++) {
    const p = above(cur);
    if (!p) break;
    let name: string | undefined;
    let at: t.Node | undefined;
    let next: Item | undefined;
    const n = p.node;
    if (n.type === 'ObjectProperty') {
      name = keyName(n);
      at = n.key;
      next = above(p);
    } else if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') {
      name = n.id.name;
      at = n.id;
    } else if (n.type === 'AssignmentExpression') {
      const l = unwrap(n.left);
      if (l?.type === 'Identifier') name = l.name;
      else if (l) name = memberName(l);
      at = n.left;
    } else if (
      n.type === 'ClassProperty' ||
      n.type === 'ClassPrivateProperty' ||
      n.type === 'ClassAccessorProperty'
    ) {
      name = keyName(n);
      at = n.key;
    } else if (n.type === 'ReturnStatement' || n.type === 'ArrowFunctionExpression') {
      let f: Item | undefined = n.type === 'ArrowFunctionExpression' ? p : p.up;
      while (f && !/Function|Method/.test(f.node.type)) f = f.up;
      if (f) ({ name, node: at } = functionName(f));
    }
    if (name === undefined) break;
    names.push(name);
    node ??= at;
    cur = next;
  }
  return { names, node };
}

/**
 * An entry of a table of presets without credentials (nodemailer's own well-known services:
 * `{ Gmail: { host, port, secure }, 'Mail.ru': {...}, ... }`).
 */
function inPresetTable(item: Item): boolean {
  const holder = above(item);
  const table = holder?.node.type === 'ObjectProperty' ? above(holder)?.node : undefined;
  if (table?.type !== 'ObjectExpression' || table.properties.length < 3) return false;
  let rows = 0;
  for (const p of table.properties.slice(0, 200)) {
    if (p.type !== 'ObjectProperty') continue;
    const o = unwrap(p.value);
    if (o?.type !== 'ObjectExpression') continue;
    const keys = o.properties.map((q) => keyName(q));
    if (keys.some((k) => k === 'auth' || k === 'user' || k === 'pass')) return false;
    if (keys.includes('host')) rows++;
  }
  return rows >= 3;
}

/** A file named for mail: `mailer.ts`, `mail-credentials.js`, `config/smtp.js`. */
function fileSaysMail(file: string): boolean {
  const base = file.split('/').pop() ?? file;
  return base
    .replace(/\.[^.]+$/, '')
    .split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/)
    .some((w) => isMailName(w));
}

function readShapes(ctx: Ctx): void {
  const { mod } = ctx;
  for (const item of mod.objects) {
    const obj = item.node as t.ObjectExpression;
    if (ctx.consumed.has(obj)) continue;
    const direct = new Set(
      obj.properties.map((p) => (p.type === 'ObjectProperty' ? keyName(p) : '')),
    );
    const spreads = obj.properties.some((p) => p.type === 'SpreadElement');
    if (!direct.has('host') && !direct.has('service') && !spreads) continue;
    const { names, node } = namesOf(item);
    // The object's name says mail (`smtpConfig`), or the file's does (`mail-credentials.js`).
    if (!(names.some(isMailName) || fileSaysMail(ctx.file)) || inPresetTable(item)) continue;
    const flat = flatten(mod, obj);
    if (!has(flat, 'host') && !has(flat, 'service')) continue;
    if (!['auth', 'secure', 'requireTLS', 'tls'].some((k) => has(flat, k))) continue;
    for (const o of flat.objects) ctx.consumed.add(o);
    const at = mod.pos((node ?? obj).start ?? 0);
    const anchor = codeEntry([names[0]], null, names[0], at.line, at.column);
    const d = optionsDraft(ctx, flat, anchor, `nodemailer options (${names[0]})`);
    if (d) ctx.drafts.push(d);
  }
}

// ---------------------------------------------------------------------------------------------
// Commented-out passwords

const COMMENTED_PASSWORD =
  /\b((?:smtp_?|mail_?|email_?|auth_?)?pass(?:word|wd)?)['"]?\s*[:=]\s*(['"`])([^'"`\r\n]{1,200})\2/gi;

/** Literal passwords in comments (`// pass: 'hunter2hunter2'`): still committed (SP007). */
function commentSecrets(file: string, mod: JsModule, comments: t.Comment[]): LooseSecret[] {
  const out: LooseSecret[] = [];
  const lines = new Set<number>();
  for (const c of comments.slice(0, 5000)) {
    const body = mod.text.slice(c.start ?? 0, c.end ?? 0);
    if (body.length > 20_000 || !/pass/i.test(body)) continue;
    for (const m of body.matchAll(COMMENTED_PASSWORD)) {
      const value = m[3];
      const r = resolveRef(value);
      if (r.origin !== 'literal' || classifySecret(r.value ?? '') !== 'literal') continue;
      const at = mod.pos((c.start ?? 0) + (m.index ?? 0));
      if (lines.has(at.line)) continue;
      lines.add(at.line);
      out.push({ at: { file, line: at.line, column: at.column }, key: m[1] });
    }
  }
  return out;
}
