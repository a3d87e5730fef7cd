/**
 * The Ruby reader (SEMANTICS.md §6): ActionMailer smtp_settings in both hash syntaxes, the value
 * convention (ENV reads, defaults, credentials, symbols, constants), the mail gem's security
 * reading with Ruby truthiness, delivery_method, Pony, the mail gem's delivery_method call,
 * GitLab Omnibus gitlab.rb and GITLAB_OMNIBUS_CONFIG in docker-compose — endpoints and findings
 * asserted exactly.
 */
import { describe, expect, it } from 'vitest';
import { readRuby } from '../../src/extract/code/ruby.js';
import { RubyReader } from '../../src/extract/code/ruby-expr.js';
import { tokenize } from '../../src/extract/code/ruby-tokens.js';
import type { Extraction } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { expectHidden, only, run, summary } from '../extract/helpers.js';

/** `rule@line severity` for every finding of an extraction. */
function findings(x: Extraction): string[] {
  return evaluate(x.endpoints, x.looseSecrets).map((f) => `${f.ruleId}@${f.at.line} ${f.severity}`);
}

describe('ActionMailer smtp_settings', () => {
  it('production.rb: label syntax, ENV.fetch defaults, credentials, symbols, VERIFY_NONE', () => {
    const x = run('config/environments/production.rb', [
      'Rails.application.configure do', // 1
      '  config.cache_classes = true', // 2
      '  config.action_mailer.delivery_method = :smtp', // 3
      '  if Rails.env.production?', // 4
      '    config.action_mailer.smtp_settings = {', // 5
      "      address: ENV.fetch('SMTP_HOST', 'smtp.example.net'),", // 6
      "      port: ENV.fetch('SMTP_PORT', 587).to_i,", // 7
      '      user_name: Rails.application.credentials.dig(:smtp, :user_name),', // 8
      '      password: Rails.application.credentials.dig(:smtp, :password),', // 9
      '      authentication: :login,', // 10
      '      enable_starttls: true,', // 11
      '      openssl_verify_mode: OpenSSL::SSL::VERIFY_NONE', // 12
      '    }', // 13
      '  end', // 14
      'end', // 15
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'rails',
      line: 6,
      active: true,
      host: { value: 'smtp.example.net', origin: 'default', line: 6 },
      port: { value: 587, origin: 'default', line: 7 },
      security: { value: 'starttls-required', line: 11 },
      tlsVerify: { value: false, line: 12 },
      password: { origin: 'secret', line: 9 },
    });
    expect(ep.product).toBe('Rails ActionMailer (smtp_settings)');
    expect(ep.host?.at.column).toBe(7);
    expect(ep.user?.origin).toBe('secret');
    expect(ep.password?.raw).toBe('Rails.application.credentials.dig(:smtp, :password)');
    expect(ep.authMethod?.value).toBe('login');
    expect(ep.knobs.requireStartTls).toMatch(/enable_starttls: true/);
    expect(findings(x)).toEqual(['SP005@12 error']);
  });

  it('hash rockets with symbol and string keys, ENV[] reads: opportunistic STARTTLS is SP003', () => {
    const x = run('config/initializers/smtp.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  :address => 'smtp.office365.com',", // 2
      "  'port' => 587,", // 3
      '  :user_name => ENV["SMTP_USER"],', // 4
      "  :password => ENV['SMTP_PASSWORD'],", // 5
      '  :authentication => :login,', // 6
      '  :enable_starttls_auto => true', // 7
      '}', // 8
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'rails',
      line: 2,
      active: true,
      host: { value: 'smtp.office365.com', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-opportunistic', line: 7 },
      password: { origin: 'env', line: 5 },
    });
    expect(ep.password?.raw).toBe('${SMTP_PASSWORD}');
    expect(ep.user?.raw).toBe('${SMTP_USER}');
    expect(findings(x)).toEqual(['SP011@5 warning', 'SP003@7 warning']);
  });

  it('ENV[] || default, Integer(ENV[] || n) and a literal password', () => {
    const secret = 'q8Rt#2mVx!9LpZ';
    const x = run('config/initializers/mail.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  address: ENV['SMTP_HOST'] || 'mail.example.org',", // 2
      "  port: Integer(ENV['SMTP_PORT'] || 2525),", // 3
      "  user_name: 'app@example.org',", // 4
      `  password: '${secret}',`, // 5
      '}', // 6
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'rails',
      line: 2,
      active: true,
      host: { value: 'mail.example.org', origin: 'default', line: 2 },
      port: { value: 2525, origin: 'default', line: 3 },
      security: { value: 'starttls-opportunistic', line: 2 },
      password: { origin: 'literal', line: 5 },
    });
    expectHidden(x, secret);
    expect(findings(x)).toEqual(['SP003@2 warning', 'SP009@3 note', 'SP007@5 error']);
  });

  it('enable_starttls_auto: false on 587 is plain (SP002), even with a port string', () => {
    const x = run('config/environments/staging.rb', [
      'Rails.application.configure do', // 1
      '  config.action_mailer.smtp_settings = {', // 2
      "    address: 'smtp.example.com',", // 3
      "    port: '587',", // 4
      "    user_name: ENV['SMTP_USER'],", // 5
      "    password: ENV['SMTP_PASSWORD'],", // 6
      '    enable_starttls_auto: false', // 7
      '  }', // 8
      'end', // 9
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'plain', line: 7 });
    expect(only(x).port?.value).toBe(587);
    expect(findings(x)).toEqual(['SP002@7 error']);
  });

  it('tls: true on 587 is implicit TLS on a STARTTLS port (SP004)', () => {
    const x = run('config/initializers/mailer.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  address: 'smtp.example.com',", // 2
      '  port: 587,', // 3
      "  user_name: ENV['SMTP_USER'],", // 4
      "  password: ENV['SMTP_PASSWORD'],", // 5
      '  tls: true', // 6
      '}', // 7
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'implicit-tls', line: 6 });
    expect(findings(x)).toEqual(['SP004@6 error']);
  });

  it('465 without tls/ssl speaks plaintext to an implicit-TLS port (SP004 on the host line)', () => {
    const x = run('config/initializers/mailer.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  address: 'smtp.example.com',", // 2
      '  port: 465,', // 3
      "  user_name: ENV['SMTP_USER'],", // 4
      "  password: ENV['SMTP_PASSWORD']", // 5
      '}', // 6
    ]);
    const ep = only(x);
    expect(ep.security).toMatchObject({ value: 'starttls-opportunistic', origin: 'derived' });
    expect(findings(x)).toEqual(['SP004@2 error']);
  });

  it('tls: true with port 465 is right; adding enable_starttls: true is SP013', () => {
    const x = run('config/initializers/mailer.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  address: 'smtp.example.com',", // 2
      '  port: 465,', // 3
      "  user_name: ENV['SMTP_USER'],", // 4
      "  password: ENV['SMTP_PASSWORD'],", // 5
      '  tls: true,', // 6
      '  enable_starttls: true', // 7
      '}', // 8
    ]);
    const ep = only(x);
    expect(summary(ep).security).toEqual({ value: 'implicit-tls', line: 6 });
    expect(ep.conflicts).toHaveLength(1);
    expect(ep.conflicts[0].related).toEqual([{ file: 'config/initializers/mailer.rb', line: 6 }]);
    expect(findings(x)).toEqual(['SP013@7 error']);
  });

  it('delivery_method = :test makes the smtp_settings inactive (findings capped at note)', () => {
    const x = run('config/environments/test.rb', [
      'Rails.application.configure do', // 1
      '  config.action_mailer.delivery_method = :test', // 2
      '  config.action_mailer.smtp_settings = {', // 3
      "    address: 'smtp.example.com',", // 4
      '    port: 25,', // 5
      "    user_name: 'ci',", // 6
      "    password: ENV['SMTP_PASSWORD']", // 7
      '  }', // 8
      'end', // 9
    ]);
    const ep = only(x);
    expect(ep.active).toBe(false);
    expect(ep.inactiveReason).toBe('delivery_method is :test');
    expect(findings(x)).toEqual(['SP003@4 note', 'SP001@5 note']);
  });

  it('delivery_method from ENV.fetch with an :smtp default stays active', () => {
    const x = run('config/environments/production.rb', [
      "config.action_mailer.delivery_method = ENV.fetch('MAILER', 'smtp').to_sym", // 1
      "config.action_mailer.smtp_settings = { address: 'localhost', port: 1025 }", // 2
    ]);
    expect(only(x).active).toBe(true);
    expect(findings(x)).toEqual([]);
  });

  it('the !!ENV trap: "false" is a truthy String (SP014); ENV == "true" is false while unset', () => {
    const x = run('config/initializers/smtp.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  address: ENV.fetch('SMTP_HOST', 'smtp.example.com'),", // 2
      '  port: 587,', // 3
      "  user_name: ENV['SMTP_USER'],", // 4
      "  password: ENV['SMTP_PASSWORD'],", // 5
      "  enable_starttls_auto: !!ENV['SMTP_STARTTLS'],", // 6
      "  tls: ENV['SMTP_TLS'] == 'true'", // 7
      '}', // 8
    ]);
    const ep = only(x);
    // tls is false while SMTP_TLS is unset (nil == 'true' is false), so enable_starttls_auto
    // decides, and that is a raw env String: unknown.
    expect(ep.security).toMatchObject({
      value: 'unknown',
      origin: 'env',
      key: 'enable_starttls_auto',
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([6]);
    expect(ep.ignored[0].message).toMatch(
      /SMTP_STARTTLS=false still keeps opportunistic STARTTLS on/,
    );
    expect(findings(x)).toEqual(['SP012@6 note', 'SP014@6 warning']);
  });

  it("a quoted 'false' is a String, so tls stays on (SP014), and ssl is tls's synonym", () => {
    const x = run('mailer.rb', [
      'ActionMailer::Base.smtp_settings = {', // 1
      "  address: 'smtp.example.com', port: 465,", // 2
      "  user_name: 'u', password: ENV['P'],", // 3
      "  ssl: 'false'", // 4
      '}', // 5
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'implicit-tls', line: 4 });
    expect(findings(x)).toEqual(['SP014@4 warning']);
  });

  it('smtp_settings.merge!, index assignment, and a hash held in a local variable', () => {
    const x = run('config/initializers/mail.rb', [
      'settings = {', // 1
      "  address: 'smtp.example.com',", // 2
      '  port: 587', // 3
      '}', // 4
      'ActionMailer::Base.smtp_settings = settings', // 5
      'ActionMailer::Base.smtp_settings.merge!(', // 6
      "  user_name: ENV['SMTP_USER'],", // 7
      "  password: ENV['SMTP_PASSWORD']", // 8
      ')', // 9
      'ActionMailer::Base.smtp_settings[:enable_starttls] = true', // 10
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'rails',
      line: 2,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-required', line: 10 },
      password: { origin: 'env', line: 8 },
    });
    expect(findings(x)).toEqual([]);
  });

  it('the mail gem: Mail.defaults { delivery_method :smtp, … } with a heredoc nearby', () => {
    const x = run('lib/mailer.rb', [
      'BODY = <<~TEXT', // 1
      '  Hello { not: code }', // 2
      'TEXT', // 3
      'Mail.defaults do', // 4
      '  delivery_method :smtp, address: "smtp.gmail.com", port: 587,', // 5
      '    user_name: ENV["GMAIL_USER"], password: ENV["GMAIL_APP_PASSWORD"],', // 6
      '    authentication: "plain", enable_starttls_auto: true', // 7
      'end', // 8
    ]);
    const ep = only(x);
    expect(ep.ecosystem).toBe('mail-gem');
    expect(summary(ep)).toMatchObject({
      line: 5,
      host: { value: 'smtp.gmail.com', line: 5 },
      port: { value: 587, line: 5 },
      security: { value: 'starttls-opportunistic', line: 7 },
    });
    expect(findings(x)).toEqual(['SP011@6 note', 'SP003@7 warning']);
  });

  it('Pony via_options; via: :sendmail makes them inactive', () => {
    const on = run('app.rb', [
      'Pony.options = {', // 1
      '  via: :smtp,', // 2
      '  via_options: {', // 3
      "    address: 'smtp.sendgrid.net',", // 4
      "    port: '587',", // 5
      "    user_name: 'apikey',", // 6
      "    password: ENV['SENDGRID_API_KEY'],", // 7
      '    authentication: :plain,', // 8
      '    enable_starttls_auto: true', // 9
      '  }', // 10
      '}', // 11
    ]);
    const ep = only(on);
    expect(ep.ecosystem).toBe('pony');
    expect(ep.active).toBe(true);
    expect(findings(on)).toEqual(['SP003@9 warning']);
    const off = run('app.rb', [
      "Pony.mail(to: 'a@example.com', via: :sendmail, :via_options => { :address => 'smtp.example.com', :port => 25 })", // 1
    ]);
    expect(only(off).active).toBe(false);
    expect(only(off).inactiveReason).toBe('via: :sendmail');
  });

  it('the mail gem 2.8 STARTTLS table: nil is "not given", enable_starttls: false is plain', () => {
    const sec = (flags: string) => {
      const x = run('mailer.rb', [
        `ActionMailer::Base.smtp_settings = { address: 'smtp.example.com', port: 587, ${flags} }`,
      ]);
      return only(x).security.value;
    };
    expect(sec('user_name: "u"')).toBe('starttls-opportunistic');
    expect(sec('enable_starttls_auto: nil')).toBe('starttls-opportunistic');
    expect(sec('enable_starttls: nil, enable_starttls_auto: nil')).toBe('starttls-opportunistic');
    expect(sec('enable_starttls: false')).toBe('plain');
    expect(sec('enable_starttls: false, enable_starttls_auto: true')).toBe(
      'starttls-opportunistic',
    );
    expect(sec('enable_starttls: :always')).toBe('starttls-required');
    expect(sec('enable_starttls: :auto')).toBe('starttls-opportunistic');
    expect(sec('tls: false, enable_starttls_auto: false')).toBe('plain');
    expect(sec('ssl: true')).toBe('implicit-tls');
    expect(sec('tls: nil, ssl: nil')).toBe('starttls-opportunistic');
    expect(sec("tls: ENV.fetch('SMTP_TLS', 'true') == 'true'")).toBe('implicit-tls');
    expect(sec('enable_starttls: starttls_mode')).toBe('unknown');
  });

  it('Mastodon-style settings: local variables and && are unknown; delivery_method after them', () => {
    const x = run('config/environments/production.rb', [
      'Rails.application.configure do', // 1
      '  enable_starttls = nil', // 2
      "  case ENV['SMTP_ENABLE_STARTTLS']", // 3
      "  when 'always'", // 4
      '    enable_starttls = true', // 5
      '  end', // 6
      '  config.action_mailer.smtp_settings = {', // 7
      "    port: ENV['SMTP_PORT'],", // 8
      "    address: ENV['SMTP_SERVER'],", // 9
      "    user_name: ENV['SMTP_LOGIN'].presence,", // 10
      "    password: ENV['SMTP_PASSWORD'].presence,", // 11
      "    authentication: ENV['SMTP_AUTH_METHOD'] == 'none' ? nil : ENV['SMTP_AUTH_METHOD'] || :plain,", // 12
      '    enable_starttls: enable_starttls,', // 13
      "    tls: ENV['SMTP_TLS'].presence && ENV['SMTP_TLS'] == 'true',", // 14
      '  }', // 15
      "  config.action_mailer.delivery_method = ENV.fetch('SMTP_DELIVERY_METHOD', 'smtp').to_sym", // 16
      'end', // 17
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'rails',
      line: 9,
      active: true,
      host: { origin: 'env', line: 9 },
      port: { origin: 'env', line: 8 },
      security: { value: 'unknown', line: 14 },
      password: { origin: 'env', line: 11 },
    });
    expect(findings(x)).toEqual(['SP012@8 note']);
  });

  it('perform_deliveries = false is inactive; templates and interpolation are unknowns', () => {
    const x = run('config/initializers/smtp_settings.rb', [
      'if Rails.env.production?', // 1
      '  ActionMailer::Base.perform_deliveries = false', // 2
      '  ActionMailer::Base.smtp_settings = {', // 3
      '    address: "smtp.#{ENV[\'MAIL_DOMAIN\']}",', // 4
      '    port: {{SMTP_PORT}},', // 5
      '    user_name: "<%= @smtp_user %>",', // 6
      '    tls: {{SMTP_TLS}}', // 7
      '  }', // 8
      'end', // 9
    ]);
    const ep = only(x);
    expect(ep.active).toBe(false);
    expect(ep.inactiveReason).toBe('perform_deliveries is false');
    expect(ep.host).toMatchObject({ raw: 'smtp.${MAIL_DOMAIN}', origin: 'env' });
    expect(ep.port).toMatchObject({ origin: 'env', at: { line: 5 } });
    expect(ep.user?.origin).toBe('env');
    expect(ep.security).toMatchObject({ value: 'unknown', at: { line: 7 } });
    expect(ep.conflicts).toEqual([]);
    expect(findings(x)).toEqual(['SP012@4 note']);
  });

  it('address and port default to localhost:25 (local: no findings)', () => {
    const x = run('config/environments/development.rb', [
      'config.action_mailer.smtp_settings = { enable_starttls_auto: false }', // 1
    ]);
    const ep = only(x);
    expect(ep.host).toMatchObject({ value: 'localhost', origin: 'derived' });
    expect(ep.port).toMatchObject({ value: 25, origin: 'derived' });
    expect(ep.security.value).toBe('plain');
    expect(findings(x)).toEqual([]);
  });

  it('commented-out settings create no endpoint, but a commented literal password is SP007', () => {
    const x = run('config/initializers/smtp.rb', [
      '# ActionMailer::Base.smtp_settings = {', // 1
      "#   :address => 'smtp.gmail.com',", // 2
      "#   :password => 'hunter2-but-longer'", // 3
      '# }', // 4
      "# :password => 'your-password'", // 5
    ]);
    expect(x.endpoints).toEqual([]);
    expect(x.looseSecrets.map((s) => `${s.key}@${s.at.line}:${s.at.column}`)).toEqual([
      'password@3:5',
    ]);
  });
});

