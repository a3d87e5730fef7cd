#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve, dirname, relative, sep, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { r as runProbeStage, p as policyOf, D as DEFAULT_POLICY, U as UsageError, a as parseProbeConfig, c as compareFindings, S as SECURITY_SEVERITY, R as RULES, t as toAnnotations, f as formatCounts, b as countBySeverity, d as plural, e as filesInvolved, g as DEFAULT_BASELINE_FILE, h as DEFAULT_FAIL_ON, i as DEFAULT_MAX_FILE_BYTES, V as VERSION, j as RULE_BY_ID, k as resolveScanRoot, l as createBaseline, m as renderBaseline, n as displayPath, o as reachesThreshold, q as parseByteSize, s as parseFailOn, u as helpUri, v as run, w as addComparison, x as renderText, y as renderComment, z as renderSarifString, A as renderJson } from './chunks/shared-CrIoMHU6.js';
import { createHash } from 'node:crypto';
import 'node:dns';
import 'node:net';
import 'node:tls';
import 'node:string_decoder';
import 'node:url';
import 'node:child_process';
import 'node:os';
import './chunks/commonjs-helpers-BFTU3MAI.js';

/** parseArgs option definitions of the probe command (besides the scan's). */
const PROBE_OPTIONS = {
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
};
const PROBE_OPTION_NAMES = Object.keys(PROBE_OPTIONS);
const PROBE_HELP = `Live probe (probe command; also takes the scan options):
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
/** The probe's settings from parsed CLI values and the environment; undefined when off. */
function probeConfigFromArgs(values, env = process.env) {
    for (const name of ['smtp-password', 'smtp-oauth2-token']) {
        if (values[name] !== undefined) {
            const variable = name === 'smtp-password' ? 'SMTP_PREFLIGHT_PASSWORD' : 'SMTP_PREFLIGHT_OAUTH2_TOKEN';
            throw new UsageError(`--${name} is not accepted on the command line (shell history, ps): set ${variable}`);
        }
    }
    const fromEnv = {
        'smtp-username': env.SMTP_PREFLIGHT_USERNAME,
        'smtp-password': env.SMTP_PREFLIGHT_PASSWORD,
        'smtp-oauth2-token': env.SMTP_PREFLIGHT_OAUTH2_TOKEN,
    };
    return parseProbeConfig({
        get(name) {
            const v = values[name];
            if (typeof v === 'boolean')
                return v ? 'true' : 'false';
            if (v !== undefined)
                return v;
            return fromEnv[name] ?? '';
        },
        describe(name) {
            if (name === 'smtp-password')
                return 'SMTP_PREFLIGHT_PASSWORD';
            if (name === 'smtp-oauth2-token')
                return 'SMTP_PREFLIGHT_OAUTH2_TOKEN';
            return `--${name}`;
        },
    });
}
/** Where findings about `--smtp-host` point in CLI output (there is no file). */
const COMMAND_LINE_AT = { file: '(command line)', line: 1 };
/** Runs the probe stage for the CLI (no GitHub event: the event guard lets it run). */
async function probeFromCli(report, config, stderr) {
    const outcome = await runProbeStage(report, config, policyOf(report) ?? DEFAULT_POLICY, {
        eventName: process.env.GITHUB_EVENT_NAME ?? '',
        isFork: false,
        actor: process.env.GITHUB_ACTOR,
        setSecret: () => undefined,
        fallbackAt: COMMAND_LINE_AT,
        runId: `${Date.now().toString(36)}`,
    });
    if (outcome.skipped)
        stderr(`smtp-preflight: live probe skipped: ${outcome.skipped}\n`);
    return outcome;
}

/**
 * GitLab Code Quality report (`--format codeclimate`): the subset of the Code Climate engine
 * specification's `issue` that GitLab reads from `artifacts:reports:codequality`, so merge requests
 * show the findings in the Code Quality widget and, on Ultimate, beside the changed lines. Pure and
 * deterministic.
 *
 * Sources: GitLab "Code Quality" docs, "Implement a custom tool" (an array of objects with
 * `description`, `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`;
 * no byte order mark) and the Code Climate spec's "Data types" (`type: "issue"`, `categories`,
 * single-line `description`, markdown `content.body`, inclusive `lines.begin`/`lines.end`).
 *
 * Severity: note → `info`, warning → `minor`, error → `major`; an error whose rule has a SARIF
 * `security-severity` of 7.0 or more (GitHub's "high" band: SP002 no TLS with credentials, SP005
 * verification off, SP007 committed credential) → `critical`, because it exposes credentials or
 * mail now, not only breaks delivery. `blocker` is not used: the exit status, not the report, is
 * what blocks a pipeline.
 *
 * Only the findings that count are issues: suppressed ones (inline or baseline) are left out, and
 * so are the base commit's fixed ones, since GitLab compares the report with the target branch's
 * itself. Paths are relative to the repository (see `filePrefix`).
 */
/** What kind of problem each rule reports, in the Code Climate spec's categories. */
const CATEGORIES = {
    SP001: ['Bug Risk', 'Compatibility'], // port 25 blocked outbound
    SP002: ['Security'],
    SP003: ['Security'],
    SP004: ['Bug Risk'], // the connection hangs or fails
    SP005: ['Security'],
    SP006: ['Security'],
    SP007: ['Security'],
    SP008: ['Security', 'Bug Risk'], // an open relay, or refused mail
    SP009: ['Compatibility'],
    SP010: ['Bug Risk', 'Compatibility'],
    SP011: ['Compatibility', 'Security'],
    SP012: ['Clarity'],
    SP013: ['Bug Risk'],
    SP014: ['Bug Risk', 'Clarity'],
    SP015: ['Security'],
    SP016: ['Clarity'],
    // Live probe rules: what the server did when asked.
    LV001: ['Bug Risk'], // unreachable
    LV002: ['Security'],
    LV003: ['Bug Risk', 'Security'],
    LV004: ['Security'],
    LV005: ['Security', 'Bug Risk'],
    LV006: ['Security'],
    LV007: ['Security'],
    LV008: ['Bug Risk'], // authentication failed
    LV009: ['Bug Risk'], // test message rejected
    LV010: ['Bug Risk'], // deliverability score
    LV011: ['Bug Risk', 'Security'], // SPF/DKIM/DMARC gaps
    LV012: ['Bug Risk'],
    LV013: ['Security'],
    LV014: ['Security'],
    LV015: ['Clarity'], // credentials not tested
    LV016: ['Security'],
};
/** `security-severity` from which an error is `critical` (GitHub's "high" band starts at 7.0). */
const CRITICAL_FROM = 7.0;
const SEVERITY = {
    error: 'major',
    warning: 'minor',
    note: 'info',
};
function codeQualitySeverity(finding) {
    const security = Number(SECURITY_SEVERITY[finding.ruleId] ?? 0);
    if (finding.severity === 'error' && security >= CRITICAL_FROM)
        return 'critical';
    return SEVERITY[finding.severity];
}
/** The spec wants one line without HTML: line breaks become spaces, `<` `>` look-alike brackets. */
function singleLine(text) {
    return text
        .replace(/\s*[\r\n]+\s*/g, ' ')
        .replace(/</g, '‹')
        .replace(/>/g, '›')
        .trim();
}
/** A fingerprint for a finding without one (the pipeline always sets it; hand-built reports may not). */
function fallbackFingerprint(f) {
    return createHash('sha256')
        .update(`${f.ruleId}\0${f.at.file}\0${f.at.line}\0${f.message}`)
        .digest('hex')
        .slice(0, 20);
}
function issue(f, path, fingerprint) {
    const end = f.at.endLine !== undefined && f.at.endLine > f.at.line ? f.at.endLine : f.at.line;
    return {
        type: 'issue',
        check_name: f.ruleId,
        description: singleLine(`${f.ruleId}: ${f.message}`),
        content: { body: `${f.message}\n\n**Fix:** ${f.fix}\n\nMore: ${f.helpUri}` },
        categories: CATEGORIES[f.ruleId] ?? ['Security'],
        location: { path, lines: { begin: f.at.line, end } },
        severity: codeQualitySeverity(f),
        fingerprint,
    };
}
function renderCodeClimate(report, options = {}) {
    const prefix = options.filePrefix?.replace(/\/+$/, '');
    const seen = new Map();
    return [...report.findings].sort(compareFindings).map((f) => {
        // Unique per issue, as the spec asks: GitLab folds issues with equal fingerprints into one.
        const base = f.fingerprint ?? fallbackFingerprint(f);
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const path = prefix ? `${prefix}/${f.at.file}` : f.at.file;
        return issue(f, path, n === 1 ? base : `${base}#${n}`);
    });
}
/** The report file's text: a JSON array, no byte order mark, ending with a newline. */
function renderCodeClimateString(report, options = {}) {
    return `${JSON.stringify(renderCodeClimate(report, options), null, 2)}\n`;
}

