/**
 * Masks the probe's credentials in the log as soon as they are read (`core.setSecret` in the
 * Action): every form they can take on the wire (base64, AUTH PLAIN payloads, XOAUTH2...).
 */
import { secretVariants } from './secrets.js';
import type { ProbeCredentials } from './types.js';

/** Calls `setSecret` once for every non-empty variant of the credentials' secrets. */
export function maskCredentials(creds: ProbeCredentials, setSecret: (s: string) => void): void {
  const seen = new Set<string>();
  for (const variant of secretVariants(creds)) {
    if (variant === '' || seen.has(variant)) continue;
    seen.add(variant);
    setSecret(variant);
  }
}
