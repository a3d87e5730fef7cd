/**
 * SP001 (port 25), SP002 (no TLS), SP003 (opportunistic STARTTLS), SP004 (port/TLS mismatch):
 * DESIGN.md §3, the table and the judging conventions (anchors, local hosts, SP003 wording).
 */
import { describe, expect, it } from 'vitest';
import {
  anonymous,
  endpoint,
  envSetting,
  judge,
  KNOBS,
  KNOBS_NO_REQUIRE,
  LINE,
  none,
  one,
  ruleIds,
  setting,
} from './factory.js';

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1', 'mailpit', 'mailhog', 'smtp4dev', 'maildev'];

describe('baseline', () => {
  it('a remote host on 587 with required STARTTLS and credentials from the environment is clean', () => {
    expect(judge(endpoint())).toEqual([]);
  });
  it('a remote host on 465 with implicit TLS and credentials from the environment is clean', () => {
    expect(judge(endpoint({ port: 465, security: 'implicit-tls' }))).toEqual([]);
  });
});

describe('SP001: port 25 for an application', () => {
  it('is an error when it authenticates to a remote host, anchored on the port line', () => {
    const f = judge(endpoint({ port: 25 }));
    expect(ruleIds(f)).toEqual(['SP001']);
    const sp = one(f, 'SP001');
    expect(sp.severity).toBe('error');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.port });
    expect(sp.message).toContain('25');
    expect(sp.message).toContain('smtp.example.com');
    expect(sp.fix).toContain(KNOBS.port);
    expect(sp.endpointId).toBe('config/mail.yml:10');
  });

  it('is a warning when it does not authenticate (smarthost relay)', () => {
    const f = judge(anonymous({ port: 25 }));
    expect(ruleIds(f)).toEqual(['SP001']);
    const sp = one(f, 'SP001');
    expect(sp.severity).toBe('warning');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('25');
    expect(sp.message).toContain('smtp.example.com');
    expect(sp.fix).toContain(KNOBS.port);
  });

  it('counts intended auth (user only, password from a secret) as authenticating', () => {
    const f = judge(endpoint({ port: 25, password: null, user: 'relay-user' }));
    expect(one(f, 'SP001').severity).toBe('error');
  });

  it.each(LOCAL_HOSTS)('does not apply to the local host %s', (host) => {
    expect(judge(endpoint({ host, port: 25 }))).toEqual([]);
    expect(judge(anonymous({ host, port: 25 }))).toEqual([]);
  });

  it('does not apply to other loopback addresses or [::1]', () => {
    none(judge(endpoint({ host: '127.0.0.2', port: 25 })), 'SP001');
    none(judge(endpoint({ host: '[::1]', port: 25 })), 'SP001');
  });

  it("does not apply to the policy's local-hosts", () => {
    none(
      judge(endpoint({ host: 'relay.internal', port: 25 }), { localHosts: ['relay.internal'] }),
      'SP001',
    );
    one(judge(endpoint({ host: 'relay.internal', port: 25 })), 'SP001');
  });

  it('anchors on the host line when the port is the library default (derived)', () => {
    const port = setting(25, LINE.anchor, 'derived', { raw: 'Jakarta Mail default' });
    const f = judge(endpoint({ port }));
    expect(ruleIds(f)).toEqual(['SP001']);
    const sp = one(f, 'SP001');
    expect(sp.severity).toBe('error');
    expect(sp.at.line).toBe(LINE.host);
    expect(sp.message).toContain('25');
  });

  it('anchors on the port line when 25 is the default of an env expression', () => {
    const port = setting(25, LINE.port, 'default', { raw: '${SMTP_PORT:-25}', key: 'SMTP_PORT' });
    const sp = one(judge(endpoint({ port })), 'SP001');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.severity).toBe('error');
  });

  it('applies to a remote host supplied by a service preset (effective values)', () => {
    // DESIGN §3 "Effective values": a service preset supplies host/port/security.
    const host = setting('smtp.example.com', LINE.anchor, 'derived', {
      raw: "service 'Example'",
      key: 'service',
    });
    const sp = one(judge(endpoint({ host, port: 25 })), 'SP001');
    expect(sp.severity).toBe('error');
    expect(sp.at.line).toBe(LINE.port);
  });

  it('does not apply when the port is unknown (env without default) or another port', () => {
    none(judge(endpoint({ port: envSetting('SMTP_PORT', LINE.port) })), 'SP001');
    none(judge(endpoint({ port: 587 })), 'SP001');
    none(judge(endpoint({ port: 2525 })), 'SP001');
  });
});

