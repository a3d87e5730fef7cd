/**
 * The probe stage of the pipeline (after evaluate, before report): decides whether the probe may
 * run here (event, secret guard), which endpoints to probe, probes them concurrently, reads the
 * deliverability tester, and adds the results and their `LV` findings to the report.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic, Finding, Location, Report } from '../model.js';
import { applyPolicy } from '../policy/apply.js';
import type { Policy } from '../policy/policy-file.js';
import type { ProbeConfig } from './config.js';
import { probeFindings } from './findings.js';
import { credentialVerdict, probeEventVerdict } from './guard.js';
import { probeAll } from './index.js';
import { mailTesterAddress, pollMailTester } from './mail-tester.js';
import { maskCredentials } from './mask.js';
import { probeKey, selectTargets } from './targets.js';
import type { ProbeOptions, ProbeResult, ProbeTarget } from './types.js';

export interface ProbeEnvironment {
  /** The GitHub event (`''` for the CLI). */
  eventName: string;
  isFork: boolean;
  actor?: string;
  /** Masks a value in logs (`core.setSecret` in the Action). */
  setSecret(value: string): void;
  /** Where findings about the input target point (the workflow file, when known). */
  fallbackAt: Location;
  /** Unique per run, for the deliverability tester's address. */
  runId: string;
  /** DNS lookup for the guard (tests inject one). */
  resolve?: (host: string) => Promise<string[]>;
  /** For the deliverability tester (tests inject one). */
  fetch?: typeof fetch;
  /** Delay before the tester's first poll (default: 30 s, or a sixth of a shorter timeout). */
  mailTesterFirstDelayMs?: number;
}

export interface ProbeStageOutcome {
  /** Why nothing was probed (event guard), when so. */
  skipped?: string;
  results: ProbeResult[];
  findings: Finding[];
}

const SUBMISSION_ALTERNATIVES = [587, 465, 2525];

async function loadCas(files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    try {
      out.push(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(
        `cannot read ca-file ${file}: ${(error as NodeJS.ErrnoException).code ?? ''}`,
      );
    }
  }
  return out;
}

/** Runs the probe and adds results, findings and notes to `report` (which it returns). */
export async function runProbeStage(
  report: Report,
  config: ProbeConfig,
  policy: Policy,
  env: ProbeEnvironment,
): Promise<ProbeStageOutcome> {
  if (config.credentials) maskCredentials(config.credentials, env.setSecret);
  const diagnostics: Diagnostic[] = [];
  const verdict = probeEventVerdict({
    eventName: env.eventName,
    isFork: env.isFork,
    actor: env.actor,
  });
  if (!verdict.run) {
    const reason = verdict.reason ?? 'the probe does not run on this event';
    report.diagnostics.push({ level: 'info', message: `live probe skipped: ${reason}` });
    return { skipped: reason, results: [], findings: [] };
  }

  const selection = selectTargets(
    report.endpoints,
    config,
    policy.localHosts,
    policy.live.allowHosts,
  );
  for (const line of selection.left) {
    diagnostics.push({ level: 'info', message: `live probe: not probed: ${line}` });
  }
  for (const id of selection.unknownIds) {
    diagnostics.push({
      level: 'warning',
      message: `live probe: no endpoint with id ${id} (ids are file:line, as in the report's endpoints)`,
    });
  }
  const ca = await loadCas(config.caFiles);

  // One connection per host:port:security; every target sharing it gets the same result.
  const unique = new Map<string, ProbeTarget>();
  for (const t of selection.targets) if (!unique.has(probeKey(t))) unique.set(probeKey(t), t);
  const firsts = [...unique.values()];

  const optionsFor = new Map<ProbeTarget, ProbeOptions>();
  const withheld = new Map<ProbeTarget, string>();
  /** The unique part of each target's Mail Tester address. */
  const testerIds = new Map<ProbeTarget, string>();
  let index = 0;
  for (const t of firsts) {
    const options: ProbeOptions = {
      timeouts: config.timeouts,
      allowInvalidCert: config.allowInvalidCert,
      ...(ca.length > 0 ? { ca } : {}),
      certExpiryDays: config.certExpiryDays,
      alternativePorts: [...SUBMISSION_ALTERNATIVES, ...(t.port25Configured ? [25] : [])].filter(
        (p) => p !== t.port,
      ),
      ehloName: 'smtp-preflight.invalid',
    };
    if (config.credentials) {
      const cv = await credentialVerdict(t, {
        inputHost: config.input?.host,
        allowHosts: policy.live.allowHosts,
        ...(env.resolve ? { resolve: env.resolve } : {}),
      });
      if (cv.allowed) options.credentials = config.credentials;
      else {
        options.credentialsWithheld = cv.reason;
        withheld.set(t, cv.reason);
      }
    }
    if (config.send && (options.credentials || !config.credentials)) {
      let to = config.send.to;
      if (config.mailTester) {
        const id = `${env.runId}-${index}`;
        testerIds.set(t, id);
        to = mailTesterAddress(config.mailTester.username, id);
      }
      if (to) {
        options.send = {
          from: config.send.from,
          to,
          subject: `smtp-preflight test message ${env.runId}-${index}`,
        };
      }
    }
    index++;
    optionsFor.set(t, options);
  }

  const probed = await probeAll(firsts, (t) => optionsFor.get(t)!);
  const byKey = new Map<string, ProbeResult>();
  probed.forEach((result, i) => {
    const t = firsts[i];
    const reason = withheld.get(t);
    if (reason) result.notes.unshift(`credentials withheld: ${reason}`);
    if (config.allowInvalidCert && result.tls?.certificate && result.tls.authorized === false) {
      result.notes.push(
        `allow-invalid-cert: the certificate of ${t.host}:${t.port} did not verify (${result.tls.authorizationError ?? 'unverified'}) and the probe went on anyway`,
      );
    }
    byKey.set(probeKey(t), result);
  });

  if (config.mailTester) {
    const tester = config.mailTester;
    await Promise.all(
      firsts.map(async (t) => {
        const result = byKey.get(probeKey(t))!;
        const id = testerIds.get(t);
        if (!id || !result.send?.ok) return;
        result.deliverability = await pollMailTester({
          baseUrl: tester.url,
          username: tester.username,
          id,
          timeoutMs: tester.timeoutMs,
          minScore: config.minDeliverabilityScore,
          // The tester needs some time to receive the message: first look after 30 s, or a
          // sixth of a shorter timeout; each request gets at most a third of it.
          firstDelayMs: env.mailTesterFirstDelayMs ?? Math.min(30_000, tester.timeoutMs / 6),
          requestTimeoutMs: Math.min(15_000, Math.max(1_000, tester.timeoutMs / 3)),
          ...(env.fetch ? { fetch: env.fetch } : {}),
        });
      }),
    );
  }

  const results = selection.targets.map((t) => {
    const shared = byKey.get(probeKey(t))!;
    return shared.target === t ? shared : { ...shared, target: t };
  });
  const findings = applyPolicy(
    probeFindings(results, {
      certExpiryDays: config.certExpiryDays,
      minDeliverabilityScore: config.minDeliverabilityScore,
      fallbackAt: env.fallbackAt,
    }),
    report.endpoints,
    policy,
  );
  report.probes = results;
  report.findings.push(...findings);
  report.diagnostics.push(...diagnostics);
  return { results, findings };
}
