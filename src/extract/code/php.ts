/**
 * The PHP reader: php-parser's syntax tree (php-ast.ts) → values by the code readers' convention
 * (php-values.ts) → facts (returned arrays, `$CONFIG` arrays and offset assignments, property
 * assignments and calls per object, DSN strings) → the ecosystem interpreters:
 * Laravel `config/mail.php` (laravel-config.ts), PHPMailer (phpmailer.ts), Nextcloud `config.php`
 * (nextcloud.ts) and Symfony Mailer DSNs in PHP config (`->dsn('...')`, `'dsn' => '...'`,
 * `Transport::fromDsn('...')`). Pure; never throws.
 */
import type { LooseSecret } from '../../model.js';
import type { Draft } from '../build.js';
import { dsnEndpoint, looksLikeSmtpUrl } from '../ecosystems/dsn.js';
import { laravelConfigDrafts } from '../ecosystems/laravel-config.js';
import { nextcloudDraft } from '../ecosystems/nextcloud.js';
import {
  phpMailerDraft,
  type PhpAssignment,
  type PhpCall,
  type PhpMailerObject,
} from '../ecosystems/phpmailer.js';
import type { Entry, Scalar } from '../formats/entry.js';
import { classifySecret } from '../secrets.js';
import { resolveRef } from '../values.js';
import { emptyResult, type CodeResult } from './common.js';
import {
  argumentsOf,
  isNode,
  literalKey,
  memberPath,
  nameOf,
  parsePhp,
  propertyOf,
  startOf,
  walk,
  type PhpNode,
  type Visit,
} from './php-ast.js';
import { evaluate, toEntries, type EvalContext, type PhpValue } from './php-values.js';

interface ObjectFacts {
  object: string;
  assignments: (PhpAssignment & { offset: number })[];
  calls: (PhpCall & { offset: number })[];
  constructed: boolean;
  first: number;
}

interface Facts {
  /** Arrays returned at file scope (`return [...]`): Laravel config files. */
  returned: Entry[][];
  /** `$CONFIG = [...]` and `$CONFIG['k'] = v` in source order (Nextcloud). */
  config: (PhpAssignment & { offset: number })[];
  /** Objects (per scope) with property assignments and method calls (PHPMailer). */
  objects: ObjectFacts[];
  /** DSN strings: `->dsn('...')`, `Transport::fromDsn('...')`, `'dsn' => '...'` under a mailer key. */
  dsns: { text: string; line: number; column: number; key: string }[];
}

function scopeKey(v: Visit, object: string): string {
  if (object.startsWith('$this') && v.cls) return `class@${v.cls.loc?.start.offset ?? 0}`;
  return v.fn ? `fn@${v.fn.loc?.start.offset ?? 0}` : 'file';
}

/** `define('NAME', literal)` and `const NAME = literal;` anywhere in the file. */
function constantsOf(program: PhpNode, ctx: EvalContext): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  walk(program, ({ node }) => {
    if (node.kind === 'call' && nameOf(node.what, true)?.toLowerCase() === 'define') {
      const args = argumentsOf(node);
      const name = literalKey(args[0]?.value);
      if (name && args[1]) {
        const v = evaluate(args[1].value, ctx);
        if (v.kind === 'scalar' && v.origin === 'literal') out.set(name, v.value);
      }
    } else if (node.kind === 'constant' && !isNode(node.name) && typeof node.name === 'string') {
      if (isNode(node.value)) {
        const v = evaluate(node.value, ctx);
        if (v.kind === 'scalar' && v.origin === 'literal') out.set(node.name, v.value);
      }
    } else if (node.kind === 'constant' && isNode(node.name) && isNode(node.value)) {
      const n = nameOf(node.name);
      const v = evaluate(node.value, ctx);
      if (n && v.kind === 'scalar' && v.origin === 'literal') out.set(n, v.value);
    }
  });
  return out;
}

const MAILER_KEY = /^mailer$/i;

