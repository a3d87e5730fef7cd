/**
 * `formatOf(path)`: which structured reader a file name selects (SEMANTICS.md §11 names the dotenv
 * spellings; template suffixes such as `.tpl`, `.example`, `.dist` keep the underlying format).
 */
import { describe, expect, it } from 'vitest';
import { isCandidateName } from '../../src/discover/index.js';
import { formatOf } from '../../src/extract/index.js';

const TABLE: [string, ReturnType<typeof formatOf>][] = [
  // dotenv
  ['.env', 'dotenv'],
  ['.env.example', 'dotenv'],
  ['.env.sample', 'dotenv'],
  ['.env.production', 'dotenv'],
  ['.env.production.sample', 'dotenv'],
  ['.env.local', 'dotenv'],
  ['env.template', 'dotenv'],
  ['config/.env.dist', 'dotenv'],
  ['deploy/prod.env', 'dotenv'],
  // dockerfile
  ['Dockerfile', 'dockerfile'],
  ['Dockerfile.dev', 'dockerfile'],
  ['docker/Dockerfile.prod', 'dockerfile'],
  ['api.Dockerfile', 'dockerfile'],
  ['Containerfile', 'dockerfile'],
  // yaml
  ['docker-compose.yml', 'yaml'],
  ['compose.yaml', 'yaml'],
  ['values.yaml', 'yaml'],
  ['values.yaml.tpl', 'yaml'],
  ['k8s/vaultwarden-env.yaml.tpl', 'yaml'],
  ['containers/app.yml', 'yaml'],
  ['.github/workflows/notify.yml', 'yaml'],
  ['src/main/resources/application.yml', 'yaml'],
  ['application.yml.j2', 'yaml'],
  ['alertmanager.yml.example', 'yaml'],
  // json
  ['appsettings.json', 'json'],
  ['appsettings.Development.json', 'json'],
  ['config.production.json', 'json'],
  ['realm-export.json', 'json'],
  ['config.json.example', 'json'],
  // properties
  ['application.properties', 'properties'],
  ['src/main/resources/mail.properties', 'properties'],
  ['application.properties.dist', 'properties'],
  // ini
  ['app.ini', 'ini'],
  ['custom/conf/app.ini', 'ini'],
  ['grafana.ini', 'ini'],
  ['conf/custom.ini', 'ini'],
  ['defaults.ini.sample', 'ini'],
  // code: read by the language readers
  ['main.go', 'go'],
  ['settings.py', 'python'],
  ['config/mail.php', 'php'],
  ['README.md', null],
  ['src/env.ts', 'javascript'],
  ['env.js', 'javascript'],
  ['package.json.lock', null],
];

describe('formatOf', () => {
  it.each(TABLE)('%s → %s', (path, kind) => {
    expect(formatOf(path)).toBe(kind);
  });
});

describe('names with a prefix (copies, monorepo conventions)', () => {
  it.each([
    ['api_Dockerfile', 'dockerfile'],
    ['web-dockerfile', 'dockerfile'],
    ['mastodon.env.production.sample', 'dotenv'],
  ])('%s → %s', (name, kind) => {
    expect(formatOf(name)).toBe(kind);
    expect(isCandidateName(name)).toBe(true);
  });
});
