/** Regressions from real public files the readers had not seen. */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { evaluate } from '../../src/policy/evaluate.js';

const judge = (file: string, lines: string[]) => {
  const x = extract(file, lines.join('\n'));
  return {
    x,
    f: evaluate(x.endpoints, x.looseSecrets).map((g) => `${g.ruleId}@${g.at.line} ${g.severity}`),
  };
};

describe('real-world regressions', () => {
  it('reads a nodemailer options object named only by its file (mail-credentials.js)', () => {
    const { x, f } = judge('util/mail-credentials.js', [
      'exports.credentials = {', // 1
      '  host: process.env.MAIL_HOST,', // 2
      '  port: 587,', // 3
      '  secure: false,', // 4
      '  auth: { user: process.env.MAIL_USER, pass: process.env.MAIL_PASS },', // 5
      "  tls: { rejectUnauthorized: false, ciphers: 'SSLv3' },", // 6
      '};', // 7
    ]);
    expect(x.endpoints).toHaveLength(1);
    expect(f).toEqual(['SP012@2 note', 'SP003@4 warning', 'SP005@6 error', 'SP006@6 warning']);
  });

  it('secureConnection: false is not reported as ignored (it changes nothing)', () => {
    const { f } = judge('mailer.js', [
      "const nodemailer = require('nodemailer');", // 1
      'nodemailer.createTransport({', // 2
      "  host: 'smtp.example.com',", // 3
      '  port: 465,', // 4
      '  secureConnection: false,', // 5
      "  auth: { user: 'u', pass: process.env.P },", // 6
      '});', // 7
    ]);
    expect(f).toEqual([]);
  });

  it('a later delivery_method :letter_opener makes the smtp_settings inert', () => {
    const { x, f } = judge('config/environments/preview.rb', [
      'Rails.application.configure do', // 1
      '  config.action_mailer.delivery_method = :smtp', // 2
      '  config.action_mailer.smtp_settings = {', // 3
      "    address: 'smtp.example.com',", // 4
      '    port: 587,', // 5
      "    user_name: ENV['SMTP_USER'],", // 6
      "    password: ENV['SMTP_PASSWORD'],", // 7
      "    openssl_verify_mode: 'none'", // 8
      '  }', // 9
      '  config.action_mailer.delivery_method = :letter_opener', // 10
      'end', // 11
    ]);
    expect(x.endpoints[0].active).toBe(false);
    expect(f).toEqual(['SP003@4 note', 'SP005@8 note']);
  });
});
