/**
 * evaluate(endpoints) → findings: the default (`recommended`) rules SP001–SP015 with the judging
 * conventions of DESIGN.md §3 (effective values, one anchor per finding, local hosts, inert
 * endpoints capped at note).
 */
import type { Endpoint, Finding, Location, LooseSecret, Setting, Severity } from '../model.js';
import { providerById, type Provider } from '../providers/table.js';
import { helpUri, RULE_BY_ID } from './rules.js';

export interface EvaluateOptions {
  /** Extra host names treated as local (policy `local-hosts`). */
  localHosts?: string[];
  /** Extra providers (policy `providers`), searched before the built-in table. */
  providers?: Provider[];
  /**
   * Policy `ports.allow`: SP009 fires for every port outside the list (local catcher ports
   * excepted) and never for a port in it. Without it, SP009 flags ports other than 25/465/587.
   */
  allowedPorts?: number[];
  /** Strict policy: SP003 for opportunistic STARTTLS on any port, not only 25/587/2525. */
  opportunisticAnyPort?: boolean;
  /**
   * Policy `assume`: framework versions where the meaning of a setting depends on them
   * (e.g. `{ laravel: '8' }`). Applied to the findings by `applyPolicy` (src/policy/apply.ts).
   */
  assume?: Record<string, string>;
}

const LOCAL = [
  /^localhost$/i,
  /^127(\.\d{1,3}){3}$/,
  /^::1$/,
  /^\[::1\]$/,
  /^0\.0\.0\.0$/,
  /^(mailpit|mailhog|smtp4dev|maildev|mailcatcher|mailcrab|inbucket|greenmail)$/i,
  /\.localhost$/i,
];
const CATCHER_PORTS = new Set([1025, 1026, 8025, 2500]);
const STARTTLS_PORTS = new Set([25, 587, 2525]);
const SUBMISSION_PORTS = new Set([587, 465, 2525]);
const STANDARD_PORTS = new Set([25, 465, 587]);
/** Mail ports of other protocols, a common copy-paste slip (the IMAP settings of the same provider). */
const OTHER_PROTOCOL_PORTS: Record<number, string> = {
  110: 'POP3',
  143: 'IMAP',
  993: 'IMAPS (IMAP over TLS)',
  995: 'POP3S (POP3 over TLS)',
};

export function isLocalHost(host: string | undefined, extra: string[] = []): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  return LOCAL.some((re) => re.test(h)) || extra.some((x) => x.toLowerCase() === h);
}

const SECURITY_WORDS: Record<string, string> = {
  'implicit-tls': 'implicit TLS',
  'starttls-required': 'required STARTTLS',
  'starttls-opportunistic': 'opportunistic STARTTLS',
  plain: 'no TLS',
  unknown: 'unknown TLS mode',
};

/** `smtp.gmail.com:587`, `${SMTP_HOST}:587`, `port 587 (host not set)`. */
function target(ep: Endpoint): string {
  const h = ep.host;
  const port = ep.port?.value;
  let host: string | undefined;
  if (h?.value !== undefined) host = h.value;
  else if (h && (h.origin === 'env' || h.origin === 'secret')) host = h.raw;
  if (host !== undefined) return port !== undefined ? `${host}:${port}` : host;
  return port !== undefined ? `port ${port} (host not set)` : 'host and port not set';
}

function written(s: Setting<unknown> | undefined): string {
  if (!s) return '';
  if (s.origin === 'derived') return ` (${s.raw})`;
  return s.key ? ` (\`${s.key}\`)` : '';
}

/** The line that fixes a port problem: the port line, else the host line, else the endpoint. */
function portAt(ep: Endpoint): Location {
  if (ep.port && ep.port.origin !== 'derived') return ep.port.at;
  if (ep.host && ep.host.origin !== 'derived') return ep.host.at;
  return ep.at;
}

/** SP002/SP003/SP004 anchor: the TLS key, else the host line, else the port line (DESIGN.md §3). */
function securityAt(ep: Endpoint): Location {
  if (ep.security.origin !== 'derived') return ep.security.at;
  if (ep.host && ep.host.origin !== 'derived') return ep.host.at;
  if (ep.port && ep.port.origin !== 'derived') return ep.port.at;
  return ep.security.at;
}

/** A known provider's ports, for messages. */
function providerFact(name: string, implicit: number[], starttls: number[]): string {
  return ` ${name} offers implicit TLS on ${implicit.join(', ') || 'no port'} and STARTTLS on ${starttls.join(', ')}.`;
}

