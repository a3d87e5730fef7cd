/**
 * Dockerfiles: `ENV KEY=value KEY2="v 2"`, legacy `ENV KEY value with spaces`, `ARG KEY=default`
 * (treated like ENV; `ARG KEY` without a default gives nothing), `ONBUILD ENV ...`, line
 * continuations (each key keeps the physical line it is written on), the `# escape=` parser
 * directive, heredocs (`RUN <<EOF ... EOF` bodies are skipped) and commented-out
 * `# ENV KEY=value` lines (→ `commented: true`). Values are strings.
 */
import type { Entry, ParseResult } from './entry.js';
import { Diagnostics, errorMessage, snippet, splitLines, stripBom } from './text.js';

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

/** A logical instruction: its text with continuations removed, plus where each piece came from. */
interface Logical {
  text: string;
  /** Pieces in order: `start` is the offset in `text`, `line`/`column` 1-based of that offset. */
  pieces: { start: number; line: number; column: number }[];
}

interface Word {
  start: number;
  end: number;
}

/** Parses Dockerfile text. Never throws. */
export function parseDockerfile(text: string): ParseResult {
  const entries: Entry[] = [];
  const diags = new Diagnostics();
  try {
    if (typeof text !== 'string') {
      diags.add('malformed Dockerfile: input is not text');
      return { entries, diagnostics: diags.list() };
    }
    const lines = splitLines(stripBom(text));
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
          const logical: Logical = {
            text: comment[2],
            pieces: [{ start: 0, line: i + 1, column: comment[1].length + 1 }],
          };
          handleInstruction(logical, escape, entries, null, true);
        }
        i++;
        continue;
      }

      // Gather the logical line.
      const logical: Logical = { text: '', pieces: [] };
      let cur = i;
      for (;;) {
        const l = lines[cur];
        const m = continuation.exec(l);
        const part = m ? l.slice(0, m.index) : l;
        logical.pieces.push({ start: logical.text.length, line: cur + 1, column: 1 });
        logical.text += part;
        cur++;
        if (!m) break;
        // Comment and empty lines inside a continuation are dropped by Docker.
        while (cur < lines.length && (lines[cur].trim() === '' || /^[ \t]*#/.test(lines[cur])))
          cur++;
        if (cur >= lines.length) break;
      }
      i = cur;

      const instruction = handleInstruction(logical, escape, entries, diags, false);
      if (instruction && instruction !== 'ENV' && instruction !== 'ARG') {
        i = skipHeredocs(logical.text, lines, i);
      }
    }
  } catch (err) {
    diags.add(`malformed Dockerfile: ${errorMessage(err)}`);
  }
  return { entries, diagnostics: diags.list() };
}

