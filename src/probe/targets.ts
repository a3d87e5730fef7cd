/**
 * Which endpoints the live probe connects to: the one named by the inputs, and those found by the
 * scan that `probe` selects. Endpoints whose host or port is not written in the repository (env,
 * secret, placeholder), local catchers and switched-off blocks are left out with a reason.
 */
import type { Endpoint } from '../model.js';
import { isLocalHost } from '../policy/evaluate.js';
import type { ProbeConfig } from './config.js';
import type { ProbeSecurity, ProbeTarget } from './types.js';

export interface TargetSelection {
  targets: ProbeTarget[];
  /** Why selected endpoints were not probed (one line each). */
  left: string[];
  /** Ids in `probe` that match no endpoint. */
  unknownIds: string[];
}

const KNOWN = new Set(['literal', 'default', 'derived']);

function effectiveSecurity(ep: Endpoint, port: number): ProbeSecurity {
  const s = ep.security.value;
  if (s && s !== 'unknown') return s;
  return port === 465 ? 'implicit-tls' : 'starttls-opportunistic';
}

function fromEndpoint(ep: Endpoint): ProbeTarget | string {
  const where = `${ep.id} (${ep.product})`;
  if (!ep.active) return `${where}: switched off (${ep.inactiveReason ?? 'inactive'})`;
  const host = ep.host;
  if (!host || host.value === undefined || !KNOWN.has(host.origin)) {
    return `${where}: the host is not written in the repository (${host ? host.raw : 'no host'}); name it with smtp-host`;
  }
  const port = ep.port;
  if (port && (port.value === undefined || !KNOWN.has(port.origin))) {
    return `${where}: the port comes from ${port.raw}; name it with smtp-port`;
  }
  const portValue = port?.value ?? 25;
  return {
    id: ep.id,
    host: host.value,
    port: portValue,
    security: effectiveSecurity(ep, portValue),
    at: ep.at,
    source: 'scan',
    ...(ep.tlsVerify?.value === false ? { configVerifyOff: true } : {}),
    ...(ep.minTls?.value ? { configMinTls: ep.minTls.value } : {}),
  };
}

const keyOf = (t: Pick<ProbeTarget, 'host' | 'port'>): string =>
  `${t.host.toLowerCase()}:${t.port}`;

export function selectTargets(
  endpoints: readonly Endpoint[],
  config: Pick<ProbeConfig, 'select' | 'input'>,
  localHosts: readonly string[] = [],
  /** live.allow-hosts: a local host listed there is probed (the team asked for it). */
  allowHosts: readonly string[] = [],
): TargetSelection {
  const targets: ProbeTarget[] = [];
  const left: string[] = [];
  const unknownIds: string[] = [];
  if (config.input) {
    targets.push({ id: 'input', ...config.input, source: 'input' });
  }
  let chosen: Endpoint[] = [];
  if (config.select === 'all') chosen = [...endpoints];
  else if (config.select) {
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    for (const id of config.select) {
      const ep = byId.get(id);
      if (ep) chosen.push(ep);
      else unknownIds.push(id);
    }
  }
  for (const ep of chosen) {
    const t = fromEndpoint(ep);
    if (typeof t === 'string') {
      left.push(t);
      continue;
    }
    const listed = allowHosts.some((h) => h.toLowerCase() === t.host.toLowerCase());
    if (!listed && isLocalHost(t.host, [...localHosts])) {
      left.push(
        `${ep.id} (${ep.product}): ${t.host} is a local host, not reachable from CI (list it in live.allow-hosts to probe it)`,
      );
      continue;
    }
    targets.push(t);
  }
  // Port 25 is tried as an alternative only for hosts configured with it somewhere.
  const with25 = new Set(
    endpoints
      .filter((e) => e.host?.value && e.port?.value === 25)
      .map((e) => (e.host!.value as string).toLowerCase()),
  );
  for (const t of targets) {
    if (t.port === 25 || with25.has(t.host.toLowerCase())) t.port25Configured = true;
  }
  return { targets, left, unknownIds };
}

/** Targets that share host, port and security are probed once; this groups them. */
export function probeKey(t: ProbeTarget): string {
  return `${keyOf(t)}:${t.security}`;
}
