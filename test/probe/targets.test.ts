import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { selectTargets } from '../../src/probe/targets.js';

const endpoints = [
  ...extract('.env', 'MAIL_HOST=smtp.example.com\nMAIL_PORT=25\nMAIL_ENCRYPTION=tls\n').endpoints,
  ...extract('app/.env', 'SMTP_HOST=${SMTP_HOST}\nSMTP_PORT=587\n').endpoints,
  ...extract('dev/.env', 'MAIL_HOST=mailpit\nMAIL_PORT=1025\n').endpoints,
  ...extract('loop/.env', 'MAIL_HOST=127.0.0.1\nMAIL_PORT=10025\n').endpoints,
];

describe('selectTargets', () => {
  it('probes literal endpoints and says why the others are left out', () => {
    const s = selectTargets(endpoints, { select: 'all' });
    expect(s.targets.map((t) => `${t.host}:${t.port}`)).toEqual(['smtp.example.com:25']);
    expect(s.targets[0]).toMatchObject({ source: 'scan', id: '.env:1', port25Configured: true });
    expect(s.left.join('\n')).toMatch(/app\/\.env.*not written in the repository/);
    expect(s.left.join('\n')).toMatch(/mailpit is a local host/);
    expect(s.left.join('\n')).toMatch(/127\.0\.0\.1 is a local host.*allow-hosts/);
  });

  it('probes a local host listed in live.allow-hosts', () => {
    const s = selectTargets(endpoints, { select: 'all' }, [], ['127.0.0.1']);
    expect(s.targets.map((t) => `${t.host}:${t.port}`)).toContain('127.0.0.1:10025');
  });

  it('puts the input target first and reports unknown ids', () => {
    const s = selectTargets(endpoints, {
      input: { host: 'smtp.example.org', port: 465, security: 'implicit-tls' },
      select: ['.env:1', 'nope.yml:3'],
    });
    expect(s.targets.map((t) => t.id)).toEqual(['input', '.env:1']);
    expect(s.targets[0].source).toBe('input');
    expect(s.targets[0].port25Configured).toBeUndefined();
    expect(s.unknownIds).toEqual(['nope.yml:3']);
  });
});
