/**
 * A fake GitHub REST API on 127.0.0.1 for the pull request comment: issue comments (list with
 * pagination, create, update), every request recorded; scripted answers (failures) come first.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query, as sent. */
  path: string;
  body?: { body?: string };
  authorization?: string;
}

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface ScriptedResponse {
  method: string;
  /** Matches the path without the query. */
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Answer this many times (default 1); Infinity for always. */
  times?: number;
}

export class FakeGitHub {
  constructor(
    private readonly owner: string,
    private readonly repo: string,
    private readonly number: number,
  ) {}

  readonly requests: RecordedRequest[] = [];
  comments: StoredComment[] = [];
  script: ScriptedResponse[] = [];
  private nextId = 1000;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.comments = [];
    this.script = [];
  }

  /** `METHOD path` of every request, for exact sequence assertions. */
  sequence(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  addComment(body: string, login = 'github-actions[bot]'): StoredComment {
    const comment = { id: this.nextId++, body, user: { login, type: 'Bot' } };
    this.comments.push(comment);
    return comment;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      body: raw ? (JSON.parse(raw) as { body?: string }) : undefined,
      authorization: req.headers.authorization,
    });

    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const scripted = this.script.find((s) => s.method === method && s.path.test(url.pathname));
    if (scripted) {
      scripted.times = (scripted.times ?? 1) - 1;
      if (scripted.times <= 0) this.script.splice(this.script.indexOf(scripted), 1);
      send(scripted.status, scripted.body, scripted.headers);
      return;
    }

    const base = `/repos/${this.owner}/${this.repo}`;
    const html = (id: number) =>
      `https://github.com/${this.owner}/${this.repo}/pull/${this.number}#issuecomment-${id}`;
    const view = (c: StoredComment) => ({ ...c, html_url: html(c.id) });
    if (method === 'GET' && url.pathname === `${base}/issues/${this.number}/comments`) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = this.comments.slice((page - 1) * perPage, page * perPage).map(view);
      const headers: Record<string, string> = {};
      if (page * perPage < this.comments.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      send(200, slice, headers);
      return;
    }
    if (method === 'POST' && url.pathname === `${base}/issues/${this.number}/comments`) {
      const body = (JSON.parse(raw) as { body: string }).body;
      send(201, view(this.addComment(body)));
      return;
    }
    const update = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (method === 'PATCH' && update) {
      const comment = this.comments.find((c) => c.id === Number(update[1]));
      if (!comment) {
        send(404, { message: 'Not Found' });
        return;
      }
      comment.body = (JSON.parse(raw) as { body: string }).body;
      send(200, view(comment));
      return;
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }
}
