/** The CLI's entry: same pipeline as the Action, output to stdout. */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  PROBE_HELP,
  PROBE_OPTIONS,
  PROBE_OPTION_NAMES,
  probeConfigFromArgs,
  probeFromCli,
} from './cli-probe.js';
import type { FailOn, Report } from './model.js';
import type { ProbeConfig } from './probe/config.js';
import {
  DEFAULT_BASELINE_FILE,
  createBaseline,
  displayPath,
  renderBaseline,
} from './policy/baseline.js';
import { RULES, RULE_BY_ID, helpUri } from './policy/rules.js';
import {
  DEFAULT_FAIL_ON,
  DEFAULT_MAX_FILE_BYTES,
  UsageError,
  parseByteSize,
  parseFailOn,
  resolveScanRoot,
} from './options.js';
import { renderCodeClimateString } from './report/codeclimate.js';
import { renderComment } from './report/comment.js';
import { plural } from './report/counts.js';
import { renderGithubCommands } from './report/github-commands.js';
import { renderJson } from './report/json.js';
import { renderSarifString } from './report/sarif.js';
import { renderText } from './report/text.js';
import { progressWriter, type ProgressStream } from './progress.js';
import { VERSION, addComparison, reachesThreshold, run, type RunOptions } from './run.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** ANSI colours in text output. */
  color: boolean;
  /** PATH and --output are resolved against this. */
  cwd: string;
  /** Where long scans show their progress (only when it is a terminal); none: no progress. */
  progress?: ProgressStream;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const HELP = `Usage: smtp-preflight scan [PATH] [options]
       smtp-preflight probe [PATH] --smtp-host HOST | --probe all [options]
       smtp-preflight baseline [PATH] [--output FILE]
       smtp-preflight rules
       smtp-preflight explain RULE

Find SMTP configuration in a repository and judge it: wrong ports, downgradable
STARTTLS, disabled certificate checks, committed passwords.

Commands:
  scan                     scan PATH and report (the default output is text)
  probe                    scan PATH, then connect to SMTP servers live (STARTTLS,
                           certificate, AUTH, test send) and report both
  baseline                 write the current findings to PATH/${DEFAULT_BASELINE_FILE}
                           (or --output FILE): later scans count only new ones
  rules                    list the rules with their default severity
  explain RULE             print a rule's documentation, e.g. explain SP003

Arguments:
  PATH                     directory to scan (default: .)

Options:
  --format text|json|sarif|markdown|github|codeclimate
                           output format (default: text): sarif is SARIF 2.1.0
                           for code scanning, markdown the pull request comment,
                           github workflow commands (annotations in CI systems
                           that read them), codeclimate a GitLab Code Quality
                           report
  --base REF               also scan the git commit REF (e.g. origin/main) and
                           tell new findings from pre-existing and fixed ones
  --changed-since REF      read only the files changed since REF (its merge base
                           with HEAD), including uncommitted and untracked ones:
                           fast pre-commit and pull request checks; findings in
                           other files are not reported
  -o, --output FILE        write the report (baseline: the baseline) to FILE
                           (parent directories are created) instead of stdout
  --fail-on LEVEL          error, warning, note or never: exit 1 when a finding
                           reaches LEVEL (default: ${DEFAULT_FAIL_ON})
  --policy FILE            policy file (default: .github/smtp-preflight.yml or
                           .smtp-preflight.yml in PATH)
  --baseline FILE          baseline file (default: PATH/${DEFAULT_BASELINE_FILE},
                           used when present); its findings do not count
  --no-baseline            ignore the baseline file
  --max-file-size BYTES    skip larger files (default: ${DEFAULT_MAX_FILE_BYTES})
  -h, --help               show this help
  --version                print the version

${PROBE_HELP}
Findings are suppressed inline with a comment on their line or the line above,
in the file's own comment syntax: # smtp-preflight-ignore SP007 -- reason

Exit status: 0 when no finding reaches --fail-on, 1 when one does,
2 on a usage or internal error.
`;

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github', 'codeclimate'] as const;
type Format = (typeof FORMATS)[number];