describe('GitLab Omnibus gitlab.rb', () => {
  it('the docs example with 465, smtp_tls and starttls_auto: implicit TLS, but SP013', () => {
    const x = run('gitlab.rb', [
      "external_url 'https://gitlab.example.com'", // 1
      "gitlab_rails['smtp_enable'] = true", // 2
      'gitlab_rails[\'smtp_address\'] = "smtp.yandex.ru"', // 3
      "gitlab_rails['smtp_port'] = 465", // 4
      'gitlab_rails[\'smtp_user_name\'] = "gitlab@example.com"', // 5
      "gitlab_rails['smtp_password'] = ENV['SMTP_PASSWORD']", // 6
      'gitlab_rails[\'smtp_domain\'] = "example.com"', // 7
      'gitlab_rails[\'smtp_authentication\'] = "login"', // 8
      "gitlab_rails['smtp_enable_starttls_auto'] = true", // 9
      "gitlab_rails['smtp_tls'] = true", // 10
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'gitlab',
      line: 3,
      active: true,
      host: { value: 'smtp.yandex.ru', origin: 'literal', line: 3 },
      port: { value: 465, origin: 'literal', line: 4 },
      security: { value: 'implicit-tls', line: 10 },
      password: { origin: 'env', line: 6 },
    });
    expect(ep.product).toBe('GitLab Omnibus (gitlab.rb)');
    expect(ep.knobs.requireStartTls).toBeNull();
    expect(ep.host?.at.column).toBe(1);
    expect(findings(x)).toEqual(['SP013@9 error']);
  });

  it('465 with starttls_auto and no smtp_tls is SP004; 587 opportunistic names the missing knob', () => {
    const x465 = run('gitlab.rb', [
      "gitlab_rails['smtp_enable'] = true", // 1
      "gitlab_rails['smtp_address'] = 'smtp.example.com'", // 2
      "gitlab_rails['smtp_port'] = 465", // 3
      "gitlab_rails['smtp_user_name'] = 'gitlab'", // 4
      "gitlab_rails['smtp_password'] = ENV['SMTP_PASSWORD']", // 5
      "gitlab_rails['smtp_enable_starttls_auto'] = true", // 6
    ]);
    expect(findings(x465)).toEqual(['SP004@6 error']);
    const x587 = run('gitlab.rb', [
      "gitlab_rails['smtp_enable'] = true", // 1
      "gitlab_rails['smtp_address'] = 'smtp.example.com'", // 2
      "gitlab_rails['smtp_port'] = 587", // 3
      "gitlab_rails['smtp_user_name'] = 'gitlab'", // 4
      "gitlab_rails['smtp_password'] = ENV['SMTP_PASSWORD']", // 5
      "gitlab_rails['smtp_enable_starttls_auto'] = true", // 6
      "gitlab_rails['smtp_tls'] = false", // 7
      "gitlab_rails['smtp_openssl_verify_mode'] = 'none'", // 8
    ]);
    const f = evaluate(x587.endpoints, x587.looseSecrets);
    expect(f.map((y) => `${y.ruleId}@${y.at.line} ${y.severity}`)).toEqual([
      'SP003@6 warning',
      'SP005@8 error',
    ]);
    expect(f[0].fix).toMatch(
      /has no setting that requires STARTTLS: use gitlab_rails\['smtp_tls'\] = true/,
    );
  });

  it('smtp_enable = false, or absent, makes the settings inactive', () => {
    const off = run('gitlab.rb', [
      "gitlab_rails['smtp_enable'] = false", // 1
      "gitlab_rails['smtp_address'] = 'smtp.example.com'", // 2
      "gitlab_rails['smtp_port'] = 25", // 3
      "gitlab_rails['smtp_user_name'] = 'gitlab'", // 4
    ]);
    expect(only(off).active).toBe(false);
    expect(only(off).inactiveReason).toBe("gitlab_rails['smtp_enable'] is false");
    expect(findings(off)).toEqual(['SP003@2 note', 'SP001@3 note']);
    const absent = run('gitlab.rb', ["gitlab_rails['smtp_address'] = 'smtp.example.com'"]);
    expect(only(absent).active).toBe(false);
    expect(only(absent).inactiveReason).toMatch(/not set/);
  });

  it('the commented template: no endpoint; a real-looking commented password is SP007 once', () => {
    const x = run('gitlab.rb', [
      "# gitlab_rails['smtp_enable'] = true", // 1
      '# gitlab_rails[\'smtp_address\'] = "smtp.server"', // 2
      '# gitlab_rails[\'smtp_password\'] = "smtp password"', // 3
      '# gitlab_rails[\'smtp_password\'] = "Zk4!pQ9w-Lm2"', // 4
      "gitlab_rails['db_password'] = 'not-mail-related-9x'", // 5
    ]);
    expect(x.endpoints).toEqual([]);
    expect(findings(x)).toEqual(['SP007@4 error']);
  });

  it('with ENV reads and statement modifiers, ENV == "true" flags are false while unset', () => {
    const x = run('gitlab.rb', [
      "gitlab_rails['smtp_enable'] = ENV['SMTP_ENABLED'] == 'true'", // 1
      "gitlab_rails['smtp_address'] = ENV.fetch('SMTP_HOST') { 'smtp.example.com' }", // 2
      "gitlab_rails['smtp_port'] = ENV['SMTP_PORT'].to_i if ENV['SMTP_PORT']", // 3
      "gitlab_rails['smtp_user_name'] = ENV['SMTP_USER']; gitlab_rails['smtp_password'] = ENV['SMTP_PASS']", // 4
      "gitlab_rails['smtp_tls'] = ENV['SMTP_TLS'] == 'true'", // 5
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'gitlab',
      line: 2,
      // smtp_enable is false unless SMTP_ENABLED=true is set.
      active: false,
      host: { value: 'smtp.example.com', origin: 'default', line: 2 },
      port: { origin: 'env', line: 3 },
      security: { value: 'starttls-opportunistic', line: 2 },
      password: { origin: 'env', line: 4 },
    });
    expect(ep.password?.at.column).toBe(52);
    expect(findings(x)).toEqual(['SP012@3 note']);
  });
});

