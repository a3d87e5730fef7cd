import { describe, it, expect } from 'vitest';
import { decode } from '../../src/discover/decode.js';
import { errorOutcome, formatBytes } from '../../src/discover/read.js';
import { isInside } from '../../src/discover/paths.js';
import { mapLimit } from '../../src/discover/pool.js';

const text = 'MAIL_HOST=smtp.example.com\n';

describe('decode', () => {
  it('decodes UTF-8 and strips a UTF-8 BOM', () => {
    expect(decode(Buffer.from(text))).toEqual({ ok: true, text });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      ok: true,
      text,
    });
    expect(decode(Buffer.from('mail: é ü 😀'))).toEqual({ ok: true, text: 'mail: é ü 😀' });
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decode(le)).toEqual({ ok: true, text });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decode(be)).toEqual({ ok: true, text });
    expect(decode(Buffer.from([0xfe, 0xff, 0x00]))).toEqual({
      ok: false,
      reason: 'not valid UTF-16BE',
    });
  });

  it('refuses binary, invalid UTF-8 and UTF-32', () => {
    expect(decode(Buffer.from('smtp\0\x01\x02'))).toEqual({
      ok: false,
      reason: 'binary file (NUL byte in the first 8 KiB)',
    });
    expect(decode(Buffer.from([0x73, 0x6d, 0x74, 0x70, 0xc3, 0x28]))).toEqual({
      ok: false,
      reason: 'not valid UTF-8',
    });
    expect(decode(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).toEqual({
      ok: false,
      reason: 'UTF-32 text is not supported',
    });
  });

  it('looks for NUL bytes only in the first 8 KiB', () => {
    const late = Buffer.concat([Buffer.from('smtp'.padEnd(8192, ' ')), Buffer.from([0])]);
    expect(decode(late).ok).toBe(true);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [150, '150 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1048576, '1 MiB'],
    [Math.round(52.4 * 1048576), '52.4 MiB'],
    [3 * 1024 ** 3, '3 GiB'],
  ])('%d → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('errorOutcome', () => {
  const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
  it.each([
    ['EACCES', false, 'warning', 'skipped: permission denied'],
    ['EPERM', false, 'warning', 'skipped: permission denied'],
    ['ENOENT', false, 'info', 'skipped: the file disappeared before it could be read'],
    ['ENOENT', true, 'info', 'skipped: broken symlink'],
    ['ELOOP', true, 'info', 'skipped: symlink loop'],
    ['EIO', false, 'warning', 'skipped: could not be read (EIO)'],
  ] as const)('%s (symlink: %s)', (code, symlink, level, message) => {
    expect(errorOutcome('a.yml', err(code), symlink)).toEqual({
      kind: 'skipped',
      diagnostic: { level, file: 'a.yml', message },
    });
  });
});

describe('isInside', () => {
  const b = (s: string) => Buffer.from(s);
  it('compares whole path components', () => {
    expect(isInside(b('/repo'), b('/repo'))).toBe(true);
    expect(isInside(b('/repo'), b('/repo/a.yml'))).toBe(true);
    expect(isInside(b('/repo'), b('/repository/a.yml'))).toBe(false);
    expect(isInside(b('/repo'), b('/etc/passwd'))).toBe(false);
    expect(isInside(b('/'), b('/etc/passwd'))).toBe(true);
  });
});

describe('mapLimit', () => {
  it('keeps order and never exceeds the limit', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([...Array(100).keys()], 7, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n % 3));
      active--;
      return n * 2;
    });
    expect(out).toEqual([...Array(100).keys()].map((n) => n * 2));
    expect(peak).toBe(7);
    expect(await mapLimit([], 7, async () => 1)).toEqual([]);
  });
});
