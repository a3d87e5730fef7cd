/**
 * Property tests for the PHP reader (DESIGN.md §7 level 2): arbitrary text and mutated realistic
 * fixtures never make it throw, and every location it reports lies inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPhp } from '../../src/extract/code/php.js';
import { extract } from '../../src/extract/index.js';
import { evaluate } from '../../src/policy/evaluate.js';
import type { Location } from '../../src/model.js';
import { locations } from '../extract/helpers.js';

const FIXTURES = [
  `<?php
use PHPMailer\\PHPMailer\\PHPMailer;
$mail = new PHPMailer(true);
$mail->SMTPOptions = array('ssl' => array('verify_peer' => false, 'verify_peer_name' => false));
$mail->isSMTP();
$mail->Host = 'tls://smtp.gmail.com:587;ssl://backup.example.com:465';
$mail->SMTPAuth = true;
$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPDebug = SMTP::DEBUG_SERVER;
$mail->Port = getenv('SMTP_PORT') ?: 587;
$mail->Username = $_ENV['SMTP_USER'] ?? 'me@example.com';
$mail->Password = "PlainTextPassw0rd1";
// $mail->Password = 'Vb7nQ3xLm9Kt';
`,
  `<?php
return [
    'default' => env('MAIL_MAILER', 'log'),
    'mailers' => [
        'smtp' => [
            'transport' => 'smtp',
            'scheme' => env('MAIL_SCHEME'),
            'url' => env('MAIL_URL'),
            'host' => env('MAIL_HOST', '127.0.0.1'),
            'port' => env('MAIL_PORT', 2525),
            'encryption' => env('MAIL_ENCRYPTION', 'tls'),
            'username' => env('MAIL_USERNAME'),
            'password' => env('MAIL_PASSWORD'),
            'verify_peer' => false,
            'local_domain' => env('MAIL_EHLO_DOMAIN', parse_url((string) env('APP_URL', 'http://localhost'), PHP_URL_HOST)),
        ],
        'failover' => ['transport' => 'failover', 'mailers' => ['smtp', 'log']],
    ],
];
`,
  `<?php
return array(
    'driver' => 'smtp',
    'host' => 'smtp.googlemail.com',
    'port' => 587,
    'encryption' => 'ssl',
    'username' => getenv('email_address'),
    'password' => getenv('email_password'),
    'stream' => ['ssl' => ['allow_self_signed' => true, 'verify_peer' => false]],
);`,
  `<?php
$CONFIG = array (
  'mail_smtpmode' => 'smtp',
  'mail_smtpauth' => 1,
  'mail_smtpname' => 'home.cloud.admin@gmail.com',
  'mail_smtppassword' => 'qzrxwplmvnbtkdhs',
  'mail_smtpsecure' => 'tls',
  'mail_smtphost' => getenv('SMTP_HOST'),
  'mail_smtpport' => getenv('SMTP_PORT') ?: (getenv('SMTP_SECURE') ? 465 : 25),
  'mail_smtpstreamoptions' => ['ssl' => ['verify_peer' => false]],
);
$CONFIG['mail_smtppassword'] = trim(file_get_contents(getenv('SMTP_PASSWORD_FILE')));
`,
  `<?php
declare(strict_types=1);
return static function (FrameworkConfig $framework): void {
    $framework->mailer()
        ->dsn('smtp://%env(SMTP_USERNAME)%:%env(SMTP_PASSWORD)%@%env(SMTP_HOST)%:%env(SMTP_PORT)%')
        ->envelope()
        ->sender("{$user}@example.com");
};
$t = Transport::fromDsn('smtps://user:Zr8kW3qNp5Lx@smtp.example.com?verify_peer=0');
`,
];

const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  "'",
  '"',
  ';',
  ',',
  '=>',
  '->',
  '::',
  '$',
  '?>',
  '<?php ',
  '<?= ',
  '<<<EOT\n',
  '\nEOT;\n',
  "<<<'EOT'\n",
  '/*',
  '*/',
  '//',
  '#',
  '\\',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  'env(',
  'getenv(',
  '?:',
  '??',
  'new PHPMailer',
  '$mail->Host = ',
  "'mail_smtpsecure' => ",
  '0x1F',
  '1_000',
  '-',
  '.',
  'é',
  '😀',
  '\u2028',
  '\0',
];

type Mutation = {
  kind: 'delete' | 'insert' | 'truncate' | 'duplicate';
  at: number;
  len: number;
  token: string;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'truncate', 'duplicate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 40 }),
  token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
});

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.token + t.slice(at);
    else if (m.kind === 'truncate') t = t.slice(0, at);
    else t = t.slice(0, at) + t.slice(at, at + m.len) + t.slice(at);
  }
  return t;
}

/** Lines as any of the readers may count them: split on \n and also on \r\n / \r / \n. */
function inside(text: string, l: Location): boolean {
  const byLf = text.split('\n');
  const byAny = text.split(/\r\n|\r|\n/);
  const lines = Math.max(byLf.length, byAny.length);
  if (!Number.isInteger(l.line) || l.line < 1 || l.line > lines) return false;
  if (l.column === undefined) return true;
  const width = Math.max(byLf[l.line - 1]?.length ?? 0, byAny[l.line - 1]?.length ?? 0);
  return Number.isInteger(l.column) && l.column >= 1 && l.column <= width + 1;
}

function check(file: string, text: string): void {
  const r = readPhp(file, text);
  expect(Array.isArray(r.drafts)).toBe(true);
  const x = extract(file, text);
  const findings = evaluate(x.endpoints, x.looseSecrets);
  const all = [...locations(x), ...findings.map((f) => f.at)];
  for (const l of all) expect(inside(text, l), `${JSON.stringify(l)} outside the file`).toBe(true);
}

describe('PHP reader properties', () => {
  it('never throws on arbitrary text, with or without a PHP open tag and mail words', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '<?php ', '<?php $mail->', 'smtp <?php '),
        fc.string({ unit: 'binary', maxLength: 300 }),
        (prefix, body) => check('x.php', prefix + body),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('never throws on token soup, and locations stay inside the file', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }), (tokens) =>
        check('mail.php', '<?php ' + tokens.join('')),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('mutated realistic fixtures never throw, and every location lies inside the file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES.keys()),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (i, ms) =>
          check(
            [
              'mailer.php',
              'config/mail.php',
              'app/config/mail.php',
              'config/config.php',
              'config/packages/mailer.php',
            ][i],
            mutate(FIXTURES[i], ms),
          ),
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('the unmutated fixtures produce endpoints whose locations lie inside the file', () => {
    for (const [i, f] of FIXTURES.entries()) {
      const x = extract(`f${i}.php`, f);
      expect(x.endpoints.length).toBeGreaterThan(0);
      check(`f${i}.php`, f);
    }
  });
});