describe('GITLAB_OMNIBUS_CONFIG', () => {
  it('docker-compose block scalar: findings on the exact YAML lines', () => {
    const secret = 'Q7w-Rt9z-Kp2x';
    const x = run('docker-compose.yml', [
      'services:', // 1
      '  gitlab:', // 2
      '    image: gitlab/gitlab-ce:17.5.1-ce.0', // 3
      '    environment:', // 4
      '      GITLAB_OMNIBUS_CONFIG: |', // 5
      "        external_url 'https://gitlab.example.com'", // 6
      '        # SMTP', // 7
      "        gitlab_rails['smtp_enable'] = true", // 8
      '        gitlab_rails[\'smtp_address\'] = "smtp.mailgun.org"', // 9
      "        gitlab_rails['smtp_port'] = 587", // 10
      '        gitlab_rails[\'smtp_user_name\'] = "postmaster@mg.example.com"', // 11
      `        gitlab_rails['smtp_password'] = "${secret}"`, // 12
      "        gitlab_rails['smtp_enable_starttls_auto'] = true", // 13
      "        gitlab_rails['smtp_openssl_verify_mode'] = 'none'", // 14
      '    ports:', // 15
      "      - '443:443'", // 16
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'gitlab',
      line: 9,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'literal', line: 9 },
      port: { value: 587, origin: 'literal', line: 10 },
      security: { value: 'starttls-opportunistic', line: 13 },
      tlsVerify: { value: false, line: 14 },
      password: { origin: 'literal', line: 12 },
    });
    expect(ep.product).toBe('GitLab Omnibus (GITLAB_OMNIBUS_CONFIG)');
    expectHidden(x, secret);
    expect(findings(x)).toEqual(['SP007@12 error', 'SP003@13 warning', 'SP005@14 error']);
  });

  it('compose list form on one line: every finding on that line', () => {
    const x = run('compose.yaml', [
      'services:', // 1
      '  gitlab:', // 2
      '    environment:', // 3
      "      - GITLAB_OMNIBUS_CONFIG=gitlab_rails['smtp_enable'] = true; gitlab_rails['smtp_address'] = 'smtp.example.com'; gitlab_rails['smtp_port'] = 465; gitlab_rails['smtp_user_name'] = 'gitlab'", // 4
    ]);
    const ep = only(x);
    expect(ep.at.line).toBe(4);
    expect(findings(x)).toEqual(['SP004@4 error']);
  });
});

