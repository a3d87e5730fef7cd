/**
 * Option values shared by the CLI and the Action: parsing and validation only, no I/O except the
 * existence check of the scan root. Errors thrown here are usage errors with a one-line message.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FailOn } from './model.js';

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'note', 'never'];
export const DEFAULT_FAIL_ON: FailOn = 'error';
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** A mistake in how the tool was called (bad option value, missing path): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `what` names the option in messages, e.g. `--fail-on` or `input 'fail-on'`. */
export function parseFailOn(value: string, what: string): FailOn {
  const v = value.trim().toLowerCase();
  if ((FAIL_ON_VALUES as readonly string[]).includes(v)) return v as FailOn;
  throw new UsageError(
    `invalid ${what} value '${value}' (expected one of: ${FAIL_ON_VALUES.join(', ')})`,
  );
}

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput` reads them; empty gives `fallback`. */
export function parseBoolean(value: string, what: string, fallback: boolean): boolean {
  const v = value.trim();
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new UsageError(`invalid ${what} value '${value}' (expected true or false)`);
}

/** A positive whole number of bytes, digits only. */
export function parseByteSize(value: string, what: string): number {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`invalid ${what} value '${value}' (expected a positive number of bytes)`);
  }
  return n;
}

/** Resolves the directory to scan against `cwd`; it must exist and be a directory. */
export function resolveScanRoot(path: string, cwd: string): string {
  if (path.includes('\0')) {
    throw new UsageError(`invalid path ${JSON.stringify(path)}: it contains a NUL byte`);
  }
  const root = resolve(cwd, path);
  const stat = statSync(root, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`path not found: ${path}`);
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${path}`);
  return root;
}