function collect(program: PhpNode, ctx: EvalContext): Facts {
  const facts: Facts = { returned: [], config: [], objects: [], dsns: [] };
  const objects = new Map<string, ObjectFacts>();
  const objectFor = (v: Visit, object: string, offset: number, fresh = false): ObjectFacts => {
    const key = `${scopeKey(v, object)}\u0000${object}`;
    let o = objects.get(key);
    if (!o || (fresh && (o.assignments.length || o.calls.length))) {
      o = { object, assignments: [], calls: [], constructed: false, first: offset };
      objects.set(key, o);
      facts.objects.push(o);
    }
    return o;
  };
  const visitArrayForDsn = (value: PhpValue, at: { line: number; column: number }) => {
    for (const e of toEntries(value, [], at)) {
      const i = e.path.findIndex((p) => MAILER_KEY.test(p));
      if (i < 0 || typeof e.value !== 'string') continue;
      const rest = e.path.slice(i + 1);
      const isDsn =
        (rest.length === 1 && rest[0].toLowerCase() === 'dsn') ||
        (rest.length === 2 && rest[0].toLowerCase() === 'transports');
      if (isDsn)
        facts.dsns.push({ text: e.value, line: e.line, column: e.column, key: rest.join('.') });
    }
  };

  walk(program, (v) => {
    const { node } = v;
    const offset = node.loc?.start.offset ?? 0;
    if (node.kind === 'return' && !v.fn && isNode(node.expr) && node.expr.kind === 'array') {
      const value = evaluate(node.expr, ctx);
      facts.returned.push(toEntries(value, [], startOf(node.expr)));
      visitArrayForDsn(value, startOf(node.expr));
      return false;
    }
    if (
      node.kind === 'assign' &&
      node.operator === '=' &&
      isNode(node.left) &&
      isNode(node.right)
    ) {
      const left = node.left;
      const right = node.right;
      // $CONFIG = array(...)
      if (left.kind === 'variable' && left.name === 'CONFIG' && right.kind === 'array') {
        const value = evaluate(right, ctx);
        if (value.kind === 'array')
          for (const it of value.items) {
            if (it.key === undefined) continue;
            const at = startOf(it.keyNode ?? it.node);
            facts.config.push({
              key: it.key,
              entries: toEntries(it.value, [it.key], at),
              offset: it.node.loc?.start.offset ?? offset,
            });
          }
        return false;
      }
      // $CONFIG['mail_smtppassword'] = ...
      if (left.kind === 'offsetlookup' && isNode(left.what) && left.what.kind === 'variable') {
        const key = literalKey(left.offset);
        if (left.what.name === 'CONFIG' && key !== undefined) {
          facts.config.push({
            key,
            entries: toEntries(evaluate(right, ctx), [key], startOf(left.offset as PhpNode)),
            offset,
          });
          return false;
        }
      }
      // $mail->Host = ...
      const prop = propertyOf(left);
      if (prop) {
        const o = objectFor(v, prop.object, offset);
        const value = evaluate(right, ctx);
        o.assignments.push({
          key: prop.name,
          entries: toEntries(value, [prop.name], startOf(prop.prop)),
          offset,
        });
        if (value.kind === 'array') visitArrayForDsn(value, startOf(prop.prop));
        return false;
      }
      // $mail = new PHPMailer(...)
      const target = memberPath(left);
      if (target && right.kind === 'new' && /phpmailer/i.test(nameOf(right.what, true) ?? '')) {
        objectFor(v, target, offset, true).constructed = true;
      }
      if (right.kind === 'array') visitArrayForDsn(evaluate(right, ctx), startOf(right));
      return;
    }
    if (node.kind === 'call') {
      const what = node.what;
      if (
        isNode(what) &&
        (what.kind === 'propertylookup' || what.kind === 'nullsafepropertylookup')
      ) {
        const method = nameOf(what.offset);
        const object = memberPath(what.what);
        const at = startOf(isNode(what.offset) ? what.offset : node);
        if (method && object)
          objectFor(v, object, offset).calls.push({
            name: method,
            line: at.line,
            column: at.column,
            offset,
          });
        if (method?.toLowerCase() === 'dsn') {
          const arg = argumentsOf(node)[0];
          const value = arg ? evaluate(arg.value, ctx) : undefined;
          if (value?.kind === 'scalar' && typeof value.value === 'string')
            facts.dsns.push({ text: value.value, line: at.line, column: at.column, key: 'dsn' });
        }
      } else if (isNode(what) && what.kind === 'staticlookup') {
        const method = nameOf(what.offset)?.toLowerCase();
        if (method === 'fromdsn' || method === 'fromdsnobject') {
          const arg = argumentsOf(node)[0];
          const value = arg ? evaluate(arg.value, ctx) : undefined;
          const at = startOf(what.offset as PhpNode);
          if (value?.kind === 'scalar' && typeof value.value === 'string')
            facts.dsns.push({
              text: value.value,
              line: at.line,
              column: at.column,
              key: 'fromDsn',
            });
        }
      }
      for (const a of argumentsOf(node))
        if (a.value.kind === 'array') visitArrayForDsn(evaluate(a.value, ctx), startOf(a.value));
    }
  });
  return facts;
}

