/** The terminal progress line: only on a TTY, only after the delay, throttled, erased at the end. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli.js';
import { progressLine, progressWriter, type ProgressStream } from '../src/progress.js';

function fakeStream(isTTY: boolean): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('progressLine', () => {
  it('groups thousands', () => {
    expect(progressLine('read', 12345, 100000)).toBe('smtp-preflight: read 12,345 / 100,000 files');
    expect(progressLine('parsed', 7, 9)).toBe('smtp-preflight: parsed 7 / 9 files');
  });
});

describe('progressWriter', () => {
  it('is silent when the stream is not a terminal', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const progress = progressWriter(stream, { now: clock.now });
    clock.advance(10_000);
    progress.update('read', 1, 2);
    progress.finish();
    expect(stream.writes).toEqual([]);
  });

  it('prints nothing for a scan shorter than the delay, not even the erase', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = progressWriter(stream, { now: clock.now });
    for (let i = 1; i <= 100; i++) {
      clock.advance(19);
      progress.update('read', i, 100);
    }
    progress.finish();
    expect(stream.writes).toEqual([]);
  });

  it('after the delay, rewrites one line at most every 100 ms and erases it at the end', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = progressWriter(stream, { now: clock.now });
    clock.advance(2000);
    // 1,000 files over one second: at most ~10 updates.
    for (let i = 1; i <= 1000; i++) {
      progress.update('read', i, 1000);
      clock.advance(1);
    }
    progress.update('parsed', 3, 40);
    progress.finish();
    progress.update('read', 1000, 1000); // after finish: ignored
    progress.finish();
    const lines = stream.writes.slice(0, -1);
    expect(lines.length).toBeGreaterThanOrEqual(9);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines[0]).toBe('\r\u001b[Ksmtp-preflight: read 1 / 1,000 files');
    expect(lines[1]).toBe('\r\u001b[Ksmtp-preflight: read 101 / 1,000 files');
    for (const line of lines) expect(line.startsWith('\r\u001b[Ksmtp-preflight: ')).toBe(true);
    expect(stream.writes.at(-1)).toBe('\r\u001b[K');
    expect(stream.writes.filter((w) => w === '\r\u001b[K')).toHaveLength(1);
  });

  it('honours custom delay and interval', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = progressWriter(stream, { now: clock.now, delayMs: 0, intervalMs: 0 });
    progress.update('read', 1, 3);
    progress.update('read', 2, 3);
    progress.finish();
    expect(stream.writes).toHaveLength(3);
  });
});

describe('cli progress', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, `app${i}.env`), 'MAIL_PORT=587\n');

  async function scan(progress?: ProgressStream): Promise<{ code: number; stderr: string }> {
    const err: string[] = [];
    const io: CliIO = {
      stdout: () => undefined,
      stderr: (text) => void err.push(text),
      color: false,
      cwd: dir,
      progress,
    };
    const code = await main(['scan', '.'], io);
    return { code, stderr: err.join('') };
  }

  it('writes nothing for a fast scan, on a terminal or not', async () => {
    const tty = fakeStream(true);
    const pipe = fakeStream(false);
    expect((await scan(tty)).stderr).toBe('');
    expect((await scan(pipe)).stderr).toBe('');
    expect(tty.writes).toEqual([]);
    expect(pipe.writes).toEqual([]);
  });

  it('passes the reading and parsing counts of a real scan to the stream', async () => {
    // A terminal whose clock makes every update late enough to show.
    let t = 0;
    const tty = fakeStream(true);
    const realNow = Date.now;
    Date.now = () => (t += 5000);
    try {
      await scan(tty);
    } finally {
      Date.now = realNow;
    }
    expect(tty.writes).toContain('\r\u001b[Ksmtp-preflight: read 5 / 5 files');
    expect(tty.writes).toContain('\r\u001b[Ksmtp-preflight: parsed 5 / 5 files');
    expect(tty.writes.at(-1)).toBe('\r\u001b[K');
  });
});
