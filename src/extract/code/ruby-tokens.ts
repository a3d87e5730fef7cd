/**
 * A small, tolerant Ruby tokenizer: enough of Ruby's lexical grammar to read configuration code
 * (ActionMailer settings, gitlab.rb) without a real parser. It never throws and always advances:
 * anything it does not understand becomes a one-character operator token.
 *
 * - strings `'…'`, `"…"`, `` `…` `` (interpolation `#{…}` kept as opaque text, `interp: true`);
 *   `%q/%Q/%(…)` strings, `%w/%W/%i/%I` word lists, `%r` and `/…/` regexes, `%s` symbols;
 * - heredocs (`<<~EOS`, `<<-EOS`, `<<EOS`, quoted ids): one string token at the `<<`, the body
 *   skipped when the line ends;
 * - symbols `:sym`, `:"sym"`, `:'sym'`; labels `name:` and `"name":` (hash keys);
 * - comments `#…` (collected, with their positions), `=begin`/`=end`, `__END__`;
 * - numbers, identifiers (with `?`/`!`), constants, `@ivar`, `@@cvar`, `$gvar`, operators, brackets;
 * - newlines as `nl` tokens (not after a `\` continuation), so statements can be told apart.
 */

export type TokKind =
  'str' | 'sym' | 'num' | 'ident' | 'const' | 'ivar' | 'label' | 'words' | 'regex' | 'op' | 'nl';

export interface Tok {
  kind: TokKind;
  /**
   * str/sym/label: the decoded value (a symbol or label without its colon); num/ident/const/ivar/op:
   * the source text; words: the words joined by a space; regex: the source text; nl: `\n`.
   */
  text: string;
  /** Offsets of the token's source text. */
  start: number;
  end: number;
  /** 1-based line and column of the token's first character. */
  line: number;
  col: number;
  /** Whitespace (or a comment) directly precedes the token on its line. */
  spaceBefore: boolean;
  /** str/sym/label/words: the literal contained `#{…}` interpolation (its value is unknown). */
  interp?: boolean;
  /** str: written as a heredoc. */
  heredoc?: boolean;
}

export interface RubyComment {
  /** The comment text after `#`. */
  text: string;
  line: number;
  col: number;
  /** The whole source line holds nothing but this comment. */
  wholeLine: boolean;
}

export interface Tokens {
  tokens: Tok[];
  comments: RubyComment[];
}

const KEYWORDS_NOT_VALUES = new Set([
  'if',
  'unless',
  'elsif',
  'else',
  'while',
  'until',
  'and',
  'or',
  'not',
  'then',
  'do',
  'return',
  'when',
  'case',
  'in',
  'puts',
  'yield',
  'begin',
  'rescue',
  'ensure',
]);

const OPERATORS = [
  '**=',
  '<=>',
  '===',
  '...',
  '<<=',
  '>>=',
  '&&=',
  '||=',
  '==',
  '!=',
  '=~',
  '!~',
  '>=',
  '<=',
  '&&',
  '||',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '|=',
  '&=',
  '^=',
  '=>',
  '->',
  '::',
  '..',
  '&.',
  '**',
];

/** Multi-character operators by their first character, longest first. */
const OPS_BY_CHAR = new Map<string, string[]>();
for (const o of OPERATORS) OPS_BY_CHAR.set(o[0], [...(OPS_BY_CHAR.get(o[0]) ?? []), o]);

const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const IDENT_REST = /[\p{L}\p{N}_]*/uy;
const isAsciiWord = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** The end of the identifier starting at `i`, or `i` when none starts there. */
function identEnd(src: string, i: number): number {
  const c = src.charCodeAt(i);
  let k: number;
  if (c < 128) {
    if (!isAsciiWord(c) || (c >= 48 && c <= 57)) return i;
    k = i + 1;
    for (;;) {
      const d = src.charCodeAt(k);
      if (d < 128 && isAsciiWord(d)) k++;
      else if (d >= 128) break;
      else return k; // ASCII non-word, or NaN past the end
    }
  } else {
    IDENT.lastIndex = i;
    const m = IDENT.exec(src);
    if (!m) return i;
    k = i + m[0].length;
  }
  IDENT_REST.lastIndex = k;
  const r = IDENT_REST.exec(src);
  return r ? k + r[0].length : k;
}
const CONST_START = /\p{Lu}/u;
const NUMBER =
  /(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)[ri]?/y;
