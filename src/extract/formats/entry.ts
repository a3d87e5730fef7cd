/**
 * The neutral form every structured-format parser produces: a flat list of key/value entries with
 * their locations. Ecosystem interpreters (src/extract/ecosystems) read entries, never raw text.
 */

export type Scalar = string | number | boolean | null;

export interface Entry {
  /**
   * Key path from the document root. dotenv/Dockerfile: `['MAIL_HOST']`; INI: `['smtp', 'host']`
   * (keys before any section: `['', 'host']`); properties: the dotted key split on `.`
   * (`['spring','mail','host']`); YAML/JSON: the mapping keys and sequence indexes as strings.
   */
  path: string[];
  /** The value as the format types it (YAML/JSON booleans, numbers, null); strings otherwise. */
  value: Scalar;
  /** The value's source text without surrounding quotes. */
  raw: string;
  /** True when the value was quoted in the source (`"true"` vs `true` in YAML). */
  quoted: boolean;
  /** 1-based line of the key (for YAML/JSON the key token; for `KEY=value` the line). */
  line: number;
  /** 1-based column of the key. */
  column: number;
  /** 1-based line of the value when it differs (block scalars, multi-line JSON). */
  valueLine?: number;
  /** True when the entry was found inside a comment (`# KEY=value`, `;password = x`). */
  commented?: boolean;
}

export interface ParseResult {
  entries: Entry[];
  /** Problems worth telling the user (malformed YAML at line N...). Never thrown. */
  diagnostics: string[];
}
