/**
 * `--format github`. Tested against the reference implementation of workflow commands:
 * @actions/core's `issueCommand` (lib/command.js: `::name key=value,...::message`, data escaping
 * `%`→`%25`, `\r`→`%0D`, `\n`→`%0A`, properties also `:`→`%3A`, `,`→`%2C`), which is what the
 * runner parses and what the Action itself prints for its annotations (src/github/publish.ts).
 */
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Report, Severity } from '../../src/model.js';
import { RULES } from '../../src/policy/rules.js';
import { toAnnotations } from '../../src/report/annotations.js';
import {
  escapeData,
  escapeProperty,
  omittedCommand,
  renderGithubCommands,
  summaryLine,
} from '../../src/report/github-commands.js';
import { emptyReport, makeReport, sp001, sp003 } from './fixture.js';

const TITLES = Object.fromEntries(RULES.map((r) => [r.id, r.title]));

afterEach(() => vi.restoreAllMocks());

/** What @actions/core writes for the same annotations, one string per command (EOL removed). */
function coreCommands(report: Report, filePrefix?: string): string[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk).replace(/\r?\n$/, ''));
    return true;
  });
  try {
    const { annotations, omitted } = toAnnotations(report, { titles: TITLES, filePrefix });
    for (const { level, message, ...properties } of annotations) {
      if (level === 'error') core.error(message, properties);
      else if (level === 'warning') core.warning(message, properties);
      else core.notice(message, properties);
    }
    if (omitted > 0) core.notice(omittedText(omitted), { title: 'smtp-preflight' });
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return written;
}

/** The omitted notice's message, read back from our own command. */
function omittedText(omitted: number): string {
  return decodeURIComponent(omittedCommand(omitted).split('::')[2]);
}

function commandLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('::'));
}

function findings(severity: Severity, count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    ...sp001,
    severity,
    at: { file: `${severity}.env`, line: i + 1 },
  }));
}

describe('renderGithubCommands', () => {
  it('prints one command per finding, errors first, then the summary line', () => {
    expect(renderGithubCommands(makeReport())).toBe(
      [
        '::error title=SP001%3A Port 25 used for submission,file=.env,line=2,col=11::' +
          'Port 25 is for server-to-server relay; this application authenticates to `smtp.example.com`.' +
          '%0AFix: Set `MAIL_PORT=587` and `MAIL_ENCRYPTION=tls`.',
        '::warning title=SP003%3A Opportunistic STARTTLS,file=config/mailer.js,line=5::' +
          'STARTTLS is only opportunistic on port 587: a man in the middle can strip it.' +
          '%0AFix: Set `requireTLS: true`.',
        // A multi-line location gets endLine and no column.
        '::notice title=SP012%3A Cannot judge statically,file=config/mailer.js,line=4,endLine=6::' +
          'The host comes from `SMTP_HOST` | unknown *here*.%0AFix: Add a policy `assume`, or run the live probe.',
        'smtp-preflight: 1 error, 1 warning, 1 note in 2 files (2 endpoints)',
        '',
      ].join('\n'),
    );
  });

  it('prints exactly what @actions/core prints for the same annotations', () => {
    const report = makeReport();
    expect(commandLines(renderGithubCommands(report))).toEqual(coreCommands(report));
  });

  it('escapes hostile values so they cannot end the command or start another', () => {
    const hostile: Finding = {
      ...sp003,
      message: 'host `evil%0A` \r\n::set-env name=X::1\n::error::injected',
      fix: 'a, b: c',
      at: { file: 'dir,with:odd%chars/\nfile.env', line: 3, column: 2 },
    };
    const report = makeReport({ findings: [hostile] });
    const output = renderGithubCommands(report);
    expect(commandLines(output)).toEqual(coreCommands(report));
    // One command line and the summary: no line break survived from the values.
    expect(output.split('\n')).toHaveLength(3);
    expect(output).toContain('file=dir%2Cwith%3Aodd%25chars/%0Afile.env,');
    expect(output).toContain('::host `evil%250A` %0D%0A::set-env name=X::1%0A::error::injected');
  });

  it('caps at 10 per level, like GitHub shows, and says how many were left out', () => {
    const report = makeReport({
      findings: [...findings('error', 12), ...findings('warning', 3), ...findings('note', 10)],
    });
    const lines = commandLines(renderGithubCommands(report));
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(3);
    // Nine notes plus the "N more" notice: ten notices in all.
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(10);
    expect(lines.at(-1)).toBe(
      '::notice title=smtp-preflight::3 more findings not annotated (GitHub shows 10 per level per step): ' +
        'run smtp-preflight scan with --format text or json for the full list',
    );
    expect(lines).toEqual(coreCommands(report));
  });

  it('prefixes file paths with the scanned directory', () => {
    const output = renderGithubCommands(makeReport(), { filePrefix: 'services/api/' });
    expect(commandLines(output).map((l) => /file=([^,]+)/.exec(l)?.[1])).toEqual([
      'services/api/.env',
      'services/api/config/mailer.js',
      'services/api/config/mailer.js',
    ]);
    expect(commandLines(output)).toEqual(coreCommands(makeReport(), 'services/api'));
  });

  it('prints only the summary when there is nothing to annotate', () => {
    expect(renderGithubCommands(emptyReport())).toBe(
      'smtp-preflight: no SMTP configuration found\n',
    );
    expect(renderGithubCommands(makeReport({ findings: [] }))).toBe(
      'smtp-preflight: 0 errors, 0 warnings, 0 notes in 2 files (2 endpoints)\n',
    );
  });

  it('counts suppressed findings in the summary', () => {
    const report = makeReport({ findings: [sp003], suppressed: [sp001] });
    expect(summaryLine(report)).toBe(
      'smtp-preflight: 0 errors, 1 warning, 0 notes in 2 files (2 endpoints); 1 suppressed',
    );
  });
});

describe('escaping', () => {
  it.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['k: v, w', 'k: v, w', 'k%3A v%2C w'],
    ['%0A', '%250A', '%250A'],
  ])('%j → data %j, property %j', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });
});
