/**
 * Code readers by language. Each is pure: (file, text) → drafts; never throws.
 */
import { readGo } from './go.js';
import { readJavaScript } from './javascript.js';
import { readPhp } from './php.js';
import { readPython } from './python.js';
import { readRuby } from './ruby.js';
import type { CodeResult } from './common.js';

export type CodeLanguage = 'javascript' | 'python' | 'ruby' | 'php' | 'go';

export const CODE_READERS: Record<CodeLanguage, (file: string, text: string) => CodeResult> = {
  javascript: readJavaScript,
  python: readPython,
  ruby: readRuby,
  php: readPhp,
  go: readGo,
};

export type { CodeResult };
