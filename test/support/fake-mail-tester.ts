/**
 * A stand-in for mail-tester.com's JSON results on 127.0.0.1 (a real `node:http` server): "Mail
 * not found" for the first `notFoundFor` requests, then a result with failing SPF and DKIM, a
 * blocklist hit and SpamAssassin rules with solutions (shape of FACTS.md). It records the request
 * paths and can be switched to answer 500, garbage, or nothing at all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeMailTesterMode = 'normal' | 'error500' | 'garbage' | 'hang';

export interface FakeMailTester {
  /** `http://127.0.0.1:PORT` (use as `baseUrl`). */
  url: string;
  /** Request paths in order, with their query/`&` parts as sent. */
  paths: string[];
  mode: FakeMailTesterMode;
  /** How many requests get "Mail not found" before the result (counted over all requests). */
  notFoundFor: number;
  /** The result served once the message "has arrived". */
  result: Record<string, unknown>;
  close(): Promise<void>;
}

export const NOT_FOUND = {
  status: false,
  title: 'Mail not found. Please wait a few seconds and try again.',
};

/** 6.5/10: SPF and DKIM fail, listed on Spamhaus SBL, three SpamAssassin rules (one negative). */
export function sampleResult(): Record<string, unknown> {
  return {
    status: true,
    title: 'Wow! Not bad, but could be better',
    mark: -3.5,
    displayedMark: '6.5/10',
    maxMark: 10,
    messageInfo: {
      subject: 'smtp-preflight test message',
      fromAddress: 'ci@example.com',
      bounceAddress: 'ci@example.com',
    },
    spamAssassin: {
      score: 2.3,
      threshold: 5,
      statusClass: 'warning',
      rules: {
        HTML_MESSAGE: {
          code: 'HTML_MESSAGE',
          score: 0.001,
          description: 'HTML included in message',
          solution: "No worry, that's expected if you send HTML emails",
        },
        MISSING_DATE: {
          code: 'MISSING_DATE',
          score: 1.396,
          description: 'Missing <b>Date:</b> header',
          solution: 'Add a Date: header to the message.',
        },
        DKIM_VALID: {
          code: 'DKIM_VALID',
          score: -0.1,
          description: 'Message has at least one valid DKIM signature',
          solution: '',
        },
      },
    },
    signature: {
      statusClass: 'failure',
      subtests: {
        spf: {
          title: 'SPF',
          status: false,
          mark: -1,
          statusClass: 'failure',
          description: 'The server 203.0.113.7 is not allowed to send for example.com',
        },
        dkim: { title: 'DKIM', status: false, mark: -0.5, statusClass: 'failure' },
        dmarc: { title: 'DMARC', status: true, mark: 0, statusClass: 'success' },
        rDns: { title: 'Reverse DNS', status: true, mark: 0, statusClass: 'success' },
      },
    },
    blacklists: {
      blacklists: {
        sbl: { name: 'Spamhaus SBL', dns: 'sbl.spamhaus.org', statusCode: 1, hitMark: -1 },
        bcy: { name: 'Barracuda', dns: 'b.barracudacentral.org', statusCode: 0, hitMark: 0 },
      },
      hits: 1,
    },
    body: {
      subtests: {
        listUnsubscribe: { title: 'List-Unsubscribe header', status: true },
        brokenLinks: {
          title: 'No broken links',
          status: false,
          statusClass: 'warning',
          mark: -0.5,
          description: 'One link is broken',
        },
      },
    },
    links: { brokenLinks: 1 },
  };
}

export async function startFakeMailTester(
  options: {
    notFoundFor?: number;
    mode?: FakeMailTesterMode;
    result?: Record<string, unknown>;
  } = {},
): Promise<FakeMailTester> {
  const sockets = new Set<Socket>();
  let served = 0;
  const state = {
    paths: [] as string[],
    mode: options.mode ?? ('normal' as FakeMailTesterMode),
    notFoundFor: options.notFoundFor ?? 0,
    result: options.result ?? sampleResult(),
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    state.paths.push(req.url ?? '');
    if (state.mode === 'hang') return; // never answers; closed with the server
    if (state.mode === 'error500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (state.mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Oops');
      return;
    }
    const body = served++ < state.notFoundFor ? NOT_FOUND : state.result;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeMailTester = {
    url: `http://127.0.0.1:${port}`,
    get paths() {
      return state.paths;
    },
    get mode() {
      return state.mode;
    },
    set mode(m: FakeMailTesterMode) {
      state.mode = m;
    },
    get notFoundFor() {
      return state.notFoundFor;
    },
    set notFoundFor(n: number) {
      state.notFoundFor = n;
    },
    get result() {
      return state.result;
    },
    set result(r: Record<string, unknown>) {
      state.result = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
