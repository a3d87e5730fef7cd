/**
 * Shared helpers for the extractor unit tests: fixtures are written as arrays of lines (line N of the
 * file is element N-1, annotated with `// N`), and endpoints are reduced to a small summary so a
 * failing assertion shows a readable diff.
 */
import { expect } from 'vitest';
import { extract } from '../../src/extract/index.js';
import type { Endpoint, Extraction, Location, Origin, Security, Setting } from '../../src/model.js';

/** The file text for `lines` (line N is `lines[N-1]`), with a trailing newline. */
export function text(lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function run(path: string, lines: string[]): Extraction {
  return extract(path, text(lines));
}

/** The single endpoint of an extraction (asserts there is exactly one). */
export function only(x: Extraction): Endpoint {
  expect(x.endpoints.map((e) => `${e.ecosystem}@${e.at.line}`)).toHaveLength(1);
  return x.endpoints[0];
}

interface SettingSummary<T> {
  value?: T;
  origin: Origin;
  line: number;
}

function s<T>(x: Setting<T> | undefined): SettingSummary<T> | undefined {
  if (!x) return undefined;
  const out: SettingSummary<T> = { origin: x.origin, line: x.at.line };
  if (x.value !== undefined) out.value = x.value;
  return out;
}

export interface Summary {
  ecosystem: string;
  line: number;
  active: boolean;
  host?: SettingSummary<string>;
  port?: SettingSummary<number>;
  security: { value?: Security; line: number };
  tlsVerify?: { value?: boolean; line: number };
  password?: { origin: Origin; line: number };
}

/** The fields every test asserts, in one comparable object. */
export function summary(ep: Endpoint): Summary {
  const out: Summary = {
    ecosystem: ep.ecosystem,
    line: ep.at.line,
    active: ep.active,
    security: { value: ep.security.value, line: ep.security.at.line },
  };
  if (ep.host) out.host = s(ep.host);
  if (ep.port) out.port = s(ep.port);
  if (ep.tlsVerify) out.tlsVerify = { value: ep.tlsVerify.value, line: ep.tlsVerify.at.line };
  if (ep.password) out.password = { origin: ep.password.origin, line: ep.password.at.line };
  return out;
}

/** No secret text (nor any of its encodings given) appears anywhere in the extraction. */
export function expectHidden(x: Extraction, ...secrets: string[]): void {
  const json = JSON.stringify(x);
  for (const secret of secrets) {
    expect(json, `secret ${secret.slice(0, 3)}… leaked`).not.toContain(secret);
  }
  for (const ep of x.endpoints) {
    if (ep.password) for (const secret of secrets) expect(ep.password.raw).not.toContain(secret);
  }
}

/** Every location an extraction carries. */
export function locations(x: Extraction): Location[] {
  const out: Location[] = [];
  const add = (l: Location | undefined) => {
    if (l) out.push(l);
  };
  for (const ep of x.endpoints) {
    add(ep.at);
    for (const st of [
      ep.host,
      ep.port,
      ep.security,
      ep.tlsVerify,
      ep.minTls,
      ep.user,
      ep.password,
      ep.authMethod,
      ep.debug,
    ])
      add(st?.at);
    for (const l of ep.verifyOffAlso ?? []) add(l);
    for (const o of [...ep.conflicts, ...ep.ignored, ...ep.weakTls]) {
      add(o.at);
      for (const r of o.related ?? []) add(r);
    }
  }
  for (const ls of x.looseSecrets) add(ls.at);
  return out;
}
