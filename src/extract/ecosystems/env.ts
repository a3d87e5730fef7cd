/**
 * Interpret one group of env-style entries (a dotenv file, a Dockerfile's ENV lines, a compose
 * service's `environment:`, a Kubernetes `data`/`stringData`/`env`, Discourse's `env:`).
 * Specific families first, then connection URLs, then the generic SMTP_/MAIL_/EMAIL_ reader.
 */
import type { Draft } from '../build.js';
import { readRuby } from '../code/ruby.js';
import type { Entry } from '../formats/entry.js';
import { valueOf } from './common.js';
import { dialectFor, dsnEndpoint, looksLikeSmtpUrl } from './dsn.js';
import {
  discourseEnv,
  djangoEnv,
  genericEnv,
  grafanaEnvKeys,
  laravelEnv,
  mastodonEnv,
  outlineEnv,
  vaultwardenEnv,
} from './env-families.js';
import { giteaEnv } from './gitea.js';
import { grafanaSmtp } from './grafana.js';
import { Group } from './group.js';
import { nodemailerOptions } from './nodemailer.js';
import { springBlocks, springEnvKey } from './spring.js';

/**
 * Positions inside a GITLAB_OMNIBUS_CONFIG value → positions in the file. A multi-line value is a
 * YAML block scalar (`|`) whose line N is the file's line `valueLine + N - 1` (columns: the
 * indentation is not kept, so column 1); anything else is placed on its entry's line.
 */
function omnibusPositions(
  e: Entry,
): (line: number, column: number) => { line: number; column: number } {
  const lines = typeof e.value === 'string' ? e.value.split('\n').length : 1;
  // Escaped `\n` in a quoted one-line value are not source lines: the raw text tells.
  const multi = lines > 1 && e.raw.split('\n').length === lines;
  const first = e.valueLine ?? e.line;
  return (line) =>
    multi ? { line: first + line - 1, column: 1 } : { line: first, column: e.column };
}

/** Keys that look like environment variables (`SMTP_HOST`, `GITEA__mailer__USER`, `mail__options__host`). */
export function isEnvStyleKey(key: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(key) || /__/.test(key);
}

export function envDrafts(file: string, entries: Entry[]): { drafts: Draft[]; used: Set<Entry> } {
  const g = new Group(file, entries);
  const drafts: Draft[] = [];
  const push = (d: Draft | null) => {
    if (d) drafts.push(d);
  };
  // Spring Boot relaxed binding: SPRING_MAIL_HOST, SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH...
  const spring = entries.filter((e) => !e.commented && springEnvKey(e.path.at(-1) ?? ''));
  if (spring.length) {
    for (const d of springBlocks(file, spring)) drafts.push(d);
    for (const e of spring) g.used.add(e);
  }
  // GitLab's GITLAB_OMNIBUS_CONFIG: gitlab.rb Ruby inside one value (compose, Dockerfile, .env).
  for (const e of entries) {
    if (e.commented || typeof e.value !== 'string') continue;
    if ((e.path.at(-1) ?? '').toUpperCase() !== 'GITLAB_OMNIBUS_CONFIG') continue;
    for (const d of readRuby(file, e.value, {
      mapPos: omnibusPositions(e),
      gitlabProduct: 'GitLab Omnibus (GITLAB_OMNIBUS_CONFIG)',
    }).drafts)
      drafts.push(d);
    g.used.add(e);
  }
  push(discourseEnv(g));
  for (const d of giteaEnv(g)) drafts.push(d);
  const gk = grafanaEnvKeys(g);
  if (gk)
    push(
      grafanaSmtp(file, gk, {
        policy: 'GF_SMTP_STARTTLS_POLICY',
        host: 'GF_SMTP_HOST',
        verify: 'GF_SMTP_SKIP_VERIFY=true',
      }),
    );
  push(laravelEnv(g));
  push(vaultwardenEnv(g));
  push(outlineEnv(g));
  push(mastodonEnv(g));
  push(djangoEnv(g));
  // Ghost (nconf): mail__options__host, mail__options__auth__user...
  const ghost = new Map<string, Entry>();
  for (const e of entries) {
    const key = e.path.at(-1) ?? '';
    const m = /^mail__options__(.+)$/i.exec(key);
    if (m && !e.commented) {
      ghost.set(m[1].split('__').join('.'), e);
      g.used.add(e);
    }
  }
  if (ghost.size) push(nodemailerOptions(file, ghost, 'ghost', 'Ghost (mail__options__*)'));
  // Connection URLs (MAILER_DSN, MAIL_URL, SMTP_URL, EMAIL_URL...).
  for (const e of entries) {
    if (e.commented || g.used.has(e) || typeof e.value !== 'string') continue;
    const v = valueOf(e);
    const text = v?.text ?? e.value;
    if (!looksLikeSmtpUrl(text)) continue;
    const key = e.path.at(-1) ?? '';
    push(dsnEndpoint(text, { file, line: e.line, column: e.column }, key, dialectFor(key)));
    g.used.add(e);
  }
  for (const d of genericEnv(g)) drafts.push(d);
  return { drafts, used: g.used };
}
