#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { statSync, promises, constants } from 'node:fs';
import path, { resolve } from 'node:path';
import { execFile } from 'node:child_process';

/**
 * Option values shared by the CLI and the Action: parsing and validation only, no I/O except the
 * existence check of the scan root. Errors thrown here are usage errors with a one-line message.
 */
const FAIL_ON_VALUES = ['error', 'warning', 'note', 'never'];
const DEFAULT_FAIL_ON = 'error';
const DEFAULT_MAX_FILE_BYTES$1 = 1024 * 1024;
/** A mistake in how the tool was called (bad option value, missing path): exit code 2. */
class UsageError extends Error {
    name = 'UsageError';
}
/** `what` names the option in messages, e.g. `--fail-on` or `input 'fail-on'`. */
function parseFailOn(value, what) {
    const v = value.trim().toLowerCase();
    if (FAIL_ON_VALUES.includes(v))
        return v;
    throw new UsageError(`invalid ${what} value '${value}' (expected one of: ${FAIL_ON_VALUES.join(', ')})`);
}
/** A positive whole number of bytes, digits only. */
function parseByteSize(value, what) {
    const v = value.trim();
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
        throw new UsageError(`invalid ${what} value '${value}' (expected a positive number of bytes)`);
    }
    return n;
}
/** Resolves the directory to scan against `cwd`; it must exist and be a directory. */
function resolveScanRoot(path, cwd) {
    const root = resolve(cwd, path);
    const stat = statSync(root, { throwIfNoEntry: false });
    if (!stat)
        throw new UsageError(`path not found: ${path}`);
    if (!stat.isDirectory())
        throw new UsageError(`not a directory: ${path}`);
    return root;
}

/** The `--format json` output and the Action's report file: the Report as is. */
function renderJson(report) {
    return JSON.stringify(report, null, 2);
}

const SEVERITIES = ['error', 'warning', 'note'];
const RANK$1 = { error: 0, warning: 1, note: 2 };
function countBySeverity(findings) {
    const counts = { error: 0, warning: 0, note: 0 };
    for (const f of findings)
        counts[f.severity] += 1;
    return counts;
}
/** `1 error`, `2 errors`, `0 notes`. */
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** `2 errors, 1 warning, 0 notes`. */
function formatCounts(counts) {
    return SEVERITIES.map((s) => plural(counts[s], s)).join(', ');
}
/** Distinct files that hold SMTP configuration or findings. */
function filesInvolved(report) {
    const files = new Set();
    for (const e of report.endpoints)
        files.add(e.at.file);
    for (const f of report.findings)
        files.add(f.at.file);
    return files.size;
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Stable reading order: file, line, column, then severity (errors first) and rule id. */
function compareFindings(a, b) {
    return (compareText(a.at.file, b.at.file) ||
        a.at.line - b.at.line ||
        (a.at.column ?? 0) - (b.at.column ?? 0) ||
        RANK$1[a.severity] - RANK$1[b.severity] ||
        compareText(a.ruleId, b.ruleId));
}

const SGR = {
    reset: '\u001b[0m',
    bold: '\u001b[1m',
    dim: '\u001b[2m',
    red: '\u001b[31m',
    yellow: '\u001b[33m',
    cyan: '\u001b[36m',
};
const SEVERITY_COLOR = {
    error: SGR.red,
    warning: SGR.yellow,
    note: SGR.cyan,
    info: SGR.cyan,
};
/** Control characters from scanned files must not reach the terminal (escape sequences). */
function clean(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
/** Continuation lines of a multi-line text line up under its first line. */
function indentRest(text, indent) {
    return clean(text).split('\n').join(`\n${indent}`);
}
function renderText(report, options) {
    const paint = (style, text) => options.color ? `${style}${text}${SGR.reset}` : text;
    const out = [];
    if (report.endpoints.length === 0 && report.findings.length === 0) {
        out.push('No SMTP configuration found.');
    }
    else if (report.findings.length === 0) {
        out.push('No findings.');
    }
    else {
        const byFile = new Map();
        for (const f of [...report.findings].sort(compareFindings)) {
            const list = byFile.get(f.at.file);
            if (list)
                list.push(f);
            else
                byFile.set(f.at.file, [f]);
        }
        const blocks = [];
        for (const [file, findings] of byFile) {
            const lines = [paint(SGR.bold, clean(file))];
            for (const f of findings) {
                lines.push(`  L${f.at.line}  ${paint(SEVERITY_COLOR[f.severity], f.severity)}  ${f.ruleId}  ${indentRest(f.message, '    ')}`);
                lines.push(paint(SGR.dim, `    fix: ${indentRest(f.fix, '         ')}`));
            }
            blocks.push(lines.join('\n'));
        }
        out.push(blocks.join('\n\n'));
    }
    if (report.endpoints.length > 0 || report.findings.length > 0) {
        let summary = `${formatCounts(countBySeverity(report.findings))} in ${plural(filesInvolved(report), 'file')}` +
            ` (${plural(report.endpoints.length, 'endpoint')})`;
        if (report.suppressed.length > 0)
            summary += `, ${report.suppressed.length} suppressed`;
        out.push(paint(SGR.bold, summary));
    }
    if (report.diagnostics.length > 0) {
        const lines = ['Diagnostics'];
        for (const d of report.diagnostics) {
            const where = d.file ? `${clean(d.file)}: ` : '';
            lines.push(`  ${paint(SEVERITY_COLOR[d.level], d.level)}  ${where}${indentRest(d.message, '    ')}`);
        }
        out.push(lines.join('\n'));
    }
    return `${out.join('\n\n')}\n`;
}

/**
 * Path helpers that work on raw bytes: file names on POSIX are bytes, not text, and a name that is
 * not valid UTF-8 must still be openable (and must never crash the scan).
 */
const SEP$1 = Buffer.from(path.sep);
/** `dir` + separator + `name`, as bytes. */
function joinBytes(dir, name) {
    if (dir.length > 0 && dir[dir.length - 1] === SEP$1[0])
        return Buffer.concat([dir, name]);
    return Buffer.concat([dir, SEP$1, name]);
}
/** True when `inner` is `outer` itself or lies below it (both real paths, as bytes). */
function isInside(outer, inner) {
    if (inner.equals(outer))
        return true;
    if (inner.length <= outer.length)
        return false;
    if (!inner.subarray(0, outer.length).equals(outer))
        return false;
    // `outer` may already end with a separator (the filesystem root).
    return outer[outer.length - 1] === SEP$1[0] || inner[outer.length] === SEP$1[0];
}
/** A relative path for reports: `/` separators, undecodable bytes shown as U+FFFD. */
function displayPath(rel) {
    const text = typeof rel === 'string' ? rel : rel.toString('utf8');
    return path.sep === '\\' ? text.replace(/\\/g, '/') : text;
}

/**
 * Listing through git: tracked files plus untracked files that are not ignored, exactly what
 * `git ls-files -z --cached --others --exclude-standard` prints when run inside `root`.
 */
/** Enough for well over 100k paths. */
const MAX_BUFFER = 512 * 1024 * 1024;
function git(root, args) {
    // The scanned root decides the repository, not the caller's environment.
    const env = { ...process.env };
    for (const name of [
        'GIT_DIR',
        'GIT_WORK_TREE',
        'GIT_INDEX_FILE',
        'GIT_OBJECT_DIRECTORY',
        'GIT_COMMON_DIR',
    ]) {
        delete env[name];
    }
    return new Promise((resolve) => {
        execFile('git', 
        // No fsmonitor: a repository's own config must not make us run its hook.
        ['-c', 'core.fsmonitor=false', ...args], { cwd: root, env, encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true }, (error, stdout, stderr) => {
            const code = error ? (error.code ?? 1) : 0;
            resolve({ code, stdout, stderr: stderr.toString('utf8') });
        });
    });
}
/** Splits NUL-terminated `-z` output into raw path byte strings. */
function splitZ(out) {
    const parts = [];
    let start = 0;
    for (let i = out.indexOf(0, start); i !== -1; i = out.indexOf(0, start)) {
        if (i > start)
            parts.push(out.subarray(start, i));
        start = i + 1;
    }
    if (start < out.length)
        parts.push(out.subarray(start));
    return parts;
}
async function listWithGit(root) {
    const [listed, deleted] = await Promise.all([
        git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']),
        git(root, ['ls-files', '-z', '--deleted']),
    ]);
    if (listed.code !== 0) {
        // git missing, or not a work tree: the caller walks the directory instead.
        if (listed.code === 'ENOENT' ||
            /not a git repository|must be run in a work tree/i.test(listed.stderr)) {
            return { ok: false };
        }
        const first = listed.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit ${String(listed.code)}`;
        return { ok: false, reason: first.trim() };
    }
    // Tracked files deleted from the work tree are not there to read: drop them silently.
    const gone = new Set(deleted.code === 0 ? splitZ(deleted.stdout).map((b) => b.toString('latin1')) : []);
    const rootBytes = Buffer.from(root);
    const seen = new Set();
    const entries = [];
    for (const rel of splitZ(listed.stdout)) {
        const key = rel.toString('latin1'); // lossless, for de-duplication (unmerged paths repeat)
        if (gone.has(key) || seen.has(key))
            continue;
        seen.add(key);
        entries.push({ path: displayPath(rel), abs: joinBytes(rootBytes, rel) });
    }
    return { ok: true, entries };
}

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

var ignore$1 = {exports: {}};

var hasRequiredIgnore;

function requireIgnore () {
	if (hasRequiredIgnore) return ignore$1.exports;
	hasRequiredIgnore = 1;
	(function (module) {
		// A simple implementation of make-array
		function makeArray (subject) {
		  return Array.isArray(subject)
		    ? subject
		    : [subject]
		}

		const UNDEFINED = undefined;
		const EMPTY = '';
		const SPACE = ' ';
		const ESCAPE = '\\';

		// The characters that carry a meaning of their own inside a regular
		//   expression, so a literal one has to be escaped before it is emitted.
		const REGEX_LITERAL_SPECIAL = /[.*+?()[\]{}^$|\\/]/;
		const BOM = '\uFEFF';
		// A run of two or more asterisks is a globstar (#175)
		const REGEX_ANCHORED_GLOBSTAR = /^\/\*{2,}$/;
		const REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/;
		const REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/;
		const REGEX_SPLITALL_CRLF = /\r?\n/g;

		// Invalid:
		// - /foo,
		// - ./foo,
		// - ../foo,
		// - .
		// - ..
		// Valid:
		// - .foo
		const DOUBLE_SLASH = '//';
		const SLASH_CODE = 47;
		const DOT_CODE = 46;


		const SLASH = '/';

		// Do not use ternary expression here, since "istanbul ignore next" is buggy
		let TMP_KEY_IGNORE = 'node-ignore';
		/* istanbul ignore else */
		if (typeof Symbol !== 'undefined') {
		  TMP_KEY_IGNORE = Symbol.for('node-ignore');
		}
		const KEY_IGNORE = TMP_KEY_IGNORE;

		const define = (object, key, value) => {
		  Object.defineProperty(object, key, {value});
		  return value
		};

		const RETURN_FALSE = () => false;

		// > The range notation, e.g. [a-zA-Z],
		// > can be used to match one of the characters in a range.
		//
		// gitignore(5) defers to fnmatch(3) for this, and git implements it in
		//   `wildmatch.c`.  A bracket expression has a sub-grammar of its own, which
		//   is neither the surrounding pattern grammar nor the JavaScript one:
		//
		//   - a `]` right after `[` or `[!` is a literal member, not the terminator
		//   - `[:alpha:]` names one of twelve POSIX classes
		//   - `\` escapes the next member, `]` included
		//   - `*`, `?` and `.` are plain literal members
		//   - an unterminated expression makes the whole pattern match nothing
		//
		// which means the expression can not be located -- let alone translated -- by
		//   a regular expression.  It is scanned out of the pattern before the
		//   replacers below run, and put back once they are done, so that neither the
		//   metacharacter escaper nor the `?` / `*` replacers ever see its body.

		// git classifies with its own ASCII-only ctype macros (`wildmatch.c`), never
		//   with the C library ones, so these must not be mapped onto `\d` / `\w` /
		//   `\s`, which are wider.  `/` is left out of every expansion, because a
		//   bracket expression never matches a path separator.
		const POSIX_CLASSES = {
		  alnum: '0-9A-Za-z',
		  alpha: 'A-Za-z',
		  blank: ' \\t',
		  cntrl: '\\x00-\\x1f\\x7f',
		  digit: '0-9',
		  graph: '!-.0-~',
		  lower: 'a-z',
		  print: ' -.0-~',
		  punct: '!-.:-@\\[-`{-~',
		  // git's `sane-ctype.h` classifies \v and \f as control, not space,
		  //   unlike C's `isspace`
		  space: ' \\t\\n\\r',
		  upper: 'A-Z',
		  xdigit: '0-9A-Fa-f'
		};

		const CLASS_MEMBERS_TO_ESCAPE = '\\]^-[';

		const escapeMember = char => CLASS_MEMBERS_TO_ESCAPE.indexOf(char) < 0
		  ? char
		  : ESCAPE + char;

		// > if (matched == negated || ((flags & WM_PATHNAME) && text_ch == '/'))
		// >   return WM_ABORT_TO_STARSTAR;                     (git, `wildmatch.c`)
		// A bracket expression never matches a path separator, whatever its members
		//   say, so a negated class gets `/` as one more excluded character, while a
		//   plain one -- where a literal member or a range could still let `/` in --
		//   is guarded with a lookahead, `/` being impossible to subtract from a
		//   JavaScript character class.
		const NON_SLASH = '(?!\\/)';

		const classSource = (negated, body) => {
		  if (negated) {
		    return `[^\\/${body}]`
		  }

		  const source = `[${body}]`;

		  return new RegExp(source).test('/')
		    ? NON_SLASH + source
		    : source
		};

		// Scan the bracket expression that starts at `pattern[start] === '['`,
		//   mirroring the member loop of git's `wildmatch.c`.
		// @returns {{end: number, source: string} | null} `null` if the expression is
		//   never terminated, which makes the whole pattern match nothing.
		const scanBracket = (pattern, start) => {
		  const {length} = pattern;
		  let index = start + 1;
		  let negated = EMPTY;

		  const lead = pattern[index];
		  if (lead === '!' || lead === '^') {
		    negated = '^';
		    index ++;
		  }

		  let body = EMPTY;

		  // The member a `-` could start a range from, or EMPTY when the previous
		  //   member can not open one (start of the body, or a range / POSIX class
		  //   that has just closed)
		  let prev = EMPTY;

		  // git scans the members with a do-while, so the first one is consumed
		  //   unconditionally.  That is the whole reason a leading `]` is a member
		  //   and not the terminator.
		  for (;;) {
		    const char = pattern[index];

		    if (char === UNDEFINED) {
		      return null
		    }

		    if (char === ESCAPE) {
		      // A pattern can not end on a lone backslash -- `createRule` has
		      //   already thrown it away -- so there is a character to read.
		      const escaped = pattern[++ index];
		      body += escapeMember(escaped);
		      prev = escaped;
		    } else if (
		      char === '-'
		      && prev
		      && index + 1 < length
		      && pattern[index + 1] !== ']'
		    ) {
		      index ++;
		      let to = pattern[index];
		      if (to === ESCAPE) {
		        to = pattern[index += 1];
		      }
		      // An out-of-order range matches nothing in git but is a syntax error in
		      //   JavaScript, so it is dropped.  Its lower bound stays: git tests it
		      //   as a plain member before it ever looks at the `-`, so `[c-a]` does
		      //   match `c`.
		      if (prev <= to) {
		        body += `-${escapeMember(to)}`;
		      }
		      prev = EMPTY;
		    } else if (char === '[' && pattern[index + 1] === ':') {
		      const nameStart = index + 2;
		      let end = nameStart;
		      while (end < length && pattern[end] !== ']') {
		        end ++;
		      }

		      if (end === length) {
		        return null
		      }

		      if (end > nameStart && pattern[end - 1] === ':') {
		        const name = pattern.slice(nameStart, end - 1);

		        // An unknown class name makes the whole pattern match nothing
		        if (!Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name)) {
		          return null
		        }

		        body += POSIX_CLASSES[name];
		        prev = EMPTY;
		        index = end;
		      } else {
		        // No `:]` to close it, so the `[` is a plain member and scanning
		        //   resumes right after it.
		        body += escapeMember('[');
		        prev = '[';
		        index = nameStart - 2;
		      }
		    } else {
		      body += escapeMember(char);
		      prev = char;
		    }

		    index ++;

		    if (pattern[index] === ']') {
		      return {
		        end: index,
		        source: classSource(negated, body)
		      }
		    }
		  }
		};

		// An empty JavaScript class can never match, which is how a pattern that git
		//   gives up on (`WM_ABORT_ALL`) is expressed here.
		const NEVER_MATCH = '[]';

		// A NUL can appear in neither a `.gitignore` line nor a path, which makes it
		//   the one safe placeholder character.  A literal one in the pattern is
		//   held aside all the same, so a collision is impossible by construction.
		const PLACEHOLDER = '\u0000';
		const REGEX_RESTORE_PLACEHOLDER = new RegExp(
		  `${PLACEHOLDER}(\\d+)${PLACEHOLDER}`, 'g'
		);

		// The one wildcard the chain does not expand for itself is a trailing `*`. How
		//   it expands depends on the mode (`regex` vs `checkRegex`), so `_make` is
		//   left to do it, and until then the pending wildcard travels as this marker.
		//   That is what keeps it apart from a user-escaped literal `\*`: the unescape
		//   steps collapse the escaped one to the exact `\*` a wildcard would leave
		//   behind, so by the time `_make` runs the two are otherwise the same string
		//   and a literal star gets wrongly rewritten into a wildcard. The marker is a
		//   private-use character, and `extractBrackets` keeps one that came out of the
		//   pattern apart from it, so the only marker `_make` ever turns back into a
		//   real wildcard is the one this chain put there itself.
		const TRAILING_WILDCARD = '\uE000';

		// A trailing "/**" is deferred the same way, because `checkRegex` has to tell
		//   it apart from a trailing "/*" (see `checkSourceOf`). For `.ignores()` it
		//   still never matches the folder itself (#21).
		const TRAILING_DOUBLESTAR = '\uE001';

		// The three characters above mean something to the chain that builds the
		//   source rather than to the path, so one that came out of the pattern is
		//   held aside like a bracket expression instead of going straight out. Being
		//   held is what makes it safe: the restore runs after the step that anchors
		//   the source, so the character comes back in the middle of the source and
		//   not at its end, which is the one place `_make` and `checkSourceOf` look
		//   for a marker. Without it a pattern's own character lands where a pending
		//   marker sits, and `_make` turns it into a real trailing wildcard.
		//
		// It is held as a one-member class rather than bare, in both of the branches
		//   a reserved character can reach, so that the property can be
		//   read off this function alone -- a reserved character never goes out on
		//   its own -- rather than depending on where in the chain the restore
		//   happens to run. In the expression built here `[x]` matches exactly what
		//   `x` matches, none of the three being special to a regular expression or
		//   inside a class, so no test can tell the two apart: the class is insurance,
		//   and the paragraph above is the reason it is not needed.
		const isReserved = char =>
		  char === PLACEHOLDER
		  || char === TRAILING_WILDCARD
		  || char === TRAILING_DOUBLESTAR;

		// Replace every bracket expression with a placeholder the replacers below
		//   leave alone, and translate it separately.
		const extractBrackets = pattern => {
		  const sources = [];
		  const hold = source =>
		    `${PLACEHOLDER}${sources.push(source) - 1}${PLACEHOLDER}`;

		  const {length} = pattern;
		  let out = EMPTY;
		  let index = 0;

		  while (index < length) {
		    const char = pattern[index];

		    if (char === ESCAPE) {
		      // > Put a backslash ("\") in front of ... a character to make it literal.
		      //                                            (gitignore(5) -> fnmatch(3))
		      // A backslash quotes the next character, whatever it is, so `\d` is a
		      //   literal `d`, not the regex digit class, and `\?` is a literal `?`,
		      //   not a wildcard. Held aside as its literal here, the escape never
		      //   reaches the replacers below, which would otherwise let `\d`, `\b`,
		      //   `\1`, `\/` keep their regular-expression meaning, and would turn a
		      //   `\?` into `[^\/]`.
		      //
		      // Three escapes are still left for the chain: `\*` (a literal star,
		      //   told apart from a wildcard by `TRAILING_WILDCARD` and the wildcard
		      //   replacers), `\[` (a literal bracket, the one `[` the bracket
		      //   replacer still expects), and `\ ` (a quoted space, which one pass
		      //   below rewrites in bulk -- holding each one aside instead costs more
		      //   on a pattern built out of them).
		      //
		      // A quoted backslash is not among them. The chain doubles every
		      //   backslash, then takes the doubling back out again, and a quoted one
		      //   standing next to a character the chain also escapes left the two
		      //   counts sharing a run, so one of the escapes was lost. Held here as
		      //   the literal it means, it never joins that run.
		      const escaped = pattern[index + 1];

		      if (escaped === SLASH && index + 2 === length) {
		        // Git removes a final directory slash before matching. An escape
		        //   without a character after that removal makes the pattern invalid.
		        out += hold(NEVER_MATCH);
		      } else if (
		        escaped === '*'
		        || escaped === '['
		        || escaped === SPACE
		      ) {
		        out += pattern.slice(index, index + 2);
		      } else {
		        out += hold(
		          REGEX_LITERAL_SPECIAL.test(escaped)
		            ? ESCAPE + escaped
		            : isReserved(escaped)
		              ? `[${escaped}]`
		              : escaped
		        );
		      }

		      index += 2;
		    } else if (isReserved(char)) {
		      out += hold(`[${char}]`);
		      index ++;
		    } else if (char === '[') {
		      const scanned = scanBracket(pattern, index);

		      if (scanned === null) {
		        // git gives up on the whole pattern (`WM_ABORT_ALL`), so whatever
		        //   follows can not make it match either.
		        out += hold(NEVER_MATCH);
		        index = length;
		      } else {
		        out += hold(scanned.source);
		        index = scanned.end + 1;
		      }
		    } else {
		      out += char;
		      index ++;
		    }
		  }

		  return {
		    source: out,
		    sources
		  }
		};

		// A step of the chain below is normally a `[matcher, replacer]` pair handed
		//   to `String.replace`. `DIRECT` marks the ones that are plain string work
		//   instead, and take `(source, pattern)`.
		//
		// Anchoring the two ends is exactly that -- a test of one character and a
		//   concatenation -- and putting it through the regular expression engine
		//   cost a third of this chain for nothing: 167ns where 10ns does the same
		//   job. The two are still steps in the same list, in the same places,
		//   because their position in the order is part of what they mean.
		const DIRECT = null;

		// A separator at the beginning or in the middle of a pattern, as opposed to
		//   one at the very end.
		const REGEX_INNER_SLASH = /\/(?!$)/;
		const WILDCARD = '[^\\/]*';

		// > If the pattern ends with a slash,
		// > it is removed for the purpose of the following description,
		// > but it would only find a match with a directory.
		// > In other words, foo/ will match a directory foo and paths underneath it,
		// > but will not match a regular file or a symbolic link foo
		// >  (this is consistent with the way how pathspec works in general in Git).
		// '`foo/`' will not match regular file '`foo`' or symbolic link '`foo`'
		// -> ignore-rules will not deal with it, because it costs extra `fs.stat` call
		//      you could use option `mark: true` with `glob`

		// '`foo/`' should not continue with the '`..`'
		// The chain that turns one gitignore pattern into a regular expression
		//   source, in order. A step is either
		//
		//   [matcher, replacer]            handed to `String.replace`
		//   [matcher, replacer, required]  the same, but skipped outright unless
		//                                    `required` appears in the string, which
		//                                    the matcher cannot match without
		//   [DIRECT, transform]            plain string work, taking (source, pattern)
		//
		// The `required` character is only ever a shortcut: finding it does not mean
		//   the matcher will match, and not finding it means it cannot. It is there
		//   because scanning for one character costs a fraction of running a matcher
		//   that then finds nothing -- for the wildcard step, whose `[^\\]+`
		//   backtracks its way through the whole string before giving up, 11ns
		//   against 400ns.
		const REPLACERS = [

		  // Replace (\ ) with ' '
		  // Only a space: an escaped tab or other whitespace is already a literal by
		  //   the time it reaches here, and a bare tab must be left as one, not turned
		  //   into a space.
		  // (\ ) -> ' '
		  // (\\ ) -> '\\ '
		  // (\\\ ) -> '\\ '
		  [
		    // A run of backslashes is taken whole, from its first one, so no match
		    //   ever starts again inside it -- `(\\+?) ` did, which made a long run
		    //   quadratic.
		    /(\\+)( ?)/g,
		    (_, run, space) => space
		      ? run.slice(0, run.length - run.length % 2) + SPACE
		      : run,
		    ESCAPE + SPACE
		  ],

		  // git's wildmatch() reads a run of two or more asterisks as one globstar
		  //   whenever the run fills a path segment: it starts the pattern or follows
		  //   a `/`, and it ends the pattern or comes before a `/`. A run of two is
		  //   already `**`; a longer one is folded into `**` here, so the steps
		  //   below only ever have to know `**`.
		  // `***/foo` -> `**/foo`, `a/***/b` -> `a/**/b`, `a/***` -> `a/**`
		  // git also takes a run beside a literal prefix (`a***/b`) or beside an
		  //   escaped slash (`***\/b`) as a globstar, and this does not; the README
		  //   lists both, under "A run of asterisks".
		  [
		    /(^|\/)\*{3,}(?=\/|$)/g,
		    (_, start) => `${start}**`,
		    '*'
		  ],

		  // Escape metacharacters
		  // which is written down by users but means special for regular expressions.

		  // > There are 12 characters with special meanings:
		  // > - the backslash \,
		  // > - the caret ^,
		  // > - the dollar sign $,
		  // > - the period or dot .,
		  // > - the vertical bar or pipe symbol |,
		  // > - the question mark ?,
		  // > - the asterisk or star *,
		  // > - the plus sign +,
		  // > - the opening parenthesis (,
		  // > - the closing parenthesis ),
		  // > - and the opening square bracket [,
		  // > - the opening curly brace {,
		  // > These special characters are often called "metacharacters".
		  [
		    /[\\$.|*+(){^]/g,
		    match => `\\${match}`
		  ],

		  [
		    // > a question mark (?) matches a single character
		    /(?!\\)\?/g,
		    () => '[^/]',
		    '?'
		  ],

		  // leading slash
		  [

		    // > A leading slash matches the beginning of the pathname.
		    // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
		    // A leading slash matches the beginning of the pathname
		    /^\//,
		    () => '^',
		    SLASH
		  ],

		  // replace special metacharacter slash after the leading slash
		  [
		    /\//g,
		    () => '\\/',
		    SLASH
		  ],

		  [
		    // > A leading "**" followed by a slash means match in all directories.
		    // > For example, "**/foo" matches file or directory "foo" anywhere,
		    // > the same as pattern "foo".
		    // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
		    // >   under directory "foo".
		    // Notice that the '*'s have been replaced as '\\*'
		    /^\^*(?:\\\*\\\*\\\/)+/,

		    // '**/foo' <-> 'foo'
		    () => '(?:^|\\/)',
		    '*'
		  ],

		  // starting
		  [
		    // there will be no leading '/'
		    //   (which has been replaced by section "leading slash")
		    // If starts with '**', adding a '^' to the regular expression also works
		    DIRECT,
		    (source, pattern) => {
		      // Nothing to anchor to, or already anchored (`^` or `(?:^|\/)`)
		      if (!source || source[0] === '^' || source[0] === '(') {
		        return source
		      }

		      // If has a slash `/` at the beginning or middle
		      const anchor = !REGEX_INNER_SLASH.test(pattern)
		        // > Prior to 2.22.1
		        // > If the pattern does not contain a slash /,
		        // >   Git treats it as a shell glob pattern
		        // Actually, if there is only a trailing slash,
		        //   git also treats it as a shell glob pattern

		        // After 2.22.1 (compatible but clearer)
		        // > If there is a separator at the beginning or middle (or both)
		        // > of the pattern, then the pattern is relative to the directory
		        // > level of the particular .gitignore file itself.
		        // > Otherwise the pattern may also match at any level below
		        // > the .gitignore level.
		        ? '(?:^|\\/)'

		        // > Otherwise, Git treats the pattern as a shell glob suitable for
		        // >   consumption by fnmatch(3)
		        : '^';

		      return anchor + source
		    }
		  ],

		  // two globstars
		  [
		    // Use lookahead assertions so that we could match more than one `'/**'`
		    /\\\/\\\*\\\*(?=\\\/|$)/g,

		    // Zero, one or several directories
		    // should not use '*', or it will be replaced by the next replacer

		    // Check if it is not the last `'/**'`
		    (_, index, str) => index + 6 < str.length

		      // case: /**/ at the end of the pattern, i.e. a trailing `'/**/'`
		      // > A trailing `"/**/"` (a trailing `"/**"` restricted to directories)
		      // >   matches everything inside, but it should not match the current
		      // >   folder itself, so it requires at least one directory segment.
		      // 'a/**/' matches 'a/b/', 'a/x/y/' but not 'a/'
		      ? str.slice(index + 6) === '\\/'
		        ? '(?:\\/[^\\/]+)+'

		        // case: /**/
		        // > A slash followed by two consecutive asterisks then a slash matches
		        // >   zero or more directories.
		        // > For example, "a/**/b" matches "a/b", "a/x/b", "a/x/y/b" and so on.
		        // '/**/'
		        : '(?:\\/[^\\/]+)*'

		      // case: /**
		      // > A trailing `"/**"` matches everything inside.

		      // #21: everything inside but it should not include the current folder,
		      //   resolved by `_make`
		      : `\\/${TRAILING_DOUBLESTAR}`,
		    '*'
		  ],

		  // normal intermediate wildcards
		  [
		    // Never replace escaped '*'
		    // ignore rule '\*' will match the path '*'

		    // 'abc.*/' -> go
		    // 'abc.*'  -> skip this rule,
		    //    coz trailing single wildcard will be handed by [trailing wildcard]
		    /(^|[^\\])(?:\\\*)+(?!$)/g,

		    // '*.js' matches '.js'
		    // '*.js' doesn't match 'abc'
		    // 1. An asterisk "*" matches anything except a slash.
		    // 2. Other consecutive asterisks are considered regular asterisks
		    //    and collapse into one non-slash wildcard run.
		    (_, p1) => p1 + WILDCARD,
		    '*'
		  ],

		  // trailing wildcard, held apart from a literal star
		  [
		    // The step above leaves a trailing `*` alone, so a single `\*` is all that
		    //   can be left at the end here, and what stands in front of it says which
		    //   kind it is. A wildcard arrives as the escaper wrote it, `\*` with
		    //   nothing before it; a literal arrives as the user's own escape, which
		    //   the escaper doubled, and then the star's own -- `\\` and then `\*`.
		    //   There is no third case: every backslash still reaching the chain is
		    //   one `\*`, `\[` or `\ ` carries itself, and each is followed by its
		    //   own character, so a longer run can never form. This runs while the
		    //   two are still distinct, before the unescape steps below collapse the
		    //   literal onto the very `\*` a wildcard leaves behind.
		    /(^|[^\\])((?:\\\\)*)\\\*$/,

		    (match, p1, p2) =>
		      p2 === EMPTY
		        // A real wildcard: carry it to `_make` as the marker, so the unescape
		        //   steps and the trailing-wildcard rewrite can never mistake it for a
		        //   literal `\*` (nor the reverse).
		        ? p1 + TRAILING_WILDCARD
		        // A literal star: leave it exactly as it stands for the unescape steps.
		        : match,
		    '*'
		  ],

		  [
		    // unescape, revert step 3 except for back slash
		    // For example, if a user escape a '\\*',
		    // after step 3, the result will be '\\\\\\*'
		    /\\\\\\(?=[$.|*+(){^])/g,
		    () => ESCAPE,
		    ESCAPE + ESCAPE
		  ],

		  [
		    // '\\\\' -> '\\'
		    /\\\\/g,
		    () => ESCAPE,
		    ESCAPE + ESCAPE
		  ],

		  [
		    // Every real bracket expression -- POSIX classes included -- has already
		    //   been held aside by `extractBrackets`, so the only `[` left in the
		    //   pattern is an escaped, literal one.

		    // A backslash could only stand at the end of the range if it quoted the
		    //   `]`, and `\]` is held aside long before this.
		    /\\\[([^\]/]*?)($|\])/g,

		    // '\\[bar]' -> '\\\\[bar]'
		    (match, range, close) => `\\[${range}${close}`,
		    '['
		  ],

		  // ending
		  [
		    // 'js' will not match 'js.'
		    // 'ab' will not match 'abc'
		    DIRECT,

		    // WTF!
		    // https://git-scm.com/docs/gitignore
		    // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
		    // which re-fixes #24, #38

		    // > If there is a separator at the end of the pattern then the pattern
		    // > will only match directories, otherwise the pattern can match both
		    // > files and directories.

		    // 'js*' will not match 'a.js'
		    // 'js/' will not match 'a.js'
		    // 'js' will match 'a.js' and 'a.js/'
		    source => {
		      const last = source[source.length - 1];

		      // The pattern is empty, or ends in a pending marker `_make` owns --
		      //   the trailing wildcard, or a trailing "/**". A trailing `*` that is
		      //   not the marker is a literal star, which anchors like any other
		      //   final character.
		      if (!last || last === TRAILING_WILDCARD || last === TRAILING_DOUBLESTAR) {
		        return source
		      }

		      return last === SLASH
		        // foo/ will not match 'foo'
		        ? `${source}$`
		        // foo matches 'foo' and 'foo/'
		        : `${source}(?=$|\\/$)`
		    }
		  ]
		];

		const REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\uE000$/;
		const MODE_IGNORE = 'regex';
		const MODE_CHECK_IGNORE = 'checkRegex';
		const UNDERSCORE = '_';

		const replaceTrailingWildcard = (_, p1) => {
		  const prefix = p1
		    // '\^':
		    // '/*' does not match EMPTY
		    // '/*' does not match everything

		    // '\\\/':
		    // 'abc/*' does not match 'abc/'
		    ? `${p1}[^/]+`

		    // 'a*' matches 'a'
		    // 'a*' matches 'aa'
		    : '[^/]*';

		  return `${prefix}(?=$|\\/$)`
		};

		const REGEX_REPLACE_TRAILING_DOUBLESTAR = /\uE001$/;

		// 'abc/**' matches everything under 'abc', but not 'abc/' itself (#21):
		//   requiring one arbitrary character (line terminators included, #176)
		//   after 'abc/' is necessary and sufficient for `.test(path)`.
		const replaceTrailingDoublestar = () => '[\\s\\S]';

		// The fixed piece between the wildcard at `at` and the next wildcard of the
		//   run: the tokens that separate them, joined as they appear in the source.
		//   A run never holds two wildcards in a row, so there is always at least one
		//   token.
		const separatorAfter = (run, at) => {
		  let separator = EMPTY;

		  for (let index = at + 1; index < run.length && !run[index].wildcard; index ++) {
		    separator += run[index].single;
		  }

		  return separator
		};

		// Where a run of non-slash wildcards is split by fixed pieces --
		//   `[^/]*ab[^/]*cd...` -- the engine has many equivalent ways to lay the
		//   input across the wildcards, and on input that does not match it works
		//   through all of them, so the time grows with the number of wildcards
		//   rather than the length of the path. Every wildcard but the last in such a
		//   run can be pinned to stop where the piece after it begins, which leaves
		//   one way to lay out the input and no rewinding, without changing which
		//   paths match: the fixed pieces still bound the count, and the last
		//   wildcard still absorbs the rest.
		//
		// A wildcard is pinned to the whole piece, never to the piece's first
		//   character. The pin leaves no way back, so a wildcard that stopped at that
		//   first character would hand over wherever the character happens to turn
		//   up, including the places the rest of the piece cannot follow -- which is
		//   how `f*o/*/*` came to miss `foo/b/c`, the first `o` of `foo` not being
		//   the one the `o/` after it needs. Every token of a piece matches exactly
		//   one character, so the first place the whole piece fits is the leftmost
		//   place it can sit, and whatever is left over goes to the wildcards that
		//   follow.
		//
		// The source is read one token at a time -- a wildcard, a single-character
		//   piece (a literal, an escape, a class), or a parenthesised group or anchor
		//   that ends the run -- so only a genuine wildcard is touched.
		const pinWildcards = source => {
		  if (source.indexOf(WILDCARD) < 0) {
		    return source
		  }

		  const tokens = [];
		  const {length} = source;
		  let index = 0;

		  while (index < length) {
		    const char = source[index];

		    if (source.startsWith(WILDCARD, index)) {
		      tokens.push({wildcard: true});
		      index += WILDCARD.length;
		    } else if (char === '[') {
		      let end = index + 1;

		      if (source[end] === '^') {
		        end ++;
		      }

		      if (source[end] === ']') {
		        end ++;
		      }

		      while (end < length && source[end] !== ']') {
		        end += source[end] === ESCAPE
		          ? 2
		          : 1;
		      }

		      end ++;
		      tokens.push({single: source.slice(index, end)});
		      index = end;
		    } else if (char === ESCAPE) {
		      tokens.push({single: source.slice(index, index + 2)});
		      index += 2;
		    } else if (char === '(') {
		      let depth = 0;
		      let end = index;

		      do {
		        if (source[end] === ESCAPE) {
		          end ++;
		        } else if (source[end] === '(') {
		          depth ++;
		        } else if (source[end] === ')') {
		          depth --;
		        }

		        end ++;
		      } while (end < length && depth > 0)

		      if ('*+?'.indexOf(source[end]) >= 0) {
		        end ++;
		      }

		      tokens.push({boundary: source.slice(index, end)});
		      index = end;
		    } else if (char === '^' || char === '$') {
		      tokens.push({boundary: char});
		      index ++;
		    } else {
		      tokens.push({single: char});
		      index ++;
		    }
		  }

		  let out = EMPTY;
		  let run = [];

		  const flush = () => {
		    let lastWildcard;

		    run.forEach((token, at) => {
		      if (token.wildcard) {
		        lastWildcard = at;
		      }
		    });

		    run.forEach((token, at) => {
		      if (!token.wildcard) {
		        out += token.single;
		        return
		      }

		      // Every wildcard but the last is pinned to the whole piece that
		      //   follows it, for the reason set out above this function. The last
		      //   one stays as it is and takes up the rest.
		      out += at === lastWildcard
		        ? WILDCARD
		        : `(?:(?!${separatorAfter(run, at)})[^\\/])*`;
		    });

		    run = [];
		  };

		  tokens.forEach(token => {
		    if (token.boundary === undefined) {
		      run.push(token);
		      return
		    }

		    flush();
		    out += token.boundary;
		  });

		  flush();

		  return out
		};

		// @param {pattern}
		const makeRegexPrefix = pattern => {
		  // `/**` matches every path, as `**` does. The translation below only finds
		  //   a globstar beside a slash it keeps, and the leading one is turned into
		  //   an anchor, so `/**` would come out as `/*` and match one level only.
		  //   Here rather than in `createRule`, so that `checkSourceOf`, which
		  //   compiles `/**/` again without its trailing slash, gets it too.
		  if (REGEX_ANCHORED_GLOBSTAR.test(pattern)) {
		    pattern = '**';
		  }

		  const {source, sources} = extractBrackets(pattern);

		  const replaced = REPLACERS.reduce(
		    // A pass whose matcher finds nothing hands back the very string it was
		    //   given, so asking first costs a search and saves a rewrite. Ten of the
		    //   fifteen passes never fire for a typical .gitignore line, and between
		    //   them they were 45% of this chain.
		    (prev, [matcher, replacer, required]) => {
		      if (matcher === DIRECT) {
		        return replacer(prev, pattern)
		      }

		      if (required !== UNDEFINED && prev.indexOf(required) < 0) {
		        return prev
		      }

		      // A pass whose matcher finds nothing hands back the very string it was
		      //   given, so asking first costs a search and saves a rewrite.
		      return matcher.test(prev)
		        ? prev.replace(matcher, replacer.bind(pattern))
		        : prev
		    },
		    source
		  );

		  // Most patterns hold no bracket expression at all, and then there is
		  //   nothing to put back.
		  return sources.length
		    ? replaced.replace(
		      REGEX_RESTORE_PLACEHOLDER,
		      (match, index) => sources[index]
		    )
		    : replaced
		};

		// `checkRegex` tests a path with a trailing slash, 'abc/', the way
		//   `git check-ignore` matches that literal string once the directory itself
		//   is known not to be excluded (see `checkIgnore`): a trailing '/' of the
		//   pattern is dropped, a basename pattern sees an empty basename, and only a
		//   pattern whose last segment is a pending wildcard can match what is left
		//   after the final slash -- 'abc/*' and 'abc/**' match 'abc/', and 'abc/**'
		//   also matches 'abc/d/' (#77, #169).
		const checkSourceOf = (body, prefix) => {
		  if (body[body.length - 1] === SLASH) {
		    prefix = makeRegexPrefix(body.slice(0, -1));
		  }

		  const head = prefix.slice(0, -1);
		  const last = prefix[prefix.length - 1];

		  return last === TRAILING_WILDCARD
		    ? `${head}$`
		    : last === TRAILING_DOUBLESTAR
		      ? head
		      : NEVER_MATCH
		};

		// A trailing slash does not stop a pattern being basename-only: it restricts
		//   the match to a directory, it does not let the pattern reach across one.
		//   Everything else a pattern can hold -- a wildcard, a character class, an
		//   escape -- stays inside a single path segment too, so a pattern with no
		//   separator in it can only ever describe the last one.
		const matchesBasename = body => {
		  const index = body.indexOf(SLASH);

		  return index < 0 || index === body.length - 1
		};

		// The last segment of a path, keeping a trailing slash, because a pattern that
		//   ends in one matches only a directory.
		// 'a/b/c.js' -> 'c.js';  'a/b/' -> 'b/';  'c.js' -> 'c.js' (no copy made)
		const basenameOf = path => {
		  const end = path.length - 1;

		  const index = path.lastIndexOf(
		    SLASH,
		    path[end] === SLASH
		      ? end - 1
		      : end
		  );

		  return index < 0
		    ? path
		    : path.slice(index + 1)
		};

		// The parent directory of a path, with its trailing separator, or EMPTY when
		//   the path has none.
		// 'a/b/c' -> 'a/b/';  'a/b/' -> 'a/';  'a' -> EMPTY;  'a/' -> EMPTY
		//
		// A path holding an empty segment has to be taken apart, because its
		//   ancestors are not prefixes of it: the parent of 'a//b' is 'a/', not
		//   'a//', and the parent of '/a/' is nothing at all. Both shapes reach here
		//   -- 'a//b' is accepted outright, and `checkIgnore` does not put the path
		//   it is given through the relative-path check.
		//
		// Every other path is a prefix of itself, and cutting one costs a fraction of
		//   splitting it into an array and joining that back at every level: 73ns
		//   against 207ns.
		const parentOf = path => {
		  if (
		    path.charCodeAt(0) === SLASH_CODE
		    || path.indexOf(DOUBLE_SLASH) >= 0
		  ) {
		    const slices = path.split(SLASH).filter(Boolean);

		    slices.pop();

		    return slices.length
		      ? slices.join(SLASH) + SLASH
		      : EMPTY
		  }

		  const end = path.length - 1;

		  // Look back from before a trailing separator, since that one belongs to the
		  //   path itself.
		  //
		  // A negative place to start would be a trap here: `lastIndexOf` clamps one
		  //   to 0 and searches there rather than reporting no match, so '/' would
		  //   come back as its own parent and the walk would never end. It cannot
		  //   happen -- that is the only path short enough to produce one, and the
		  //   test above has already sent it the other way.
		  const cut = path.lastIndexOf(
		    SLASH,
		    path.charCodeAt(end) === SLASH_CODE
		      ? end - 1
		      : end
		  );

		  return cut < 0
		    ? EMPTY
		    : path.slice(0, cut + 1)
		};

		const isString = subject => typeof subject === 'string';

		// Blank lines, comments and trailing lone backslashes are told by
		//   `createRule`, once the pattern is normalized.
		const checkPattern = pattern => pattern
		  && isString(pattern);

		// Git drops one CR before each LF, and one at the end of a final line that
		//   has no LF after it.
		const splitPattern = pattern => (
		  pattern[pattern.length - 1] === '\r'
		    ? pattern.slice(0, -1)
		    : pattern
		)
		.split(REGEX_SPLITALL_CRLF)
		.filter(Boolean);

		class IgnoreRule {
		  constructor (
		    pattern,
		    mark,
		    body,
		    ignoreCase,
		    negative,
		    prefix
		  ) {
		    this.pattern = pattern;
		    this.mark = mark;
		    this.negative = negative;

		    define(this, 'body', body);
		    define(this, 'ignoreCase', ignoreCase);
		    define(this, 'regexPrefix', prefix);
		  }

		  // Worked out on first use and kept behind an own property, the way `regex`
		  //   caches itself in `_regex`. Deciding it in the constructor instead would
		  //   add a fourth `defineProperty` to every rule ever built, which cost 4% of
		  //   every compile -- including the compiles of rules that are never matched
		  //   against anything.
		  get _basenameOnly () {
		    return define(this, '_basenameOnly', matchesBasename(this.body))
		  }

		  get regex () {
		    const key = UNDERSCORE + MODE_IGNORE;

		    if (this[key]) {
		      return this[key]
		    }

		    return this._make(MODE_IGNORE, key)
		  }

		  get checkRegex () {
		    const key = UNDERSCORE + MODE_CHECK_IGNORE;

		    if (this[key]) {
		      return this[key]
		    }

		    return this._make(MODE_CHECK_IGNORE, key)
		  }

		  _make (mode, key) {
		    const str = pinWildcards(
		      mode === MODE_IGNORE
		        ? this.regexPrefix
		        .replace(REGEX_REPLACE_TRAILING_WILDCARD, replaceTrailingWildcard)
		        .replace(REGEX_REPLACE_TRAILING_DOUBLESTAR, replaceTrailingDoublestar)
		        : checkSourceOf(this.body, this.regexPrefix)
		    );

		    const regex = this.ignoreCase
		      ? new RegExp(str, 'i')
		      : new RegExp(str);

		    return define(this, key, regex)
		  }
		}

		const hasTrailingBackslash = str => {
		  let count = 0;

		  while (str[str.length - count - 1] === ESCAPE) {
		    count ++;
		  }

		  return count % 2 === 1
		};

		// Read a line the way git does: when `stripLineEnd` is set (an unsplit array
		//   or object pattern), drop any trailing blank lines along with the LF
		//   before each and at most one CR at the end of the line; then trim trailing
		//   spaces in the same backward pass. Git trims spaces only, and a space
		//   escaped by an odd run of backslashes stays, unescaped, as the last one.
		// Scanned from the end: a regular expression can only try each start in
		//   turn, which is quadratic over a long run of spaces or backslashes.
		// 'a  ' -> 'a';  'a\ ' -> 'a ';  'a\\ ' -> 'a\\';  'a\t' -> 'a\t'
		// 'a\r\n' -> 'a';  'a\r\r' -> 'a\r';  'a\n\r' -> 'a'
		const trimEnd = (body, stripLineEnd) => {
		  let lineEnd = body.length;
		  let end;

		  for (;;) {
		    if (stripLineEnd && body[lineEnd - 1] === '\r') {
		      lineEnd --;
		    }

		    end = lineEnd;

		    while (body[end - 1] === SPACE) {
		      end --;
		    }

		    if (!stripLineEnd || body[end - 1] !== '\n') {
		      break
		    }

		    lineEnd = end - 1;
		  }

		  if (end === lineEnd) {
		    return body.slice(0, lineEnd)
		  }

		  let backslashes = 0;

		  while (body[end - backslashes - 1] === ESCAPE) {
		    backslashes ++;
		  }

		  return backslashes % 2
		    ? body.slice(0, end - 1) + SPACE
		    : body.slice(0, end)
		};

		const createRule = (
		  pattern,
		  mark,
		  ignoreCase,
		  stripLineEnd,
		  stripBOM
		) => {
		  // Git drops a BOM before it reads the first line, so before anything else.
		  let body = stripBOM && pattern[0] === BOM
		    ? pattern.slice(1)
		    : pattern;

		  // > A line starting with # serves as a comment.
		  if (body[0] === '#') {
		    return
		  }

		  let negative = false;

		  // > An optional prefix "!" which negates the pattern;
		  if (body[0] === '!') {
		    negative = true;
		    body = body.slice(1);
		  }

		  // Normalize the body before checking which slashes anchor the pattern.
		  //   Otherwise `bar/ ` is mistaken for a pattern containing an inner slash.
		  //   A line from `splitPattern` has already lost its line ending, so only a
		  //   trailing space remains to trim there.
		  const last = body[body.length - 1];

		  if (
		    last === SPACE
		    || stripLineEnd && (last === '\r' || last === '\n')
		  ) {
		    body = trimEnd(body, stripLineEnd);
		  }

		  // > A blank line matches no files, so it can serve as a separator for
		  // >   readability.
		  // Nor does a lone "!", a pattern ending on an unpaired backslash, or
		  //   anything else left empty here: an empty pattern would compile to a
		  //   regex matching every path.
		  if (!body || hasTrailingBackslash(body)) {
		    return
		  }

		  body = body
		  // > Put a backslash ("\") in front of the first "!" for patterns that
		  // >   begin with a literal "!", for example, `"\!important!.txt"`.
		  .replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, '!')
		  // > Put a backslash ("\") in front of the first hash for patterns that
		  // >   begin with a hash.
		  .replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, '#');

		  const regexPrefix = makeRegexPrefix(body);

		  return new IgnoreRule(
		    pattern,
		    mark,
		    body,
		    ignoreCase,
		    negative,
		    regexPrefix
		  )
		};

		class RuleManager {
		  constructor (ignoreCase) {
		    this._ignoreCase = ignoreCase;
		    this._rules = [];

		    // How many of the rules git would tag `EXC_FLAG_NODIR`.
		    //
		    // The scan uses it to decide, once for the whole set, whether handing
		    //   those rules the basename is worth what it costs the others. The
		    //   shortcut saves a full-path scan on every rule it applies to and costs
		    //   a check on every rule it does not, so a set where almost nothing is
		    //   basename-only comes out behind -- a 955 pattern set with 44 of them
		    //   measured 19% slower with the shortcut always on.
		    //
		    // Deciding this by measurement rather than by meaning is safe: a
		    //   basename-only pattern gives the very same answer against the whole
		    //   path, it just takes longer to say so. The choice can only change how
		    //   fast the scan runs, never what it returns.
		    this._basenameCount = 0;
		  }

		  _add (pattern, index) {
		    // #32
		    if (pattern && pattern[KEY_IGNORE]) {
		      this._rules = this._rules.concat(pattern._rules._rules);
		      this._basenameCount += pattern._rules._basenameCount;
		      this._added = true;
		      return
		    }

		    const isStr = isString(pattern);
		    const raw = isStr
		      ? pattern
		      : pattern.pattern;

		    const rule = checkPattern(raw)
		      && createRule(
		        raw,
		        isStr ? UNDEFINED : pattern.mark,
		        this._ignoreCase,
		        !this._split,
		        this._stripBOM && !index
		      );

		    if (rule) {
		      this._added = true;
		      this._rules.push(rule);

		      // Deliberately not `rule._basenameOnly`: reading that would materialise
		      //   the rule's own copy, and the whole point of leaving it lazy is that
		      //   a rule which is compiled and never matched never pays for it.
		      if (matchesBasename(rule.body)) {
		        this._basenameCount ++;
		      }
		    }
		  }

		  // @param {Array<string> | string | Ignore} pattern
		  add (pattern) {
		    this._added = false;
		    this._split = isString(pattern);
		    this._stripBOM = !this._split || pattern[0] === BOM;

		    makeArray(
		      this._split
		        ? splitPattern(pattern)
		        : pattern
		    ).forEach(this._add, this);

		    if (this._added) {
		      this._literalRules = UNDEFINED;
		    }

		    return this._added
		  }

		  // Match the literal 'abc/' for `checkIgnore`, last rule wins. Only a rule
		  //   ending in a wildcard can match it (see `checkSourceOf`), so the rest
		  //   are left out once, rather than tested or compiled for every path.
		  testLiteral (path) {
		    const rules = this._literalRules || (
		      this._literalRules = this._rules.filter(
		        ({body}) => body[body.length - (
		          body[body.length - 1] === SLASH ? 2 : 1
		        )] === '*'
		      )
		    );

		    let ignored = false;
		    let unignored = false;
		    let matchedRule;

		    for (let index = rules.length - 1; index >= 0; index --) {
		      const rule = rules[index];

		      if (rule.checkRegex.test(path)) {
		        ignored = !rule.negative;
		        unignored = rule.negative;
		        matchedRule = rule.negative
		          ? UNDEFINED
		          : rule;
		        break
		      }
		    }

		    const ret = {
		      ignored,
		      unignored
		    };

		    if (matchedRule) {
		      ret.rule = matchedRule;
		    }

		    return ret
		  }

		  // Test one single path without recursively checking parent directories
		  //
		  // - mode `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`

		  // @returns {TestResult}
		  test (path, mode) {
		    // Most of a .gitignore is patterns with no slash in them, and running
		    //   those against the whole path makes the regular expression engine walk
		    //   every directory name on the way to the only segment that could match.
		    //   Handing them the basename instead is what git does, and it is where
		    //   the time in a directory walk goes: the rule scan was two thirds of it.
		    const rules = this._rules;
		    const {length} = rules;

		    const shortcut = this._basenameCount * 2 >= length;

		    const basename = shortcut
		      ? basenameOf(path)
		      : path;

		    // The last rule to match decides, as in git, and it is the rule
		    //   `git check-ignore -v` reports, so the scan runs from the end and stops
		    //   at the first match.
		    // A plain loop rather than `forEach`, so that `path`, `basename` and
		    //   `shortcut` are locals. As a callback they became closure variables,
		    //   and reaching for one of those once per rule cost 10% of a scan over a
		    //   large rule set -- more than the shortcut they were there to serve.
		    for (let index = length - 1; index >= 0; index --) {
		      const rule = rules[index];

		      if (rule[mode].test(
		        shortcut && rule._basenameOnly
		          ? basename
		          : path
		      )) {
		        const {negative} = rule;

		        const ret = {
		          ignored: !negative,
		          unignored: negative
		        };

		        if (!negative) {
		          ret.rule = rule;
		        }

		        return ret
		      }
		    }

		    return {
		      ignored: false,
		      unignored: false
		    }
		  }
		}

		const throwError = (message, Ctor) => {
		  throw new Ctor(message)
		};

		const checkPath = (path, originalPath, doThrow) => {
		  if (!isString(path)) {
		    return doThrow(
		      `path must be a string, but got \`${originalPath}\``,
		      TypeError
		    )
		  }

		  // We don't know if we should ignore EMPTY, so throw
		  if (!path) {
		    return doThrow(`path must not be empty`, TypeError)
		  }

		  // Check if it is a relative path
		  if (checkPath.isNotRelative(path)) {
		    const r = '`path.relative()`d';
		    return doThrow(
		      `path should be a ${r} string, but got "${originalPath}"`,
		      RangeError
		    )
		  }

		  return true
		};

		// > pathname should be a `path.relative()`d one
		//
		// The same thing `REGEX_TEST_INVALID_PATH` says, spelled out: a path is not
		//   relative if it begins with a separator, or with `./` or `../`, or is
		//   nothing but `.` or `..`. Every match is decided by the first three
		//   characters, and this runs on every path handed to the library -- where it
		//   was 55% of a cached lookup, more than the cache lookup itself.
		const isNotRelative = path => {
		  const first = path.charCodeAt(0);

		  if (first === SLASH_CODE) {
		    return true
		  }

		  if (first !== DOT_CODE) {
		    return false
		  }

		  // '.'
		  if (path.length === 1) {
		    return true
		  }

		  const second = path.charCodeAt(1);

		  // './'
		  if (second === SLASH_CODE) {
		    return true
		  }

		  if (second !== DOT_CODE) {
		    return false
		  }

		  // '..' or '../'
		  return path.length === 2 || path.charCodeAt(2) === SLASH_CODE
		};

		checkPath.isNotRelative = isNotRelative;

		// On windows, the following function will be replaced
		/* istanbul ignore next */
		checkPath.convert = p => p;


		const convertPath = target =>
		  isString(target) && checkPath.convert(target);


		class Ignore {
		  constructor ({
		    ignorecase = true,
		    ignoreCase = ignorecase,
		    allowRelativePaths = false
		  } = {}) {
		    define(this, KEY_IGNORE, true);

		    this._rules = new RuleManager(ignoreCase);
		    this._strictPathCheck = !allowRelativePaths;
		    this._initCache();
		  }

		  _initCache () {
		    // A cache for the result of `.ignores()`
		    this._ignoreCache = Object.create(null);

		    // A cache for the result of `.test()`
		    this._testCache = Object.create(null);
		  }

		  add (pattern) {
		    if (this._rules.add(pattern)) {
		      // Some rules have just added to the ignore,
		      //   making the behavior changed,
		      //   so we need to re-initialize the result cache
		      this._initCache();
		    }

		    return this
		  }

		  // legacy
		  addPattern (pattern) {
		    return this.add(pattern)
		  }

		  // @returns {TestResult}
		  _test (originalPath, cache, path) {
		    checkPath(
		      path,
		      originalPath,
		      this._strictPathCheck
		        ? throwError
		        : RETURN_FALSE
		    );

		    return path
		      ? this._t(path, cache)
		      : {
		        ignored: false,
		        unignored: false
		      }
		  }

		  checkIgnore (target) {
		    // A Windows path is converted first, so that a directory given with a
		    //   trailing separator, `\` or `/`, is told the same way
		    const path = convertPath(target);

		    // If the path does not end with a slash, `.ignores()` is much equivalent
		    //   to `git check-ignore`
		    if (!path || path.charCodeAt(path.length - 1) !== SLASH_CODE) {
		      return this._test(target, this._testCache, path)
		    }

		    // Like `git check-ignore`: a directory excluded by itself or by an
		    //   ancestor settles it, and only then is the literal 'abc/' matched
		    //   against the rules (see `checkSourceOf`).
		    const dir = this._t(path, this._testCache);

		    if (dir.ignored) {
		      return dir
		    }

		    const literal = this._rules.testLiteral(path);

		    return literal.ignored || literal.unignored
		      ? literal
		      : dir
		  }

		  _t (
		    // The path to be tested
		    path,

		    // The cache for the result of a certain checking
		    cache
		  ) {
		    // Every cached result is an object, so one read both tells a hit and
		    //   fetches it, where `in` and then a read hashed the path twice.
		    const cached = cache[path];

		    if (cached) {
		      return cached
		    }

		    const parentPath = parentOf(path);

		    // If the path contains a parent directory, check the parent first
		    const parent = parentPath
		      ? this._t(parentPath, cache)
		      : UNDEFINED;

		    return cache[path] = parent && parent.ignored
		      // > It is not possible to re-include a file if a parent directory of
		      // >   that file is excluded.
		      ? parent
		      : this._rules.test(path, MODE_IGNORE)
		  }

		  ignores (path) {
		    return this._test(path, this._ignoreCache, convertPath(path)).ignored
		  }

		  createFilter () {
		    return path => !this.ignores(path)
		  }

		  filter (paths) {
		    return makeArray(paths).filter(this.createFilter())
		  }

		  // @returns {TestResult}
		  test (path) {
		    return this._test(path, this._testCache, convertPath(path))
		  }
		}

		const factory = options => new Ignore(options);

		const isPathValid = path =>
		  checkPath(convertPath(path), path, RETURN_FALSE);

		/* istanbul ignore next */
		const setupWindows = () => {
		  /* eslint no-control-regex: "off" */
		  const makePosix = str => /^\\\\\?\\/.test(str)
		  || /["<>|\u0000-\u001F]+/u.test(str)
		    ? str
		    : str.replace(/\\/g, '/');

		  checkPath.convert = makePosix;

		  // 'C:\\foo'     <- 'C:\\foo' has been converted to 'C:/'
		  // 'd:\\foo'
		  const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i;
		  checkPath.isNotRelative = path =>
		    REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path)
		    || isNotRelative(path);
		};


		// Windows
		// --------------------------------------------------------------
		/* istanbul ignore next */
		if (
		  // Detect `process` so that it can run in browsers.
		  typeof process !== 'undefined'
		  && process.platform === 'win32'
		) {
		  setupWindows();
		}

		// COMMONJS_EXPORTS ////////////////////////////////////////////////////////////

		module.exports = factory;

		// Although it is an anti-pattern,
		//   it is still widely misused by a lot of libraries in github
		// Ref: https://github.com/search?q=ignore.default%28%29&type=code
		factory.default = factory;

		module.exports.isPathValid = isPathValid;

		// For testing purposes
		define(module.exports, Symbol.for('setupWindows'), setupWindows); 
	} (ignore$1));
	return ignore$1.exports;
}

