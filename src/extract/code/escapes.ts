/**
 * Backslash escapes in C-family string literals (Go, Python): simple escapes from a table, `\xHH`,
 * `\uHHHH`, and optionally three-digit octal. Anything else is kept as written.
 */
export function decodeEscapes(body: string, table: Record<string, string>, octal: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n in table) {
      out += table[n];
      i++;
    } else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (octal && /^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else out += c;
  }
  return out;
}
