import { describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/extract/formats/properties.js';

describe('parseProperties', () => {
  it('parses a Spring application.properties with separators, escapes, comments and continuations', () => {
    const text = [
      '# Spring Boot mail', // 1
      'spring.mail.host=smtp.gmail.com', // 2
      'spring.mail.port: 587', // 3
      'spring.mail.username   user@example.com', // 4
      'spring.mail.password=p\\=ss\\:w\\ rd', // 5
      'spring.mail.properties.mail.smtp.auth=true', // 6
      '#spring.mail.password=oldsecret', // 7
      '! spring.mail.test-connection = false', // 8
      '# Note that this is prose', // 9
      'mail.smtp.from=a\\u0040b.com', // 10
      'spring.mail.default-encoding = \\', // 11
      '    UTF-8', // 12
      'long.value=one, \\', // 13
      '           two, \\', // 14
      '           three', // 15
      '   indented.key=x', // 16
      'empty.key=', // 17
      'bare.key', // 18
    ].join('\n');
    const { entries, diagnostics } = parseProperties(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['spring', 'mail', 'host'],
        value: 'smtp.gmail.com',
        raw: 'smtp.gmail.com',
        quoted: false,
        line: 2,
        column: 1,
      },
      {
        path: ['spring', 'mail', 'port'],
        value: '587',
        raw: '587',
        quoted: false,
        line: 3,
        column: 1,
      },
      {
        path: ['spring', 'mail', 'username'],
        value: 'user@example.com',
        raw: 'user@example.com',
        quoted: false,
        line: 4,
        column: 1,
      },
      {
        path: ['spring', 'mail', 'password'],
        value: 'p=ss:w rd',
        raw: 'p\\=ss\\:w\\ rd',
        quoted: false,
        line: 5,
        column: 1,
      },
      {
        path: ['spring', 'mail', 'properties', 'mail', 'smtp', 'auth'],
        value: 'true',
        raw: 'true',
        quoted: false,
        line: 6,
        column: 1,
      },
      {
        path: ['spring', 'mail', 'password'],
        value: 'oldsecret',
        raw: 'oldsecret',
        quoted: false,
        line: 7,
        column: 2,
        commented: true,
      },
      {
        path: ['spring', 'mail', 'test-connection'],
        value: 'false',
        raw: 'false',
        quoted: false,
        line: 8,
        column: 3,
        commented: true,
      },
      {
        path: ['mail', 'smtp', 'from'],
        value: 'a@b.com',
        raw: 'a\\u0040b.com',
        quoted: false,
        line: 10,
        column: 1,
      },
      {
        path: ['spring', 'mail', 'default-encoding'],
        value: 'UTF-8',
        raw: 'UTF-8',
        quoted: false,
        line: 11,
        column: 1,
        valueLine: 12,
      },
      {
        path: ['long', 'value'],
        value: 'one, two, three',
        raw: 'one, two, three',
        quoted: false,
        line: 13,
        column: 1,
      },
      { path: ['indented', 'key'], value: 'x', raw: 'x', quoted: false, line: 16, column: 4 },
      { path: ['empty', 'key'], value: '', raw: '', quoted: false, line: 17, column: 1 },
      { path: ['bare', 'key'], value: '', raw: '', quoted: false, line: 18, column: 1 },
    ]);
  });

  it('keeps escaped separators in keys and even backslashes from continuing', () => {
    const { entries } = parseProperties('a\\=b\\ c=d\\\\\nnext=1\r\n');
    expect(entries).toEqual([
      { path: ['a=b c'], value: 'd\\', raw: 'd\\\\', quoted: false, line: 1, column: 1 },
      { path: ['next'], value: '1', raw: '1', quoted: false, line: 2, column: 1 },
    ]);
  });

  it('does not continue comment lines and counts lone CR line ends', () => {
    const { entries } = parseProperties('# comment \\\ra=1\rb=2');
    expect(entries.map((e) => [e.path[0], e.line])).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
  });

  it('reports a malformed \\u escape', () => {
    const { entries, diagnostics } = parseProperties('pw=ab\\uZZ12\n');
    expect(entries[0].value).toBe('abuZZ12');
    expect(diagnostics).toEqual(['malformed properties at line 1: bad \\u escape "\\uZZ12"']);
  });
});
