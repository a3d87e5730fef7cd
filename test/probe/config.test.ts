import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/options.js';
import { parseProbeConfig, type ValueSource } from '../../src/probe/config.js';
import { probeConfigFromArgs } from '../../src/cli-probe.js';

function source(values: Record<string, string>): ValueSource {
  return { get: (n) => values[n] ?? '', describe: (n) => `input '${n}'` };
}

describe('parseProbeConfig', () => {
  it('is off without smtp-host and probe', () => {
    expect(parseProbeConfig(source({}))).toBeUndefined();
  });

  it('refuses probe settings when nothing is probed', () => {
    expect(() => parseProbeConfig(source({ 'smtp-port': '465' }))).toThrow(
      /input 'smtp-port' is set but nothing is probed/,
    );
  });

  it('defaults port 587 with required STARTTLS, and implicit TLS on 465', () => {
    expect(parseProbeConfig(source({ 'smtp-host': 'smtp.example.com' }))?.input).toEqual({
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls-required',
    });
    expect(
      parseProbeConfig(source({ 'smtp-host': 'smtp.example.com', 'smtp-port': '465' }))?.input
        ?.security,
    ).toBe('implicit-tls');
    expect(
      parseProbeConfig(
        source({ 'smtp-host': 'h.example', 'smtp-port': '25', 'smtp-security': 'plain' }),
      )?.input?.security,
    ).toBe('plain');
  });

  it('reads timeouts in seconds and validates them', () => {
    const c = parseProbeConfig(
      source({ 'smtp-host': 'h.example', 'connect-timeout': '2', 'greeting-timeout': '0.5' }),
    );
    expect(c?.timeouts.connectMs).toBe(2000);
    expect(c?.timeouts.greetingMs).toBe(500);
    expect(c?.timeouts.commandMs).toBe(10000);
    expect(() =>
      parseProbeConfig(source({ 'smtp-host': 'h.example', 'tls-timeout': 'soon' })),
    ).toThrow(/invalid input 'tls-timeout' value 'soon'/);
  });

  it('rejects bad hosts, ports and modes with the input named', () => {
    expect(() => parseProbeConfig(source({ 'smtp-host': 'smtp://h.example' }))).toThrow(UsageError);
    expect(() =>
      parseProbeConfig(source({ 'smtp-host': 'h.example', 'smtp-port': '70000' })),
    ).toThrow(/input 'smtp-port'/);
    expect(() =>
      parseProbeConfig(source({ 'smtp-host': 'h.example', 'smtp-security': 'maybe' })),
    ).toThrow(/input 'smtp-security'/);
  });

  it('needs a user name with a password, and a password with a user name', () => {
    expect(() =>
      parseProbeConfig(source({ 'smtp-host': 'h.example', 'smtp-password': 'x' })),
    ).toThrow(/smtp-username' is required/);
    expect(() =>
      parseProbeConfig(source({ 'smtp-host': 'h.example', 'smtp-username': 'u' })),
    ).toThrow(/without/);
    const c = parseProbeConfig(
      source({ 'smtp-host': 'h.example', 'smtp-username': 'u@h.example', 'smtp-password': 'p w' }),
    );
    expect(c?.credentials).toEqual({ username: 'u@h.example', password: 'p w' });
  });

  it('a Mail Tester user name implies a test send, from the user name by default', () => {
    const c = parseProbeConfig(
      source({
        'smtp-host': 'h.example',
        'smtp-username': 'app@h.example',
        'smtp-password': 'pw',
        'mail-tester-username': 'acme',
        'mail-tester-url': 'http://127.0.0.1:9/',
        'mail-tester-timeout': '3',
      }),
    );
    expect(c?.send).toEqual({ from: 'app@h.example' });
    expect(c?.mailTester).toEqual({ username: 'acme', url: 'http://127.0.0.1:9', timeoutMs: 3000 });
    expect(c?.minDeliverabilityScore).toBe(8);
  });

  it('send-test needs a recipient', () => {
    expect(() =>
      parseProbeConfig(
        source({ 'smtp-host': 'h.example', 'send-test': 'true', 'mail-from': 'a@h.example' }),
      ),
    ).toThrow(/mail-to/);
  });

  it('probe: all or a list of ids', () => {
    expect(parseProbeConfig(source({ probe: 'all' }))?.select).toBe('all');
    expect(parseProbeConfig(source({ probe: '.env:3, config/mail.yml:7' }))?.select).toEqual([
      '.env:3',
      'config/mail.yml:7',
    ]);
  });
});

describe('probeConfigFromArgs (CLI)', () => {
  it('takes secrets only from the environment', () => {
    expect(() =>
      probeConfigFromArgs({ 'smtp-host': 'h.example', 'smtp-password': 'x' }, {}),
    ).toThrow(/SMTP_PREFLIGHT_PASSWORD/);
    const c = probeConfigFromArgs(
      { 'smtp-host': 'h.example', 'smtp-username': 'u', 'allow-invalid-cert': true },
      { SMTP_PREFLIGHT_PASSWORD: 'from-env' },
    );
    expect(c?.credentials).toEqual({ username: 'u', password: 'from-env' });
    expect(c?.allowInvalidCert).toBe(true);
  });
});