/** A Symfony DSN (`->dsn(...)`, `Transport::fromDsn(...)`, `'dsn' => ...`). */
function symfonyDsn(file: string, d: Facts['dsns'][number]): Draft | null {
  const r = resolveRef(d.text);
  const text = r.origin === 'literal' || r.origin === 'default' ? (r.value ?? d.text) : d.text;
  if (!looksLikeSmtpUrl(text)) return null;
  return dsnEndpoint(d.text, { file, line: d.line, column: d.column }, d.key, 'symfony');
}

const COMMENTED_PASSWORD =
  /^\s*(?:\/\/|#|\*|\/\*)\s*(?:\$[\w>-]*->Password\s*=|['"](?:mail_smtppassword|password)['"]\s*=>)\s*['"]([^'"]+)['"]/;

/** Literal passwords in commented-out PHPMailer / Nextcloud / Laravel lines of a mail file. */
function commentedPasswords(file: string, text: string, mailFile: boolean): LooseSecret[] {
  if (!mailFile) return [];
  const out: LooseSecret[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > 4000) continue;
    const m = COMMENTED_PASSWORD.exec(lines[i]);
    if (!m) continue;
    const r = resolveRef(m[1]);
    if (r.origin !== 'literal' || classifySecret(r.value ?? '') !== 'literal') continue;
    const key = /mail_smtppassword/.test(lines[i])
      ? 'mail_smtppassword'
      : /->Password/.test(lines[i])
        ? 'Password'
        : 'password';
    out.push({ at: { file, line: i + 1, column: 1 }, key });
  }
  return out;
}

export function readPhp(file: string, text: string): CodeResult {
  const result = emptyResult();
  try {
    // Cheap prefilter: nothing to read in PHP that never mentions mail.
    if (!/mail|smtp|dsn/i.test(text)) return result;
    const parsed = parsePhp(text, file);
    result.diagnostics.push(...parsed.errors);
    if (!parsed.program) return result;
    const ctx: EvalContext = { text };
    ctx.constants = constantsOf(parsed.program, ctx);
    const facts = collect(parsed.program, ctx);

    for (const entries of facts.returned) result.drafts.push(...laravelConfigDrafts(file, entries));
    const nc = nextcloudDraft(
      file,
      [...facts.config].sort((a, b) => a.offset - b.offset),
    );
    if (nc) result.drafts.push(nc);
    for (const o of facts.objects) {
      const obj: PhpMailerObject = {
        file,
        object: o.object,
        assignments: o.assignments,
        calls: o.calls,
        constructed: o.constructed,
      };
      const d = phpMailerDraft(obj);
      if (d) result.drafts.push(d);
    }
    for (const d of facts.dsns) {
      const draft = symfonyDsn(file, d);
      if (draft) result.drafts.push(draft);
    }
    result.looseSecrets.push(...commentedPasswords(file, text, result.drafts.length > 0));
  } catch (err) {
    result.diagnostics.push(
      `PHP reader failed: ${err instanceof Error ? err.message : String(err)} (please report this)`,
    );
  }
  return result;
}
