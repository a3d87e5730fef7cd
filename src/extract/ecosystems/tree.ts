/**
 * Interpret a tree of entries (YAML, JSON, and dotted .properties keys): find the mappings that
 * configure mail — Spring `spring.mail`, Keycloak `smtpServer`, Ghost `mail.options`, nodemailer-shaped
 * objects, .NET settings sections, dawidd6 workflow steps, Grafana `grafana.ini.smtp`, env blocks
 * (compose, Kubernetes, Discourse), and generic `smtp:` blocks — each read once.
 */
import type { Draft } from '../build.js';
import type { Entry } from '../formats/entry.js';
import { valueOf } from './common.js';
import { dawidd6Step } from './dawidd6.js';
import { dotnetSmtp } from './dotnet.js';
import { dialectFor, dsnEndpoint, looksLikeSmtpUrl } from './dsn.js';
import { envDrafts, isEnvStyleKey } from './env.js';
import { grafanaSmtp } from './grafana.js';
import { keycloakSmtp } from './keycloak.js';
import { nodemailerOptions } from './nodemailer.js';
import { isMailName, smtpObject } from './smtp-object.js';
import { dottedKey, springBlocks, springEnvKey } from './spring.js';

const SEP = '\u0000';
const canon = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

interface Node {
  path: string[];
  /** Direct children entries (leaf values). */
  leaves: Entry[];
}

function nodesOf(entries: Entry[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const e of entries) {
    if (e.commented) continue;
    const parent = e.path.slice(0, -1);
    const key = parent.join(SEP);
    let n = nodes.get(key);
    if (!n) nodes.set(key, (n = { path: parent, leaves: [] }));
    n.leaves.push(e);
  }
  return nodes;
}

/**
 * A prefix tree of the live entries, so that `under` costs the size of the subtree it returns,
 * not the size of the file: a 10,000-record JSON array used to make the interpretation quadratic.
 */
interface Trie {
  /** Entries whose path ends one level below this node, with their index in `entries`. */
  here: { e: Entry; i: number }[];
  kids: Map<string, Trie>;
}

function trieOf(entries: Entry[]): Trie {
  const top: Trie = { here: [], kids: new Map() };
  entries.forEach((e, i) => {
    if (e.commented || e.path.length === 0) return;
    let t = top;
    for (let d = 0; d < e.path.length - 1; d++) {
      let k = t.kids.get(e.path[d]);
      if (!k) t.kids.set(e.path[d], (k = { here: [], kids: new Map() }));
      t = k;
    }
    t.here.push({ e, i });
  });
  return top;
}

/**
 * Entries under `path` down to `depth` levels, keyed by their relative dotted path (canonicalised
 * if `canonical`), in file order (a repeated key keeps its first position and its last entry).
 */
function under(trie: Trie, path: string[], depth: number, canonical: boolean): Map<string, Entry> {
  let t: Trie | undefined = trie;
  for (const seg of path) if (!(t = t.kids.get(seg))) return new Map();
  const found: { e: Entry; i: number }[] = [];
  const collect = (node: Trie, left: number) => {
    for (const x of node.here) found.push(x); // no spread: a node may hold 100k+ entries
    if (left > 1) for (const kid of node.kids.values()) collect(kid, left - 1);
  };
  collect(t, depth);
  found.sort((a, b) => a.i - b.i);
  const out = new Map<string, Entry>();
  for (const { e } of found) {
    const rel = e.path.slice(path.length).join('.');
    out.set(canonical ? canon(rel) : rel, e);
  }
  return out;
}

function isNodemailerShape(keys: Map<string, Entry>): boolean {
  const has = (k: string) => keys.has(k);
  return (
    (has('host') || has('service')) &&
    (has('auth.user') ||
      has('auth.pass') ||
      has('secure') ||
      has('requireTLS') ||
      has('tls.rejectUnauthorized') ||
      has('ignoreTLS')) &&
    !has('smarthost')
  );
}

