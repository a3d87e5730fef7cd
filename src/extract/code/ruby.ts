/**
 * The Ruby reader (SEMANTICS.md §6): finds the mail gem's SMTP settings in Ruby code and hands
 * them to the action-mailer interpreter. It reads
 * - ActionMailer: `config.action_mailer.smtp_settings = {…}`, `ActionMailer::Base.smtp_settings =
 *   {…}`, `….smtp_settings.merge!(…)`, `….smtp_settings[:key] = v`, a local variable holding the
 *   hash, and `delivery_method = :smtp|:test|…` / `perform_deliveries = false` (inactive);
 * - the mail gem's `delivery_method :smtp, {…}` (e.g. inside `Mail.defaults do … end`);
 * - Pony's `via_options: {…}` (a sibling `via: :sendmail` makes it inactive);
 * - GitLab Omnibus `gitlab_rails['smtp_*'] = …` (`smtp_enable` false or absent: inactive);
 * - commented-out literal passwords (`# gitlab_rails['smtp_password'] = "…"`, `# :password => "…"`).
 * Conditions (`if Rails.env.production?`), blocks and everything else are walked through, not
 * evaluated. Values follow the shared convention (common.ts); see ruby-expr.ts. Never throws.
 */
import type { LooseSecret } from '../../model.js';
import type { Draft } from '../build.js';
import {
  mailGemDraft,
  mailKey,
  type MailFlavor,
  type MailValue,
} from '../ecosystems/action-mailer.js';
import type { Entry } from '../formats/entry.js';
import { classifySecret } from '../secrets.js';
import { resolveRef } from '../values.js';
import { codeEntry, emptyResult, type CodeResult } from './common.js';
import { encode, envName, RubyReader, truthOf, type Node, type Pair } from './ruby-expr.js';
import { tokenize, type Tok } from './ruby-tokens.js';

export interface RubyReadOptions {
  /**
   * Map a position in `text` to the real file, for Ruby embedded in another file (GitLab's
   * `GITLAB_OMNIBUS_CONFIG` in docker-compose.yml).
   */
  mapPos?: (line: number, column: number) => { line: number; column: number };
  /** Product name of GitLab settings (default "GitLab Omnibus (gitlab.rb)"). */
  gitlabProduct?: string;
}

interface Group {
  flavor: MailFlavor;
  /** First token of the statement that created the group. */
  at: Tok;
  pairs: Pair[];
  active: boolean;
  inactiveReason?: string;
}

interface Chain {
  parts: { name?: string; index?: string }[];
  end: number;
}

const MERGE_METHODS = new Set(['merge!', 'update', 'deep_merge!', 'reverse_merge!']);

export function readRuby(file: string, text: string, opts: RubyReadOptions = {}): CodeResult {
  try {
    return read(file, text, opts);
  } catch (err) {
    const r = emptyResult();
    r.diagnostics.push(
      `Ruby reader skipped this file: ${err instanceof Error ? err.message : String(err)}`,
    );
    return r;
  }
}