const HEREDOC = /<<([~-]?)(?:(['"`])([^'"`\n]+)\2|([A-Za-z_]\w*))/y;
const PERCENT = /%([qQwWiIrsx]?)([^\w\s])/y;

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Is a token a complete value (so a following `/`, `%`, `<<`, `?` is a binary operator)? */
function isValueTok(t: Tok | undefined): boolean {
  if (!t) return false;
  switch (t.kind) {
    case 'str':
    case 'sym':
    case 'num':
    case 'const':
    case 'ivar':
    case 'words':
    case 'regex':
      return true;
    case 'ident':
      return !KEYWORDS_NOT_VALUES.has(t.text);
    case 'op':
      return t.text === ')' || t.text === ']' || t.text === '}';
    default:
      return false;
  }
}

interface PendingHeredoc {
  tok: Tok;
  id: string;
  indented: boolean;
  squiggly: boolean;
  raw: boolean;
}

export function tokenize(src: string): Tokens {
  const tokens: Tok[] = [];
  const comments: RubyComment[] = [];
  const n = src.length;
  // Line starts, for positions.
  const lineStarts = [0];
  for (let k = 0; k < n; k++) if (src.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const posOf = (offset: number): { line: number; col: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo] + 1 };
  };
  const atLineStart = (k: number) => k === 0 || src[k - 1] === '\n';

  let i = 0;
  let space = false;
  let pending: PendingHeredoc[] = [];

  const push = (kind: TokKind, text: string, start: number, end: number, extra?: Partial<Tok>) => {
    const p = posOf(start);
    const t: Tok = { kind, text, start, end, line: p.line, col: p.col, spaceBefore: space };
    if (extra) Object.assign(t, extra);
    tokens.push(t);
    space = false;
    return t;
  };
  const last = () => tokens[tokens.length - 1];

  /**
   * Scan a delimited literal body starting at `k` (just after the opening delimiter). Returns the
   * decoded text, whether it interpolated, and the offset after the closing delimiter.
   */
  const scanBody = (
    k: number,
    open: string,
    close: string,
    interpolates: boolean,
  ): { text: string; interp: boolean; end: number } => {
    let text = '';
    let interp = false;
    let depth = 0;
    while (k < n) {
      const c = src[k];
      if (c === '\\' && k + 1 < n) {
        const d = src[k + 1];
        if (!interpolates) text += d === close || d === '\\' || d === open ? d : c + d;
        else text += d === 'n' ? '\n' : d === 't' ? '\t' : d === 's' ? ' ' : d;
        k += 2;
        continue;
      }
      if (interpolates && c === '#' && src[k + 1] === '{') {
        const e = skipInterpolation(k + 2);
        text += src.slice(k, e);
        interp = true;
        k = e;
        continue;
      }
      if (open !== close && c === open) depth++;
      else if (c === close) {
        if (depth === 0) return { text, interp, end: k + 1 };
        depth--;
      }
      text += c;
      k++;
    }
    return { text, interp, end: n };
  };

  /** From just after `#{`, the offset after the matching `}` (nested strings and braces skipped). */
  const skipInterpolation = (k: number): number => {
    // A stack of contexts: '}' for code braces, or a quote char for a string inside the code.
    const stack: string[] = ['}'];
    while (k < n && stack.length) {
      const top = stack[stack.length - 1];
      const c = src[k];
      if (top === '}') {
        if (c === '{') stack.push('}');
        else if (c === '}') stack.pop();
        else if (c === '"' || c === "'" || c === '`') stack.push(c);
        k++;
      } else {
        if (c === '\\') k += 2;
        else if (c === top) {
          stack.pop();
          k++;
        } else if (top !== "'" && c === '#' && src[k + 1] === '{') {
          stack.push('}');
          k += 2;
        } else k++;
      }
    }
    return Math.min(k, n);
  };

  /** Heredoc ids whose terminator is missing from some offset on (so from any later one too). */
  const missing = new Set<string>();
  /** Read pending heredoc bodies starting at offset `k` (a line start); returns the offset after. */
  const readHeredocs = (k: number): number => {
    const list = pending;
    pending = [];
    for (const h of list) {
      const id = `${h.indented ? '-' : ''}${h.id}`;
      if (missing.has(id)) continue;
      let p = k;
      const lines: string[] = [];
      let found = -1;
      while (p < n) {
        let e = src.indexOf('\n', p);
        if (e < 0) e = n;
        const line = src.slice(p, e).replace(/\r$/, '');
        const cmp = h.indented ? line.trim() : line;
        if (cmp === h.id) {
          found = e < n ? e + 1 : n;
          break;
        }
        lines.push(line);
        p = e + 1;
      }
      if (found < 0) {
        // No terminator: not a heredoc after all; skip nothing.
        missing.add(id);
        continue;
      }
      let body = lines;
      if (h.squiggly) {
        const indents = lines
          .filter((l) => l.trim() !== '')
          .map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
        const min = indents.length ? Math.min(...indents) : 0;
        body = lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0)));
      }
      h.tok.text = body.join('\n') + (body.length ? '\n' : '');
      h.tok.interp = !h.raw && /#\{/.test(h.tok.text);
      k = found;
    }
    return k;
  };

  while (i < n) {
    const c = src[i];
    const code = src.charCodeAt(i);

    if (c === '\n') {
      const l = last();
      if (l && l.kind !== 'nl') push('nl', '\n', i, i + 1);
      i++;
      space = false;
      if (pending.length) i = readHeredocs(i);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || code === 0xfeff) {
      space = true;
      i++;
      continue;
    }
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\n' ? 2 : 3;
      space = true;
      if (pending.length) i = readHeredocs(i);
      continue;
    }
    if (c === '#') {
      let e = src.indexOf('\n', i);
      if (e < 0) e = n;
      const p = posOf(i);
      const before = src.slice(i - (p.col - 1), i);
      comments.push({
        text: src.slice(i + 1, e).replace(/\r$/, ''),
        line: p.line,
        col: p.col,
        wholeLine: before.trim() === '',
      });
      i = e;
      space = true;
      continue;
    }
    if (c === '=' && atLineStart(i) && /^=begin(\s|$)/.test(src.slice(i, i + 7))) {
      const m = /\n=end(?:[ \t][^\n]*)?(?:\n|$)/g;
      m.lastIndex = i;
      const r = m.exec(src);
      const stop = r ? r.index + r[0].length : n;
      // Keep the newline count right: emit one nl, positions come from offsets anyway.
      if (last() && last().kind !== 'nl') push('nl', '\n', i, i);
      i = stop;
      continue;
    }
    if (c === '_' && atLineStart(i) && /^__END__\r?(\n|$)/.test(src.slice(i, i + 9))) break;

    // Strings.
    if (c === "'" || c === '"' || c === '`') {
      const b = scanBody(i + 1, c, c, c !== "'");
      const isLabel =
        src[b.end] === ':' && src[b.end + 1] !== ':' && c !== '`' && !isValueTok(last());
      if (isLabel) push('label', b.text, i, b.end + 1, { interp: b.interp });
      else push('str', b.text, i, b.end, { interp: b.interp });
      i = isLabel ? b.end + 1 : b.end;
      continue;
    }

    // Symbols and colons.
    if (c === ':') {
      const d = src[i + 1];
      if (d === ':') {
        push('op', '::', i, i + 2);
        i += 2;
        continue;
      }
      if (d === '"' || d === "'") {
        const b = scanBody(i + 2, d, d, d === '"');
        push('sym', b.text, i, b.end, { interp: b.interp });
        i = b.end;
        continue;
      }
      const idEnd = d !== undefined ? identEnd(src, i + 1) : i + 1;
      if (idEnd > i + 1) {
        let e = idEnd;
        if ((src[e] === '?' || src[e] === '!' || src[e] === '=') && src[e + 1] !== '=') {
          if (src[e] !== '=' || !/[>~]/.test(src[e + 1] ?? '')) e++;
        }
        push('sym', src.slice(i + 1, e), i, e);
        i = e;
        continue;
      }
      push('op', ':', i, i + 1);
      i++;
      continue;
    }

    // Percent literals.
    if (c === '%') {
      PERCENT.lastIndex = i;
      const m = PERCENT.exec(src);
      const prevValue = isValueTok(last());
      const looksLiteral =
        !!m &&
        (m[1] !== ''
          ? !prevValue || (space && src[i + 2] !== ' ')
          : /[([{<|!^/]/.test(m[2]) && (!prevValue || (space && src[i + 2] !== ' ')));
      if (m && looksLiteral) {
        const type = m[1];
        const open = m[2];
        const close = CLOSER[open] ?? open;
        const interpolates = !['q', 'w', 'i', 's'].includes(type);
        const b = scanBody(i + m[0].length, open, close, interpolates);
        if (type === 'w' || type === 'W' || type === 'i' || type === 'I')
          push('words', b.text.trim().split(/\s+/).join(' '), i, b.end, { interp: b.interp });
        else if (type === 'r') {
          let e = b.end;
          while (/[a-z]/.test(src[e] ?? '')) e++;
          push('regex', src.slice(i, e), i, e);
          i = e;
          continue;
        } else if (type === 's') push('sym', b.text, i, b.end);
        else push('str', b.text, i, b.end, { interp: b.interp });
        i = b.end;
        continue;
      }
    }

    // Heredocs.
    if (c === '<' && src[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(src);
      if (m) {
        const dash = m[1];
        const id = m[3] ?? m[4];
        const plausible =
          dash !== '' ||
          m[2] !== undefined ||
          (/^[A-Z_][A-Z0-9_]*$/.test(id) && (!isValueTok(last()) || space));
        if (plausible) {
          const t = push('str', '', i, i + m[0].length, { heredoc: true });
          pending.push({
            tok: t,
            id,
            indented: dash !== '',
            squiggly: dash === '~',
            raw: m[2] === "'",
          });
          i += m[0].length;
          continue;
        }
      }
    }

    // Regex literal.
    if (c === '/') {
      const prev = last();
      const regexStart =
        !isValueTok(prev) ||
        (prev?.kind === 'ident' && space && src[i + 1] !== ' ' && src[i + 1] !== '=');
      if (regexStart) {
        let k = i + 1;
        let inClass = false;
        let ok = false;
        while (k < n && src[k] !== '\n') {
          const d = src[k];
          if (d === '\\') k += 2;
          else {
            if (d === '[') inClass = true;
            else if (d === ']') inClass = false;
            else if (d === '/' && !inClass) {
              ok = true;
              break;
            }
            k++;
          }
        }
        if (ok) {
          let e = k + 1;
          while (/[a-z]/.test(src[e] ?? '')) e++;
          push('regex', src.slice(i, e), i, e);
          i = e;
          continue;
        }
      }
    }

    // Character literal `?a`.
    if (c === '?') {
      const d = src[i + 1];
      const after = src[i + 2] ?? '';
      if (
        d !== undefined &&
        !/\s/.test(d) &&
        !/[\w]/.test(after) &&
        (!isValueTok(last()) || space) &&
        !(space && /\s/.test(d))
      ) {
        const e = d === '\\' ? Math.min(i + 3, n) : i + 2;
        if (d !== ':' || after !== ' ') {
          push('str', src.slice(i + 1, e), i, e);
          i = e;
          continue;
        }
      }
    }

    // Numbers.
    if (code >= 48 && code <= 57) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src);
      const e = i + (m ? m[0].length : 1);
      push('num', src.slice(i, e), i, e);
      i = e;
      continue;
    }

    // Instance, class and global variables.
    if (c === '@' || c === '$') {
      let k = i + 1;
      if (c === '@' && src[k] === '@') k++;
      const idEnd = identEnd(src, k);
      let e = idEnd > k ? idEnd : c === '$' && k < n && src[k] !== '\n' ? k + 1 : k;
      if (e === i + 1 && c === '@') e = i + 1;
      push('ivar', src.slice(i, e), i, e);
      i = Math.max(e, i + 1);
      continue;
    }

    // Identifiers, constants, labels.
    const wordEnd = identEnd(src, i);
    if (wordEnd > i) {
      let e = wordEnd;
      if ((src[e] === '?' || src[e] === '!') && src[e + 1] !== '=' && src[e + 1] !== ':') e++;
      else if ((src[e] === '?' || src[e] === '!') && src[e + 1] === ':' && src[e + 2] === ':') e++;
      const word = src.slice(i, e);
      const prev = last();
      const afterDot = prev?.kind === 'op' && (prev.text === '.' || prev.text === '&.');
      if (src[e] === ':' && src[e + 1] !== ':' && !afterDot && !(prev?.text === '?')) {
        push('label', word, i, e + 1);
        i = e + 1;
        continue;
      }
      push(CONST_START.test(word[0]) ? 'const' : 'ident', word, i, e);
      i = e;
      continue;
    }

    // Operators and brackets.
    let op = c;
    for (const o of OPS_BY_CHAR.get(c) ?? []) {
      if (src.startsWith(o, i)) {
        op = o;
        break;
      }
    }
    // A surrogate pair (emoji...) is one unknown character.
    if (op.length === 1 && code >= 0xd800 && code <= 0xdbff && i + 1 < n) op = src.slice(i, i + 2);
    push('op', op, i, i + op.length);
    i += op.length;
  }
  return { tokens, comments };
}
