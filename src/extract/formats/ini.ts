/**
 * INI files (Grafana, PHP, Python configparser flavours): `[section]` headers, `key = value` or
 * `key: value`, `;`/`#` comment lines (a commented `;key = value` gives an entry with
 * `commented: true` in the current section), inline comments only when preceded by whitespace
 * (` ;...`, ` #...`), values wrapped in `"..."`/`'...'` unwrapped, and Grafana's `"""..."""`
 * (literal `#`/`;`, may span lines). Path is `[section, key]` (section `''` before any header),
 * both kept as written. Values are strings.
 */
import type { Entry, ParseResult } from './entry.js';
import { Diagnostics, errorMessage, splitLines, stripBom } from './text.js';

const COMMENTED_RE = /^([ \t]*[;#]+[ \t]*)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/;

interface ValueRead {
  value: string;
  quoted: boolean;
  lastLine: number;
  unterminated?: boolean;
}

/** Parses INI text. Never throws. */
export function parseIni(text: string): ParseResult {
  const entries: Entry[] = [];
  const diags = new Diagnostics();
  try {
    if (typeof text !== 'string') {
      diags.add('malformed INI: input is not text');
      return { entries, diagnostics: diags.list() };
    }
    const lines = splitLines(stripBom(text));
    let section = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const t = line.trim();
      if (t === '') continue;

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
      if (d < 0) continue; // bare key (e.g. my.cnf flags): nothing to report
      const key = line.slice(0, d).trim();
      if (key === '') {
        diags.add(`malformed INI at line ${i + 1}: missing key before "${line[d]}"`);
        continue;
      }
      const read = readValue(lines, i, line.slice(d + 1), true);
      if (read.unterminated) diags.add(`malformed INI at line ${i + 1}: unterminated """ value`);
      const entry: Entry = {
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
  } catch (err) {
    diags.add(`malformed INI: ${errorMessage(err)}`);
  }
  return { entries, diagnostics: diags.list() };
}

function readValue(
  lines: string[],
  lineIndex: number,
  afterDelimiter: string,
  multiline: boolean,
): ValueRead {
  const v = afterDelimiter.replace(/^[ \t]+/, '');
  if (v.startsWith('"""')) {
    const close = v.indexOf('"""', 3);
    if (close >= 0) return { value: v.slice(3, close), quoted: true, lastLine: lineIndex };
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

function plain(afterDelimiter: string): { value: string; quoted: boolean } {
  const m = /[ \t][;#]/.exec(afterDelimiter);
  const v = (m ? afterDelimiter.slice(0, m.index) : afterDelimiter).trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) {
    return { value: v.slice(1, -1), quoted: true };
  }
  return { value: v, quoted: false };
}
