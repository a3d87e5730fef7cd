/**
 * What code readers share. A code reader turns source text into the same `Entry` form the
 * structured formats produce, then hands the entries to the ecosystem interpreters, so every rule
 * applies unchanged. Expressions become values by one convention that `resolveRef` understands:
 * - a literal is itself (`587`, `true`, `'smtp.gmail.com'`);
 * - an env read without default is `${NAME}` (`process.env.X`, `os.environ['X']`, `ENV['X']`,
 *   `getenv('X')`);
 * - an env read with a default is `${NAME:-default}` (`process.env.X || 'd'`, `os.getenv('X', 'd')`,
 *   `env('X', 587)`, `ENV.fetch('X', 'd')`): the default is the effective value;
 * - anything else the reader cannot evaluate (a variable, a function call, a config object) is
 *   `${<expression text>}`: an unknown, reported as such, never guessed.
 */
import type { LooseSecret } from '../../model.js';
import type { Draft } from '../build.js';
import type { Entry, Scalar } from '../formats/entry.js';

export interface CodeResult {
  drafts: Draft[];
  /** Literal passwords in commented-out code (SP007). */
  looseSecrets: LooseSecret[];
  /** Problems worth telling the user (a syntax error the reader skipped past). Never thrown. */
  diagnostics: string[];
}

export const emptyResult = (): CodeResult => ({ drafts: [], looseSecrets: [], diagnostics: [] });

/** `${NAME}` or `${NAME:-default}` (the default as written, without quotes). */
export function envRef(name: string, fallback?: Scalar): string {
  const n = name.replace(/[^\w.-]/g, '_');
  if (fallback === undefined || fallback === null) return `\${${n}}`;
  return `\${${n}:-${String(fallback).replace(/[{}]/g, '')}}`;
}

/** An expression the reader cannot evaluate: an unknown value naming the expression. */
export function opaque(expressionText: string): string {
  const t = expressionText.replace(/\s+/g, ' ').replace(/[{}]/g, '').trim().slice(0, 80);
  return `\${${t || 'expression'}}`;
}

export function codeEntry(
  path: string[],
  value: Scalar,
  raw: string,
  line: number,
  column: number,
  quoted = false,
): Entry {
  return { path, value, raw, quoted, line, column };
}
