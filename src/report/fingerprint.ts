/**
 * Finding fingerprints: rule + file + a hash of the finding line's normalised text, so a finding
 * keeps its identity when lines above it move. Identical lines in one file get `:2`, `:3`...
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../model.js';

/** Whitespace-insensitive form of a line. */
export function normaliseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/**
 * Adds `fingerprint` to every finding. `lineOf(file, line)` returns the text of a 1-based line
 * (or undefined when unknown, e.g. a file that could not be re-read).
 */
export function addFingerprints(
  findings: Finding[],
  lineOf: (file: string, line: number) => string | undefined,
): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const text = normaliseLine(lineOf(f.at.file, f.at.line) ?? `#${f.at.line}`);
    const hash = createHash('sha256')
      .update(`${f.ruleId}\0${f.at.file}\0${text}`)
      .digest('hex')
      .slice(0, 20);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    f.fingerprint = n === 1 ? hash : `${hash}:${n}`;
  }
}
