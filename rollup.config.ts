// Two self-contained ESM bundles, like GitHub's typescript-action template:
// dist/index.js (the Action) and dist/cli.js (the CLI), with the heavy parsers in dist/chunks/,
// loaded only when a scan needs them. No sourcemaps and no timestamps, so a
// rebuild is byte-identical; SMTP_PREFLIGHT_DIST_DIR redirects the output (scripts/check-dist.mjs).
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

/** Makes the written file executable (the package's `bin`). */
function executable(): Plugin {
  return {
    name: 'executable',
    async writeBundle(options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && options.dir) {
          await chmod(join(options.dir, name), 0o755);
        }
      }
    },
  };
}

function bundle(
  input: string,
  file: string,
  extra: Partial<RollupOptions['output']> = {},
): RollupOptions {
  return {
    input,
    output: {
      dir: outDir,
      entryFileNames: file,
      // The lazily loaded parsers (src/extract/code/parsers.ts, nodemailer for a test send).
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks(id: string) {
        // Rollup's CommonJS helpers, shared by the entry and the chunks: their own small chunk, so
        // that loading the entry does not load a parser.
        if (id.includes('commonjsHelpers')) return 'commonjs-helpers';
        for (const name of ['@babel/parser', 'php-parser', 'nodemailer']) {
          if (id.includes(`/node_modules/${name}/`)) return name.replace('@', '').replace('/', '-');
        }
        return undefined;
      },
      format: 'es',
      esModule: true,
      sourcemap: false,
      ...extra,
    },
    plugins: [
      typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false }),
      nodeResolve({ preferBuiltins: true }),
      commonjs(),
      json(),
      ...(file === 'cli.js' ? [executable()] : []),
    ],
    onwarn(warning, warn) {
      // Dependencies' `this` at module level and circular imports are theirs, not ours.
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}

export default [
  bundle('src/index.ts', 'index.js'),
  bundle('src/cli-main.ts', 'cli.js', { banner: '#!/usr/bin/env node' }),
];
