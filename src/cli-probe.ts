/**
 * `smtp-preflight probe`: the CLI's options for the live probe, named like the Action's inputs.
 * Secrets never come from the command line (shell history, `ps`): the password and token are read
 * from SMTP_PREFLIGHT_PASSWORD and SMTP_PREFLIGHT_OAUTH2_TOKEN.
 */
import type { Location, Report } from './model.js';
import { UsageError } from './options.js';
import { DEFAULT_POLICY } from './policy/policy-file.js';
import { parseProbeConfig, type ProbeConfig } from './probe/config.js';
import { runProbeStage, type ProbeStageOutcome } from './probe/stage.js';
import { policyOf } from './run.js';

/** parseArgs option definitions of the probe command (besides the scan's). */
export const PROBE_OPTIONS = {
  probe: { type: 'string' },
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-security': { type: 'string' },
  'smtp-username': { type: 'string' },
  'smtp-password': { type: 'string' },
  'smtp-oauth2-token': { type: 'string' },
  'allow-invalid-cert': { type: 'boolean' },
  'ca-file': { type: 'string' },
  'cert-expiry-days': { type: 'string' },
  'connect-timeout': { type: 'string' },
  'greeting-timeout': { type: 'string' },
  'command-timeout': { type: 'string' },
  'tls-timeout': { type: 'string' },
  'send-timeout': { type: 'string' },
  'send-test': { type: 'boolean' },
  'mail-from': { type: 'string' },
  'mail-to': { type: 'string' },
  'mail-tester-username': { type: 'string' },
  'mail-tester-url': { type: 'string' },
  'mail-tester-timeout': { type: 'string' },
  'min-deliverability-score': { type: 'string' },
} as const;

export const PROBE_OPTION_NAMES: readonly string[] = Object.keys(PROBE_OPTIONS);

export const PROBE_HELP = `Live probe (probe command; also takes the scan options):
  --smtp-host HOST         probe this SMTP server (credentials go only to it,
                           or to hosts in live.allow-hosts of the policy)
  --smtp-port PORT         its port (default 587)
  --smtp-security MODE     starttls (default; implicit-tls on 465),
                           implicit-tls, starttls-opportunistic or plain
  --probe all|IDS          also probe endpoints found by the scan (all, or
                           ids file:line separated by commas)
  --smtp-username USER     user for AUTH; the password or OAuth2 token comes
                           from SMTP_PREFLIGHT_PASSWORD / SMTP_PREFLIGHT_OAUTH2_TOKEN
  --allow-invalid-cert     go on when the certificate does not verify (loud)
  --ca-file FILES          extra trusted CA certificates (PEM), comma-separated
  --cert-expiry-days N     warn when the certificate expires within N days (21)
  --connect-timeout S, --greeting-timeout S, --command-timeout S,
  --tls-timeout S, --send-timeout S
                           per-phase timeouts in seconds (5, 10, 10, 10, 30)
  --send-test              send a test message (--mail-from, --mail-to)
  --mail-tester-username U send it to Mail Tester and read the score back
                           (--mail-tester-url, --mail-tester-timeout S,
                           --min-deliverability-score N: 8)
`;

type Values = Record<string, string | boolean | undefined>;

/** The probe's settings from parsed CLI values and the environment; undefined when off. */
export function probeConfigFromArgs(
  values: Values,
  env: NodeJS.ProcessEnv = process.env,
): ProbeConfig | undefined {
  for (const name of ['smtp-password', 'smtp-oauth2-token']) {
    if (values[name] !== undefined) {
      const variable =
        name === 'smtp-password' ? 'SMTP_PREFLIGHT_PASSWORD' : 'SMTP_PREFLIGHT_OAUTH2_TOKEN';
      throw new UsageError(
        `--${name} is not accepted on the command line (shell history, ps): set ${variable}`,
      );
    }
  }
  const fromEnv: Record<string, string | undefined> = {
    'smtp-username': env.SMTP_PREFLIGHT_USERNAME,
    'smtp-password': env.SMTP_PREFLIGHT_PASSWORD,
    'smtp-oauth2-token': env.SMTP_PREFLIGHT_OAUTH2_TOKEN,
  };
  return parseProbeConfig({
    get(name) {
      const v = values[name];
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (v !== undefined) return v;
      return fromEnv[name] ?? '';
    },
    describe(name) {
      if (name === 'smtp-password') return 'SMTP_PREFLIGHT_PASSWORD';
      if (name === 'smtp-oauth2-token') return 'SMTP_PREFLIGHT_OAUTH2_TOKEN';
      return `--${name}`;
    },
  });
}

/** Where findings about `--smtp-host` point in CLI output (there is no file). */
export const COMMAND_LINE_AT: Location = { file: '(command line)', line: 1 };

/** Runs the probe stage for the CLI (no GitHub event: the event guard lets it run). */
export async function probeFromCli(
  report: Report,
  config: ProbeConfig,
  stderr: (text: string) => void,
): Promise<ProbeStageOutcome> {
  const outcome = await runProbeStage(report, config, policyOf(report) ?? DEFAULT_POLICY, {
    eventName: process.env.GITHUB_EVENT_NAME ?? '',
    isFork: false,
    actor: process.env.GITHUB_ACTOR,
    setSecret: () => undefined,
    fallbackAt: COMMAND_LINE_AT,
    runId: `${Date.now().toString(36)}`,
  });
  if (outcome.skipped) stderr(`smtp-preflight: live probe skipped: ${outcome.skipped}\n`);
  return outcome;
}
