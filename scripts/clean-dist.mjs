#!/usr/bin/env node
// Empties the bundle's output directory before `npm run bundle` writes it, so chunks of earlier
// builds (their names carry content hashes) do not linger. Honours SMTP_PREFLIGHT_DIST_DIR, as
// rollup.config.ts does.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(process.env.SMTP_PREFLIGHT_DIST_DIR || 'dist');
for (const name of ['index.js', 'cli.js', 'chunks']) {
  rmSync(resolve(dir, name), { recursive: true, force: true });
}
