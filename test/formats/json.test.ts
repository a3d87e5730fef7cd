import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/extract/formats/json.js';

describe('parseJson', () => {
  it('parses an appsettings.json with comments and trailing commas', () => {
    const text = [
      '{', // 1
      '  // SMTP settings', // 2
      '  "Smtp": {', // 3
      '    "Host": "smtp.office365.com", /* primary */', // 4
      '    "Port": 587,', // 5
      '    "EnableSsl": true,', // 6
      '    "Password": null,', // 7
      '    "Url": "https://example.com//path/*x*/", // not a comment inside the string', // 8
      '    "Name": "Caf\\u00e9 \\"Mail\\"",', // 9
      '  },', // 10
      '  "Recipients": ["a@example.com", -1.5e2,],', // 11
      '  "Empty": {}, "List": [],', // 12
      '}', // 13
    ].join('\n');
    const { entries, diagnostics } = parseJson(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['Smtp', 'Host'],
        value: 'smtp.office365.com',
        raw: 'smtp.office365.com',
        quoted: true,
        line: 4,
        column: 5,
      },
      { path: ['Smtp', 'Port'], value: 587, raw: '587', quoted: false, line: 5, column: 5 },
      { path: ['Smtp', 'EnableSsl'], value: true, raw: 'true', quoted: false, line: 6, column: 5 },
      { path: ['Smtp', 'Password'], value: null, raw: 'null', quoted: false, line: 7, column: 5 },
      {
        path: ['Smtp', 'Url'],
        value: 'https://example.com//path/*x*/',
        raw: 'https://example.com//path/*x*/',
        quoted: true,
        line: 8,
        column: 5,
      },
      {
        path: ['Smtp', 'Name'],
        value: 'Café "Mail"',
        raw: 'Caf\\u00e9 \\"Mail\\"',
        quoted: true,
        line: 9,
        column: 5,
      },
      {
        path: ['Recipients', '0'],
        value: 'a@example.com',
        raw: 'a@example.com',
        quoted: true,
        line: 11,
        column: 18,
      },
      {
        path: ['Recipients', '1'],
        value: -150,
        raw: '-1.5e2',
        quoted: false,
        line: 11,
        column: 35,
      },
    ]);
  });

  it('records the value line when a value sits on a later line than its key', () => {
    const { entries } = parseJson('{"a":\r\n  /* c\r\n */ "b"}');
    expect(entries).toEqual([
      { path: ['a'], value: 'b', raw: 'b', quoted: true, line: 1, column: 2, valueLine: 3 },
    ]);
  });

  it('parses top-level arrays and ignores a bare scalar document', () => {
    expect(parseJson('[{"host":"h"}]').entries).toEqual([
      { path: ['0', 'host'], value: 'h', raw: 'h', quoted: true, line: 1, column: 3 },
    ]);
    expect(parseJson('"just a string"')).toEqual({ entries: [], diagnostics: [] });
    expect(parseJson('  // nothing\n')).toEqual({ entries: [], diagnostics: [] });
  });

  it('keeps entries parsed before a syntax error and reports its position', () => {
    const { entries, diagnostics } = parseJson(
      '{\n  "host": "smtp.example.com",\n  "port": 587\n  "user": "x"\n}',
    );
    expect(entries.map((e) => e.path[0])).toEqual(['host', 'port']);
    expect(diagnostics).toEqual(['malformed JSON at line 4, column 3: expected , or }']);
  });

  it('reports unterminated strings, comments and trailing garbage', () => {
    expect(parseJson('{"a": "b').diagnostics).toEqual([
      'malformed JSON at line 1, column 7: unterminated string',
    ]);
    expect(parseJson('{"a": 1} /*').diagnostics).toEqual([
      'malformed JSON at line 1, column 10: unterminated /* comment',
    ]);
    expect(parseJson('{"a": 1} x').diagnostics).toEqual([
      'malformed JSON at line 1, column 10: unexpected content after the JSON value',
    ]);
  });

  it('skips containers nested deeper than 200 levels without overflowing the stack', () => {
    const deep =
      '{"a": 1, "deep": ' + '['.repeat(10_000) + '"x"' + ']'.repeat(10_000) + ', "b": 2}';
    const { entries, diagnostics } = parseJson(deep);
    expect(entries.map((e) => e.path[0])).toEqual(['a', 'b']);
    expect(diagnostics).toEqual([
      'JSON nested deeper than 200 levels at line 1; deeper values skipped',
    ]);
  });
});
