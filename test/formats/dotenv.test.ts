import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/extract/formats/dotenv.js';

describe('parseDotenv', () => {
  it('parses a Laravel .env with quotes, comments, export, empty and multi-line values', () => {
    const text = [
      'APP_NAME=Laravel', // 1
      'APP_ENV=local', // 2
      '', // 3
      'MAIL_MAILER=smtp', // 4
      'MAIL_HOST=smtp.mailtrap.io', // 5
      'MAIL_PORT=2525', // 6
      'MAIL_USERNAME=null', // 7
      'MAIL_PASSWORD="p@ss #word"', // 8
      'MAIL_ENCRYPTION=tls # or ssl', // 9
      "MAIL_FROM_ADDRESS='hello@example.com'", // 10
      'MAIL_FROM_NAME="${APP_NAME}"', // 11
      '# MAIL_PASSWORD=oldsecret', // 12
      '#MAIL_PORT=465', // 13
      '  # just a note: nothing = here', // 14
      'export SMTP_URL=smtp://u:p@host:587', // 15
      'EMPTY=', // 16
      'MULTI="line1', // 17
      'line2"', // 18
      'AFTER = spaced value  ', // 19
      'HASH=abc#def', // 20
      '',
    ].join('\n');
    const { entries, diagnostics } = parseDotenv(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      { path: ['APP_NAME'], value: 'Laravel', raw: 'Laravel', quoted: false, line: 1, column: 1 },
      { path: ['APP_ENV'], value: 'local', raw: 'local', quoted: false, line: 2, column: 1 },
      { path: ['MAIL_MAILER'], value: 'smtp', raw: 'smtp', quoted: false, line: 4, column: 1 },
      {
        path: ['MAIL_HOST'],
        value: 'smtp.mailtrap.io',
        raw: 'smtp.mailtrap.io',
        quoted: false,
        line: 5,
        column: 1,
      },
      { path: ['MAIL_PORT'], value: '2525', raw: '2525', quoted: false, line: 6, column: 1 },
      { path: ['MAIL_USERNAME'], value: 'null', raw: 'null', quoted: false, line: 7, column: 1 },
      {
        path: ['MAIL_PASSWORD'],
        value: 'p@ss #word',
        raw: 'p@ss #word',
        quoted: true,
        line: 8,
        column: 1,
      },
      { path: ['MAIL_ENCRYPTION'], value: 'tls', raw: 'tls', quoted: false, line: 9, column: 1 },
      {
        path: ['MAIL_FROM_ADDRESS'],
        value: 'hello@example.com',
        raw: 'hello@example.com',
        quoted: true,
        line: 10,
        column: 1,
      },
      {
        path: ['MAIL_FROM_NAME'],
        value: '${APP_NAME}',
        raw: '${APP_NAME}',
        quoted: true,
        line: 11,
        column: 1,
      },
      {
        path: ['MAIL_PASSWORD'],
        value: 'oldsecret',
        raw: 'oldsecret',
        quoted: false,
        line: 12,
        column: 3,
        commented: true,
      },
      {
        path: ['MAIL_PORT'],
        value: '465',
        raw: '465',
        quoted: false,
        line: 13,
        column: 2,
        commented: true,
      },
      {
        path: ['SMTP_URL'],
        value: 'smtp://u:p@host:587',
        raw: 'smtp://u:p@host:587',
        quoted: false,
        line: 15,
        column: 8,
      },
      { path: ['EMPTY'], value: '', raw: '', quoted: false, line: 16, column: 1 },
      {
        path: ['MULTI'],
        value: 'line1\nline2',
        raw: 'line1\nline2',
        quoted: true,
        line: 17,
        column: 1,
      },
      {
        path: ['AFTER'],
        value: 'spaced value',
        raw: 'spaced value',
        quoted: false,
        line: 19,
        column: 1,
      },
      { path: ['HASH'], value: 'abc#def', raw: 'abc#def', quoted: false, line: 20, column: 1 },
    ]);
  });

  it('keeps values as strings (no typing of true / numbers)', () => {
    const { entries } = parseDotenv('SMTP_SECURE=true\nSMTP_PORT=587\n');
    expect(entries.map((e) => e.value)).toEqual(['true', '587']);
  });

  it('processes escapes only in double quotes and keeps raw as written', () => {
    const text = 'A="a\\nb\\t\\"c\\""\nB=\'a\\nb\'\nC=plain\\n\n';
    const { entries } = parseDotenv(text);
    expect(entries).toEqual([
      { path: ['A'], value: 'a\nb\t"c"', raw: 'a\\nb\\t\\"c\\"', quoted: true, line: 1, column: 1 },
      { path: ['B'], value: 'a\\nb', raw: 'a\\nb', quoted: true, line: 2, column: 1 },
      { path: ['C'], value: 'plain\\n', raw: 'plain\\n', quoted: false, line: 3, column: 1 },
    ]);
  });

  it('ignores text after a closing quote and allows a comment there', () => {
    const { entries } = parseDotenv('PASS="x y" # the password\n');
    expect(entries).toEqual([
      { path: ['PASS'], value: 'x y', raw: 'x y', quoted: true, line: 1, column: 1 },
    ]);
  });

  it('counts lines correctly with CRLF and lone CR line ends', () => {
    const text = 'A=1\r\nB="x\r\ny"\r\n\rC=3\rD=4';
    const { entries } = parseDotenv(text);
    expect(entries.map((e) => [e.path[0], e.value, e.line])).toEqual([
      ['A', '1', 1],
      ['B', 'x\ny', 2],
      ['C', '3', 5],
      ['D', '4', 6],
    ]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(parseDotenv('\ufeffA=1').entries[0]).toMatchObject({ path: ['A'], line: 1, column: 1 });
  });

  it('reports an unterminated quote and keeps the rest of the line, then carries on', () => {
    const { entries, diagnostics } = parseDotenv('A="abc\nB=2\n');
    expect(diagnostics).toEqual(['malformed dotenv at line 1: unterminated double quote']);
    expect(entries).toEqual([
      { path: ['A'], value: '"abc', raw: '"abc', quoted: false, line: 1, column: 1 },
      { path: ['B'], value: '2', raw: '2', quoted: false, line: 2, column: 1 },
    ]);
  });

  it('reports lines that are not assignments', () => {
    const { entries, diagnostics } = parseDotenv('A=1\nthis is not\nB=2');
    expect(entries.map((e) => e.path[0])).toEqual(['A', 'B']);
    expect(diagnostics).toEqual(['malformed dotenv at line 2: expected KEY=value']);
  });

  it('does not treat prose comments as commented entries', () => {
    expect(parseDotenv('# Mail settings = below\n## \n#\n').entries).toEqual([]);
  });
});
