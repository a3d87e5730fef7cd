/**
 * Small pieces every interpreter uses: reading a key's effective value, placing the security
 * setting on the right line, and the Rails/mail-gem reading of TLS flags (Mastodon, Discourse,
 * GitLab, Rails all share it).
 */
import type { Location, Origin, Security, Setting } from '../../model.js';
import { boolSetting, locate } from '../build.js';
import type { Entry } from '../formats/entry.js';
import { parseBool, resolveRef } from '../values.js';
import type { Group } from './group.js';

export interface Val {
  entry: Entry;
  origin: Origin;
  /** Effective text (literal or default), undefined when it comes only from env. */
  text?: string;
}

/** The effective text of an entry (`${X:-d}` gives `d`). */
export function valueOf(e: Entry | undefined): Val | undefined {
  if (!e) return undefined;
  if (e.raw.startsWith('valueFrom:')) return { entry: e, origin: 'secret' };
  if (e.value === null) return { entry: e, origin: 'placeholder', text: '' };
  if (typeof e.value !== 'string') return { entry: e, origin: 'literal', text: String(e.value) };
  const r = resolveRef(e.value);
  if (r.origin === 'literal' || r.origin === 'default')
    return { entry: e, origin: r.origin, text: r.value ?? '' };
  return { entry: e, origin: r.origin };
}

export function lower(v: Val | undefined): string | undefined {
  return v?.text?.trim().toLowerCase();
}

export function flagOf(v: Val | undefined): boolean | undefined {
  return v?.text === undefined ? undefined : parseBool(v.text);
}

/**
 * The security setting, anchored on the TLS key that decided it, or the host line when no TLS key
 * exists (then the port line, then the block's anchor), per DESIGN.md §3.
 */
export function security(
  value: Security,
  file: string,
  decidedBy: Entry | undefined,
  fallbacks: (Entry | undefined)[],
  anchor: Location,
  raw?: string,
): Setting<Security> {
  if (decidedBy) {
    const v = valueOf(decidedBy);
    const origin: Origin =
      value === 'unknown' && v && v.text === undefined
        ? v.origin
        : v?.origin === 'default'
          ? 'default'
          : 'literal';
    return {
      value,
      raw: raw ?? decidedBy.raw,
      at: locate(file, decidedBy),
      origin,
      key: decidedBy.path[decidedBy.path.length - 1],
    };
  }
  const fb = fallbacks.find((e) => !!e);
  return {
    value,
    raw: raw ?? 'no TLS setting, so the default applies',
    at: fb ? locate(file, fb) : anchor,
    origin: 'derived',
  };
}

/** Unknown security because a deciding key comes from env without a default. */
export function unknownFromEnv(file: string, e: Entry): Setting<Security> {
  const v = valueOf(e);
  return {
    value: 'unknown',
    raw: e.raw,
    at: locate(file, e),
    origin: v?.origin ?? 'env',
    key: e.path[e.path.length - 1],
  };
}

export function verifyOff(file: string, e: Entry): Setting<boolean> {
  return { ...boolSetting(file, e), value: false };
}

/**
 * The mail gem / ActionMailer reading: `tls`/`ssl` → implicit; `enable_starttls` → required;
 * `enable_starttls_auto` (default true) → opportunistic; both off → plain.
 */
export function railsSecurity(opts: {
  tls?: boolean;
  starttls?: boolean;
  starttlsAuto?: boolean;
}): Security {
  if (opts.tls) return 'implicit-tls';
  if (opts.starttls) return 'starttls-required';
  if (opts.starttlsAuto ?? true) return 'starttls-opportunistic';
  return 'plain';
}

/** Does a group's value look like it comes from env only (SP012 material)? */
export function isEnvOnly(v: Val | undefined): boolean {
  return !!v && v.text === undefined;
}

/** Rails-style verify modes that turn verification off. */
export function isVerifyNone(text: string | undefined): boolean {
  if (!text) return false;
  return /^(:?none|verify_none|openssl::ssl::verify_none|0)$/i.test(text.trim());
}

export type { Group };
