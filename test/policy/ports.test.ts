/**
 * SP009 (non-standard port) and SP010 (provider does not offer this port/TLS mode):
 * DESIGN.md §3 ("SP010 vs SP002/SP004") and FACTS.md Providers.
 */
import { describe, expect, it } from 'vitest';
import { endpoint, judge, KNOBS, LINE, none, one, ruleIds, setting } from './factory.js';

describe('SP009: non-standard port', () => {
  it('is a note on the port line naming the port', () => {
    const f = judge(endpoint({ port: 2526 }));
    expect(ruleIds(f)).toEqual(['SP009']);
    const sp = one(f, 'SP009');
    expect(sp.severity).toBe('note');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.port });
    expect(sp.message).toContain('2526');
    expect(sp.message).toContain('smtp.example.com');
  });

  it('quotes the product knob for the port in the fix', () => {
    // model.ts ProductKnobs: "How to change a product's settings: the texts that findings' fixes quote".
    const sp = one(judge(endpoint({ port: 2526 })), 'SP009');
    expect(sp.fix).toContain(KNOBS.port);
  });

  it('2525 is a note with the "fallback" wording', () => {
    const f = judge(endpoint({ port: 2525 }));
    expect(ruleIds(f)).toEqual(['SP009']);
    const sp = one(f, 'SP009');
    expect(sp.severity).toBe('note');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('2525');
    expect(sp.message).toMatch(/fallback/i);
  });

  it.each([25, 465, 587])('port %i is standard', (port) => {
    none(
      judge(endpoint({ port, security: port === 465 ? 'implicit-tls' : 'starttls-required' })),
      'SP009',
    );
  });

  it.each(['localhost', '127.0.0.1', 'mailpit', 'mailhog', 'smtp4dev', 'maildev'])(
    'catcher ports 1025/1026/8025 on the local host %s are fine',
    (host) => {
      for (const port of [1025, 1026, 8025])
        expect(judge(endpoint({ host, port, security: 'plain' }))).toEqual([]);
    },
  );

  it('a catcher port on a remote host is still non-standard', () => {
    const sp = one(judge(endpoint({ port: 1025 })), 'SP009');
    expect(sp.message).toContain('1025');
  });

  it('a non-catcher, non-standard port on a local host is still a note', () => {
    expect(ruleIds(judge(endpoint({ host: 'localhost', port: 2526 })))).toEqual(['SP009']);
  });

  it('does not fire for a derived (library default) port', () => {
    const port = setting(2525, LINE.anchor, 'derived', { raw: 'Laravel default 2525' });
    none(judge(endpoint({ port })), 'SP009');
  });

  it('fires on the port line for the default of an env expression', () => {
    const port = setting(2587, LINE.port, 'default', {
      raw: '${SMTP_PORT:-2587}',
      key: 'SMTP_PORT',
    });
    const sp = one(judge(endpoint({ port })), 'SP009');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('2587');
  });
});