describe('SP002: no TLS at all', () => {
  it('is an error with credentials, anchored on the TLS key', () => {
    const f = judge(endpoint({ security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP002']);
    const sp = one(f, 'SP002');
    expect(sp.severity).toBe('error');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.security });
    expect(sp.message).toContain('smtp.example.com');
    expect(sp.fix).toContain(KNOBS.requireStartTls!);
  });

  it('is a warning without credentials (and SP008 fires for the unauthenticated submission port)', () => {
    const f = judge(anonymous({ security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP002', 'SP008']);
    const sp = one(f, 'SP002');
    expect(sp.severity).toBe('warning');
    expect(sp.at.line).toBe(LINE.security);
  });

  it('on port 25 without auth: SP001 warning and SP002 warning', () => {
    const f = judge(anonymous({ port: 25, security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP001', 'SP002']);
    expect(one(f, 'SP002').severity).toBe('warning');
    expect(one(f, 'SP001').severity).toBe('warning');
  });

  it('recommends implicit TLS when the product cannot require STARTTLS', () => {
    const sp = one(judge(endpoint({ security: 'plain', knobs: KNOBS_NO_REQUIRE })), 'SP002');
    expect(sp.fix).toContain(KNOBS.implicitTls);
  });

  it.each(LOCAL_HOSTS)('does not apply to the local host %s', (host) => {
    expect(judge(endpoint({ host, port: 1025, security: 'plain' }))).toEqual([]);
    none(judge(endpoint({ host, port: 587, security: 'plain' })), 'SP002');
  });

  it('is not duplicated with SP004 for plain on 465', () => {
    const f = judge(endpoint({ port: 465, security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP004']);
  });

  it('does not fire for any TLS mode', () => {
    for (const security of [
      'implicit-tls',
      'starttls-required',
      'starttls-opportunistic',
      'unknown',
    ] as const) {
      none(judge(endpoint({ security, port: security === 'implicit-tls' ? 465 : 587 })), 'SP002');
    }
  });

  it('anchors on the host line when no TLS key exists (derived security)', () => {
    // DESIGN §3 anchors: "for SP002/SP003 the TLS key, or the host line when no TLS key exists".
    const security = setting<'plain'>('plain', LINE.anchor, 'derived', {
      raw: 'framework default',
    });
    const sp = one(judge(endpoint({ security })), 'SP002');
    expect(sp.at.line).toBe(LINE.host);
  });

  it('anchors on the port line when there is neither a TLS key nor a host line', () => {
    // DESIGN §3 anchors: "(the port line when there is no host line either)".
    const security = setting<'plain'>('plain', LINE.anchor, 'derived', {
      raw: 'framework default',
    });
    const sp = one(judge(endpoint({ host: null, security })), 'SP002');
    expect(sp.at.line).toBe(LINE.port);
  });

  it("names the provider's fact when a known provider's host is used without TLS", () => {
    // DESIGN §3 "SP010 vs SP002/SP004": a combination wrong everywhere is SP002/SP004, with the
    // provider's fact in the message.
    const f = judge(endpoint({ host: 'smtp.gmail.com', security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP002', 'SP011']);
    const sp = one(f, 'SP002');
    expect(sp.message).toContain('Gmail');
    none(f, 'SP010');
  });
});

describe('SP003: opportunistic STARTTLS', () => {
  it.each([587, 25, 2525])(
    'is a warning on port %i, anchored on the TLS key, naming the requireStartTls knob',
    (port) => {
      const f = judge(endpoint({ port, security: 'starttls-opportunistic' }));
      const sp = one(f, 'SP003');
      expect(sp.severity).toBe('warning');
      expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.security });
      expect(sp.message).toContain('smtp.example.com');
      expect(sp.message).toContain(String(port));
      expect(sp.fix).toContain(KNOBS.requireStartTls!);
      expect(ruleIds(f)).toEqual(
        port === 25 ? ['SP001', 'SP003'] : port === 2525 ? ['SP003', 'SP009'] : ['SP003'],
      );
    },
  );

  it('says the product cannot require STARTTLS and recommends implicit TLS when requireStartTls is null', () => {
    const sp = one(
      judge(endpoint({ security: 'starttls-opportunistic', knobs: KNOBS_NO_REQUIRE })),
      'SP003',
    );
    expect(sp.fix).toContain(KNOBS.implicitTls);
    expect(sp.fix).not.toContain(KNOBS.requireStartTls!);
    expect(sp.fix).toMatch(/cannot|no setting|not possible|unable/i);
  });

  it('does not fire when STARTTLS is required', () => {
    expect(judge(endpoint({ security: 'starttls-required' }))).toEqual([]);
  });

  it('does not fire on 465 (that is SP004)', () => {
    const f = judge(endpoint({ port: 465, security: 'starttls-opportunistic' }));
    expect(ruleIds(f)).toEqual(['SP004']);
  });

  it('does not fire on other ports', () => {
    const f = judge(endpoint({ port: 1587, security: 'starttls-opportunistic' }));
    expect(ruleIds(f)).toEqual(['SP009']);
  });

  it('does not fire when the port is unknown (absent, or from env without default)', () => {
    expect(judge(endpoint({ port: null, security: 'starttls-opportunistic' }))).toEqual([]);
    const f = judge(
      endpoint({ port: envSetting('SMTP_PORT', LINE.port), security: 'starttls-opportunistic' }),
    );
    expect(ruleIds(f)).toEqual(['SP012']);
  });

  it.each(LOCAL_HOSTS)('does not fire for the local host %s', (host) => {
    expect(judge(endpoint({ host, port: 587, security: 'starttls-opportunistic' }))).toEqual([]);
  });

  it('anchors on the host line when no TLS key exists (a library default)', () => {
    // DESIGN §3 anchors: "for SP002/SP003 the TLS key, or the host line when no TLS key exists".
    const security = setting<'starttls-opportunistic'>(
      'starttls-opportunistic',
      LINE.anchor,
      'derived',
      {
        raw: 'nodemailer default',
      },
    );
    const sp = one(judge(endpoint({ security })), 'SP003');
    expect(sp.at.line).toBe(LINE.host);
  });
});

describe('SP004: port and TLS mode disagree', () => {
  it.each([587, 25, 2525])(
    'implicit TLS on %i is an error on the TLS key naming the port and the implicitTls knob',
    (port) => {
      const f = judge(endpoint({ port, security: 'implicit-tls' }));
      const sp = one(f, 'SP004');
      expect(sp.severity).toBe('error');
      expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.security });
      expect(sp.message).toContain(String(port));
      expect(sp.message).toContain('smtp.example.com');
      expect(sp.fix).toContain(KNOBS.implicitTls);
      expect(ruleIds(f)).toEqual(
        port === 25 ? ['SP001', 'SP004'] : port === 2525 ? ['SP004', 'SP009'] : ['SP004'],
      );
    },
  );

  it.each(['starttls-required', 'starttls-opportunistic', 'plain'] as const)(
    '%s on 465 is an error (and nothing else)',
    (security) => {
      const f = judge(endpoint({ port: 465, security }));
      expect(ruleIds(f)).toEqual(['SP004']);
      const sp = one(f, 'SP004');
      expect(sp.severity).toBe('error');
      expect(sp.at.line).toBe(LINE.security);
      expect(sp.message).toContain('465');
      expect(sp.message).toContain('smtp.example.com');
      expect(sp.fix).toContain(KNOBS.implicitTls);
    },
  );

  it('does not fire for matching combinations', () => {
    none(judge(endpoint({ port: 465, security: 'implicit-tls' })), 'SP004');
    none(judge(endpoint({ port: 587, security: 'starttls-required' })), 'SP004');
    none(judge(endpoint({ port: 25, security: 'starttls-opportunistic' })), 'SP004');
    none(judge(endpoint({ port: 2465, security: 'implicit-tls' })), 'SP004');
    none(judge(endpoint({ port: null, security: 'implicit-tls' })), 'SP004');
  });

  it('applies to local hosts too (only SP001/SP002/SP003/SP008 are exempt)', () => {
    const f = judge(endpoint({ host: 'localhost', port: 465, security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP004']);
  });

  it("names the provider's facts: Microsoft 365 with implicit TLS on 587", () => {
    const f = judge(endpoint({ host: 'smtp.office365.com', security: 'implicit-tls' }));
    expect(ruleIds(f)).toEqual(['SP004', 'SP011']);
    expect(one(f, 'SP004').message).toContain('Microsoft 365');
  });

  it("names the provider's facts: Gmail with STARTTLS on 465", () => {
    // DESIGN §3 "SP010 vs SP002/SP004": wrong everywhere is SP004, with the provider's fact in the message.
    const f = judge(endpoint({ host: 'smtp.gmail.com', port: 465, security: 'starttls-required' }));
    expect(ruleIds(f)).toEqual(['SP004', 'SP011']);
    expect(one(f, 'SP004').message).toContain('Gmail');
  });
});
