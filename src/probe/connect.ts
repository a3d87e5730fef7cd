/**
 * TCP connect with its own timeout and a classified error, and concurrent checks of the
 * alternative submission ports when the configured one is unreachable.
 */
import net from 'node:net';
import type { ConnectError, ConnectResult, PortCheck } from './types.js';

export interface Connected {
  result: ConnectResult;
  /** The open socket when `result.ok`; the caller owns (and destroys) it. */
  socket?: net.Socket;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const UNREACHABLE = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

/** The code of a connect error, looking inside the AggregateError of Happy Eyeballs. */
export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown };
  if (typeof e?.code === 'string') return e.code;
  if (Array.isArray(e?.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner);
      if (code) return code;
    }
  }
  return undefined;
}

export function classifyConnectError(code: string | undefined): ConnectError {
  if (!code) return 'other';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT') return 'timeout';
  if (DNS.has(code)) return 'dns';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  return 'other';
}

/** Connects to host:port within `timeoutMs`. Never rejects. */
export function connectTcp(host: string, port: number, timeoutMs: number): Promise<Connected> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (connected: Connected): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      resolve({ ...connected, result: { ...connected.result, ms: Date.now() - started } });
    };
    const onConnect = (): void => {
      socket.on('error', () => undefined); // later errors are the reader's business
      finish({ result: { ok: true, address: socket.remoteAddress ?? host }, socket });
    };
    const onError = (err: Error): void => {
      socket.on('error', () => undefined);
      socket.destroy();
      const code = errorCode(err);
      finish({
        result: {
          ok: false,
          address: host,
          error: classifyConnectError(code),
          code: code ?? 'ERROR',
          message: err.message || String(err),
        },
      });
    };
    const timer = setTimeout(() => {
      socket.on('error', () => undefined);
      socket.destroy();
      finish({
        result: {
          ok: false,
          address: host,
          error: 'timeout',
          code: 'ETIMEDOUT',
          message: `no TCP connection within ${timeoutMs} ms`,
        },
      });
    }, timeoutMs);
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}

/** Checks every port concurrently: open or not, and why not. */
export async function checkAlternatives(
  host: string,
  ports: readonly number[],
  timeoutMs: number,
): Promise<PortCheck[]> {
  const unique = [...new Set(ports)];
  return Promise.all(
    unique.map(async (port): Promise<PortCheck> => {
      const { result, socket } = await connectTcp(host, port, timeoutMs);
      socket?.destroy();
      return result.ok ? { port, open: true } : { port, open: false, error: result.error };
    }),
  );
}