/** Short rule names for the `title=` property (`SP001: Port 25 used for submission`). */
const TITLES = Object.fromEntries(RULES.map((r) => [r.id, r.title]));
/** Workflow-command message escaping. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** Workflow-command property escaping: the message rules plus `:` and `,`. */
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function command(level, properties, message) {
    const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
    return `::${level}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}
function annotationCommand(a) {
    // @actions/core's order (title, file, line, endLine, col), so the lines are the Action's own.
    const properties = [
        ['title', a.title],
        ['file', a.file],
        ['line', a.startLine],
    ];
    if (a.endLine !== undefined)
        properties.push(['endLine', a.endLine]);
    if (a.startColumn !== undefined)
        properties.push(['col', a.startColumn]);
    return command(a.level, properties, a.message);
}
/** `N more findings not shown as annotations`: said once, as a notice, when the caps cut some. */
function omittedCommand(omitted) {
    return command('notice', [['title', 'smtp-preflight']], `${plural(omitted, 'more finding')} not annotated (GitHub shows 10 per level per step): ` +
        'run smtp-preflight scan with --format text or json for the full list');
}
/** The one-line summary after the commands. */
function summaryLine(report) {
    if (report.endpoints.length === 0 && report.findings.length === 0) {
        return 'smtp-preflight: no SMTP configuration found';
    }
    const counts = formatCounts(countBySeverity(report.findings));
    const where = `${plural(filesInvolved(report), 'file')} (${plural(report.endpoints.length, 'endpoint')})`;
    const suppressed = report.suppressed.length > 0 ? `; ${report.suppressed.length} suppressed` : '';
    return `smtp-preflight: ${counts} in ${where}${suppressed}`;
}
/** The whole `--format github` output: one command per line, then the summary; ends with `\n`. */
function renderGithubCommands(report, options = {}) {
    const { annotations, omitted } = toAnnotations(report, {
        titles: TITLES,
        filePrefix: options.filePrefix,
    });
    const lines = annotations.map(annotationCommand);
    if (omitted > 0)
        lines.push(omittedCommand(omitted));
    lines.push(summaryLine(report));
    return `${lines.join('\n')}\n`;
}

/**
 * Progress on stderr for long scans: one line rewritten in place with `\r`, only on a terminal,
 * only after the scan has run for a while (short scans print nothing), at most a few times a
 * second, and erased at the end so the report starts on a clean line.
 */
const ERASE_LINE = '\r\u001b[K';
const GROUPED = new Intl.NumberFormat('en-US');
/** `smtp-preflight: read 12,345 / 100,000 files`. */
function progressLine(phase, done, total) {
    return `smtp-preflight: ${phase} ${GROUPED.format(done)} / ${GROUPED.format(total)} files`;
}
const SILENT = { update: () => undefined, finish: () => undefined };
/** A progress writer for `stream`; silent unless the stream is a terminal. */
function progressWriter(stream, options = {}) {
    if (!stream.isTTY)
        return SILENT;
    const now = options.now ?? Date.now;
    const delayMs = options.delayMs ?? 2000;
    const intervalMs = options.intervalMs ?? 100;
    const started = now();
    let lastWrite = -Infinity;
    let shown = false;
    let finished = false;
    return {
        update(phase, done, total) {
            if (finished)
                return;
            const t = now();
            if (t - started < delayMs || t - lastWrite < intervalMs)
                return;
            lastWrite = t;
            shown = true;
            stream.write(`${ERASE_LINE}${progressLine(phase, done, total)}`);
        },
        finish() {
            if (finished)
                return;
            finished = true;
            if (shown)
                stream.write(ERASE_LINE);
        },
    };
}

/** The CLI's entry: same pipeline as the Action, output to stdout. */
const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;
const HELP = `Usage: smtp-preflight scan [PATH] [options]
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
const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github', 'codeclimate'];
/** The I/O of the running process: colour on a terminal unless NO_COLOR is set. */
function processIO() {
    return {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        cwd: process.cwd(),
        progress: process.stderr,
    };
}
function isNodeError(error) {
    return error instanceof Error && typeof error.code === 'string';
}
/** parseArgs' errors, turned into one line that points at --help. */
function usageFromParseError(error) {
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
};
const COMMANDS = ['scan', 'probe', 'baseline', 'rules', 'explain'];
const SCAN_OPTIONS = [
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
const ALLOWED_OPTIONS = {
    scan: SCAN_OPTIONS,
    probe: [...SCAN_OPTIONS, ...PROBE_OPTION_NAMES],
    baseline: ['max-file-size', 'output', 'policy'],
    rules: [],
    explain: [],
};
function parse(argv) {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
    }
    catch (error) {
        throw usageFromParseError(error);
    }
    const { values, positionals } = parsed;
    if (values.help)
        return { kind: 'help' };
    if (values.version)
        return { kind: 'version' };
    const [command, ...args] = positionals;
    if (command === undefined)
        throw new UsageError('missing command: try scan (see --help)');
    if (command === 'help')
        return { kind: 'help' };
    if (!COMMANDS.includes(command)) {
        throw new UsageError(`unknown command '${command}' (see --help)`);
    }
    const given = Object.keys(values).filter((k) => values[k] !== undefined);
    const allowed = ALLOWED_OPTIONS[command];
    const stray = given.find((k) => !allowed.includes(k));
    if (stray !== undefined) {
        throw new UsageError(`option '--${stray}' does not apply to ${command} (see --help)`);
    }
    const maxArgs = command === 'rules' ? 0 : 1;
    if (args.length > maxArgs)
        throw new UsageError(`unexpected argument '${args[maxArgs]}' (see --help)`);
    for (const name of ['base', 'changed-since', 'output', 'policy', 'baseline']) {
        if (values[name] !== undefined && values[name].trim() === '') {
            throw new UsageError(`empty --${name} value (see --help)`);
        }
    }
    if (command === 'rules')
        return { kind: 'rules' };
    if (command === 'explain') {
        if (args[0] === undefined)
            throw new UsageError('missing rule id: try explain SP003 (see --help)');
        return { kind: 'explain', ruleId: args[0] };
    }
    const path = args[0] ?? '.';
    const maxFileBytes = values['max-file-size'] === undefined
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
    if (!FORMATS.includes(format)) {
        throw new UsageError(`invalid --format value '${format}' (expected ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)})`);
    }
    const scan = {
        path,
        format: format,
        failOn: values['fail-on'] === undefined
            ? DEFAULT_FAIL_ON
            : parseFailOn(values['fail-on'], '--fail-on'),
        maxFileBytes,
        base: values.base,
        changedSince: values['changed-since'],
        output: values.output,
        policy: values.policy,
        baseline: values['no-baseline'] ? false : values.baseline,
    };
    if (command !== 'probe')
        return { kind: 'scan', ...scan };
    const probe = probeConfigFromArgs(values);
    if (!probe)
        throw new UsageError('probe needs --smtp-host HOST or --probe all|IDS (see --help)');
    return { kind: 'probe', probe, ...scan };
}
/**
 * The scanned root relative to the working directory, `/`-separated, or undefined when it is the
 * working directory or outside it: `github` and `codeclimate` name files from where CI runs (the
 * repository root), findings from the scanned root.
 */
function cwdPrefix(cwd, root) {
    const rel = relative(cwd, root);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        return undefined;
    return rel.split(sep).join('/');
}
function render(report, args, color, cwd) {
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
async function writeOutput(file, text) {
    try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, text, 'utf8');
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`cannot write the --output file: ${reason}`);
    }
}
/** Fills `report.comparison`; every failure becomes one `cannot scan the base commit REF` line. */
async function compareWithBase(report, options) {
    try {
        await addComparison(report, options);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message.startsWith('cannot scan the base commit '))
            throw error;
        throw new Error(`cannot scan the base commit ${options.base}: ${message}`);
    }
}
/**
 * `run()`'s options. `policyPath` and `baseline` are resolved against the working directory and
 * only present when given (the policy helper's RunOptions declares `policyPath`; `baseline` is
 * read by postProcess: false = --no-baseline).
 */
