/**
 * extract(path, text): pick the format reader by file name, parse to entries, and let the
 * ecosystem interpreters turn them into endpoints. Pure; never throws.
 */
import type { Diagnostic, Endpoint, Extraction, LooseSecret } from '../model.js';
import { finish, type Draft } from './build.js';
import { envDrafts } from './ecosystems/env.js';
import { iniDrafts } from './ecosystems/ini.js';
import { treeDrafts } from './ecosystems/tree.js';
import type { Entry, ParseResult } from './formats/entry.js';
import {
  parseDockerfile,
  parseDotenv,
  parseIni,
  parseJson,
  parseProperties,
  parseYaml,
} from './formats/index.js';
import { CODE_READERS, type CodeLanguage } from './code/index.js';
import { classifySecret } from './secrets.js';
import { resolveRef } from './values.js';

export type FormatKind =
  'dotenv' | 'dockerfile' | 'yaml' | 'json' | 'properties' | 'ini' | CodeLanguage;

const CODE_EXTENSIONS: Record<string, CodeLanguage> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  tsx: 'javascript',
  py: 'python',
  rb: 'ruby',
  php: 'php',
  go: 'go',
};

const TEMPLATE_SUFFIX =
  /\.(tpl|tmpl|j2|jinja2?|template|example|sample|dist|default|erb|orig|bak|local)$/i;

/** The format or language of a file, from its name (null: not a file any reader reads). */
export function formatOf(path: string): FormatKind | null {
  const base = path.split('/').pop() ?? path;
  const lower = base.toLowerCase();
  const code =
    CODE_EXTENSIONS[/\.([a-z]+)(\.(erb|tpl|j2|example|sample|dist))?$/.exec(lower)?.[1] ?? ''];
  if (code && !lower.endsWith('.d.ts') && !/\.min\.js$/.test(lower)) return code;
  if (
    /(^|[._-])(docker|container)file([.-].*)?$/i.test(base) ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  )
    return 'dockerfile';
  if (
    /^\.env($|\.)/.test(lower) ||
    /\.env($|\.)/.test(lower) ||
    /^env\.(template|sample|example|dist)$/.test(lower) ||
    /^\.?env[-_.]/.test(lower)
  ) {
    if (!/\.(ya?ml|json|js|ts|py|rb|php)$/.test(lower)) return 'dotenv';
  }
  let stem = lower;
  while (TEMPLATE_SUFFIX.test(stem)) stem = stem.replace(TEMPLATE_SUFFIX, '');
  if (/\.ya?ml$/.test(stem)) return 'yaml';
  if (/\.jsonc?$/.test(stem)) return 'json';
  if (/\.properties$/.test(stem)) return 'properties';
  if (/\.(ini|cfg|conf)$/.test(stem) || stem === 'app.ini') return 'ini';
  if (/^\.?env$/.test(stem)) return 'dotenv';
  return null;
}

function parse(kind: Exclude<FormatKind, CodeLanguage>, text: string): ParseResult {
  switch (kind) {
    case 'dotenv':
      return parseDotenv(text);
    case 'dockerfile':
      return parseDockerfile(text);
    case 'yaml':
      return parseYaml(text);
    case 'json':
      return parseJson(text);
    case 'properties':
      return parseProperties(text);
    case 'ini':
      return parseIni(text);
  }
}

const MAIL_SECRET_KEY = /(smtp|mail|email).*(pass(word|wd)?|secret|api_?key|token)$/i;
const BARE_SECRET_KEY = /^(pass(word|wd)?|smtp_?pass(word)?|auth_?pass(word)?)$/i;
const MAILISH = /smtp|mail|email|smarthost/i;

/**
 * Literal credentials in commented-out lines: still committed (DESIGN.md §3, SP007). Only keys
 * that name a mail password count, or a bare `password` whose section or surrounding block is
 * about mail.
 */
function commentedSecrets(file: string, entries: Entry[]): LooseSecret[] {
  const out: LooseSecret[] = [];
  const live = entries.filter((e) => !e.commented).sort((a, b) => a.line - b.line);
  const contextOf = (line: number): string[] => {
    let best: Entry | undefined;
    for (const e of live) {
      if (e.line >= line) break;
      best = e;
    }
    return best?.path ?? [];
  };
  for (const e of entries) {
    if (!e.commented || typeof e.value !== 'string') continue;
    const key = e.path.join('.');
    const last = e.path.at(-1) ?? '';
    if (!MAIL_SECRET_KEY.test(key)) {
      if (!BARE_SECRET_KEY.test(last)) continue;
      const ctx = [...e.path.slice(0, -1), ...contextOf(e.line)];
      if (!ctx.some((seg) => MAILISH.test(seg))) continue;
    }
    const r = resolveRef(e.value);
    if (r.origin !== 'literal') continue;
    if (classifySecret(r.value ?? '') !== 'literal') continue;
    out.push({ at: { file, line: e.line, column: e.column }, key: last });
  }
  return out;
}