/** The I/O of the running process: colour on a terminal unless NO_COLOR is set. */
export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    cwd: process.cwd(),
    progress: process.stderr,
  };
}

interface ScanArgs {
  path: string;
  format: Format;
  failOn: FailOn;
  maxFileBytes: number;
  /** Git ref of the commit to compare with. */
  base?: string;
  /** --changed-since REF: scan only the files changed since REF. */
  changedSince?: string;
  /** File to write instead of stdout (as given; resolved against the working directory). */
  output?: string;
  /** --policy, as given. */
  policy?: string;
  /** --baseline FILE as given, or false for --no-baseline. */
  baseline?: string | false;
}

type Parsed =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'scan' } & ScanArgs)
  | ({ kind: 'probe'; probe: ProbeConfig } & ScanArgs)
  | ({ kind: 'baseline' } & Pick<ScanArgs, 'path' | 'maxFileBytes' | 'output' | 'policy'>)
  | { kind: 'rules' }
  | { kind: 'explain'; ruleId: string };

function isNodeError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** parseArgs' errors, turned into one line that points at --help. */
function usageFromParseError(error: unknown): Error {
  if (isNodeError(error) && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    return new UsageError(`unknown option '${option}' (see --help)`);
  }
  if (isNodeError(error) && error.code.startsWith('ERR_PARSE_ARGS_')) {
    const first = error.message.split('. ')[0].replace(/\.$/, '');
    return new UsageError(`${first.charAt(0).toLowerCase()}${first.slice(1)} (see --help)`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

const OPTIONS = {
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'max-file-size': { type: 'string' },
  base: { type: 'string' },
  'changed-since': { type: 'string' },
  output: { type: 'string', short: 'o' },
  policy: { type: 'string' },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  ...PROBE_OPTIONS,
} as const;

const COMMANDS: readonly string[] = ['scan', 'probe', 'baseline', 'rules', 'explain'];

const SCAN_OPTIONS: readonly string[] = [
  'format',
  'fail-on',
  'max-file-size',
  'base',
  'changed-since',
  'output',
  'policy',
  'baseline',
  'no-baseline',
];

/** Which options each command takes (`help` and `version` work everywhere). */
const ALLOWED_OPTIONS: Record<string, readonly string[]> = {
  scan: SCAN_OPTIONS,
  probe: [...SCAN_OPTIONS, ...PROBE_OPTION_NAMES],
  baseline: ['max-file-size', 'output', 'policy'],
  rules: [],
  explain: [],
};

function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageFromParseError(error);
  }
  const { values, positionals } = parsed;

  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...args] = positionals;
  if (command === undefined) throw new UsageError('missing command: try scan (see --help)');
  if (command === 'help') return { kind: 'help' };
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`unknown command '${command}' (see --help)`);
  }
  const given = Object.keys(values).filter((k) => values[k as keyof typeof values] !== undefined);
  const allowed = ALLOWED_OPTIONS[command];
  const stray = given.find((k) => !allowed.includes(k));
  if (stray !== undefined) {
    throw new UsageError(`option '--${stray}' does not apply to ${command} (see --help)`);
  }
  const maxArgs = command === 'rules' ? 0 : 1;
  if (args.length > maxArgs)
    throw new UsageError(`unexpected argument '${args[maxArgs]}' (see --help)`);
  for (const name of ['base', 'changed-since', 'output', 'policy', 'baseline'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') {
      throw new UsageError(`empty --${name} value (see --help)`);
    }
  }
  if (command === 'rules') return { kind: 'rules' };
  if (command === 'explain') {
    if (args[0] === undefined)
      throw new UsageError('missing rule id: try explain SP003 (see --help)');
    return { kind: 'explain', ruleId: args[0] };
  }

  const path = args[0] ?? '.';
  const maxFileBytes =
    values['max-file-size'] === undefined
      ? DEFAULT_MAX_FILE_BYTES
      : parseByteSize(values['max-file-size'], '--max-file-size');
  if (command === 'baseline') {
    return { kind: 'baseline', path, maxFileBytes, output: values.output, policy: values.policy };
  }

  if (values.baseline !== undefined && values['no-baseline']) {
    throw new UsageError('--baseline and --no-baseline exclude each other (see --help)');
  }
  // A base comparison needs every finding of the head: a partial head would make the findings of
  // unchanged files look fixed.
  if (values.base !== undefined && values['changed-since'] !== undefined) {
    throw new UsageError('--base and --changed-since exclude each other (see --help)');
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `invalid --format value '${format}' (expected ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)})`,
    );
  }
  const scan: ScanArgs = {
    path,
    format: format as Format,
    failOn:
      values['fail-on'] === undefined
        ? DEFAULT_FAIL_ON
        : parseFailOn(values['fail-on'], '--fail-on'),
    maxFileBytes,
    base: values.base,
    changedSince: values['changed-since'],
    output: values.output,
    policy: values.policy,
    baseline: values['no-baseline'] ? false : values.baseline,
  };
  if (command !== 'probe') return { kind: 'scan', ...scan };
  const probe = probeConfigFromArgs(values);
  if (!probe) throw new UsageError('probe needs --smtp-host HOST or --probe all|IDS (see --help)');
  return { kind: 'probe', probe, ...scan };
}

