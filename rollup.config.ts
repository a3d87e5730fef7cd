// The bundled action, like GitHub's typescript-action template, as ESM: dist/index.js (the Action)
// and dist/cli.js (the CLI), their shared code and the lazily loaded parsers in dist/chunks/. No
// sourcemaps and no timestamps, so a rebuild is byte-identical; SMTP_PREFLIGHT_DIST_DIR redirects
// the output (scripts/check-dist.mjs).
import commonjsPlugin from '@rollup/plugin-commonjs';
import jsonPlugin from '@rollup/plugin-json';
import nodeResolvePlugin from '@rollup/plugin-node-resolve';
import typescriptPlugin from '@rollup/plugin-typescript';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin, RollupOptions } from 'rollup';

/**
 * The plugins ship CommonJS-shaped types over ESM code: under NodeNext their default import is
 * typed as the module object, while at run time it is the plugin function itself.
 */
function pluginFactory<F>(imported: { default: F }): F {
  return (typeof imported === 'function' ? imported : imported.default) as F;
}

const commonjs = pluginFactory(commonjsPlugin);
const json = pluginFactory(jsonPlugin);
const nodeResolve = pluginFactory(nodeResolvePlugin);
const typescript = pluginFactory(typescriptPlugin);

const outDir = process.env.SMTP_PREFLIGHT_DIST_DIR || 'dist';

/** Makes dist/cli.js executable (the package's `bin`). */
function executable(): Plugin {
  return {
    name: 'executable',
    async writeBundle(options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.name === 'cli' && options.dir) {
          await chmod(join(options.dir, name), 0o755);
        }
      }
    },
  };
}

/**
 * One build with both entries, so the Action and the CLI share their chunks: the code both use
 * (the pipeline) and the lazily loaded parsers (src/extract/code/parsers.ts, nodemailer for a test
 * send) are written once under dist/chunks/.
 */
const LAZY = ['babel-parser', 'php-parser', 'nodemailer', 'commonjs-helpers'];

const config: RollupOptions = {
  input: { index: 'src/index.ts', cli: 'src/cli-main.ts' },
  output: {
    dir: outDir,
    entryFileNames: '[name].js',
    // The parsers by name; the code the two entries share as `shared`.
    chunkFileNames: (chunk) =>
      LAZY.includes(chunk.name) ? 'chunks/[name]-[hash].js' : 'chunks/shared-[hash].js',
    manualChunks(id: string) {
      // Rollup's CommonJS helpers: their own small chunk, so that loading an entry does not load a
      // parser.
      if (id.includes('commonjsHelpers')) return 'commonjs-helpers';
      for (const name of ['@babel/parser', 'php-parser', 'nodemailer']) {
        if (id.includes(`/node_modules/${name}/`)) return name.replace('@', '').replace('/', '-');
      }
      return undefined;
    },
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    format: 'es',
    esModule: true,
    sourcemap: false,
  },
  plugins: [
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false }),
    nodeResolve({ preferBuiltins: true }),
    commonjs(),
    json(),
    executable(),
  ],
  onwarn(warning, warn) {
    // Dependencies' `this` at module level and circular imports are theirs, not ours.
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
};

export default config;
