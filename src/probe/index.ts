/**
 * The live probe's entry point: probe many targets concurrently, results in the targets' order.
 */
import { mapLimit } from '../discover/pool.js';
import { probeTarget } from './probe.js';
import type { ProbeOptions, ProbeResult, ProbeTarget } from './types.js';

export { probeTarget } from './probe.js';
export { redact, secretVariants } from './secrets.js';

/** Probes every target with at most `concurrency` at once; total time ≈ the slowest batch. */
export function probeAll(
  targets: readonly ProbeTarget[],
  optionsFor: (target: ProbeTarget) => ProbeOptions,
  concurrency = 8,
): Promise<ProbeResult[]> {
  return mapLimit(targets, concurrency, (target) => probeTarget(target, optionsFor(target)));
}