function runOptions(root, maxFileBytes, cwd, policy, baseline) {
    const options = {
        root,
        maxFileBytes,
    };
    if (policy !== undefined)
        options.policyPath = resolve(cwd, policy);
    if (baseline !== undefined)
        options.baseline = baseline === false ? false : resolve(cwd, baseline);
    return options;
}
/** `run()` with progress on the terminal for long scans (erased before anything is printed). */
async function runWithProgress(options, io) {
    const progress = io.progress ? progressWriter(io.progress) : undefined;
    try {
        return await run(progress ? { ...options, onProgress: progress.update } : options);
    }
    finally {
        progress?.finish();
    }
}
/** `smtp-preflight rules`: id, default severity and title, one rule a line. */
function renderRules() {
    const rows = [['ID', 'SEVERITY', 'TITLE'], ...RULES.map((r) => [r.id, r.severity, r.title])];
    const width = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
    const lines = rows.map((row) => `${row[0].padEnd(width[0])}  ${row[1].padEnd(width[1])}  ${row[2]}`);
    return `${lines.join('\n')}\n\nsmtp-preflight explain ID prints a rule's documentation.\n`;
}
/** docs/rules/, next to dist/ in the repository and in the npm package (package.json `files`). */
const RULE_DOCS = new URL('../docs/rules/', import.meta.url);
/**
 * `smtp-preflight explain ID`: the rule's page from docs/rules/, or its title, description and
 * link when the page is missing. `id` must be a known rule id.
 */