var ignoreExports = requireIgnore();
var ignore = /*@__PURE__*/getDefaultExportFromCjs(ignoreExports);

/** Bounded concurrency: run `fn` over `items` with at most `limit` calls in flight; keeps order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    await Promise.all(workers);
    return results;
}
/** A counting semaphore, for recursive work where `mapLimit` does not fit (the directory walk). */
function semaphore(limit) {
    let active = 0;
    const waiting = [];
    return async (fn) => {
        if (active >= limit)
            await new Promise((resolve) => waiting.push(resolve));
        active++;
        try {
            return await fn();
        }
        finally {
            active--;
            waiting.shift()?.();
        }
    };
}

/**
 * Listing without git: walk the directory, honouring `.gitignore` files at every level and always
 * skipping `.git/` and `node_modules/`. Symlinks are listed (the reader decides whether they may be
 * read) but never descended, so a symlink loop cannot trap the walk.
 */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const MAX_GITIGNORE_BYTES = 1024 * 1024;
/** Git's rule: the deepest `.gitignore` with a matching pattern decides. */
function isIgnored(stack, rel, isDir) {
    for (let i = stack.length - 1; i >= 0; i--) {
        const { base, ig } = stack[i];
        const sub = rel.slice(base.length) + (isDir ? '/' : '');
        try {
            const result = ig.test(sub);
            if (result.ignored)
                return true;
            if (result.unignored)
                return false;
        }
        catch {
            // A name the ignore package cannot parse as a path: no rule applies.
        }
    }
    return false;
}
function parseGitignore(text) {
    // Git matches case-sensitively except on the case-insensitive filesystems it detects.
    const ignorecase = process.platform === 'win32' || process.platform === 'darwin';
    return ignore({ ignorecase }).add(text);
}
async function listByWalking(root, concurrency = 32) {
    const entries = [];
    const diagnostics = [];
    const limit = semaphore(concurrency);
    const walk = async (abs, rel, inherited) => {
        let dirents;
        try {
            dirents = await limit(() => promises.readdir(abs, { withFileTypes: true, encoding: 'buffer' }));
        }
        catch (error) {
            const code = error.code ?? 'error';
            if (code !== 'ENOENT' && code !== 'ENOTDIR') {
                diagnostics.push({
                    level: 'warning',
                    file: rel.replace(/\/$/, '') || '.',
                    message: `directory not listed (${code})`,
                });
            }
            return;
        }
        let stack = inherited;
        const gitignore = dirents.find((d) => d.isFile() && d.name.toString('latin1') === '.gitignore');
        if (gitignore) {
            const text = await limit(() => readSmallText(joinBytes(abs, gitignore.name)));
            if (text !== undefined)
                stack = [...inherited, { base: rel, ig: parseGitignore(text) }];
        }
        const subdirs = [];
        for (const d of dirents) {
            const name = displayPath(d.name);
            if (ALWAYS_SKIPPED.has(name))
                continue;
            const childRel = rel + name;
            const childAbs = joinBytes(abs, d.name);
            if (d.isDirectory()) {
                if (!isIgnored(stack, childRel, true))
                    subdirs.push(walk(childAbs, childRel + '/', stack));
            }
            else if (d.isFile() || d.isSymbolicLink()) {
                if (!isIgnored(stack, childRel, false))
                    entries.push({ path: childRel, abs: childAbs });
            }
            // Sockets, FIFOs, devices: nothing to read.
        }
        await Promise.all(subdirs);
    };
    await walk(Buffer.from(root), '', []);
    return { entries, diagnostics };
}
async function readSmallText(abs) {
    try {
        const stat = await promises.stat(abs);
        if (!stat.isFile() || stat.size > MAX_GITIGNORE_BYTES)
            return undefined;
        return await promises.readFile(abs, 'utf8');
    }
    catch {
        return undefined;
    }
}

/** Which files exist: git's view of the tree when there is one, a `.gitignore`-aware walk otherwise. */
async function listFiles(root) {
    const viaGit = await listWithGit(root);
    if (viaGit.ok && viaGit.entries.length > 0)
        return { mode: 'git', entries: viaGit.entries, diagnostics: [] };
    const walked = await listByWalking(root);
    const diagnostics = [];
    if (!viaGit.ok && viaGit.reason) {
        diagnostics.push({
            level: 'info',
            message: `git could not list the files (${viaGit.reason}); walked the directory and honoured .gitignore files instead`,
        });
    }
    else if (viaGit.ok && walked.entries.length > 0) {
        // The root is inside a work tree but git ignores all of it (a build or vendored directory that
        // was asked for explicitly): scan it anyway, by its own .gitignore files.
        diagnostics.push({
            level: 'info',
            message: 'git lists no files in this directory (it is ignored); walked it and honoured its own .gitignore files instead',
        });
    }
    return {
        mode: 'walk',
        entries: walked.entries,
        diagnostics: [...diagnostics, ...walked.diagnostics],
    };
}

/**
 * The two cheap filters that decide which files are worth reading and which are worth extracting:
 * a filename test before any I/O, and one regular expression over the decoded text.
 */
/** Final extensions of the formats and languages the extract stage reads. */
const EXTENSIONS = new Set([
    // configuration formats
    'env',
    'yml',
    'yaml',
    'json',
    'jsonc',
    'json5',
    'properties',
    'ini',
    'cfg',
    'conf',
    'toml',
    // code, for the code readers
    'js',
    'mjs',
    'cjs',
    'ts',
    'mts',
    'cts',
    'jsx',
    'tsx',
    'py',
    'rb',
    'php',
    'go',
    'cs',
]);
/** Suffixes that make a template or sample of a config file: `config.yml.tpl`, `.env.example`. */
const TEMPLATE_SUFFIXES = new Set([
    'tpl',
    'tmpl',
    'j2',
    'jinja',
    'jinja2',
    'erb',
    'template',
    'example',
    'sample',
    'dist',
    'default',
]);
/** Generated files that mention every package name under the sun but configure nothing. */
const EXCLUDED_NAMES = new Set([
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lock',
    'deno.lock',
    'composer.lock',
    'gemfile.lock',
    'poetry.lock',
    'pipfile.lock',
    'cargo.lock',
    'go.sum',
    '.pnp.cjs',
    '.pnp.loader.mjs',
]);
/** Directories whose contents are third-party or generated (`.yarn/` holds vendored Yarn releases). */
const EXCLUDED_DIRS = new Set(['node_modules', 'vendor', 'bower_components', '.git', '.yarn']);
const MINIFIED = /\.min\.(?:js|mjs|cjs|json)$/;
function isDotenvName(name, stripped, hadSuffix) {
    if (name === '.env' || name.startsWith('.env.'))
        return true; // .env, .env.production.sample
    if (stripped.endsWith('.env'))
        return true; // prod.env, app.env.sample
    return hadSuffix && stripped === 'env'; // env.template, env.example
}
function isContainerfileName(name) {
    return (/^(?:dockerfile|containerfile)(?:[.-].*)?$/.test(name) || // Dockerfile, Dockerfile.prod, Dockerfile-dev
        name.endsWith('.dockerfile') ||
        name.endsWith('.containerfile'));
}
/**
 * The cheap filename prefilter: true when a file's name says it may hold SMTP configuration (or is
 * code the code readers look at). `relPath` is relative to the scanned root; `/` or `\` separated.
 */
function isCandidateName(relPath) {
    const segments = relPath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
    const name = segments.pop()?.toLowerCase();
    if (!name)
        return false;
    if (segments.some((dir) => EXCLUDED_DIRS.has(dir.toLowerCase())))
        return false;
    if (EXCLUDED_NAMES.has(name))
        return false;
    // Peel template suffixes: `config.yml.example.tpl` → `config.yml`.
    let stripped = name;
    let hadSuffix = false;
    for (;;) {
        const dot = stripped.lastIndexOf('.');
        if (dot <= 0 || !TEMPLATE_SUFFIXES.has(stripped.slice(dot + 1)))
            break;
        stripped = stripped.slice(0, dot);
        hadSuffix = true;
    }
    if (isDotenvName(name, stripped, hadSuffix))
        return true;
    if (isContainerfileName(name))
        return true;
    if (EXCLUDED_NAMES.has(stripped) || MINIFIED.test(stripped))
        return false;
    const dot = stripped.lastIndexOf('.');
    if (dot < 0 || dot === stripped.length - 1)
        return false;
    return EXTENSIONS.has(stripped.slice(dot + 1));
}
/** Every SMTP configuration says `smtp` or `mail` somewhere (MAIL_HOST, spring.mail, smtp_address...). */
const CONTENT = /smtp|mail/i;
/** The content prefilter: one regular expression test over the decoded text. */
function mentionsMail(text) {
    return CONTENT.test(text);
}

/**
 * Bytes to text: UTF-8 (BOM stripped), or UTF-16 LE/BE when a BOM says so. Anything else that holds
 * a NUL byte early is binary; anything that is not valid UTF-8 is refused rather than guessed at.
 */
