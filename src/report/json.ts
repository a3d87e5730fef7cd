import type { Report } from '../model.js';

/** The `--format json` output and the Action's report file: the Report as is. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2);
}
