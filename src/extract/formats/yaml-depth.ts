/**
 * A nesting guard that runs before the `yaml` package sees the text: its composer recurses once per
 * level, so 10,000 nested `[` (or 10,000 ever deeper indented keys) overflow the stack and take
 * seconds to fail. One linear pass estimates the nesting depth (indentation levels plus flow
 * brackets) and blanks whatever lies deeper than the cap: whole lines in block style, the whole
 * too-deep collection in flow style. Line numbers never change, nor do the columns of whatever
 * stays (a dropped line is emptied, a cut inside a line becomes spaces), so positions stay exact.
 *
 * The estimate errs on the deep side (a `- key:` item counts one level per indentation step, as
 * does block-scalar text indented in steps), so the cap is set well above any real configuration.
 */

export interface DepthCut {
  /** The text with the too-deep parts removed (line breaks kept). */
  text: string;
  /** 1-based line of the first cut, when something was cut. */
  line?: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

/** Blank, a line break, or past the end (`NaN`): what must follow `:`, `?` or `-` as indicators. */
function endsToken(c: number): boolean {
  return isBlank(c) || c === LF || Number.isNaN(c);
}

/** Offset just past a quoted scalar that starts at `start` (or the end of the text). */
function skipQuoted(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c) {
      i++; // backslash escape in a double-quoted scalar
    } else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27)
        i++; // '' in a single-quoted one
      else return i + 1;
    }
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

export function capYamlDepth(text: string, max: number): DepthCut {
  /** [start, end, whole line]: a line cut is dropped, a flow cut becomes spaces. */
  const cuts: [number, number, boolean][] = [];
  /** Indentation of the open block levels, innermost last. */
  const indents: number[] = [];
  /** Inside a block scalar: the indentation of the line that opened it; -1 otherwise. */
  let scalarIndent = -1;
  let pos = 0;

  /**
   * Scans a flow collection opening at `start`, `base` levels deep, to its end (possibly lines
   * later); cuts the collections nested deeper than `max`. Returns the offset after it.
   */
  const scanFlow = (start: number, base: number): number => {
    let depth = 0;
    let cutFrom = -1;
    let cutDepth = 0;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22 || c === 0x27) {
        i = skipQuoted(text, i);
        continue;
      }
      if (
        c === 0x23 &&
        (i === 0 || isBlank(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === LF)
      ) {
        i = lineEnd(text, i); // a comment
        continue;
      }
      if (c === 0x5b || c === 0x7b) {
        depth++;
        if (cutFrom < 0 && base + depth > max) {
          cutFrom = i;
          cutDepth = depth;
        }
      } else if (c === 0x5d || c === 0x7d) {
        if (cutFrom >= 0 && depth === cutDepth) {
          cuts.push([cutFrom, i + 1, false]);
          cutFrom = -1;
        }
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    if (cutFrom >= 0) cuts.push([cutFrom, text.length, false]);
    return text.length;
  };

  while (pos <= text.length) {
    let end = lineEnd(text, pos);
    let indent = 0;
    while (text.charCodeAt(pos + indent) === SPACE) indent++;
    let p = pos + indent;
    const first = p < end ? text.charCodeAt(p) : -1;
    const blank = first === -1 || first === CR;

    if (scalarIndent >= 0 && (blank || indent > scalarIndent)) {
      pos = end + 1; // block scalar text
      continue;
    }
    scalarIndent = -1;
    if (blank || first === 0x23) {
      pos = end + 1;
      continue;
    }
    if (indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) {
      indents.length = 0; // a new document
      pos = end + 1;
      continue;
    }

    while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
    indents.push(indent);
    // `- - - x`: each further dash opens one more sequence on the same line.
    while (text.charCodeAt(p) === 0x2d && isBlank(text.charCodeAt(p + 1))) {
      p += 2;
      while (p < end && isBlank(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) === 0x2d && isBlank(text.charCodeAt(p + 1))) indents.push(p - pos);
    }
    if (indents.length > max) {
      cuts.push([pos, end, true]);
      pos = end + 1;
      continue;
    }

    // The rest of the line: a flow collection or a block scalar in value position opens here.
    let valueStart = true;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (isBlank(c)) {
        p++;
        continue;
      }
      if (c === 0x23 && isBlank(text.charCodeAt(p - 1))) break; // a comment
      if (valueStart && (c === 0x22 || c === 0x27)) {
        p = skipQuoted(text, p);
        if (p > end) end = lineEnd(text, p); // a quoted scalar over several lines
        valueStart = false;
        continue;
      }
      if (valueStart && (c === 0x5b || c === 0x7b)) {
        p = scanFlow(p, indents.length);
        if (p > end) end = lineEnd(text, p);
        valueStart = false;
        continue;
      }
      if (valueStart && (c === 0x7c || c === 0x3e)) {
        scalarIndent = indent; // `key: |` / `key: >-`
        break;
      }
      if ((c === 0x3a || c === 0x3f || c === 0x2d) && endsToken(text.charCodeAt(p + 1))) {
        valueStart = true; // `key: `, `? `, `- `
        p++;
        continue;
      }
      valueStart = false;
      p++;
    }
    pos = end + 1;
  }

  if (cuts.length === 0) return { text };
  let out = '';
  let from = 0;
  for (const [a, b, wholeLine] of cuts) {
    // A dropped line keeps its line break (and a CR before it), so line numbers stay right;
    // dropping rather than blanking spares the lexer megabytes of indentation.
    const gone = text.slice(a, b);
    out +=
      text.slice(from, a) +
      (wholeLine ? gone.replace(/[^\r\n]/g, '') : gone.replace(/[^\r\n]/g, ' '));
    from = b;
  }
  out += text.slice(from);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < cuts[0][0]; i = text.indexOf('\n', i + 1))
    line++;
  return { text: out, line };
}