/** How much of the start of a file is searched for a NUL byte. */
const BINARY_SNIFF_BYTES = 8 * 1024;
// `fatal` makes invalid input throw; the default `ignoreBOM: false` strips a leading BOM.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
function tryDecode(decoder, bytes, name) {
    try {
        return { ok: true, text: decoder.decode(bytes) };
    }
    catch {
        return { ok: false, reason: `not valid ${name}` };
    }
}
function decode$1(bytes) {
    const [b0, b1, b2, b3] = bytes;
    if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
        (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
        return { ok: false, reason: 'UTF-32 text is not supported' };
    }
    if (b0 === 0xff && b1 === 0xfe)
        return tryDecode(utf16le, bytes, 'UTF-16LE');
    if (b0 === 0xfe && b1 === 0xff) {
        // Swap to little-endian on a copy: TextDecoder('utf-16be') needs a full-ICU build of Node.
        if (bytes.length % 2 !== 0)
            return { ok: false, reason: 'not valid UTF-16BE' };
        return tryDecode(utf16le, Buffer.from(bytes).swap16(), 'UTF-16BE');
    }
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
        return { ok: false, reason: 'binary file (NUL byte in the first 8 KiB)' };
    }
    return tryDecode(utf8, bytes, 'UTF-8');
}

/**
 * Safe reading of one listed file: never outside the scanned tree, never a FIFO or a device, never
 * more than the size limit, and never a throw — every problem becomes a diagnostic.
 */
const CHUNK = 64 * 1024;
// Opening a FIFO for reading would block until a writer appears; O_NONBLOCK makes it return at once.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** `52.4 MiB`, `1 MiB`, `300 B`. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}
function skipped(file, level, message) {
    return { kind: 'skipped', diagnostic: { level, file, message: `skipped: ${message}` } };
}
/** The diagnostic for an fs error while reaching or reading a file. */
function errorOutcome(file, error, wasSymlink = false) {
    const code = error?.code;
    switch (code) {
        case 'ENOENT':
            return wasSymlink
                ? skipped(file, 'info', 'broken symlink')
                : skipped(file, 'info', 'the file disappeared before it could be read');
        case 'EACCES':
        case 'EPERM':
            return skipped(file, 'warning', 'permission denied');
        case 'ELOOP':
            return skipped(file, 'info', 'symlink loop');
        case 'ENOTDIR':
            return skipped(file, 'info', 'the file disappeared before it could be read');
        default:
            return skipped(file, 'warning', `could not be read (${code ?? String(error)})`);
    }
}
function tooLarge(file, size, max) {
    return skipped(file, 'warning', `${formatBytes(size)} is over the ${formatBytes(max)} limit (--max-file-size)`);
}
async function readCandidate(entry, ctx) {
    const file = entry.path;
    let wasSymlink = false;
    let real;
    try {
        const link = await promises.lstat(entry.abs);
        wasSymlink = link.isSymbolicLink();
        if (!wasSymlink && !link.isFile())
            return { kind: 'not-a-file' };
        // Also catches a path that reaches outside through a symlinked parent directory.
        real = await promises.realpath(entry.abs, { encoding: 'buffer' });
        // A symlink to a directory is not descended, and not read (opening one fails on Windows).
        if (wasSymlink && !(await promises.stat(real)).isFile())
            return { kind: 'not-a-file' };
    }
    catch (error) {
        return errorOutcome(file, error, wasSymlink);
    }
    if (!isInside(ctx.rootReal, real)) {
        return skipped(file, 'info', wasSymlink
            ? 'symlink points outside the scanned directory'
            : 'resolves outside the scanned directory');
    }
    let handle;
    try {
        handle = await promises.open(real, OPEN_FLAGS);
    }
    catch (error) {
        return errorOutcome(file, error, wasSymlink);
    }
    let bytes;
    try {
        const stat = await handle.stat();
        if (!stat.isFile())
            return { kind: 'not-a-file' };
        if (stat.size > ctx.maxFileBytes)
            return tooLarge(file, stat.size, ctx.maxFileBytes);
        // Read to EOF but never past the limit: the file may have grown since the stat.
        const chunks = [];
        let total = 0;
        for (;;) {
            // First read: the whole file plus one byte to see EOF; later reads only if it grew.
            const want = chunks.length === 0 ? stat.size + 1 : CHUNK;
            const chunk = Buffer.alloc(Math.min(want, ctx.maxFileBytes + 1 - total));
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0)
                break;
            chunks.push(chunk.subarray(0, bytesRead));
            total += bytesRead;
            if (total > ctx.maxFileBytes)
                return tooLarge(file, total, ctx.maxFileBytes);
        }
        bytes = Buffer.concat(chunks, total);
    }
    catch (error) {
        return errorOutcome(file, error, wasSymlink);
    }
    finally {
        await handle.close().catch(() => undefined);
    }
    const decoded = decode$1(bytes);
    if (!decoded.ok)
        return skipped(file, decoded.reason.startsWith('binary') ? 'info' : 'warning', decoded.reason);
    return { kind: 'text', text: decoded.text };
}

/**
 * Discover, the first pipeline stage: which files to read. List the tree (git's view, or a
 * `.gitignore`-aware walk), keep the names worth reading, read them safely, and keep the texts that
 * mention SMTP or mail. Never throws for a bad tree member; only for a root that is not a directory.
 */
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const READ_CONCURRENCY = 32;
const byPath = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
async function checkRoot(root) {
    let stat;
    try {
        stat = await promises.stat(root);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            throw new Error(`path not found: ${root}`);
        throw new Error(`cannot scan ${root}: ${error.message}`);
    }
    if (!stat.isDirectory())
        throw new Error(`not a directory: ${root}`);
    return promises.realpath(root, { encoding: 'buffer' });
}
async function discover(root, options = {}, hooks = {}) {
    const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const rootReal = await checkRoot(root);
    const listing = await listFiles(root);
    const candidates = listing.entries
        .filter((e) => isCandidateName(e.path))
        .sort((a, b) => byPath(a.path, b.path));
    const outcomes = await mapLimit(candidates, READ_CONCURRENCY, async (entry) => {
        await hooks.beforeRead?.(entry.path);
        return readCandidate(entry, { rootReal, maxFileBytes });
    });
    const files = [];
    const diagnostics = [...listing.diagnostics];
    let skipped = 0;
    outcomes.forEach((outcome, i) => {
        if (outcome.kind === 'skipped') {
            skipped++;
            diagnostics.push(outcome.diagnostic);
        }
        else if (outcome.kind === 'text' && mentionsMail(outcome.text)) {
            files.push({ path: candidates[i].path, text: outcome.text });
        }
    });
    return { files, diagnostics, listed: listing.entries.length, skipped };
}

/**
 * Hosted SMTP providers (FACTS.md, Providers): which ports speak implicit TLS or STARTTLS, and
 * what each says about password authentication.
 */
const PROVIDERS = [
    {
        id: 'gmail',
        name: 'Gmail',
        hosts: /^smtp\.(gmail|googlemail)\.com$/i,
        implicitTls: [465],
        startTls: [587],
        auth: 'an app password or XOAUTH2',
        passwordAuth: {
            severity: 'note',
            text: 'Google accepts only app passwords (with 2-Step Verification) or OAuth2 (XOAUTH2) for SMTP; regular account passwords stopped working in 2022 and OAuth2 is the durable choice',
        },
    },
    {
        id: 'google-relay',
        name: 'Google Workspace SMTP relay',
        hosts: /^smtp-relay\.gmail\.com$/i,
        implicitTls: [465],
        startTls: [587, 25],
        auth: 'an IP allowlist or SMTP AUTH',
    },
    {
        id: 'office365',
        name: 'Microsoft 365',
        hosts: /^(smtp\.office365\.com|smtp-mail\.office365\.com|outlook\.office365\.com|[\w-]+\.mail\.protection\.outlook\.com)$/i,
        implicitTls: [],
        startTls: [587, 25],
        auth: 'OAuth2 (basic SMTP AUTH is being retired)',
        passwordAuth: {
            severity: 'warning',
            text: 'Microsoft 365 turns basic SMTP AUTH off by default for existing tenants from the end of December 2026 (MC786329), with final removal to be announced; blocked logins answer "550 5.7.30". Move to OAuth2 (XOAUTH2) or a dedicated sending service',
        },
    },
    {
        id: 'outlook',
        name: 'Outlook.com',
        hosts: /^smtp-mail\.outlook\.com$|^smtp\.(live|hotmail|outlook)\.com$/i,
        implicitTls: [],
        startTls: [587],
        auth: 'OAuth2 only',
        passwordAuth: {
            severity: 'warning',
            text: 'Outlook.com accepts only OAuth2 for SMTP since 2024-09-16: password logins fail. Use OAuth2 (XOAUTH2)',
        },
    },
    {
        id: 'ses',
        name: 'Amazon SES',
        hosts: /^email-smtp(-fips)?\.[a-z0-9-]+\.amazonaws\.com$/i,
        implicitTls: [465, 2465],
        startTls: [25, 587, 2587],
        auth: 'SES SMTP credentials',
    },
    {
        id: 'sendgrid',
        name: 'SendGrid',
        hosts: /^smtp\.sendgrid\.(net|com)$/i,
        implicitTls: [465],
        startTls: [25, 587, 2525],
        auth: 'user "apikey" and an API key',
    },
    {
        id: 'mailgun',
        name: 'Mailgun',
        hosts: /^smtp\.(eu\.)?mailgun\.org$/i,
        implicitTls: [465],
        startTls: [25, 587, 2525],
        auth: 'per-domain SMTP credentials',
    },
    {
        id: 'postmark',
        name: 'Postmark',
        hosts: /^smtp(-broadcasts)?\.postmarkapp\.com$/i,
        implicitTls: [],
        startTls: [25, 587, 2525],
        auth: 'a server API token',
    },
    {
        id: 'mailjet',
        name: 'Mailjet',
        hosts: /^in(-v3)?\.mailjet\.com$/i,
        implicitTls: [465],
        startTls: [25, 587, 2525],
        auth: 'API key and secret',
    },
    {
        id: 'sparkpost',
        name: 'SparkPost',
        hosts: /^smtp(\.eu)?\.sparkpostmail\.com$/i,
        implicitTls: [],
        startTls: [587, 2525],
        auth: 'user "SMTP_Injection" and an API key',
    },
    {
        id: 'brevo',
        name: 'Brevo',
        hosts: /^smtp-relay\.(brevo|sendinblue)\.com$/i,
        implicitTls: [465],
        startTls: [587, 2525],
        auth: 'an SMTP key',
    },
    {
        id: 'zoho',
        name: 'Zoho Mail',
        hosts: /^smtp(pro)?\.zoho\.(com|eu|in|com\.au|com\.cn|jp|sa|ca)$/i,
        implicitTls: [465],
        startTls: [587],
        auth: 'an application-specific password',
    },
    {
        id: 'fastmail',
        name: 'Fastmail',
        hosts: /^smtp\.fastmail\.com$/i,
        implicitTls: [465],
        startTls: [587],
        auth: 'an app password',
    },
    {
        id: 'icloud',
        name: 'iCloud Mail',
        hosts: /^smtp\.mail\.me\.com$/i,
        implicitTls: [],
        startTls: [587],
        auth: 'an app-specific password',
    },
    {
        id: 'yahoo',
        name: 'Yahoo Mail',
        hosts: /^smtp\.mail\.yahoo\.(com|co\.[a-z]+|[a-z]{2})$/i,
        implicitTls: [465],
        startTls: [587],
        auth: 'an app password',
    },
    {
        id: 'mailtrap-live',
        name: 'Mailtrap (sending)',
        hosts: /^(live|bulk)\.smtp\.mailtrap\.io$/i,
        implicitTls: [],
        startTls: [587],
        auth: 'user "api" and an API token',
    },
    {
        id: 'mailtrap-sandbox',
        name: 'Mailtrap (sandbox)',
        hosts: /^(sandbox\.)?smtp\.mailtrap\.io$/i,
        implicitTls: [465],
        startTls: [25, 587, 2525],
        auth: 'per-inbox credentials',
    },
    {
        id: 'resend',
        name: 'Resend',
        hosts: /^smtp\.resend\.com$/i,
        implicitTls: [465, 2465],
        startTls: [25, 587, 2587],
        auth: 'user "resend" and an API key',
    },
    {
        id: 'elasticemail',
        name: 'Elastic Email',
        hosts: /^smtp\.elasticemail\.com$/i,
        implicitTls: [465],
        startTls: [25, 587, 2525],
        auth: 'an SMTP API key',
    },
];
/** The provider a host belongs to, if it is a known one. */
function providerFor(host) {
    if (!host)
        return undefined;
    const h = host.trim().replace(/\.$/, '');
    return PROVIDERS.find((p) => p.hosts.test(h));
}
function providerById(id) {
    return id ? PROVIDERS.find((p) => p.id === id) : undefined;
}

/**
 * Is a committed credential real or a placeholder? (DESIGN.md §3, SP007 placeholders.)
 * The value itself never leaves this module: callers keep only the verdict and a redacted form.
 */