function secretWords(ep: Endpoint): string {
  return ep.authIntended ? 'the credentials and messages' : 'messages';
}

export function evaluateEndpoint(ep: Endpoint, opts: EvaluateOptions = {}): Finding[] {
  const out: Finding[] = [];
  const add = (
    ruleId: string,
    severity: Severity,
    at: Location,
    message: string,
    fix: string,
    related?: Location[],
  ) => {
    const f: Finding = {
      ruleId,
      severity,
      message,
      fix,
      at: { ...at },
      endpointId: ep.id,
      helpUri: helpUri(ruleId),
    };
    if (related?.length) f.related = related;
    out.push(f);
  };
  const host = ep.host?.value;
  const local = isLocalHost(host, opts.localHosts);
  const port = ep.port?.value;
  const sec = ep.security.value ?? 'unknown';
  const where = `${ep.product}, ${target(ep)},`;
  const k = ep.knobs;
  const provider = providerById(ep.provider, opts.providers);
  const fact = provider ? providerFact(provider.name, provider.implicitTls, provider.startTls) : '';
  const secAt = securityAt(ep);

  // SP004: port and TLS mode disagree.
  const implicitOnStartTlsPort =
    sec === 'implicit-tls' && port !== undefined && STARTTLS_PORTS.has(port);
  const noImplicitOn465 =
    port === 465 &&
    (sec === 'starttls-required' || sec === 'starttls-opportunistic' || sec === 'plain');
  if (implicitOnStartTlsPort) {
    add(
      'SP004',
      'error',
      secAt,
      `${where} uses implicit TLS${written(ep.security)} on port ${port}, which speaks STARTTLS: the TLS handshake meets a plain-text greeting and fails ("wrong version number").${fact}`,
      `Use ${k.implicitTls}, or keep port ${port} and switch implicit TLS off${k.requireStartTls ? ` (${k.requireStartTls})` : ''}.`,
    );
  } else if (noImplicitOn465) {
    add(
      'SP004',
      'error',
      secAt,
      `${where} uses ${SECURITY_WORDS[sec]}${written(ep.security)} on port 465, which expects implicit TLS from the first byte: the client waits for a greeting that never comes, then times out.${fact}`,
      `Use ${k.implicitTls}${k.requireStartTls ? `, or port 587 with ${k.requireStartTls}` : ', or port 587'}.`,
    );
  }

  // SP001: port 25 for an application.
  const defaultLocalHost =
    !ep.host || (ep.host.origin === 'derived' && (ep.host.value === undefined || local));
  if (port === 25 && !local && !defaultLocalHost) {
    add(
      'SP001',
      ep.authIntended ? 'error' : 'warning',
      portAt(ep),
      ep.authIntended
        ? `${where} authenticates on port 25${written(ep.port)}: 25 is for server-to-server relay, and clouds and ISPs block it outbound.`
        : `${where} relays on port 25${written(ep.port)} without authentication: this works only inside a network that allows outbound 25 (most clouds and ISPs block it).`,
      `Submit on 587 with required STARTTLS or 465 with implicit TLS (set ${k.port}).`,
    );
  }

  // SP002: no TLS at all.
  if (sec === 'plain' && !local && !noImplicitOn465) {
    add(
      'SP002',
      ep.authIntended ? 'error' : 'warning',
      secAt,
      `${where} never uses TLS${written(ep.security)}: ${secretWords(ep)} cross the network in clear text.${fact}`,
      k.requireStartTls
        ? `Require STARTTLS: ${k.requireStartTls}; or use ${k.implicitTls}.`
        : `Use ${k.implicitTls}.`,
    );
  }

  // SP003: opportunistic STARTTLS on a STARTTLS port.
  if (
    sec === 'starttls-opportunistic' &&
    (opts.opportunisticAnyPort || (port !== undefined && STARTTLS_PORTS.has(port))) &&
    !local
  ) {
    add(
      'SP003',
      'warning',
      secAt,
      `${where} uses STARTTLS only if the server advertises it${written(ep.security)}: an attacker who strips the STARTTLS advertisement gets ${secretWords(ep)} in clear text.`,
      k.requireStartTls
        ? `Require it: ${k.requireStartTls}.`
        : `${ep.product} has no setting that requires STARTTLS: use ${k.implicitTls} instead.`,
    );
  }

  // SP005: certificate verification off.
  if (ep.tlsVerify && ep.tlsVerify.value === false) {
    add(
      'SP005',
      'error',
      ep.tlsVerify.at,
      `${where} disables certificate verification${ep.tlsVerify.key ? ` (\`${ep.tlsVerify.key}\`)` : ''}: anyone on the path can impersonate the server and collect ${secretWords(ep)}.`,
      `Turn verification back on: ${k.verifyOn}. If the server's certificate is self-signed, trust its CA instead.`,
      ep.verifyOffAlso,
    );
  }

  // SP006: weak TLS versions or ciphers.
  if (ep.minTls?.value && /^(SSLv\d|TLSv1(\.[01])?|TLS1(_[01])?)$/i.test(ep.minTls.value)) {
    add(
      'SP006',
      'warning',
      ep.minTls.at,
      `${where} allows ${ep.minTls.value}${written(ep.minTls)}: TLS 1.0 and 1.1 must not be used (RFC 8996), and mail requires TLS 1.2 at least (RFC 8997).`,
      'Allow TLS 1.2 and later only (TLSv1.2 minimum).',
    );
  }
  for (const o of ep.weakTls)
    add('SP006', 'warning', o.at, `${ep.product}: ${o.message}`, o.fix, o.related);

  // SP007: committed credential.
  if (ep.password && (ep.password.origin === 'literal' || ep.password.origin === 'default')) {
    add(
      'SP007',
      'error',
      ep.password.at,
      `${where} has a literal password committed${ep.password.key ? ` in \`${ep.password.key}\`` : ''}${ep.password.origin === 'default' ? ' as the default of an env expression' : ''}. Everyone with read access to the repository, its forks and its history has it.`,
      `Rotate it, then ${k.secretRef}.`,
    );
  }

  // SP008: submission port without auth.
  if (
    port !== undefined &&
    SUBMISSION_PORTS.has(port) &&
    !local &&
    !ep.authIntended &&
    ep.host &&
    ep.host.origin !== 'placeholder' &&
    ep.host.origin !== 'derived'
  ) {
    add(
      'SP008',
      'warning',
      ep.at,
      `${where} submits on port ${port} without authentication: a submission server refuses to relay for unauthenticated clients (or it is an open relay).`,
      'Configure the SMTP username and password (from secrets), or use port 25 only for an internal relay that authorises by IP.',
    );
  }

  // SP009: non-standard port (or, with the policy's `ports.allow`, a port outside the list).
  const allowed = opts.allowedPorts;
  if (
    port !== undefined &&
    !(allowed ? allowed.includes(port) : STANDARD_PORTS.has(port)) &&
    ep.port?.origin !== 'derived' &&
    !(local && CATCHER_PORTS.has(port))
  ) {
    add(
      'SP009',
      'note',
      portAt(ep),
      allowed
        ? `${where} uses port ${port}, which the policy does not allow (\`ports.allow\`: ${allowed.join(', ') || 'none'}).`
        : port === 2525
          ? `${where} uses port 2525, a non-standard fallback some providers offer when 587 is blocked; it speaks STARTTLS like 587.`
          : OTHER_PROTOCOL_PORTS[port]
            ? `${where} uses port ${port}, which is ${OTHER_PROTOCOL_PORTS[port]}, not SMTP: the client never gets an SMTP greeting.`
            : `${where} uses the non-standard port ${port}: check that it is intended and which TLS mode it speaks.`,
      `Prefer 587 (required STARTTLS) or 465 (implicit TLS) in ${k.port}, unless the server only listens on ${port}.`,
    );
  }

  // SP010: provider does not offer this combination.
  if (
    provider &&
    port !== undefined &&
    !implicitOnStartTlsPort &&
    !noImplicitOn465 &&
    (sec === 'implicit-tls' || sec.startsWith('starttls'))
  ) {
    const offered = sec === 'implicit-tls' ? provider.implicitTls : provider.startTls;
    if (!offered.includes(port)) {
      const mode = sec === 'implicit-tls' ? 'implicit TLS' : 'STARTTLS';
      add(
        'SP010',
        'error',
        portAt(ep),
        `${where} uses ${mode} on port ${port}, but ${provider.name} does not offer that combination (implicit TLS: ${provider.implicitTls.join(', ') || 'none'}; STARTTLS: ${provider.startTls.join(', ')}).`,
        sec === 'implicit-tls' && provider.implicitTls.length === 0
          ? `Use port ${provider.startTls.includes(587) ? 587 : provider.startTls[0]} with STARTTLS (${k.port})${k.requireStartTls ? `, and require it: ${k.requireStartTls}` : ''}.`
          : `Use port ${offered.includes(587) ? 587 : offered[0]} with ${mode} (${k.port}), as ${provider.name} documents.`,
      );
    }
  }

  // SP011: password auth retired by the provider.
  const oauth = /oauth|xoauth/i.test(ep.authMethod?.value ?? '');
  if (provider?.passwordAuth && ep.password && !oauth) {
    add(
      'SP011',
      provider.passwordAuth.severity,
      ep.password.at,
      `${where} uses password authentication: ${provider.passwordAuth.text}.`,
      `Use ${provider.auth}.`,
    );
  }

  // SP012: cannot be judged statically.
  const unknown: { name: string; s: Setting<unknown> }[] = [];
  if (ep.host && (ep.host.origin === 'env' || ep.host.origin === 'secret'))
    unknown.push({ name: 'host', s: ep.host });
  if (ep.port && (ep.port.origin === 'env' || ep.port.origin === 'secret'))
    unknown.push({ name: 'port', s: ep.port });
  if (sec === 'unknown' && (ep.security.origin === 'env' || ep.security.origin === 'secret'))
    unknown.push({ name: 'TLS mode', s: ep.security });
  if (unknown.length) {
    unknown.sort((a, b) => a.s.at.line - b.s.at.line);
    add(
      'SP012',
      'note',
      unknown[0].s.at,
      `${ep.product}: the ${unknown.map((u) => `${u.name} (${u.s.raw})`).join(', ')} ${unknown.length > 1 ? 'come' : 'comes'} only from the environment, so ${unknown.length > 1 ? 'they' : 'it'} cannot be judged from the repository.`,
      'Give a default in the file, declare the value in the policy (`assume:`), or run the live probe against the real server.',
    );
  }

  for (const o of ep.conflicts)
    add('SP013', 'error', o.at, `${ep.product}: ${o.message}`, o.fix, o.related);
  for (const o of ep.ignored)
    add('SP014', 'warning', o.at, `${ep.product}: ${o.message}`, o.fix, o.related);

  if (ep.debug?.value) {
    add(
      'SP015',
      'note',
      ep.debug.at,
      `${ep.product}: SMTP transcript logging is on${ep.debug.key ? ` (\`${ep.debug.key}\`)` : ''}: message bodies and the AUTH exchange land in logs.`,
      'Switch it off in committed configuration; enable it locally only when debugging.',
    );
  }

  if (!ep.active) {
    for (const f of out) {
      if (f.severity !== 'note' && f.ruleId !== 'SP007') {
        f.severity = 'note';
        f.message += ` (Inactive: ${ep.inactiveReason ?? 'the SMTP block is switched off'}; reported as a note.)`;
      }
    }
  }
  return out;
}

export function evaluateLooseSecret(s: LooseSecret): Finding {
  return {
    ruleId: 'SP007',
    severity: 'error',
    message: `A literal mail password is committed in a commented-out line (\`${s.key}\`): comments are part of the repository and its history.`,
    fix: 'Rotate the password, then delete the line (and purge it from history if the repository is public).',
    at: { ...s.at },
    helpUri: helpUri('SP007'),
  };
}

export function evaluate(
  endpoints: Endpoint[],
  looseSecrets: LooseSecret[],
  opts: EvaluateOptions = {},
): Finding[] {
  const findings = [
    ...endpoints.flatMap((ep) => evaluateEndpoint(ep, opts)),
    ...looseSecrets.map(evaluateLooseSecret),
  ];
  // One finding per rule and line: keep the most severe.
  const rank: Record<Severity, number> = { error: 3, warning: 2, note: 1 };
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.at.file}\u0000${f.at.line}\u0000${f.ruleId}`;
    const prev = best.get(key);
    if (!prev || rank[f.severity] > rank[prev.severity]) best.set(key, f);
  }
  return [...best.values()].sort((a, b) =>
    a.at.file < b.at.file
      ? -1
      : a.at.file > b.at.file
        ? 1
        : a.at.line - b.at.line || a.ruleId.localeCompare(b.ruleId),
  );
}

export { RULE_BY_ID };
