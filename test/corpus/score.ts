/**
 * Scores a Report against the shared corpus's labels (../shared/corpus/EXPECTED.json), the same
 * way ../shared/tools/score-corpus.py does: findings compared by (rule, line); must-recall,
 * precision against must+may, mustNot hits, endpoint security agreement.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '../../src/model.js';

export interface Label {
  rule: string;
  line: number;
}
export interface Expected {
  endpoints: { line: number; security: string }[];
  must: Label[];
  may: Label[];
  mustNot: string[];
}

export interface Score {
  mustHit: number;
  mustTotal: number;
  allowed: number;
  total: number;
  mustNotHits: number;
  securityOk: number;
  securityTotal: number;
  misses: string[];
}

export function sharedDir(repoRoot: string): string | undefined {
  const dir = join(repoRoot, '..', 'shared', 'corpus');
  return existsSync(join(dir, 'EXPECTED.json')) ? dir : undefined;
}

/** Lay the corpus out as a git repository: each file at `<id>/<original path>`. */
export function layOut(
  corpus: string,
  names: string[],
): { tree: string; where: Map<string, string> } {
  const rows = readFileSync(join(corpus, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
  const pathOf = new Map<string, string>();
  for (const row of rows) {
    const cols = row.split('\t');
    pathOf.set(cols[1].split('/').pop() as string, cols[3]);
  }
  const tree = mkdtempSync(join(tmpdir(), 'corpus-tree-'));
  const where = new Map<string, string>();
  for (const name of names) {
    const rel = `${name.split('_')[0]}/${pathOf.get(name)}`;
    mkdirSync(dirname(join(tree, rel)), { recursive: true });
    copyFileSync(join(corpus, 'files', name), join(tree, rel));
    where.set(rel, name);
  }
  execFileSync('git', ['init', '-q', tree]);
  execFileSync('git', ['-C', tree, 'add', '-A']);
  return { tree, where };
}

export function score(
  report: Report,
  expected: Record<string, Expected>,
  where: Map<string, string>,
): Score {
  const got = new Map<string, [string, number][]>();
  for (const f of report.findings) {
    const name = where.get(f.at.file);
    if (!name) continue;
    const list = got.get(name) ?? [];
    list.push([f.ruleId, f.at.line]);
    got.set(name, list);
  }
  const s: Score = {
    mustHit: 0,
    mustTotal: 0,
    allowed: 0,
    total: 0,
    mustNotHits: 0,
    securityOk: 0,
    securityTotal: 0,
    misses: [],
  };
  for (const [name, e] of Object.entries(expected)) {
    const g = got.get(name) ?? [];
    const has = (r: string, l: number) => g.some(([gr, gl]) => gr === r && gl === l);
    for (const m of e.must) {
      s.mustTotal++;
      if (has(m.rule, m.line)) s.mustHit++;
      else s.misses.push(`MISS ${name}: ${m.rule}@${m.line}`);
    }
    const allowed = [...e.must, ...e.may];
    const sp012Any = e.may.some((m) => m.rule === 'SP012');
    for (const [r, l] of g) {
      s.total++;
      if (allowed.some((a) => a.rule === r && a.line === l) || (r === 'SP012' && sp012Any))
        s.allowed++;
      else {
        if (e.mustNot.includes(r)) s.mustNotHits++;
        s.misses.push(`${e.mustNot.includes(r) ? 'FALSE' : 'EXTRA'} ${name}: ${r}@${l}`);
      }
    }
    const have = report.endpoints
      .filter((ep) => where.get(ep.at.file) === name)
      .map((ep) => ep.security.value ?? 'unknown');
    for (const want of e.endpoints.map((x) => x.security)) {
      s.securityTotal++;
      const i = have.indexOf(want as never);
      if (i >= 0) {
        s.securityOk++;
        have.splice(i, 1);
      } else s.misses.push(`SECURITY ${name}: expected ${want}, got [${have.join(', ')}]`);
    }
  }
  return s;
}
