/**
 * The secret guard (DESIGN.md §5): whether the live probe runs at all for this GitHub event, and
 * whether credentials may be sent to a target. Pure decisions plus one DNS step (injectable).
 *
 * Host rules for credentials:
 * - Only a host given as the `smtp-host` input or listed in `live.allow-hosts` of the policy on the
 *   base commit; never a host that only the repository (and so a pull request) names.
 * - Host names compare case-insensitively, a trailing dot ignored. `*.example.com` in allow-hosts
 *   matches subdomains at any depth (`smtp.example.com`, `a.b.example.com`) but not
 *   `example.com` itself: list that separately.
 * - Never to a private, loopback, link-local, CGNAT, unspecified, multicast or reserved address
 *   (also in IPv4-mapped/compatible or NAT64 IPv6 form), checked for EVERY address the name
 *   resolves to (a public-looking name resolving to 127.0.0.1 is DNS rebinding), unless that exact
 *   host name (not a wildcard) or that IP literal is in allow-hosts. Being the input host is not
 *   enough for such addresses: the base branch's policy must say so.
 *
 * The TLS conditions (TLS ≥ 1.2, verified certificate) are enforced by the probe engine.
 */
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import type { ProbeTarget } from './types.js';

export const POLICY_FILE_HINT = '.github/smtp-preflight.yml';

export interface EventContext {
  /** `GITHUB_EVENT_NAME`; '' for the CLI. */
  eventName: string;
  /** The pull request's head repository differs from the base repository. */
  isFork: boolean;
  /** `GITHUB_ACTOR`. */
  actor?: string;
}

export interface EventVerdict {
  run: boolean;
  /** Why the probe is skipped (a notice for the log and the report). */
  reason?: string;
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
]);
const UNTRUSTED_CODE_EVENTS = new Set(['pull_request_target', 'workflow_run']);

/** Whether the probe runs for this event; a skip is a notice, never a failure. */
export function probeEventVerdict(ctx: EventContext): EventVerdict {
  const event = ctx.eventName.trim();
  if (UNTRUSTED_CODE_EVENTS.has(event)) {
    return {
      run: false,
      reason:
        `\`${event}\` workflows run with secrets on code the base branch did not choose. ` +
        'Run the probe on `push`, `schedule`, `workflow_dispatch` or a same-repository `pull_request` instead.',
    };
  }
  if (PULL_REQUEST_EVENTS.has(event) && ctx.isFork) {
    return {
      run: false,
      reason:
        `\`${event}\` from a fork: fork pull requests get no secrets and a read-only token. ` +
        'The static checks still ran; probe on `push` or `schedule` instead.',
    };
  }
  if (PULL_REQUEST_EVENTS.has(event) && isDependabot(ctx.actor)) {
    return {
      run: false,
      reason:
        `\`${event}\` by Dependabot: its pull requests get no Actions secrets and a read-only token. ` +
        'The static checks still ran.',
    };
  }
  return { run: true };
}

function isDependabot(actor: string | undefined): boolean {
  const a = (actor ?? '').trim().toLowerCase();
  return a === 'dependabot[bot]' || a === 'dependabot-preview[bot]' || a === 'dependabot';
}

export interface CredentialContext {
  /** The `smtp-host` input, if given. */
  inputHost?: string;
  /** `live.allow-hosts` of the policy file on the BASE commit. */
  allowHosts: string[];
  /** Resolves a name to all its addresses; default `dns.promises.lookup(host, { all: true })`. */
  resolve?: (host: string) => Promise<string[]>;
  /** Bound on the DNS step (default 10 s). */
  resolveTimeoutMs?: number;
}

export interface CredentialVerdict {
  allowed: boolean;
  /**
   * User-facing: names the host and, when refused, the fix. Written to follow
   * `credentials withheld: ` (the caller's prefix in `ProbeResult.notes`).
   */
  reason: string;
  /**
   * The addresses that were checked (when allowed). The engine should connect to one of these
   * rather than resolve again, so a second DNS answer cannot swap in another address.
   */
  addresses?: string[];
}

/** A host name or IP literal as compared: lower case, no trailing dot, no IPv6 brackets/zone. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  h = h.replace(/\.+$/, '');
  const ip = canonicalIp(h);
  return ip ?? h;
}

/** Whether `host` matches the allow-hosts entry `pattern` (exact, or `*.domain` for subdomains). */
export function hostMatches(host: string, pattern: string, exactOnly = false): boolean {
  const h = normalizeHost(host);
  const p = pattern.trim().toLowerCase();
  if (p.startsWith('*.')) {
    if (exactOnly) return false;
    const suffix = normalizeHost(p.slice(2));
    return suffix !== '' && h.endsWith(`.${suffix}`) && h.length > suffix.length + 1;
  }
  const n = normalizeHost(p);
  return n !== '' && n === h;
}

