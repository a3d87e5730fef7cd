/** The CLI's entry: same pipeline as the Action, output to stdout. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FailOn, Report } from './model.js';
import {
  DEFAULT_FAIL_ON,
  DEFAULT_MAX_FILE_BYTES,
  UsageError,
  parseByteSize,
  parseFailOn,
  resolveScanRoot,
} from './options.js';
import { renderComment } from './report/comment.js';
import { renderJson } from './report/json.js';
import { renderSarifString } from './report/sarif.js';
import { renderText } from './report/text.js';
import { VERSION, addComparison, reachesThreshold, run } from './run.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** ANSI colours in text output. */
  color: boolean;
  /** PATH and --output are resolved against this. */
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const HELP = `Usage: smtp-preflight scan [PATH] [options]

Find SMTP configuration in a repository and judge it: wrong ports, downgradable
STARTTLS, disabled certificate checks, committed passwords.

Arguments:
  PATH                     directory to scan (default: .)

Options:
  --format text|json|sarif|markdown
                           output format (default: text): sarif is SARIF 2.1.0
                           for code scanning, markdown the pull request comment
  --base REF               also scan the git commit REF (e.g. origin/main) and
                           tell new findings from pre-existing and fixed ones
  -o, --output FILE        write the report to FILE (parent directories are
                           created) instead of stdout
  --fail-on LEVEL          error, warning, note or never: exit 1 when a finding
                           reaches LEVEL (default: ${DEFAULT_FAIL_ON})
  --max-file-size BYTES    skip larger files (default: ${DEFAULT_MAX_FILE_BYTES})
  -h, --help               show this help
  --version                print the version

Exit status: 0 when no finding reaches --fail-on, 1 when one does,
2 on a usage or internal error.
`;

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** The I/O of the running process: colour on a terminal unless NO_COLOR is set. */
export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    cwd: process.cwd(),
  };
}

interface ScanArgs {
  path: string;
  format: Format;
  failOn: FailOn;
  maxFileBytes: number;
  /** Git ref of the commit to compare with. */
  base?: string;
  /** File to write instead of stdout (as given; resolved against the working directory). */
  output?: string;
}

type Parsed = { kind: 'help' } | { kind: 'version' } | ({ kind: 'scan' } & ScanArgs);

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
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

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

  const [command, path = '.', ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command: try scan (see --help)');
  if (command === 'help') return { kind: 'help' };
  if (command !== 'scan') throw new UsageError(`unknown command '${command}' (see --help)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (see --help)`);

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `invalid --format value '${format}' (expected text, json, sarif or markdown)`,
    );
  }
  for (const name of ['base', 'output'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') {
      throw new UsageError(`empty --${name} value (see --help)`);
    }
  }
  return {
    kind: 'scan',
    path,
    format: format as Format,
    failOn:
      values['fail-on'] === undefined
        ? DEFAULT_FAIL_ON
        : parseFailOn(values['fail-on'], '--fail-on'),
    maxFileBytes:
      values['max-file-size'] === undefined
        ? DEFAULT_MAX_FILE_BYTES
        : parseByteSize(values['max-file-size'], '--max-file-size'),
    base: values.base,
    output: values.output,
  };
}

function render(report: Report, args: ScanArgs, color: boolean): string {
  switch (args.format) {
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
  options: { root: string; maxFileBytes: number; base: string },
): Promise<void> {
  try {
    await addComparison(report, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('cannot scan the base commit ')) throw error;
    throw new Error(`cannot scan the base commit ${options.base}: ${message}`);
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
    const root = resolveScanRoot(args.path, io.cwd);
    const options = { root, maxFileBytes: args.maxFileBytes };
    const report = await run(options);
    // runCompared in two steps, so that only the base scan's errors are called base errors.
    if (args.base !== undefined) await compareWithBase(report, { ...options, base: args.base });
    if (args.output === undefined) {
      io.stdout(render(report, args, io.color));
    } else {
      // No colours in a file.
      await writeOutput(resolve(io.cwd, args.output), render(report, args, false));
    }
    return reachesThreshold(report, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`smtp-preflight: ${message.split('\n')[0]}\n`);
    return EXIT_USAGE;
  }
}