function readEscapeDirective(lines: string[]): string {
  for (const line of lines) {
    const m = /^[ \t]*#[ \t]*([A-Za-z]+)[ \t]*=[ \t]*(\S+)[ \t]*$/.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

/** Returns the upper-cased instruction name, or undefined for an empty line. */
function handleInstruction(
  logical: Logical,
  escape: string,
  entries: Entry[],
  diags: Diagnostics | null,
  commented: boolean,
): string | undefined {
  const s = logical.text;
  let p = skipSpace(s, 0);
  let m = /^[A-Za-z]+/.exec(s.slice(p, p + 20));
  if (!m) {
    if (p < s.length)
      diags?.add(
        `malformed Dockerfile at line ${position(logical, p).line}: expected an instruction, got "${snippet(s.slice(p), 20)}"`,
      );
    return undefined;
  }
  let name = m[0].toUpperCase();
  if (name === 'ONBUILD') {
    p = skipSpace(s, p + m[0].length);
    m = /^[A-Za-z]+/.exec(s.slice(p, p + 20));
    if (!m) return name;
    name = m[0].toUpperCase();
  }
  if (!KNOWN_INSTRUCTIONS.has(name)) {
    diags?.add(
      `malformed Dockerfile at line ${position(logical, p).line}: unknown instruction "${snippet(m[0], 20)}"`,
    );
    return name;
  }
  if (name !== 'ENV' && name !== 'ARG') return name;
  const after = p + m[0].length;
  if (after < s.length && !/[ \t]/.test(s[after])) {
    diags?.add(
      `malformed Dockerfile at line ${position(logical, p).line}: unknown instruction "${snippet(s.slice(p, p + 20), 20)}"`,
    );
    return name;
  }

  const words = splitWords(s, after, escape);
  if (words.length === 0) {
    diags?.add(
      `malformed Dockerfile at line ${position(logical, p).line}: ${name} needs arguments`,
    );
    return name;
  }
  const firstEq = findUnquoted(s, words[0].start, words[0].end, '=', escape);

  if (name === 'ENV' && firstEq < 0) {
    // Legacy form: ENV KEY value with spaces
    const keyWord = words[0];
    const key = unquote(s.slice(keyWord.start, keyWord.end), escape);
    if (words.length < 2) {
      diags?.add(
        `malformed Dockerfile at line ${position(logical, keyWord.start).line}: ENV ${snippet(key, 40)} has no value`,
      );
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
        diags?.add(
          `malformed Dockerfile at line ${position(logical, w.start).line}: can't find = in "${snippet(s.slice(w.start, w.end))}"`,
        );
      }
      continue; // ARG KEY without default
    }
    const key = unquote(s.slice(w.start, eq), escape);
    if (key === '') {
      diags?.add(
        `malformed Dockerfile at line ${position(logical, w.start).line}: empty ${name} name`,
      );
      continue;
    }
    pushEntry(entries, logical, key, w.start, s.slice(eq + 1, w.end), eq + 1, escape, commented);
  }
  return name;
}

function pushEntry(
  entries: Entry[],
  logical: Logical,
  key: string,
  keyOffset: number,
  valueSrc: string,
  valueOffset: number,
  escape: string,
  commented: boolean,
): void {
  const at = position(logical, keyOffset);
  const entry: Entry = {
    path: [key],
    value: unquote(valueSrc, escape),
    raw: valueSrc,
    quoted: false,
    line: at.line,
    column: at.column,
  };
  const q = valueSrc[0];
  if (
    (q === '"' || q === "'") &&
    valueSrc.length >= 2 &&
    closingQuote(valueSrc, escape) === valueSrc.length - 1
  ) {
    entry.raw = valueSrc.slice(1, -1);
    entry.quoted = true;
  }
  if (valueSrc !== '') {
    const vLine = position(logical, valueOffset).line;
    if (vLine !== at.line) entry.valueLine = vLine;
  }
  if (commented) entry.commented = true;
  entries.push(entry);
}

function position(logical: Logical, offset: number): { line: number; column: number } {
  let piece = logical.pieces[0];
  for (const p of logical.pieces) {
    if (p.start <= offset) piece = p;
    else break;
  }
  return { line: piece.line, column: piece.column + (offset - piece.start) };
}

function skipSpace(s: string, p: number): number {
  while (p < s.length && (s[p] === ' ' || s[p] === '\t')) p++;
  return p;
}

/** Splits at unquoted, unescaped whitespace. */
function splitWords(s: string, from: number, escape: string): Word[] {
  const words: Word[] = [];
  let p = skipSpace(s, from);
  while (p < s.length) {
    const start = p;
    while (p < s.length && s[p] !== ' ' && s[p] !== '\t') {
      const c = s[p];
      if (c === escape) p += 2;
      else if (c === '"' || c === "'") p = skipQuoted(s, p, escape);
      else p++;
    }
    p = Math.min(p, s.length);
    words.push({ start, end: p });
    p = skipSpace(s, p);
  }
  return words;
}

/** Given `s[p]` is a quote, returns the offset just past its closing quote (or the end). */
function skipQuoted(s: string, p: number, escape: string): number {
  const q = s[p];
  p++;
  while (p < s.length && s[p] !== q) {
    if (q === '"' && s[p] === escape) p++;
    p++;
  }
  return Math.min(p + 1, s.length);
}

/** Offset (within the value) of the quote closing `v[0]`, or -1. */
function closingQuote(v: string, escape: string): number {
  const end = skipQuoted(v, 0, escape);
  return v[end - 1] === v[0] && end - 1 > 0 ? end - 1 : -1;
}

function findUnquoted(s: string, start: number, end: number, ch: string, escape: string): number {
  let p = start;
  while (p < end) {
    const c = s[p];
    if (c === ch) return p;
    if (c === escape) p += 2;
    else if (c === '"' || c === "'") p = skipQuoted(s, p, escape);
    else p++;
  }
  return -1;
}

/** Shell-like quote removal as Docker applies to ENV/ARG words (no variable expansion). */
function unquote(src: string, escape: string): string {
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
    } else if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === escape && i + 1 < src.length && '"$`\\'.includes(src[i + 1])) {
          out += src[i + 1];
          i += 2;
        } else {
          out += src[i];
          i++;
        }
      }
      i++;
    } else if (c === escape && i + 1 < src.length) {
      out += src[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Skips heredoc bodies started on the instruction line; returns the next line index to read. */
function skipHeredocs(instruction: string, lines: string[], next: number): number {
  const re = /<<(-?)[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
  let i = next;
  let m: RegExpExecArray | null;
  while ((m = re.exec(instruction)) !== null) {
    const stripTabs = m[1] === '-';
    const terminator = m[3];
    let j = i;
    while (j < lines.length) {
      const l = stripTabs ? lines[j].replace(/^\t+/, '') : lines[j];
      if (l === terminator) break;
      j++;
    }
    if (j >= lines.length) return i; // not a heredoc after all
    i = j + 1;
  }
  return i;
}
