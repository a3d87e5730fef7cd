/**
 * The shared corpus (../shared/corpus): real public config files with labelled verdicts.
 * Skips only when ../shared is absent outside CI; in CI its absence is a failure.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { layOut, score, sharedDir, type Expected } from './score.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const corpus = sharedDir(repoRoot);
const CODE = /\.(rb|php|py|js|ts|go)$/;

describe.skipIf(!corpus && !process.env.CI)('shared corpus', () => {
  const trees: string[] = [];
  afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

  it('is present in CI', () => {
    expect(corpus, 'CI runs with ../shared beside the clone').toBeDefined();
  });

  it('structured formats: ≥90% must at the exact rule and line, ≥85% precision, no mustNot', async () => {
    const all = JSON.parse(readFileSync(join(corpus as string, 'EXPECTED.json'), 'utf8')) as Record<
      string,
      Expected
    >;
    const expected = Object.fromEntries(Object.entries(all).filter(([name]) => !CODE.test(name)));
    const { tree, where } = layOut(corpus as string, Object.keys(expected));
    trees.push(tree);
    const report = await run({ root: tree });
    const s = score(report, expected, where);
    const figures = `must-recall ${s.mustHit}/${s.mustTotal}; precision ${s.allowed}/${s.total}; mustNot ${s.mustNotHits}; security ${s.securityOk}/${s.securityTotal}`;
    console.log(`corpus (structured): ${figures}\n${s.misses.join('\n')}`);
    expect(s.mustHit / s.mustTotal, figures).toBeGreaterThanOrEqual(0.9);
    expect(s.allowed / s.total, figures).toBeGreaterThanOrEqual(0.85);
    expect(s.mustNotHits, figures).toBe(0);
    // No finding may print a secret: the report never holds a committed password's text.
    const json = JSON.stringify(report);
    expect(json).not.toContain('wqpl mnzx hdrt vkse');
    expect(json).not.toContain('mailpass2024');
  }, 60_000);

  it('whole corpus: ≥95% must at the exact rule and line, ≥90% precision, no mustNot, ≥90% security', async () => {
    const all = JSON.parse(readFileSync(join(corpus as string, 'EXPECTED.json'), 'utf8')) as Record<
      string,
      Expected
    >;
    const expected = all;
    const { tree, where } = layOut(corpus as string, Object.keys(expected));
    trees.push(tree);
    const report = await run({ root: tree });
    const s = score(report, expected, where);
    const figures = `must-recall ${s.mustHit}/${s.mustTotal}; precision ${s.allowed}/${s.total}; mustNot ${s.mustNotHits}; security ${s.securityOk}/${s.securityTotal}`;
    console.log(`corpus (whole): ${figures}\n${s.misses.join('\n')}`);
    expect(s.mustHit / s.mustTotal, figures).toBeGreaterThanOrEqual(0.95);
    expect(s.allowed / s.total, figures).toBeGreaterThanOrEqual(0.9);
    expect(s.mustNotHits, figures).toBe(0);
    expect(s.securityOk / s.securityTotal, figures).toBeGreaterThanOrEqual(0.9);
    // No finding may print a secret: the report never holds a committed password's text.
    const json = JSON.stringify(report);
    expect(json).not.toContain('wqpl mnzx hdrt vkse');
    expect(json).not.toContain('mailpass2024');
    expect(json).not.toContain('open_sesame_2024x');
  }, 60_000);
});
