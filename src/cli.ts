/** The CLI's entry: same pipeline as the Action, output to stdout. */
import { parseArgs } from 'node:util';
import type { FailOn } from './model.js';
import {
  DEFAULT_FAIL_ON,
  DEFAULT_MAX_FILE_BYTES,
  UsageError,
  parseByteSize,
  parseFailOn,
  resolveScanRoot,
} from './options.js';
import { renderJson } from './report/json.js';
import { renderText } from './report/text.js';
import { VERSION, reachesThreshold, run } from './run.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** ANSI colours in text output. */
  color: boolean;
  /** PATH is resolved against this. */
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
  --format text|json       output format (default: text)
  --fail-on LEVEL          error, warning, note or never: exit 1 when a finding
                           reaches LEVEL (default: ${DEFAULT_FAIL_ON})
  --max-file-size BYTES    skip larger files (default: ${DEFAULT_MAX_FILE_BYTES})
  -h, --help               show this help
  --version                print the version

Exit status: 0 when no finding reaches --fail-on, 1 when one does,
2 on a usage or internal error.
`;

const FORMATS = ['text', 'json'] as const;
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
    throw new UsageError(`invalid --format value '${format}' (expected text or json)`);
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
  };
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
    const report = await run({ root, maxFileBytes: args.maxFileBytes });
    io.stdout(
      args.format === 'json' ? `${renderJson(report)}\n` : renderText(report, { color: io.color }),
    );
    return reachesThreshold(report, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`smtp-preflight: ${message.split('\n')[0]}\n`);
    return EXIT_USAGE;
  }
}
