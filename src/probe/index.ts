/**
 * The live probe's entry point: probe many targets concurrently, results in the targets' order.
 */
import { probeTarget } from './probe.js';
import type { ProbeOptions, ProbeResult, ProbeTarget } from './types.js';

export { probeTarget } from './probe.js';
export { redact, secretVariants } from './secrets.js';

/** Probes every target with at most `concurrency` at once; total time ≈ the slowest batch. */
export async function probeAll(
  targets: readonly ProbeTarget[],
  optionsFor: (target: ProbeTarget) => ProbeOptions,
  concurrency = 8,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await probeTarget(targets[index], optionsFor(targets[index]));
    }
  };
  const workers = Math.max(1, Math.min(concurrency, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
