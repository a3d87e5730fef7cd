/**
 * YAML (all documents of a stream) walked node by node — never `toJS()` — so alias bombs stay
 * bounded: aliases are resolved with caps on total entries ({@link MAX_ENTRIES}), visited nodes
 * ({@link MAX_VISITS}) and depth ({@link MAX_DEPTH}); cyclic aliases are cut.
 *
 * Normalisations:
 * - a sequence item `KEY=value` (docker-compose `environment:` list) → entry `[...parent, KEY]`;
 * - a sequence item `{name, value}` (Kubernetes `env:`) → entry `[...parent, name]` at the
 *   `value` key; with `valueFrom` instead → value null, raw `valueFrom:secretKeyRef` (etc.) at
 *   the `name` key;
 * - in a `kind: Secret` document, `data.*` values that decode cleanly from base64 to printable
 *   UTF-8 get the decoded text as `value` (`raw` keeps the base64);
 * - merge keys (`<<: *anchor`) are expanded into the map (explicit keys win).
 *
 * Helm/Go/Jinja templates (`{{ ... }}`, `{% ... %}`) that make a file invalid are retried with
 * same-length placeholders (lines holding only templates are blanked), and the original text is
 * restored in keys, values and `raw`. Commented lines `# KEY: value` / `# KEY=value` give
 * `commented: true` entries with path `[KEY]`.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type EmptyStream,
  type YAMLError,
  type Scalar as YamlScalar,
  type YAMLMap,
} from 'yaml';
import type { Entry, ParseResult, Scalar } from './entry.js';
import { Diagnostics, errorMessage, splitLines } from './text.js';
import { capYamlDepth } from './yaml-depth.js';

export const MAX_ENTRIES = 10_000;
export const MAX_DEPTH = 200;
const MAX_VISITS = 200_000;
/** Beyond this many errors the text is not a template problem; don't parse it twice. */
const MAX_RETRY_ERRORS = 1_000;
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const ENV_ITEM_RE = /^([A-Za-z_][A-Za-z0-9_.]*)=/;
const COMMENTED_RE = /^([ \t]*#[ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(\S.*)$/;
const UNQUOTED_TEMPLATE_RE = /(?:^|[\s:,[-])\{[{%]/m;
const TEMPLATE_RE = /\{\{.*?\}\}|\{%.*?%\}/g;
const PLACEHOLDER_CHARS = ['\ua66e', '\u01c2', '\ua74a', '\u1e9e', '\u2c6f', '\ua7b4'];

interface Pos {
  line: number;
  column: number;
}

interface Template {
  start: number;
  end: number;
  text: string;
}

interface Parsed {
  docs: Document.Parsed[];
  lc: LineCounter;
  errorCount: number;
  errors: YAMLError[];
}

class Stop extends Error {}

interface Ctx {
  /** Source with lone CRs turned into LFs (same offsets as the input minus BOM). */
  text: string;
  lc: LineCounter;
  entries: Entry[];
  diags: Diagnostics;
  visits: number;
  depthWarned: boolean;
  isSecret: boolean;
  /** Collections currently being walked (cycle guard for aliases). */
  ancestors: Set<unknown>;
  /** Maps already checked for duplicate keys (an aliased map is walked once per alias). */
  keysChecked: WeakSet<YAMLMap>;
  /** Alias node → the node its anchor names (the last one defined before it). */
  aliasTargets: Map<unknown, unknown>;
  /** Lines inside multi-line scalars (block scalars, multi-line quoted strings). */
  scalarLines: Set<number>;
  templates: Template[];
  fill: string;
  /** 1-based lines blanked by the template fallback (structural template-only lines). */
  blanked: Set<number>;
}

/** Parses a YAML stream. Never throws. */
export function parseYaml(text: string): ParseResult {
  const entries: Entry[] = [];
  const diags = new Diagnostics();
  if (typeof text !== 'string') {
    diags.add('malformed YAML: input is not text');
    return { entries, diagnostics: diags.list() };
  }
  let source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  source = source.replace(/\r(?!\n)/g, '\n');
  const scalarLines = new Set<number>();
  // Nesting the yaml package would recurse through until the stack overflows is blanked first.
  const cut = capYamlDepth(source, MAX_DEPTH);
  if (cut.line !== undefined) {
    diags.add(
      `YAML nested deeper than ${MAX_DEPTH} levels at line ${cut.line}; deeper values skipped`,
    );
    source = cut.text;
  }

  try {
    let parsed = parse(source);
    let templates: Template[] = [];
    let blanked = new Set<number>();
    let fill = '';
    // Unquoted `{{ x }}` is either an error or (worse) silently a flow mapping with a mapping
    // key, so the placeholder parse is preferred whenever it is not worse.
    const unquotedTemplate = UNQUOTED_TEMPLATE_RE.test(source);
    const templated = source.includes('{{') || source.includes('{%');
    if (
      (parsed.errorCount > 0 || unquotedTemplate) &&
      templated &&
      parsed.errorCount <= MAX_RETRY_ERRORS
    ) {
      fill = PLACEHOLDER_CHARS.find((c) => !source.includes(c)) ?? '';
      if (fill) {
        const pre = replaceTemplates(source, fill);
        const retry = parse(pre.text);
        if (
          retry.errorCount < parsed.errorCount ||
          (unquotedTemplate && retry.errorCount === parsed.errorCount)
        ) {
          parsed = retry;
          templates = pre.templates;
          blanked = pre.blanked;
        }
      }
    }

    const bad = NON_PRINTABLE_RE.exec(source);
    if (bad) {
      const line = Math.max(1, parsed.lc.linePos(bad.index).line);
      const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      diags.add(`malformed YAML at line ${line}: non-printable character U+${code} (binary file?)`);
    }
    for (const err of parsed.errors) {
      const line = Math.max(1, parsed.lc.linePos(err.pos[0]).line);
      diags.add(`malformed YAML at line ${line}: ${errorMessage(err)}`);
    }

    const ctx: Ctx = {
      text: source,
      lc: parsed.lc,
      entries,
      diags,
      visits: 0,
      depthWarned: cut.line !== undefined,
      isSecret: false,
      ancestors: new Set(),
      keysChecked: new WeakSet(),
      aliasTargets: new Map(),
      scalarLines,
      templates,
      blanked,
      fill,
    };
    try {
      for (const doc of parsed.docs) {
        ctx.isSecret = isSecretDoc(doc);
        ctx.aliasTargets = buildAliasTargets(doc);
        const root = doc.contents;
        if (isMap(root) || isSeq(root)) visitValue(ctx, root, [], 0, { line: 1, column: 1 });
      }
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
    }
  } catch (err) {
    diags.add(`malformed YAML: ${errorMessage(err)}`);
  }

  try {
    addCommented(source, scalarLines, entries);
  } catch (err) {
    diags.add(`malformed YAML: ${errorMessage(err)}`);
  }
  return { entries, diagnostics: diags.list() };
}

function parse(text: string): Parsed {
  const lc = new LineCounter();
  // yaml builds one Error per problem; with stack traces that makes hostile input (1 MB of `"`:
  // half a million errors) take seconds longer. Restored before returning; parsing is synchronous.
  const stackTraceLimit = Error.stackTraceLimit;
  let docs: Document.Parsed[] | EmptyStream;
  try {
    Error.stackTraceLimit = 0;
    // uniqueKeys: the package checks each key against every earlier one (quadratic: a 1 MB
    // one-line flow map takes a minute); visitMap checks duplicates with a set instead.
    docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const errors: YAMLError[] = [];
  const list: Document.Parsed[] = [];
  if ('empty' in docs) {
    errors.push(...docs.errors);
  } else {
    for (const d of docs) {
      list.push(d);
      for (const e of d.errors) errors.push(e);
    }
  }
  return { docs: list, lc, errorCount: errors.length, errors };
}

/** Replaces templates with same-length placeholder runs; template-only lines become blank. */
function replaceTemplates(
  text: string,
  fill: string,
): { text: string; templates: Template[]; blanked: Set<number> } {
  const templates: Template[] = [];
  const blanked = new Set<number>();
  let lineNo = 0;
  let out = '';
  let offset = 0;
  for (const line of text.split('\n')) {
    if (offset > 0) out += '\n';
    if (!line.includes('{{') && !line.includes('{%')) {
      out += line;
    } else if (
      line.replace(TEMPLATE_RE, '').trim() === '' &&
      (line.match(TEMPLATE_RE) ?? []).every(isStructural)
    ) {
      out += line.replace(/[^\r]/g, ' ');
      blanked.add(lineNo + 1);
    } else {
      out += line.replace(TEMPLATE_RE, (m: string, at: number) => {
        templates.push({ start: offset + at, end: offset + at + m.length, text: m });
        return fill.repeat(m.length);
      });
    }
    offset += line.length + 1;
    lineNo++;
  }
  return { text: out, templates, blanked };
}

/**
 * Control statements and YAML-emitting calls (`{{- if }}`, `{{ end }}`, `{{ include ... | nindent 4 }}`,
 * `{% for %}`) stand for structure, not a value: a line of only those is blanked. A lone
 * `{{ .Values.x }}` line (e.g. inside a block scalar) keeps a placeholder so it is restored.
 */
function isStructural(template: string): boolean {
  return (
    template.startsWith('{%') ||
    /^\{\{-?\s*(?:if|else|end|range|with|define|template|block|include|toYaml|toJson|tpl|nindent|indent|\/\*|\$[\w]*\s*:?=)(?![\w.])/.test(
      template,
    )
  );
}

function isSecretDoc(doc: Document.Parsed): boolean {
  const root = doc.contents;
  if (!isMap(root)) return false;
  for (const pair of root.items) {
    if (
      isScalar(pair.key) &&
      pair.key.value === 'kind' &&
      isScalar(pair.value) &&
      pair.value.value === 'Secret'
    ) {
      return true;
    }
  }
  return false;
}

function pos(ctx: Ctx, offset: number | undefined): Pos | undefined {
  if (offset === undefined) return undefined;
  const p = ctx.lc.linePos(offset);
  return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
}

function nodeRange(node: unknown): [number, number, number] | undefined {
  const r = (node as { range?: [number, number, number] | null } | null)?.range;
  return r ?? undefined;
}

function tick(ctx: Ctx): void {
  if (++ctx.visits > MAX_VISITS) {
    ctx.diags.add(
      `YAML too large to walk (more than ${MAX_VISITS} nodes, alias expansion?); stopped`,
    );
    throw new Stop();
  }
}

function resolveAlias(ctx: Ctx, node: unknown): unknown {
  return isAlias(node) ? ctx.aliasTargets.get(node) : node;
}

/**
 * Maps every alias to its anchor in one iterative pass in document order (yaml's own
 * `Alias.resolve` re-walks the whole document per call, recursively).
 */
function buildAliasTargets(doc: Document.Parsed): Map<unknown, unknown> {
  const targets = new Map<unknown, unknown>();
  const anchors = new Map<string, unknown>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target !== undefined) targets.set(node, target);
      continue;
    }
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (typeof anchor === 'string' && anchor !== '') anchors.set(anchor, node);
    if (isMap(node) || isSeq(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return targets;
}

function visitValue(ctx: Ctx, node: unknown, path: string[], depth: number, at: Pos): void {
  tick(ctx);
  if (isAlias(node)) {
    const target = resolveAlias(ctx, node);
    if (target === undefined || ctx.ancestors.has(target)) return; // dangling or cyclic
    visitValue(ctx, target, path, depth + 1, at);
    return;
  }
  if (isScalar(node)) {
    emitScalar(ctx, node, path, at);
    return;
  }
  if (node === null || node === undefined) {
    if (path.length > 0)
      push(ctx, { path, value: null, raw: '', quoted: false, line: at.line, column: at.column });
    return;
  }
  if (depth >= MAX_DEPTH) {
    if (!ctx.depthWarned) {
      ctx.depthWarned = true;
      ctx.diags.add(
        `YAML nested deeper than ${MAX_DEPTH} levels at line ${at.line}; deeper values skipped`,
      );
    }
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  // Ancestors are tracked so an alias pointing back into its own ancestry is cut at once.
  const fresh = !ctx.ancestors.has(node);
  if (fresh) ctx.ancestors.add(node);
  try {
    if (isMap(node)) visitMap(ctx, node, path, depth);
    else visitSeq(ctx, node.items, path, depth);
  } finally {
    if (fresh) ctx.ancestors.delete(node);
  }
}

function visitMap(ctx: Ctx, map: YAMLMap, path: string[], depth: number): void {
  let explicit: Set<string> | undefined;
  const keys = ctx.keysChecked.has(map) ? undefined : new Set<string>();
  ctx.keysChecked.add(map);
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    if (keys) checkDuplicate(ctx, keys, pair.key);
    if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
      explicit ??= new Set(
        map.items.map((p) => keyString(ctx, p.key)).filter((k): k is string => k !== undefined),
      );
      visitMerge(ctx, pair.value, path, depth, explicit);
      continue;
    }
    visitPair(ctx, pair.key, pair.value, path, depth);
  }
}

/** The yaml package's own duplicate-key error, found in linear time (scalar keys only). */
function checkDuplicate(ctx: Ctx, keys: Set<string>, keyNode: unknown): void {
  if (!isScalar(keyNode) || (keyNode.value === '<<' && keyNode.type === 'PLAIN')) return;
  const id = `${typeof keyNode.value}:${String(keyNode.value)}`;
  if (!keys.has(id)) {
    keys.add(id);
    return;
  }
  const line = pos(ctx, nodeRange(keyNode)?.[0])?.line ?? 1;
  ctx.diags.add(`malformed YAML at line ${line}: Map keys must be unique`);
}

function visitPair(
  ctx: Ctx,
  keyNode: unknown,
  valueNode: unknown,
  path: string[],
  depth: number,
): void {
  const key = keyString(ctx, keyNode);
  if (key === undefined) return; // complex key
  const at = pos(ctx, nodeRange(keyNode)?.[0]) ??
    pos(ctx, nodeRange(valueNode)?.[0]) ?? { line: 1, column: 1 };
  visitValue(ctx, valueNode, [...path, key], depth + 1, at);
}

/** `<<: *a` or `<<: [*a, *b]`: earlier sources win, explicit keys win over all. */
function visitMerge(
  ctx: Ctx,
  value: unknown,
  path: string[],
  depth: number,
  explicit: Set<string>,
): void {
  tick(ctx);
  const sources = isSeq(value) ? value.items : [value];
  const seen = new Set(explicit);
  for (const src of sources) {
    const target = resolveAlias(ctx, src);
    if (!isMap(target) || ctx.ancestors.has(target)) continue;
    if (depth + 1 >= MAX_DEPTH) continue;
    ctx.ancestors.add(target);
    try {
      for (const pair of target.items) {
        const k = keyString(ctx, pair.key);
        if (k === undefined || seen.has(k)) continue;
        seen.add(k);
        visitPair(ctx, pair.key, pair.value, path, depth + 1);
      }
    } finally {
      ctx.ancestors.delete(target);
    }
  }
}

function visitSeq(ctx: Ctx, items: unknown[], path: string[], depth: number): void {
  items.forEach((item, i) => {
    const itemPath = [...path, String(i)];
    const at = pos(ctx, nodeRange(item)?.[0]);
    if (!at) return; // empty item without position
    const target = isAlias(item) ? undefined : item;

    // docker-compose `- KEY=value`
    if (isScalar(target) && typeof target.value === 'string') {
      const value = restore(ctx, target.value, nodeRange(target));
      const m = ENV_ITEM_RE.exec(value);
      if (m) {
        tick(ctx);
        const quoted = target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE';
        const raw = scalarRaw(ctx, target, value);
        const keyAt = { line: at.line, column: at.column + (quoted ? 1 : 0) };
        const eqInRaw = raw.indexOf('=');
        push(ctx, {
          path: [...path, m[1]],
          value: value.slice(m[0].length),
          raw: eqInRaw >= 0 ? raw.slice(eqInRaw + 1) : value.slice(m[0].length),
          quoted,
          line: keyAt.line,
          column: keyAt.column,
        });
        recordScalarLines(ctx, target);
        return;
      }
    }

    // Kubernetes `- name: X` + `value:` / `valueFrom:`
    if (isMap(target) && depth + 1 < MAX_DEPTH && visitEnvItem(ctx, target, path, depth)) return;

    visitValue(ctx, item, itemPath, depth + 1, at);
  });
}

function visitEnvItem(ctx: Ctx, map: YAMLMap, path: string[], depth: number): boolean {
  let nameNode: unknown;
  let nameKey: unknown;
  let valuePair: { key: unknown; value: unknown } | undefined;
  let valueFrom: unknown;
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? pair.key.value : undefined;
    if (k === 'name') {
      nameNode = pair.value;
      nameKey = pair.key;
    } else if (k === 'value') valuePair = pair;
    else if (k === 'valueFrom') valueFrom = pair.value;
  }
  if (
    !isScalar(nameNode) ||
    (typeof nameNode.value !== 'string' && typeof nameNode.value !== 'number')
  )
    return false;
  const name = restore(ctx, String(nameNode.value), nodeRange(nameNode));

  if (
    valuePair &&
    (isScalar(valuePair.value) || valuePair.value === null || valuePair.value === undefined)
  ) {
    const at = pos(ctx, nodeRange(valuePair.key)?.[0]) ?? { line: 1, column: 1 };
    visitValue(ctx, valuePair.value, [...path, name], depth + 1, at);
    return true;
  }
  if (valueFrom !== undefined && !valuePair) {
    tick(ctx);
    const source =
      isMap(valueFrom) && isScalar(valueFrom.items[0]?.key)
        ? String(valueFrom.items[0].key.value)
        : '';
    const at = pos(ctx, nodeRange(nameKey)?.[0]) ?? { line: 1, column: 1 };
    push(ctx, {
      path: [...path, name],
      value: null,
      raw: source ? `valueFrom:${source}` : 'valueFrom',
      quoted: false,
      line: at.line,
      column: at.column,
    });
    return true;
  }
  return false;
}

function keyString(ctx: Ctx, node: unknown): string | undefined {
  if (node === null || node === undefined) return '';
  if (isAlias(node)) {
    const target = resolveAlias(ctx, node);
    return isScalar(target) ? keyString(ctx, target) : undefined;
  }
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return restore(ctx, v, nodeRange(node));
  const r = nodeRange(node);
  if (r) return ctx.text.slice(r[0], r[1]);
  return String(v);
}

function emitScalar(ctx: Ctx, node: YamlScalar, path: string[], at: Pos): void {
  if (path.length === 0) return;
  const range = nodeRange(node);
  const v: unknown = node.value;
  let value: Scalar;
  if (typeof v === 'string') value = restore(ctx, v, range);
  else if (typeof v === 'number' || typeof v === 'boolean' || v === null) value = v;
  else if (typeof v === 'bigint') value = Number(v);
  else value = range ? ctx.text.slice(range[0], range[1]) : String(v);

  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  if (block && typeof value === 'string' && range && ctx.blanked.size > 0) {
    value = dropBlankedLines(ctx, value, range);
  }
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const entry: Entry = {
    path,
    value,
    raw: scalarRaw(ctx, node, typeof value === 'string' ? value : String(value)),
    quoted,
    line: at.line,
    column: at.column,
  };

  if (ctx.isSecret && path.length === 2 && path[0] === 'data' && typeof value === 'string') {
    const decoded = decodeBase64Text(value);
    if (decoded !== undefined) entry.value = decoded;
  }

  if (range && range[1] > range[0]) {
    const start = pos(ctx, range[0]);
    if (start) {
      const valueLine = block ? start.line + 1 : start.line;
      if (valueLine !== at.line) entry.valueLine = valueLine;
    }
  }
  recordScalarLines(ctx, node);
  push(ctx, entry);
}

/**
 * A block scalar covering blanked `{{- if }}`-style lines would otherwise keep them as
 * whitespace-only content lines; drop those (the template engine would not emit them either).
 * Exact for literal (`|`) scalars; folded ones are approximated the same way.
 */
function dropBlankedLines(ctx: Ctx, value: string, range: [number, number, number]): string {
  const header = pos(ctx, range[0]);
  if (!header) return value;
  const first = header.line + 1;
  return value
    .split('\n')
    .filter((l, k) => !(ctx.blanked.has(first + k) && l.trim() === ''))
    .join('\n');
}

function scalarRaw(ctx: Ctx, node: YamlScalar, valueText: string): string {
  const range = nodeRange(node);
  if (!range) return valueText;
  const src = ctx.text.slice(range[0], range[1]);
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      const q = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
      let inner = src.startsWith(q) ? src.slice(1) : src;
      if (inner.endsWith(q) && inner.length > 0) inner = inner.slice(0, -1);
      return inner;
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return valueText;
    default:
      return src;
  }
}

function recordScalarLines(ctx: Ctx, node: YamlScalar): void {
  const range = nodeRange(node);
  if (!range || node.type === 'PLAIN') return;
  const a = pos(ctx, range[0]);
  const b = pos(ctx, range[1]);
  if (!a || !b || b.line <= a.line) return;
  for (let l = a.line; l <= b.line; l++) ctx.scalarLines.add(l);
}

/** Puts original template text back where placeholders were substituted. */
function restore(ctx: Ctx, s: string, range: [number, number, number] | undefined): string {
  if (ctx.templates.length === 0 || !range || !ctx.fill || !s.includes(ctx.fill)) return s;
  let out = s;
  let from = 0;
  for (const t of ctx.templates) {
    if (t.end <= range[0] || t.start >= range[2]) continue;
    const ph = ctx.fill.repeat(t.text.length);
    const at = out.indexOf(ph, from);
    if (at < 0) continue;
    out = out.slice(0, at) + t.text + out.slice(at + ph.length);
    from = at + t.text.length;
  }
  return out;
}

function push(ctx: Ctx, entry: Entry): void {
  if (ctx.entries.length >= MAX_ENTRIES) {
    ctx.diags.add(
      `YAML has more than ${MAX_ENTRIES} entries (with aliases expanded); skipped the rest from line ${entry.line} on`,
    );
    throw new Stop();
  }
  ctx.entries.push(entry);
}

/** Decodes Kubernetes Secret `data` values; undefined unless clean, printable UTF-8. */
function decodeBase64Text(b64: string): string | undefined {
  const s = b64.replace(/\s+/g, '');
  if (s === '' || s.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== s.replace(/=+$/, '')) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded)) return undefined;
  return decoded;
}

function addCommented(text: string, scalarLines: Set<number>, entries: Entry[]): void {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length && entries.length < MAX_ENTRIES; i++) {
    const line = lines[i];
    if (!/^[ \t]*#/.test(line) || scalarLines.has(i + 1)) continue;
    const m = COMMENTED_RE.exec(line);
    if (!m) continue;
    let raw = m[3].replace(/[ \t]+$/, '');
    let quoted = false;
    const q = raw[0];
    if ((q === '"' || q === "'") && raw.length >= 2 && raw[raw.length - 1] === q) {
      raw = raw.slice(1, -1);
      quoted = true;
    } else {
      const c = /[ \t]#/.exec(raw);
      if (c) raw = raw.slice(0, c.index).replace(/[ \t]+$/, '');
    }
    entries.push({
      path: [m[2]],
      value: raw,
      raw,
      quoted,
      line: i + 1,
      column: m[1].length + 1,
      commented: true,
    });
  }
}