/**
 * The scanned root relative to the working directory, `/`-separated, or undefined when it is the
 * working directory or outside it: `github` and `codeclimate` name files from where CI runs (the
 * repository root), findings from the scanned root.
 */
export function cwdPrefix(cwd: string, root: string): string | undefined {
  const rel = relative(cwd, root);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function render(report: Report, args: ScanArgs, color: boolean, cwd: string): string {
  switch (args.format) {
    case 'github':
      return renderGithubCommands(report, { filePrefix: cwdPrefix(cwd, report.root) });
    case 'codeclimate':
      return renderCodeClimateString(report, { filePrefix: cwdPrefix(cwd, report.root) });
    case 'json':
      return `${renderJson(report)}\n`;
    case 'sarif':
      return renderSarifString(report);
    case 'markdown':
      return renderComment(report, { failOn: args.failOn });
    case 'text':
      return renderText(report, { color });
  }
}

/** Writes `text` to `file`, creating its parent directories; one-line errors. */
async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot write the --output file: ${reason}`);
  }
}

/** Fills `report.comparison`; every failure becomes one `cannot scan the base commit REF` line. */
async function compareWithBase(
  report: Report,
  options: RunOptions & { base: string },
): Promise<void> {
  try {
    await addComparison(report, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('cannot scan the base commit ')) throw error;
    throw new Error(`cannot scan the base commit ${options.base}: ${message}`);
  }
}

/**
 * `run()`'s options. `policyPath` and `baseline` are resolved against the working directory and
 * only present when given (the policy helper's RunOptions declares `policyPath`; `baseline` is
 * read by postProcess: false = --no-baseline).
 */
function runOptions(
  root: string,
  maxFileBytes: number,
  cwd: string,
  policy: string | undefined,
  baseline: string | false | undefined,
): RunOptions & { policyPath?: string; baseline?: string | false } {
  const options: RunOptions & { policyPath?: string; baseline?: string | false } = {
    root,
    maxFileBytes,
  };
  if (policy !== undefined) options.policyPath = resolve(cwd, policy);
  if (baseline !== undefined)
    options.baseline = baseline === false ? false : resolve(cwd, baseline);
  return options;
}

/** `run()` with progress on the terminal for long scans (erased before anything is printed). */
async function runWithProgress(options: RunOptions, io: CliIO): Promise<Report> {
  const progress = io.progress ? progressWriter(io.progress) : undefined;
  try {
    return await run(progress ? { ...options, onProgress: progress.update } : options);
  } finally {
    progress?.finish();
  }
}

/** `smtp-preflight rules`: id, default severity and title, one rule a line. */
export function renderRules(): string {
  const rows = [['ID', 'SEVERITY', 'TITLE'], ...RULES.map((r) => [r.id, r.severity, r.title])];
  const width = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map(
    (row) => `${row[0].padEnd(width[0])}  ${row[1].padEnd(width[1])}  ${row[2]}`,
  );
  return `${lines.join('\n')}\n\nsmtp-preflight explain ID prints a rule's documentation.\n`;
}

