/**
 * SARIF 2.1.0: every rendering is validated against the official schema (draft-04) and its
 * content checked exactly: the hand-made fixture, a real scan of examples/insecure-app, and a
 * report with suppressions and a base comparison.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import { RULES } from '../../src/policy/rules.js';
import {
  FINGERPRINT_KEY,
  SECURITY_SEVERITY,
  pascalCase,
  renderSarif,
  renderSarifString,
  type SarifLog,
  type SarifResult,
} from '../../src/report/sarif.js';
import { run } from '../../src/run.js';
import { makeReport, sp001, sp003, sp012 } from './fixture.js';

// Both packages are CommonJS with `exports.default`; NodeNext sees the namespace.
type AjvClass = typeof import('ajv-draft-04').default;
type AddFormats = typeof import('ajv-formats').default;
const Ajv = ((AjvDraft04 as unknown as { default?: AjvClass }).default ?? AjvDraft04) as AjvClass;
const addFormats = ((addFormatsPlugin as unknown as { default?: AddFormats }).default ??
  addFormatsPlugin) as AddFormats;

const schemaPath = fileURLToPath(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url));
// unicodeRegExp: false because the schema's `language` pattern (`...[a-zA-Z]{2}]?$`) has a stray
// `]` that is a syntax error under the `u` flag Ajv uses by default.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** Validates against the SARIF 2.1.0 schema and prints every error on failure. */
function expectValidSarif(log: unknown): void {
  const ok = validate(log);
  const errors = (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
  expect(errors, `SARIF schema errors:\n${errors.join('\n')}`).toEqual([]);
  expect(ok).toBe(true);
}

const insecureApp = fileURLToPath(new URL('../../examples/insecure-app', import.meta.url));

/** file:line:column level ruleId, in result order. */
function brief(results: SarifResult[]): string[] {
  return results.map((r) => {
    const loc = r.locations[0].physicalLocation;
    const col = loc.region?.startColumn === undefined ? '' : `:${loc.region.startColumn}`;
    return `${loc.artifactLocation.uri}:${loc.region?.startLine}${col} ${r.level} ${r.ruleId}`;
  });
}

const sp005WithRelated: Finding = {
  ruleId: 'SP005',
  severity: 'error',
  message: 'Grafana [smtp] disables certificate verification (`skip_verify`).',
  fix: 'Remove skip_verify.',
  at: { file: 'conf/grafana.ini', line: 5, column: 1 },
  related: [
    { file: 'conf/grafana.ini', line: 6 },
    { file: 'conf/grafana.ini', line: 9, column: 3 },
  ],
  helpUri: 'https://example.test/rules/SP005',
  fingerprint: 'f00d',
};

describe('renderSarif: the driver', () => {
  const log = renderSarif(makeReport());
  const driver = log.runs[0].tool.driver;

  it('is a valid SARIF 2.1.0 log with exactly one run', () => {
    expectValidSarif(log);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(driver).toMatchObject({
      name: 'smtp-preflight',
      version: '9.9.9',
      semanticVersion: '9.9.9',
      informationUri: 'https://github.com/smtp-preflight/smtp-preflight',
    });
  });

  it('has a schema check that rejects broken logs', () => {
    const broken = structuredClone(log) as unknown as {
      version: string;
      runs: { results: { level: string }[]; tool: { driver: { rules: unknown[] } } }[];
    };
    broken.version = '2.0.0';
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].tool.driver.rules.push({ name: 'no id' });
    expect(validate(broken)).toBe(false);
    expect(new Set(validate.errors?.map((e) => e.instancePath))).toEqual(
      new Set(['/version', '/runs/0/results/0/level', '/runs/0/tool/driver/rules/32']),
    );
  });

  it('lists every rule of the catalogue, in catalogue order', () => {
    expect(driver.rules).toHaveLength(32);
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const [i, rule] of RULES.entries()) {
      const d = driver.rules[i];
      expect(d.shortDescription.text).toBe(rule.title);
      expect(d.fullDescription.text).toBe(rule.description);
      expect(d.defaultConfiguration.level).toBe(rule.severity);
      expect(d.helpUri).toBe(
        `https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/${rule.id}.md`,
      );
      expect(d.help.text).toContain(rule.description);
      expect(d.help.text).toContain(d.helpUri);
      expect(d.help.markdown).toContain(`](${d.helpUri})`);
      expect(d.properties.tags.slice(0, 2)).toEqual(['security', 'smtp']);
    }
  });

  it('gives each rule a PascalCase name', () => {
    expect(driver.rules.map((r) => r.name)).toEqual([
      'Port25UsedForSubmission',
      'NoTLS',
      'OpportunisticSTARTTLS',
      'PortAndTLSModeDisagree',
      'CertificateVerificationDisabled',
      'TLSBelow12Allowed',
      'CredentialCommitted',
      'SubmissionWithoutAuthentication',
      'NonStandardPort',
      'ProviderDoesNotOfferThisPortTLS',
      'PasswordAuthRetiredByProvider',
      'CannotJudgeStatically',
      'MutuallyExclusiveTLSSettings',
      'ValueIgnoredByTheFramework',
      'SMTPTranscriptLoggingOn',
      'SuppressionWithoutReasonOrEffect',
      'ServerUnreachable',
      'TLSNotEstablished',
      'TLSModeMismatchLive',
      'CertificateNotTrusted',
      'CertificateExpiredOrExpiring',
      'TLSBelow12Negotiated',
      'AUTHOfferedBeforeTLS',
      'AuthenticationFailed',
      'TestMessageRejected',
      'DeliverabilityScoreTooLow',
      'DeliverabilityCheckFailed',
      'ServerMisbehaved',
      'VerificationOffButCertificateValid',
      'WeakCertificateKey',
      'CredentialsNotTested',
      'CertificateCheckBypassed',
    ]);
    expect(pascalCase('  a-b c/d ')).toBe('ABCD');
  });

  it('sets security-severity strings in GitHub range, per the documented mapping', () => {
    const bySeverity = Object.fromEntries(
      driver.rules.map((r) => [r.id, r.properties['security-severity']]),
    );
    expect(bySeverity).toEqual({
      SP001: '4.0',
      SP002: '7.5',
      SP003: '5.5',
      SP004: '5.0',
      SP005: '8.1',
      SP006: '4.3',
      SP007: '8.8',
      SP008: '3.5',
      SP009: '1.5',
      SP010: '5.0',
      SP011: '3.0',
      SP012: '1.0',
      SP013: '4.0',
      SP014: '3.5',
      SP015: '2.0',
      SP016: '1.0',
      LV001: '2.0',
      LV002: '6.5',
      LV003: '4.0',
      LV004: '6.5',
      LV005: '5.0',
      LV006: '5.3',
      LV007: '6.5',
      LV008: '3.0',
      LV009: '2.0',
      LV010: '2.0',
      LV011: '2.0',
      LV012: '2.0',
      LV013: '3.0',
      LV014: '4.0',
      LV015: '1.5',
      LV016: '7.4',
    });
    expect(Object.keys(SECURITY_SEVERITY).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const value of Object.values(bySeverity)) {
      expect(value).toMatch(/^\d+\.\d$/);
      expect(Number(value)).toBeGreaterThanOrEqual(0.1);
      expect(Number(value)).toBeLessThanOrEqual(10);
    }
    // Notes rank low, the credential and verification rules high.
    for (const rule of RULES.filter((r) => r.severity === 'note')) {
      expect(Number(bySeverity[rule.id])).toBeLessThan(4);
    }
    expect(Number(bySeverity.SP007)).toBeGreaterThanOrEqual(7);
    expect(Number(bySeverity.SP005)).toBeGreaterThanOrEqual(7);
  });

  it('writes the full descriptor of a rule', () => {
    expect(driver.rules[4]).toEqual({
      id: 'SP005',
      name: 'CertificateVerificationDisabled',
      shortDescription: { text: 'Certificate verification disabled' },
      fullDescription: {
        text: 'The client accepts any certificate, so anyone on the path can impersonate the server and read the credentials.',
      },
      helpUri: 'https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/SP005.md',
      help: {
        text:
          'SP005: Certificate verification disabled\n\n' +
          'The client accepts any certificate, so anyone on the path can impersonate the server and read the credentials.\n\n' +
          'Default severity: error. What it finds, examples and how to fix it: ' +
          'https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/SP005.md',
        markdown:
          '**SP005: Certificate verification disabled**\n\n' +
          'The client accepts any certificate, so anyone on the path can impersonate the server and read the credentials.\n\n' +
          'Default severity: **error**. [What it finds, examples and how to fix it]' +
          '(https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/SP005.md).',
      },
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'smtp', 'tls', 'external/cwe/cwe-295'],
        'security-severity': '8.1',
      },
    });
  });
});

