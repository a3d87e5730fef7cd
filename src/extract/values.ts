/**
 * Reading values as the ecosystems read them: env interpolation (`${X:-587}`, `%env(X)%`,
 * `{{ .Values.x }}`), booleans, ports. Pure helpers shared by every interpreter.
 */
import type { Origin } from '../model.js';

export interface Resolved {
  origin: Origin;
  /** The effective text: the literal, or the default inside an env expression. */
  value?: string;
  /** The variable or secret name behind an env/secret reference. */
  ref?: string;
}

const GH_EXPR = /^\$\{\{\s*(.*?)\s*\}\}$/;
// ${NAME}, ${NAME:-def}, ${NAME-def}, ${NAME:=def}, ${NAME:def} (Spring), ${NAME:?err}
const SHELL_EXPR = /^\$\{\s*([A-Za-z_][\w.-]*)\s*(?:(:?[-=])(.*)|:(?![?])(.*)|(:?\?.*))?\}$/s;
const BARE_VAR = /^\$([A-Za-z_]\w*)$/;
const SYMFONY_ENV = /^%env\((?:[\w-]+:)*([\w.-]+)\)%$/;
const TEMPLATE = /\{\{.*?\}\}|\{%.*?%\}|<%=.*?%>/s;
const PARTIAL_REF = /\$\{[^}$]*\}|%env\([^)]*\)%|\$[A-Z_][A-Z0-9_]*\b/;

/** Resolve a string value that may be an env/secret/template reference. */
export function resolveRef(raw: string): Resolved {
  const text = raw.trim();
  const gh = GH_EXPR.exec(text);
  if (gh) {
    const expr = gh[1];
    const m = /^secrets\.([\w-]+)$/.exec(expr);
    if (m) return { origin: 'secret', ref: m[1] };
    return { origin: 'env', ref: expr };
  }
  const sh = SHELL_EXPR.exec(text);
  if (sh) {
    const name = sh[1];
    const def = sh[3] ?? sh[4];
    if (def !== undefined && def !== '') {
      const inner = resolveRef(def);
      if (inner.origin === 'literal') return { origin: 'default', value: def, ref: name };
      return { ...inner, ref: inner.ref ?? name };
    }
    return { origin: 'env', ref: name };
  }
  const bare = BARE_VAR.exec(text);
  if (bare) return { origin: 'env', ref: bare[1] };
  const graf = /^\$__(env|file|vault)\{([^}]+)\}$/.exec(text);
  if (graf) return { origin: graf[1] === 'env' ? 'env' : 'secret', ref: graf[2] };
  const sym = SYMFONY_ENV.exec(text);
  if (sym) return { origin: 'env', ref: sym[1] };
  if (TEMPLATE.test(text)) {
    if (/secrets?\b/i.test(text) && /\{\{\s*\$?\{?\s*secrets\./.test(text))
      return { origin: 'secret', ref: text };
    return { origin: 'env', ref: text };
  }
  if (PARTIAL_REF.test(text)) return { origin: 'env', ref: text };
  return { origin: 'literal', value: text };
}

/** True for the strings that frameworks read as true. */
export function parseBool(raw: string | number | boolean | null | undefined): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0;
  if (raw === null || raw === undefined) return undefined;
  const s = raw.trim().toLowerCase();
  if (['true', 'yes', 'on', '1', 'y', 't'].includes(s)) return true;
  if (['false', 'no', 'off', '0', 'n', 'f', ''].includes(s)) return false;
  return undefined;
}

/** A TCP port from text (`"587"`, `587`, `" 587 "`), or undefined. */
export function parsePort(raw: string | number | boolean | null | undefined): number | undefined {
  if (typeof raw === 'number')
    return Number.isInteger(raw) && raw > 0 && raw < 65536 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (!/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 && n < 65536 ? n : undefined;
}

/** Split `host:port` (also `[::1]:25`); the port part only when it is numeric. */
export function splitHostPort(text: string): { host: string; port?: string } {
  const s = text.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1], port: v6[2] };
  const m = /^([^:]*):(\d+)$/.exec(s);
  if (m) return { host: m[1], port: m[2] };
  return { host: s };
}
