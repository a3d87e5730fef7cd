/**
 * The hostile corpus through the whole pipeline (`run()`), listed by git and by the directory walk:
 * every case gives its exact diagnostics, and every good finding in the repository survives.
 * The hang guard is the test timeout; performance is measured elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { run } from '../../src/run.js';
import {
  GOOD_NAME,
  buildCorpus,
  casesFor,
  goodSpots,
  removeCorpus,
  spots,
  type Mode,
} from './corpus.js';

const CASES = casesFor();
const inDir = (dir: string) => (file: string | undefined) => file?.startsWith(`${dir}/`) === true;

describe.each<Mode>(['git', 'walk'])('the hostile corpus (%s mode)', (mode) => {
  let root: string;
  let report: Report;

  beforeAll(async () => {
    root = buildCorpus(mode);
    report = await run({ root });
  }, 60_000);
  afterAll(() => removeCorpus(root));

  it.each(CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const diagnostics = report.diagnostics.filter((d) => inDir(c.dir)(d.file));
    expect(diagnostics).toEqual(c.diagnostics(mode));
    const found = spots(report).filter((s) => inDir(c.dir)(s.file));
    for (const spot of [...goodSpots(`${c.dir}/${GOOD_NAME}`), ...(c.findings ?? [])]) {
      expect(found).toContainEqual(spot);
    }
  });

  it('reports nothing else: no other diagnostics, the top-level good file intact', () => {
    const caseFile = (file: string | undefined) => CASES.some((c) => inDir(c.dir)(file));
    expect(report.diagnostics.filter((d) => !caseFile(d.file))).toEqual([]);
    expect(spots(report).filter((s) => s.file === GOOD_NAME)).toEqual(goodSpots(GOOD_NAME));
  });
});