const COMMENT_LINE = /^\s*(#|;|\/\/|!|\*|--|<!--)/;
const INLINE_ASSIGNMENT =
  /\b((?:[A-Za-z_][\w.]*)?(?:smtp|mail|email)[\w.]*(?:pass(?:word|wd)?|secret))\s*[=:]\s*["']?([^\s"',;]+)/gi;

const CODE_COMMENT_PASSWORD =
  /^\s*(?:#|\/\/|\*|\/\*)\s*\$?((?:smtp_?|mail_?|email_?)?pass(?:word|wd)?)\s*[:=]>?\s*["']([^"']+)["']/i;

/**
 * A commented-out `password = "..."` in a code file that talks SMTP (corpus-style: a whole
 * SMTP_SSL variant commented out with its password). Only files that mention SMTP count.
 */
function commentedCodeSecrets(file: string, text: string): LooseSecret[] {
  if (!/smtp/i.test(text)) return [];
  const out: LooseSecret[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > 4000) continue;
    const m = CODE_COMMENT_PASSWORD.exec(lines[i]);
    if (!m) continue;
    const r = resolveRef(m[2]);
    if (r.origin !== 'literal' || classifySecret(r.value ?? '') !== 'literal') continue;
    out.push({ at: { file, line: i + 1, column: (m.index ?? 0) + 1 }, key: m[1] });
  }
  return out;
}

/** Mail passwords written inside comment prose, e.g. `# docker run -e MAIL_PASSWORD=... image`. */
function inlineCommentSecrets(file: string, text: string): LooseSecret[] {
  const out: LooseSecret[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 4000 || !COMMENT_LINE.test(line) || !/pass|secret/i.test(line)) continue;
    for (const m of line.matchAll(INLINE_ASSIGNMENT)) {
      const r = resolveRef(m[2]);
      if (r.origin !== 'literal' || classifySecret(r.value ?? '') !== 'literal') continue;
      out.push({ at: { file, line: i + 1, column: (m.index ?? 0) + 1 }, key: m[1] });
      break;
    }
  }
  return out;
}

/** Code lines longer than this are minified or generated, never hand-written mail settings. */
export const MAX_CODE_LINE = 20_000;

/** Whether a line is longer than MAX_CODE_LINE: one linear pass, no copy. */
function hasLongLine(text: string): boolean {
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index - start > MAX_CODE_LINE) return true;
    start = m.index + m[0].length;
  }
  return text.length - start > MAX_CODE_LINE;
}

/**
 * Blanks code lines over MAX_CODE_LINE characters (line numbers stay), with one diagnostic: the
 * code readers' cost on a megabyte-long line is out of all proportion to what it could hold.
 */
function withoutMinifiedLines(file: string, text: string, diagnostics: Diagnostic[]): string {
  if (text.length <= MAX_CODE_LINE || !hasLongLine(text)) return text;
  const long: number[] = [];
  let out = '';
  let start = 0;
  let line = 1;
  const re = /\r\n|\r|\n/g;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    if (end - start > MAX_CODE_LINE) long.push(line);
    else out += text.slice(start, end);
    if (!m) break;
    out += m[0];
    start = m.index + m[0].length;
    line++;
  }
  const which = long.length === 1 ? `line ${long[0]}` : `${long.length} lines (first: ${long[0]})`;
  diagnostics.push({
    level: 'info',
    file,
    message: `${which} over ${MAX_CODE_LINE.toLocaleString('en-US')} characters (minified or generated code) not read`,
  });
  return out;
}

export function extract(file: string, text: string): Extraction {
  const diagnostics: Diagnostic[] = [];
  const kind = formatOf(file);
  if (!kind) return { endpoints: [], looseSecrets: [], diagnostics };
  let drafts: Draft[] = [];
  let looseSecrets: LooseSecret[] = [];
  try {
    if (kind in CODE_READERS) {
      text = withoutMinifiedLines(file, text, diagnostics);
      const r = CODE_READERS[kind as CodeLanguage](file, text);
      for (const m of r.diagnostics) diagnostics.push({ level: 'warning', file, message: m });
      drafts = r.drafts;
      looseSecrets = [...r.looseSecrets];
      const lines = new Set(looseSecrets.map((x) => x.at.line));
      for (const x of [...inlineCommentSecrets(file, text), ...commentedCodeSecrets(file, text)]) {
        if (!lines.has(x.at.line)) {
          looseSecrets.push(x);
          lines.add(x.at.line);
        }
      }
      return build(drafts, looseSecrets, diagnostics);
    }
    const parsed = parse(kind as Exclude<FormatKind, CodeLanguage>, text);
    for (const m of parsed.diagnostics) diagnostics.push({ level: 'warning', file, message: m });
    const entries = parsed.entries;
    if (kind === 'dotenv' || kind === 'dockerfile')
      drafts = envDrafts(
        file,
        entries.filter((e) => !e.commented),
      ).drafts;
    else if (kind === 'ini') drafts = iniDrafts(file, entries);
    else drafts = treeDrafts(file, entries, kind as 'yaml' | 'json' | 'properties').drafts;
    looseSecrets = commentedSecrets(file, entries);
    const lines = new Set(looseSecrets.map((x) => x.at.line));
    for (const x of inlineCommentSecrets(file, text))
      if (!lines.has(x.at.line)) looseSecrets.push(x);
  } catch (err) {
    diagnostics.push({
      level: 'error',
      file,
      message: `reader failed: ${err instanceof Error ? err.message : String(err)} (please report this)`,
    });
  }
  return build(drafts, looseSecrets, diagnostics);
}

function build(
  drafts: Draft[],
  looseSecrets: LooseSecret[],
  diagnostics: Diagnostic[],
): Extraction {
  const endpoints: Endpoint[] = [];
  const seen = new Set<string>();
  // Next free `#n` per base id: thousands of endpoints on one line (a minified file) stay linear.
  const nextSuffix = new Map<string, number>();
  for (const d of drafts) {
    const ep = finish(d);
    let id = ep.id;
    if (seen.has(id)) {
      let i = nextSuffix.get(ep.id) ?? 2;
      while (seen.has(`${ep.id}#${i}`)) i++;
      id = `${ep.id}#${i}`;
      nextSuffix.set(ep.id, i + 1);
    }
    ep.id = id;
    seen.add(id);
    endpoints.push(ep);
  }
  return { endpoints, looseSecrets, diagnostics };
}