/** Words that mark a value as a stand-in, when the value is made of words only (no digits or symbols). */
const PLACEHOLDER_WORDS = /(password|passwd|secret|changeme|change[-_ ]?me|change[-_ ]?it|example|placeholder|dummy|sample|your|xxxx|redacted|insert|replace|todo|fixme|tbd|none|null|nil|undefined|default)/i;
const PLACEHOLDER_EXACT = /^(|test|tests|testing|demo|foo|bar|baz|qux|abc|abc123|123|1234|12345|123456|admin|user|username|login|apikey|api[-_]?key|token|key|xxx+|x+|\*+|\.+|-+|_+|\?+|#+)$/i;
const WRAPPED = /^(<.*>|\[.*\]|\{.*\}|\(.*\))$/s;
/** Shapes of real credentials: flagged even where a placeholder word would otherwise excuse them. */
const REAL_SHAPES = [
    /^[a-z]{4} ?[a-z]{4} ?[a-z]{4} ?[a-z]{4}$/, // Google app password
    /^SG\.[\w-]{16,}\.[\w-]{16,}$/, // SendGrid API key
    /^xkeysib-[a-f0-9]{32,}/, // Brevo API key
    /^xsmtpsib-[a-f0-9]{32,}/, // Brevo SMTP key
    /^AKIA[0-9A-Z]{16}$/, // AWS access key id (SES SMTP user)
    /^key-[a-f0-9]{32}$/, // Mailgun API key
];
/** Classify a literal credential value (references are classified before this is called). */
/** "password" in other languages: a translated stand-in is still a stand-in. */
const FOREIGN_WORDS = /^(пароль|контрасеña|contraseña|mot de passe|motdepasse|passwort|kennwort|senha|parola|hasło|haslo|wachtwoord|lösenord|salasana|şifre|sifre|密码|密碼|パスワード|비밀번호|كلمة المرور|סיסמה)$/i;
/** Runs like `abcdefghijklmnop`, `123456789`, `qwertyuiop`: typed as examples, never generated. */
function isKeyboardRun(v) {
    const s = v.toLowerCase().replace(/[\s_-]/g, '');
    if (s.length < 6)
        return false;
    for (const run of [
        'abcdefghijklmnopqrstuvwxyz',
        '0123456789012345678901234567890',
        'qwertyuiopasdfghjklzxcvbnm',
    ]) {
        if (run.includes(s))
            return true;
    }
    return /^(.)\1+$/.test(s);
}
function classifySecret(value) {
    const v = value.trim().replace(/^["']|["']$/g, '');
    if (FOREIGN_WORDS.test(v) || isKeyboardRun(v))
        return 'placeholder';
    if (REAL_SHAPES.some((re) => re.test(v)))
        return 'literal';
    if (PLACEHOLDER_EXACT.test(v))
        return 'placeholder';
    if (WRAPPED.test(v))
        return 'placeholder';
    if (/^(your|my)[-_ ]?/i.test(v) || /^REPLACE|^CHANGE|^ENTER|^PUT[-_ ]|^SET[-_ ]/i.test(v))
        return 'placeholder';
    if (PLACEHOLDER_WORDS.test(v) && /^[A-Za-z _.-]+$/.test(v) && v.length < 40)
        return 'placeholder';
    if (/xxxx|\*\*\*|<.+>|\$\{.+\}/i.test(v))
        return 'placeholder';
    return 'literal';
}
/** What a report may show of a secret: never the value, only its length. */
function redact(value) {
    return value.length === 0 ? '' : `<redacted, ${value.length} characters>`;
}
/** Is this host value a placeholder (template text, not a host name)? */
function isPlaceholderHost(value) {
    const v = value.trim();
    if (v === '' || v === 'null' || v === '~')
        return true;
    if (WRAPPED.test(v))
        return true;
    if (/^(your|my)[-_ ]|^YOUR_|^REPLACE|^CHANGE|^ENTER/i.test(v))
        return true;
    if (/^x+$/i.test(v) || /^\*+$/.test(v))
        return true;
    return /\s/.test(v);
}

const GH_EXPR = /^\$\{\{\s*(.*?)\s*\}\}$/;
// ${NAME}, ${NAME:-def}, ${NAME-def}, ${NAME:=def}, ${NAME:def} (Spring), ${NAME:?err}
const SHELL_EXPR = /^\$\{\s*([A-Za-z_][\w.-]*)\s*(?:(:?[-=])(.*)|:(?![?])(.*)|(:?\?.*))?\}$/s;
const BARE_VAR = /^\$([A-Za-z_]\w*)$/;
const SYMFONY_ENV = /^%env\((?:[\w-]+:)*([\w.-]+)\)%$/;
const TEMPLATE = /\{\{.*?\}\}|\{%.*?%\}|<%=.*?%>/s;
const PARTIAL_REF = /\$\{[^}]*\}|%env\([^)]*\)%|\$[A-Z_][A-Z0-9_]*\b/;
/** Resolve a string value that may be an env/secret/template reference. */
function resolveRef(raw) {
    const text = raw.trim();
    const gh = GH_EXPR.exec(text);
    if (gh) {
        const expr = gh[1];
        const m = /^secrets\.([\w-]+)$/.exec(expr);
        if (m)
            return { origin: 'secret', ref: m[1] };
        return { origin: 'env', ref: expr };
    }
    const sh = SHELL_EXPR.exec(text);
    if (sh) {
        const name = sh[1];
        const def = sh[3] ?? sh[4];
        if (def !== undefined && def !== '') {
            const inner = resolveRef(def);
            if (inner.origin === 'literal')
                return { origin: 'default', value: def, ref: name };
            return { ...inner, ref: inner.ref ?? name };
        }
        return { origin: 'env', ref: name };
    }
    const bare = BARE_VAR.exec(text);
    if (bare)
        return { origin: 'env', ref: bare[1] };
    const graf = /^\$__(env|file|vault)\{([^}]+)\}$/.exec(text);
    if (graf)
        return { origin: graf[1] === 'env' ? 'env' : 'secret', ref: graf[2] };
    const sym = SYMFONY_ENV.exec(text);
    if (sym)
        return { origin: 'env', ref: sym[1] };
    if (TEMPLATE.test(text)) {
        if (/secrets?\b/i.test(text) && /\{\{\s*\$?\{?\s*secrets\./.test(text))
            return { origin: 'secret', ref: text };
        return { origin: 'env', ref: text };
    }
    if (PARTIAL_REF.test(text))
        return { origin: 'env', ref: text };
    return { origin: 'literal', value: text };
}
/** True for the strings that frameworks read as true. */
function parseBool(raw) {
    if (typeof raw === 'boolean')
        return raw;
    if (typeof raw === 'number')
        return raw !== 0;
    if (raw === null || raw === undefined)
        return undefined;
    const s = raw.trim().toLowerCase();
    if (['true', 'yes', 'on', '1', 'y', 't'].includes(s))
        return true;
    if (['false', 'no', 'off', '0', 'n', 'f', ''].includes(s))
        return false;
    return undefined;
}
/** A TCP port from text (`"587"`, `587`, `" 587 "`), or undefined. */
function parsePort(raw) {
    if (typeof raw === 'number')
        return Number.isInteger(raw) && raw > 0 && raw < 65536 ? raw : undefined;
    if (typeof raw !== 'string')
        return undefined;
    const s = raw.trim();
    if (!/^\d{1,5}$/.test(s))
        return undefined;
    const n = Number(s);
    return n > 0 && n < 65536 ? n : undefined;
}
/** Split `host:port` (also `[::1]:25`); the port part only when it is numeric. */
function splitHostPort(text) {
    const s = text.trim();
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
    if (v6)
        return { host: v6[1], port: v6[2] };
    const m = /^([^:]*):(\d+)$/.exec(s);
    if (m)
        return { host: m[1], port: m[2] };
    return { host: s };
}

function locate(file, e) {
    return { file, line: e.line, column: e.column };
}
function keyOf(e) {
    return e.path[e.path.length - 1] ?? '';
}
function textOf(v, raw) {
    if (v === null)
        return '';
    if (typeof v === 'string')
        return v;
    return raw || String(v);
}
/** Kubernetes `valueFrom: secretKeyRef` / `configMapKeyRef`: a reference, never a value. */
function fromRef(file, e) {
    if (!e.raw.startsWith('valueFrom:'))
        return undefined;
    return {
        raw: e.raw,
        at: locate(file, e),
        origin: /secret/i.test(e.raw) ? 'secret' : 'env',
        key: keyOf(e),
    };
}
/** A plain string setting; empty text is a placeholder. */
function stringSetting(file, e, text) {
    const ref = fromRef(file, e);
    if (ref && text === undefined)
        return ref;
    const at = locate(file, e);
    const raw = text ?? textOf(e.value, e.raw);
    const r = resolveRef(raw);
    const base = { raw, at, key: keyOf(e) };
    if (r.origin === 'literal' || r.origin === 'default') {
        const v = (r.value ?? '').trim();
        if (v === '')
            return { ...base, origin: 'placeholder' };
        return { ...base, origin: r.origin, value: v };
    }
    return { ...base, origin: r.origin };
}
/** A host setting: a string setting where template text (`YOUR_SMTP_SERVER`, `<host>`) is a placeholder. */
function hostSetting(file, e, text) {
    const s = stringSetting(file, e, text);
    if (s.value !== undefined && isPlaceholderHost(s.value)) {
        return { raw: s.raw, at: s.at, key: s.key, origin: 'placeholder' };
    }
    return s;
}
function portSetting(file, e, text) {
    const ref = fromRef(file, e);
    if (ref && text === undefined)
        return ref;
    const at = locate(file, e);
    const base = { at, key: keyOf(e) };
    if (typeof e.value === 'number' && text === undefined) {
        const p = parsePort(e.value);
        return p
            ? { ...base, raw: String(e.value), origin: 'literal', value: p }
            : { ...base, raw: String(e.value), origin: 'placeholder' };
    }
    const raw = text ?? textOf(e.value, e.raw);
    const r = resolveRef(raw);
    if (r.origin === 'literal' || r.origin === 'default') {
        const p = parsePort(r.value ?? '');
        if (p === undefined)
            return { ...base, raw, origin: 'placeholder' };
        return { ...base, raw, origin: r.origin, value: p };
    }
    return { ...base, raw, origin: r.origin };
}
/** A credential: classified, and redacted so the value never reaches a report. */
function secretSetting(file, e, text) {
    const at = locate(file, e);
    const written = text ?? textOf(e.value, e.raw);
    const r = resolveRef(written);
    const base = { at, key: keyOf(e) };
    const ref = fromRef(file, e);
    if (ref && text === undefined)
        return ref;
    if (r.origin === 'literal' || r.origin === 'default') {
        const v = r.value ?? '';
        const verdict = classifySecret(v);
        return { ...base, raw: redact(v), origin: verdict === 'literal' ? r.origin : 'placeholder' };
    }
    return { ...base, raw: written, origin: r.origin };
}
/** A boolean flag as the ecosystem reads strings (`"true"`, `yes`, `1`...). */
function boolSetting(file, e, text) {
    const at = locate(file, e);
    const base = { at, key: keyOf(e) };
    if (typeof e.value === 'boolean' && text === undefined)
        return { ...base, raw: String(e.value), origin: 'literal', value: e.value };
    const raw = text ?? textOf(e.value, e.raw);
    const r = resolveRef(raw);
    if (r.origin === 'literal' || r.origin === 'default') {
        const b = parseBool(r.value ?? '');
        if (b === undefined)
            return { ...base, raw, origin: 'placeholder' };
        return { ...base, raw, origin: r.origin, value: b };
    }
    return { ...base, raw, origin: r.origin };
}
function derived(value, raw, at) {
    return value === undefined
        ? { raw, at, origin: 'derived' }
        : { value, raw, at, origin: 'derived' };
}
/** Finish an endpoint: anchor, id, provider. */
function finish(d) {
    const at = d.host && d.host.origin !== 'derived' ? d.host.at : d.anchor;
    const provider = providerFor(d.host?.value)?.id;
    const ep = {
        id: `${at.file}:${at.line}`,
        ecosystem: d.ecosystem,
        product: d.product,
        at: { file: at.file, line: at.line },
        active: d.active ?? true,
        host: d.host,
        port: d.port,
        security: d.security,
        authIntended: d.authIntended ??
            (!!d.password && d.password.origin !== 'placeholder' ? true : !!d.user || !!d.password),
        knobs: d.knobs,
        conflicts: d.conflicts ?? [],
        ignored: d.ignored ?? [],
        weakTls: d.weakTls ?? [],
    };
    if (!ep.active && d.inactiveReason)
        ep.inactiveReason = d.inactiveReason;
    if (d.tlsVerify)
        ep.tlsVerify = d.tlsVerify;
    if (d.verifyOffAlso?.length)
        ep.verifyOffAlso = d.verifyOffAlso;
    if (d.minTls)
        ep.minTls = d.minTls;
    if (d.user)
        ep.user = d.user;
    if (d.password)
        ep.password = d.password;
    if (d.authMethod)
        ep.authMethod = d.authMethod;
    if (provider)
        ep.provider = provider;
    if (d.debug)
        ep.debug = d.debug;
    return ep;
}

/** The effective text of an entry (`${X:-d}` gives `d`). */
function valueOf(e) {
    if (!e)
        return undefined;
    if (e.raw.startsWith('valueFrom:'))
        return { entry: e, origin: 'secret' };
    if (e.value === null)
        return { entry: e, origin: 'placeholder', text: '' };
    if (typeof e.value !== 'string')
        return { entry: e, origin: 'literal', text: String(e.value) };
    const r = resolveRef(e.value);
    if (r.origin === 'literal' || r.origin === 'default')
        return { entry: e, origin: r.origin, text: r.value ?? '' };
    return { entry: e, origin: r.origin };
}
function lower(v) {
    return v?.text?.trim().toLowerCase();
}
function flagOf(v) {
    return v?.text === undefined ? undefined : parseBool(v.text);
}
/**
 * The security setting, anchored on the TLS key that decided it, or the host line when no TLS key
 * exists (then the port line, then the block's anchor), per DESIGN.md §3.
 */
function security(value, file, decidedBy, fallbacks, anchor, raw) {
    if (decidedBy) {
        const v = valueOf(decidedBy);
        const origin = value === 'unknown' && v && v.text === undefined
            ? v.origin
            : v?.origin === 'default'
                ? 'default'
                : 'literal';
        return {
            value,
            raw: raw ?? decidedBy.raw,
            at: locate(file, decidedBy),
            origin,
            key: decidedBy.path[decidedBy.path.length - 1],
        };
    }
    const fb = fallbacks.find((e) => !!e);
    return {
        value,
        raw: raw ?? 'no TLS setting, so the default applies',
        at: fb ? locate(file, fb) : anchor,
        origin: 'derived',
    };
}
/** Unknown security because a deciding key comes from env without a default. */
function unknownFromEnv(file, e) {
    const v = valueOf(e);
    return {
        value: 'unknown',
        raw: e.raw,
        at: locate(file, e),
        origin: v?.origin ?? 'env',
        key: e.path[e.path.length - 1],
    };
}
function verifyOff(file, e) {
    return { ...boolSetting(file, e), value: false };
}
/**
 * The mail gem / ActionMailer reading: `tls`/`ssl` → implicit; `enable_starttls` → required;
 * `enable_starttls_auto` (default true) → opportunistic; both off → plain.
 */
function railsSecurity(opts) {
    if (opts.tls)
        return 'implicit-tls';
    if (opts.starttls)
        return 'starttls-required';
    if (opts.starttlsAuto ?? true)
        return 'starttls-opportunistic';
    return 'plain';
}
/** Rails-style verify modes that turn verification off. */
function isVerifyNone(text) {
    if (!text)
        return false;
    return /^(:?none|verify_none|openssl::ssl::verify_none|0)$/i.test(text.trim());
}

const DSN_RE = /^\s*([a-z][a-z0-9+.-]*):\/\/(?:([^@/\s]*)@)?([^/?#\s]*)(?:\/[^?#\s]*)?(?:\?([^#\s]*))?/i;
/** `${{ secrets.X }}` → `${{secrets.X}}`: template expressions without spaces, so a URL stays one token. */
function normaliseTemplates(v) {
    return v.replace(/\{\{[^}]*\}\}/g, (m) => m.replace(/\s+/g, ''));
}
function looksLikeSmtpUrl(v) {
    const m = DSN_RE.exec(v);
    return !!m && /(^|\+)smtps?($|\+)|^smtp\+(starttls|tls|ssl)$/i.test(m[1]);
}
/** Which dialect a key name implies. */
function dialectFor(key) {
    const k = key.toUpperCase();
    if (/MAILER_(DSN|URL)|^MAIL_URL$|DSN/.test(k))
        return 'symfony';
    if (k === 'CONNECTION_URL')
        return 'dawidd6';
    if (/^EMAIL_URL$|^SMTP_URL$/.test(k) && k === 'EMAIL_URL')
        return 'django';
    return 'nodemailer';
}
function split(v) {
    const m = DSN_RE.exec(v);
    if (!m)
        return undefined;
    const [, scheme, userinfo, hostport, query] = m;
    let user;
    let pass;
    if (userinfo !== undefined) {
        const i = userinfo.indexOf(':');
        user = i >= 0 ? userinfo.slice(0, i) : userinfo;
        pass = i >= 0 ? userinfo.slice(i + 1) : undefined;
    }
    const hp = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostport) ?? ['', hostport, undefined];
    let q;
    try {
        q = new URLSearchParams(query ?? '');
    }
    catch {
        q = new URLSearchParams();
    }
    return { scheme: scheme.toLowerCase(), user, pass, host: hp[1] ?? '', port: hp[2], query: q };
}
function decode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
const KNOBS = {
    symfony: {
        requireStartTls: 'add ?require_tls=true to the DSN (Symfony Mailer 7+)',
        implicitTls: 'use smtps://HOST:465',
        verifyOn: 'remove ?verify_peer=0 from the DSN',
        port: 'the DSN port',
        secretRef: 'build the DSN from %env(...)% / ${...} references; keep the password out of the repository',
    },
    nodemailer: {
        requireStartTls: 'requireTLS: true in the transport options (the URL form cannot require it)',
        implicitTls: 'use smtps://HOST:465',
        verifyOn: 'remove the setting that disables certificate checks',
        port: 'the URL port',
        secretRef: 'build the URL from environment variables; keep the password out of the repository',
    },
    dawidd6: {
        requireStartTls: null,
        implicitTls: 'smtps://HOST:465 (or server_port: 465)',
        verifyOn: 'remove ignore_cert: true',
        port: 'the URL port',
        secretRef: 'connection_url: ${{ secrets.MAIL_CONNECTION }}',
    },
    django: {
        requireStartTls: 'use smtp+tls:// (EMAIL_USE_TLS: required STARTTLS)',
        implicitTls: 'use smtp+ssl://HOST:465',
        verifyOn: 'use the stock SMTP backend (Django 4+ verifies)',
        port: 'the URL port',
        secretRef: 'set EMAIL_URL in the environment, not in committed files',
    },
};
/** Read a connection URL written at `at` (the key's location) as `dialect`. */
function dsnEndpoint(text, at, key, dialect) {
    const r = resolveRef(text);
    const value = r.origin === 'default' || r.origin === 'literal' ? (r.value ?? text) : text;
    const p = split(normaliseTemplates(value));
    if (!p)
        return null;
    const scheme = p.scheme;
    const base = scheme.replace(/^[a-z0-9-]+\+(?=smtps?$)/, '');
    const file = at.file;
    const loc = { ...at };
    const ignored = [];
    const mk = (v, raw, origin) => v === undefined ? { raw, at: loc, origin, key } : { value: v, raw, at: loc, origin, key };
    const refOrigin = (s) => {
        const rr = resolveRef(s);
        return rr.origin === 'literal' ? (r.origin === 'default' ? 'default' : 'literal') : rr.origin;
    };
    // host
    const hostText = decode(p.host);
    const hostOrigin = refOrigin(p.host);
    const host = hostOrigin === 'literal' || hostOrigin === 'default'
        ? isPlaceholderHost(hostText) || hostText === 'default'
            ? mk(undefined, p.host, 'placeholder')
            : mk(hostText, p.host, hostOrigin)
        : mk(undefined, p.host, hostOrigin);
    const q = (name) => p.query.get(name) ?? undefined;
    let port;
    const pOrigin = p.port !== undefined ? refOrigin(p.port) : undefined;
    const explicitPort = p.port !== undefined && (pOrigin === 'literal' || pOrigin === 'default')
        ? parsePort(p.port)
        : undefined;
    if (p.port !== undefined && explicitPort === undefined)
        port = mk(undefined, p.port, pOrigin === 'literal' ? 'placeholder' : (pOrigin ?? 'env'));
    let sec = 'unknown';
    if (dialect === 'symfony') {
        if (/^(native|sendmail|null|array|log)$/.test(scheme))
            return null;
        const tls = base === 'smtps';
        const autoTls = q('auto_tls');
        const requireTls = parseBool(q('require_tls') ?? '') === true;
        let eff = explicitPort;
        let implicit = tls;
        if (!tls) {
            const localhost = hostText === 'localhost';
            if (eff === 465)
                implicit = true;
            else if ((eff === undefined || eff === 0) && p.port === undefined && !localhost)
                implicit = true;
        }
        if (eff === undefined && p.port === undefined)
            eff = implicit ? 465 : 25;
        if (eff !== undefined)
            port =
                port ??
                    mk(eff, p.port ?? 'DSN default', p.port === undefined ? 'derived' : pOrigin);
        if (implicit)
            sec = 'implicit-tls';
        else if (autoTls !== undefined && parseBool(autoTls) === false)
            sec = 'plain';
        else
            sec = requireTls ? 'starttls-required' : 'starttls-opportunistic';
        if (q('encryption') !== undefined || q('auth_mode') !== undefined) {
            const opt = q('encryption') !== undefined
                ? `encryption=${q('encryption')}`
                : `auth_mode=${q('auth_mode')}`;
            ignored.push({
                at: loc,
                message: `?${opt} is a SwiftMailer option: Symfony Mailer ignores it, so the effective security is ${sec} (${implicit ? 'implicit TLS' : 'from the scheme and port'}).`,
                fix: base === 'smtps' || eff === 465
                    ? 'Remove the option; smtps:// on 465 is implicit TLS.'
                    : 'Remove the option; use smtps://HOST:465 for implicit TLS or ?require_tls=true to require STARTTLS.',
            });
        }
    }
    else if (dialect === 'dawidd6') {
        if (scheme === 'smtp+starttls') {
            port =
                port ??
                    mk(explicitPort ?? 465, p.port ?? 'dawidd6 maps smtp+starttls to 465', p.port === undefined ? 'derived' : 'literal');
            sec = 'implicit-tls';
            ignored.push({
                at: loc,
                message: 'dawidd6/action-send-mail maps smtp+starttls:// to port 465 with secure=true, i.e. implicit TLS, not STARTTLS.',
                fix: 'Use smtps://HOST:465 for implicit TLS, or smtp://HOST:587 for STARTTLS.',
            });
        }
        else if (base === 'smtps') {
            port =
                port ??
                    mk(explicitPort ?? 465, p.port ?? '465', p.port === undefined ? 'derived' : 'literal');
            sec = 'implicit-tls';
        }
        else {
            const eff = explicitPort ?? 25;
            port = port ?? mk(eff, p.port ?? 'default 25', p.port === undefined ? 'derived' : 'literal');
            sec = eff === 465 && explicitPort === undefined ? 'implicit-tls' : 'starttls-opportunistic';
        }
    }
    else if (dialect === 'django') {
        if (scheme === 'smtp+ssl' || scheme === 'smtps')
            sec = 'implicit-tls';
        else if (scheme === 'smtp+tls')
            sec = 'starttls-required';
        else
            sec = 'plain';
        port =
            port ??
                mk(explicitPort ?? 25, p.port ?? 'Django default 25', p.port === undefined ? 'derived' : 'literal');
    }
    else {
        const secure = base === 'smtps';
        const eff = explicitPort ?? (secure ? 465 : 587);
        port =
            port ?? mk(eff, p.port ?? 'nodemailer default', p.port === undefined ? 'derived' : 'literal');
        sec = secure || eff === 465 ? 'implicit-tls' : 'starttls-opportunistic';
    }
    const securitySetting = {
        value: sec,
        raw: scheme + '://',
        at: loc,
        origin: 'literal',
        key,
    };
    let tlsVerify;
    const vp = q('verify_peer');
    if (vp !== undefined && vp !== '' && parseBool(vp) === false)
        tlsVerify = { value: false, raw: `verify_peer=${vp}`, at: loc, origin: 'literal', key };
    let user;
    let password;
    if (p.user !== undefined && p.user !== '') {
        const uo = refOrigin(p.user);
        user =
            uo === 'literal' || uo === 'default'
                ? mk(decode(p.user), p.user, uo)
                : mk(undefined, p.user, uo);
    }
    if (p.pass !== undefined) {
        const po = refOrigin(p.pass);
        const plain = decode(p.pass);
        password =
            po === 'literal' || po === 'default'
                ? mk(undefined, redact(plain), classifySecret(plain) === 'literal' ? po : 'placeholder')
                : mk(undefined, p.pass, po);
    }
    return {
        file,
        ecosystem: `dsn-${dialect}`,
        product: dialect === 'symfony'
            ? 'Symfony Mailer DSN'
            : dialect === 'dawidd6'
                ? 'dawidd6/action-send-mail connection_url'
                : dialect === 'django'
                    ? 'django-environ EMAIL_URL'
                    : 'SMTP URL',
        knobs: KNOBS[dialect],
        anchor: loc,
        host,
        port,
        security: securitySetting,
        tlsVerify,
        user,
        password,
        authIntended: !!user || !!password,
        ignored,
    };
}

const SECRET_NOTE = 'set it from a CI or platform secret';
function portOf(g, e) {
    return e ? portSetting(g.file, e) : undefined;
}
function credentials(g, userKeys, passKeys, nullIsAbsent = false) {
    let userE = g.get(...userKeys);
    let passE = g.get(...passKeys);
    if (nullIsAbsent) {
        if (userE && lower(valueOf(userE)) === 'null')
            userE = undefined;
        if (passE && lower(valueOf(passE)) === 'null')
            passE = undefined;
    }
    return {
        user: userE ? stringSetting(g.file, userE) : undefined,
        password: passE ? secretSetting(g.file, passE) : undefined,
    };
}
/** Laravel `MAIL_*` (≥ 9 on Symfony Mailer; MAIL_SCHEME since 11). */
function laravelEnv(g) {
    const markers = [
        'MAIL_MAILER',
        'MAIL_DRIVER',
        'MAIL_ENCRYPTION',
        'MAIL_SCHEME',
        'MAIL_FROM_ADDRESS',
    ];
    if (!g.has('MAIL_HOST') || !markers.some((k) => g.has(k)))
        return null;
    const hostE = g.get('MAIL_HOST');
    const portE = g.get('MAIL_PORT');
    const mailer = g.get('MAIL_MAILER', 'MAIL_DRIVER');
    const schemeE = g.get('MAIL_SCHEME');
    const encE = g.get('MAIL_ENCRYPTION');
    const anchor = g.firstAt([hostE, portE]);
    const port = portOf(g, portE) ?? derived(2525, 'Laravel default 2525', anchor);
    const scheme = lower(valueOf(schemeE));
    const enc = lower(valueOf(encE));
    let sec = 'starttls-opportunistic';
    let decided = schemeE ?? encE;
    if (scheme === 'smtps')
        sec = 'implicit-tls';
    else if (port.value === 465)
        sec = 'implicit-tls';
    else if (schemeE && scheme === undefined)
        sec = 'unknown';
    if (decided && (lower(valueOf(decided)) === 'null' || lower(valueOf(decided)) === ''))
        decided = decided === schemeE ? encE : undefined;
    const ignored = [];
    if (encE && enc === 'ssl' && port.value !== undefined && port.value !== 465) {
        ignored.push({
            at: g.at(encE),
            message: `MAIL_ENCRYPTION=ssl on port ${port.value}: Laravel 9+ (Symfony Mailer) ignores it and uses opportunistic STARTTLS; Laravel 8 and older (SwiftMailer) forced implicit TLS, which fails on ${port.value}. Assumed the newest Laravel.`,
            fix: 'Remove MAIL_ENCRYPTION (Laravel 11+ reads MAIL_SCHEME): use MAIL_SCHEME=smtps with MAIL_PORT=465 for implicit TLS, or port 587 for STARTTLS.',
        });
    }
    const mailerText = lower(valueOf(mailer));
    const inactive = mailerText !== undefined &&
        mailerText !== '' &&
        mailerText !== 'smtp' &&
        mailerText !== 'failover';
    const creds = credentials(g, ['MAIL_USERNAME'], ['MAIL_PASSWORD'], true);
    return {
        file: g.file,
        ecosystem: 'laravel',
        product: 'Laravel 9+ (MAIL_*)',
        knobs: LARAVEL_KNOBS,
        anchor,
        active: !inactive,
        inactiveReason: inactive
            ? `MAIL_MAILER is '${mailerText}', so the SMTP settings are not used`
            : undefined,
        host: hostE ? hostSetting(g.file, hostE) : undefined,
        port,
        security: schemeE && scheme === undefined
            ? unknownFromEnv(g.file, schemeE)
            : security(sec, g.file, decided, [hostE, portE], anchor),
        ...creds,
        ignored,
    };
}
const LARAVEL_KNOBS = {
    requireStartTls: 'MAIL_URL=smtp://HOST:587?require_tls=true (Laravel has no separate key; the Symfony Mailer DSN option does it)',
    implicitTls: 'MAIL_SCHEME=smtps with MAIL_PORT=465',
    verifyOn: "remove 'verify_peer' => false from the smtp mailer (or the DSN's ?verify_peer=0)",
    port: 'MAIL_PORT',
    secretRef: `leave MAIL_PASSWORD empty in committed files and ${SECRET_NOTE}`,
};
/** Mastodon `SMTP_SERVER`, `SMTP_LOGIN`... */
function mastodonEnv(g, prefix = 'SMTP_') {
    const k = (s) => prefix + s;
    if (!(g.has(k('SERVER')) ||
        g.has(k('LOGIN')) ||
        g.has(k('ENABLE_STARTTLS')) ||
        g.has(k('ENABLE_STARTTLS_AUTO'))))
        return null;
    if (!g.has(k('SERVER')) && !g.has(k('PORT')))
        return null;
    const hostE = g.get(k('SERVER'));
    const portE = g.get(k('PORT'));
    const anchor = g.firstAt([hostE, portE]);
    const port = portOf(g, portE) ?? derived(25, 'mail gem default 25', anchor);
    const tlsE = g.get(k('TLS'), k('SSL'));
    const stE = g.get(k('ENABLE_STARTTLS'));
    const autoE = g.get(k('ENABLE_STARTTLS_AUTO'));
    const verifyE = g.get(k('OPENSSL_VERIFY_MODE'));
    const authE = g.get(k('AUTH_METHOD'));
    const dm = lower(valueOf(g.get(k('DELIVERY_METHOD'))));
    let sec;
    let decided;
    if (tlsE && flagOf(valueOf(tlsE))) {
        sec = 'implicit-tls';
        decided = tlsE;
    }
    else if (stE && lower(valueOf(stE))) {
        const v = lower(valueOf(stE));
        decided = stE;
        sec = v === 'always' ? 'starttls-required' : v === 'never' ? 'plain' : 'starttls-opportunistic';
    }
    else {
        decided = autoE;
        sec = lower(valueOf(autoE)) === 'false' ? 'plain' : 'starttls-opportunistic';
    }
    const creds = credentials(g, [k('LOGIN')], [k('PASSWORD')]);
    const authNone = lower(valueOf(authE)) === 'none';
    return {
        file: g.file,
        ecosystem: 'mastodon',
        product: 'Mastodon (SMTP_*)',
        knobs: {
            requireStartTls: `${k('ENABLE_STARTTLS')}=always`,
            implicitTls: `${k('TLS')}=true with ${k('PORT')}=465`,
            verifyOn: `remove ${k('OPENSSL_VERIFY_MODE')}=none (the default is peer)`,
            port: k('PORT'),
            secretRef: `keep ${k('PASSWORD')} out of committed files and ${SECRET_NOTE}`,
        },
        anchor,
        active: dm === undefined || dm === '' || dm === 'smtp',
        inactiveReason: `${k('DELIVERY_METHOD')} is '${dm}'`,
        host: hostE ? hostSetting(g.file, hostE) : undefined,
        port,
        security: security(sec, g.file, decided, [hostE, portE], anchor),
        tlsVerify: verifyE && isVerifyNone(valueOf(verifyE)?.text) ? verifyOff(g.file, verifyE) : undefined,
        ...creds,
        authIntended: !authNone && (!!creds.user || !!creds.password),
    };
}
/** Discourse `DISCOURSE_SMTP_*` (maps to enable_starttls_auto, which is opportunistic). */
function discourseEnv(g) {
    const P = 'DISCOURSE_SMTP_';
    if (!g.keys().some((key) => key.startsWith(P)))
        return null;
    const hostE = g.get(P + 'ADDRESS');
    const portE = g.get(P + 'PORT');
    const anchor = g.firstAt([
        hostE,
        portE,
        ...g
            .keys()
            .map((key) => g.peek(key))
            .filter((e) => e?.path.at(-1)?.toUpperCase().startsWith(P)),
    ]);
    const port = portOf(g, portE) ?? derived(25, 'Discourse default 25', anchor);
    const forceE = g.get(P + 'FORCE_TLS');
    const stE = g.get(P + 'ENABLE_START_TLS');
    const verifyE = g.get(P + 'OPENSSL_VERIFY_MODE');
    const authE = g.get(P + 'AUTHENTICATION');
    let sec;
    let decided;
    if (forceE && flagOf(valueOf(forceE))) {
        sec = 'implicit-tls';
        decided = forceE;
    }
    else {
        decided = stE;
        sec = stE && flagOf(valueOf(stE)) === false ? 'plain' : 'starttls-opportunistic';
    }
    const creds = credentials(g, [P + 'USER_NAME'], [P + 'PASSWORD']);
    return {
        file: g.file,
        ecosystem: 'discourse',
        product: 'Discourse (DISCOURSE_SMTP_*)',
        knobs: {
            requireStartTls: null,
            implicitTls: `${P}FORCE_TLS: true with ${P}PORT: 465`,
            verifyOn: `remove ${P}OPENSSL_VERIFY_MODE: none (empty means peer)`,
            port: P + 'PORT',
            secretRef: `keep ${P}PASSWORD out of the committed app.yml and ${SECRET_NOTE}`,
        },
        anchor,
        host: hostE ? hostSetting(g.file, hostE) : undefined,
        port,
        security: security(sec, g.file, decided, [hostE, portE], anchor),
        tlsVerify: verifyE && isVerifyNone(valueOf(verifyE)?.text) ? verifyOff(g.file, verifyE) : undefined,
        ...creds,
        authIntended: lower(valueOf(authE)) !== 'none' && (!!creds.user || !!creds.password),
    };
}
/** Vaultwarden `SMTP_SECURITY` (lettre: starttls = required) and the legacy SMTP_SSL/SMTP_EXPLICIT_TLS. */
function vaultwardenEnv(g) {
    const marker = [
        'SMTP_SECURITY',
        'SMTP_EXPLICIT_TLS',
        'SMTP_ACCEPT_INVALID_CERTS',
        'SMTP_ACCEPT_INVALID_HOSTNAMES',
        'SMTP_AUTH_MECHANISM',
    ];
    if (!g.has('SMTP_HOST') || !marker.some((m) => g.has(m)))
        return null;
    const hostE = g.get('SMTP_HOST');
    const portE = g.get('SMTP_PORT');
    const secE = g.get('SMTP_SECURITY');
    const sslE = g.get('SMTP_SSL');
    const explE = g.get('SMTP_EXPLICIT_TLS');
    const anchor = g.firstAt([hostE, portE]);
    let sec = 'starttls-required';
    let decided = secE;
    let secSetting;
    if (secE) {
        const v = valueOf(secE);
        const t = lower(v);
        if (t === undefined)
            secSetting = unknownFromEnv(g.file, secE);
        else if (t === 'force_tls')
            sec = 'implicit-tls';
        else if (t === 'off')
            sec = 'plain';
        else
            sec = 'starttls-required';
    }
    else if (sslE) {
        decided = explE && flagOf(valueOf(explE)) ? explE : sslE;
        const ssl = flagOf(valueOf(sslE));
        sec =
            ssl === false
                ? 'plain'
                : explE && flagOf(valueOf(explE))
                    ? 'implicit-tls'
                    : 'starttls-required';
    }
    const defaultPort = sec === 'implicit-tls' ? 465 : sec === 'plain' ? 25 : 587;
    const port = portOf(g, portE) ?? derived(defaultPort, `Vaultwarden default for ${sec}`, anchor);
    const badCert = g.get('SMTP_ACCEPT_INVALID_CERTS');
    const badHost = g.get('SMTP_ACCEPT_INVALID_HOSTNAMES');
    const off = [badCert, badHost].filter((e) => !!e && flagOf(valueOf(e)) === true);
    const creds = credentials(g, ['SMTP_USERNAME'], ['SMTP_PASSWORD']);
    return {
        file: g.file,
        ecosystem: 'vaultwarden',
        product: 'Vaultwarden (SMTP_*)',
        knobs: {
            requireStartTls: 'SMTP_SECURITY=starttls (required STARTTLS in Vaultwarden)',
            implicitTls: 'SMTP_SECURITY=force_tls with SMTP_PORT=465',
            verifyOn: 'remove SMTP_ACCEPT_INVALID_CERTS / SMTP_ACCEPT_INVALID_HOSTNAMES',
            port: 'SMTP_PORT',
            secretRef: `keep SMTP_PASSWORD out of committed files and ${SECRET_NOTE}`,
        },
        anchor,
        host: hostE ? hostSetting(g.file, hostE) : undefined,
        port,
        security: secSetting ?? security(sec, g.file, decided, [hostE, portE], anchor),
        tlsVerify: off.length ? verifyOff(g.file, off[0]) : undefined,
        verifyOffAlso: off.slice(1).map((e) => g.at(e)),
        ...creds,
    };
}
/** Outline `SMTP_*` (nodemailer underneath: SMTP_SECURE=true is implicit TLS). */
function outlineEnv(g) {
    const marker = ['SMTP_FROM_EMAIL', 'SMTP_REPLY_EMAIL', 'SMTP_TLS_CIPHERS', 'SMTP_SERVICE'];
    if (!marker.some((m) => g.has(m)) || !(g.has('SMTP_HOST') || g.has('SMTP_SERVICE')))
        return null;
    return nodemailerEnv(g, 'outline', 'Outline (SMTP_*)');
}
function nodemailerEnv(g, ecosystem, product) {
    const hostE = g.get('SMTP_HOST');
    const portE = g.get('SMTP_PORT');
    const secureE = g.get('SMTP_SECURE');
    const anchor = g.firstAt([hostE, portE, secureE]);
    const port = portOf(g, portE);
    const sv = valueOf(secureE);
    const secure = sv?.text === undefined ? undefined : sv.text === '' ? undefined : flagOf(sv);
    let secSetting;
    if (secureE && sv?.text === undefined)
        secSetting = unknownFromEnv(g.file, secureE);
    else {
        const implicit = secure ?? port?.value === 465;
        secSetting = security(implicit ? 'implicit-tls' : 'starttls-opportunistic', g.file, secure === undefined ? undefined : secureE, [hostE, portE], anchor);
    }
    const weak = [];
    const ciphers = g.get('SMTP_TLS_CIPHERS');
    const ct = valueOf(ciphers)?.text;
    if (ciphers && ct && /sslv3|rc4|des|null|export|md5/i.test(ct)) {
        weak.push({
            at: g.at(ciphers),
            message: `SMTP_TLS_CIPHERS='${ct}' allows weak or obsolete ciphers.`,
            fix: 'Remove SMTP_TLS_CIPHERS to use Node.js defaults.',
        });
    }
    return {
        file: g.file,
        ecosystem,
        product,
        knobs: {
            requireStartTls: null,
            implicitTls: 'SMTP_SECURE=true with SMTP_PORT=465',
            verifyOn: 'remove the setting that disables certificate checks',
            port: 'SMTP_PORT',
            secretRef: `keep SMTP_PASSWORD out of committed files and ${SECRET_NOTE}`,
        },
        anchor,
        host: hostE ? hostSetting(g.file, hostE) : undefined,
        port,
        security: secSetting,
        ...credentials(g, ['SMTP_USERNAME', 'SMTP_USER'], ['SMTP_PASSWORD']),
        weakTls: weak,
    };
}
/** Django settings as env (`EMAIL_HOST_USER`, `EMAIL_USE_TLS`: Django names only). */
function djangoEnv(g) {
    const marker = ['EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL'];
    if (!marker.some((m) => g.has(m)))
        return null;
    const hostE = g.get('EMAIL_HOST');
    const portE = g.get('EMAIL_PORT');
    const tlsE = g.get('EMAIL_USE_TLS');
    const sslE = g.get('EMAIL_USE_SSL');
    const backend = lower(valueOf(g.get('EMAIL_BACKEND')));
    const anchor = g.firstAt([hostE, portE, tlsE, sslE]);
    const port = portOf(g, portE) ?? derived(25, 'Django default 25', anchor);
    const tls = flagOf(valueOf(tlsE));
    const ssl = flagOf(valueOf(sslE));
    const conflicts = [];
    let secSetting;
    if ((tlsE && valueOf(tlsE)?.text === undefined) || (sslE && valueOf(sslE)?.text === undefined)) {
        secSetting = unknownFromEnv(g.file, (tlsE ?? sslE));
    }
    else if (ssl) {
        secSetting = security('implicit-tls', g.file, sslE, [], anchor);
        if (tls && tlsE && sslE) {
            conflicts.push({
                at: g.at(tlsE),
                message: 'EMAIL_USE_TLS and EMAIL_USE_SSL are both true: Django raises "ValueError: EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive" when it sends.',
                fix: 'Keep one: EMAIL_USE_SSL=True for port 465, or EMAIL_USE_TLS=True for port 587.',
                related: [g.at(sslE)],
            });
        }
    }
    else if (tls)
        secSetting = security('starttls-required', g.file, tlsE, [], anchor);
    else
        secSetting = security('plain', g.file, tlsE ?? sslE, [hostE, portE], anchor);
    return {
        file: g.file,
        ecosystem: 'django',
        product: 'Django (EMAIL_*)',
        knobs: {
            requireStartTls: 'EMAIL_USE_TLS=True (Django then requires STARTTLS)',
            implicitTls: 'EMAIL_USE_SSL=True with EMAIL_PORT=465',
            verifyOn: 'use the stock SMTP backend (Django 4+ verifies certificates)',
            port: 'EMAIL_PORT',
            secretRef: `keep EMAIL_HOST_PASSWORD out of committed files and ${SECRET_NOTE}`,
        },
        anchor,
        active: !backend || backend.includes('smtp'),
        inactiveReason: `EMAIL_BACKEND is '${backend}'`,
        host: hostE ? hostSetting(g.file, hostE) : undefined,
        port,
        security: secSetting,
        ...credentials(g, ['EMAIL_HOST_USER'], ['EMAIL_HOST_PASSWORD']),
        conflicts,
    };
}
/** Grafana `GF_SMTP_*` (same semantics as `[smtp]` in grafana.ini). */
function grafanaEnvKeys(g) {
    if (!g.keys().some((key) => key.startsWith('GF_SMTP_')))
        return null;
    const pick = (k) => g.get('GF_SMTP_' + k);
    return {
        enabled: pick('ENABLED'),
        host: pick('HOST'),
        user: pick('USER'),
        password: pick('PASSWORD'),
        skip_verify: pick('SKIP_VERIFY'),
        startTLS_policy: pick('STARTTLS_POLICY'),
    };
}
/**
 * Any other `*SMTP_*`, `*MAIL_*`, `*EMAIL_*` family: host/port/user/password with the product
 * unknown, so the security is unknown unless a key says implicit TLS plainly.
 */
function genericEnv(g) {
    const out = [];
    const HOST = /^(.*?)(SMTP|MAIL|EMAIL|MAILER|SMARTHOST)_{1,2}(HOST|SERVER|ADDRESS|ADDR|HOSTNAME|SMTP_HOST|SMTP_SERVER|SMTPHOST|SMTPSERVER)$/;
    const seen = new Set();
    for (const key of g.keys()) {
        const m = HOST.exec(key);
        if (!m)
            continue;
        const e = g.peek(key);
        if (!e || g.used.has(e))
            continue;
        const prefix = `${m[1]}${m[2]}_`;
        if (seen.has(prefix))
            continue;
        seen.add(prefix);
        const find = (...names) => {
            for (const n of names) {
                for (const sep of ['_', '__']) {
                    const full = `${m[1]}${m[2]}${sep}${n}`;
                    const hit = g.peek(full);
                    if (hit && !g.used.has(hit))
                        return g.get(full);
                }
            }
            return undefined;
        };
        const hostE = g.get(key);
        // A host value that is a URL is read by the DSN reader instead.
        if (hostE && /^[a-z+]+:\/\//i.test(String(hostE.value ?? '')))
            continue;
        const portE = find('PORT', 'SMTP_PORT', 'SMTPPORT');
        const userE = find('USER', 'USERNAME', 'USER_NAME', 'LOGIN', 'HOST_USER', 'SMTP_USER', 'SMTP_USERNAME', 'AUTH_USER', 'SMTPUSER', 'SMTPNAME', 'SMTP_NAME');
        const passE = find('PASSWORD', 'PASS', 'PASSWD', 'PWD', 'HOST_PASSWORD', 'SMTP_PASSWORD', 'AUTH_PASS', 'AUTH_PASSWORD', 'SMTPPASSWORD');
        const secureE = find('SECURE', 'SSL', 'TLS', 'USE_SSL', 'USE_TLS', 'SECURITY', 'ENCRYPTION', 'STARTTLS', 'IMPLICIT_TLS', 'SCHEME', 'SMTPSECURE', 'SMTP_SECURE');
        const enabledE = find('ENABLED', 'ENABLE');
        const anchor = g.firstAt([hostE, portE]);
        const port = portE ? portSetting(g.file, portE) : undefined;
        let sec = {
            value: 'unknown',
            raw: 'no security key',
            at: anchor,
            origin: 'derived',
        };
        if (secureE) {
            const v = valueOf(secureE);
            const t = lower(v);
            const keyName = (secureE.path.at(-1) ?? '').toUpperCase();
            const implicitWords = ['ssl', 'smtps', 'implicit', 'force_tls', 'tls-implicit', 'ssl/tls'];
            if (t === undefined)
                sec = unknownFromEnv(g.file, secureE);
            else if (implicitWords.includes(t) ||
                (/SSL|SECURE|IMPLICIT/.test(keyName) && flagOf(v) === true))
                sec = security('implicit-tls', g.file, secureE, [], anchor);
            else
                sec = {
                    value: 'unknown',
                    raw: secureE.raw,
                    at: g.at(secureE),
                    origin: 'literal',
                    key: keyName,
                };
        }
        const enabled = enabledE ? flagOf(valueOf(enabledE)) : undefined;
        out.push({
            file: g.file,
            ecosystem: 'env',
            product: `environment variables (${m[1]}${m[2]}_*)`,
            knobs: {
                requireStartTls: null,
                implicitTls: 'implicit TLS on port 465 (see your mail library for the key)',
                verifyOn: 'remove the setting that disables certificate checks',
                port: portE ? String(portE.path.at(-1)) : `${m[1]}${m[2]}_PORT`,
                secretRef: `keep the password out of committed files and ${SECRET_NOTE}`,
            },
            anchor,
            active: enabled !== false,
            inactiveReason: enabledE ? `${enabledE.path.at(-1)} is false` : undefined,
            host: hostSetting(g.file, hostE),
            port,
            security: sec,
            user: userE ? stringSetting(g.file, userE) : undefined,
            password: passE ? secretSetting(g.file, passE) : undefined,
        });
    }
    return out;
}

/** Read Gitea mailer keys through `name(KEY)`, e.g. `GITEA__mailer__` + KEY, or the bare key in [mailer]. */
function giteaMailer(g, name, product) {
    const get = (k) => g.get(name(k));
    const hostE = get('SMTP_ADDR');
    const legacyHostE = hostE ? undefined : get('HOST');
    const portE = get('SMTP_PORT');
    const protoE = get('PROTOCOL');
    if (!hostE && !legacyHostE && !protoE && !portE)
        return null;
    const enabledE = get('ENABLED');
    const isTlsE = get('IS_TLS_ENABLED');
    const trustE = get('FORCE_TRUST_SERVER_CERT') ?? get('SKIP_VERIFY');
    const anchor = g.firstAt([hostE, legacyHostE, portE, protoE]);
    let host = hostE ? hostSetting(g.file, hostE) : undefined;
    let port = portE ? portSetting(g.file, portE) : undefined;
    if (legacyHostE) {
        const v = valueOf(legacyHostE);
        if (v?.text !== undefined) {
            const hp = splitHostPort(v.text);
            host = hostSetting(g.file, legacyHostE, hp.host);
            if (!port && hp.port)
                port = portSetting(g.file, legacyHostE, hp.port);
        }
        else
            host = hostSetting(g.file, legacyHostE);
    }
    const pv = valueOf(protoE);
    let proto = lower(pv);
    let decided = protoE;
    const ignored = [];
    if (!protoE && isTlsE) {
        proto = flagOf(valueOf(isTlsE)) ? 'smtps' : 'smtp+starttls';
        decided = isTlsE;
    }
    if (proto === 'smtp+startls')
        proto = 'smtp+starttls';
    let secSetting;
    if (protoE && pv?.text === undefined)
        secSetting = unknownFromEnv(g.file, protoE);
    const p = port?.value;
    if (!proto && !secSetting) {
        if (p === 25)
            proto = 'smtp';
        else if (p === 465)
            proto = 'smtps';
        else if (p === 587)
            proto = 'smtp+starttls';
        else if (p !== undefined) {
            proto = 'smtps';
            ignored.push({
                at: port.at,
                message: `No PROTOCOL with port ${p}: Gitea assumes smtps (implicit TLS) for any port other than 25, 465 and 587 and logs an error.`,
                fix: `Set PROTOCOL explicitly (smtp+starttls for a STARTTLS port such as ${p}).`,
            });
        }
    }
    if (!port && proto && !secSetting) {
        const d = proto === 'smtps' ? 465 : proto === 'smtp+starttls' ? 587 : proto === 'smtp' ? 25 : undefined;
        if (d)
            port = derived(d, `Gitea default for ${proto}`, anchor);
    }
    if (!secSetting) {
        const sec = proto === 'smtps'
            ? 'implicit-tls'
            : proto === 'smtp+starttls'
                ? 'starttls-opportunistic'
                : proto === 'smtp'
                    ? 'plain'
                    : 'unknown';
        secSetting = security(sec, g.file, decided, [hostE ?? legacyHostE, portE], anchor);
    }
    const proto2 = proto ?? '';
    const inactive = (enabledE && flagOf(valueOf(enabledE)) === false) ||
        ['sendmail', 'dummy', 'smtp+unix'].includes(proto2);
    return {
        file: g.file,
        ecosystem: 'gitea',
        product,
        knobs: {
            requireStartTls: null,
            implicitTls: `${name('PROTOCOL')}=smtps with ${name('SMTP_PORT')}=465`,
            verifyOn: `remove ${name('FORCE_TRUST_SERVER_CERT')}`,
            port: name('SMTP_PORT'),
            secretRef: `keep ${name('PASSWD')} out of committed files (reference a secret set outside the repository)`,
        },
        anchor,
        active: !inactive,
        inactiveReason: inactive ? 'the mailer is disabled or not SMTP' : undefined,
        host,
        port,
        security: secSetting,
        tlsVerify: trustE && flagOf(valueOf(trustE)) ? verifyOff(g.file, trustE) : undefined,
        user: get('USER') ? stringSetting(g.file, g.peek(name('USER'))) : undefined,
        password: get('PASSWD') ? secretSetting(g.file, g.peek(name('PASSWD'))) : undefined,
        ignored,
    };
}
/** Env forms: `GITEA__mailer__KEY` and any `<PREFIX>MAILER_SMTP_ADDR`-style family. */
function giteaEnv(g) {
    const out = [];
    const prefixes = new Set();
    for (const key of g.keys()) {
        const m = /^(.*?MAILER_{1,2})(SMTP_ADDR|PROTOCOL)$/.exec(key);
        if (m)
            prefixes.add(m[1]);
    }
    for (const prefix of prefixes) {
        const d = giteaMailer(g, (k) => prefix + k, prefix.startsWith('GITEA__') ? 'Gitea (GITEA__mailer__*)' : `Gitea mailer (${prefix}*)`);
        if (d)
            out.push(d);
    }
    return out;
}

const POLICIES = {
    OpportunisticStartTLS: 'starttls-opportunistic',
    MandatoryStartTLS: 'starttls-required',
    NoStartTLS: 'plain',
};
/** `key = value` in INI, `KEY=value` for env. */
function assign(name, value) {
    return /^GF_/.test(name) ? `${name}=${value}` : `${name} = ${value}`;
}
function grafanaSmtp(file, k, names) {
    if (!k.host && !k.user && !k.password && !k.startTLS_policy)
        return null;
    const present = [k.host, k.enabled, k.user, k.password, k.startTLS_policy].filter((e) => !!e);
    present.sort((a, b) => a.line - b.line);
    const anchor = k.host ? { file, line: k.host.line } : { file, line: present[0].line };
    let host;
    let port;
    const ignored = [];
    if (k.host) {
        const v = valueOf(k.host);
        if (v?.text !== undefined) {
            const hp = splitHostPort(v.text);
            host = hostSetting(file, k.host, hp.host);
            if (hp.port)
                port = portSetting(file, k.host, hp.port);
            else if (hp.host) {
                ignored.push({
                    at: host.at,
                    message: `host = ${hp.host} has no port: Grafana splits host:port and fails to send ("missing port in address").`,
                    fix: `Write the port into host, e.g. host = ${hp.host}:587.`,
                });
            }
        }
        else
            host = hostSetting(file, k.host);
    }
    else {
        host = derived('localhost', 'Grafana default localhost:25', anchor);
        port = derived(25, 'Grafana default localhost:25', anchor);
    }
    let sec;
    const pol = k.startTLS_policy;
    const pv = valueOf(pol);
    if (port?.value === 465)
        sec = security('implicit-tls', file, k.host, [], anchor, 'port 465 in host');
    else if (pol && pv?.text === undefined)
        sec = unknownFromEnv(file, pol);
    else if (pol && pv?.text) {
        const exact = POLICIES[pv.text.trim()];
        if (exact)
            sec = security(exact, file, pol, [], anchor);
        else {
            sec = security('starttls-opportunistic', file, pol, [], anchor);
            ignored.push({
                at: { file, line: pol.line, column: pol.column },
                message: `${assign(names.policy, pv.text.trim())} is not a value Grafana knows (OpportunisticStartTLS, MandatoryStartTLS, NoStartTLS): it silently falls back to opportunistic STARTTLS.`,
                fix: `Set ${assign(names.policy, 'MandatoryStartTLS')}.`,
            });
        }
    }
    else
        sec = security('starttls-opportunistic', file, undefined, [k.host], anchor);
    const enabled = k.enabled ? flagOf(valueOf(k.enabled)) : undefined;
    return {
        file,
        ecosystem: 'grafana',
        product: 'Grafana [smtp]',
        knobs: {
            requireStartTls: assign(names.policy, 'MandatoryStartTLS'),
            implicitTls: `${assign(names.host, 'HOST:465')} (Grafana uses implicit TLS on 465)`,
            verifyOn: `remove ${names.verify ?? 'skip_verify = true'}`,
            port: `${names.host} (the port goes inside it: HOST:587)`,
            secretRef: 'reference it as password = $__env{GF_SMTP_PASSWORD} or set GF_SMTP_PASSWORD outside the repository',
        },
        anchor,
        active: enabled !== false,
        inactiveReason: 'enabled = false',
        host,
        port,
        security: sec,
        tlsVerify: k.skip_verify && flagOf(valueOf(k.skip_verify)) ? verifyOff(file, k.skip_verify) : undefined,
        user: k.user ? stringSetting(file, k.user) : undefined,
        password: k.password ? secretSetting(file, k.password) : undefined,
        ignored,
    };
}

class Group {
    file;
    entries;
    byKey = new Map();
    used = new Set();
    constructor(file, entries, keyOf = (e) => e.path[e.path.length - 1] ?? '') {
        this.file = file;
        this.entries = entries;
        for (const e of entries) {
            if (e.commented)
                continue;
            this.byKey.set(keyOf(e).toUpperCase(), e);
        }
    }
    /** The first present key among `names` (case-insensitive); marks it used. */
    get(...names) {
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
    peek(...names) {
        for (const n of names) {
            const e = this.byKey.get(n.toUpperCase());
            if (e)
                return e;
        }
        return undefined;
    }
    keys() {
        return [...this.byKey.keys()];
    }
    has(name) {
        return this.byKey.has(name.toUpperCase());
    }
    /** The string value of a key (YAML booleans/numbers as text), or undefined. */
    text(...names) {
        const e = this.peek(...names);
        if (!e)
            return undefined;
        return e.value === null ? '' : typeof e.value === 'string' ? e.value : String(e.value);
    }
    at(e) {
        return locate(this.file, e);
    }
    /** Location of the first entry in file order (an anchor when there is no host key). */
    firstAt(entries) {
        const present = entries.filter((e) => !!e).sort((a, b) => a.line - b.line);
        return present.length
            ? this.at(present[0])
            : { file: this.file, line: this.entries[0]?.line ?? 1 };
    }
}

var Aliyun = {
	aliases: [
	],
	domains: [
		"aliyun.com"
	],
	host: "smtp.aliyun.com",
	port: 465,
	secure: true
};
var AliyunQiye = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.qiye.aliyun.com",
	port: 465,
	secure: true
};
var AOL = {
	aliases: [
	],
	domains: [
		"aol.com"
	],
	host: "smtp.aol.com",
	port: 587,
	secure: false
};
var Aruba = {
	aliases: [
		"Aruba PEC"
	],
	domains: [
		"aruba.it",
		"pec.aruba.it"
	],
	host: "smtps.aruba.it",
	port: 465,
	secure: true
};
var Bluewin = {
	aliases: [
	],
	domains: [
		"bluewin.ch"
	],
	host: "smtpauths.bluewin.ch",
	port: 465,
	secure: false
};
var BOL = {
	aliases: [
	],
	domains: [
		"bol.com.br"
	],
	host: "smtp.bol.com.br",
	port: 587,
	secure: false
};
var DebugMail = {
	aliases: [
	],
	domains: [
	],
	host: "debugmail.io",
	port: 25,
	secure: false
};
var Disroot = {
	aliases: [
	],
	domains: [
		"disroot.org"
	],
	host: "disroot.org",
	port: 587,
	secure: false
};
var DynectEmail = {
	aliases: [
		"Dynect"
	],
	domains: [
	],
	host: "smtp.dynect.net",
	port: 25,
	secure: false
};
var ElasticEmail = {
	aliases: [
		"Elastic Email"
	],
	domains: [
	],
	host: "smtp.elasticemail.com",
	port: 465,
	secure: true
};
var Ethereal = {
	aliases: [
		"ethereal.email"
	],
	domains: [
	],
	host: "smtp.ethereal.email",
	port: 587,
	secure: false
};
var FastMail = {
	aliases: [
	],
	domains: [
		"fastmail.com",
		"fastmail.fm"
	],
	host: "smtp.fastmail.com",
	port: 465,
	secure: true
};
var GandiMail = {
	aliases: [
		"Gandi",
		"Gandi Mail"
	],
	domains: [
	],
	host: "mail.gandi.net",
	port: 587,
	secure: false
};
var Gmail = {
	aliases: [
		"Google Mail"
	],
	domains: [
		"gmail.com",
		"googlemail.com"
	],
	host: "smtp.gmail.com",
	port: 465,
	secure: true
};
var GmailWorkspace = {
	aliases: [
		"Google Workspace Mail"
	],
	domains: [
	],
	host: "smtp-relay.gmail.com",
	port: 465,
	secure: true
};
var GMX = {
	aliases: [
	],
	domains: [
		"gmx.com",
		"gmx.net",
		"gmx.de"
	],
	host: "mail.gmx.com",
	port: 587,
	secure: false
};
var Godaddy = {
	aliases: [
	],
	domains: [
	],
	host: "smtpout.secureserver.net",
	port: 25,
	secure: false
};
var GodaddyAsia = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.asia.secureserver.net",
	port: 25,
	secure: false
};
var GodaddyEurope = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.europe.secureserver.net",
	port: 25,
	secure: false
};
var Groundmail = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.groundmail.dev",
	port: 587,
	secure: false
};
var Hotmail = {
	aliases: [
		"Outlook",
		"Outlook.com",
		"Hotmail.com"
	],
	domains: [
		"hotmail.com",
		"outlook.com"
	],
	host: "smtp-mail.outlook.com",
	port: 587,
	secure: false
};
var iCloud = {
	aliases: [
		"Me",
		"Mac"
	],
	domains: [
		"icloud.com",
		"me.com",
		"mac.com"
	],
	host: "smtp.mail.me.com",
	port: 587,
	secure: false
};
var Infomaniak = {
	aliases: [
	],
	domains: [
		"ik.me",
		"ikmail.com",
		"etik.com"
	],
	host: "mail.infomaniak.com",
	port: 587,
	secure: false
};
var KolabNow = {
	aliases: [
		"Kolab"
	],
	domains: [
		"kolabnow.com"
	],
	host: "smtp.kolabnow.com",
	port: 465,
	secure: true
};
var Loopia = {
	aliases: [
	],
	domains: [
	],
	host: "mailcluster.loopia.se",
	port: 465,
	secure: false
};
var Loops = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.loops.so",
	port: 587,
	secure: false
};
var Maildev = {
	aliases: [
	],
	domains: [
	],
	port: 1025,
	secure: false
};
var MailerSend = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.mailersend.net",
	port: 587,
	secure: false
};
var Mailgun = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.mailgun.org",
	port: 465,
	secure: true
};
var Mailjet = {
	aliases: [
	],
	domains: [
	],
	host: "in.mailjet.com",
	port: 587,
	secure: false
};
var Mailosaur = {
	aliases: [
	],
	domains: [
	],
	host: "mailosaur.io",
	port: 25,
	secure: false
};
var MailSenpai = {
	aliases: [
	],
	domains: [
	],
	host: "relay.mailsenpai.com",
	port: 2525,
	secure: false
};
var Mailtrap = {
	aliases: [
	],
	domains: [
	],
	host: "live.smtp.mailtrap.io",
	port: 587,
	secure: false
};
var Mandrill = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.mandrillapp.com",
	port: 587,
	secure: false
};
var Naver = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.naver.com",
	port: 587,
	secure: false
};
var OhMySMTP = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.ohmysmtp.com",
	port: 587,
	secure: false
};
var One = {
	aliases: [
	],
	domains: [
	],
	host: "send.one.com",
	port: 465,
	secure: true
};
var OpenMailBox = {
	aliases: [
		"OMB",
		"openmailbox.org"
	],
	domains: [
	],
	host: "smtp.openmailbox.org",
	port: 465,
	secure: true
};
var Outlook365 = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.office365.com",
	port: 587,
	secure: false
};
var Oveyon = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.oveyon.com",
	port: 587,
	secure: false
};
var Postmark = {
	aliases: [
		"PostmarkApp"
	],
	domains: [
	],
	host: "smtp.postmarkapp.com",
	port: 2525,
	secure: false
};
var Proton = {
	aliases: [
		"ProtonMail",
		"Proton.me",
		"Protonmail.com",
		"Protonmail.ch"
	],
	domains: [
		"proton.me",
		"protonmail.com",
		"pm.me",
		"protonmail.ch"
	],
	host: "smtp.protonmail.ch",
	port: 587,
	secure: false
};
var QQ = {
	aliases: [
	],
	domains: [
		"qq.com"
	],
	host: "smtp.qq.com",
	port: 465,
	secure: true
};
var QQex = {
	aliases: [
		"QQ Enterprise"
	],
	domains: [
		"exmail.qq.com"
	],
	host: "smtp.exmail.qq.com",
	port: 465,
	secure: true
};
var Resend = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.resend.com",
	port: 465,
	secure: true
};
var Runbox = {
	aliases: [
	],
	domains: [
		"runbox.com"
	],
	host: "smtp.runbox.com",
	port: 465,
	secure: true
};
var SendCloud = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.sendcloud.net",
	port: 2525,
	secure: false
};
var SendGrid = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.sendgrid.net",
	port: 587,
	secure: false
};
var SendinBlue = {
	aliases: [
		"Brevo"
	],
	domains: [
	],
	host: "smtp-relay.brevo.com",
	port: 587,
	secure: false
};
var Sendora = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.sendora.se",
	port: 465,
	secure: true
};
var SendPulse = {
	aliases: [
	],
	domains: [
	],
	host: "smtp-pulse.com",
	port: 465,
	secure: true
};
var SES = {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-east-1.amazonaws.com",
	port: 465,
	secure: true
};
var Seznam = {
	aliases: [
		"Seznam Email"
	],
	domains: [
		"seznam.cz",
		"email.cz",
		"post.cz",
		"spoluzaci.cz"
	],
	host: "smtp.seznam.cz",
	port: 465,
	secure: true
};
var SMTP2GO = {
	aliases: [
	],
	domains: [
	],
	host: "mail.smtp2go.com",
	port: 2525,
	secure: false
};
var SpacePost = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.spacepost.dev",
	port: 25976,
	secure: false
};
var Sparkpost = {
	aliases: [
		"SparkPost",
		"SparkPost Mail"
	],
	domains: [
		"sparkpost.com"
	],
	host: "smtp.sparkpostmail.com",
	port: 587,
	secure: false
};
var Tipimail = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.tipimail.com",
	port: 587,
	secure: false
};
var TurboSMTP = {
	aliases: [
	],
	domains: [
	],
	host: "pro.turbo-smtp.com",
	port: 465,
	secure: true
};
var Tutanota = {
	aliases: [
	],
	domains: [
		"tutanota.com",
		"tuta.com",
		"tutanota.de",
		"tuta.io"
	],
	host: "smtp.tutanota.com",
	port: 465,
	secure: true
};
var Yahoo = {
	aliases: [
	],
	domains: [
		"yahoo.com"
	],
	host: "smtp.mail.yahoo.com",
	port: 465,
	secure: true
};
var Yandex = {
	aliases: [
	],
	domains: [
		"yandex.ru"
	],
	host: "smtp.yandex.ru",
	port: 465,
	secure: true
};
var Zimbra = {
	aliases: [
		"Zimbra Collaboration"
	],
	domains: [
	],
	host: "smtp.zimbra.com",
	port: 587,
	secure: false
};
var Zoho = {
	aliases: [
	],
	domains: [
	],
	host: "smtp.zoho.com",
	port: 465,
	secure: true
};
var services = {
	"126": {
	aliases: [
	],
	domains: [
	],
	host: "smtp.126.com",
	port: 465,
	secure: true
},
	"163": {
	aliases: [
	],
	domains: [
	],
	host: "smtp.163.com",
	port: 465,
	secure: true
},
	"1und1": {
	aliases: [
	],
	domains: [
	],
	host: "smtp.1und1.de",
	port: 465,
	secure: true
},
	Aliyun: Aliyun,
	AliyunQiye: AliyunQiye,
	AOL: AOL,
	Aruba: Aruba,
	Bluewin: Bluewin,
	BOL: BOL,
	DebugMail: DebugMail,
	Disroot: Disroot,
	DynectEmail: DynectEmail,
	ElasticEmail: ElasticEmail,
	Ethereal: Ethereal,
	FastMail: FastMail,
	"Feishu Mail": {
	aliases: [
		"Feishu",
		"FeishuMail"
	],
	domains: [
		"www.feishu.cn"
	],
	host: "smtp.feishu.cn",
	port: 465,
	secure: true
},
	"Forward Email": {
	aliases: [
		"FE",
		"ForwardEmail"
	],
	domains: [
		"forwardemail.net"
	],
	host: "smtp.forwardemail.net",
	port: 465,
	secure: true
},
	GandiMail: GandiMail,
	Gmail: Gmail,
	GmailWorkspace: GmailWorkspace,
	GMX: GMX,
	Godaddy: Godaddy,
	GodaddyAsia: GodaddyAsia,
	GodaddyEurope: GodaddyEurope,
	Groundmail: Groundmail,
	"hot.ee": {
	aliases: [
	],
	domains: [
	],
	host: "mail.hot.ee",
	secure: false
},
	Hotmail: Hotmail,
	iCloud: iCloud,
	Infomaniak: Infomaniak,
	KolabNow: KolabNow,
	Loopia: Loopia,
	Loops: Loops,
	"mail.ee": {
	aliases: [
	],
	domains: [
	],
	host: "smtp.mail.ee",
	secure: false
},
	"Mail.ru": {
	aliases: [
	],
	domains: [
	],
	host: "smtp.mail.ru",
	port: 465,
	secure: true
},
	"Mailcatch.app": {
	aliases: [
	],
	domains: [
	],
	host: "sandbox-smtp.mailcatch.app",
	port: 2525,
	secure: false
},
	Maildev: Maildev,
	MailerSend: MailerSend,
	Mailgun: Mailgun,
	Mailjet: Mailjet,
	Mailosaur: Mailosaur,
	MailSenpai: MailSenpai,
	Mailtrap: Mailtrap,
	Mandrill: Mandrill,
	Naver: Naver,
	OhMySMTP: OhMySMTP,
	One: One,
	OpenMailBox: OpenMailBox,
	Outlook365: Outlook365,
	Oveyon: Oveyon,
	Postmark: Postmark,
	Proton: Proton,
	"qiye.aliyun": {
	aliases: [
	],
	domains: [
	],
	host: "smtp.mxhichina.com",
	port: "465",
	secure: true
},
	QQ: QQ,
	QQex: QQex,
	Resend: Resend,
	Runbox: Runbox,
	SendCloud: SendCloud,
	SendGrid: SendGrid,
	SendinBlue: SendinBlue,
	Sendora: Sendora,
	SendPulse: SendPulse,
	SES: SES,
	"SES-AP-NORTHEAST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ap-northeast-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-AP-NORTHEAST-2": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ap-northeast-2.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-AP-NORTHEAST-3": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ap-northeast-3.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-AP-SOUTH-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ap-south-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-AP-SOUTHEAST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ap-southeast-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-AP-SOUTHEAST-2": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ap-southeast-2.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-CA-CENTRAL-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.ca-central-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-EU-CENTRAL-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.eu-central-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-EU-NORTH-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.eu-north-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-EU-WEST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.eu-west-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-EU-WEST-2": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.eu-west-2.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-EU-WEST-3": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.eu-west-3.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-SA-EAST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.sa-east-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-US-EAST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-east-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-US-EAST-2": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-east-2.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-US-GOV-EAST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-gov-east-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-US-GOV-WEST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-gov-west-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-US-WEST-1": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-west-1.amazonaws.com",
	port: 465,
	secure: true
},
	"SES-US-WEST-2": {
	aliases: [
	],
	domains: [
	],
	host: "email-smtp.us-west-2.amazonaws.com",
	port: 465,
	secure: true
},
	Seznam: Seznam,
	SMTP2GO: SMTP2GO,
	SpacePost: SpacePost,
	Sparkpost: Sparkpost,
	Tipimail: Tipimail,
	TurboSMTP: TurboSMTP,
	"TurboSMTP-EU": {
	aliases: [
	],
	domains: [
	],
	host: "pro.eu.turbo-smtp.com",
	port: 465,
	secure: true
},
	Tutanota: Tutanota,
	Yahoo: Yahoo,
	Yandex: Yandex,
	Zimbra: Zimbra,
	Zoho: Zoho
};

