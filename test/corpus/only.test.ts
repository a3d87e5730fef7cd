/**
 * Developer aid: score some corpus files from the source tree (no bundle needed).
 *   CORPUS_ONLY=37,39,40,41 npx vitest run test/corpus/only.test.ts
 * Prints every miss, extra and security disagreement, then the figures. Skipped without CORPUS_ONLY.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { layOut, score, sharedDir, type Expected } from './score.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const corpus = sharedDir(repoRoot);
const only = process.env.CORPUS_ONLY?.split(',').map((s) => s.trim().padStart(2, '0'));

describe.skipIf(!corpus || !only)('corpus files named in CORPUS_ONLY', () => {
  it('scores them', async () => {
    const all = JSON.parse(readFileSync(join(corpus as string, 'EXPECTED.json'), 'utf8')) as Record<
      string,
      Expected
    >;
    const expected = Object.fromEntries(
      Object.entries(all).filter(([name]) => only!.includes(name.split('_')[0])),
    );
    const { tree, where } = layOut(corpus as string, Object.keys(expected));
    try {
      const report = await run({ root: tree });
      const s = score(report, expected, where);
      console.log(
        `${s.misses.join('\n')}\nmust-recall ${s.mustHit}/${s.mustTotal}; precision ${s.allowed}/${s.total}; mustNot ${s.mustNotHits}; security ${s.securityOk}/${s.securityTotal}`,
      );
      for (const ep of report.endpoints) {
        console.log(
          `endpoint ${ep.id} ${ep.ecosystem} ${ep.host?.value ?? '?'}:${ep.port?.value ?? '?'} ${ep.security.value}`,
        );
      }
      for (const f of report.findings)
        console.log(`finding ${f.at.file}:${f.at.line} ${f.ruleId} ${f.severity} ${f.message}`);
      expect(s.total).toBeGreaterThanOrEqual(0);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  }, 60_000);
});
