import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/extract/formats/entry.js';
import {
  parseDockerfile,
  parseDotenv,
  parseIni,
  parseJson,
  parseProperties,
  parseYaml,
} from '../../src/extract/formats/index.js';

type Parser = (text: string) => ParseResult;

const PARSERS: Record<string, Parser> = {
  dotenv: parseDotenv,
  dockerfile: parseDockerfile,
  yaml: parseYaml,
  json: parseJson,
  properties: parseProperties,
  ini: parseIni,
};

/** mulberry32: a tiny seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function garbage(seed: number, length: number): string {
  const rand = prng(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(rand() * 256));
  return s;
}

const MB = 1 << 20;
const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');
// Exponential expansion that emits no entries at all (only empty collections).
const emptyBomb = ['a: &a [[],[],[],[],[],[],[],[],[],[]]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]']
  .concat(
    'cdefghij'
      .split('')
      .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'bcdefghij'[i]}`).join(',')}]`),
  )
  .join('\n');

const HOSTILE: Record<string, string> = {
  empty: '',
  whitespace: ' \t\n\r\n\r   ',
  bom: '\ufeff',
  nul: '\0\0\0KEY=\0value\0\n[\0]\n\0: \0',
  garbage: garbage(42, 4096),
  unbalancedQuotes: 'A="abc\nB=\'x\n{"a": "b\nc: "d\n[x\ne = """f\n',
  loneSurrogates: 'A=\ud800\nb: \udc00\n{"c": "\ud800"}',
  unicodeBreaks: 'a: 1\u2028b: 2\u0085c=3\u2029',
  backslashes: '\\'.repeat(1000),
  badUnicodeEscape: 'password=\\uZZZZ',
  loneCr: 'A=1\rB="2\r3"\r[s]\rk: v\r- x\r',
  crlfOnly: '\r\n'.repeat(1000),
  megabyteValue: 'KEY=' + 'x'.repeat(MB),
  megabyteNoDelimiter: 'x'.repeat(MB),
  megabyteQuotes: '"'.repeat(MB),
  megabyteSpacesThenHash: ' '.repeat(MB) + '#',
  megabyteCommentAssign: '#' + 'A'.repeat(MB),
  deepArrays: '['.repeat(10_000) + ']'.repeat(10_000),
  deepArraysUnclosed: '['.repeat(10_000),
  deepObjects: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
  deepYamlFlowMaps: '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000),
  deepYamlBlock: Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v',
  billionLaughs,
  emptyBomb,
  cyclicAlias: 'a: &a [*a, {b: *a}]\nc: &c {<<: *c, d: *c}\n',
  manyDocuments: 'a: 1\n---\n'.repeat(5_000),
  manyLines: 'A=1\n'.repeat(50_000),
  templates: '{{ {{ }} }}: {{\n  - {% x %}\n{{- end }}\n',
};

/** Inputs that are malformed for a parser and must produce at least one diagnostic. */
const MUST_DIAGNOSE: Record<string, string[]> = {
  dotenv: ['garbage', 'unbalancedQuotes', 'megabyteNoDelimiter'],
  dockerfile: ['garbage', 'megabyteNoDelimiter', 'deepArrays'],
  yaml: [
    'garbage',
    'unbalancedQuotes',
    'deepArrays',
    'deepArraysUnclosed',
    'deepYamlFlowMaps',
    'billionLaughs',
    'emptyBomb',
  ],
  json: [
    'garbage',
    'nul',
    'unbalancedQuotes',
    'megabyteNoDelimiter',
    'megabyteQuotes',
    'deepArrays',
    'deepArraysUnclosed',
    'deepObjects',
  ],
  properties: ['badUnicodeEscape'],
  ini: ['unbalancedQuotes'],
};

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Plain checks collected into one assertion (50,000 entries × expect() would be slow). */
function shapeProblems(text: string, result: ParseResult): string[] {
  const problems: string[] = [];
  if (!Array.isArray(result.entries)) return ['entries is not an array'];
  if (!Array.isArray(result.diagnostics)) return ['diagnostics is not an array'];
  const max = lineCount(text);
  for (const e of result.entries) {
    const where = `${JSON.stringify(e.path).slice(0, 80)} @${e.line}:${e.column}`;
    if (!Number.isInteger(e.line) || e.line < 1 || e.line > max)
      problems.push(`line out of 1..${max}: ${where}`);
    if (!Number.isInteger(e.column) || e.column < 1) problems.push(`bad column: ${where}`);
    if (e.valueLine !== undefined && (e.valueLine < 1 || e.valueLine > max))
      problems.push(`valueLine out of range: ${where}`);
    if (!Array.isArray(e.path) || e.path.some((p) => typeof p !== 'string'))
      problems.push(`bad path: ${where}`);
    if (typeof e.raw !== 'string') problems.push(`raw not a string: ${where}`);
    if (typeof e.quoted !== 'boolean') problems.push(`quoted not a boolean: ${where}`);
    if (!(e.value === null || ['string', 'number', 'boolean'].includes(typeof e.value)))
      problems.push(`bad value type: ${where}`);
    if (problems.length > 5) break;
  }
  if (result.diagnostics.some((d) => typeof d !== 'string'))
    problems.push('diagnostic not a string');
  return problems;
}

describe.each(Object.entries(PARSERS))('%s robustness', (name, parse) => {
  it.each(Object.keys(HOSTILE))('survives %s', (key) => {
    const text = HOSTILE[key];
    let result: ParseResult | undefined;
    expect(() => {
      result = parse(text);
    }).not.toThrow();
    expect(shapeProblems(text, result!)).toEqual([]);
    if (MUST_DIAGNOSE[name].includes(key)) expect(result!.diagnostics.length).toBeGreaterThan(0);
  });

  it('survives non-string input', () => {
    const result = parse(undefined as unknown as string);
    expect(result.entries).toEqual([]);
    expect(result.diagnostics.length).toBe(1);
  });

  it('survives 500 random strings with lines in range', () => {
    const rand = prng(0x5eed + name.length);
    const alphabet = 'aZ_9 .=:[]{}#;"\'\n\r-\\\t!*&|>$`{}<%,\0\ufeff';
    for (let n = 0; n < 500; n++) {
      const len = Math.floor(rand() * 120);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      let result: ParseResult | undefined;
      try {
        result = parse(s);
      } catch (err) {
        throw new Error(`${name} threw on ${JSON.stringify(s)}: ${String(err)}`);
      }
      const problems = shapeProblems(s, result);
      if (problems.length > 0)
        throw new Error(`${name} on ${JSON.stringify(s)}: ${problems.join('; ')}`);
    }
  });
});
