/**
 * The heavy third-party parsers (@babel/parser for JavaScript/TypeScript, php-parser for PHP) are
 * loaded only when a scan has files they read: most repositories have few or none, and loading
 * them is a good part of the CLI's start-up. `run()` awaits `loadParsers` before extracting, so
 * the readers themselves stay synchronous and pure.
 */
import type * as BabelParser from '@babel/parser';
import type * as PhpParser from 'php-parser';

type Babel = typeof BabelParser;
type Php = typeof PhpParser;

let babel: Babel | undefined;
let php: Php | undefined;

/** CommonJS packages bundled as ESM may arrive as a namespace with a `default`. */
function api<T extends object>(module: T, key: string): T {
  if (key in module) return module;
  const inner = (module as { default?: T }).default;
  return inner && key in inner ? inner : module;
}

/** Loads the parsers of the given reader kinds (`javascript`, `php`; others need none). */
export async function loadParsers(kinds: Iterable<string | null>): Promise<void> {
  const wanted = new Set(kinds);
  if (wanted.has('javascript') && !babel) babel = api(await import('@babel/parser'), 'parse');
  if (wanted.has('php') && !php) php = api(await import('php-parser'), 'Engine');
}

export function babelParser(): Babel {
  if (!babel) throw new Error('the JavaScript parser is not loaded (loadParsers was not called)');
  return babel;
}

export function phpParser(): Php {
  if (!php) throw new Error('the PHP parser is not loaded (loadParsers was not called)');
  return php;
}
