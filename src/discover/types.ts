/**
 * Types shared by the discover modules. `Diagnostic` is the pipeline's shared shape (src/model.ts).
 */
import type { Diagnostic } from '../model.js';

export type { Diagnostic };

/** One file as a lister saw it, before anything is read. */
export interface ListedEntry {
  /** Relative to root, `/` separators; bytes that are not UTF-8 are shown as U+FFFD. */
  path: string;
  /** Absolute path as raw bytes, so names that are not valid UTF-8 can still be opened. */
  abs: Buffer;
}

export interface Listing {
  mode: 'git' | 'walk';
  entries: ListedEntry[];
  diagnostics: Diagnostic[];
}
