/**
 * Runs a command several times under `/usr/bin/time -v` and reports the median wall time, the
 * median CPU time (user + system: steadier than wall time on a busy machine) and the peak RSS.
 */
import { spawn } from 'node:child_process';

export const TIME = '/usr/bin/time';

/** One run: { wall, cpu } in seconds, { rss } in MiB, and the exit status. */
function once(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME, ['-v', command, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19));
    });
    child.on('error', reject);
    child.on('close', () => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const field = (name) => {
        const m = new RegExp(`^\\s*${name}: (.+)$`, 'm').exec(stderr);
        return m ? m[1].trim() : undefined;
      };
      const status = Number(field('Exit status'));
      const cpu =
        Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
      const rss = Number(field('Maximum resident set size \\(kbytes\\)')) / 1024;
      // What the command itself wrote to stderr, without time's report (for error messages).
      const own = stderr.split(/\n\s*Command being timed:/)[0].trim();
      resolve({ wall, cpu, rss, status, stderr: own });
    });
  });
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * `runs` timed runs after one untimed warm-up (page cache, disk). `ok(status)` says which exit
 * statuses are success; anything else throws with the command's stderr.
 */
export async function measure({ command, args, cwd, runs, ok }) {
  const results = [];
  for (let i = 0; i <= runs; i++) {
    const r = await once(command, args, cwd);
    if (!ok(r.status)) {
      throw new Error(
        `${command} ${args.join(' ')} exited with ${r.status}:\n${r.stderr.slice(-2000)}`,
      );
    }
    if (i > 0) results.push(r);
  }
  return {
    wall: median(results.map((r) => r.wall)),
    cpu: median(results.map((r) => r.cpu)),
    rss: Math.max(...results.map((r) => r.rss)),
    walls: results.map((r) => r.wall),
  };
}