function explainRule(id, docs = RULE_DOCS) {
    try {
        const text = readFileSync(new URL(`${id}.md`, docs), 'utf8');
        return text.endsWith('\n') ? text : `${text}\n`;
    }
    catch {
        const rule = RULE_BY_ID.get(id);
        if (!rule)
            throw new UsageError(`unknown rule '${id}'`);
        return (`${rule.id}: ${rule.title}\n\nDefault severity: ${rule.severity}\n\n${rule.description}\n\n` +
            `More: ${helpUri(rule.id)}\n`);
    }
}
/** Runs the CLI; resolves to the exit status and never throws. */
async function main(argv, io = processIO()) {
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
                io.stderr(`smtp-preflight: unknown rule '${args.ruleId}' (known: ${RULES.map((r) => r.id).join(', ')})\n`);
                return EXIT_USAGE;
            }
            io.stdout(explainRule(rule.id));
            return EXIT_OK;
        }
        const root = resolveScanRoot(args.path, io.cwd);
        if (args.kind === 'baseline') {
            // The current findings, without an existing baseline (inline suppressions still apply).
            const report = await runWithProgress(runOptions(root, args.maxFileBytes, io.cwd, args.policy, false), io);
            const file = resolve(io.cwd, args.output ?? resolve(root, DEFAULT_BASELINE_FILE));
            const baseline = createBaseline(report);
            await writeOutput(file, renderBaseline(baseline));
            const files = new Set(baseline.entries.map((e) => e.file)).size;
            io.stdout(`Wrote ${plural(baseline.entries.length, 'finding')} in ${plural(files, 'file')} to ` +
                `${displayPath(io.cwd, file)}: later scans count only findings not in it.\n`);
            return EXIT_OK;
        }
        const options = runOptions(root, args.maxFileBytes, io.cwd, args.policy, args.baseline);
        if (args.changedSince !== undefined)
            options.changedSince = args.changedSince;
        const report = await runWithProgress(options, io);
        // runCompared in two steps, so that only the base scan's errors are called base errors.
        if (args.base !== undefined)
            await compareWithBase(report, { ...options, base: args.base });
        if (args.kind === 'probe')
            await probeFromCli(report, args.probe, io.stderr);
        if (args.output === undefined) {
            io.stdout(render(report, args, io.color, io.cwd));
        }
        else {
            // No colours in a file.
            await writeOutput(resolve(io.cwd, args.output), render(report, args, false, io.cwd));
        }
        return reachesThreshold(report, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`smtp-preflight: ${message.split('\n')[0]}\n`);
        return EXIT_USAGE;
    }
}

/** The bundle entry of the CLI (dist/cli.js). */
// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE')
        throw error;
});
process.exitCode = await main(process.argv.slice(2), processIO());