export function treeDrafts(
  file: string,
  entries: Entry[],
  kind: 'yaml' | 'json' | 'properties',
): { drafts: Draft[]; used: Set<Entry> } {
  const drafts: Draft[] = [];
  const used = new Set<Entry>();
  const claimed: string[][] = [];
  const isClaimed = (p: string[]) =>
    claimed.some((c) => c.length <= p.length && c.every((s, i) => p[i] === s));
  const claim = (p: string[], keys: Iterable<Entry>) => {
    claimed.push(p);
    for (const e of keys) used.add(e);
  };

  // Spring Boot and raw JavaMail keys, wherever they sit.
  for (const d of springBlocks(file, entries, kind === 'properties')) drafts.push(d);
  for (const e of entries) {
    const k = dottedKey(e);
    if (
      springEnvKey(e.path.at(-1) ?? '') ||
      /(^|\.)spring\.mail\./.test(k) ||
      (kind === 'properties' && /^mail\./.test(k))
    )
      used.add(e);
  }

  const trie = trieOf(entries);
  const nodes = [...nodesOf(entries).values()].sort((a, b) => a.path.length - b.path.length);
  for (const node of nodes) {
    const p = node.path;
    if (isClaimed(p)) continue;
    if (node.leaves.every((e) => used.has(e))) continue;
    const name = p.at(-1) ?? '';
    const parentName = p.at(-2) ?? '';
    const ctx = p.join('.');
    if (name === 'smtpServer') {
      const keys = under(trie, p, 1, false);
      const d = keycloakSmtp(file, keys);
      if (d) {
        drafts.push(d);
        claim(p, keys.values());
      }
      continue;
    }
    if (
      name === 'with' &&
      node.leaves.some((e) => ['server_address', 'connection_url'].includes(e.path.at(-1) ?? ''))
    ) {
      const keys = under(trie, p, 1, false);
      const d = dawidd6Step(file, keys);
      if (d) {
        drafts.push(d);
        claim(p, keys.values());
      }
      continue;
    }
    if (
      /(^|\.)grafana\.ini\.smtp$/.test(ctx) ||
      (name === 'smtp' && parentName === 'grafana.ini')
    ) {
      const keys = under(trie, p, 1, false);
      const d = grafanaSmtp(
        file,
        {
          enabled: keys.get('enabled'),
          host: keys.get('host'),
          user: keys.get('user'),
          password: keys.get('password'),
          skip_verify: keys.get('skip_verify'),
          startTLS_policy: keys.get('startTLS_policy'),
        },
        { policy: 'startTLS_policy', host: 'host' },
      );
      if (d) {
        drafts.push(d);
        claim(p, keys.values());
      }
      continue;
    }
    // Env blocks: compose `environment`, Kubernetes `data`/`stringData`/`env`, Discourse `env`.
    const envLeaves = node.leaves.filter((e) => isEnvStyleKey(e.path.at(-1) ?? '') && !used.has(e));
    if (envLeaves.length && envLeaves.length >= node.leaves.length / 2) {
      const r = envDrafts(file, envLeaves);
      drafts.push(...r.drafts);
      for (const e of r.used) used.add(e);
      if (r.drafts.length) {
        claim(p, r.used);
        continue;
      }
    }
    const rel2 = under(trie, p, 3, false);
    if (isNodemailerShape(rel2) && (kind === 'json' || kind === 'yaml')) {
      const ghost = parentName === 'mail' && name === 'options';
      const d = nodemailerOptions(
        file,
        rel2,
        ghost ? 'ghost' : 'nodemailer',
        ghost ? 'Ghost (mail.options)' : `nodemailer options (${ctx})`,
      );
      if (d) {
        drafts.push(d);
        claim(p, rel2.values());
        continue;
      }
    }
    if (
      kind === 'json' &&
      node.leaves.some((e) => /^[A-Z]/.test(e.path.at(-1) ?? '')) &&
      (isMailName(name) || node.leaves.some((e) => /ssl|smtp/i.test(e.path.at(-1) ?? '')))
    ) {
      const keys = new Map<string, Entry>();
      for (const e of node.leaves) keys.set((e.path.at(-1) ?? '').toLowerCase(), e);
      const d = dotnetSmtp(file, keys, name || 'root');
      if (d) {
        drafts.push(d);
        claim(p, keys.values());
        continue;
      }
    }
    if (
      isMailName(name) ||
      isMailName(parentName) ||
      node.leaves.some((e) =>
        /^(smtp_?host|smtp_?server|smarthost|smtp_smarthost)$/i.test(e.path.at(-1) ?? ''),
      )
    ) {
      const keys = under(trie, p, 2, true);
      const free = [...keys.values()].filter((e) => !used.has(e));
      if (free.length) {
        const d = smtpObject(file, keys, ctx);
        if (d) {
          drafts.push(d);
          claim(p, keys.values());
        }
      }
    }
  }
  // Connection URLs anywhere else.
  for (const e of entries) {
    if (e.commented || used.has(e) || typeof e.value !== 'string') continue;
    const v = valueOf(e);
    const text = v?.text ?? e.value;
    if (!looksLikeSmtpUrl(text)) continue;
    const key = e.path.at(-1) ?? '';
    const d = dsnEndpoint(text, { file, line: e.line, column: e.column }, key, dialectFor(key));
    if (d) drafts.push(d);
    used.add(e);
  }
  return { drafts, used };
}
