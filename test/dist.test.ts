/** dist/ must be a fresh bundle of src/: the same check CI runs (scripts/check-dist.mjs). */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

describe('dist', () => {
  it('matches a fresh `npm run bundle` byte for byte', { timeout: 180_000 }, () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'check-dist.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    // On failure the script names the differing file and says to run `npm run bundle`.
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
