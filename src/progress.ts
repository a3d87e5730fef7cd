/**
 * Progress on stderr for long scans: one line rewritten in place with `\r`, only on a terminal,
 * only after the scan has run for a while (short scans print nothing), at most a few times a
 * second, and erased at the end so the report starts on a clean line.
 */

/** The part of a stream the writer needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Nothing is shown before the scan has run this long (default 2000 ms). */
  delayMs?: number;
  /** At most one update per this many milliseconds (default 100 ms). */
  intervalMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** What the pipeline is doing: reading files, or parsing the ones that mention mail. */
export type ProgressPhase = 'read' | 'parsed';

export interface Progress {
  update(phase: ProgressPhase, done: number, total: number): void;
  /** Erases the line when one was shown. Later updates are ignored. */
  finish(): void;
}

const ERASE_LINE = '\r\u001b[K';
const GROUPED = new Intl.NumberFormat('en-US');

/** `smtp-preflight: read 12,345 / 100,000 files`. */
export function progressLine(phase: ProgressPhase, done: number, total: number): string {
  return `smtp-preflight: ${phase} ${GROUPED.format(done)} / ${GROUPED.format(total)} files`;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

/** A progress writer for `stream`; silent unless the stream is a terminal. */
export function progressWriter(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return SILENT;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 2000;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let lastWrite = -Infinity;
  let shown = false;
  let finished = false;
  return {
    update(phase, done, total) {
      if (finished) return;
      const t = now();
      if (t - started < delayMs || t - lastWrite < intervalMs) return;
      lastWrite = t;
      shown = true;
      stream.write(`${ERASE_LINE}${progressLine(phase, done, total)}`);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (shown) stream.write(ERASE_LINE);
    },
  };
}