describe('SP010: provider does not offer this port/TLS combination', () => {
  it('Microsoft 365 on 465 with implicit TLS', () => {
    const f = judge(endpoint({ host: 'smtp.office365.com', port: 465, security: 'implicit-tls' }));
    expect(ruleIds(f)).toEqual(['SP010', 'SP011']);
    const sp = one(f, 'SP010');
    expect(sp.severity).toBe('error');
    expect(sp.at).toEqual({ file: 'config/mail.yml', line: LINE.port });
    expect(sp.message).toContain('Microsoft 365');
    expect(sp.message).toContain('465');
    expect(sp.fix).toContain('587');
    expect(sp.fix).toContain(KNOBS.requireStartTls!);
  });

  it('Gmail on 2525 with STARTTLS', () => {
    const f = judge(
      endpoint({ host: 'smtp.gmail.com', port: 2525, security: 'starttls-required' }),
    );
    expect(ruleIds(f)).toEqual(['SP009', 'SP010', 'SP011']);
    const sp = one(f, 'SP010');
    expect(sp.severity).toBe('error');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('Gmail');
    expect(sp.message).toContain('2525');
    expect(sp.fix).toContain('587');
  });

  it('quotes the product knob for the port in the fix when the port must change', () => {
    // model.ts ProductKnobs: "the texts that findings' fixes quote"; `port`: "How to set the port".
    const sp = one(judge(endpoint({ host: 'smtp.gmail.com', port: 2525 })), 'SP010');
    expect(sp.fix).toContain(KNOBS.port);
  });

  it('Postmark on 465 (implicit TLS)', () => {
    const f = judge(
      endpoint({ host: 'smtp.postmarkapp.com', port: 465, security: 'implicit-tls' }),
    );
    expect(ruleIds(f)).toEqual(['SP010']);
    const sp = one(f, 'SP010');
    expect(sp.severity).toBe('error');
    expect(sp.at.line).toBe(LINE.port);
    expect(sp.message).toContain('Postmark');
    expect(sp.message).toContain('465');
  });

  it('Gmail on 25 with STARTTLS (valid in general, not offered by Gmail) also gets SP001', () => {
    const f = judge(endpoint({ host: 'smtp.gmail.com', port: 25 }));
    expect(ruleIds(f)).toEqual(['SP001', 'SP010', 'SP011']);
  });

  it('anchors on the host line when the port is derived', () => {
    const port = setting(465, LINE.anchor, 'derived', { raw: 'nodemailer default for secure' });
    const sp = one(
      judge(endpoint({ host: 'smtp.postmarkapp.com', port, security: 'implicit-tls' })),
      'SP010',
    );
    expect(sp.at.line).toBe(LINE.host);
  });

  it('is not raised where SP004 fires (a combination wrong everywhere)', () => {
    expect(
      ruleIds(
        judge(endpoint({ host: 'smtp.postmarkapp.com', port: 465, security: 'starttls-required' })),
      ),
    ).toEqual(['SP004']);
    expect(
      ruleIds(judge(endpoint({ host: 'smtp.office365.com', port: 587, security: 'implicit-tls' }))),
    ).toEqual(['SP004', 'SP011']);
    expect(
      ruleIds(judge(endpoint({ host: 'smtp.gmail.com', port: 2525, security: 'implicit-tls' }))),
    ).toEqual(['SP004', 'SP009', 'SP011']);
  });

  it('is not raised for plain (that is SP002)', () => {
    const f = judge(endpoint({ host: 'smtp.gmail.com', port: 2525, security: 'plain' }));
    expect(ruleIds(f)).toEqual(['SP002', 'SP009', 'SP011']);
  });

  it('is not raised for combinations the provider offers', () => {
    expect(
      judge(endpoint({ host: 'smtp.postmarkapp.com', port: 2525 })).map((x) => x.ruleId),
    ).toEqual(['SP009']);
    expect(
      judge(endpoint({ host: 'smtp.sendgrid.net', port: 465, security: 'implicit-tls' })),
    ).toEqual([]);
    expect(judge(endpoint({ host: 'smtp.office365.com', port: 587 })).map((x) => x.ruleId)).toEqual(
      ['SP011'],
    );
    expect(
      ruleIds(judge(endpoint({ host: 'email-smtp.us-east-1.amazonaws.com', port: 2587 }))),
    ).toEqual(['SP009']);
    expect(
      ruleIds(
        judge(
          endpoint({
            host: 'email-smtp.us-east-1.amazonaws.com',
            port: 2465,
            security: 'implicit-tls',
          }),
        ),
      ),
    ).toEqual(['SP009']);
    expect(
      judge(
        endpoint({
          host: 'smtp.gmail.com',
          port: 465,
          security: 'implicit-tls',
          authMethod: 'XOAUTH2',
        }),
      ),
    ).toEqual([]);
  });

  it('is not raised for an unknown host', () => {
    none(judge(endpoint({ port: 465, security: 'implicit-tls', provider: undefined })), 'SP010');
  });
});

describe('SP009 on ports of other mail protocols', () => {
  it('says that 993 is IMAPS, not SMTP', () => {
    const ep = endpoint({
      host: 'outlook.office365.com',
      port: 993,
      security: 'starttls-opportunistic',
    });
    const f = judge(ep).find((x) => x.ruleId === 'SP009');
    expect(f?.message).toContain('port 993, which is IMAPS (IMAP over TLS), not SMTP');
  });
});
