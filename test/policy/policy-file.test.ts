/**
 * The policy file: every key parsed into the typed Policy, every invalid case rejected with the
 * exact `file:line: ... (allowed: ...)` text, and the JSON Schema (schema/policy.schema.json)
 * valid draft-07 that agrees with the hand-written validator on every case here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  allowsSuppression,
  DEFAULT_POLICY,
  lineDiff,
  loadPolicy,
  parsePolicy,
  PolicyError,
  policyInfo,
} from '../../src/policy/policy-file.js';
import { RULES } from '../../src/policy/rules.js';

const F = '.github/smtp-preflight.yml';
const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../schema/policy.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function error(text: string): string {
  try {
    parsePolicy(text, F);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

const FULL = `# yaml-language-server: $schema=https://raw.githubusercontent.com/smtp-preflight/smtp-preflight/main/schema/policy.schema.json
extends: strict
rules:
  SP009: off
  SP003: error
  SP007:
    severity: error
    allow-suppression: false
  SP015: { allow-suppression: true }
ports:
  allow: [465, 587]
local-hosts: [Mailpit, smtp.internal.example]
providers:
  - id: acme-relay
    name: ACME relay
    hosts: [relay.acme.example, '*.mail.acme.example']
    implicit-tls: [465]
    starttls: [587, 2587]
    auth: ACME SMTP tokens
    password-auth:
      severity: note
      text: ACME retires passwords on 2027-01-01.
  - id: tiny
    name: Tiny
    hosts: [smtp.tiny.example]
    starttls: [587]
    auth: a password
assume:
  laravel: 8
  nextcloud: 25
  javamail: 1.6
  gitlab: '15.10'
ignore: ['test/fixtures/**', '*.sample']
live:
  allow-hosts: [smtp.example.com]
`;

describe('parsePolicy: every key', () => {
  it('reads a full policy into the typed Policy', () => {
    const p = parsePolicy(FULL, F);
    expect(p.file).toBe(F);
    expect(p.source).toBe('repository');
    expect(p.extends).toBe('strict');
    expect(p.rules).toEqual({
      SP009: { severity: 'off' },
      SP003: { severity: 'error' },
      SP007: { severity: 'error', allowSuppression: false },
      SP015: { allowSuppression: true },
    });
    expect(p.ports).toEqual({ allow: [465, 587] });
    expect(p.localHosts).toEqual(['mailpit', 'smtp.internal.example']);
    expect(p.providers.map((x) => ({ ...x, hosts: String(x.hosts) }))).toEqual([
      {
        id: 'acme-relay',
        name: 'ACME relay',
        hosts: String(/^(?:relay\.acme\.example|(?:[a-z0-9_-]+\.)+mail\.acme\.example)$/i),
        implicitTls: [465],
        startTls: [587, 2587],
        auth: 'ACME SMTP tokens',
        passwordAuth: { severity: 'note', text: 'ACME retires passwords on 2027-01-01' },
      },
      {
        id: 'tiny',
        name: 'Tiny',
        hosts: String(/^(?:smtp\.tiny\.example)$/i),
        implicitTls: [],
        startTls: [587],
        auth: 'a password',
      },
    ]);
    expect(p.providers[0].hosts.test('eu.mail.acme.example')).toBe(true);
    expect(p.providers[0].hosts.test('mail.acme.example')).toBe(false);
    expect(p.assume).toEqual({ laravel: '8', nextcloud: '25', javamail: '1.6', gitlab: '15.10' });
    expect(p.ignore).toEqual(['test/fixtures/**', '*.sample']);
    expect(p.live).toEqual({ allowHosts: ['smtp.example.com'] });
    expect(validate(parse(FULL))).toBe(true);
  });

  it('an empty or comment-only file is the recommended policy as written', () => {
    for (const text of ['', '# nothing yet\n', '{}\n']) {
      const p = parsePolicy(text, F);
      expect(p).toMatchObject({ extends: 'recommended', source: 'repository', rules: {} });
      expect(validate(parse(text))).toBe(true);
    }
  });

  it('the default policy', () => {
    expect(DEFAULT_POLICY).toMatchObject({ source: 'default', extends: 'recommended' });
    expect(policyInfo({ ...DEFAULT_POLICY })).toEqual({
      source: 'default',
      extends: 'recommended',
    });
    expect(policyInfo(parsePolicy('extends: strict\n', F))).toEqual({
      file: F,
      source: 'repository',
      extends: 'strict',
    });
  });

  it('allowsSuppression: only `allow-suppression: false` forbids', () => {
    const p = parsePolicy(FULL, F);
    expect(allowsSuppression(p, 'SP007')).toBe(false);
    expect(allowsSuppression(p, 'SP015')).toBe(true);
    expect(allowsSuppression(p, 'SP003')).toBe(true);
    expect(allowsSuppression(DEFAULT_POLICY, 'SP007')).toBe(true);
  });
});

/** [name, text, exact message]. */
const INVALID: [string, string, string][] = [
  [
    'unknown top-level key',
    'extends: strict\nrule:\n  SP009: off\n',
    `${F}:2: unknown key 'rule' (allowed: extends, rules, ports, local-hosts, providers, assume, ignore, live)`,
  ],
  ['bad extends', 'extends: lax\n', `${F}:1: invalid extends 'lax' (allowed: recommended, strict)`],
  [
    'extends as a list',
    'extends: [strict]\n',
    `${F}:1: invalid extends a list (allowed: recommended, strict)`,
  ],
  [
    'unknown rule id',
    'extends: recommended\nrules:\n  SP003: error\n  SP099: off\n',
    `${F}:4: unknown rule 'SP099' in rules (known: SP001…SP016, LV001…LV016)`,
  ],
  [
    'a rule key that is no id',
    'rules:\n  port25: off\n',
    `${F}:2: unknown rule 'port25' in rules (known: SP001…SP016, LV001…LV016)`,
  ],
  [
    'bad severity',
    'rules:\n  SP003: fatal\n',
    `${F}:2: invalid severity 'fatal' for rules.SP003 (allowed: off, note, warning, error)`,
  ],
  [
    'YAML 1.1 boolean is not off',
    'rules:\n  SP009: false\n',
    `${F}:2: invalid severity false for rules.SP009 (allowed: off, note, warning, error)`,
  ],
  [
    'empty severity',
    'rules:\n  SP001:\n',
    `${F}:2: invalid severity (empty) for rules.SP001 (allowed: off, note, warning, error)`,
  ],
  [
    'bad severity in the object form',
    'rules:\n  SP007:\n    severity: high\n',
    `${F}:3: invalid severity 'high' for rules.SP007 (allowed: off, note, warning, error)`,
  ],
  [
    'unknown key in a rule object',
    'rules:\n  SP007:\n    allow_suppression: false\n',
    `${F}:3: unknown key 'allow_suppression' in rules.SP007 (allowed: severity, allow-suppression)`,
  ],
  [
    'allow-suppression not a boolean',
    'rules:\n  SP007:\n    allow-suppression: no\n',
    `${F}:3: rules.SP007.allow-suppression must be true or false (got 'no')`,
  ],
  ['rules as a list', 'rules: [SP001]\n', `${F}:1: rules must be a mapping (got a list)`],
  [
    'port out of range',
    'ports:\n  allow: [587, 70000]\n',
    `${F}:2: invalid port 70000 in ports.allow (allowed: whole numbers 1–65535)`,
  ],
  [
    'port as a string',
    'ports:\n  allow: ["587"]\n',
    `${F}:2: invalid port '587' in ports.allow (allowed: whole numbers 1–65535)`,
  ],
  [
    'port zero',
    'ports:\n  allow:\n    - 465\n    - 0\n',
    `${F}:4: invalid port 0 in ports.allow (allowed: whole numbers 1–65535)`,
  ],
  [
    'fractional port',
    'ports: { allow: [58.7] }\n',
    `${F}:1: invalid port 58.7 in ports.allow (allowed: whole numbers 1–65535)`,
  ],
  [
    'unknown key in ports',
    'ports:\n  deny: [25]\n',
    `${F}:2: unknown key 'deny' in ports (allowed: allow)`,
  ],
  [
    'ports.allow not a list',
    'ports:\n  allow: 587\n',
    `${F}:2: ports.allow must be a list of ports (got 587)`,
  ],
  [
    'local-hosts not a list',
    'local-hosts: mailpit\n',
    `${F}:1: local-hosts must be a list of host names (got 'mailpit')`,
  ],
  [
    'local-hosts with a bad name',
    'local-hosts: [mailpit, "smtp host"]\n',
    `${F}:1: invalid host 'smtp host' in local-hosts (allowed: host names such as smtp.example.com)`,
  ],
  [
    'provider without hosts',
    'providers:\n  - id: acme\n    name: Acme\n',
    `${F}:2: providers[0] lacks 'hosts' (required: id, name, hosts, starttls, auth; optional: implicit-tls, password-auth)`,
  ],
  [
    'provider unknown key',
    'providers:\n  - id: acme\n    name: Acme\n    hosts: [a.example]\n    starttls: [587]\n    auth: x\n    smtps: [465]\n',
    `${F}:7: unknown key 'smtps' in providers[0] (allowed: id, name, hosts, implicit-tls, starttls, auth, password-auth)`,
  ],
  [
    'provider bad id',
    'providers:\n  - id: Acme Mail\n    name: Acme\n    hosts: [a.example]\n    starttls: [587]\n    auth: x\n',
    `${F}:2: invalid provider id 'Acme Mail' in providers[0].id (allowed: lower-case letters, digits and -)`,
  ],
  [
    'provider bad port',
    'providers:\n  - id: acme\n    name: Acme\n    hosts: [a.example]\n    starttls: [587, 99999]\n    auth: x\n',
    `${F}:5: invalid port 99999 in providers[0].starttls (allowed: whole numbers 1–65535)`,
  ],
  [
    'provider bad host glob',
    'providers:\n  - id: acme\n    name: Acme\n    hosts: ["smtp.*.example"]\n    starttls: [587]\n    auth: x\n',
    `${F}:4: invalid host 'smtp.*.example' in providers[0].hosts (allowed: host names such as smtp.example.com, or *.example.com)`,
  ],
  [
    'provider password-auth severity',
    'providers:\n  - id: acme\n    name: Acme\n    hosts: [a.example]\n    starttls: [587]\n    auth: x\n    password-auth: { severity: error, text: gone }\n',
    `${F}:7: invalid severity 'error' for providers[0].password-auth (allowed: warning, note)`,
  ],
  [
    'provider password-auth without text',
    'providers:\n  - id: acme\n    name: Acme\n    hosts: [a.example]\n    starttls: [587]\n    auth: x\n    password-auth: { severity: note }\n',
    `${F}:7: providers[0].password-auth lacks 'text' (required: text; optional: severity)`,
  ],
  [
    'duplicate provider id',
    'providers:\n  - { id: a, name: A, hosts: [a.example], starttls: [587], auth: x }\n  - { id: a, name: B, hosts: [b.example], starttls: [587], auth: y }\n',
    `${F}:3: duplicate provider id 'a' in providers`,
  ],
  [
    'unknown assume key',
    'assume:\n  rails: 7\n',
    `${F}:2: unknown key 'rails' in assume (allowed: laravel, nextcloud, javamail, gitlab)`,
  ],
  [
    'bad assume version',
    'assume:\n  laravel: eight\n',
    `${F}:2: invalid version 'eight' for assume.laravel (allowed: a version number such as 8 or 1.6)`,
  ],
  [
    'empty ignore glob',
    'ignore: ["test/**", ""]\n',
    `${F}:1: invalid glob '' in ignore (allowed: repository path globs with *, ** and ?, such as test/fixtures/**)`,
  ],
  [
    'ignore as a string',
    'ignore: "test/**"\n',
    `${F}:1: ignore must be a list of path globs (got 'test/**')`,
  ],
  [
    'glob in live.allow-hosts',
    'live:\n  allow-hosts: ["*.example.com"]\n',
    `${F}:2: invalid host '*.example.com' in live.allow-hosts (allowed: host names such as smtp.example.com)`,
  ],
  [
    'unknown key in live',
    'live:\n  hosts: [smtp.example.com]\n',
    `${F}:2: unknown key 'hosts' in live (allowed: allow-hosts)`,
  ],
  ['not a mapping', '- extends: strict\n', `${F}:1: the policy must be a mapping (got a list)`],
  ['a scalar', 'strict\n', `${F}:1: the policy must be a mapping (got 'strict')`],
  [
    'duplicate key',
    'extends: strict\nextends: recommended\n',
    `${F}:2: invalid YAML: Map keys must be unique`,
  ],
  [
    'broken YAML',
    'rules:\n  SP003: error\n   bad: [\n',
    `${F}:2: invalid YAML: Nested mappings are not allowed in compact mappings`,
  ],
];