function defaultResolve(host: string): Promise<string[]> {
  return dns.lookup(host, { all: true, verbatim: true }).then((list) => list.map((a) => a.address));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether credentials may be sent to this target (see the module comment for the rules). */
export async function credentialVerdict(
  target: ProbeTarget,
  ctx: CredentialContext,
): Promise<CredentialVerdict> {
  const host = normalizeHost(target.host);
  const shown = target.host.trim() || '(empty host)';
  const addFix = (name: string) =>
    `add ${name} to live.allow-hosts in ${POLICY_FILE_HINT} on the base branch`;
  if (host === '') {
    return { allowed: false, reason: 'the target has no host name.' };
  }

  const inputHost = ctx.inputHost ?? (target.source === 'input' ? target.host : undefined);
  const isInput = inputHost !== undefined && hostMatches(host, inputHost, true);
  const listedBy = ctx.allowHosts.find((p) => hostMatches(host, p));
  const listedExactly = ctx.allowHosts.some((p) => hostMatches(host, p, true));
  if (!isInput && listedBy === undefined) {
    const where = target.at ? ` (${target.at.file}:${target.at.line})` : '';
    return {
      allowed: false,
      reason:
        `${shown} is named only by the repository${where}, which a pull request can change, ` +
        `not by the smtp-host input or live.allow-hosts. To probe it with credentials, ${addFix(shown)}.`,
    };
  }

  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = await withTimeout(
        (ctx.resolve ?? defaultResolve)(host),
        ctx.resolveTimeoutMs ?? 10_000,
        `resolving ${shown}`,
      );
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        allowed: false,
        reason: `${shown} could not be resolved (${why}): check the host name.`,
      };
    }
    if (addresses.length === 0) {
      return {
        allowed: false,
        reason: `${shown} resolves to no address: check the host name.`,
      };
    }
  }

  const allowedIps = new Set(
    ctx.allowHosts.map((p) => canonicalIp(normalizeHost(p))).filter((x): x is string => !!x),
  );
  for (const address of addresses) {
    const ip = canonicalIp(address);
    if (ip === undefined) {
      return {
        allowed: false,
        reason: `the resolver returned \`${address}\` for ${shown}, which is not an IP address.`,
      };
    }
    const kind = specialAddressKind(ip);
    if (kind === undefined || listedExactly || allowedIps.has(ip)) continue;
    const what = ip === host ? `${shown} is` : `${shown} resolves to ${ip}, which is`;
    const names = ip === host ? shown : `${shown} (or ${ip})`;
    return {
      allowed: false,
      reason:
        `${what} a ${kind} address, and such addresses ` +
        `receive credentials only when listed exactly in live.allow-hosts${isInput ? ' (being the smtp-host input is not enough)' : ''}. ` +
        `If this server really should get the CI credentials, ${addFix(names)}.`,
    };
  }

  const why = isInput
    ? `${shown} is the smtp-host input`
    : `${shown} is in live.allow-hosts${listedBy && listedBy.trim() !== shown ? ` (\`${listedBy.trim()}\`)` : ''}`;
  const special = addresses.some((a) => specialAddressKind(canonicalIp(a) as string));
  return {
    allowed: true,
    reason: `${why} and resolves to ${special ? 'addresses listed in live.allow-hosts' : 'public addresses'} (${addresses.join(', ')}).`,
    addresses,
  };
}

// ---- IP classification ----------------------------------------------------------------------

/** The canonical text of an IP literal (IPv6 fully expanded, lower case), else undefined. */
export function canonicalIp(text: string): string | undefined {
  const t = text.replace(/%.*$/, '');
  const v = isIP(t);
  if (v === 4) return t;
  if (v === 6) {
    const groups = ipv6Groups(t);
    return groups?.map((g) => g.toString(16)).join(':');
  }
  return undefined;
}

function ipv4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** Eight 16-bit groups of an IPv6 literal (accepts an embedded dotted IPv4 tail). */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const o = ipv4Octets(tail[1]);
    text =
      text.slice(0, -tail[1].length) +
      `${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...Array<number>(Math.max(0, fill)).fill(0), ...rest];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : undefined;
}

function inV4(o: number[], base: [number, number, number, number], bits: number): boolean {
  const value = ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
  const net = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (value & mask) >>> 0 === (net & mask) >>> 0;
}

const V4_RANGES: [[number, number, number, number], number, string][] = [
  [[0, 0, 0, 0], 8, 'unspecified ("this network")'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'carrier-grade NAT (shared)'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local (cloud metadata)'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved (IETF protocol assignments)'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved (benchmarking)'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

function v4Kind(ip: string): string | undefined {
  const o = ipv4Octets(ip);
  for (const [base, bits, kind] of V4_RANGES) if (inV4(o, base, bits)) return kind;
  return undefined;
}

/**
 * What makes an address unfit to receive credentials by default (private, loopback...), or
 * undefined for a public unicast address. IPv6 forms that embed an IPv4 address are judged by it.
 */
export function specialAddressKind(address: string): string | undefined {
  const ip = canonicalIp(address);
  if (ip === undefined) return 'invalid';
  if (isIP(ip) === 4) return v4Kind(ip);
  const g = ipv6Groups(ip) as number[];
  const embedded = () => `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (zeros(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped), ::a.b.c.d (IPv4-compatible), 64:ff9b::a.b.c.d (NAT64)
  const mapped = zeros(5) && g[5] === 0xffff;
  const compatible = zeros(6);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || compatible || nat64) {
    const kind = v4Kind(embedded());
    return kind ? `${kind} (IPv4 ${embedded()} in IPv6 form)` : undefined;
  }
  if ((g[0] & 0xfe00) === 0xfc00) return 'private (unique local)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private (site-local)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  return undefined;
}
