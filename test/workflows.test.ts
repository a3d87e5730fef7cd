/**
 * The repository's workflows, parsed with the yaml package: every file is a well-formed workflow,
 * and the reusable / ruleset workflow (.github/workflows/smtp-preflight.yml) uses its
 * `workflow_call` inputs consistently, passes the action only inputs it has, and keeps to what
 * GitHub requires of ruleset workflows (docs: "Available rules for rulesets" → "Require workflows
 * to pass before merging", and "Troubleshooting rules" → "Troubleshooting ruleset workflows").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = resolve(import.meta.dirname, '..');
const WORKFLOWS = join(REPO, '.github/workflows');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: string;
  uses?: string;
  if?: string;
  steps?: Step[];
}
interface Input {
  description?: string;
  type?: string;
  default?: unknown;
  required?: boolean;
}
interface Workflow {
  name?: string;
  on: Record<string, { inputs?: Record<string, Input> } | null>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const workflows = new Map(
  files.map((f) => [f, parse(readFileSync(join(WORKFLOWS, f), 'utf8')) as Workflow]),
);

/** Every string value (keys too) of a parsed document, comments excluded. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  }
  return [];
}
const texts = new Map(files.map((f) => [f, strings(workflows.get(f)).join('\n')]));

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

/** Every `inputs.NAME` in the text, with what follows it up to the next input or the expression's end. */
function inputUses(text: string): { name: string; rest: string }[] {
  return [...text.matchAll(/\binputs\.([A-Za-z0-9_-]+)((?:(?!inputs\.)[^}])*)/g)].map((m) => ({
    name: m[1],
    rest: m[2],
  }));
}

describe('every workflow', () => {
  it.each(files)('%s parses, has triggers and jobs, and each job runs somewhere', (file) => {
    const wf = workflows.get(file);
    expect(wf?.on, 'on').toBeTypeOf('object');
    expect(Object.keys(wf?.jobs ?? {}).length).toBeGreaterThan(0);
    for (const [id, job] of Object.entries(wf?.jobs ?? {})) {
      expect(job['runs-on'] ?? job.uses, id).toBeTruthy();
      for (const step of job.steps ?? []) expect(step.uses ?? step.run, `${id} step`).toBeTruthy();
    }
  });

  it.each(files)(
    '%s refers only to inputs it declares (workflow_call) and uses all of them',
    (file) => {
      const wf = workflows.get(file);
      const declared = Object.keys(wf?.on.workflow_call?.inputs ?? {});
      const used = new Set(inputUses(texts.get(file) ?? '').map((u) => u.name));
      expect(
        [...used].filter((n) => !declared.includes(n)),
        'used, not declared',
      ).toEqual([]);
      expect(
        declared.filter((n) => !used.has(n)),
        'declared, not used',
      ).toEqual([]);
    },
  );
});

describe('.github/workflows/smtp-preflight.yml (reusable and ruleset workflow)', () => {
  const file = 'smtp-preflight.yml';
  const wf = workflows.get(file) as Workflow;
  const text = texts.get(file) ?? '';
  const inputs = wf.on.workflow_call?.inputs ?? {};
  const [job] = Object.values(wf.jobs);
  const step = job.steps?.find((s) => s.uses?.startsWith('smtp-preflight/smtp-preflight@'));

  it('can be called (workflow_call) and required by a ruleset (pull_request, merge_group)', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['merge_group', 'pull_request', 'workflow_call']);
    // Rulesets ignore filters on these events: none are written, so none mislead.
    expect(wf.on.pull_request).toBeNull();
    expect(wf.on.merge_group).toBeNull();
    // Ruleset workflows must not cancel in progress.
    expect(text).not.toMatch(/cancel-in-progress/);
  });

  it('declares string inputs with descriptions and defaults, none required', () => {
    expect(Object.keys(inputs).sort()).toEqual(
      ['comment', 'fail-on', 'fail-on-new-only', 'path', 'policy', 'upload-sarif'].sort(),
    );
    for (const [name, input] of Object.entries(inputs)) {
      expect(input.type, name).toBe('string');
      expect(input.description, name).toBeTruthy();
      expect(typeof input.default, name).toBe('string');
      expect(input.required ?? false, name).toBe(false);
    }
  });

  it("falls back to each input's declared default where no inputs exist (ruleset runs)", () => {
    for (const { name, rest } of inputUses(text)) {
      const fallback = /^\s*\|\|\s*'([^']*)'/.exec(rest)?.[1];
      const declared = String(inputs[name].default);
      if (declared === '') expect(fallback ?? '', name).toBe('');
      else expect(fallback, `inputs.${name} needs || '${declared}'`).toBe(declared);
    }
  });

  it('passes the action only inputs it has, and reads only outputs it has', () => {
    expect(step).toBeDefined();
    for (const key of Object.keys(step?.with ?? {}))
      expect(Object.keys(action.inputs)).toContain(key);
    const outputs = [...text.matchAll(/steps\.smtp\.outputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(outputs.length).toBeGreaterThan(0);
    for (const name of outputs) expect(Object.keys(action.outputs)).toContain(name);
  });

  it('references the action the way the README does', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const refs = new Set(readme.match(/smtp-preflight\/smtp-preflight@v\d+/g));
    expect(refs.size).toBe(1);
    expect(step?.uses).toBe([...refs][0]);
  });

  it('asks for the permissions of the comment and the SARIF upload, reads contents only', () => {
    expect(wf.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write',
      'security-events': 'write',
    });
  });

  it('uploads SARIF only when asked, after any scan outcome', () => {
    const upload = job.steps?.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain('!cancelled()');
    expect(upload?.if).toContain("steps.smtp.outputs.sarif-file != ''");
    expect(String(step?.with?.['sarif-file'])).toContain(
      "(inputs.upload-sarif || 'false') == 'true'",
    );
  });
});
