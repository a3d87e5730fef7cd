import { describe, it, expect } from 'vitest';
import { isCandidateName } from '../../src/discover/index.js';
import { mentionsMail } from '../../src/discover/prefilter.js';

describe('isCandidateName', () => {
  const positives = [
    '.env',
    '.env.example',
    '.env.production.sample',
    'deploy/prod.env',
    'app.env.sample',
    'env.template',
    'Dockerfile',
    'docker/Dockerfile.prod',
    'Dockerfile-dev',
    'api.dockerfile',
    'Containerfile',
    'docker-compose.yml',
    'config/mail.yaml',
    'helm/values.yaml.tpl',
    'ansible/templates/postfix.yml.j2',
    'config/mail.yml.example',
    'config/settings.json',
    'appsettings.json.example',
    'config.json.sample',
    '.vscode/settings.jsonc',
    'src/main/resources/application.properties',
    'custom/conf/app.ini',
    'setup.cfg',
    'postfix/main.conf',
    'netlify.toml',
    'config/gitlab.rb',
    'config/gitlab.rb.erb',
    'local_settings.py.default',
    'config/mail.php.dist',
    'src/mailer.ts',
    'src/mailer.mts',
    'src/mailer.cts',
    'lib/mail.js',
    'lib/mail.mjs',
    'lib/mail.cjs',
    'web/App.jsx',
    'web/App.tsx',
    'app/mailers/user_mailer.rb',
    'cmd/server/main.go',
    'Services/EmailSender.cs',
    'CONFIG.YML',
    'settings.yml.tmpl',
    'config.yaml.dist',
    'a\\windows\\path.yml',
  ];
  const negatives = [
    'README.md',
    'LICENSE',
    'Makefile',
    'package-lock.json',
    'sub/package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'composer.lock',
    'Gemfile.lock',
    'poetry.lock',
    'Cargo.lock',
    'go.sum',
    'public/app.min.js',
    'data/countries.min.json',
    'node_modules/nodemailer/lib/smtp-connection/index.js',
    'packages/a/node_modules/x/config.yml',
    'vendor/laravel/framework/config/mail.php',
    '.git/config',
    '.yarn/releases/yarn-4.5.0.cjs',
    '.pnp.cjs',
    'image.png',
    'notes.txt',
    'config.example',
    'mail.template',
    'styles.css',
    'index.html',
    'script.sh',
    'environment', // no extension, not a dotenv name
    '',
  ];

  it.each(positives)('accepts %j', (name) => {
    expect(isCandidateName(name)).toBe(true);
  });

  it.each(negatives)('rejects %j', (name) => {
    expect(isCandidateName(name)).toBe(false);
  });
});

describe('mentionsMail', () => {
  it.each([
    ['MAIL_HOST=smtp.example.com', true],
    ['spring.mail.port=587', true],
    ["gitlab_rails['smtp_address'] = 'x'", true],
    ['EMAIL_BACKEND=x', true],
    ['SMTP_PORT=25', true],
    ['{"name": "demo", "version": "1.0.0"}', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(mentionsMail(text)).toBe(expected);
  });
});
