/**
 * File contents for the generated monorepo: plausible source in several languages, docs, lock files,
 * configuration (some of it SMTP configuration in the formats the extractors read) and large files.
 * Every function takes the generator's random tools `r` and returns a string (or a Buffer for binary).
 */

const SMTP_HOSTS = [
  'smtp.sendgrid.net',
  'smtp.mailgun.org',
  'smtp.office365.com',
  'smtp.gmail.com',
  'email-smtp.eu-west-1.amazonaws.com',
  'smtp.postmarkapp.com',
  'mail.internal.example',
];
const SMTP_PORTS = [25, 465, 587, 2525];

/** Lines of code until `bytes` is reached: `line()` makes one line. */
function fill(bytes, head, line, tail = '') {
  const out = [head];
  let size = head.length + tail.length;
  while (size < bytes) {
    const l = line();
    out.push(l);
    size += l.length + 1;
  }
  out.push(tail);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Source code. `mail` adds innocent mentions of e-mail (a user model, a form): these pass the
// content prefilter and reach the code readers, as they do in real repositories.

export function typescript(r, bytes, { mail = false, jsx = false } = {}) {
  const name = r.camel();
  const head = [
    `import { ${r.camel()} } from '../${r.word()}/${r.word()}';`,
    `import type { ${r.camel()}Options } from './${r.word()}';`,
    mail ? `import { validateEmail } from '../validation/email';` : '',
    '',
    `export interface ${name[0].toUpperCase() + name.slice(1)}Props {`,
    `  id: string;`,
    mail ? `  email: string;` : `  label: string;`,
    `  createdAt: Date;`,
    `}`,
    '',
  ].join('\n');
  const line = () => {
    const v = r.camel();
    switch (r.int(0, 7)) {
      case 0:
        return `export function ${v}(${r.word()}: number, ${r.word()}: string): boolean {\n  return ${r.word()}.length > ${r.int(0, 99)};\n}`;
      case 1:
        return `const ${v} = await ${r.camel()}(${r.int(0, 1000)}, '${r.word()}');`;
      case 2:
        return `  // ${r.word()} ${r.word()} ${r.word()}: ${r.word()} the ${r.word()} before ${r.word()}`;
      case 3:
        return mail && r.chance(0.3)
          ? `  if (!validateEmail(user.email)) throw new Error('invalid email for ' + user.id);`
          : `  if (${v} === undefined) throw new Error('${r.word()} missing');`;
      case 4:
        return jsx
          ? `  return <div className="${r.word()}">{props.${r.word()}}</div>;`
          : `export const ${v.toUpperCase()} = ${JSON.stringify({ [r.word()]: r.int(0, 9), [r.word()]: r.word() })};`;
      case 5:
        return `for (const ${r.word(1, 1)} of ${v}) { ${r.camel()}.push(${r.word(1, 1)}.${r.word()}); }`;
      case 6:
        return `export class ${v[0].toUpperCase() + v.slice(1)} extends ${r.camel()} {\n  private ${r.word()} = ${r.int(0, 1e6)};\n  ${r.word()}(): void { this.${r.word()}(); }\n}`;
      default:
        return `  ${v}.${r.camel()}({ ${r.word()}: ${r.int(1, 50)}, ${r.word()}: '${r.word()}' });`;
    }
  };
  return fill(bytes, head, line);
}

export function python(r, bytes, { mail = false } = {}) {
  const head = `"""${r.word()} ${r.word()} module."""\nimport os\nimport logging\nfrom .${r.word()} import ${r.camel()}\n\nlog = logging.getLogger(__name__)\n`;
  const line = () => {
    switch (r.int(0, 5)) {
      case 0:
        return `\ndef ${r.word()}_${r.word()}(${r.word()}, ${r.word()}=None):\n    """${r.word()} the ${r.word()}."""\n    return ${r.word()} or ${r.int(0, 100)}`;
      case 1:
        return mail && r.chance(0.4)
          ? `    email = models.EmailField(max_length=254, unique=True)`
          : `    ${r.word()} = models.CharField(max_length=${r.int(8, 255)})`;
      case 2:
        return `# ${r.word()} ${r.word()} ${r.word()} ${r.word()}`;
      case 3:
        return `class ${r.camel()}(${r.camel()}):\n    ${r.word()} = ${r.int(0, 9)}\n    ${r.word()} = "${r.word()}"`;
      case 4:
        return `    if ${r.word()} is None:\n        raise ValueError("${r.word()} ${r.word()}")`;
      default:
        return `${r.word()}_${r.word()} = os.environ.get("${r.word().toUpperCase()}", "${r.word()}")`;
    }
  };
  return fill(bytes, head, line);
}

export function go(r, bytes, { mail = false } = {}) {
  const head = `package ${r.word()}\n\nimport (\n\t"context"\n\t"fmt"\n)\n`;
  const line = () => {
    switch (r.int(0, 4)) {
      case 0:
        return `\nfunc ${r.camel()}(ctx context.Context, ${r.word()} string) (int, error) {\n\tif ${r.word()} == "" {\n\t\treturn 0, fmt.Errorf("${r.word()} missing")\n\t}\n\treturn ${r.int(0, 99)}, nil\n}`;
      case 1:
        return mail && r.chance(0.4)
          ? `type ${r.camel()} struct {\n\tID    int64  \`json:"id"\`\n\tEmail string \`json:"email"\`\n}`
          : `type ${r.camel()} struct {\n\t${r.camel()} string\n\t${r.camel()} int\n}`;
      case 2:
        return `// ${r.camel()} ${r.word()} the ${r.word()} ${r.word()}.`;
      case 3:
        return `var ${r.camel()} = map[string]int{"${r.word()}": ${r.int(0, 9)}, "${r.word()}": ${r.int(0, 9)}}`;
      default:
        return `const ${r.camel()} = "${r.word()}-${r.hex(6)}"`;
    }
  };
  return fill(bytes, head, line);
}

export function ruby(r, bytes, { mail = false } = {}) {
  const head = `# frozen_string_literal: true\n\nclass ${r.camel()} < ApplicationRecord\n`;
  const line = () => {
    switch (r.int(0, 3)) {
      case 0:
        return `  def ${r.word()}_${r.word()}(${r.word()})\n    ${r.word()}.${r.word()} || ${r.int(0, 9)}\n  end`;
      case 1:
        return mail && r.chance(0.4)
          ? `  validates :email, presence: true, format: { with: URI::MailTo::EMAIL_REGEXP }`
          : `  validates :${r.word()}, presence: true`;
      case 2:
        return `  # ${r.word()} ${r.word()} ${r.word()}`;
      default:
        return `  has_many :${r.word()}s, dependent: :destroy`;
    }
  };
  return fill(bytes, head, line, 'end\n');
}

export function php(r, bytes, { mail = false } = {}) {
  const head = `<?php\n\nnamespace App\\${r.camel()};\n\nuse App\\Models\\${r.camel()};\n\nclass ${r.camel()}\n{\n`;
  const line = () => {
    switch (r.int(0, 3)) {
      case 0:
        return `    public function ${r.camel()}($${r.word()}, $${r.word()} = null)\n    {\n        return $${r.word()} ?? ${r.int(0, 9)};\n    }`;
      case 1:
        return mail && r.chance(0.4)
          ? `    protected $fillable = ['name', 'email', 'password'];`
          : `    protected $${r.word()} = '${r.word()}';`;
      case 2:
        return `    // ${r.word()} ${r.word()} ${r.word()}`;
      default:
        return `    const ${r.word().toUpperCase()} = ${r.int(0, 999)};`;
    }
  };
  return fill(bytes, head, line, '}\n');
}

export function java(r, bytes, { mail = false } = {}) {
  const head = `package com.example.${r.word()};\n\nimport java.util.List;\n\npublic class ${r.camel()} {\n`;
  const line = () =>
    mail && r.chance(0.1)
      ? `    private String email; // the account's mail address`
      : `    public int ${r.camel()}(String ${r.word()}) { return ${r.word()}.length() + ${r.int(0, 9)}; }`;
  return fill(bytes, head, line, '}\n');
}

export function markdown(r, bytes, { mail = false } = {}) {
  const head = `# ${r.word()} ${r.word()}\n\n${mail ? 'Questions: write to the team mailing list.\n' : ''}`;
  const line = () =>
    r.chance(0.2)
      ? `\n## ${r.word()} ${r.word()}\n`
      : `${r.word()} ${r.word()} ${r.word()} ${r.word()} ${r.word()} ${r.word()} ${r.word()} ${r.word()}.`;
  return fill(bytes, head, line);
}

// ---------------------------------------------------------------------------------------------
// SMTP configuration in code, for the few files that configure a mailer.

export function smtpCode(r, language) {
  const host = r.pick(SMTP_HOSTS);
  const port = r.pick(SMTP_PORTS);
  switch (language) {
    case 'ts':
      return `import nodemailer from 'nodemailer';\n\nexport const transport = nodemailer.createTransport({\n  host: process.env.SMTP_HOST ?? '${host}',\n  port: ${port},\n  secure: ${port === 465},\n  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },\n});\n`;
    case 'py':
      return `import os\nimport smtplib\n\n\ndef send(msg):\n    with smtplib.SMTP("${host}", ${port}) as s:\n        s.starttls()\n        s.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])\n        s.send_message(msg)\n`;
    case 'go':
      return `package mailer\n\nimport (\n\t"net/smtp"\n\t"os"\n)\n\nfunc Send(to []string, body []byte) error {\n\tauth := smtp.PlainAuth("", os.Getenv("SMTP_USER"), os.Getenv("SMTP_PASSWORD"), "${host}")\n\treturn smtp.SendMail("${host}:${port}", auth, "noreply@example.com", to, body)\n}\n`;
    case 'rb':
      return `Rails.application.configure do\n  config.action_mailer.delivery_method = :smtp\n  config.action_mailer.smtp_settings = {\n    address: '${host}',\n    port: ${port},\n    user_name: ENV['SMTP_USER'],\n    password: ENV['SMTP_PASSWORD'],\n    enable_starttls_auto: true\n  }\nend\n`;
    default:
      return `<?php\n\nreturn [\n    'default' => env('MAIL_MAILER', 'smtp'),\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'host' => env('MAIL_HOST', '${host}'),\n            'port' => env('MAIL_PORT', ${port}),\n            'encryption' => env('MAIL_ENCRYPTION', 'tls'),\n            'username' => env('MAIL_USERNAME'),\n            'password' => env('MAIL_PASSWORD'),\n        ],\n    ],\n];\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration files: [file name, content]. With `smtp`, the file configures a mail connection.

export function config(r, kind, smtp) {
  const host = r.pick(SMTP_HOSTS);
  const port = r.pick(SMTP_PORTS);
  const app = r.word();
  switch (kind) {
    case 'package.json':
      return JSON.stringify(
        {
          name: `@mono/${app}`,
          version: `1.${r.int(0, 20)}.${r.int(0, 9)}`,
          private: true,
          author: smtp ? `${app} team <${app}@example.com>` : `${app} team`,
          scripts: { build: 'tsc -b', test: 'vitest run' },
          dependencies: { react: '^18.2.0', [r.word()]: `^${r.int(1, 9)}.0.0` },
        },
        null,
        2,
      );
    case 'tsconfig.json':
      return JSON.stringify(
        {
          extends: '../../tsconfig.base.json',
          compilerOptions: { outDir: 'dist', strict: true },
          include: ['src'],
        },
        null,
        2,
      );
    case 'docker-compose.yml':
      return `services:\n  ${app}:\n    image: registry.example.com/${app}:latest\n    ports:\n      - "${r.int(3000, 9000)}:80"\n    environment:\n      - NODE_ENV=production\n${smtp ? `      - SMTP_HOST=${host}\n      - SMTP_PORT=${port}\n      - SMTP_USER=\${SMTP_USER}\n      - SMTP_PASSWORD=\${SMTP_PASSWORD}\n` : ''}`;
    case 'deployment.yaml':
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  replicas: ${r.int(1, 5)}\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: registry.example.com/${app}:${r.hex(7)}\n          env:\n            - name: LOG_LEVEL\n              value: info\n${smtp ? `            - name: SMTP_HOST\n              value: ${host}\n            - name: SMTP_PORT\n              value: "${port}"\n` : ''}`;
    case 'values.yaml':
      return `replicaCount: ${r.int(1, 4)}\nimage:\n  repository: registry.example.com/${app}\n  tag: "${r.hex(7)}"\nresources:\n  limits:\n    memory: ${r.int(128, 1024)}Mi\n${smtp ? `smtp:\n  host: ${host}\n  port: ${port}\n  username: ${app}\n  password: \${SMTP_PASSWORD}\n  tls: true\n` : ''}`;
    case 'application.yml':
      return `server:\n  port: ${r.int(8000, 8999)}\nspring:\n  application:\n    name: ${app}\n${smtp ? `  mail:\n    host: ${host}\n    port: ${port}\n    username: ${app}\n    password: \${MAIL_PASSWORD}\n    properties:\n      mail.smtp.auth: true\n      mail.smtp.starttls.enable: true\n` : ''}`;
    case 'application.properties':
      return `server.port=${r.int(8000, 8999)}\nspring.application.name=${app}\n${smtp ? `spring.mail.host=${host}\nspring.mail.port=${port}\nspring.mail.username=${app}\nspring.mail.password=\${MAIL_PASSWORD}\n` : ''}`;
    case '.env.example':
      return `APP_NAME=${app}\nAPP_ENV=production\nDB_HOST=db\nDB_PORT=5432\n${smtp ? `MAIL_MAILER=smtp\nMAIL_HOST=${host}\nMAIL_PORT=${port}\nMAIL_USERNAME=${app}\nMAIL_PASSWORD=changeme\nMAIL_ENCRYPTION=tls\n` : ''}`;
    case 'Dockerfile':
      return `FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nENV PORT=${r.int(3000, 9000)}\n${smtp ? `ENV SMTP_HOST=${host} SMTP_PORT=${port}\n` : ''}CMD ["node", "server.js"]\n`;
    case 'grafana.ini':
      return `[server]\nhttp_port = ${r.int(3000, 3999)}\n\n[security]\nadmin_user = admin\n\n${smtp ? `[smtp]\nenabled = true\nhost = ${host}:${port}\nuser = grafana\npassword = $__env{GF_SMTP_PASSWORD}\nskip_verify = false\n` : ''}`;
    case 'appsettings.json':
      return JSON.stringify(
        {
          Logging: { LogLevel: { Default: 'Information' } },
          ...(smtp
            ? {
                Smtp: {
                  Host: host,
                  Port: port,
                  EnableSsl: port === 465,
                  UserName: app,
                  Password: '',
                },
              }
            : {}),
        },
        null,
        2,
      );
    default: // a GitHub workflow
      return `name: ${app}\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n${smtp ? `      - uses: dawidd6/action-send-mail@v3\n        with:\n          server_address: ${host}\n          server_port: ${port}\n          username: \${{ secrets.MAIL_USER }}\n          password: \${{ secrets.MAIL_PASSWORD }}\n          subject: build\n          to: team@example.com\n          from: ci@example.com\n` : ''}`;
  }
}

export const CONFIG_KINDS = [
  'package.json',
  'tsconfig.json',
  'docker-compose.yml',
  'deployment.yaml',
  'values.yaml',
  'application.yml',
  'application.properties',
  '.env.example',
  'Dockerfile',
  'grafana.ini',
  'appsettings.json',
  'workflow.yml',
];

// ---------------------------------------------------------------------------------------------
// Lock files and large files.

/** A package-lock.json of about `bytes`: hundreds of packages, a few with mail in their names. */
export function packageLock(r, bytes) {
  const names = [
    'nodemailer',
    'email-validator',
    'mailparser',
    'react',
    'lodash',
    'express',
    'debug',
  ];
  const line = () => {
    const name = r.chance(0.1) ? r.pick(names) : r.word();
    return `    "node_modules/${name}-${r.word()}": {\n      "version": "${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 9)}",\n      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz",\n      "integrity": "sha512-${r.hex(86)}=="\n    },`;
  };
  return fill(
    bytes,
    '{\n  "name": "mono",\n  "lockfileVersion": 3,\n  "packages": {',
    line,
    '    "": {}\n  }\n}\n',
  );
}

export function goSum(r, bytes) {
  const line = () =>
    `github.com/${r.word()}/${r.word()} v${r.int(0, 2)}.${r.int(0, 30)}.${r.int(0, 9)} h1:${r.hex(43)}=`;
  return fill(bytes, '', line);
}

export function yarnLock(r, bytes) {
  const line = () =>
    `\n"${r.word()}@^${r.int(1, 9)}.0.0":\n  version "${r.int(1, 9)}.${r.int(0, 20)}.0"\n  resolved "https://registry.yarnpkg.com/${r.word()}/-/${r.word()}.tgz#${r.hex(40)}"`;
  return fill(
    bytes,
    '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n',
    line,
  );
}

/** Seed data: a JSON array of users, every record with an e-mail address (mentions mail everywhere). */
export function usersJson(r, bytes) {
  const line = () =>
    `  {"id": ${r.int(1, 1e7)}, "name": "${r.word()} ${r.word()}", "email": "${r.word()}@${r.word()}.example", "active": ${r.chance(0.5)}},`;
  return fill(
    bytes,
    '[',
    line,
    '  {"id": 0, "name": "last", "email": "last@example.com", "active": false}\n]\n',
  );
}

/** A generated TypeScript API client: one long file with `email` fields in many types. */
export function generatedClient(r, bytes) {
  const line = () =>
    `export interface ${r.camel()}Dto {\n  id: number;\n  ${r.chance(0.3) ? 'email' : r.word()}: string;\n  ${r.word()}?: ${r.pick(['string', 'number', 'boolean'])};\n}`;
  return fill(
    bytes,
    '/* eslint-disable */\n// Generated by openapi-generator. Do not edit.\n',
    line,
  );
}

export function sqlDump(r, bytes) {
  const line = () =>
    `INSERT INTO users (id, name, email) VALUES (${r.int(1, 1e7)}, '${r.word()}', '${r.word()}@${r.word()}.example');`;
  return fill(bytes, '-- dump\nCREATE TABLE users (id bigint, name text, email text);\n', line);
}

export function minifiedBundle(r, bytes) {
  const line = () =>
    `function ${r.word(1, 2)}(${r.word(1, 1)}){return ${r.word(1, 1)}.${r.word(1, 2)}(${r.int(0, 99)})}var ${r.word(1, 2)}=${r.int(0, 999)};`;
  return fill(bytes, '!function(){', () => line() + line() + line(), '}();');
}

/** Random bytes with a PNG signature: binary, skipped by both tools. */
export function binary(r, bytes) {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = Math.floor(r.next() * 256);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).copy(buf);
  return buf;
}