function read(file: string, text: string, opts: RubyReadOptions): CodeResult {
  const result = emptyResult();
  if (!/smtp|mail|via_options/i.test(text)) return result;
  const { tokens, comments } = tokenize(text);
  const r = new RubyReader(text, tokens);
  const pos = (line: number, column: number) =>
    opts.mapPos ? opts.mapPos(line, column) : { line, column };

  const groups: Group[] = [];
  const locals = new Map<string, Node>();
  const deliveries: Node[] = [];
  const performs: Node[] = [];
  const gitlab: Pair[] = [];
  let gitlabAt: Tok | undefined;
  let lastSettings: Group | undefined;

  const hashOf = (n: Node): Pair[] | undefined => {
    if (n.t === 'hash') return n.pairs;
    if (n.t === 'var') {
      const h = locals.get(n.name);
      if (h?.t === 'hash') return h.pairs;
    }
    return undefined;
  };
  /** The end of a call's bare argument list starting at `a` (across `,` and `=>`). */
  const argsEnd = (a: number): number => {
    let b = r.exprEnd(a);
    while (b < tokens.length && tokens[b].kind === 'op' && [',', '=>'].includes(tokens[b].text))
      b = r.exprEnd(b + 1);
    return b;
  };
  /** The pairs of a call's arguments [a, b): one hash (literal or variable) or bare `k: v` pairs. */
  const argPairs = (a: number, b: number): Pair[] => {
    const whole = r.read(a, b);
    return hashOf(whole) ?? r.pairs(a, b);
  };

  const chainAt = (i: number): Chain | undefined => {
    const t = tokens[i];
    if (t.kind !== 'ident' && t.kind !== 'const' && t.kind !== 'ivar') return undefined;
    const parts: Chain['parts'] = [{ name: t.text }];
    let k = i + 1;
    for (;;) {
      const x = tokens[k];
      const y = tokens[k + 1];
      if (!x) break;
      if (
        x.kind === 'op' &&
        (x.text === '.' || x.text === '&.' || x.text === '::') &&
        y &&
        (y.kind === 'ident' || y.kind === 'const')
      ) {
        parts.push({ name: y.text });
        k += 2;
      } else if (
        x.kind === 'op' &&
        x.text === '[' &&
        !x.spaceBefore &&
        y &&
        (y.kind === 'str' || y.kind === 'sym') &&
        tokens[k + 2]?.kind === 'op' &&
        tokens[k + 2].text === ']'
      ) {
        parts.push({ index: y.text });
        k += 3;
      } else break;
    }
    return { parts, end: k };
  };

  /** The sibling `via:` of a Pony `via_options` key at token `i`. */
  const ponyVia = (i: number): Node | undefined => {
    let depth = 0;
    let start = 0;
    for (let k = i - 1; k >= 0; k--) {
      const x = tokens[k];
      if (x.kind === 'op' && [')', ']', '}'].includes(x.text)) depth++;
      else if (x.kind === 'op' && ['(', '[', '{'].includes(x.text)) {
        if (depth === 0) {
          start = k + 1;
          break;
        }
        depth--;
      } else if (x.kind === 'nl' && depth === 0) {
        const prev = tokens[k - 1];
        if (!(prev?.kind === 'op' && prev.text === ',')) {
          start = k + 1;
          break;
        }
      }
    }
    const open = tokens[start - 1];
    const end =
      open?.kind === 'op' && ['(', '{'].includes(open.text) ? r.matching(start - 1) : argsEnd(i);
    // Bare call arguments start after the method name (`Pony.mail to: x, via: :smtp`).
    const pairs = r.pairs(start, end).concat(r.pairs(i, end));
    return pairs.find((p) => p.key === 'via')?.value;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];

    // Pony: `via_options: {…}`, `:via_options => {…}`.
    const isViaLabel = t.kind === 'label' && t.text === 'via_options';
    const isViaKey =
      (t.kind === 'sym' || t.kind === 'str') &&
      t.text === 'via_options' &&
      tokens[i + 1]?.kind === 'op' &&
      tokens[i + 1].text === '=>';
    if (isViaLabel || isViaKey) {
      const a = isViaLabel ? i + 1 : i + 2;
      const e = r.exprEnd(a);
      const pairs = hashOf(r.read(a, e));
      if (pairs) {
        const via = ponyVia(i);
        const viaName = via && (via.t === 'sym' || via.t === 'str') ? via.v : undefined;
        const off = viaName !== undefined && viaName !== 'smtp';
        groups.push({
          flavor: 'pony',
          at: t,
          pairs,
          active: !off,
          inactiveReason: off ? `via: :${viaName}` : undefined,
        });
      }
      continue;
    }

    if (prev?.kind === 'op' && (prev.text === '.' || prev.text === '&.' || prev.text === '::'))
      continue;
    const ch = chainAt(i);
    if (!ch) continue;
    const j = ch.end;
    const nx = tokens[j];
    const last = ch.parts[ch.parts.length - 1];
    const names = ch.parts.map((p) => p.name ?? '');

    // Assignments.
    if (nx?.kind === 'op' && (nx.text === '=' || nx.text === '||=')) {
      const e = r.exprEnd(j + 1);
      if (last.name === 'smtp_settings') {
        const pairs = hashOf(r.read(j + 1, e));
        if (pairs) {
          lastSettings = { flavor: 'rails', at: t, pairs: [...pairs], active: true };
          groups.push(lastSettings);
          i = e - 1;
        }
        continue;
      }
      if (last.index !== undefined && ch.parts[ch.parts.length - 2]?.name === 'smtp_settings') {
        const value = r.read(j + 1, e);
        const key = tokens[j - 2];
        const pair: Pair = { key: last.index, keyTok: key, value };
        if (lastSettings) lastSettings.pairs.push(pair);
        else {
          lastSettings = { flavor: 'rails', at: t, pairs: [pair], active: true };
          groups.push(lastSettings);
        }
        i = e - 1;
        continue;
      }
      if (last.name === 'delivery_method') {
        deliveries.push(r.read(j + 1, e));
        i = e - 1;
        continue;
      }
      if (last.name === 'perform_deliveries') {
        performs.push(r.read(j + 1, e));
        i = e - 1;
        continue;
      }
      if (
        names[0] === 'gitlab_rails' &&
        ch.parts.length === 2 &&
        last.index !== undefined &&
        /^smtp_/.test(last.index)
      ) {
        gitlab.push({ key: last.index, keyTok: t, value: r.read(j + 1, e) });
        gitlabAt ??= t;
        i = e - 1;
        continue;
      }
      if (ch.parts.length === 1 && t.kind === 'ident') {
        const v = r.read(j + 1, e);
        if (v.t === 'hash') locals.set(t.text, v);
        else locals.delete(t.text);
      }
      continue;
    }

    // `….smtp_settings.merge!(…)`
    if (
      MERGE_METHODS.has(last.name ?? '') &&
      ch.parts[ch.parts.length - 2]?.name === 'smtp_settings' &&
      nx &&
      nx.kind !== 'nl'
    ) {
      let a: number;
      let b: number;
      if (nx.kind === 'op' && nx.text === '(' && !nx.spaceBefore) {
        a = j + 1;
        b = r.matching(j);
      } else {
        a = j;
        b = argsEnd(a);
      }
      const pairs = argPairs(a, b);
      if (pairs.length) {
        if (lastSettings) lastSettings.pairs.push(...pairs);
        else {
          lastSettings = { flavor: 'rails', at: t, pairs: [...pairs], active: true };
          groups.push(lastSettings);
        }
      }
      i = Math.max(i, b - 1);
      continue;
    }

    // The mail gem: `delivery_method :smtp, {…}` / `delivery_method(:smtp, …)`.
    if (last.name === 'delivery_method' && nx) {
      let a = j;
      let b: number;
      const paren = nx.kind === 'op' && nx.text === '(' && !nx.spaceBefore;
      if (paren) {
        a = j + 1;
        b = r.matching(j);
      } else b = argsEnd(a);
      const method = tokens[a];
      const isSmtp =
        (method?.kind === 'sym' && method.text === 'smtp') ||
        (method?.kind === 'const' && method.text === 'Mail' && tokens[a + 2]?.text === 'SMTP');
      if (isSmtp) {
        let c = a + 1;
        while (c < b && !(tokens[c].kind === 'op' && tokens[c].text === ',')) c++;
        const pairs = c < b ? argPairs(c + 1, b) : [];
        if (pairs.length) groups.push({ flavor: 'mail', at: t, pairs, active: true });
        i = Math.max(i, b - 1);
      }
      continue;
    }
  }

  // ActionMailer: delivery_method / perform_deliveries in the same file.
  let inactive: string | undefined;
  const methods = deliveries.map(deliveryName);
  // The last delivery_method in the file wins (a later `:letter_opener` overrides `:smtp`).
  const lastMethod = methods[methods.length - 1];
  if (methods.length && lastMethod !== undefined && lastMethod !== 'smtp')
    inactive = `delivery_method is :${lastMethod}`;
  else if (performs.length && performs.every((p) => p.t === 'bool' && !p.v))
    inactive = 'perform_deliveries is false';

  const drafts: Draft[] = [];
  for (const g of groups) {
    const product =
      g.flavor === 'pony'
        ? 'Pony (via_options)'
        : g.flavor === 'mail'
          ? 'mail gem (delivery_method :smtp)'
          : 'Rails ActionMailer (smtp_settings)';
    const off = g.flavor === 'rails' && inactive !== undefined;
    const d = mailGemDraft({
      file,
      flavor: g.flavor,
      product,
      keys: keysOf(g.pairs, g.flavor, pos),
      anchor: anchorOf(file, g.pairs, g.at, pos),
      active: g.active && !off,
      inactiveReason: g.inactiveReason ?? (off ? inactive : undefined),
    });
    if (d) drafts.push(d);
  }

  if (gitlab.length && gitlabAt) {
    const keys = keysOf(gitlab, 'gitlab', pos);
    const enable = keys.get('enable');
    const off = !enable || enable.truth === false;
    const d = mailGemDraft({
      file,
      flavor: 'gitlab',
      product: opts.gitlabProduct ?? 'GitLab Omnibus (gitlab.rb)',
      keys,
      anchor: anchorOf(file, gitlab, gitlabAt, pos),
      active: !off,
      inactiveReason: off
        ? enable
          ? `gitlab_rails['smtp_enable'] is ${enable.source}`
          : "gitlab_rails['smtp_enable'] is not set (GitLab's default is false: mail goes through sendmail)"
        : undefined,
    });
    if (d) drafts.push(d);
  }

  drafts.sort((a, b) => a.anchor.line - b.anchor.line);
  result.drafts = drafts;
  result.looseSecrets = commentedPasswords(file, text, comments, pos);
  return result;
}