const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const PRESETS = new Map();
for (const [name, s] of Object.entries(services)) {
    if (!s.host)
        continue;
    const p = { host: s.host, port: s.port ?? (s.secure ? 465 : 587), secure: s.secure, name };
    for (const k of [name, ...s.aliases, ...s.domains])
        PRESETS.set(norm(k), p);
}
/** nodemailer's well-known service preset for a name (`Gmail`, `gmail.com`, `Outlook365`...). */
function servicePreset(name) {
    return PRESETS.get(norm(name));
}
const NODEMAILER_KNOBS = {
    requireStartTls: 'requireTLS: true (with secure: false on port 587)',
    implicitTls: 'secure: true with port: 465',
    verifyOn: 'remove tls.rejectUnauthorized: false (fix the server certificate or pass its CA in tls.ca)',
    port: 'port',
    secretRef: 'read auth.pass from the environment (process.env.SMTP_PASS) or a secret store',
};
/**
 * Read one options object. `keys` maps a dotted path relative to the options object (`host`,
 * `auth.pass`, `tls.rejectUnauthorized`) to its entry.
 */
function nodemailerOptions(file, keys, ecosystem, product, anchorEntry) {
    const k = (name) => keys.get(name);
    const hostE = k('host');
    const portE = k('port');
    const serviceE = k('service') ?? k('wellKnown');
    if (!hostE && !portE && !serviceE && !k('auth.user'))
        return null;
    const all = [...keys.values()].sort((a, b) => a.line - b.line);
    const anchorLine = hostE ?? serviceE ?? anchorEntry ?? all[0];
    const anchor = { file, line: anchorLine.line };
    const svcName = valueOf(serviceE)?.text;
    const preset = svcName ? servicePreset(svcName) : undefined;
    const ignored = [];
    let host = hostE ? hostSetting(file, hostE) : undefined;
    let port = portE ? portSetting(file, portE) : undefined;
    if (!host && preset && serviceE)
        host = {
            value: preset.host,
            raw: `service '${svcName}'`,
            at: { file, line: serviceE.line, column: serviceE.column },
            origin: 'derived',
            key: 'service',
        };
    if (serviceE && svcName && !preset) {
        ignored.push({
            at: { file, line: serviceE.line, column: serviceE.column },
            message: `service: '${svcName}' is not one of nodemailer's well-known services, so it is ignored and nodemailer connects to ${hostE ? 'host' : 'localhost'}.`,
            fix: 'Use a name from nodemailer/lib/well-known/services.json, or set host, port and secure explicitly.',
        });
    }
    const secureE = k('secure');
    const legacyE = k('secureConnection');
    const sv = valueOf(secureE);
    let secure = sv?.text === undefined || sv.text === '' ? undefined : flagOf(sv);
    if (secure === undefined && !secureE && preset)
        secure = preset.secure;
    if (!port) {
        const pd = preset && !hostE ? preset.port : secure ? 465 : 587;
        port = derived(pd, preset && !hostE ? `service '${svcName}'` : 'nodemailer default', serviceE ? { file, line: serviceE.line } : anchor);
    }
    if (legacyE && !secureE) {
        ignored.push({
            at: { file, line: legacyE.line, column: legacyE.column },
            message: 'secureConnection is the nodemailer 0.x name: current nodemailer ignores it, so it does not switch on implicit TLS.',
            fix: 'Rename it to secure.',
        });
    }
    const requireE = k('requireTLS');
    const ignoreE = k('ignoreTLS');
    const oppE = k('opportunisticTLS');
    let sec;
    if (secureE && sv?.text === undefined)
        sec = unknownFromEnv(file, secureE);
    else if (port.value === undefined && secure === undefined)
        sec = {
            value: 'unknown',
            raw: 'port unknown',
            at: anchor,
            origin: port.origin === 'env' ? 'env' : 'derived',
        };
    else {
        const implicit = secure ?? port.value === 465;
        if (implicit)
            sec = security('implicit-tls', file, secureE ?? serviceE, [hostE, portE], anchor);
        else if (ignoreE && flagOf(valueOf(ignoreE)))
            sec = security('plain', file, ignoreE, [], anchor);
        else if (requireE && flagOf(valueOf(requireE)) && !(oppE && flagOf(valueOf(oppE))))
            sec = security('starttls-required', file, requireE, [], anchor);
        else
            sec = security('starttls-opportunistic', file, requireE ?? secureE ?? serviceE, [hostE, portE], anchor);
    }
    const rejE = k('tls.rejectUnauthorized');
    const tlsVerify = rejE && flagOf(valueOf(rejE)) === false ? verifyOff(file, rejE) : undefined;
    const minE = k('tls.minVersion') ?? k('tls.maxVersion');
    const minV = valueOf(k('tls.minVersion'))?.text;
    const minTls = minE && minV
        ? {
            value: minV,
            raw: minV,
            at: { file, line: minE.line, column: minE.column },
            origin: 'literal',
            key: 'tls.minVersion',
        }
        : undefined;
    const weak = [];
    const ciphersE = k('tls.ciphers');
    const ciphers = valueOf(ciphersE)?.text;
    if (ciphersE && ciphers && /sslv3|rc4|des|null|export|md5/i.test(ciphers)) {
        weak.push({
            at: { file, line: ciphersE.line, column: ciphersE.column },
            message: `tls.ciphers: '${ciphers}' asks for obsolete ciphers (a copy-pasted Outlook snippet): it weakens or breaks the TLS handshake.`,
            fix: "Remove tls.ciphers to use Node.js's defaults.",
        });
    }
    const dbgE = [k('debug'), k('logger')]
        .filter((e) => !!e && flagOf(valueOf(e)) === true)
        .sort((a, b) => b.line - a.line)[0];
    const authType = lower(valueOf(k('auth.type')));
    const userE = k('auth.user');
    const passE = k('auth.pass');
    return {
        file,
        ecosystem,
        product,
        knobs: NODEMAILER_KNOBS,
        anchor,
        host,
        port,
        security: sec,
        tlsVerify,
        minTls,
        user: userE ? stringSetting(file, userE) : undefined,
        password: passE ? secretSetting(file, passE) : undefined,
        authMethod: authType
            ? {
                value: authType,
                raw: authType,
                at: { file, line: k('auth.type').line },
                origin: 'literal',
            }
            : undefined,
        authIntended: !!userE || !!passE || !!k('auth.type') || !!k('auth.accessToken') || !!k('auth.refreshToken'),
        debug: dbgE
            ? {
                value: true,
                raw: String(dbgE.value),
                at: { file, line: dbgE.line, column: dbgE.column },
                origin: 'literal',
                key: dbgE.path.at(-1),
            }
            : undefined,
        ignored,
        weakTls: weak,
    };
}

/** Normalised dotted key of an entry: YAML `"[mail.smtp.auth]"` segments unwrapped. */
function dottedKey(e) {
    return e.path.map((s) => s.replace(/^\[(.*)\]$/, '$1')).join('.');
}
/** Spring relaxed binding for env names: SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH → spring.mail.properties.mail.smtp.auth */
function springEnvKey(name) {
    if (!/^SPRING_MAIL_/i.test(name))
        return undefined;
    return name.toLowerCase().replace(/_/g, '.');
}
/**
 * Read one Spring/JavaMail block. `keys` maps a dotted key (relative: `host`, `properties.mail.smtp.auth`
 * for Spring; `mail.smtp.host` for raw JavaMail) to its entry.
 */
function springMail(file, keys, flavour) {
    const sp = (k) => (flavour === 'spring' ? keys.get(k) : undefined);
    const prop = (k) => (flavour === 'spring' ? keys.get(`properties.${k}`) : keys.get(k));
    const protoE = sp('protocol') ?? prop('mail.transport.protocol');
    const proto = lower(valueOf(protoE)) || 'smtp';
    const p = proto === 'smtps' ? 'smtps' : 'smtp';
    const other = p === 'smtps' ? 'smtp' : 'smtps';
    const m = (k) => prop(`mail.${p}.${k}`);
    const hostE = sp('host') ?? m('host') ?? prop('mail.host');
    const portE = sp('port') ?? m('port');
    if (!hostE && !portE && !m('starttls.enable') && !m('auth'))
        return null;
    if (flavour === 'javamail' && ![...keys.keys()].some((k) => /^mail\.smtps?\./.test(k)))
        return null;
    const all = [...keys.values()].sort((a, b) => a.line - b.line);
    const anchor = hostE ? { file, line: hostE.line } : { file, line: all[0].line };
    const port = portE
        ? portSetting(file, portE)
        : derived(p === 'smtps' ? 465 : 25, `Jakarta Mail default for ${p}`, anchor);
    const sslE = sp('ssl.enabled') ?? m('ssl.enable');
    const sfE = m('socketFactory.class');
    const stE = m('starttls.enable');
    const reqE = m('starttls.required');
    const sf = valueOf(sfE)?.text ?? '';
    let sec;
    let decided;
    if (p === 'smtps') {
        sec = 'implicit-tls';
        decided = protoE;
    }
    else if (sslE && flagOf(valueOf(sslE))) {
        sec = 'implicit-tls';
        decided = sslE;
    }
    else if (sfE && /SSLSocketFactory/.test(sf)) {
        sec = 'implicit-tls';
        decided = sfE;
    }
    else if (reqE && flagOf(valueOf(reqE))) {
        sec = 'starttls-required';
        decided = reqE;
    }
    else if (stE && flagOf(valueOf(stE))) {
        sec = 'starttls-opportunistic';
        decided = stE;
    }
    else {
        sec = 'plain';
        decided = stE ?? reqE;
    }
    const secSetting = security(sec, file, decided, [hostE, portE], anchor);
    // Verification: ssl.trust=* trusts every certificate; checkserveridentity=false skips the host check.
    const off = [];
    const trustE = m('ssl.trust');
    if (trustE && valueOf(trustE)?.text?.trim() === '*')
        off.push(trustE);
    const csiE = m('ssl.checkserveridentity');
    if (csiE && flagOf(valueOf(csiE)) === false)
        off.push(csiE);
    off.sort((a, b) => a.line - b.line);
    const protosE = m('ssl.protocols');
    const protos = valueOf(protosE)?.text;
    let minTls;
    if (protosE && protos) {
        const list = protos.split(/[\s,]+/).filter(Boolean);
        const old = list.filter((x) => /^(SSLv\d|TLSv1(\.[01])?)$/i.test(x));
        if (old.length) {
            minTls = {
                value: old.sort()[0],
                raw: protos,
                at: { file, line: protosE.line, column: protosE.column },
                origin: 'literal',
                key: dottedKey(protosE),
            };
        }
    }
    const ignored = [];
    const misread = [...keys.entries()].filter(([k]) => k.startsWith(flavour === 'spring' ? `properties.mail.${other}.` : `mail.${other}.`));
    if (misread.length && (flavour === 'spring' || p === 'smtps')) {
        const first = misread.sort((a, b) => a[1].line - b[1].line)[0][1];
        ignored.push({
            at: { file, line: first.line, column: first.column },
            message: `The protocol is ${p}, so Jakarta Mail reads mail.${p}.* properties only: the ${misread.length} mail.${other}.* key(s) (${misread
                .map(([k]) => k.replace(/^properties\./, ''))
                .slice(0, 3)
                .join(', ')}) are ignored.`,
            fix: `Rename them to mail.${p}.*.`,
        });
    }
    const debugE = prop('mail.debug') ?? sp('properties.mail.debug');
    const authE = m('auth');
    const userE = sp('username') ?? m('user') ?? prop('mail.user');
    const passE = sp('password') ?? m('password') ?? prop('mail.password');
    const user = userE ? stringSetting(file, userE) : undefined;
    const password = passE ? secretSetting(file, passE) : undefined;
    const requireKey = flavour === 'spring'
        ? `spring.mail.properties.mail.${p}.starttls.required=true`
        : `mail.${p}.starttls.required=true`;
    return {
        file,
        ecosystem: flavour,
        product: flavour === 'spring' ? 'Spring Boot (spring.mail)' : 'Jakarta Mail (mail.smtp.*)',
        knobs: {
            requireStartTls: requireKey,
            implicitTls: flavour === 'spring'
                ? 'spring.mail.port=465 with spring.mail.properties.mail.smtp.ssl.enable=true'
                : 'mail.smtp.ssl.enable=true with mail.smtp.port=465',
            verifyOn: `remove mail.${p}.ssl.trust=* (trust a specific CA through the JVM trust store instead) and mail.${p}.ssl.checkserveridentity=false`,
            port: flavour === 'spring' ? 'spring.mail.port' : `mail.${p}.port`,
            secretRef: flavour === 'spring'
                ? 'reference it as spring.mail.password=${MAIL_PASSWORD} and set the value in the environment (or SPRING_MAIL_PASSWORD)'
                : 'load the password from the environment instead of the properties file',
        },
        anchor,
        host: hostE ? hostSetting(file, hostE) : undefined,
        port,
        security: secSetting,
        tlsVerify: off.length ? verifyOff(file, off[0]) : undefined,
        verifyOffAlso: off.slice(1).map((e) => ({ file, line: e.line })),
        minTls,
        user,
        password,
        authIntended: flagOf(valueOf(authE)) === true || !!user || !!password,
        debug: debugE && flagOf(valueOf(debugE)) === true
            ? {
                value: true,
                raw: String(debugE.value),
                at: { file, line: debugE.line, column: debugE.column },
                origin: 'literal',
                key: dottedKey(debugE),
            }
            : undefined,
        ignored,
    };
}
/** Collect Spring and JavaMail blocks from any entry list (properties, YAML, env). */
function springBlocks(file, entries, rawJavaMail = false) {
    const spring = new Map();
    const javamail = new Map();
    const out = [];
    const flush = () => {
        if (spring.size) {
            const d = springMail(file, spring, 'spring');
            if (d)
                out.push(d);
            spring.clear();
        }
        if (javamail.size) {
            const d = springMail(file, javamail, 'javamail');
            if (d)
                out.push(d);
            javamail.clear();
        }
    };
    for (const e of entries) {
        if (e.commented)
            continue;
        const envKey = springEnvKey(e.path.at(-1) ?? '');
        const k = envKey ?? dottedKey(e);
        const i = k.indexOf('spring.mail.');
        if (i >= 0 && (i === 0 || k[i - 1] === '.')) {
            const rel = k.slice(i + 'spring.mail.'.length);
            if (spring.has(rel))
                flush();
            spring.set(rel, e);
            continue;
        }
        if (rawJavaMail &&
            /^mail\.(smtps?|host|user|password|transport\.protocol|debug)(\.|$)/.test(k) &&
            !k.includes('spring.')) {
            if (javamail.has(k))
                flush();
            javamail.set(k, e);
        }
    }
    flush();
    return out;
}

/** Keys that look like environment variables (`SMTP_HOST`, `GITEA__mailer__USER`, `mail__options__host`). */
function isEnvStyleKey(key) {
    return /^[A-Z][A-Z0-9_]*$/.test(key) || /__/.test(key);
}
function envDrafts(file, entries) {
    const g = new Group(file, entries);
    const drafts = [];
    const push = (d) => {
        if (d)
            drafts.push(d);
    };
    // Spring Boot relaxed binding: SPRING_MAIL_HOST, SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH...
    const spring = entries.filter((e) => !e.commented && springEnvKey(e.path.at(-1) ?? ''));
    if (spring.length) {
        for (const d of springBlocks(file, spring))
            drafts.push(d);
        for (const e of spring)
            g.used.add(e);
    }
    push(discourseEnv(g));
    for (const d of giteaEnv(g))
        drafts.push(d);
    const gk = grafanaEnvKeys(g);
    if (gk)
        push(grafanaSmtp(file, gk, {
            policy: 'GF_SMTP_STARTTLS_POLICY',
            host: 'GF_SMTP_HOST',
            verify: 'GF_SMTP_SKIP_VERIFY=true',
        }));
    push(laravelEnv(g));
    push(vaultwardenEnv(g));
    push(outlineEnv(g));
    push(mastodonEnv(g));
    push(djangoEnv(g));
    // Ghost (nconf): mail__options__host, mail__options__auth__user...
    const ghost = new Map();
    for (const e of entries) {
        const key = e.path.at(-1) ?? '';
        const m = /^mail__options__(.+)$/i.exec(key);
        if (m && !e.commented) {
            ghost.set(m[1].split('__').join('.'), e);
            g.used.add(e);
        }
    }
    if (ghost.size)
        push(nodemailerOptions(file, ghost, 'ghost', 'Ghost (mail__options__*)'));
    // Connection URLs (MAILER_DSN, MAIL_URL, SMTP_URL, EMAIL_URL...).
    for (const e of entries) {
        if (e.commented || g.used.has(e) || typeof e.value !== 'string')
            continue;
        const v = valueOf(e);
        const text = v?.text ?? e.value;
        if (!looksLikeSmtpUrl(text))
            continue;
        const key = e.path.at(-1) ?? '';
        push(dsnEndpoint(text, { file, line: e.line, column: e.column }, key, dialectFor(key)));
        g.used.add(e);
    }
    for (const d of genericEnv(g))
        drafts.push(d);
    return { drafts, used: g.used };
}

const canon$1 = (s) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');
const HOST$1 = [
    'host',
    'server',
    'address',
    'smtphost',
    'smtpserver',
    'smtpaddress',
    'hostname',
    'smarthost',
    'relayhost',
    'smtpsmarthost',
    'smtp',
];
const PORT$1 = ['port', 'smtpport'];
const USER$1 = [
    'user',
    'username',
    'login',
    'smtpuser',
    'smtpusername',
    'authusername',
    'smtpauthusername',
];
const PASS$1 = [
    'password',
    'pass',
    'passwd',
    'smtppassword',
    'authpassword',
    'smtpauthpassword',
    'password.secret',
    'existingsecret',
];
function isMailName(name) {
    return /smtp|mail|email|smarthost|relay/i.test(name);
}
/** `keys` maps canonical relative dotted paths (lower-case, no separators) to entries. */
function smtpObject(file, keys, context) {
    const k = (names) => names.map((n) => keys.get(n)).find((e) => !!e);
    const hostE = k(HOST$1);
    if (!hostE || (hostE.value !== null && typeof hostE.value !== 'string'))
        return null;
    const portE = k(PORT$1);
    const userE = k(USER$1);
    const passE = k(PASS$1);
    const tlsKeys = [
        'enablestarttlsauto',
        'starttlsauto',
        'enablestarttls',
        'tls',
        'ssl',
        'secure',
        'requiretls',
        'starttls',
        'security',
        'encryption',
        'usessl',
        'usetls',
        'forcetls',
    ];
    const tlsE = k(tlsKeys);
    if (!portE && !userE && !passE && !tlsE)
        return null;
    const anchor = { file, line: hostE.line };
    const isAlertmanager = keys.has('smarthost') || keys.has('smtpsmarthost');
    const ctx = context.toLowerCase();
    const railsy = [
        'enablestarttlsauto',
        'starttlsauto',
        'enablestarttls',
        'opensslverifymode',
        'authentication',
    ].some((n) => keys.has(n)) || /mastodon|gitlab|discourse|rails|action_?mailer/.test(ctx);
    let host = hostSetting(file, hostE);
    let port = portE ? portSetting(file, portE) : undefined;
    const hv = valueOf(hostE);
    if (hv?.text && !portE) {
        const hp = splitHostPort(hv.text);
        if (hp.port) {
            host = hostSetting(file, hostE, hp.host);
            port = portSetting(file, hostE, hp.port);
        }
    }
    let sec;
    const conflicts = [];
    const flag = (n) => flagOf(valueOf(keys.get(n)));
    if (isAlertmanager) {
        const req = keys.get('requiretls') ?? keys.get('smtprequiretls');
        const on = req ? flagOf(valueOf(req)) : true;
        sec =
            port?.value === 465
                ? security('implicit-tls', file, hostE, [], anchor, 'port 465')
                : security(on === false ? 'plain' : 'starttls-required', file, req, [hostE], anchor, req ? undefined : 'require_tls defaults to true');
    }
    else if (tlsE && valueOf(tlsE)?.text === undefined) {
        sec = unknownFromEnv(file, tlsE);
    }
    else if (railsy) {
        const stRaw = lower(valueOf(keys.get('enablestarttls')));
        const st = stRaw === 'always' || flag('enablestarttls') === true;
        const stNever = stRaw === 'never';
        const autoE = keys.get('enablestarttlsauto') ?? keys.get('starttlsauto');
        const tlsOn = flag('tls') === true || flag('ssl') === true;
        const s = railsSecurity({
            tls: tlsOn,
            starttls: st,
            starttlsAuto: stNever ? false : autoE ? flagOf(valueOf(autoE)) : true,
        });
        const decided = tlsOn
            ? (keys.get('tls') ?? keys.get('ssl'))
            : (keys.get('enablestarttls') ?? autoE);
        if (tlsOn && ((autoE && flagOf(valueOf(autoE)) === true) || st)) {
            const tlsKey = (keys.get('tls') ?? keys.get('ssl'));
            const other = (st ? keys.get('enablestarttls') : autoE);
            conflicts.push({
                at: { file, line: other.line, column: other.column },
                message: `${tlsKey.path.at(-1)}: true (implicit TLS) together with ${other.path.at(-1)}: true (STARTTLS): the mail gem 2.8+ raises "ArgumentError: :enable_starttls and :tls are mutually exclusive" (GitLab 15.11+ fails to send).`,
                fix: `Keep one: ${tlsKey.path.at(-1)}: true with port 465 and ${other.path.at(-1)}: false, or STARTTLS on 587 without ${tlsKey.path.at(-1)}.`,
                related: [{ file, line: tlsKey.line }],
            });
        }
        sec = security(s, file, decided, [hostE, portE], anchor);
        if (!port)
            port = derived(s === 'implicit-tls' ? undefined : 25, 'mail gem default 25', anchor);
    }
    else if (keys.has('secure')) {
        const v = flag('secure');
        sec = security(v ? 'implicit-tls' : port?.value === 465 ? 'implicit-tls' : 'starttls-opportunistic', file, keys.get('secure'), [], anchor);
    }
    else if (tlsE) {
        const t = lower(valueOf(tlsE));
        const implicit = ['ssl', 'smtps', 'implicit', 'force_tls'].includes(t ?? '') ||
            (['ssl', 'usessl', 'forcetls'].includes(canon$1(tlsE.path.at(-1) ?? '')) &&
                flagOf(valueOf(tlsE)) === true);
        sec = implicit
            ? security('implicit-tls', file, tlsE, [], anchor)
            : {
                value: 'unknown',
                raw: tlsE.raw,
                at: { file, line: tlsE.line, column: tlsE.column },
                origin: 'literal',
                key: tlsE.path.at(-1),
            };
    }
    else
        sec = { value: 'unknown', raw: 'no TLS key', at: anchor, origin: 'derived' };
    const offKeys = [
        'opensslverifymode',
        'skipverify',
        'insecureskipverify',
        'tlsconfig.insecureskipverify',
        'ignorecert',
        'tlsskipverify',
        'tls.rejectunauthorized',
        'rejectunauthorized',
        'verifypeer',
        'verify',
        'sslverify',
    ];
    const off = offKeys
        .map((n) => keys.get(n))
        .filter((e) => {
        if (!e)
            return false;
        const name = canon$1(e.path.at(-1) ?? '');
        const v = valueOf(e);
        if (name === 'opensslverifymode')
            return isVerifyNone(v?.text);
        if (['rejectunauthorized', 'verifypeer', 'verify', 'sslverify'].includes(name))
            return flagOf(v) === false;
        return flagOf(v) === true;
    })
        .sort((a, b) => a.line - b.line);
    const name = context.split('.').slice(-2).join('.');
    const enabledE = keys.get('enabled') ?? keys.get('enable');
    const enabled = enabledE ? flagOf(valueOf(enabledE)) : undefined;
    return {
        active: enabled !== false,
        inactiveReason: enabledE ? `${enabledE.path.at(-1)}: false` : undefined,
        conflicts,
        file,
        ecosystem: isAlertmanager ? 'alertmanager' : railsy ? 'rails-style' : 'config',
        product: isAlertmanager ? 'Alertmanager email_configs' : `settings block ${name}`,
        knobs: {
            requireStartTls: isAlertmanager
                ? 'require_tls: true'
                : /mastodon/.test(ctx)
                    ? 'enable_starttls: always'
                    : railsy
                        ? /gitlab|discourse/.test(ctx)
                            ? null
                            : 'enable_starttls: true'
                        : null,
            implicitTls: railsy ? 'tls: true with port 465' : 'implicit TLS on port 465',
            verifyOn: 'remove the setting that disables certificate verification',
            port: portE ? String(portE.path.at(-1)) : 'port',
            secretRef: 'reference an existing Kubernetes Secret or CI secret instead of a literal',
        },
        anchor,
        host,
        port,
        security: sec,
        tlsVerify: off.length ? verifyOff(file, off[0]) : undefined,
        verifyOffAlso: off.slice(1).map((e) => ({ file, line: e.line })),
        user: userE ? stringSetting(file, userE) : undefined,
        password: passE
            ? canon$1(passE.path.join('.')).endsWith('secret')
                ? { raw: String(passE.value), at: { file, line: passE.line }, origin: 'secret' }
                : secretSetting(file, passE)
            : undefined,
        authIntended: !!userE || !!passE || lower(valueOf(keys.get('authentication'))) !== undefined,
    };
}