describe('renderSarif: results of the hand-made fixture', () => {
  const log = renderSarif(makeReport());
  const runObj = log.runs[0];

  it('sorts results by file and line, with rule index, level, message and region', () => {
    expect(brief(runObj.results)).toEqual([
      '.env:2:11 error SP001',
      'config/mailer.js:4 note SP012',
      'config/mailer.js:5 warning SP003',
    ]);
    expect(runObj.results[0]).toEqual({
      ruleId: 'SP001',
      ruleIndex: 0,
      level: 'error',
      message: {
        text: `${sp001.message} Fix: ${sp001.fix}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: '.env', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 11 },
          },
        },
      ],
    });
    expect(runObj.results[1].locations[0].physicalLocation.region).toEqual({
      startLine: 4,
      endLine: 6,
    });
    expect(runObj.results[1].message.text).toBe(`${sp012.message} Fix: ${sp012.fix}`);
    for (const r of runObj.results) {
      expect(runObj.tool.driver.rules[r.ruleIndex as number].id).toBe(r.ruleId);
      // The fixture's findings carry no fingerprint, no related location, no baseline.
      expect(r).not.toHaveProperty('partialFingerprints');
      expect(r).not.toHaveProperty('relatedLocations');
      expect(r).not.toHaveProperty('baselineState');
      expect(r).not.toHaveProperty('suppressions');
    }
  });

  it('declares %SRCROOT%, the diagnostics and the counts', () => {
    expect(runObj.originalUriBaseIds).toEqual({
      '%SRCROOT%': {
        uri: 'file:///repo/',
        description: { text: 'The scanned directory; results are relative to it.' },
      },
    });
    expect(runObj.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            message: { text: 'skipped: larger than 1048576 bytes' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'big/dump.sql', uriBaseId: '%SRCROOT%' },
                },
              },
            ],
          },
        ],
      },
    ]);
    expect(runObj.columnKind).toBe('utf16CodeUnits');
    expect(runObj.properties).toEqual({
      errors: 1,
      warnings: 1,
      notes: 1,
      findings: 3,
      suppressed: 0,
      endpoints: 2,
      filesRead: 11,
    });
  });

  it('adds related locations with ids and a message', () => {
    const log2 = renderSarif(makeReport({ findings: [sp005WithRelated] }));
    expectValidSarif(log2);
    const [result] = log2.runs[0].results;
    expect(result.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: 'f00d' });
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'conf/grafana.ini', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6 },
        },
        message: { text: 'This setting also turns certificate verification off.' },
      },
      {
        id: 2,
        physicalLocation: {
          artifactLocation: { uri: 'conf/grafana.ini', uriBaseId: '%SRCROOT%' },
          region: { startLine: 9, startColumn: 3 },
        },
        message: { text: 'This setting also turns certificate verification off.' },
      },
    ]);
  });

  it('prefixes paths with filePrefix and points %SRCROOT% at the repository root', () => {
    const log2 = renderSarif(makeReport({ root: '/work/repo/services/api' }), {
      filePrefix: 'services/api/',
    });
    expectValidSarif(log2);
    expect(brief(log2.runs[0].results)[0]).toBe('services/api/.env:2:11 error SP001');
    expect(log2.runs[0].originalUriBaseIds['%SRCROOT%']).toEqual({
      uri: 'file:///work/repo/',
      description: { text: 'The repository root; results are relative to it.' },
    });
    // A prefix that is not the root's tail: no guessed base URI.
    const log3 = renderSarif(makeReport(), { filePrefix: 'elsewhere' });
    expectValidSarif(log3);
    expect(log3.runs[0].originalUriBaseIds['%SRCROOT%']).not.toHaveProperty('uri');
  });

  it('percent-encodes paths that are not valid URI references as written', () => {
    const odd: Finding = { ...sp003, at: { file: 'my app/conf #1/a:b%.env', line: 3 } };
    const log2 = renderSarif(makeReport({ findings: [odd] }));
    expectValidSarif(log2);
    expect(log2.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'my%20app/conf%20%231/a%3Ab%25.env',
    );
  });

  it('renders an empty report and is deterministic as a string', () => {
    const empty = renderSarif(makeReport({ endpoints: [], findings: [], diagnostics: [] }));
    expectValidSarif(empty);
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    expect(empty.runs[0].tool.driver.rules).toHaveLength(32);
    const text = renderSarifString(makeReport());
    expect(text).toBe(renderSarifString(makeReport()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(renderSarif(makeReport()));
  });
});

describe('renderSarif: a real scan of examples/insecure-app', () => {
  it('is valid, exact, and its fingerprints are stable across runs', async () => {
    const first = renderSarif(await run({ root: insecureApp }));
    const second = renderSarif(await run({ root: insecureApp }));
    expectValidSarif(first);
    const results = first.runs[0].results;
    expect(brief(results)).toEqual([
      '.env.example:12:1 error SP010',
      '.env.example:14:1 error SP007',
      '.env.example:14:1 warning SP011',
      '.github/workflows/release-mail.yml:14:11 error SP004',
      '.github/workflows/release-mail.yml:17:11 error SP005',
      'docker-compose.yml:11:9 warning SP003',
      'docker-compose.yml:13:9 note SP011',
      'docker-compose.yml:14:9 error SP005',
      'src/main/resources/application.properties:4:1 error SP002',
      'src/main/resources/application.properties:5:1 error SP001',
    ]);
    for (const r of results) {
      expect(first.runs[0].tool.driver.rules[r.ruleIndex as number].id).toBe(r.ruleId);
      expect(r.message.text).toMatch(/\S\. Fix: \S/);
      expect(r.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(r.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{20}(:\d+)?$/);
    }
    const fingerprints = (log: SarifLog) =>
      log.runs[0].results.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(new Set(fingerprints(first)).size).toBe(results.length);
    expect(fingerprints(second)).toEqual(fingerprints(first));
    // Same scan, same SARIF (the scan's duration is not part of it).
    expect(second).toEqual(first);
    expect(first.runs[0].properties).toMatchObject({
      errors: 7,
      warnings: 2,
      notes: 1,
      findings: 10,
      suppressed: 0,
    });
    expect(first.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toMatch(
      /^file:\/\/\/.*\/examples\/insecure-app\/$/,
    );
  });
});

describe('renderSarif: suppressions and a base comparison', () => {
  const fresh: Finding = { ...sp001, fingerprint: 'aaaa' };
  const old: Finding = { ...sp003, fingerprint: 'bbbb' };
  const suppressed: Finding = {
    ...sp001,
    ruleId: 'SP007',
    message: 'A literal password in `MAIL_PASSWORD`.',
    fix: 'Use a secret.',
    at: { file: '.env', line: 4, column: 1 },
    fingerprint: 'cccc',
  };
  const justified: Finding = {
    ...suppressed,
    at: { file: '.env', line: 9 },
    suppression: { kind: 'inline', justification: ' test only ', at: { file: '.env', line: 8 } },
  };
  const fixed: Finding = {
    ...sp003,
    ruleId: 'SP005',
    message: 'Verification was off.',
    fix: 'Remove it.',
    at: { file: 'old/grafana.ini', line: 7, column: 1 },
    fingerprint: 'dddd',
  };
  const report: Report = makeReport({
    findings: [old, fresh],
    suppressed: [justified, suppressed],
    comparison: { baseSha: 'b'.repeat(40), newFingerprints: ['aaaa'], fixed: [fixed] },
  });

  it('marks new, unchanged and absent results and in-source suppressions', () => {
    const log = renderSarif(report);
    expectValidSarif(log);
    const results = log.runs[0].results;
    expect(
      results.map((r) => [
        brief([r])[0],
        r.baselineState ?? '-',
        r.partialFingerprints?.[FINGERPRINT_KEY],
        r.suppressions ?? '-',
      ]),
    ).toEqual([
      ['.env:2:11 error SP001', 'new', 'aaaa', '-'],
      ['config/mailer.js:5 warning SP003', 'unchanged', 'bbbb', '-'],
      ['.env:4:1 error SP007', '-', 'cccc', [{ kind: 'inSource' }]],
      ['.env:9 error SP007', '-', 'cccc', [{ kind: 'inSource', justification: 'test only' }]],
      ['old/grafana.ini:7:1 warning SP005', 'absent', 'dddd', '-'],
    ]);
    expect(results[4].message.text).toBe('Verification was off. Fix: Remove it.');
    expect(log.runs[0].properties).toEqual({
      errors: 1,
      warnings: 1,
      notes: 0,
      findings: 2,
      suppressed: 2,
      endpoints: 2,
      filesRead: 11,
      baseSha: 'b'.repeat(40),
      new: 1,
      fixed: 1,
    });
  });

  it('leaves the fixed findings out with includeFixed: false', () => {
    const log = renderSarif(report, { includeFixed: false });
    expectValidSarif(log);
    expect(log.runs[0].results.map((r) => r.baselineState ?? '-')).toEqual([
      'new',
      'unchanged',
      '-',
      '-',
    ]);
    expect(log.runs[0].properties.fixed).toBe(1);
  });
});