/** `:smtp`, `'sendmail'`, `ENV.fetch('DELIVERY', 'smtp').to_sym` → the method name, or undefined. */
function deliveryName(n: Node): string | undefined {
  if (n.t === 'sym' || (n.t === 'str' && !n.interp)) return n.v;
  if (n.t === 'env' && n.dflt && (n.dflt.t === 'sym' || n.dflt.t === 'str')) return n.dflt.v;
  return undefined;
}

type PosFn = (line: number, column: number) => { line: number; column: number };

function anchorOf(file: string, pairs: Pair[], at: Tok, pos: PosFn) {
  const first = pairs.reduce<Tok | undefined>(
    (m, p) => (!m || p.keyTok.start < m.start ? p.keyTok : m),
    undefined,
  );
  const t = first ?? at;
  return { file, ...pos(t.line, t.col) };
}

function keysOf(pairs: Pair[], flavor: MailFlavor, pos: PosFn): Map<string, MailValue> {
  const keys = new Map<string, MailValue>();
  for (const p of pairs) {
    const { value, quoted } = encode(p.value);
    const where = pos(p.keyTok.line, p.keyTok.col);
    const entry: Entry = codeEntry([p.key], value, p.value.text, where.line, where.column, quoted);
    const n = p.value;
    const v: MailValue = { entry, source: n.text, truth: truthOf(n) };
    if (n.t === 'nil') v.nil = true;
    const env = n.t === 'env' || (n.t === 'truthy' && n.of.t === 'env') ? envName(n) : undefined;
    if (env) v.envString = env;
    if (n.t === 'str' && !n.interp) v.stringLiteral = n.v;
    if (n.t === 'secret') v.secret = true;
    keys.set(mailKey(p.key, flavor), v);
  }
  return keys;
}

const COMMENTED_PASSWORD = [
  /^\s*gitlab_rails\[\s*['"](smtp_password)['"]\s*\]\s*=\s*(['"])(.*?)\2/,
  /^\s*(?::|['"])?((?:smtp_)?password)['"]?\s*(?:=>|:)\s*(['"])(.*?)\2/,
];

/** Literal passwords in commented-out settings (SP007): still committed. */
function commentedPasswords(
  file: string,
  text: string,
  comments: { text: string; line: number; col: number }[],
  pos: PosFn,
): LooseSecret[] {
  if (!/smtp/i.test(text)) return [];
  const out: LooseSecret[] = [];
  for (const c of comments) {
    if (c.text.length > 4000) continue;
    for (const re of COMMENTED_PASSWORD) {
      const m = re.exec(c.text);
      if (!m) continue;
      const ref = resolveRef(m[3]);
      if (ref.origin !== 'literal' || classifySecret(ref.value ?? '') !== 'literal') break;
      const where = pos(c.line, c.col + 1 + c.text.length - c.text.trimStart().length);
      out.push({ at: { file, ...where }, key: m[1] });
      break;
    }
  }
  return out;
}
