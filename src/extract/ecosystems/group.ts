/**
 * A group of related entries (one dotenv file, one compose `environment:` block, one INI section,
 * one YAML mapping) with case-insensitive look-up by key, and a record of what was used so later
 * interpreters don't read the same keys twice.
 */
import type { Location } from '../../model.js';
import type { Entry } from '../formats/entry.js';
import { locate } from '../build.js';

export class Group {
  private readonly byKey = new Map<string, Entry>();
  readonly used = new Set<Entry>();

  constructor(
    readonly file: string,
    readonly entries: Entry[],
    keyOf: (e: Entry) => string = (e) => e.path[e.path.length - 1] ?? '',
  ) {
    for (const e of entries) {
      if (e.commented) continue;
      this.byKey.set(keyOf(e).toUpperCase(), e);
    }
  }

  /** The first present key among `names` (case-insensitive); marks it used. */
  get(...names: string[]): Entry | undefined {
    for (const n of names) {
      const e = this.byKey.get(n.toUpperCase());
      if (e) {
        this.used.add(e);
        return e;
      }
    }
    return undefined;
  }

  /** Like `get`, without marking. */
  peek(...names: string[]): Entry | undefined {
    for (const n of names) {
      const e = this.byKey.get(n.toUpperCase());
      if (e) return e;
    }
    return undefined;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  has(name: string): boolean {
    return this.byKey.has(name.toUpperCase());
  }

  /** The string value of a key (YAML booleans/numbers as text), or undefined. */
  text(...names: string[]): string | undefined {
    const e = this.peek(...names);
    if (!e) return undefined;
    return e.value === null ? '' : typeof e.value === 'string' ? e.value : String(e.value);
  }

  at(e: Entry): Location {
    return locate(this.file, e);
  }

  /** Location of the first entry in file order (an anchor when there is no host key). */
  firstAt(entries: (Entry | undefined)[]): Location {
    const present = entries.filter((e): e is Entry => !!e).sort((a, b) => a.line - b.line);
    return present.length
      ? this.at(present[0])
      : { file: this.file, line: this.entries[0]?.line ?? 1 };
  }
}