/** docs/rules/, next to dist/ in the repository and in the npm package (package.json `files`). */
export const RULE_DOCS = new URL('../docs/rules/', import.meta.url);

/**
 * `smtp-preflight explain ID`: the rule's page from docs/rules/, or its title, description and
 * link when the page is missing. `id` must be a known rule id.
 */
export function explainRule(id: string, docs: URL = RULE_DOCS): string {
  try {
    const text = readFileSync(new URL(`${id}.md`, docs), 'utf8');
    return text.endsWith('\n') ? text : `${text}\n`;
  } catch {
    const rule = RULE_BY_ID.get(id);
    if (!rule) throw new UsageError(`unknown rule '${id}'`);
    return (
      `${rule.id}: ${rule.title}\n\nDefault severity: ${rule.severity}\n\n${rule.description}\n\n` +
      `More: ${helpUri(rule.id)}\n`
    );
  }
}

/** Runs the CLI; resolves to the exit status and never throws. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    const args = parse(argv);
    if (args.kind === 'help') {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (args.kind === 'version') {
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (args.kind === 'rules') {
      io.stdout(renderRules());
      return EXIT_OK;
    }
    if (args.kind === 'explain') {
      const rule = RULE_BY_ID.get(args.ruleId.trim().toUpperCase());
      if (!rule) {
        io.stderr(
          `smtp-preflight: unknown rule '${args.ruleId}' (known: ${RULES.map((r) => r.id).join(', ')})\n`,
        );
        return EXIT_USAGE;
      }
      io.stdout(explainRule(rule.id));
      return EXIT_OK;
    }
    const root = resolveScanRoot(args.path, io.cwd);
    if (args.kind === 'baseline') {
      // The current findings, without an existing baseline (inline suppressions still apply).
      const report = await runWithProgress(
        runOptions(root, args.maxFileBytes, io.cwd, args.policy, false),
        io,
      );
      const file = resolve(io.cwd, args.output ?? resolve(root, DEFAULT_BASELINE_FILE));
      const baseline = createBaseline(report);
      await writeOutput(file, renderBaseline(baseline));
      const files = new Set(baseline.entries.map((e) => e.file)).size;
      io.stdout(
        `Wrote ${plural(baseline.entries.length, 'finding')} in ${plural(files, 'file')} to ` +
          `${displayPath(io.cwd, file)}: later scans count only findings not in it.\n`,
      );
      return EXIT_OK;
    }
    const options = runOptions(root, args.maxFileBytes, io.cwd, args.policy, args.baseline);
    if (args.changedSince !== undefined) options.changedSince = args.changedSince;
    const report = await runWithProgress(options, io);
    // runCompared in two steps, so that only the base scan's errors are called base errors.
    if (args.base !== undefined) await compareWithBase(report, { ...options, base: args.base });
    if (args.kind === 'probe') await probeFromCli(report, args.probe, io.stderr);
    if (args.output === undefined) {
      io.stdout(render(report, args, io.color, io.cwd));
    } else {
      // No colours in a file.
      await writeOutput(resolve(io.cwd, args.output), render(report, args, false, io.cwd));
    }
    return reachesThreshold(report, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`smtp-preflight: ${message.split('\n')[0]}\n`);
    return EXIT_USAGE;
  }
}
