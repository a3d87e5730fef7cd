/**
 * Property tests for the Ruby reader (DESIGN.md §7 level 2): arbitrary text and mutated realistic
 * fixtures never make it throw (not even internally: no diagnostics), and every location it
 * reports — also through GITLAB_OMNIBUS_CONFIG in a compose file — lies inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuby } from '../../src/extract/code/ruby.js';
import { tokenize } from '../../src/extract/code/ruby-tokens.js';
import { extract } from '../../src/extract/index.js';
import type { Location } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { locations } from '../extract/helpers.js';

const FIXTURES = [
  `Rails.application.configure do
  config.action_mailer.delivery_method = ENV.fetch('SMTP_DELIVERY_METHOD', 'smtp').to_sym
  if Rails.env.production?
    config.action_mailer.smtp_settings = {
      address: ENV.fetch('SMTP_HOST', 'smtp.example.net'),
      port: Integer(ENV['SMTP_PORT'] || 465),
      user_name: Rails.application.credentials.dig(:smtp, :user_name),
      password: Rails.application.credentials.smtp[:password],
      authentication: :login,
      tls: true,
      enable_starttls_auto: !!ENV['SMTP_STARTTLS'],
      openssl_verify_mode: OpenSSL::SSL::VERIFY_NONE,
      domain: "mail.#{ENV['DOMAIN']}",
    }
  end
end
`,
  `ActionMailer::Base.smtp_settings = {
  :address => "smtp.gmail.com", 'port' => '587',
  :user_name => 'someone@gmail.com', :password => 'abcd efgh ijkl mnop', # app password
  :authentication => "plain", :enable_starttls_auto => ENV["X"] == "true",
}
ActionMailer::Base.smtp_settings.merge!(openssl_verify_mode: 'none')
ActionMailer::Base.smtp_settings[:enable_starttls] = :always
=begin
old = { address: 'x' }
=end
BODY = <<~EOS
  #{ENV['Y']} %w[ } { ( ]
EOS
`,
  `external_url 'https://gitlab.example.com'
gitlab_rails['smtp_enable'] = true
gitlab_rails['smtp_address'] = "smtp.mailgun.org"
gitlab_rails['smtp_port'] = 465 # implicit
gitlab_rails['smtp_user_name'] = "postmaster@mg.example.com"
# gitlab_rails['smtp_password'] = "Zk4!pQ9w-Lm2"
gitlab_rails['smtp_password'] = ENV.fetch('SMTP_PASS') { 'fallback-Pw-77' }
gitlab_rails['smtp_enable_starttls_auto'] = true
gitlab_rails['smtp_tls'] = ENV['SMTP_TLS']
gitlab_rails['smtp_openssl_verify_mode'] = 'none'
nginx['listen_port'] = 80 unless ENV['ENABLE_SSL'] == "true"
`,
  `Mail.defaults do
  delivery_method :smtp, { address: 'smtp.office365.com', port: 587, user_name: ENV['U'],
    password: ENV['P'], enable_starttls: true }
end
Pony.mail(to: 'a@b.c', via: :smtp, :via_options => { :address => 'smtp.sendgrid.net', :port => 2525 })
x = cond ? :a : 'b'; y = a / b; z = foo /re/i; w = ?c; v = %q(str) + %Q{#{1}}
`,
];

/** Characters that stress a Ruby lexer: delimiters, quotes, sigils, heredoc and comment starts. */
const RUBY_NOISE = fc.constantFrom(
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '"',
  "'",
  '`',
  '#',
  '#{',
  ':',
  '::',
  '=>',
  ',',
  '\n',
  '<<~EOS\n',
  '\nEOS\n',
  '%w[',
  '%q(',
  '/',
  '?',
  '\\',
  '=begin\n',
  '\n=end\n',
  '__END__\n',
  'ENV[',
  'smtp_settings = ',
  "gitlab_rails['smtp_port'] = ",
  'via_options: ',
  '!!',
  ' ',
  '😀',
  '\r\n',
);

type Mutation = { at: number; del: number; ins: string };

const mutation = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 12 }),
  ins: fc.oneof(fc.string({ maxLength: 6 }), RUBY_NOISE),
});

function mutate(text: string, ms: Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    s = s.slice(0, at) + m.ins + s.slice(at + m.del);
  }
  return s;
}

function expectInside(text: string, locs: Location[]): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const l of locs) {
    expect(l.line).toBeGreaterThanOrEqual(1);
    expect(l.line).toBeLessThanOrEqual(lines.length);
    if (l.column !== undefined) {
      expect(l.column).toBeGreaterThanOrEqual(1);
      expect(l.column).toBeLessThanOrEqual(lines[l.line - 1].length + 1);
    }
  }
}

function check(path: string, text: string): void {
  const r = readRuby(path, text);
  expect(r.diagnostics).toEqual([]);
  const x = extract(path, text);
  expect(x.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  expectInside(text, locations(x));
  expectInside(
    text,
    evaluate(x.endpoints, x.looseSecrets).map((f) => f.at),
  );
}

describe('Ruby reader properties', () => {
  it('arbitrary text never throws, every location inside the file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (s) => {
        check('config/initializers/smtp.rb', `smtp ${s}`);
      }),
      { numRuns: 300 },
    );
  });

  it('Ruby-ish noise never throws and the tokenizer always ends', () => {
    fc.assert(
      fc.property(fc.array(RUBY_NOISE, { maxLength: 80 }), (parts) => {
        const s = parts.join('');
        expect(() => tokenize(s)).not.toThrow();
        check('gitlab.rb', `smtp\n${s}`);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated fixtures never throw, every location inside the file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (fixture, ms) => {
          check('config/environments/production.rb', mutate(fixture, ms));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('GITLAB_OMNIBUS_CONFIG with mutated Ruby: locations inside the compose file', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), (ms) => {
        const ruby = mutate(FIXTURES[2], ms);
        const body = ruby
          .split(/\r\n|\r|\n/)
          .map((l) => `        ${l}`)
          .join('\n');
        const text = `services:\n  gitlab:\n    environment:\n      GITLAB_OMNIBUS_CONFIG: |\n${body}\n    ports:\n      - "443:443"\n`;
        const x = extract('docker-compose.yml', text);
        expectInside(text, locations(x));
      }),
      { numRuns: 200 },
    );
  });

  it('the unmutated fixtures give endpoints', () => {
    for (const f of FIXTURES) expect(readRuby('f.rb', f).drafts.length).toBeGreaterThan(0);
  });

  it('large inputs stay fast (no quadratic blow-up)', () => {
    const deep = `ActionMailer::Base.smtp_settings = ${'{ a: '.repeat(3000)}1${' }'.repeat(3000)}\n`;
    const heredocs = 'x = <<~NOPE\n'.repeat(5000);
    const many = FIXTURES[1].repeat(300);
    const t0 = Date.now();
    for (const s of [deep, heredocs, many]) check('big.rb', s);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
