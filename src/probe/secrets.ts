/**
 * Every form a probe secret can take on the wire or in a log, and their redaction. The username is
 * not secret and never a variant on its own; the password and the OAuth2 token are, however short.
 */
import type { ProbeCredentials } from './types.js';

const MASK = '***';

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Base64 without the trailing `=` padding, as some logs and servers print it. */
function unpadded(encoded: string): string {
  return encoded.replace(/=+$/, '');
}

/**
 * The password, the token, their base64 forms, the AUTH PLAIN payloads (`\0user\0pass`,
 * `user\0user\0pass`), the XOAUTH2 string and its base64, and the URL-encoded secrets. Longest
 * first, so that `redact` replaces a payload before the secret inside it.
 */
export function secretVariants(creds: ProbeCredentials): string[] {
  const out = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value === undefined || value === '') return;
    out.add(value);
  };
  const addEncoded = (raw: string): void => {
    const encoded = b64(raw);
    add(encoded);
    // Unpadded forms only when long enough not to match ordinary text.
    if (unpadded(encoded).length >= 4) add(unpadded(encoded));
  };
  const user = creds.username ?? '';
  const { password, oauth2Token } = creds;
  if (password) {
    add(password);
    if (encodeURIComponent(password) !== password) add(encodeURIComponent(password));
    addEncoded(password); // AUTH LOGIN sends the password alone, base64-encoded
    addEncoded(`\0${user}\0${password}`);
    addEncoded(`${user}\0${user}\0${password}`);
    if (user !== '') addEncoded(`\0\0${password}`);
  }
  if (oauth2Token) {
    add(oauth2Token);
    if (encodeURIComponent(oauth2Token) !== oauth2Token) add(encodeURIComponent(oauth2Token));
    addEncoded(oauth2Token);
    const xoauth2 = `user=${user}\x01auth=Bearer ${oauth2Token}\x01\x01`;
    add(xoauth2);
    addEncoded(xoauth2);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of every variant with `***`. */
export function redact(text: string, variants: readonly string[]): string {
  let out = text;
  for (const variant of variants) {
    if (variant === '' || !out.includes(variant)) continue;
    out = out.split(variant).join(MASK);
  }
  return out;
}

/** A deep copy of a JSON-like value with every string redacted (keys included); always a copy. */
export function redactDeep<T>(value: T, variants: readonly string[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, variants);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) copy[redact(k, variants)] = walk(inner);
      return copy;
    }
    return v;
  };
  return walk(value) as T;
}
