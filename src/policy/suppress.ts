/**
 * Inline suppressions (DESIGN.md §4): `smtp-preflight-ignore SP007 -- reason` in the file's own
 * comment syntax, on the finding's line or the line above. Suppressed findings are moved, never
 * dropped; a suppression without a reason, one that suppresses nothing, and one the policy forbids
 * each yield an SP016 note. Pure apart from the `textOf` callback.
 */
import type { Finding, Location } from '../model.js';
import { helpUri } from './rules.js';

export const SUPPRESSION_KEYWORD = 'smtp-preflight-ignore';

/** The meta rule for suppression problems (see docs/rules/SP016.md). */
export const SUPPRESSION_RULE = 'SP016';

/** One `smtp-preflight-ignore` comment. */
export interface SuppressionDirective {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  /** 1-based column of the comment marker. */
  column: number;
  /** Upper-cased rule ids, in the order written, without duplicates. */
  ruleIds: string[];
  /** The reason after `--`, trimmed; undefined when none is given. */
  reason?: string;
  /** The comment is alone on its line, so it also covers the next line. */
  standalone: boolean;
}

/**
 * A comment marker (`#`, `//`, `;`, `<!--`, `/*`, `--`, `!`, or the `*` of a block comment's
 * continuation line) directly before the keyword, then the rest of the line.
 */