function iniDrafts(file, entries) {
    const sections = new Map();
    for (const e of entries) {
        if (e.commented)
            continue;
        const s = e.path[0] ?? '';
        const list = sections.get(s) ?? [];
        list.push(e);
        sections.set(s, list);
    }
    const out = [];
    for (const [section, list] of sections) {
        const name = section.trim().toLowerCase();
        const byKey = new Map(list.map((e) => [e.path.at(-1) ?? '', e]));
        if (name === 'smtp') {
            const k = (n) => byKey.get(n) ?? list.find((e) => (e.path.at(-1) ?? '').toLowerCase() === n.toLowerCase());
            const d = grafanaSmtp(file, {
                enabled: k('enabled'),
                host: k('host'),
                user: k('user'),
                password: k('password'),
                skip_verify: k('skip_verify'),
                startTLS_policy: k('startTLS_policy'),
            }, { policy: 'startTLS_policy', host: 'host' });
            if (d)
                out.push(d);
        }
        else if (name === 'mailer') {
            const d = giteaMailer(new Group(file, list), (key) => key, 'Gitea app.ini [mailer]');
            if (d)
                out.push(d);
        }
        else if (isMailName(name)) {
            const keys = new Map(list.map((e) => [(e.path.at(-1) ?? '').toLowerCase().replace(/[^a-z0-9.]/g, ''), e]));
            const d = smtpObject(file, keys, section);
            if (d)
                out.push(d);
        }
    }
    return out;
}

const DAWIDD6_KNOBS = {
    requireStartTls: null,
    implicitTls: 'secure: true with server_port: 465',
    verifyOn: 'remove ignore_cert: true',
    port: 'server_port',
    secretRef: 'pass it as password: ${{ secrets.MAIL_PASSWORD }}',
};
/** `keys` holds the step's `with:` entries by input name. */
function dawidd6Step(file, keys) {
    const k = (n) => keys.get(n);
    const urlE = k('connection_url');
    const hostE = k('server_address');
    const portE = k('server_port');
    if (!urlE && !hostE)
        return null;
    const ignoreE = k('ignore_cert');
    const tlsVerify = ignoreE && flagOf(valueOf(ignoreE)) === true ? verifyOff(file, ignoreE) : undefined;
    const userE = k('username');
    const passE = k('password');
    const user = userE ? stringSetting(file, userE) : undefined;
    const password = passE ? secretSetting(file, passE) : undefined;
    if (urlE) {
        const v = valueOf(urlE);
        const text = v?.text ??
            (typeof urlE.value === 'string' && looksLikeSmtpUrl(normaliseTemplates(urlE.value))
                ? urlE.value
                : undefined);
        if (text !== undefined) {
            const d = dsnEndpoint(text, { file, line: urlE.line, column: urlE.column }, 'connection_url', 'dawidd6');
            if (d) {
                d.product = 'dawidd6/action-send-mail';
                d.ecosystem = 'dawidd6';
                d.tlsVerify = d.tlsVerify ?? tlsVerify;
                // Without userinfo in the URL, the username/password inputs are kept.
                d.user = d.user ?? user;
                d.password = d.password ?? password;
                d.authIntended = !!d.user || !!d.password;
                return d;
            }
        }
    }
    const anchor = { file, line: (hostE ?? urlE).line };
    const port = portE ? portSetting(file, portE) : derived(25, 'action default 25', anchor);
    const secureE = k('secure');
    const sv = valueOf(secureE);
    let sec;
    if (urlE)
        sec = unknownFromEnv(file, urlE);
    else if (secureE && sv?.text === undefined)
        sec = unknownFromEnv(file, secureE);
    else {
        const secure = secureE ? flagOf(sv) : port.value === 465;
        const s = secure
            ? 'implicit-tls'
            : port.value === undefined && !secureE
                ? 'unknown'
                : 'starttls-opportunistic';
        sec = security(s, file, secureE, [hostE, portE], anchor);
    }
    return {
        file,
        ecosystem: 'dawidd6',
        product: 'dawidd6/action-send-mail',
        knobs: DAWIDD6_KNOBS,
        anchor,
        host: hostE ? hostSetting(file, hostE) : undefined,
        port,
        security: sec,
        tlsVerify,
        user,
        password,
        authIntended: !!user || !!password,
    };
}

const HOST = [
    'host',
    'server',
    'smtpserver',
    'smtphost',
    'smtp',
    'mailserver',
    'hostname',
    'smtpaddress',
    'address',
];
const PORT = ['port', 'smtpport'];
const USER = [
    'username',
    'user',
    'userid',
    'login',
    'smtpuser',
    'smtpusername',
    'email',
    'sender',
    'senderemail',
    'fromemail',
    'from',
];
const PASS = ['password', 'pass', 'smtppassword', 'senderpassword', 'emailpassword', 'apikey'];
const MAILKIT = {
    none: 'plain',
    auto: 'unknown',
    sslonconnect: 'implicit-tls',
    starttls: 'starttls-required',
    starttlswhenavailable: 'starttls-opportunistic',
};
/** `keys` maps lower-cased key names of one JSON object to entries. */
function dotnetSmtp(file, keys, sectionName) {
    const k = (names) => names.map((n) => keys.get(n)).find((e) => !!e);
    const hostE = k(HOST);
    const portE = k(PORT);
    if (!hostE || (!portE && !k(PASS)))
        return null;
    if (typeof hostE.value !== 'string')
        return null;
    const anchor = { file, line: hostE.line };
    const enableSslE = k(['enablessl']);
    const useSslE = k(['usessl', 'ssl', 'usetls', 'enabletls', 'secure']);
    const sockE = k(['securesocketoptions', 'securityoptions', 'socketoptions', 'security']);
    const port = portE
        ? portSetting(file, portE)
        : derived(25, 'SmtpClient default 25', anchor);
    let sec;
    const ignored = [];
    if (sockE) {
        const v = valueOf(sockE);
        const t = lower(v)?.replace(/[^a-z]/g, '');
        if (t === undefined)
            sec = unknownFromEnv(file, sockE);
        else {
            let s = MAILKIT[t] ?? 'unknown';
            if (t === 'auto')
                s = port.value === 465 ? 'implicit-tls' : 'starttls-opportunistic';
            sec = security(s, file, sockE, [], anchor);
        }
    }
    else if (enableSslE) {
        const on = flagOf(valueOf(enableSslE));
        if (on === undefined)
            sec = unknownFromEnv(file, enableSslE);
        else
            sec = security(on ? 'starttls-required' : 'plain', file, enableSslE, [], anchor);
    }
    else if (useSslE) {
        const on = flagOf(valueOf(useSslE));
        sec =
            on === true
                ? {
                    value: 'unknown',
                    raw: String(useSslE.value),
                    at: { file, line: useSslE.line, column: useSslE.column },
                    origin: 'literal',
                    key: useSslE.path.at(-1),
                }
                : security('unknown', file, useSslE, [], anchor);
    }
    else
        sec = { value: 'unknown', raw: 'no TLS key', at: anchor, origin: 'derived' };
    const passE = k(PASS);
    const userE = k(USER);
    return {
        file,
        ecosystem: 'dotnet',
        product: `.NET settings (${sectionName})`,
        knobs: {
            requireStartTls: 'EnableSsl: true (SmtpClient) or SecureSocketOptions.StartTls (MailKit)',
            implicitTls: 'MailKit SecureSocketOptions.SslOnConnect with port 465 (SmtpClient cannot do implicit TLS)',
            verifyOn: 'remove the ServerCertificateValidationCallback that accepts every certificate',
            port: `${sectionName}:Port`,
            secretRef: `move it to dotnet user-secrets or the environment variable ${sectionName}__Password instead of appsettings.json`,
        },
        anchor,
        host: hostSetting(file, hostE),
        port,
        security: sec,
        user: userE ? stringSetting(file, userE) : undefined,
        password: passE ? secretSetting(file, passE) : undefined,
        ignored,
    };
}

function keycloakSmtp(file, keys) {
    const k = (n) => keys.get(n);
    const hostE = k('host');
    const portE = k('port');
    if (!hostE && !portE)
        return null;
    const all = [...keys.values()].sort((a, b) => a.line - b.line);
    const anchor = { file, line: (hostE ?? all[0]).line };
    const sslE = k('ssl');
    const stE = k('starttls');
    const ssl = flagOf(valueOf(sslE)) === true;
    const st = flagOf(valueOf(stE)) === true;
    const sec = ssl ? 'implicit-tls' : st ? 'starttls-opportunistic' : 'plain';
    const decided = ssl ? sslE : st ? stE : (stE ?? sslE);
    const portSet = portE ? portSetting(file, portE) : undefined;
    const port = portSet && portSet.origin !== 'placeholder'
        ? portSet
        : portE
            ? portSet
            : derived(ssl ? 465 : 25, 'Jakarta Mail default', anchor);
    const authE = k('auth');
    const userE = k('user');
    const passE = k('password');
    return {
        file,
        ecosystem: 'keycloak',
        product: 'Keycloak realm smtpServer',
        knobs: {
            requireStartTls: null,
            implicitTls: 'ssl: "true", starttls: "false" and port: "465"',
            verifyOn: 'set the truststore hostname-verification-policy back to DEFAULT/WILDCARD (not ANY)',
            port: 'port',
            secretRef: 'leave password out of the realm file and set it via the admin API or a vault reference (${vault.smtp_password})',
        },
        anchor,
        host: hostE ? hostSetting(file, hostE) : undefined,
        port,
        security: security(sec, file, decided, [hostE, portE], anchor),
        user: userE ? stringSetting(file, userE) : undefined,
        password: passE ? secretSetting(file, passE) : undefined,
        authIntended: flagOf(valueOf(authE)) === true,
    };
}

const SEP = '\u0000';
const canon = (s) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');
function nodesOf(entries) {
    const nodes = new Map();
    for (const e of entries) {
        if (e.commented)
            continue;
        const parent = e.path.slice(0, -1);
        const key = parent.join(SEP);
        let n = nodes.get(key);
        if (!n)
            nodes.set(key, (n = { path: parent, leaves: [] }));
        n.leaves.push(e);
    }
    return nodes;
}
/** Entries under `path`, keyed by their relative dotted path (canonicalised if `canonical`). */
function under(entries, path, depth, canonical) {
    const out = new Map();
    for (const e of entries) {
        if (e.commented || e.path.length <= path.length || e.path.length > path.length + depth)
            continue;
        let ok = true;
        for (let i = 0; i < path.length; i++)
            if (e.path[i] !== path[i])
                ok = false;
        if (!ok)
            continue;
        const rel = e.path.slice(path.length).join('.');
        out.set(canonical ? canon(rel) : rel, e);
    }
    return out;
}
function isNodemailerShape(keys) {
    const has = (k) => keys.has(k);
    return ((has('host') || has('service')) &&
        (has('auth.user') ||
            has('auth.pass') ||
            has('secure') ||
            has('requireTLS') ||
            has('tls.rejectUnauthorized') ||
            has('ignoreTLS')) &&
        !has('smarthost'));
}
function treeDrafts(file, entries, kind) {
    const drafts = [];
    const used = new Set();
    const claimed = [];
    const isClaimed = (p) => claimed.some((c) => c.length <= p.length && c.every((s, i) => p[i] === s));
    const claim = (p, keys) => {
        claimed.push(p);
        for (const e of keys)
            used.add(e);
    };
    // Spring Boot and raw JavaMail keys, wherever they sit.
    for (const d of springBlocks(file, entries, kind === 'properties'))
        drafts.push(d);
    for (const e of entries) {
        const k = dottedKey(e);
        if (springEnvKey(e.path.at(-1) ?? '') ||
            /(^|\.)spring\.mail\./.test(k) ||
            (kind === 'properties' && /^mail\./.test(k)))
            used.add(e);
    }
    const nodes = [...nodesOf(entries).values()].sort((a, b) => a.path.length - b.path.length);
    for (const node of nodes) {
        const p = node.path;
        if (isClaimed(p))
            continue;
        if (node.leaves.every((e) => used.has(e)))
            continue;
        const name = p.at(-1) ?? '';
        const parentName = p.at(-2) ?? '';
        const ctx = p.join('.');
        if (name === 'smtpServer') {
            const keys = under(entries, p, 1, false);
            const d = keycloakSmtp(file, keys);
            if (d) {
                drafts.push(d);
                claim(p, keys.values());
            }
            continue;
        }
        if (name === 'with' &&
            node.leaves.some((e) => ['server_address', 'connection_url'].includes(e.path.at(-1) ?? ''))) {
            const keys = under(entries, p, 1, false);
            const d = dawidd6Step(file, keys);
            if (d) {
                drafts.push(d);
                claim(p, keys.values());
            }
            continue;
        }
        if (/(^|\.)grafana\.ini\.smtp$/.test(ctx) ||
            (name === 'smtp' && parentName === 'grafana.ini')) {
            const keys = under(entries, p, 1, false);
            const d = grafanaSmtp(file, {
                enabled: keys.get('enabled'),
                host: keys.get('host'),
                user: keys.get('user'),
                password: keys.get('password'),
                skip_verify: keys.get('skip_verify'),
                startTLS_policy: keys.get('startTLS_policy'),
            }, { policy: 'startTLS_policy', host: 'host' });
            if (d) {
                drafts.push(d);
                claim(p, keys.values());
            }
            continue;
        }
        // Env blocks: compose `environment`, Kubernetes `data`/`stringData`/`env`, Discourse `env`.
        const envLeaves = node.leaves.filter((e) => isEnvStyleKey(e.path.at(-1) ?? '') && !used.has(e));
        if (envLeaves.length && envLeaves.length >= node.leaves.length / 2) {
            const r = envDrafts(file, envLeaves);
            drafts.push(...r.drafts);
            for (const e of r.used)
                used.add(e);
            if (r.drafts.length) {
                claim(p, r.used);
                continue;
            }
        }
        const rel2 = under(entries, p, 3, false);
        if (isNodemailerShape(rel2) && (kind === 'json' || kind === 'yaml')) {
            const ghost = parentName === 'mail' && name === 'options';
            const d = nodemailerOptions(file, rel2, ghost ? 'ghost' : 'nodemailer', ghost ? 'Ghost (mail.options)' : `nodemailer options (${ctx})`);
            if (d) {
                drafts.push(d);
                claim(p, rel2.values());
                continue;
            }
        }
        if (kind === 'json' &&
            node.leaves.some((e) => /^[A-Z]/.test(e.path.at(-1) ?? '')) &&
            (isMailName(name) || node.leaves.some((e) => /ssl|smtp/i.test(e.path.at(-1) ?? '')))) {
            const keys = new Map();
            for (const e of node.leaves)
                keys.set((e.path.at(-1) ?? '').toLowerCase(), e);
            const d = dotnetSmtp(file, keys, name || 'root');
            if (d) {
                drafts.push(d);
                claim(p, keys.values());
                continue;
            }
        }
        if (isMailName(name) ||
            isMailName(parentName) ||
            node.leaves.some((e) => /^(smtp_?host|smtp_?server|smarthost|smtp_smarthost)$/i.test(e.path.at(-1) ?? ''))) {
            const keys = under(entries, p, 2, true);
            const free = [...keys.values()].filter((e) => !used.has(e));
            if (free.length) {
                const d = smtpObject(file, keys, ctx);
                if (d) {
                    drafts.push(d);
                    claim(p, keys.values());
                }
            }
        }
    }
    // Connection URLs anywhere else.
    for (const e of entries) {
        if (e.commented || used.has(e) || typeof e.value !== 'string')
            continue;
        const v = valueOf(e);
        const text = v?.text ?? e.value;
        if (!looksLikeSmtpUrl(text))
            continue;
        const key = e.path.at(-1) ?? '';
        const d = dsnEndpoint(text, { file, line: e.line, column: e.column }, key, dialectFor(key));
        if (d)
            drafts.push(d);
        used.add(e);
    }
    return { drafts, used };
}

/**
 * Small text helpers shared by the format parsers: line splitting that understands CRLF, LF and
 * lone CR, offset → line/column mapping, and a capped diagnostics list.
 */
