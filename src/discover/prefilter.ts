/**
 * The two cheap filters that decide which files are worth reading and which are worth extracting:
 * a filename test before any I/O, and one regular expression over the decoded text.
 */

/** Final extensions of the formats and languages the extract stage reads. */
const EXTENSIONS = new Set([
  // configuration formats
  'env',
  'yml',
  'yaml',
  'json',
  'jsonc',
  'json5',
  'properties',
  'ini',
  'cfg',
  'conf',
  'toml',
  // code, for the code readers
  'js',
  'mjs',
  'cjs',
  'ts',
  'mts',
  'cts',
  'jsx',
  'tsx',
  'py',
  'rb',
  'php',
  'go',
  'cs',
]);

/** Suffixes that make a template or sample of a config file: `config.yml.tpl`, `.env.example`. */
const TEMPLATE_SUFFIXES = new Set([
  'tpl',
  'tmpl',
  'j2',
  'jinja',
  'jinja2',
  'erb',
  'template',
  'example',
  'sample',
  'dist',
  'default',
]);

/** Generated files that mention every package name under the sun but configure nothing. */
const EXCLUDED_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'deno.lock',
  'composer.lock',
  'gemfile.lock',
  'poetry.lock',
  'pipfile.lock',
  'cargo.lock',
  'go.sum',
  '.pnp.cjs',
  '.pnp.loader.mjs',
]);

/** Directories whose contents are third-party or generated (`.yarn/` holds vendored Yarn releases). */
const EXCLUDED_DIRS = new Set(['node_modules', 'vendor', 'bower_components', '.git', '.yarn']);

const MINIFIED = /\.min\.(?:js|mjs|cjs|json)$/;

function isDotenvName(name: string, stripped: string, hadSuffix: boolean): boolean {
  if (name === '.env' || name.startsWith('.env.')) return true; // .env, .env.production.sample
  if (stripped.endsWith('.env')) return true; // prod.env, app.env.sample
  if (/^[^.]+\.env\.[a-z0-9_-]+$/.test(stripped)) return true; // mastodon.env.production
  return hadSuffix && stripped === 'env'; // env.template, env.example
}

function isContainerfileName(name: string): boolean {
  return (
    /(?:^|[._-])(?:dockerfile|containerfile)(?:[.-].*)?$/.test(name) || // Dockerfile, Dockerfile.prod, Dockerfile-dev, api_Dockerfile
    name.endsWith('.dockerfile') ||
    name.endsWith('.containerfile')
  );
}

/** A directory segment that makes a tree third-party or generated, followed by a separator. */
const EXCLUDED_DIR_IN_PATH =
  /(?:^|[\\/])(?:node_modules|vendor|bower_components|\.git|\.yarn)[\\/]/i;
/** An empty or `.` segment: `./a`, `a//b`, `a/`. */
const ODD_SEGMENT = /(?:^|[\\/])\.?(?:[\\/]|$)/;

/**
 * The file's name in lower case, or undefined when there is none or a directory on the way is
 * excluded. Called for every listed file, so the usual path is tested without splitting it.
 */
function lowerCaseNameUnlessExcluded(relPath: string): string | undefined {
  if (ODD_SEGMENT.test(relPath)) {
    const segments = relPath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
    const name = segments.pop()?.toLowerCase();
    if (segments.some((dir) => EXCLUDED_DIRS.has(dir.toLowerCase()))) return undefined;
    return name;
  }
  if (EXCLUDED_DIR_IN_PATH.test(relPath)) return undefined;
  return relPath
    .slice(Math.max(relPath.lastIndexOf('/'), relPath.lastIndexOf('\\')) + 1)
    .toLowerCase();
}

/**
 * The cheap filename prefilter: true when a file's name says it may hold SMTP configuration (or is
 * code the code readers look at). `relPath` is relative to the scanned root; `/` or `\` separated.
 */
export function isCandidateName(relPath: string): boolean {
  const name = lowerCaseNameUnlessExcluded(relPath);
  if (!name) return false;
  if (EXCLUDED_NAMES.has(name)) return false;

  // Peel template suffixes: `config.yml.example.tpl` → `config.yml`.
  let stripped = name;
  let hadSuffix = false;
  for (;;) {
    const dot = stripped.lastIndexOf('.');
    if (dot <= 0 || !TEMPLATE_SUFFIXES.has(stripped.slice(dot + 1))) break;
    stripped = stripped.slice(0, dot);
    hadSuffix = true;
  }

  if (isDotenvName(name, stripped, hadSuffix)) return true;
  if (isContainerfileName(name)) return true;
  if (EXCLUDED_NAMES.has(stripped) || MINIFIED.test(stripped)) return false;

  const dot = stripped.lastIndexOf('.');
  if (dot < 0 || dot === stripped.length - 1) return false;
  return EXTENSIONS.has(stripped.slice(dot + 1));
}

/** Every SMTP configuration says `smtp` or `mail` somewhere (MAIL_HOST, spring.mail, smtp_address...). */
const CONTENT = /smtp|mail/i;

/** The content prefilter: one regular expression test over the decoded text. */
export function mentionsMail(text: string): boolean {
  return CONTENT.test(text);
}
