import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { emptyReport, makeReport } from './fixture.js';

describe('renderJson', () => {
  it('is the report, pretty-printed with two spaces', () => {
    const report = makeReport();
    expect(renderJson(report)).toBe(JSON.stringify(report, null, 2));
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('renders an empty report', () => {
    expect(renderJson(emptyReport())).toBe(
      [
        '{',
        '  "tool": {',
        '    "name": "smtp-preflight",',
        '    "version": "9.9.9"',
        '  },',
        '  "root": "/repo",',
        '  "endpoints": [],',
        '  "findings": [],',
        '  "suppressed": [],',
        '  "probes": [],',
        '  "diagnostics": [],',
        '  "stats": {',
        '    "filesListed": 12,',
        '    "filesRead": 11,',
        '    "filesSkipped": 1,',
        '    "durationMs": 5',
        '  }',
        '}',
      ].join('\n'),
    );
  });
});