describe('parsePolicy: invalid policies name file, line and the allowed values', () => {
  it.each(INVALID)('%s', (_name, text, message) => {
    expect(error(text)).toBe(message);
  });

  it.each(
    INVALID.filter(
      ([name]) => !['duplicate key', 'broken YAML', 'duplicate provider id'].includes(name),
    ),
  )('the JSON Schema rejects it too: %s', (_name, text) => {
    expect(validate(parse(text))).toBe(false);
  });
});

describe('schema/policy.schema.json', () => {
  it('is a valid draft-07 schema with a description on every property', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect((schema as { $schema: string }).$schema).toBe('http://json-schema.org/draft-07/schema#');
    const props = (schema as { properties: Record<string, { description?: string }> }).properties;
    for (const [key, value] of Object.entries(props)) expect(value.description, key).toBeTruthy();
  });

  it('lists exactly the known rule ids', () => {
    const rules = (schema as { properties: { rules: { propertyNames: { enum: string[] } } } })
      .properties.rules.propertyNames.enum;
    expect(rules).toEqual(RULES.map((r) => r.id));
  });

  it('the README documents the yaml-language-server line', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/smtp-preflight/smtp-preflight/main/schema/policy.schema.json',
    );
  });
});

describe('loadPolicy: where the file is found', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const repo = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'policy-load-'));
    dirs.push(d);
    execFileSync('git', ['init', '-q', d]);
    return d;
  };

  it('none: the built-in default', async () => {
    const p = await loadPolicy(repo());
    expect(policyInfo(p)).toEqual({ source: 'default', extends: 'recommended' });
  });

  it('.github/smtp-preflight.yml wins over .smtp-preflight.yml; found from a subdirectory', async () => {
    const d = repo();
    mkdirSync(join(d, '.github'));
    mkdirSync(join(d, 'app', 'src'), { recursive: true });
    writeFileSync(join(d, '.smtp-preflight.yml'), 'extends: recommended\n');
    writeFileSync(join(d, '.github', 'smtp-preflight.yml'), 'extends: strict\n');
    expect(policyInfo(await loadPolicy(join(d, 'app')))).toEqual({
      file: '.github/smtp-preflight.yml',
      source: 'repository',
      extends: 'strict',
    });
    rmSync(join(d, '.github'), { recursive: true });
    expect((await loadPolicy(d)).file).toBe('.smtp-preflight.yml');
  });

  it('an explicit path; a missing one is an error', async () => {
    const d = repo();
    writeFileSync(join(d, 'team-policy.yml'), 'rules:\n  SP009: off\n  SP1: off\n');
    await expect(loadPolicy(d, 'team-policy.yml')).rejects.toThrow(
      `team-policy.yml:3: unknown rule 'SP1' in rules (known: SP001…SP016, LV001…LV016)`,
    );
    await expect(loadPolicy(d, 'nope.yml')).rejects.toThrow('policy file not found: nope.yml');
  });
});

describe('lineDiff', () => {
  it('shows removed and added lines only', () => {
    expect(
      lineDiff(
        'extends: strict\nrules:\n  SP009: off\n',
        'extends: recommended\nrules:\n  SP009: off\n',
      ),
    ).toBe('- extends: strict\n+ extends: recommended');
    expect(lineDiff('', 'a\n')).toBe('+ a');
    expect(lineDiff('a\n', '')).toBe('- a');
  });

  it('is capped', () => {
    const many = Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n');
    const out = lineDiff('', many).split('\n');
    expect(out).toHaveLength(31);
    expect(out[30]).toBe('… 10 more changed lines');
  });
});