const DIRECTIVE = /(<!--|\/\/|\/\*|--|#|;|!|\*)[ \t]*smtp-preflight-ignore(?![\w-])(.*)$/i;
/** Only comment markers before the directive: the comment has the line to itself. */
const ONLY_MARKERS = /^[\s#/;!*<>-]*$/;

/** Parses one line; undefined when it holds no directive. */
export function parseDirective(
  text: string,
  file: string,
  line: number,
): SuppressionDirective | undefined {
  if (!text.toLowerCase().includes(SUPPRESSION_KEYWORD)) return undefined;
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  // A block or HTML comment closes on the same line: drop the closer before reading the reason.
  const rest = match[2].replace(/\s*(?:-->|\*\/)\s*$/, '');
  const parts = /^[\s,]*((?:[a-z]{2}\d{3}\b[\s,]*)*)(.*)$/i.exec(rest) ?? ['', '', rest];
  const ruleIds = [
    ...new Set(
      parts[1]
        .split(/[\s,]+/)
        .filter((t) => t !== '')
        .map((t) => t.toUpperCase()),
    ),
  ];
  // Everything after the ids is the reason; the documented separator is `--`.
  const reason =
    parts[2]
      .replace(/^(?:--+|:|\u2014)\s*/, '')
      .replace(/\s+/g, ' ')
      .trim() || undefined;
  return {
    file,
    line,
    column: match.index + 1,
    ruleIds,
    reason,
    standalone: ONLY_MARKERS.test(before),
  };
}

/** Every directive in a file's text; cheap for files that do not mention the keyword. */
export function findDirectives(file: string, text: string): SuppressionDirective[] {
  if (!/smtp-preflight-ignore/i.test(text)) return [];
  const out: SuppressionDirective[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const d = parseDirective(lines[i], file, i + 1);
    if (d) out.push(d);
  }
  return out;
}

export interface SuppressionResult {
  /** Findings that still count. */
  kept: Finding[];
  /** Findings moved out by a suppression, each with `suppression` set. */
  suppressed: Finding[];
  /** SP016 notes: no reason, suppresses nothing, or forbidden by the policy. */
  notes: Finding[];
}

function note(d: SuppressionDirective, message: string, fix: string): Finding {
  const at: Location = { file: d.file, line: d.line, column: d.column };
  return {
    ruleId: SUPPRESSION_RULE,
    severity: 'note',
    message,
    fix,
    at,
    helpUri: helpUri(SUPPRESSION_RULE),
  };
}

function written(d: SuppressionDirective, ids = d.ruleIds): string {
  return `\`${[SUPPRESSION_KEYWORD, ...ids].join(' ')}\``;
}

/**
 * Applies the `smtp-preflight-ignore` comments of the findings' files (and of `files`, so that a
 * stale comment in a file without findings is reported too). `allow(ruleId)` false means the
 * policy forbids inline suppression of that rule: the finding stays and a note says so.
 */
export function applySuppressions(
  findings: Finding[],
  textOf: (file: string) => string | undefined,
  allow: (ruleId: string) => boolean = () => true,
  files: Iterable<string> = [],
): SuppressionResult {
  const names = new Set<string>([...findings.map((f) => f.at.file), ...files]);
  const byFile = new Map<string, SuppressionDirective[]>();
  for (const file of [...names].sort()) {
    const text = textOf(file);
    const directives = text === undefined ? [] : findDirectives(file, text);
    if (directives.length > 0) byFile.set(file, directives);
  }

  const used = new Map<SuppressionDirective, Set<string>>();
  const forbidden = new Map<SuppressionDirective, Set<string>>();
  const mark = (map: typeof used, d: SuppressionDirective, id: string): void => {
    const set = map.get(d) ?? new Set<string>();
    set.add(id);
    map.set(d, set);
  };

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const id = f.ruleId.toUpperCase();
    // The finding's own line first (a trailing comment), then a comment alone on the line above.
    const directive = (byFile.get(f.at.file) ?? [])
      .filter(
        (d) =>
          d.ruleIds.includes(id) &&
          (d.line === f.at.line || (d.standalone && d.line + 1 === f.at.line)),
      )
      .sort((a, b) => b.line - a.line)[0];
    if (!directive) {
      kept.push(f);
    } else if (!allow(f.ruleId)) {
      mark(forbidden, directive, id);
      kept.push(f);
    } else {
      mark(used, directive, id);
      const suppression: NonNullable<Finding['suppression']> = {
        kind: 'inline',
        at: { file: directive.file, line: directive.line, column: directive.column },
      };
      if (directive.reason !== undefined) suppression.justification = directive.reason;
      suppressed.push({ ...f, suppression });
    }
  }

  const notes: Finding[] = [];
  for (const directives of byFile.values()) {
    for (const d of directives) {
      const usedIds = [...(used.get(d) ?? [])];
      const forbiddenIds = [...(forbidden.get(d) ?? [])];
      const stale = d.ruleIds.filter((id) => !usedIds.includes(id) && !forbiddenIds.includes(id));
      if (d.ruleIds.length === 0) {
        notes.push(
          note(
            d,
            `${written(d)} names no rule id, so it suppresses nothing.`,
            `Name the rules it is meant for: \`${SUPPRESSION_KEYWORD} SP007 -- reason\`, or remove the comment.`,
          ),
        );
        continue;
      }
      if (usedIds.length > 0 && d.reason === undefined) {
        notes.push(
          note(
            d,
            `${written(d, usedIds)} suppresses ${usedIds.join(', ')} without a reason, so reviewers cannot tell why the finding is acceptable.`,
            `Add the reason after \`--\`: \`${[SUPPRESSION_KEYWORD, ...usedIds].join(' ')} -- why this is acceptable\`.`,
          ),
        );
      }
      for (const id of forbiddenIds) {
        notes.push(
          note(
            d,
            `The policy forbids inline suppression of ${id} (\`allow-suppression: false\`), so ${written(d, [id])} has no effect and the finding still counts.`,
            `Fix the ${id} finding; only the policy's owners can exempt it (policy file or baseline).`,
          ),
        );
      }
      if (stale.length > 0) {
        const where = d.standalone ? 'on this line or the next' : 'on this line';
        notes.push(
          note(
            d,
            `${written(d, stale)} suppresses nothing: there is no ${stale.join(' or ')} finding ${where} (stale suppression).`,
            `Remove ${stale.length === 1 ? 'it' : 'these ids'} from the comment, or move the comment onto the finding's line or the line above it.`,
          ),
        );
      }
    }
  }
  return { kept, suppressed, notes };
}
