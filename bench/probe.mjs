#!/usr/bin/env node
/* global setTimeout */
// npm run bench:probe — ten endpoints probed live by the bundled CLI, one of them a server that
// accepts the connection and never greets. The endpoints are probed concurrently, so the whole
// run should take about the slowest endpoint's time (the silent one: its greeting timeout, plus
// the TLS check that tells a silent server from an implicit-TLS port), not the sum.
//
//   node bench/probe.mjs [--cli dist/cli.js] [--runs 3] [--greeting-timeout 2]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';

const { values } = parseArgs({
  options: {
    cli: { type: 'string', default: 'dist/cli.js' },
    runs: { type: 'string', default: '3' },
    'greeting-timeout': { type: 'string', default: '2' },
  },
});
const cli = resolve(values.cli);
const runs = Number(values.runs);
const greetingSeconds = Number(values['greeting-timeout']);

const listen = (server) =>
  new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));

/** Nine well-behaved servers (STARTTLS with smtp-server's own self-signed certificate), slow to greet. */
const servers = [];
const ports = [];
for (let i = 0; i < 9; i++) {
  const server = new SMTPServer({
    disableReverseLookup: true,
    authOptional: true,
    logger: false,
    // A realistic round trip: each greeting takes 400 ms, as from a remote provider.
    onConnect(_session, callback) {
      setTimeout(callback, 400);
    },
    onData(stream, _session, done) {
      stream.resume();
      stream.on('end', () => done());
    },
  });
  servers.push(server);
  ports.push(await listen(server.server));
}
/** One silent server: accepts, never says a word. */
const sockets = new Set();
const silent = createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => undefined);
  socket.on('close', () => sockets.delete(socket));
});
ports.push(await listen(silent));

const repo = mkdtempSync(join(tmpdir(), 'smtp-preflight-bench-probe-'));
ports.forEach((port, i) => {
  mkdirSync(join(repo, `service-${i}`));
  writeFileSync(
    join(repo, `service-${i}`, '.env'),
    `MAIL_MAILER=smtp\nMAIL_HOST=127.0.0.1\nMAIL_PORT=${port}\nMAIL_ENCRYPTION=tls\n`,
  );
});
writeFileSync(join(repo, '.smtp-preflight.yml'), 'live:\n  allow-hosts: [127.0.0.1]\n');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const walls = [];
let last;
for (let r = 0; r < runs; r++) {
  const started = process.hrtime.bigint();
  // Asynchronously: the servers live in this process and must keep answering meanwhile.
  const child = await new Promise((done, fail) => {
    const proc = spawn(process.execPath, [
      cli,
      'probe',
      repo,
      '--probe',
      'all',
      '--greeting-timeout',
      String(greetingSeconds),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', fail);
    proc.on('close', (status) => done({ status, stdout, stderr }));
  });
  walls.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (child.status !== 0) {
    console.error(child.stderr);
    throw new Error(`the CLI exited ${child.status}`);
  }
  last = JSON.parse(child.stdout);
}

const perEndpoint = last.probes.map((p) => p.ms);
const sum = perEndpoint.reduce((a, b) => a + b, 0);
const slowest = Math.max(...perEndpoint);
const wall = median(walls);
const silentResult = last.probes.find((p) => p.target.port === ports[9]);
console.log(`smtp-preflight bench:probe — ${ports.length} endpoints, 1 silent, ${runs} runs`);
console.log('');
console.log('| measure | ms |');
console.log('| --- | ---: |');
console.log(`| whole CLI run (median of ${runs}, incl. start-up and scan) | ${wall.toFixed(0)} |`);
console.log(`| slowest endpoint (the silent one) | ${slowest.toFixed(0)} |`);
console.log(
  `| sum of the endpoints' times (what a sequential probe would take) | ${sum.toFixed(0)} |`,
);
console.log(`| greeting timeout | ${(greetingSeconds * 1000).toFixed(0)} |`);
console.log('');
console.log(
  `silent endpoint: ${(silentResult?.problems ?? []).map((p) => `${p.phase} ${p.kind}`).join(', ') || 'no problem recorded'}`,
);
console.log(
  `whole run / slowest endpoint = ${(wall / slowest).toFixed(2)}; sum / whole run = ${(sum / wall).toFixed(2)}`,
);

for (const s of sockets) s.destroy();
silent.close();
await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
rmSync(repo, { recursive: true, force: true });