describe('readRuby on its own', () => {
  it('maps positions through mapPos', () => {
    const r = readRuby(
      'x.rb',
      "gitlab_rails['smtp_enable'] = true\ngitlab_rails['smtp_address'] = 'h.example'\n",
      {
        mapPos: (line, column) => ({ line: line + 10, column: column + 2 }),
      },
    );
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0].host?.at).toEqual({ file: 'x.rb', line: 12, column: 3 });
  });

  it('ignores files without SMTP settings and never throws on broken code', () => {
    expect(
      readRuby('a.rb', 'class User < ApplicationRecord\n  has_many :mails\nend\n').drafts,
    ).toEqual([]);
    const broken = readRuby(
      'b.rb',
      'ActionMailer::Base.smtp_settings = { address: "x", port: (((\n',
    );
    expect(broken.drafts).toEqual([]);
    expect(broken.diagnostics).toEqual([]);
  });
});

describe('tokenizer and expressions', () => {
  const lex = (src: string) => tokenize(src).tokens.filter((t) => t.kind !== 'nl');

  it('strings, interpolation, symbols, labels, %-literals, heredocs, =begin/=end', () => {
    const src = [
      'a = "x#{ "}" + b }y" # comment { [',
      "b = :\"quoted sym\", :plain, 'it''s', %w[one two], %q(paren (nested))",
      '=begin',
      'smtp_settings = { broken',
      '=end',
      'c = <<~EOS.strip',
      '  body #{x}',
      '  EOS',
      'd = { key: 1, "str": 2, :sym => 3 }',
    ].join('\n');
    const toks = lex(src);
    const kinds = toks.map((t) => `${t.kind}:${t.text}`);
    expect(kinds.slice(0, 3)).toEqual(['ident:a', 'op:=', 'str:x#{ "}" + b }y']);
    expect(toks[2].interp).toBe(true);
    expect(kinds).toContain('sym:quoted sym');
    expect(kinds).toContain('sym:plain');
    expect(kinds).toContain('words:one two');
    expect(kinds).toContain('str:paren (nested)');
    expect(kinds).not.toContain('ident:broken');
    const heredoc = toks.find((t) => t.heredoc);
    expect(heredoc?.text).toBe('body #{x}\n');
    expect(heredoc?.line).toBe(6);
    expect(kinds).toContain('label:key');
    expect(kinds).toContain('label:str');
    expect(toks.find((t) => t.text === 'sym' && t.kind === 'sym')?.line).toBe(9);
    expect(tokenize(src).comments.map((c) => c.line)).toEqual([1]);
  });

  it('regex vs division, ternaries, `::`, character literals', () => {
    const kinds = lex(
      'x = a / b; y = foo /re+/; z = c ? :d : e; OpenSSL::SSL::VERIFY_NONE; ?a',
    ).map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toContain('op:/');
    expect(kinds).toContain('regex:/re+/');
    expect(kinds).toContain('sym:d');
    expect(kinds).toContain('op:::');
    expect(kinds.at(-1)).toBe('str:a');
  });

  const value = (src: string) => {
    const { tokens } = tokenize(src);
    const r = new RubyReader(src, tokens);
    return r.read(0, r.exprEnd(0));
  };

  it('reads the value forms of the convention', () => {
    expect(value("ENV['X']")).toMatchObject({ t: 'env', name: 'X' });
    expect(value('ENV.fetch("X", 25)')).toMatchObject({
      t: 'env',
      name: 'X',
      dflt: { t: 'num', v: 25 },
    });
    expect(value("ENV.fetch('X') { 'd' }")).toMatchObject({ t: 'env', dflt: { t: 'str', v: 'd' } });
    expect(value("(ENV['X'] || 587).to_i")).toMatchObject({
      t: 'env',
      conv: 'int',
      dflt: { v: 587 },
    });
    expect(value("ENV['X'].present?")).toMatchObject({ t: 'envbool', name: 'X' });
    expect(value("ENV.fetch('X', 'true') == 'true'")).toMatchObject({ t: 'envbool', dflt: true });
    expect(value("ActiveModel::Type::Boolean.new.cast(ENV.fetch('X', 'false'))")).toMatchObject({
      t: 'envbool',
      dflt: false,
    });
    expect(value('Rails.application.credentials.smtp[:password]')).toMatchObject({
      t: 'secret',
      path: ['credentials', 'smtp', 'password'],
    });
    expect(value('Rails.application.secrets.smtp_password')).toMatchObject({
      t: 'secret',
      path: ['secrets', 'smtp_password'],
    });
    expect(value('Figaro.env.smtp_host')).toMatchObject({ t: 'env', name: 'SMTP_HOST' });
    expect(value('Settings.smtp.host')).toMatchObject({ t: 'opaque', text: 'Settings.smtp.host' });
    expect(value("cond ? 'a' : 'b'")).toMatchObject({ t: 'opaque' });
    expect(value('24 * 60')).toMatchObject({ t: 'num', v: 1440 });
    expect(value("'x' if y")).toMatchObject({ t: 'str', v: 'x' });
  });
});