/** Identifier-like keys accepted in commented-out `KEY=value` lines. */
const COMMENTED_KEY_RE$1 = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** Most diagnostics kept per file; the rest are summarised in one trailing message. */
const MAX_DIAGNOSTICS = 20;
/** Drops a leading UTF-8 byte-order mark. */
function stripBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
/** Splits on CRLF, LF or lone CR. `''` gives `['']`. */
function splitLines$1(text) {
    return text.split(/\r\n|\r|\n/);
}
/** Maps string offsets to 1-based line/column (columns in UTF-16 code units). */
class LineIndex {
    starts = [0];
    constructor(text) {
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 10) {
                this.starts.push(i + 1);
            }
            else if (c === 13) {
                if (text.charCodeAt(i + 1) === 10)
                    i++;
                this.starts.push(i + 1);
            }
        }
    }
    pos(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.starts[lo] + 1 };
    }
}
/** Collects diagnostics, keeping at most {@link MAX_DIAGNOSTICS} plus a summary line. */
class Diagnostics {
    items = [];
    dropped = 0;
    add(message) {
        if (this.items.length < MAX_DIAGNOSTICS)
            this.items.push(message);
        else
            this.dropped++;
    }
    get count() {
        return this.items.length + this.dropped;
    }
    list() {
        return this.dropped > 0
            ? [...this.items, `${this.dropped} more diagnostic(s) not shown`]
            : [...this.items];
    }
}
/** A short printable description of an unknown thrown value. */
function errorMessage(err) {
    if (err instanceof Error)
        return err.message.split('\n')[0].slice(0, 160);
    return String(err).slice(0, 160);
}
/** Shortens a fragment of source for inclusion in a diagnostic. */
function snippet(s, max = 40) {
    const oneLine = s.replace(/[\r\n\t]/g, ' ');
    return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

const ASSIGN_RE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/;
const COMMENTED_RE$2 = /^([ \t]*#+[ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=/;
/** Parses dotenv text. Never throws. */
function parseDotenv(text) {
    const entries = [];
    const diags = new Diagnostics();
    try {
        if (typeof text !== 'string') {
            diags.add('malformed dotenv: input is not text');
            return { entries, diagnostics: diags.list() };
        }
        const lines = splitLines$1(stripBom(text));
        // Quote characters known to have no closing partner after a given line (keeps hostile
        // input with many unterminated quotes linear instead of quadratic).
        const noCloseFrom = new Map();
        for (let i = 0; i < lines.length; i++) {
            const line = lines[i];
            if (line.trim() === '')
                continue;
            const assign = ASSIGN_RE.exec(line);
            if (assign) {
                const keyCol = assign[1].length + (assign[2]?.length ?? 0);
                const read = readValue$1(lines, i, line.slice(assign[0].length), true, noCloseFrom);
                if (read.unterminated) {
                    diags.add(`malformed dotenv at line ${i + 1}: unterminated ${read.unterminated} quote`);
                }
                entries.push({
                    path: [assign[3]],
                    value: read.value,
                    raw: read.raw,
                    quoted: read.quoted,
                    line: i + 1,
                    column: keyCol + 1,
                });
                i = read.lastLine;
                continue;
            }
            if (/^[ \t]*#/.test(line)) {
                const commented = COMMENTED_RE$2.exec(line);
                if (commented && COMMENTED_KEY_RE$1.test(commented[3])) {
                    const keyCol = commented[1].length + (commented[2]?.length ?? 0);
                    const read = readValue$1(lines, i, line.slice(commented[0].length), false, noCloseFrom);
                    entries.push({
                        path: [commented[3]],
                        value: read.value,
                        raw: read.raw,
                        quoted: read.quoted,
                        line: i + 1,
                        column: keyCol + 1,
                        commented: true,
                    });
                }
                continue;
            }
            diags.add(`malformed dotenv at line ${i + 1}: expected KEY=value`);
        }
    }
    catch (err) {
        diags.add(`malformed dotenv: ${errorMessage(err)}`);
    }
    return { entries, diagnostics: diags.list() };
}
function readValue$1(lines, lineIndex, rest, multiline, noCloseFrom) {
    const s = rest.replace(/^[ \t]+/, '');
    const q = s[0];
    if (q === '"' || q === "'" || q === '`') {
        const known = noCloseFrom.get(q);
        const canSpan = multiline && !(known !== undefined && known <= lineIndex);
        const parts = [];
        let buf = s.slice(1);
        let cur = lineIndex;
        for (;;) {
            const close = findClose(buf, q);
            if (close >= 0) {
                parts.push(buf.slice(0, close));
                const raw = parts.join('\n');
                return { value: q === '"' ? unescapeDouble(raw) : raw, raw, quoted: true, lastLine: cur };
            }
            parts.push(buf);
            if (!canSpan || cur + 1 >= lines.length)
                break;
            cur++;
            buf = lines[cur];
        }
        if (canSpan)
            noCloseFrom.set(q, lineIndex);
        // Unterminated: take the rest of the key's line as an unquoted value.
        const value = stripInlineComment(s);
        const name = q === '"' ? 'double' : q === "'" ? 'single' : 'backtick';
        return { value, raw: value, quoted: false, lastLine: lineIndex, unterminated: name };
    }
    const value = stripInlineComment(s);
    return { value, raw: value, quoted: false, lastLine: lineIndex };
}
function findClose(s, q) {
    if (q !== '"')
        return s.indexOf(q);
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '\\')
            i++;
        else if (c === '"')
            return i;
    }
    return -1;
}
function stripInlineComment(s) {
    const m = /[ \t]#/.exec(s);
    return (m ? s.slice(0, m.index) : s).replace(/[ \t]+$/, '');
}
function unescapeDouble(raw) {
    return raw.replace(/\\([nrt"\\])/g, (_m, c) => c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c);
}

const KNOWN_INSTRUCTIONS = new Set([
    'ADD',
    'ARG',
    'CMD',
    'COPY',
    'ENTRYPOINT',
    'ENV',
    'EXPOSE',
    'FROM',
    'HEALTHCHECK',
    'LABEL',
    'MAINTAINER',
    'ONBUILD',
    'RUN',
    'SHELL',
    'STOPSIGNAL',
    'USER',
    'VOLUME',
    'WORKDIR',
]);
/** Parses Dockerfile text. Never throws. */
function parseDockerfile(text) {
    const entries = [];
    const diags = new Diagnostics();
    try {
        if (typeof text !== 'string') {
            diags.add('malformed Dockerfile: input is not text');
            return { entries, diagnostics: diags.list() };
        }
        const lines = splitLines$1(stripBom(text));
        const escape = readEscapeDirective(lines);
        const continuation = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
        let i = 0;
        while (i < lines.length) {
            const line = lines[i];
            if (line.trim() === '') {
                i++;
                continue;
            }
            const comment = /^([ \t]*#[ \t]*)(.*)$/.exec(line);
            if (comment) {
                if (/^(ENV|ARG)[ \t]/i.test(comment[2])) {
                    const logical = {
                        text: comment[2],
                        pieces: [{ start: 0, line: i + 1, column: comment[1].length + 1 }],
                    };
                    handleInstruction(logical, escape, entries, null, true);
                }
                i++;
                continue;
            }
            // Gather the logical line.
            const logical = { text: '', pieces: [] };
            let cur = i;
            for (;;) {
                const l = lines[cur];
                const m = continuation.exec(l);
                const part = m ? l.slice(0, m.index) : l;
                logical.pieces.push({ start: logical.text.length, line: cur + 1, column: 1 });
                logical.text += part;
                cur++;
                if (!m)
                    break;
                // Comment and empty lines inside a continuation are dropped by Docker.
                while (cur < lines.length && (lines[cur].trim() === '' || /^[ \t]*#/.test(lines[cur])))
                    cur++;
                if (cur >= lines.length)
                    break;
            }
            i = cur;
            const instruction = handleInstruction(logical, escape, entries, diags, false);
            if (instruction && instruction !== 'ENV' && instruction !== 'ARG') {
                i = skipHeredocs(logical.text, lines, i);
            }
        }
    }
    catch (err) {
        diags.add(`malformed Dockerfile: ${errorMessage(err)}`);
    }
    return { entries, diagnostics: diags.list() };
}
function readEscapeDirective(lines) {
    for (const line of lines) {
        const m = /^[ \t]*#[ \t]*([A-Za-z]+)[ \t]*=[ \t]*(\S+)[ \t]*$/.exec(line);
        if (!m)
            break;
        if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\'))
            return m[2];
    }
    return '\\';
}
/** Returns the upper-cased instruction name, or undefined for an empty line. */
function handleInstruction(logical, escape, entries, diags, commented) {
    const s = logical.text;
    let p = skipSpace(s, 0);
    let m = /^[A-Za-z]+/.exec(s.slice(p, p + 20));
    if (!m) {
        if (p < s.length)
            diags?.add(`malformed Dockerfile at line ${position(logical, p).line}: expected an instruction, got "${snippet(s.slice(p), 20)}"`);
        return undefined;
    }
    let name = m[0].toUpperCase();
    if (name === 'ONBUILD') {
        p = skipSpace(s, p + m[0].length);
        m = /^[A-Za-z]+/.exec(s.slice(p, p + 20));
        if (!m)
            return name;
        name = m[0].toUpperCase();
    }
    if (!KNOWN_INSTRUCTIONS.has(name)) {
        diags?.add(`malformed Dockerfile at line ${position(logical, p).line}: unknown instruction "${snippet(m[0], 20)}"`);
        return name;
    }
    if (name !== 'ENV' && name !== 'ARG')
        return name;
    const after = p + m[0].length;
    if (after < s.length && !/[ \t]/.test(s[after])) {
        diags?.add(`malformed Dockerfile at line ${position(logical, p).line}: unknown instruction "${snippet(s.slice(p, p + 20), 20)}"`);
        return name;
    }
    const words = splitWords(s, after, escape);
    if (words.length === 0) {
        diags?.add(`malformed Dockerfile at line ${position(logical, p).line}: ${name} needs arguments`);
        return name;
    }
    const firstEq = findUnquoted(s, words[0].start, words[0].end, '=', escape);
    if (name === 'ENV' && firstEq < 0) {
        // Legacy form: ENV KEY value with spaces
        const keyWord = words[0];
        const key = unquote(s.slice(keyWord.start, keyWord.end), escape);
        if (words.length < 2) {
            diags?.add(`malformed Dockerfile at line ${position(logical, keyWord.start).line}: ENV ${snippet(key, 40)} has no value`);
            return name;
        }
        const valueSrc = s.slice(words[1].start, words[words.length - 1].end);
        pushEntry(entries, logical, key, keyWord.start, valueSrc, words[1].start, escape, commented);
        return name;
    }
    for (const w of words) {
        const eq = findUnquoted(s, w.start, w.end, '=', escape);
        if (eq < 0) {
            if (name === 'ENV') {
                diags?.add(`malformed Dockerfile at line ${position(logical, w.start).line}: can't find = in "${snippet(s.slice(w.start, w.end))}"`);
            }
            continue; // ARG KEY without default
        }
        const key = unquote(s.slice(w.start, eq), escape);
        if (key === '') {
            diags?.add(`malformed Dockerfile at line ${position(logical, w.start).line}: empty ${name} name`);
            continue;
        }
        pushEntry(entries, logical, key, w.start, s.slice(eq + 1, w.end), eq + 1, escape, commented);
    }
    return name;
}
function pushEntry(entries, logical, key, keyOffset, valueSrc, valueOffset, escape, commented) {
    const at = position(logical, keyOffset);
    const entry = {
        path: [key],
        value: unquote(valueSrc, escape),
        raw: valueSrc,
        quoted: false,
        line: at.line,
        column: at.column,
    };
    const q = valueSrc[0];
    if ((q === '"' || q === "'") &&
        valueSrc.length >= 2 &&
        closingQuote(valueSrc, escape) === valueSrc.length - 1) {
        entry.raw = valueSrc.slice(1, -1);
        entry.quoted = true;
    }
    if (valueSrc !== '') {
        const vLine = position(logical, valueOffset).line;
        if (vLine !== at.line)
            entry.valueLine = vLine;
    }
    if (commented)
        entry.commented = true;
    entries.push(entry);
}
function position(logical, offset) {
    let piece = logical.pieces[0];
    for (const p of logical.pieces) {
        if (p.start <= offset)
            piece = p;
        else
            break;
    }
    return { line: piece.line, column: piece.column + (offset - piece.start) };
}
function skipSpace(s, p) {
    while (p < s.length && (s[p] === ' ' || s[p] === '\t'))
        p++;
    return p;
}
/** Splits at unquoted, unescaped whitespace. */
function splitWords(s, from, escape) {
    const words = [];
    let p = skipSpace(s, from);
    while (p < s.length) {
        const start = p;
        while (p < s.length && s[p] !== ' ' && s[p] !== '\t') {
            const c = s[p];
            if (c === escape)
                p += 2;
            else if (c === '"' || c === "'")
                p = skipQuoted(s, p, escape);
            else
                p++;
        }
        p = Math.min(p, s.length);
        words.push({ start, end: p });
        p = skipSpace(s, p);
    }
    return words;
}
/** Given `s[p]` is a quote, returns the offset just past its closing quote (or the end). */
function skipQuoted(s, p, escape) {
    const q = s[p];
    p++;
    while (p < s.length && s[p] !== q) {
        if (q === '"' && s[p] === escape)
            p++;
        p++;
    }
    return Math.min(p + 1, s.length);
}
/** Offset (within the value) of the quote closing `v[0]`, or -1. */
function closingQuote(v, escape) {
    const end = skipQuoted(v, 0, escape);
    return v[end - 1] === v[0] && end - 1 > 0 ? end - 1 : -1;
}
function findUnquoted(s, start, end, ch, escape) {
    let p = start;
    while (p < end) {
        const c = s[p];
        if (c === ch)
            return p;
        if (c === escape)
            p += 2;
        else if (c === '"' || c === "'")
            p = skipQuoted(s, p, escape);
        else
            p++;
    }
    return -1;
}
/** Shell-like quote removal as Docker applies to ENV/ARG words (no variable expansion). */
function unquote(src, escape) {
    let out = '';
    let i = 0;
    while (i < src.length) {
        const c = src[i];
        if (c === "'") {
            const j = src.indexOf("'", i + 1);
            if (j < 0) {
                out += src.slice(i + 1);
                break;
            }
            out += src.slice(i + 1, j);
            i = j + 1;
        }
        else if (c === '"') {
            i++;
            while (i < src.length && src[i] !== '"') {
                if (src[i] === escape && i + 1 < src.length && '"$`\\'.includes(src[i + 1])) {
                    out += src[i + 1];
                    i += 2;
                }
                else {
                    out += src[i];
                    i++;
                }
            }
            i++;
        }
        else if (c === escape && i + 1 < src.length) {
            out += src[i + 1];
            i += 2;
        }
        else {
            out += c;
            i++;
        }
    }
    return out;
}
/** Skips heredoc bodies started on the instruction line; returns the next line index to read. */
function skipHeredocs(instruction, lines, next) {
    const re = /<<(-?)[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
    let i = next;
    let m;
    while ((m = re.exec(instruction)) !== null) {
        const stripTabs = m[1] === '-';
        const terminator = m[3];
        let j = i;
        while (j < lines.length) {
            const l = stripTabs ? lines[j].replace(/^\t+/, '') : lines[j];
            if (l === terminator)
                break;
            j++;
        }
        if (j >= lines.length)
            return i; // not a heredoc after all
        i = j + 1;
    }
    return i;
}

const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR$1 = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR$1;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR$1:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (isNode(ctrl) || isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (isMap(node))
        return visitor.Map?.(key, node, path);
    if (isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (isPair(node))
        return visitor.Pair?.(key, node, path);
    if (isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && isNode(doc.contents)) {
            const tags = {};
            visit(doc.contents, (_key, node) => {
                if (isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (isScalar(ref.node) || isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

class Alias extends NodeBase {
    constructor(source) {
        super(ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit(doc, {
                Node: (_key, node) => {
                    if (isAlias(node) || hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends NodeBase {
    constructor(value) {
        super(SCALAR$1);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (isDocument(value))
        value = value.contents;
    if (isNode(value))
        return value;
    if (isPair(value)) {
        const map = ctx.schema[MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[MAP]
                : Symbol.iterator in Object(value)
                    ? schema[SEQ]
                    : schema[MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => isNode(it) || isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && isScalar(node) ? node.value : node;
        else
            return isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines(res, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines(`${start}${foldedValue}${end}`, indent, FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.BLOCK_FOLDED:
            case Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor;
    if (anchor && anchorIsValid(anchor)) {
        anchors.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : isScalar(node)
            ? stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (isCollection(key) || (!isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            isCollection(key) ||
            (isScalar(key)
                ? key.type === Scalar.BLOCK_FOLDED || key.type === Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        console.warn(warning);
    }
}

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (isScalar(key) &&
        (!key.type || key.type === Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

function addPairToJSMap(ctx, map, { key, value }) {
    if (isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (isMergeKey(ctx, key))
        addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (isNode(key) && ctx?.doc) {
        const strCtx = createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

function createPair(key, value, ctx) {
    const k = createNode(key, undefined, ctx);
    const v = createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, NODE_TYPE, { value: PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (isNode(key))
            key = key.clone(schema);
        if (isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

function findPair(items, key) {
    const k = isScalar(key) ? key.value : key;
    for (const it of items) {
        if (isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair(pair, pair?.value);
        }
        else
            _pair = new Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (isScalar(prev.value) && isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.from(schema, obj, ctx)
};

class YAMLSeq extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (isScalar(prev) && isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.from(schema, obj, ctx)
};

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString(item, ctx, onComment, onChompKeep);
    }
};

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

const floatNaN$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify$2 = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve$1 = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify$1(node, radix, prefix) {
    const { value } = node;
    if (intIdentify$2(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber(node);
}
const intOct$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 8, opt),
    stringify: node => intStringify$1(node, 8, '0o')
};
const int$1 = {
    identify: intIdentify$2,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 16, opt),
    stringify: node => intStringify$1(node, 16, '0x')
};

const schema$2 = [
    map,
    seq,
    string,
    nullTag,
    boolTag,
    intOct$1,
    int$1,
    intHex$1,
    floatNaN$1,
    floatExp$1,
    float$1
];

function intIdentify$1(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify$1,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify$1(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema$1 = [map, seq].concat(jsonScalars, jsonError);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.BLOCK_LITERAL);
        if (type !== Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

function resolvePairs(seq, onError) {
    if (isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (isPair(item))
                continue;
            else if (isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair(new Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = isPair(item) ? item : new Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

class YAMLOMap extends YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (isPair(pair)) {
                key = toJS(pair.key, '', ctx);
                value = toJS(pair.value, key, ctx);
            }
            else {
                key = toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs = createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs = resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs.items) {
            if (isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar(false),
    stringify: boolStringify
};

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

class YAMLSet extends YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair(key.key, null);
        else
            pair = new Pair(key, null);
        const prev = findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = findPair(this.items, key);
        return !keepPair && isPair(pair)
            ? isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

const schema = [
    map,
    seq,
    string,
    nullTag,
    trueTag,
    falseTag,
    intBin,
    intOct,
    int,
    intHex,
    floatNaN,
    floatExp,
    float,
    binary,
    merge,
    omap,
    pairs,
    set,
    intTime,
    floatTime,
    timestamp
];

const schemas = new Map([
    ['core', schema$2],
    ['failsafe', [map, seq, string]],
    ['json', schema$1],
    ['yaml11', schema],
    ['yaml-1.1', schema]
]);
const tagsByName = {
    binary,
    bool: boolTag,
    float: float$1,
    floatExp: floatExp$1,
    floatNaN: floatNaN$1,
    floatTime,
    int: int$1,
    intHex: intHex$1,
    intOct: intOct$1,
    intTime,
    map,
    merge,
    null: nullTag,
    omap,
    pairs,
    seq,
    set,
    timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary,
    'tag:yaml.org,2002:merge': merge,
    'tag:yaml.org,2002:omap': omap,
    'tag:yaml.org,2002:pairs': pairs,
    'tag:yaml.org,2002:set': set,
    'tag:yaml.org,2002:timestamp': timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge)
            ? schemaTags.concat(merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? getTags(compat, 'compat')
            : compat
                ? getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? coreKnownTags : {};
        this.tags = getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, MAP, { value: map });
        Object.defineProperty(this, SCALAR$1, { value: string });
        Object.defineProperty(this, SEQ, { value: seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, NODE_TYPE, { value: DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [NODE_TYPE]: { value: DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode(value, tag, ctx);
        if (flow && isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (isEmptyPath(path))
            return !keepScalar && isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (isEmptyPath(path))
            return this.contents !== undefined;
        return isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (isScalar(a) && isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap : YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = isNode(res)
        ? res
        : new Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[SCALAR$1];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[SCALAR$1];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = isScalar(res) ? res : new Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[SCALAR$1]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[SCALAR$1];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[SCALAR$1];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[SCALAR$1];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode(ctx, value, props, onError)
        : composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new YAMLWarning(pos, code, message));
            else
                this.errors.push(new YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter = options.lineCounter || (prettyErrors && new LineCounter()) || null;
    return { lineCounter, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser = new Parser(lineCounter?.addNewLine);
    const composer = new Composer(options);
    const docs = Array.from(composer.compose(parser.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(prettifyError(source, lineCounter));
            doc.warnings.forEach(prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer.streamInfo());
}

/**
 * YAML (all documents of a stream) walked node by node — never `toJS()` — so alias bombs stay
 * bounded: aliases are resolved with caps on total entries ({@link MAX_ENTRIES}), visited nodes
 * ({@link MAX_VISITS}) and depth ({@link MAX_DEPTH}); cyclic aliases are cut.
 *
 * Normalisations:
 * - a sequence item `KEY=value` (docker-compose `environment:` list) → entry `[...parent, KEY]`;
 * - a sequence item `{name, value}` (Kubernetes `env:`) → entry `[...parent, name]` at the
 *   `value` key; with `valueFrom` instead → value null, raw `valueFrom:secretKeyRef` (etc.) at
 *   the `name` key;
 * - in a `kind: Secret` document, `data.*` values that decode cleanly from base64 to printable
 *   UTF-8 get the decoded text as `value` (`raw` keeps the base64);
 * - merge keys (`<<: *anchor`) are expanded into the map (explicit keys win).
 *
 * Helm/Go/Jinja templates (`{{ ... }}`, `{% ... %}`) that make a file invalid are retried with
 * same-length placeholders (lines holding only templates are blanked), and the original text is
 * restored in keys, values and `raw`. Commented lines `# KEY: value` / `# KEY=value` give
 * `commented: true` entries with path `[KEY]`.
 */
const MAX_ENTRIES = 10_000;
const MAX_DEPTH$1 = 200;
const MAX_VISITS = 200_000;
/** Beyond this many errors the text is not a template problem; don't parse it twice. */
const MAX_RETRY_ERRORS = 1_000;
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ENV_ITEM_RE = /^([A-Za-z_][A-Za-z0-9_.]*)=/;
const COMMENTED_RE$1 = /^([ \t]*#[ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(\S.*)$/;
const UNQUOTED_TEMPLATE_RE = /(?:^|[\s:,[-])\{[{%]/m;
const TEMPLATE_RE = /\{\{.*?\}\}|\{%.*?%\}/g;
const PLACEHOLDER_CHARS = ['\ua66e', '\u01c2', '\ua74a', '\u1e9e', '\u2c6f', '\ua7b4'];
class Stop extends Error {
}
/** Parses a YAML stream. Never throws. */
function parseYaml(text) {
    const entries = [];
    const diags = new Diagnostics();
    if (typeof text !== 'string') {
        diags.add('malformed YAML: input is not text');
        return { entries, diagnostics: diags.list() };
    }
    let source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    source = source.replace(/\r(?!\n)/g, '\n');
    const scalarLines = new Set();
    try {
        let parsed = parse$2(source);
        let templates = [];
        let blanked = new Set();
        let fill = '';
        // Unquoted `{{ x }}` is either an error or (worse) silently a flow mapping with a mapping
        // key, so the placeholder parse is preferred whenever it is not worse.
        const unquotedTemplate = UNQUOTED_TEMPLATE_RE.test(source);
        const templated = source.includes('{{') || source.includes('{%');
        if ((parsed.errorCount > 0 || unquotedTemplate) &&
            templated &&
            parsed.errorCount <= MAX_RETRY_ERRORS) {
            fill = PLACEHOLDER_CHARS.find((c) => !source.includes(c)) ?? '';
            if (fill) {
                const pre = replaceTemplates(source, fill);
                const retry = parse$2(pre.text);
                if (retry.errorCount < parsed.errorCount ||
                    (unquotedTemplate && retry.errorCount === parsed.errorCount)) {
                    parsed = retry;
                    templates = pre.templates;
                    blanked = pre.blanked;
                }
            }
        }
        const bad = NON_PRINTABLE_RE.exec(source);
        if (bad) {
            const line = Math.max(1, parsed.lc.linePos(bad.index).line);
            const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
            diags.add(`malformed YAML at line ${line}: non-printable character U+${code} (binary file?)`);
        }
        for (const err of parsed.errors) {
            const line = Math.max(1, parsed.lc.linePos(err.pos[0]).line);
            diags.add(`malformed YAML at line ${line}: ${errorMessage(err)}`);
        }
        const ctx = {
            text: source,
            lc: parsed.lc,
            entries,
            diags,
            visits: 0,
            depthWarned: false,
            isSecret: false,
            ancestors: new Set(),
            aliasTargets: new Map(),
            scalarLines,
            templates,
            blanked,
            fill,
        };
        try {
            for (const doc of parsed.docs) {
                ctx.isSecret = isSecretDoc(doc);
                ctx.aliasTargets = buildAliasTargets(doc);
                const root = doc.contents;
                if (isMap(root) || isSeq(root))
                    visitValue(ctx, root, [], 0, { line: 1, column: 1 });
            }
        }
        catch (err) {
            if (!(err instanceof Stop))
                throw err;
        }
    }
    catch (err) {
        diags.add(`malformed YAML: ${errorMessage(err)}`);
    }
    try {
        addCommented(source, scalarLines, entries);
    }
    catch (err) {
        diags.add(`malformed YAML: ${errorMessage(err)}`);
    }
    return { entries, diagnostics: diags.list() };
}
function parse$2(text) {
    const lc = new LineCounter();
    // yaml builds one Error per problem; with stack traces that makes hostile input (1 MB of `"`:
    // half a million errors) take seconds longer. Restored before returning; parsing is synchronous.
    const stackTraceLimit = Error.stackTraceLimit;
    let docs;
    try {
        Error.stackTraceLimit = 0;
        docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
    }
    finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
    const errors = [];
    const list = [];
    if ('empty' in docs) {
        errors.push(...docs.errors);
    }
    else {
        for (const d of docs) {
            list.push(d);
            for (const e of d.errors)
                errors.push(e);
        }
    }
    return { docs: list, lc, errorCount: errors.length, errors };
}
/** Replaces templates with same-length placeholder runs; template-only lines become blank. */
function replaceTemplates(text, fill) {
    const templates = [];
    const blanked = new Set();
    let lineNo = 0;
    let out = '';
    let offset = 0;
    for (const line of text.split('\n')) {
        if (offset > 0)
            out += '\n';
        if (!line.includes('{{') && !line.includes('{%')) {
            out += line;
        }
        else if (line.replace(TEMPLATE_RE, '').trim() === '' &&
            (line.match(TEMPLATE_RE) ?? []).every(isStructural)) {
            out += line.replace(/[^\r]/g, ' ');
            blanked.add(lineNo + 1);
        }
        else {
            out += line.replace(TEMPLATE_RE, (m, at) => {
                templates.push({ start: offset + at, end: offset + at + m.length, text: m });
                return fill.repeat(m.length);
            });
        }
        offset += line.length + 1;
        lineNo++;
    }
    return { text: out, templates, blanked };
}
/**
 * Control statements and YAML-emitting calls (`{{- if }}`, `{{ end }}`, `{{ include ... | nindent 4 }}`,
 * `{% for %}`) stand for structure, not a value: a line of only those is blanked. A lone
 * `{{ .Values.x }}` line (e.g. inside a block scalar) keeps a placeholder so it is restored.
 */
function isStructural(template) {
    return (template.startsWith('{%') ||
        /^\{\{-?\s*(?:if|else|end|range|with|define|template|block|include|toYaml|toJson|tpl|nindent|indent|\/\*|\$[\w]*\s*:?=)(?![\w.])/.test(template));
}
function isSecretDoc(doc) {
    const root = doc.contents;
    if (!isMap(root))
        return false;
    for (const pair of root.items) {
        if (isScalar(pair.key) &&
            pair.key.value === 'kind' &&
            isScalar(pair.value) &&
            pair.value.value === 'Secret') {
            return true;
        }
    }
    return false;
}
function pos(ctx, offset) {
    if (offset === undefined)
        return undefined;
    const p = ctx.lc.linePos(offset);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
}
function nodeRange(node) {
    const r = node?.range;
    return r ?? undefined;
}
function tick(ctx) {
    if (++ctx.visits > MAX_VISITS) {
        ctx.diags.add(`YAML too large to walk (more than ${MAX_VISITS} nodes, alias expansion?); stopped`);
        throw new Stop();
    }
}
function resolveAlias(ctx, node) {
    return isAlias(node) ? ctx.aliasTargets.get(node) : node;
}
/**
 * Maps every alias to its anchor in one iterative pass in document order (yaml's own
 * `Alias.resolve` re-walks the whole document per call, recursively).
 */
function buildAliasTargets(doc) {
    const targets = new Map();
    const anchors = new Map();
    const stack = [doc.contents];
    while (stack.length > 0) {
        const node = stack.pop();
        if (node === null || node === undefined)
            continue;
        if (isAlias(node)) {
            const target = anchors.get(node.source);
            if (target !== undefined)
                targets.set(node, target);
            continue;
        }
        if (isPair(node)) {
            stack.push(node.value, node.key);
            continue;
        }
        const anchor = node.anchor;
        if (typeof anchor === 'string' && anchor !== '')
            anchors.set(anchor, node);
        if (isMap(node) || isSeq(node)) {
            const items = node.items;
            for (let i = items.length - 1; i >= 0; i--)
                stack.push(items[i]);
        }
    }
    return targets;
}
function visitValue(ctx, node, path, depth, at) {
    tick(ctx);
    if (isAlias(node)) {
        const target = resolveAlias(ctx, node);
        if (target === undefined || ctx.ancestors.has(target))
            return; // dangling or cyclic
        visitValue(ctx, target, path, depth + 1, at);
        return;
    }
    if (isScalar(node)) {
        emitScalar(ctx, node, path, at);
        return;
    }
    if (node === null || node === undefined) {
        if (path.length > 0)
            push(ctx, { path, value: null, raw: '', quoted: false, line: at.line, column: at.column });
        return;
    }
    if (depth >= MAX_DEPTH$1) {
        if (!ctx.depthWarned) {
            ctx.depthWarned = true;
            ctx.diags.add(`YAML nested deeper than ${MAX_DEPTH$1} levels at line ${at.line}; deeper values skipped`);
        }
        return;
    }
    if (!isMap(node) && !isSeq(node))
        return;
    // Ancestors are tracked so an alias pointing back into its own ancestry is cut at once.
    const fresh = !ctx.ancestors.has(node);
    if (fresh)
        ctx.ancestors.add(node);
    try {
        if (isMap(node))
            visitMap(ctx, node, path, depth);
        else
            visitSeq(ctx, node.items, path, depth);
    }
    finally {
        if (fresh)
            ctx.ancestors.delete(node);
    }
}
function visitMap(ctx, map, path, depth) {
    let explicit;
    for (const pair of map.items) {
        if (!isPair(pair))
            continue;
        if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
            explicit ??= new Set(map.items.map((p) => keyString(ctx, p.key)).filter((k) => k !== undefined));
            visitMerge(ctx, pair.value, path, depth, explicit);
            continue;
        }
        visitPair(ctx, pair.key, pair.value, path, depth);
    }
}
function visitPair(ctx, keyNode, valueNode, path, depth) {
    const key = keyString(ctx, keyNode);
    if (key === undefined)
        return; // complex key
    const at = pos(ctx, nodeRange(keyNode)?.[0]) ??
        pos(ctx, nodeRange(valueNode)?.[0]) ?? { line: 1, column: 1 };
    visitValue(ctx, valueNode, [...path, key], depth + 1, at);
}
/** `<<: *a` or `<<: [*a, *b]`: earlier sources win, explicit keys win over all. */
function visitMerge(ctx, value, path, depth, explicit) {
    tick(ctx);
    const sources = isSeq(value) ? value.items : [value];
    const seen = new Set(explicit);
    for (const src of sources) {
        const target = resolveAlias(ctx, src);
        if (!isMap(target) || ctx.ancestors.has(target))
            continue;
        if (depth + 1 >= MAX_DEPTH$1)
            continue;
        ctx.ancestors.add(target);
        try {
            for (const pair of target.items) {
                const k = keyString(ctx, pair.key);
                if (k === undefined || seen.has(k))
                    continue;
                seen.add(k);
                visitPair(ctx, pair.key, pair.value, path, depth + 1);
            }
        }
        finally {
            ctx.ancestors.delete(target);
        }
    }
}
function visitSeq(ctx, items, path, depth) {
    items.forEach((item, i) => {
        const itemPath = [...path, String(i)];
        const at = pos(ctx, nodeRange(item)?.[0]);
        if (!at)
            return; // empty item without position
        const target = isAlias(item) ? undefined : item;
        // docker-compose `- KEY=value`
        if (isScalar(target) && typeof target.value === 'string') {
            const value = restore(ctx, target.value, nodeRange(target));
            const m = ENV_ITEM_RE.exec(value);
            if (m) {
                tick(ctx);
                const quoted = target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE';
                const raw = scalarRaw(ctx, target, value);
                const keyAt = { line: at.line, column: at.column + (quoted ? 1 : 0) };
                const eqInRaw = raw.indexOf('=');
                push(ctx, {
                    path: [...path, m[1]],
                    value: value.slice(m[0].length),
                    raw: eqInRaw >= 0 ? raw.slice(eqInRaw + 1) : value.slice(m[0].length),
                    quoted,
                    line: keyAt.line,
                    column: keyAt.column,
                });
                recordScalarLines(ctx, target);
                return;
            }
        }
        // Kubernetes `- name: X` + `value:` / `valueFrom:`
        if (isMap(target) && depth + 1 < MAX_DEPTH$1 && visitEnvItem(ctx, target, path, depth))
            return;
        visitValue(ctx, item, itemPath, depth + 1, at);
    });
}
function visitEnvItem(ctx, map, path, depth) {
    let nameNode;
    let nameKey;
    let valuePair;
    let valueFrom;
    for (const pair of map.items) {
        const k = isScalar(pair.key) ? pair.key.value : undefined;
        if (k === 'name') {
            nameNode = pair.value;
            nameKey = pair.key;
        }
        else if (k === 'value')
            valuePair = pair;
        else if (k === 'valueFrom')
            valueFrom = pair.value;
    }
    if (!isScalar(nameNode) ||
        (typeof nameNode.value !== 'string' && typeof nameNode.value !== 'number'))
        return false;
    const name = restore(ctx, String(nameNode.value), nodeRange(nameNode));
    if (valuePair &&
        (isScalar(valuePair.value) || valuePair.value === null || valuePair.value === undefined)) {
        const at = pos(ctx, nodeRange(valuePair.key)?.[0]) ?? { line: 1, column: 1 };
        visitValue(ctx, valuePair.value, [...path, name], depth + 1, at);
        return true;
    }
    if (valueFrom !== undefined && !valuePair) {
        tick(ctx);
        const source = isMap(valueFrom) && isScalar(valueFrom.items[0]?.key)
            ? String(valueFrom.items[0].key.value)
            : '';
        const at = pos(ctx, nodeRange(nameKey)?.[0]) ?? { line: 1, column: 1 };
        push(ctx, {
            path: [...path, name],
            value: null,
            raw: source ? `valueFrom:${source}` : 'valueFrom',
            quoted: false,
            line: at.line,
            column: at.column,
        });
        return true;
    }
    return false;
}
function keyString(ctx, node) {
    if (node === null || node === undefined)
        return '';
    if (isAlias(node)) {
        const target = resolveAlias(ctx, node);
        return isScalar(target) ? keyString(ctx, target) : undefined;
    }
    if (!isScalar(node))
        return undefined;
    const v = node.value;
    if (typeof v === 'string')
        return restore(ctx, v, nodeRange(node));
    const r = nodeRange(node);
    if (r)
        return ctx.text.slice(r[0], r[1]);
    return String(v);
}
function emitScalar(ctx, node, path, at) {
    if (path.length === 0)
        return;
    const range = nodeRange(node);
    const v = node.value;
    let value;
    if (typeof v === 'string')
        value = restore(ctx, v, range);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null)
        value = v;
    else if (typeof v === 'bigint')
        value = Number(v);
    else
        value = range ? ctx.text.slice(range[0], range[1]) : String(v);
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    if (block && typeof value === 'string' && range && ctx.blanked.size > 0) {
        value = dropBlankedLines(ctx, value, range);
    }
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const entry = {
        path,
        value,
        raw: scalarRaw(ctx, node, typeof value === 'string' ? value : String(value)),
        quoted,
        line: at.line,
        column: at.column,
    };
    if (ctx.isSecret && path.length === 2 && path[0] === 'data' && typeof value === 'string') {
        const decoded = decodeBase64Text(value);
        if (decoded !== undefined)
            entry.value = decoded;
    }
    if (range && range[1] > range[0]) {
        const start = pos(ctx, range[0]);
        if (start) {
            const valueLine = block ? start.line + 1 : start.line;
            if (valueLine !== at.line)
                entry.valueLine = valueLine;
        }
    }
    recordScalarLines(ctx, node);
    push(ctx, entry);
}
/**
 * A block scalar covering blanked `{{- if }}`-style lines would otherwise keep them as
 * whitespace-only content lines; drop those (the template engine would not emit them either).
 * Exact for literal (`|`) scalars; folded ones are approximated the same way.
 */
function dropBlankedLines(ctx, value, range) {
    const header = pos(ctx, range[0]);
    if (!header)
        return value;
    const first = header.line + 1;
    return value
        .split('\n')
        .filter((l, k) => !(ctx.blanked.has(first + k) && l.trim() === ''))
        .join('\n');
}
function scalarRaw(ctx, node, valueText) {
    const range = nodeRange(node);
    if (!range)
        return valueText;
    const src = ctx.text.slice(range[0], range[1]);
    switch (node.type) {
        case 'QUOTE_DOUBLE':
        case 'QUOTE_SINGLE': {
            const q = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
            let inner = src.startsWith(q) ? src.slice(1) : src;
            if (inner.endsWith(q) && inner.length > 0)
                inner = inner.slice(0, -1);
            return inner;
        }
        case 'BLOCK_LITERAL':
        case 'BLOCK_FOLDED':
            return valueText;
        default:
            return src;
    }
}
function recordScalarLines(ctx, node) {
    const range = nodeRange(node);
    if (!range || node.type === 'PLAIN')
        return;
    const a = pos(ctx, range[0]);
    const b = pos(ctx, range[1]);
    if (!a || !b || b.line <= a.line)
        return;
    for (let l = a.line; l <= b.line; l++)
        ctx.scalarLines.add(l);
}
/** Puts original template text back where placeholders were substituted. */
function restore(ctx, s, range) {
    if (ctx.templates.length === 0 || !range || !ctx.fill || !s.includes(ctx.fill))
        return s;
    let out = s;
    let from = 0;
    for (const t of ctx.templates) {
        if (t.end <= range[0] || t.start >= range[2])
            continue;
        const ph = ctx.fill.repeat(t.text.length);
        const at = out.indexOf(ph, from);
        if (at < 0)
            continue;
        out = out.slice(0, at) + t.text + out.slice(at + ph.length);
        from = at + t.text.length;
    }
    return out;
}
function push(ctx, entry) {
    if (ctx.entries.length >= MAX_ENTRIES) {
        ctx.diags.add(`YAML has more than ${MAX_ENTRIES} entries (alias expansion?); stopped`);
        throw new Stop();
    }
    ctx.entries.push(entry);
}
/** Decodes Kubernetes Secret `data` values; undefined unless clean, printable UTF-8. */
function decodeBase64Text(b64) {
    const s = b64.replace(/\s+/g, '');
    if (s === '' || s.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s))
        return undefined;
    const bytes = Buffer.from(s, 'base64');
    if (bytes.toString('base64').replace(/=+$/, '') !== s.replace(/=+$/, ''))
        return undefined;
    let decoded;
    try {
        decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        return undefined;
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded))
        return undefined;
    return decoded;
}
function addCommented(text, scalarLines, entries) {
    const lines = splitLines$1(text);
    for (let i = 0; i < lines.length && entries.length < MAX_ENTRIES; i++) {
        const line = lines[i];
        if (!/^[ \t]*#/.test(line) || scalarLines.has(i + 1))
            continue;
        const m = COMMENTED_RE$1.exec(line);
        if (!m)
            continue;
        let raw = m[3].replace(/[ \t]+$/, '');
        let quoted = false;
        const q = raw[0];
        if ((q === '"' || q === "'") && raw.length >= 2 && raw[raw.length - 1] === q) {
            raw = raw.slice(1, -1);
            quoted = true;
        }
        else {
            const c = /[ \t]#/.exec(raw);
            if (c)
                raw = raw.slice(0, c.index).replace(/[ \t]+$/, '');
        }
        entries.push({
            path: [m[2]],
            value: raw,
            raw,
            quoted,
            line: i + 1,
            column: m[1].length + 1,
            commented: true,
        });
    }
}

const MAX_DEPTH = 200;
const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
class JsonSyntaxError extends Error {
    offset;
    constructor(message, offset) {
        super(message);
        this.offset = offset;
    }
}
/** Parses JSON/JSONC text. Never throws. */
function parseJson(text) {
    const entries = [];
    const diags = new Diagnostics();
    if (typeof text !== 'string') {
        diags.add('malformed JSON: input is not text');
        return { entries, diagnostics: diags.list() };
    }
    const src = stripBom(text);
    let index;
    try {
        index = new LineIndex(src);
        const parser = new JsonParser(src, index, entries, diags);
        parser.parseDocument();
    }
    catch (err) {
        if (err instanceof JsonSyntaxError && index) {
            const at = index.pos(err.offset);
            diags.add(`malformed JSON at line ${at.line}, column ${at.column}: ${err.message}`);
        }
        else {
            diags.add(`malformed JSON: ${errorMessage(err)}`);
        }
    }
    return { entries, diagnostics: diags.list() };
}
class JsonParser {
    s;
    index;
    entries;
    diags;
    p = 0;
    depthWarned = false;
    constructor(s, index, entries, diags) {
        this.s = s;
        this.index = index;
        this.entries = entries;
        this.diags = diags;
    }
    parseDocument() {
        this.skipWs();
        if (this.p >= this.s.length)
            return; // empty or comment-only: nothing to report
        this.parseValue([], 0, null);
        this.skipWs();
        if (this.p < this.s.length)
            throw new JsonSyntaxError('unexpected content after the JSON value', this.p);
    }
    /** `keyOffset` is where the owning key starts (null for array items / the root). */
    parseValue(path, depth, keyOffset) {
        const s = this.s;
        const start = this.p;
        const c = s[start];
        if (c === '{' || c === '[') {
            if (depth >= MAX_DEPTH) {
                if (!this.depthWarned) {
                    this.depthWarned = true;
                    const at = this.index.pos(start);
                    this.diags.add(`JSON nested deeper than ${MAX_DEPTH} levels at line ${at.line}; deeper values skipped`);
                }
                this.skipContainer();
                return;
            }
            if (c === '{')
                this.parseObject(path, depth);
            else
                this.parseArray(path, depth);
            return;
        }
        let value;
        let raw;
        let quoted = false;
        if (c === '"') {
            const str = this.parseString();
            value = str.value;
            raw = str.raw;
            quoted = true;
        }
        else if (s.startsWith('true', start)) {
            value = true;
            raw = 'true';
            this.p += 4;
        }
        else if (s.startsWith('false', start)) {
            value = false;
            raw = 'false';
            this.p += 5;
        }
        else if (s.startsWith('null', start)) {
            value = null;
            raw = 'null';
            this.p += 4;
        }
        else {
            NUMBER_RE.lastIndex = start;
            const m = NUMBER_RE.exec(s);
            if (!m) {
                throw new JsonSyntaxError(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`, start);
            }
            raw = m[0];
            value = Number(raw);
            this.p += raw.length;
        }
        if (path.length === 0)
            return; // a bare scalar document has no key
        const keyAt = this.index.pos(keyOffset ?? start);
        const entry = { path, value, raw, quoted, line: keyAt.line, column: keyAt.column };
        if (keyOffset !== null) {
            const valueLine = this.index.pos(start).line;
            if (valueLine !== keyAt.line)
                entry.valueLine = valueLine;
        }
        this.entries.push(entry);
    }
    parseObject(path, depth) {
        const s = this.s;
        this.p++; // {
        for (;;) {
            this.skipWs();
            if (s[this.p] === '}') {
                this.p++;
                return;
            }
            if (s[this.p] !== '"') {
                throw new JsonSyntaxError(this.p >= s.length ? 'unterminated object' : 'expected a quoted key or }', this.p);
            }
            const keyOffset = this.p;
            const key = this.parseString().value;
            this.skipWs();
            if (s[this.p] !== ':')
                throw new JsonSyntaxError('expected : after key', this.p);
            this.p++;
            this.skipWs();
            this.parseValue([...path, key], depth + 1, keyOffset);
            this.skipWs();
            if (s[this.p] === ',') {
                this.p++;
                continue; // a trailing comma is tolerated by the } check above
            }
            if (s[this.p] === '}') {
                this.p++;
                return;
            }
            throw new JsonSyntaxError(this.p >= s.length ? 'unterminated object' : 'expected , or }', this.p);
        }
    }
    parseArray(path, depth) {
        const s = this.s;
        this.p++; // [
        let n = 0;
        for (;;) {
            this.skipWs();
            if (s[this.p] === ']') {
                this.p++;
                return;
            }
            if (this.p >= s.length)
                throw new JsonSyntaxError('unterminated array', this.p);
            this.parseValue([...path, String(n++)], depth + 1, null);
            this.skipWs();
            if (s[this.p] === ',') {
                this.p++;
                continue;
            }
            if (s[this.p] === ']') {
                this.p++;
                return;
            }
            throw new JsonSyntaxError(this.p >= s.length ? 'unterminated array' : 'expected , or ]', this.p);
        }
    }
    parseString() {
        const s = this.s;
        const open = this.p;
        let p = open + 1;
        let value = '';
        let chunk = p;
        for (;;) {
            if (p >= s.length)
                throw new JsonSyntaxError('unterminated string', open);
            const c = s.charCodeAt(p);
            if (c === 0x22)
                break; // "
            if (c === 0x0a || c === 0x0d)
                throw new JsonSyntaxError('unterminated string', open);
            if (c === 0x5c) {
                value += s.slice(chunk, p);
                const e = s[p + 1];
                switch (e) {
                    case '"':
                    case '\\':
                    case '/':
                        value += e;
                        break;
                    case 'b':
                        value += '\b';
                        break;
                    case 'f':
                        value += '\f';
                        break;
                    case 'n':
                        value += '\n';
                        break;
                    case 'r':
                        value += '\r';
                        break;
                    case 't':
                        value += '\t';
                        break;
                    case 'u': {
                        const hex = s.slice(p + 2, p + 6);
                        if (!/^[0-9A-Fa-f]{4}$/.test(hex))
                            throw new JsonSyntaxError('bad \\u escape in string', p);
                        value += String.fromCharCode(parseInt(hex, 16));
                        p += 4;
                        break;
                    }
                    default:
                        throw new JsonSyntaxError(e === undefined ? 'unterminated string' : `bad escape \\${e} in string`, p);
                }
                p += 2;
                chunk = p;
                continue;
            }
            p++;
        }
        value += s.slice(chunk, p);
        this.p = p + 1;
        return { value, raw: s.slice(open + 1, p) };
    }
    /** Whitespace and comments. */
    skipWs() {
        const s = this.s;
        let p = this.p;
        for (;;) {
            const c = s.charCodeAt(p);
            if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) {
                p++;
            }
            else if (c === 0x2f && s.charCodeAt(p + 1) === 0x2f) {
                // line comment
                p += 2;
                while (p < s.length && s.charCodeAt(p) !== 0x0a && s.charCodeAt(p) !== 0x0d)
                    p++;
            }
            else if (c === 0x2f && s.charCodeAt(p + 1) === 0x2a) {
                const end = s.indexOf('*/', p + 2);
                if (end < 0) {
                    this.p = p;
                    throw new JsonSyntaxError('unterminated /* comment', p);
                }
                p = end + 2;
            }
            else {
                break;
            }
        }
        this.p = p;
    }
    /** Skips a too-deep container without recursion. */
    skipContainer() {
        const s = this.s;
        const open = this.p;
        let depth = 0;
        while (this.p < s.length) {
            this.skipWs();
            const c = s[this.p];
            if (c === '"') {
                this.parseString();
                continue;
            }
            if (c === '{' || c === '[')
                depth++;
            else if (c === '}' || c === ']') {
                depth--;
                if (depth === 0) {
                    this.p++;
                    return;
                }
            }
            this.p++;
        }
        throw new JsonSyntaxError('unterminated array or object', open);
    }
}

const WS = new Set([' ', '\t', '\f']);
const COMMENTED_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Parses .properties text. Never throws. */
function parseProperties(text) {
    const entries = [];
    const diags = new Diagnostics();
    try {
        if (typeof text !== 'string') {
            diags.add('malformed properties: input is not text');
            return { entries, diagnostics: diags.list() };
        }
        const lines = splitLines$1(stripBom(text));
        for (let i = 0; i < lines.length; i++) {
            const line = lines[i];
            const ws = leadingWs(line);
            if (ws === line.length)
                continue;
            const first = line[ws];
            if (first === '#' || first === '!') {
                let p = ws;
                while (p < line.length && (line[p] === '#' || line[p] === '!'))
                    p++;
                while (p < line.length && WS.has(line[p]))
                    p++;
                const content = line.slice(p);
                const kv = splitKeyValue(content);
                if (kv.explicitSeparator && COMMENTED_KEY_RE.test(kv.keyRaw)) {
                    entries.push({
                        path: kv.keyRaw.split('.'),
                        value: unescape(content.slice(kv.valueStart), i + 1, null),
                        raw: content.slice(kv.valueStart),
                        quoted: false,
                        line: i + 1,
                        column: p + 1,
                        commented: true,
                    });
                }
                continue;
            }
            // Build the logical line.
            const pieces = [{ start: 0, line: i + 1 }];
            let logical = '';
            let natural = line.slice(ws);
            let cur = i;
            for (;;) {
                if (endsWithOddBackslashes(natural)) {
                    logical += natural.slice(0, -1);
                    if (cur + 1 >= lines.length)
                        break;
                    cur++;
                    const next = lines[cur];
                    natural = next.slice(leadingWs(next));
                    pieces.push({ start: logical.length, line: cur + 1 });
                }
                else {
                    logical += natural;
                    break;
                }
            }
            i = cur;
            const kv = splitKeyValue(logical);
            const key = unescape(kv.keyRaw, pieces[0].line, diags);
            const raw = logical.slice(kv.valueStart);
            const entry = {
                path: key.split('.'),
                value: unescape(raw, lineAt(pieces, kv.valueStart), diags),
                raw,
                quoted: false,
                line: pieces[0].line,
                column: ws + 1,
            };
            if (raw !== '') {
                const vLine = lineAt(pieces, kv.valueStart);
                if (vLine !== entry.line)
                    entry.valueLine = vLine;
            }
            entries.push(entry);
        }
    }
    catch (err) {
        diags.add(`malformed properties: ${errorMessage(err)}`);
    }
    return { entries, diagnostics: diags.list() };
}
function leadingWs(s) {
    let p = 0;
    while (p < s.length && WS.has(s[p]))
        p++;
    return p;
}
function endsWithOddBackslashes(s) {
    let n = 0;
    for (let p = s.length - 1; p >= 0 && s[p] === '\\'; p--)
        n++;
    return n % 2 === 1;
}
function lineAt(pieces, offset) {
    let line = pieces[0].line;
    for (const p of pieces) {
        if (p.start <= offset)
            line = p.line;
        else
            break;
    }
    return line;
}
/** Key ends at the first unescaped `=`, `:` or whitespace; then optional whitespace, one separator, whitespace. */
function splitKeyValue(s) {
    let p = 0;
    while (p < s.length) {
        const c = s[p];
        if (c === '\\')
            p += 2;
        else if (c === '=' || c === ':' || WS.has(c))
            break;
        else
            p++;
    }
    const keyEnd = Math.min(p, s.length);
    while (p < s.length && WS.has(s[p]))
        p++;
    let explicitSeparator = false;
    if (p < s.length && (s[p] === '=' || s[p] === ':')) {
        explicitSeparator = true;
        p++;
        while (p < s.length && WS.has(s[p]))
            p++;
    }
    return { keyRaw: s.slice(0, keyEnd), valueStart: p, explicitSeparator };
}
function unescape(s, line, diags) {
    if (!s.includes('\\'))
        return s;
    let out = '';
    for (let p = 0; p < s.length; p++) {
        const c = s[p];
        if (c !== '\\') {
            out += c;
            continue;
        }
        p++;
        if (p >= s.length)
            break;
        const e = s[p];
        if (e === 'u') {
            const hex = s.slice(p + 1, p + 5);
            if (/^[0-9A-Fa-f]{4}$/.test(hex)) {
                out += String.fromCharCode(parseInt(hex, 16));
                p += 4;
            }
            else {
                diags?.add(`malformed properties at line ${line}: bad \\u escape "\\u${hex}"`);
                out += 'u';
            }
        }
        else if (e === 't')
            out += '\t';
        else if (e === 'n')
            out += '\n';
        else if (e === 'r')
            out += '\r';
        else if (e === 'f')
            out += '\f';
        else
            out += e;
    }
    return out;
}

const COMMENTED_RE = /^([ \t]*[;#]+[ \t]*)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/;
/** Parses INI text. Never throws. */
function parseIni(text) {
    const entries = [];
    const diags = new Diagnostics();
    try {
        if (typeof text !== 'string') {
            diags.add('malformed INI: input is not text');
            return { entries, diagnostics: diags.list() };
        }
        const lines = splitLines$1(stripBom(text));
        let section = '';
        for (let i = 0; i < lines.length; i++) {
            const line = lines[i];
            const t = line.trim();
            if (t === '')
                continue;
            if (t[0] === '[') {
                const close = t.indexOf(']');
                if (close < 0) {
                    diags.add(`malformed INI at line ${i + 1}: unterminated section header`);
                    continue;
                }
                section = t.slice(1, close).trim();
                continue;
            }
            if (t[0] === ';' || t[0] === '#') {
                const m = COMMENTED_RE.exec(line);
                if (m) {
                    const read = readValue(lines, i, line.slice(m[0].length), false);
                    entries.push({
                        path: [section, m[2]],
                        value: read.value,
                        raw: read.value,
                        quoted: read.quoted,
                        line: i + 1,
                        column: m[1].length + 1,
                        commented: true,
                    });
                }
                continue;
            }
            const eq = line.indexOf('=');
            const colon = line.indexOf(':');
            const d = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (d < 0)
                continue; // bare key (e.g. my.cnf flags): nothing to report
            const key = line.slice(0, d).trim();
            if (key === '') {
                diags.add(`malformed INI at line ${i + 1}: missing key before "${line[d]}"`);
                continue;
            }
            const read = readValue(lines, i, line.slice(d + 1), true);
            if (read.unterminated)
                diags.add(`malformed INI at line ${i + 1}: unterminated """ value`);
            const entry = {
                path: [section, key],
                value: read.value,
                raw: read.value,
                quoted: read.quoted,
                line: i + 1,
                column: line.length - line.trimStart().length + 1,
            };
            if (read.lastLine !== i && read.value.startsWith('\n')) {
                entry.valueLine = i + 2;
            }
            entries.push(entry);
            i = read.lastLine;
        }
    }
    catch (err) {
        diags.add(`malformed INI: ${errorMessage(err)}`);
    }
    return { entries, diagnostics: diags.list() };
}
function readValue(lines, lineIndex, afterDelimiter, multiline) {
    const v = afterDelimiter.replace(/^[ \t]+/, '');
    if (v.startsWith('"""')) {
        const close = v.indexOf('"""', 3);
        if (close >= 0)
            return { value: v.slice(3, close), quoted: true, lastLine: lineIndex };
        if (multiline) {
            const parts = [v.slice(3)];
            for (let j = lineIndex + 1; j < lines.length; j++) {
                const c = lines[j].indexOf('"""');
                if (c >= 0) {
                    parts.push(lines[j].slice(0, c));
                    return { value: parts.join('\n'), quoted: true, lastLine: j };
                }
                parts.push(lines[j]);
            }
        }
        return { ...plain(afterDelimiter), lastLine: lineIndex, unterminated: multiline };
    }
    return { ...plain(afterDelimiter), lastLine: lineIndex };
}
function plain(afterDelimiter) {
    const m = /[ \t][;#]/.exec(afterDelimiter);
    const v = (m ? afterDelimiter.slice(0, m.index) : afterDelimiter).trim();
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) {
        return { value: v.slice(1, -1), quoted: true };
    }
    return { value: v, quoted: false };
}

const TEMPLATE_SUFFIX = /\.(tpl|tmpl|j2|jinja2?|template|example|sample|dist|default|erb|orig|bak|local)$/i;
/** The structured format of a file, from its name (null: not a structured config this stage reads). */
function formatOf(path) {
    const base = path.split('/').pop() ?? path;
    const lower = base.toLowerCase();
    if (/^(docker|container)file([.-].*)?$/i.test(base) ||
        lower.endsWith('.dockerfile') ||
        lower.endsWith('.containerfile'))
        return 'dockerfile';
    if (/^\.env($|\.)/.test(lower) ||
        /\.env($|\.)/.test(lower) ||
        /^env\.(template|sample|example|dist)$/.test(lower) ||
        /^\.?env[-_.]/.test(lower)) {
        if (!/\.(ya?ml|json|js|ts|py|rb|php)$/.test(lower))
            return 'dotenv';
    }
    let stem = lower;
    while (TEMPLATE_SUFFIX.test(stem))
        stem = stem.replace(TEMPLATE_SUFFIX, '');
    if (/\.ya?ml$/.test(stem))
        return 'yaml';
    if (/\.jsonc?$/.test(stem))
        return 'json';
    if (/\.properties$/.test(stem))
        return 'properties';
    if (/\.(ini|cfg|conf)$/.test(stem) || stem === 'app.ini')
        return 'ini';
    if (/^\.?env$/.test(stem))
        return 'dotenv';
    return null;
}
function parse$1(kind, text) {
    switch (kind) {
        case 'dotenv':
            return parseDotenv(text);
        case 'dockerfile':
            return parseDockerfile(text);
        case 'yaml':
            return parseYaml(text);
        case 'json':
            return parseJson(text);
        case 'properties':
            return parseProperties(text);
        case 'ini':
            return parseIni(text);
    }
}
const MAIL_SECRET_KEY = /(smtp|mail|email).*(pass(word|wd)?|secret|api_?key|token)$/i;
const BARE_SECRET_KEY = /^(pass(word|wd)?|smtp_?pass(word)?|auth_?pass(word)?)$/i;
const MAILISH = /smtp|mail|email|smarthost/i;
/**
 * Literal credentials in commented-out lines: still committed (DESIGN.md §3, SP007). Only keys
 * that name a mail password count, or a bare `password` whose section or surrounding block is
 * about mail.
 */
function commentedSecrets(file, entries) {
    const out = [];
    const live = entries.filter((e) => !e.commented).sort((a, b) => a.line - b.line);
    const contextOf = (line) => {
        let best;
        for (const e of live) {
            if (e.line >= line)
                break;
            best = e;
        }
        return best?.path ?? [];
    };
    for (const e of entries) {
        if (!e.commented || typeof e.value !== 'string')
            continue;
        const key = e.path.join('.');
        const last = e.path.at(-1) ?? '';
        if (!MAIL_SECRET_KEY.test(key)) {
            if (!BARE_SECRET_KEY.test(last))
                continue;
            const ctx = [...e.path.slice(0, -1), ...contextOf(e.line)];
            if (!ctx.some((seg) => MAILISH.test(seg)))
                continue;
        }
        const r = resolveRef(e.value);
        if (r.origin !== 'literal')
            continue;
        if (classifySecret(r.value ?? '') !== 'literal')
            continue;
        out.push({ at: { file, line: e.line, column: e.column }, key: last });
    }
    return out;
}
const COMMENT_LINE = /^\s*(#|;|\/\/|!|\*|--|<!--)/;
const INLINE_ASSIGNMENT = /\b((?:[A-Za-z_][\w.]*)?(?:smtp|mail|email)[\w.]*(?:pass(?:word|wd)?|secret))\s*[=:]\s*["']?([^\s"',;]+)/gi;
/** Mail passwords written inside comment prose, e.g. `# docker run -e MAIL_PASSWORD=... image`. */
function inlineCommentSecrets(file, text) {
    const out = [];
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.length > 4000 || !COMMENT_LINE.test(line) || !/pass|secret/i.test(line))
            continue;
        for (const m of line.matchAll(INLINE_ASSIGNMENT)) {
            const r = resolveRef(m[2]);
            if (r.origin !== 'literal' || classifySecret(r.value ?? '') !== 'literal')
                continue;
            out.push({ at: { file, line: i + 1, column: (m.index ?? 0) + 1 }, key: m[1] });
            break;
        }
    }
    return out;
}
function extract(file, text) {
    const diagnostics = [];
    const kind = formatOf(file);
    if (!kind)
        return { endpoints: [], looseSecrets: [], diagnostics };
    let drafts = [];
    let looseSecrets = [];
    try {
        const parsed = parse$1(kind, text);
        for (const m of parsed.diagnostics)
            diagnostics.push({ level: 'warning', file, message: m });
        const entries = parsed.entries;
        if (kind === 'dotenv' || kind === 'dockerfile')
            drafts = envDrafts(file, entries.filter((e) => !e.commented)).drafts;
        else if (kind === 'ini')
            drafts = iniDrafts(file, entries);
        else
            drafts = treeDrafts(file, entries, kind).drafts;
        looseSecrets = commentedSecrets(file, entries);
        const lines = new Set(looseSecrets.map((x) => x.at.line));
        for (const x of inlineCommentSecrets(file, text))
            if (!lines.has(x.at.line))
                looseSecrets.push(x);
    }
    catch (err) {
        diagnostics.push({
            level: 'error',
            file,
            message: `reader failed: ${err instanceof Error ? err.message : String(err)} (please report this)`,
        });
    }
    const endpoints = [];
    const seen = new Set();
    for (const d of drafts) {
        const ep = finish(d);
        let id = ep.id;
        for (let i = 2; seen.has(id); i++)
            id = `${ep.id}#${i}`;
        ep.id = id;
        seen.add(id);
        endpoints.push(ep);
    }
    return { endpoints, looseSecrets, diagnostics };
}

const REPOSITORY_URL = 'https://github.com/smtp-preflight/smtp-preflight';
function helpUri(id) {
    return `${REPOSITORY_URL}/blob/main/docs/rules/${id}.md`;
}
const RULES = [
    {
        id: 'SP001',
        severity: 'error',
        title: 'Port 25 used for submission',
        description: 'Port 25 is for server-to-server relay; clouds and ISPs block it outbound, and applications that authenticate should submit on 587 or 465.',
    },
    {
        id: 'SP002',
        severity: 'error',
        title: 'No TLS',
        description: 'The connection never encrypts: credentials and messages cross the network in clear text.',
    },
    {
        id: 'SP003',
        severity: 'warning',
        title: 'Opportunistic STARTTLS',
        description: 'STARTTLS is used only if the server advertises it, so an attacker who strips the advertisement downgrades the session to clear text.',
    },
    {
        id: 'SP004',
        severity: 'error',
        title: 'Port and TLS mode disagree',
        description: 'Implicit TLS on a STARTTLS port, or STARTTLS/plain on port 465: the connection hangs or fails the handshake.',
    },
    {
        id: 'SP005',
        severity: 'error',
        title: 'Certificate verification disabled',
        description: 'The client accepts any certificate, so anyone on the path can impersonate the server and read the credentials.',
    },
    {
        id: 'SP006',
        severity: 'warning',
        title: 'TLS below 1.2 allowed',
        description: 'TLS 1.0/1.1 (and weak ciphers) are deprecated by RFC 8996; RFC 8997 sets TLS 1.2 as the minimum for mail.',
    },
    {
        id: 'SP007',
        severity: 'error',
        title: 'Credential committed',
        description: 'A literal SMTP password or API key is in the repository, where every clone and fork keeps it.',
    },
    {
        id: 'SP008',
        severity: 'warning',
        title: 'Submission without authentication',
        description: 'A remote submission port (587/465/2525) without credentials: the server will refuse to relay, or it is an open relay.',
    },
    {
        id: 'SP009',
        severity: 'note',
        title: 'Non-standard port',
        description: 'The port is not one of 25/465/587; 2525 is a provider fallback. Check it is intended and what TLS mode it speaks.',
    },
    {
        id: 'SP010',
        severity: 'error',
        title: 'Provider does not offer this port/TLS',
        description: 'The host belongs to a known provider that does not offer this port and TLS mode combination.',
    },
    {
        id: 'SP011',
        severity: 'warning',
        title: 'Password auth retired by provider',
        description: 'The provider has retired, or is retiring, password (basic) SMTP AUTH.',
    },
    {
        id: 'SP012',
        severity: 'note',
        title: 'Cannot judge statically',
        description: 'A setting comes only from the environment or a template, so it cannot be judged from the repository: a policy `assume:` or the live probe settles it.',
    },
    {
        id: 'SP013',
        severity: 'error',
        title: 'Mutually exclusive TLS settings',
        description: 'Two TLS settings contradict each other, so the framework refuses to start or silently drops one.',
    },
    {
        id: 'SP014',
        severity: 'warning',
        title: 'Value ignored by the framework',
        description: 'The framework does not recognise or ignores this value, so the effective behaviour differs from what was written.',
    },
    {
        id: 'SP015',
        severity: 'note',
        title: 'SMTP transcript logging on',
        description: 'SMTP debug logging is switched on in committed configuration: message bodies and AUTH exchanges land in logs.',
    },
];
new Map(RULES.map((r) => [r.id, r]));

const LOCAL = [
    /^localhost$/i,
    /^127(\.\d{1,3}){3}$/,
    /^::1$/,
    /^\[::1\]$/,
    /^0\.0\.0\.0$/,
    /^(mailpit|mailhog|smtp4dev|maildev|mailcatcher|mailcrab|inbucket|greenmail)$/i,
    /\.localhost$/i,
];
const CATCHER_PORTS = new Set([1025, 1026, 8025, 2500]);
const STARTTLS_PORTS = new Set([25, 587, 2525]);
const SUBMISSION_PORTS = new Set([587, 465, 2525]);
const STANDARD_PORTS = new Set([25, 465, 587]);
/** Mail ports of other protocols, a common copy-paste slip (the IMAP settings of the same provider). */
const OTHER_PROTOCOL_PORTS = {
    110: 'POP3',
    143: 'IMAP',
    993: 'IMAPS (IMAP over TLS)',
    995: 'POP3S (POP3 over TLS)',
};
function isLocalHost(host, extra = []) {
    if (!host)
        return false;
    const h = host.trim().toLowerCase();
    return LOCAL.some((re) => re.test(h)) || extra.some((x) => x.toLowerCase() === h);
}
const SECURITY_WORDS = {
    'implicit-tls': 'implicit TLS',
    'starttls-required': 'required STARTTLS',
    'starttls-opportunistic': 'opportunistic STARTTLS',
    plain: 'no TLS',
    unknown: 'unknown TLS mode',
};
/** `smtp.gmail.com:587`, `${SMTP_HOST}:587`, `port 587 (host not set)`. */
function target(ep) {
    const h = ep.host;
    const port = ep.port?.value;
    let host;
    if (h?.value !== undefined)
        host = h.value;
    else if (h && (h.origin === 'env' || h.origin === 'secret'))
        host = h.raw;
    if (host !== undefined)
        return port !== undefined ? `${host}:${port}` : host;
    return port !== undefined ? `port ${port} (host not set)` : 'host and port not set';
}
function written(s) {
    if (!s)
        return '';
    if (s.origin === 'derived')
        return ` (${s.raw})`;
    return s.key ? ` (\`${s.key}\`)` : '';
}
/** The line that fixes a port problem: the port line, else the host line, else the endpoint. */
function portAt(ep) {
    if (ep.port && ep.port.origin !== 'derived')
        return ep.port.at;
    if (ep.host && ep.host.origin !== 'derived')
        return ep.host.at;
    return ep.at;
}
/** SP002/SP003/SP004 anchor: the TLS key, else the host line, else the port line (DESIGN.md §3). */
function securityAt(ep) {
    if (ep.security.origin !== 'derived')
        return ep.security.at;
    if (ep.host && ep.host.origin !== 'derived')
        return ep.host.at;
    if (ep.port && ep.port.origin !== 'derived')
        return ep.port.at;
    return ep.security.at;
}
/** A known provider's ports, for messages. */
function providerFact(name, implicit, starttls) {
    return ` ${name} offers implicit TLS on ${implicit.join(', ') || 'no port'} and STARTTLS on ${starttls.join(', ')}.`;
}
function secretWords(ep) {
    return ep.authIntended ? 'the credentials and messages' : 'messages';
}
function evaluateEndpoint(ep, opts = {}) {
    const out = [];
    const add = (ruleId, severity, at, message, fix, related) => {
        const f = {
            ruleId,
            severity,
            message,
            fix,
            at: { ...at },
            endpointId: ep.id,
            helpUri: helpUri(ruleId),
        };
        if (related?.length)
            f.related = related;
        out.push(f);
    };
    const host = ep.host?.value;
    const local = isLocalHost(host, opts.localHosts);
    const port = ep.port?.value;
    const sec = ep.security.value ?? 'unknown';
    const where = `${ep.product}, ${target(ep)},`;
    const k = ep.knobs;
    const provider = providerById(ep.provider);
    const fact = provider ? providerFact(provider.name, provider.implicitTls, provider.startTls) : '';
    const secAt = securityAt(ep);
    // SP004: port and TLS mode disagree.
    const implicitOnStartTlsPort = sec === 'implicit-tls' && port !== undefined && STARTTLS_PORTS.has(port);
    const noImplicitOn465 = port === 465 &&
        (sec === 'starttls-required' || sec === 'starttls-opportunistic' || sec === 'plain');
    if (implicitOnStartTlsPort) {
        add('SP004', 'error', secAt, `${where} uses implicit TLS${written(ep.security)} on port ${port}, which speaks STARTTLS: the TLS handshake meets a plain-text greeting and fails ("wrong version number").${fact}`, `Use ${k.implicitTls}, or keep port ${port} and switch implicit TLS off${k.requireStartTls ? ` (${k.requireStartTls})` : ''}.`);
    }
    else if (noImplicitOn465) {
        add('SP004', 'error', secAt, `${where} uses ${SECURITY_WORDS[sec]}${written(ep.security)} on port 465, which expects implicit TLS from the first byte: the client waits for a greeting that never comes, then times out.${fact}`, `Use ${k.implicitTls}${k.requireStartTls ? `, or port 587 with ${k.requireStartTls}` : ', or port 587'}.`);
    }
    // SP001: port 25 for an application.
    const defaultLocalHost = !ep.host || (ep.host.origin === 'derived' && (ep.host.value === undefined || local));
    if (port === 25 && !local && !defaultLocalHost) {
        add('SP001', ep.authIntended ? 'error' : 'warning', portAt(ep), ep.authIntended
            ? `${where} authenticates on port 25${written(ep.port)}: 25 is for server-to-server relay, and clouds and ISPs block it outbound.`
            : `${where} relays on port 25${written(ep.port)} without authentication: this works only inside a network that allows outbound 25 (most clouds and ISPs block it).`, `Submit on 587 with required STARTTLS or 465 with implicit TLS (set ${k.port}).`);
    }
    // SP002: no TLS at all.
    if (sec === 'plain' && !local && !noImplicitOn465) {
        add('SP002', ep.authIntended ? 'error' : 'warning', secAt, `${where} never uses TLS${written(ep.security)}: ${secretWords(ep)} cross the network in clear text.${fact}`, k.requireStartTls
            ? `Require STARTTLS: ${k.requireStartTls}; or use ${k.implicitTls}.`
            : `Use ${k.implicitTls}.`);
    }
    // SP003: opportunistic STARTTLS on a STARTTLS port.
    if (sec === 'starttls-opportunistic' &&
        port !== undefined &&
        STARTTLS_PORTS.has(port) &&
        !local) {
        add('SP003', 'warning', secAt, `${where} uses STARTTLS only if the server advertises it${written(ep.security)}: an attacker who strips the STARTTLS advertisement gets ${secretWords(ep)} in clear text.`, k.requireStartTls
            ? `Require it: ${k.requireStartTls}.`
            : `${ep.product} has no setting that requires STARTTLS: use ${k.implicitTls} instead.`);
    }
    // SP005: certificate verification off.
    if (ep.tlsVerify && ep.tlsVerify.value === false) {
        add('SP005', 'error', ep.tlsVerify.at, `${where} disables certificate verification${ep.tlsVerify.key ? ` (\`${ep.tlsVerify.key}\`)` : ''}: anyone on the path can impersonate the server and collect ${secretWords(ep)}.`, `Turn verification back on: ${k.verifyOn}. If the server's certificate is self-signed, trust its CA instead.`, ep.verifyOffAlso);
    }
    // SP006: weak TLS versions or ciphers.
    if (ep.minTls?.value && /^(SSLv\d|TLSv1(\.[01])?|TLS1(_[01])?)$/i.test(ep.minTls.value)) {
        add('SP006', 'warning', ep.minTls.at, `${where} allows ${ep.minTls.value}${written(ep.minTls)}: TLS 1.0 and 1.1 must not be used (RFC 8996), and mail requires TLS 1.2 at least (RFC 8997).`, 'Allow TLS 1.2 and later only (TLSv1.2 minimum).');
    }
    for (const o of ep.weakTls)
        add('SP006', 'warning', o.at, `${ep.product}: ${o.message}`, o.fix, o.related);
    // SP007: committed credential.
    if (ep.password && (ep.password.origin === 'literal' || ep.password.origin === 'default')) {
        add('SP007', 'error', ep.password.at, `${where} has a literal password committed${ep.password.key ? ` in \`${ep.password.key}\`` : ''}${ep.password.origin === 'default' ? ' as the default of an env expression' : ''}. Everyone with read access to the repository, its forks and its history has it.`, `Rotate it, then ${k.secretRef}.`);
    }
    // SP008: submission port without auth.
    if (port !== undefined &&
        SUBMISSION_PORTS.has(port) &&
        !local &&
        !ep.authIntended &&
        ep.host &&
        ep.host.origin !== 'placeholder' &&
        ep.host.origin !== 'derived') {
        add('SP008', 'warning', ep.at, `${where} submits on port ${port} without authentication: a submission server refuses to relay for unauthenticated clients (or it is an open relay).`, 'Configure the SMTP username and password (from secrets), or use port 25 only for an internal relay that authorises by IP.');
    }
    // SP009: non-standard port.
    if (port !== undefined &&
        !STANDARD_PORTS.has(port) &&
        ep.port?.origin !== 'derived' &&
        !(local && CATCHER_PORTS.has(port))) {
        add('SP009', 'note', portAt(ep), port === 2525
            ? `${where} uses port 2525, a non-standard fallback some providers offer when 587 is blocked; it speaks STARTTLS like 587.`
            : OTHER_PROTOCOL_PORTS[port]
                ? `${where} uses port ${port}, which is ${OTHER_PROTOCOL_PORTS[port]}, not SMTP: the client never gets an SMTP greeting.`
                : `${where} uses the non-standard port ${port}: check that it is intended and which TLS mode it speaks.`, `Prefer 587 (required STARTTLS) or 465 (implicit TLS) in ${k.port}, unless the server only listens on ${port}.`);
    }
    // SP010: provider does not offer this combination.
    if (provider &&
        port !== undefined &&
        !implicitOnStartTlsPort &&
        !noImplicitOn465 &&
        (sec === 'implicit-tls' || sec.startsWith('starttls'))) {
        const offered = sec === 'implicit-tls' ? provider.implicitTls : provider.startTls;
        if (!offered.includes(port)) {
            const mode = sec === 'implicit-tls' ? 'implicit TLS' : 'STARTTLS';
            add('SP010', 'error', portAt(ep), `${where} uses ${mode} on port ${port}, but ${provider.name} does not offer that combination (implicit TLS: ${provider.implicitTls.join(', ') || 'none'}; STARTTLS: ${provider.startTls.join(', ')}).`, sec === 'implicit-tls' && provider.implicitTls.length === 0
                ? `Use port ${provider.startTls.includes(587) ? 587 : provider.startTls[0]} with STARTTLS (${k.port})${k.requireStartTls ? `, and require it: ${k.requireStartTls}` : ''}.`
                : `Use port ${offered.includes(587) ? 587 : offered[0]} with ${mode} (${k.port}), as ${provider.name} documents.`);
        }
    }
    // SP011: password auth retired by the provider.
    const oauth = /oauth|xoauth/i.test(ep.authMethod?.value ?? '');
    if (provider?.passwordAuth && ep.password && !oauth) {
        add('SP011', provider.passwordAuth.severity, ep.password.at, `${where} uses password authentication: ${provider.passwordAuth.text}.`, `Use ${provider.auth}.`);
    }
    // SP012: cannot be judged statically.
    const unknown = [];
    if (ep.host && (ep.host.origin === 'env' || ep.host.origin === 'secret'))
        unknown.push({ name: 'host', s: ep.host });
    if (ep.port && (ep.port.origin === 'env' || ep.port.origin === 'secret'))
        unknown.push({ name: 'port', s: ep.port });
    if (sec === 'unknown' && (ep.security.origin === 'env' || ep.security.origin === 'secret'))
        unknown.push({ name: 'TLS mode', s: ep.security });
    if (unknown.length) {
        unknown.sort((a, b) => a.s.at.line - b.s.at.line);
        add('SP012', 'note', unknown[0].s.at, `${ep.product}: the ${unknown.map((u) => `${u.name} (${u.s.raw})`).join(', ')} ${unknown.length > 1 ? 'come' : 'comes'} only from the environment, so ${unknown.length > 1 ? 'they' : 'it'} cannot be judged from the repository.`, 'Give a default in the file, declare the value in the policy (`assume:`), or run the live probe against the real server.');
    }
    for (const o of ep.conflicts)
        add('SP013', 'error', o.at, `${ep.product}: ${o.message}`, o.fix, o.related);
    for (const o of ep.ignored)
        add('SP014', 'warning', o.at, `${ep.product}: ${o.message}`, o.fix, o.related);
    if (ep.debug?.value) {
        add('SP015', 'note', ep.debug.at, `${ep.product}: SMTP transcript logging is on${ep.debug.key ? ` (\`${ep.debug.key}\`)` : ''}: message bodies and the AUTH exchange land in logs.`, 'Switch it off in committed configuration; enable it locally only when debugging.');
    }
    if (!ep.active) {
        for (const f of out) {
            if (f.severity !== 'note' && f.ruleId !== 'SP007') {
                f.severity = 'note';
                f.message += ` (Inactive: ${ep.inactiveReason ?? 'the SMTP block is switched off'}; reported as a note.)`;
            }
        }
    }
    return out;
}
function evaluateLooseSecret(s) {
    return {
        ruleId: 'SP007',
        severity: 'error',
        message: `A literal mail password is committed in a commented-out line (\`${s.key}\`): comments are part of the repository and its history.`,
        fix: 'Rotate the password, then delete the line (and purge it from history if the repository is public).',
        at: { ...s.at },
        helpUri: helpUri('SP007'),
    };
}
function evaluate(endpoints, looseSecrets, opts = {}) {
    const findings = [
        ...endpoints.flatMap((ep) => evaluateEndpoint(ep, opts)),
        ...looseSecrets.map(evaluateLooseSecret),
    ];
    // One finding per rule and line: keep the most severe.
    const rank = { error: 3, warning: 2, note: 1 };
    const best = new Map();
    for (const f of findings) {
        const key = `${f.at.file}\u0000${f.at.line}\u0000${f.ruleId}`;
        const prev = best.get(key);
        if (!prev || rank[f.severity] > rank[prev.severity])
            best.set(key, f);
    }
    return [...best.values()].sort((a, b) => a.at.file < b.at.file
        ? -1
        : a.at.file > b.at.file
            ? 1
            : a.at.line - b.at.line || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The one pipeline both entries call: discover → extract → evaluate → Report.
 */
const VERSION = '0.1.0';
async function run(options) {
    const started = Date.now();
    const found = await discover(options.root, { maxFileBytes: options.maxFileBytes });
    const endpoints = [];
    const loose = [];
    const diagnostics = [...found.diagnostics];
    for (const file of found.files) {
        const x = extract(file.path, file.text);
        endpoints.push(...x.endpoints);
        loose.push(...x.looseSecrets);
        diagnostics.push(...x.diagnostics);
    }
    const findings = evaluate(endpoints, loose);
    return {
        tool: { name: 'smtp-preflight', version: VERSION },
        root: options.root,
        endpoints,
        findings,
        suppressed: [],
        probes: [],
        diagnostics,
        stats: {
            filesListed: found.listed,
            filesRead: found.files.length,
            filesSkipped: found.skipped,
            durationMs: Date.now() - started,
        },
    };
}
const RANK = { note: 1, warning: 2, error: 3 };
/** True when at least one finding reaches the `fail-on` threshold. */
function reachesThreshold(report, failOn) {
    if (failOn === 'never')
        return false;
    return report.findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}

/** The CLI's entry: same pipeline as the Action, output to stdout. */
const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;
const HELP = `Usage: smtp-preflight scan [PATH] [options]

Find SMTP configuration in a repository and judge it: wrong ports, downgradable
STARTTLS, disabled certificate checks, committed passwords.

Arguments:
  PATH                     directory to scan (default: .)

Options:
  --format text|json       output format (default: text)
  --fail-on LEVEL          error, warning, note or never: exit 1 when a finding
                           reaches LEVEL (default: ${DEFAULT_FAIL_ON})
  --max-file-size BYTES    skip larger files (default: ${DEFAULT_MAX_FILE_BYTES$1})
  -h, --help               show this help
  --version                print the version

Exit status: 0 when no finding reaches --fail-on, 1 when one does,
2 on a usage or internal error.
`;
const FORMATS = ['text', 'json'];
/** The I/O of the running process: colour on a terminal unless NO_COLOR is set. */
function processIO() {
    return {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        cwd: process.cwd(),
    };
}
function isNodeError(error) {
    return error instanceof Error && typeof error.code === 'string';
}
/** parseArgs' errors, turned into one line that points at --help. */
function usageFromParseError(error) {
    if (isNodeError(error) && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
        return new UsageError(`unknown option '${option}' (see --help)`);
    }
    if (isNodeError(error) && error.code.startsWith('ERR_PARSE_ARGS_')) {
        const first = error.message.split('. ')[0].replace(/\.$/, '');
        return new UsageError(`${first.charAt(0).toLowerCase()}${first.slice(1)} (see --help)`);
    }
    return error instanceof Error ? error : new Error(String(error));
}
const OPTIONS = {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'max-file-size': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
};
function parse(argv) {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
    }
    catch (error) {
        throw usageFromParseError(error);
    }
    const { values, positionals } = parsed;
    if (values.help)
        return { kind: 'help' };
    if (values.version)
        return { kind: 'version' };
    const [command, path = '.', ...extra] = positionals;
    if (command === undefined)
        throw new UsageError('missing command: try scan (see --help)');
    if (command === 'help')
        return { kind: 'help' };
    if (command !== 'scan')
        throw new UsageError(`unknown command '${command}' (see --help)`);
    if (extra.length > 0)
        throw new UsageError(`unexpected argument '${extra[0]}' (see --help)`);
    const format = values.format ?? 'text';
    if (!FORMATS.includes(format)) {
        throw new UsageError(`invalid --format value '${format}' (expected text or json)`);
    }
    return {
        kind: 'scan',
        path,
        format: format,
        failOn: values['fail-on'] === undefined
            ? DEFAULT_FAIL_ON
            : parseFailOn(values['fail-on'], '--fail-on'),
        maxFileBytes: values['max-file-size'] === undefined
            ? DEFAULT_MAX_FILE_BYTES$1
            : parseByteSize(values['max-file-size'], '--max-file-size'),
    };
}
/** Runs the CLI; resolves to the exit status and never throws. */
async function main(argv, io = processIO()) {
    try {
        const args = parse(argv);
        if (args.kind === 'help') {
            io.stdout(HELP);
            return EXIT_OK;
        }
        if (args.kind === 'version') {
            io.stdout(`${VERSION}\n`);
            return EXIT_OK;
        }
        const root = resolveScanRoot(args.path, io.cwd);
        const report = await run({ root, maxFileBytes: args.maxFileBytes });
        io.stdout(args.format === 'json' ? `${renderJson(report)}\n` : renderText(report, { color: io.color }));
        return reachesThreshold(report, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`smtp-preflight: ${message.split('\n')[0]}\n`);
        return EXIT_USAGE;
    }
}

/** The bundle entry of the CLI (dist/cli.js). */
// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE')
        throw error;
});
process.exitCode = await main(process.argv.slice(2), processIO());
