/** Temporary trees scanned by the real pipeline, then post-processed as run() does. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/model.js';
import { postProcess, type PostProcessOptions } from '../../src/policy/postprocess.js';
import { run } from '../../src/run.js';

const dirs: string[] = [];

/** Call from afterAll. */
export function removeTrees(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A temporary directory holding `files`. */
export function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'smtp-preflight-suppress-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

/**
 * The report as evaluation left it: undoes what run() may already have applied (once run() calls
 * postProcess itself), so each test decides the options.
 */
export function unprocessed(report: Report): Report {
  const findings = [
    ...report.findings.filter((f) => f.ruleId !== 'SP016'),
    ...report.suppressed.map((f) => {
      const copy = { ...f };
      delete copy.suppression;
      return copy;
    }),
  ];
  return { ...report, findings, suppressed: [], baseline: undefined };
}

/** run() on `root`, then postProcess with `options` (no baseline unless given). */
export async function scan(
  root: string,
  options: Partial<PostProcessOptions> = {},
): Promise<Report> {
  const report = unprocessed(await run({ root }));
  const textOf = (file: string): string | undefined => {
    try {
      return readFileSync(join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  return postProcess(report, { textOf, baseline: false, ...options });
}
