import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/extract/formats/dockerfile.js';

describe('parseDockerfile', () => {
  it('parses ENV/ARG in key=value and legacy forms across continuations', () => {
    const text = [
      '# syntax=docker/dockerfile:1', // 1
      'FROM node:20-alpine AS build', // 2
      'ARG SMTP_PORT=587', // 3
      'ARG NODE_ENV', // 4
      'ENV SMTP_HOST=smtp.sendgrid.net \\', // 5
      '    SMTP_USER="apikey" \\', // 6
      '    # comment lines inside a continuation are dropped', // 7
      '    SMTP_FROM="App <no-reply@example.com>"', // 8
      'env MAIL_SECURE false', // 9
      'ENV SMTP_PASS=${SMTP_PASS}', // 10
      '# ENV SMTP_PASS=hunter2', // 11
      'ENV MAIL_NAME My App Mailer', // 12
      "ENV A='single q' B=a\\ b C=", // 13
      'RUN npm ci', // 14
      '',
    ].join('\n');
    const { entries, diagnostics } = parseDockerfile(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      { path: ['SMTP_PORT'], value: '587', raw: '587', quoted: false, line: 3, column: 5 },
      {
        path: ['SMTP_HOST'],
        value: 'smtp.sendgrid.net',
        raw: 'smtp.sendgrid.net',
        quoted: false,
        line: 5,
        column: 5,
      },
      { path: ['SMTP_USER'], value: 'apikey', raw: 'apikey', quoted: true, line: 6, column: 5 },
      {
        path: ['SMTP_FROM'],
        value: 'App <no-reply@example.com>',
        raw: 'App <no-reply@example.com>',
        quoted: true,
        line: 8,
        column: 5,
      },
      { path: ['MAIL_SECURE'], value: 'false', raw: 'false', quoted: false, line: 9, column: 5 },
      {
        path: ['SMTP_PASS'],
        value: '${SMTP_PASS}',
        raw: '${SMTP_PASS}',
        quoted: false,
        line: 10,
        column: 5,
      },
      {
        path: ['SMTP_PASS'],
        value: 'hunter2',
        raw: 'hunter2',
        quoted: false,
        line: 11,
        column: 7,
        commented: true,
      },
      {
        path: ['MAIL_NAME'],
        value: 'My App Mailer',
        raw: 'My App Mailer',
        quoted: false,
        line: 12,
        column: 5,
      },
      { path: ['A'], value: 'single q', raw: 'single q', quoted: true, line: 13, column: 5 },
      { path: ['B'], value: 'a b', raw: 'a\\ b', quoted: false, line: 13, column: 18 },
      { path: ['C'], value: '', raw: '', quoted: false, line: 13, column: 25 },
    ]);
  });

  it('gives the legacy value its own line when it follows a continuation', () => {
    const { entries } = parseDockerfile('ENV MAIL_HOST \\\n  smtp.example.com\n');
    expect(entries).toEqual([
      {
        path: ['MAIL_HOST'],
        value: 'smtp.example.com',
        raw: 'smtp.example.com',
        quoted: false,
        line: 1,
        column: 5,
        valueLine: 2,
      },
    ]);
  });

  it('handles CRLF, lowercase instructions, ONBUILD and the escape directive', () => {
    const text = '# escape=`\r\nFROM windows\r\nenv A=1 `\r\n  B="x`"y"\r\nONBUILD ENV C=3\r\n';
    const { entries, diagnostics } = parseDockerfile(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      { path: ['A'], value: '1', raw: '1', quoted: false, line: 3, column: 5 },
      { path: ['B'], value: 'x"y', raw: 'x`"y', quoted: true, line: 4, column: 3 },
      { path: ['C'], value: '3', raw: '3', quoted: false, line: 5, column: 13 },
    ]);
  });

  it('skips heredoc bodies', () => {
    const text = 'FROM x\nRUN <<EOF\nENV NOT_ME=1\nEOF\nENV ME=1\n';
    expect(parseDockerfile(text).entries.map((e) => e.path[0])).toEqual(['ME']);
  });

  it('reports malformed instructions and keeps going', () => {
    const { entries, diagnostics } = parseDockerfile(
      'FROM x\nENV LONELY\nBOGUS thing\nENV A=1 B\nENV OK=1\n',
    );
    expect(entries.map((e) => [e.path[0], e.value])).toEqual([
      ['A', '1'],
      ['OK', '1'],
    ]);
    expect(diagnostics).toEqual([
      'malformed Dockerfile at line 2: ENV LONELY has no value',
      'malformed Dockerfile at line 3: unknown instruction "BOGUS"',
      'malformed Dockerfile at line 4: can\'t find = in "B"',
    ]);
  });
});
