/**
 * The PHP reader (src/extract/code/php.ts): PHPMailer objects, Laravel config/mail.php in both
 * layouts, Nextcloud config.php and Symfony DSNs in PHP config, asserting exact endpoints (values,
 * origins, lines) and the findings `evaluate` draws from them (rule, severity, line). Semantics from
 * SEMANTICS.md §2–§4 and the sources cited in the interpreters.
 */
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/model.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { readPhp } from '../../src/extract/code/php.js';
import { expectHidden, locations, only, run, summary, text } from '../extract/helpers.js';

/** `rule@line severity`, sorted by line then rule. */
function findings(x: Extraction): string[] {
  return evaluate(x.endpoints, x.looseSecrets).map((f) => `${f.ruleId}@${f.at.line} ${f.severity}`);
}

function messages(x: Extraction, rule: string): string[] {
  return evaluate(x.endpoints, x.looseSecrets)
    .filter((f) => f.ruleId === rule)
    .map((f) => f.message);
}

describe('PHPMailer', () => {
  it("SMTPSecure 'tls' on 587 is required STARTTLS; SMTPOptions verify-off anchors on the first key, siblings related", () => {
    const secret = 'Pq7rT2vW9xYz4Ab';
    const x = run('src/mail.php', [
      '<?php', // 1
      'use PHPMailer\\PHPMailer\\PHPMailer;', // 2
      '$mail = new PHPMailer(true);', // 3
      '$mail->SMTPOptions = array(', // 4
      "    'ssl' => array(", // 5
      "        'verify_peer' => false,", // 6
      "        'verify_peer_name' => false,", // 7
      "        'allow_self_signed' => true", // 8
      '    )', // 9
      ');', // 10
      '$mail->isSMTP();', // 11
      "$mail->Host = 'smtp.gmail.com';", // 12
      '$mail->SMTPAuth = true;', // 13
      "$mail->SMTPSecure = 'tls';", // 14
      '$mail->Port = "587";', // 15
      "$mail->Username = 'school.mailer@gmail.com';", // 16
      `$mail->Password = '${secret}';`, // 17
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'phpmailer',
      line: 12,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 12 },
      port: { value: 587, origin: 'literal', line: 15 },
      security: { value: 'starttls-required', line: 14 },
      tlsVerify: { value: false, line: 6 },
      password: { origin: 'literal', line: 17 },
    });
    expect(ep.verifyOffAlso?.map((l) => l.line)).toEqual([7, 8]);
    expect(ep.authIntended).toBe(true);
    expect(ep.product).toBe('PHPMailer ($mail)');
    expect(findings(x)).toEqual(['SP005@6 error', 'SP007@17 error', 'SP011@17 note']);
    expectHidden(x, secret);
  });

  it("'tls' on 465 is STARTTLS on an implicit-TLS port: SP004 on the SMTPSecure line", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer\\PHPMailer\\PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'mail.example.net';", // 4
      '$mail->Port = 465;', // 5
      "$mail->SMTPSecure = 'tls';", // 6
      '$mail->SMTPAuth = true;', // 7
      "$mail->Username = getenv('SMTP_USER');", // 8
      "$mail->Password = getenv('SMTP_PASS');", // 9
    ]);
    expect(summary(only(x))).toMatchObject({
      port: { value: 465, origin: 'literal', line: 5 },
      security: { value: 'starttls-required', line: 6 },
      password: { origin: 'env', line: 9 },
    });
    expect(findings(x)).toEqual(['SP004@6 error']);
  });

  it("'ssl' on 587 is implicit TLS on a STARTTLS port: SP004 (not SP010) on the SMTPSecure line", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'smtp.gmail.com';", // 4
      '$mail->Port = 587;', // 5
      "$mail->SMTPSecure = 'ssl';", // 6
      '$mail->SMTPAuth = true;', // 7
      "$mail->Username = $_ENV['SMTP_USER'];", // 8
      "$mail->Password = $_ENV['SMTP_PASS'];", // 9
    ]);
    expect(only(x).security).toMatchObject({ value: 'implicit-tls', origin: 'literal' });
    expect(findings(x)).toEqual(['SP004@6 error', 'SP011@9 note']);
  });

  it("SMTPAutoTLS = false with SMTPSecure '' is plaintext: SP002 on the SMTPAutoTLS line", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'smtp.example.org';", // 4
      '$mail->Port = 587;', // 5
      "$mail->SMTPSecure = '';", // 6
      '$mail->SMTPAutoTLS = false;', // 7
      '$mail->SMTPAuth = true;', // 8
      "$mail->Username = getenv('SMTP_USER');", // 9
      "$mail->Password = getenv('SMTP_PASS');", // 10
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'plain', line: 7 });
    expect(findings(x)).toEqual(['SP002@7 error']);
  });

  it('no SMTPSecure: SMTPAutoTLS makes STARTTLS opportunistic, SP003 on the host line; default port 25 derived', () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$m = new PHPMailer;', // 2
      '$m->isSMTP();', // 3
      "$m->Host = 'relay.example.org';", // 4
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'phpmailer',
      line: 4,
      active: true,
      host: { value: 'relay.example.org', origin: 'literal', line: 4 },
      port: { value: 25, origin: 'derived', line: 4 },
      security: { value: 'starttls-opportunistic', line: 4 },
    });
    expect(ep.authIntended).toBe(false);
    expect(findings(x)).toEqual(['SP001@4 warning', 'SP003@4 warning']);
  });

  it('PHPMailer constants: ENCRYPTION_SMTPS on 465 is clean; SMTP::DEBUG_SERVER is SP015', () => {
    const x = run('mailer.php', [
      '<?php', // 1
      'use PHPMailer\\PHPMailer\\PHPMailer;', // 2
      'use PHPMailer\\PHPMailer\\SMTP;', // 3
      '$mail = new PHPMailer(true);', // 4
      '$mail->isSMTP();', // 5
      '$mail->SMTPDebug = SMTP::DEBUG_SERVER;', // 6
      "$mail->Host = 'smtp.example.com';", // 7
      '$mail->SMTPAuth = true;', // 8
      "$mail->Username = 'user@example.com';", // 9
      "$mail->Password = getenv('SMTP_PASSWORD');", // 10
      '$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;', // 11
      '$mail->Port = 465;', // 12
    ]);
    const ep = only(x);
    expect(summary(ep).security).toEqual({ value: 'implicit-tls', line: 11 });
    expect(ep.debug).toMatchObject({ value: true, key: 'SMTPDebug', at: { line: 6 } });
    expect(findings(x)).toEqual(['SP015@6 note']);
  });

  it('ENCRYPTION_STARTTLS is required STARTTLS; SMTPDebug = 0 is no finding', () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new \\PHPMailer\\PHPMailer\\PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      '$mail->SMTPDebug = 0;', // 4
      "$mail->Host = 'smtp.example.com';", // 5
      '$mail->Port = 587;', // 6
      '$mail->SMTPSecure = \\PHPMailer\\PHPMailer\\PHPMailer::ENCRYPTION_STARTTLS;', // 7
      '$mail->SMTPAuth = true;', // 8
      "$mail->Username = getenv('U');", // 9
      "$mail->Password = getenv('P');", // 10
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'starttls-required', line: 7 });
    expect(only(x).debug).toBeUndefined();
    expect(findings(x)).toEqual([]);
  });

  it("Host list 'tls://a:587;ssl://b:465': the first entry, its prefix and port, decide", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'tls://smtp1.example.com:587;ssl://smtp2.example.com:465';", // 4
      '$mail->Port = 25;', // 5
      '$mail->SMTPAuth = true;', // 6
      "$mail->Username = getenv('U');", // 7
      "$mail->Password = getenv('P');", // 8
    ]);
    expect(summary(only(x))).toMatchObject({
      host: { value: 'smtp1.example.com', origin: 'literal', line: 4 },
      port: { value: 587, origin: 'literal', line: 4 },
      security: { value: 'starttls-required', line: 4 },
    });
    expect(findings(x)).toEqual([]);
  });

  it("an ssl:// host prefix wins over SMTPSecure = 'tls'", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'ssl://smtp.example.com:465';", // 4
      "$mail->SMTPSecure = 'tls';", // 5
    ]);
    expect(summary(only(x))).toMatchObject({
      port: { value: 465, line: 4 },
      security: { value: 'implicit-tls', line: 4 },
    });
  });

  it("'ssl' with no Port: PHPMailer still uses 25, so implicit TLS on 25 is SP004", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'smtp.example.com';", // 4
      "$mail->SMTPSecure = 'ssl';", // 5
    ]);
    expect(summary(only(x)).port).toEqual({ value: 25, origin: 'derived', line: 4 });
    expect(findings(x)).toEqual(['SP001@4 warning', 'SP004@5 error']);
  });

  it("an unknown SMTPSecure ('TLS') is ignored: opportunistic STARTTLS and SP014", () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'smtp.example.com';", // 4
      '$mail->Port = 587;', // 5
      "$mail->SMTPSecure = 'TLS';", // 6
      '$mail->SMTPAuth = true;', // 7
      "$mail->Username = getenv('U');", // 8
      "$mail->Password = getenv('P');", // 9
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'starttls-opportunistic', line: 6 });
    expect(findings(x)).toEqual(['SP003@6 warning', 'SP014@6 warning']);
  });

  it('env reads: getenv(X) ?: d is the default; (int) getenv(X) is unknown (SP012)', () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer(true);', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = getenv('SMTP_HOST') ?: 'smtp.example.com';", // 4
      "$mail->Port = (int) getenv('SMTP_PORT');", // 5
      '$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;', // 6
      '$mail->SMTPAuth = true;', // 7
      "$mail->Username = $_SERVER['SMTP_USER'] ?? 'mailer';", // 8
      "$mail->Password = $_ENV['SMTP_PASS'];", // 9
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      host: { value: 'smtp.example.com', origin: 'default', line: 4 },
      port: { origin: 'env', line: 5 },
      security: { value: 'starttls-required', line: 6 },
      password: { origin: 'env', line: 9 },
    });
    expect(ep.user).toMatchObject({ value: 'mailer', origin: 'default' });
    expect(findings(x)).toEqual(['SP012@5 note']);
  });

  it('isMail() without isSMTP(): the object is inactive and its findings are capped at note', () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isMail();', // 3
      "$mail->Host = 'smtp.example.com';", // 4
      '$mail->Port = 587;', // 5
      "$mail->SMTPSecure = 'ssl';", // 6
    ]);
    const ep = only(x);
    expect(ep.active).toBe(false);
    expect(ep.inactiveReason).toContain('$mail->isMail()');
    expect(findings(x)).toEqual(['SP008@4 note', 'SP004@6 note']);
  });

  it('objects are grouped per variable and scope: $this->mailer across methods, $mail per function', () => {
    const x = run('src/Mailer.php', [
      '<?php', // 1
      'class Notifier {', // 2
      '  private $mailer;', // 3
      '  public function __construct() {', // 4
      '    $this->mailer = new PHPMailer(true);', // 5
      '    $this->mailer->isSMTP();', // 6
      "    $this->mailer->Host = 'smtp.office365.com';", // 7
      '  }', // 8
      '  public function secure() {', // 9
      '    $this->mailer->Port = 587;', // 10
      '    $this->mailer->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;', // 11
      '    $this->mailer->SMTPAuth = true;', // 12
      "    $this->mailer->Username = getenv('O365_USER');", // 13
      "    $this->mailer->Password = getenv('O365_PASS');", // 14
      '  }', // 15
      '}', // 16
      'function backup() {', // 17
      '  $mail = new PHPMailer();', // 18
      '  $mail->isSMTP();', // 19
      "  $mail->Host = 'backup.example.org';", // 20
      '  $mail->Port = 2525;', // 21
      '}', // 22
      'function other() {', // 23
      '  $mail = new PHPMailer();', // 24
      '  $mail->isSMTP();', // 25
      "  $mail->Host = 'third.example.org';", // 26
      '}', // 27
    ]);
    expect(x.endpoints.map((e) => [e.product, e.at.line, e.security.value, e.port?.value])).toEqual(
      [
        ['PHPMailer ($this->mailer)', 7, 'starttls-required', 587],
        ['PHPMailer ($mail)', 20, 'starttls-opportunistic', 2525],
        ['PHPMailer ($mail)', 26, 'starttls-opportunistic', 25],
      ],
    );
    expect(findings(x)).toEqual([
      'SP011@14 warning',
      'SP003@20 warning',
      'SP008@20 warning',
      'SP009@21 note',
      'SP001@26 warning',
      'SP003@26 warning',
    ]);
  });

  it('WordPress phpmailer_init closure with define() constants', () => {
    const x = run('wp-content/mu-plugins/smtp.php', [
      '<?php', // 1
      "define('SMTP_HOST', 'smtp.sendgrid.net');", // 2
      "define('SMTP_PORT', 587);", // 3
      "add_action('phpmailer_init', function ($phpmailer) {", // 4
      '  $phpmailer->isSMTP();', // 5
      '  $phpmailer->Host = SMTP_HOST;', // 6
      '  $phpmailer->Port = SMTP_PORT;', // 7
      "  $phpmailer->SMTPSecure = 'tls';", // 8
      '  $phpmailer->SMTPAuth = true;', // 9
      "  $phpmailer->Username = 'apikey';", // 10
      '  $phpmailer->Password = SMTP_PASS;', // 11
      '});', // 12
    ]);
    expect(summary(only(x))).toMatchObject({
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 6 },
      port: { value: 587, origin: 'literal', line: 7 },
      security: { value: 'starttls-required', line: 8 },
      password: { origin: 'env', line: 11 },
    });
  });

  it('a commented-out literal Password in a PHPMailer file is SP007', () => {
    const x = run('mailer.php', [
      '<?php', // 1
      '$mail = new PHPMailer();', // 2
      '$mail->isSMTP();', // 3
      "$mail->Host = 'smtp.example.com';", // 4
      '$mail->Port = 465;', // 5
      "$mail->SMTPSecure = 'ssl';", // 6
      '$mail->SMTPAuth = true;', // 7
      "$mail->Username = getenv('U');", // 8
      "$mail->Password = getenv('P');", // 9
      "// $mail->Password = 'Vb7nQ3xLm9Kt';", // 10
    ]);
    expect(findings(x)).toEqual(['SP007@10 error']);
    expectHidden(x, 'Vb7nQ3xLm9Kt');
  });

  it('objects with Host/Port but no PHPMailer signal are not PHPMailer', () => {
    const x = run('db.php', [
      '<?php', // 1
      '$db = new Database();', // 2
      "$db->Host = 'db.mail.example.com';", // 3
      '$db->Port = 3306;', // 4
    ]);
    expect(x.endpoints).toEqual([]);
  });
});

describe('Laravel config/mail.php', () => {
  const skeleton = (defaultMailer: string, smtp: string[]) => [
    '<?php', // 1
    '', // 2
    'return [', // 3
    `    'default' => ${defaultMailer},`, // 4
    "    'mailers' => [", // 5
    "        'smtp' => [", // 6
    "            'transport' => 'smtp',", // 7
    ...smtp, // 8...
    '        ],', //
    "        'log' => ['transport' => 'log', 'channel' => env('MAIL_LOG_CHANNEL')],",
    '    ],',
    "    'from' => ['address' => env('MAIL_FROM_ADDRESS', 'hello@example.com')],",
    '];',
  ];

  it("Laravel 11 skeleton: default mailer 'log' makes smtp inactive; scheme env() without default is null (port-based)", () => {
    const x = run(
      'config/mail.php',
      skeleton("env('MAIL_MAILER', 'log')", [
        "            'scheme' => env('MAIL_SCHEME'),", // 8
        "            'url' => env('MAIL_URL'),", // 9
        "            'host' => env('MAIL_HOST', '127.0.0.1'),", // 10
        "            'port' => env('MAIL_PORT', 2525),", // 11
        "            'username' => env('MAIL_USERNAME'),", // 12
        "            'password' => env('MAIL_PASSWORD'),", // 13
        "            'timeout' => null,", // 14
      ]),
    );
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'laravel',
      line: 10,
      active: false,
      host: { value: '127.0.0.1', origin: 'default', line: 10 },
      port: { value: 2525, origin: 'default', line: 11 },
      security: { value: 'starttls-opportunistic', line: 10 },
      password: { origin: 'env', line: 13 },
    });
    expect(ep.product).toBe('Laravel 11+ config/mail.php (Symfony Mailer)');
    expect(ep.inactiveReason).toContain("the default mailer is 'log'");
    expect(ep.inactiveReason).toContain('MAIL_MAILER=smtp');
    expect(findings(x)).toEqual(['SP009@11 note']);
  });

  it("Laravel 9/10 layout: 'encryption' => 'tls' on 587 is opportunistic STARTTLS (Laravel 9+ assumed): SP003 on the encryption line", () => {
    const x = run(
      'config/mail.php',
      skeleton("env('MAIL_MAILER', 'smtp')", [
        "            'host' => env('MAIL_HOST', 'smtp.mailgun.org'),", // 8
        "            'port' => env('MAIL_PORT', 587),", // 9
        "            'encryption' => env('MAIL_ENCRYPTION', 'tls'),", // 10
        "            'username' => env('MAIL_USERNAME'),", // 11
        "            'password' => env('MAIL_PASSWORD'),", // 12
      ]),
    );
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'laravel',
      line: 8,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'default', line: 8 },
      port: { value: 587, origin: 'default', line: 9 },
      security: { value: 'starttls-opportunistic', line: 10 },
      password: { origin: 'env', line: 12 },
    });
    expect(ep.product).toContain('Laravel 9+ assumed');
    expect(findings(x)).toEqual(['SP003@10 warning']);
    expect(messages(x, 'SP003')[0]).toContain('Laravel 9+ assumed');
  });

  it("'encryption' => 'ssl' on 587: ignored on Laravel 9+ (SP014 names both versions), opportunistic STARTTLS", () => {
    const x = run(
      'config/mail.php',
      skeleton("'smtp'", [
        "            'host' => 'smtp.example.com',", // 8
        "            'port' => 587,", // 9
        "            'encryption' => 'ssl',", // 10
        "            'username' => 'app',", // 11
        "            'password' => env('MAIL_PASSWORD'),", // 12
      ]),
    );
    expect(summary(only(x)).security).toEqual({ value: 'starttls-opportunistic', line: 10 });
    expect(findings(x)).toEqual(['SP003@10 warning', 'SP014@10 warning']);
    const msg = messages(x, 'SP014')[0];
    expect(msg).toContain("'encryption' => 'ssl'");
    expect(msg).toMatch(/Laravel 8 and older/);
    expect(msg).toMatch(/Assumed the newest Laravel/);
  });

  it("'verify_peer' => false in mailers.smtp turns verification off (SP005 on that line)", () => {
    const x = run(
      'config/mail.php',
      skeleton("env('MAIL_MAILER', 'smtp')", [
        "            'host' => env('MAIL_HOST', 'smtp.example.com'),", // 8
        "            'port' => env('MAIL_PORT', 465),", // 9
        "            'username' => env('MAIL_USERNAME'),", // 10
        "            'password' => env('MAIL_PASSWORD'),", // 11
        "            'verify_peer' => false,", // 12
      ]),
    );
    expect(summary(only(x))).toMatchObject({
      security: { value: 'implicit-tls', line: 8 },
      tlsVerify: { value: false, line: 12 },
    });
    expect(findings(x)).toEqual(['SP005@12 error']);
  });

  it("'stream' SSL options in mailers.smtp are SwiftMailer-only: SP014 (ignored on Laravel 9+), verification stays on", () => {
    const x = run(
      'config/mail.php',
      skeleton("'smtp'", [
        "            'host' => 'smtp.example.com',", // 8
        "            'port' => 465,", // 9
        "            'username' => env('MAIL_USERNAME'),", // 10
        "            'password' => env('MAIL_PASSWORD'),", // 11
        "            'stream' => ['ssl' => ['verify_peer' => false, 'allow_self_signed' => true]],", // 12
      ]),
    );
    expect(only(x).tlsVerify).toBeUndefined();
    expect(findings(x)).toEqual(['SP014@12 warning']);
  });

  it("a literal 'url' overrides the fields and is read as a Symfony DSN", () => {
    const x = run(
      'config/mail.php',
      skeleton("'smtp'", [
        "            'url' => 'smtp://smtp.example.com:587?require_tls=true',", // 8
        "            'host' => 'ignored.example.com',", // 9
        "            'port' => 25,", // 10
      ]),
    );
    expect(summary(only(x))).toMatchObject({
      ecosystem: 'laravel',
      line: 8,
      host: { value: 'smtp.example.com', line: 8 },
      port: { value: 587, line: 8 },
      security: { value: 'starttls-required', line: 8 },
    });
  });

  it('a failover default keeps the smtp mailer it lists active; a second smtp-transport mailer is its own endpoint', () => {
    const x = run('config/mail.php', [
      '<?php', // 1
      'return [', // 2
      "    'default' => 'failover',", // 3
      "    'mailers' => [", // 4
      "        'smtp' => ['transport' => 'smtp', 'host' => 'smtp.example.com', 'port' => 465],", // 5
      "        'backup' => ['transport' => 'smtp', 'host' => 'backup.example.com', 'port' => 587],", // 6
      "        'failover' => ['transport' => 'failover', 'mailers' => ['smtp', 'log']],", // 7
      '    ],', // 8
      '];', // 9
    ]);
    expect(x.endpoints.map((e) => [e.at.line, e.active, e.security.value])).toEqual([
      [5, true, 'implicit-tls'],
      [6, false, 'starttls-opportunistic'],
    ]);
  });

  it("Laravel ≤6 layout (SwiftMailer): 'tls' is required STARTTLS; 'stream' verify_peer false is SP005 with siblings", () => {
    const x = run('config/mail.php', [
      '<?php', // 1
      'return [', // 2
      "    'driver' => env('MAIL_DRIVER', 'smtp'),", // 3
      "    'host' => env('MAIL_HOST', 'smtp.mailgun.org'),", // 4
      "    'port' => env('MAIL_PORT', 587),", // 5
      "    'encryption' => env('MAIL_ENCRYPTION', 'tls'),", // 6
      "    'username' => env('MAIL_USERNAME'),", // 7
      "    'password' => env('MAIL_PASSWORD'),", // 8
      "    'stream' => [", // 9
      "        'ssl' => [", // 10
      "            'allow_self_signed' => true,", // 11
      "            'verify_peer' => false,", // 12
      "            'verify_peer_name' => false,", // 13
      '        ],', // 14
      '    ],', // 15
      '];', // 16
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'laravel',
      line: 4,
      active: true,
      host: { value: 'smtp.mailgun.org', origin: 'default', line: 4 },
      port: { value: 587, origin: 'default', line: 5 },
      security: { value: 'starttls-required', line: 6 },
      tlsVerify: { value: false, line: 11 },
      password: { origin: 'env', line: 8 },
    });
    expect(ep.verifyOffAlso?.map((l) => l.line)).toEqual([12, 13]);
    expect(ep.product).toBe('Laravel ≤6 config/mail.php (SwiftMailer)');
    expect(findings(x)).toEqual(['SP005@11 error']);
  });

  it('Laravel ≤6 with no encryption: SwiftMailer sends no STARTTLS at all (plain, SP002 on the host line)', () => {
    const x = run('config/mail.php', [
      '<?php', // 1
      'return array(', // 2
      "    'driver' => 'smtp',", // 3
      "    'host' => 'mail.example.org',", // 4
      "    'port' => 587,", // 5
      "    'encryption' => null,", // 6
      "    'username' => 'app@example.org',", // 7
      "    'password' => getenv('MAIL_PASSWORD'),", // 8
      ');', // 9
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'plain', line: 6 });
    expect(findings(x)).toEqual(['SP002@6 error']);
  });

  it("Laravel ≤6 driver 'mail' with 'ssl' on 587: implicit TLS (SwiftMailer), inactive, so SP004 is a note", () => {
    const x = run('app/config/mail.php', [
      '<?php', // 1
      '', // 2
      'return array(', // 3
      "    'driver' => 'mail',", // 4
      "    'host' => 'smtp.googlemail.com',", // 5
      "    'port' => 587,", // 6
      "    'from' => array('address' => getenv('email_address'), 'name' => 'Wall'),", // 7
      "    'encryption' => 'ssl',", // 8
      "    'username' => getenv('email_address'),", // 9
      "    'password' => getenv('email_password'),", // 10
      "    'pretend' => false,", // 11
      ');', // 12
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'laravel',
      line: 5,
      active: false,
      host: { value: 'smtp.googlemail.com', origin: 'literal', line: 5 },
      port: { value: 587, origin: 'literal', line: 6 },
      security: { value: 'implicit-tls', line: 8 },
      password: { origin: 'env', line: 10 },
    });
    expect(findings(x)).toEqual(['SP004@8 note', 'SP011@10 note']);
  });
});

describe('Nextcloud config.php', () => {
  it("'ssl' with port '465' is implicit TLS; a Gmail app password is SP007; db secrets are not SMTP", () => {
    const secret = 'qzrxwplmvnbtkdhs';
    const x = run('config/config.php', [
      '<?php', // 1
      '$CONFIG = array (', // 2
      "  'dbpassword' => 'Ab1Cd2Ef3Gh4Ij5Kl6',", // 3
      "  'mail_smtpmode' => 'smtp',", // 4
      "  'mail_smtpauth' => 1,", // 5
      "  'mail_smtpname' => 'home.admin@gmail.com',", // 6
      `  'mail_smtppassword' => '${secret}',`, // 7
      "  'mail_smtpsecure' => 'ssl',", // 8
      "  'mail_smtphost' => 'smtp.gmail.com',", // 9
      "  'mail_smtpport' => '465',", // 10
      ');', // 11
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'nextcloud',
      line: 9,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 9 },
      port: { value: 465, origin: 'literal', line: 10 },
      security: { value: 'implicit-tls', line: 8 },
      password: { origin: 'literal', line: 7 },
    });
    expect(findings(x)).toEqual(['SP007@7 error', 'SP011@7 note']);
    expectHidden(x, secret);
  });

  it("'tls' is silently ignored since Nextcloud 26: opportunistic STARTTLS, SP014 and SP003 on the mail_smtpsecure line", () => {
    const x = run('config/config.php', [
      '<?php', // 1
      '$CONFIG = [', // 2
      "  'mail_smtphost' => 'smtp.example.com',", // 3
      "  'mail_smtpport' => 587,", // 4
      "  'mail_smtpsecure' => 'tls',", // 5
      "  'mail_smtpauth' => true,", // 6
      "  'mail_smtpname' => 'cloud@example.com',", // 7
      '];', // 8
      "$CONFIG['mail_smtppassword'] = getenv('SMTP_PASSWORD');", // 9
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      security: { value: 'starttls-opportunistic', line: 5 },
      password: { origin: 'env', line: 9 },
    });
    expect(findings(x)).toEqual(['SP003@5 warning', 'SP014@5 warning']);
    expect(messages(x, 'SP014')[0]).toMatch(/Nextcloud 26.*Assumed the newest Nextcloud/s);
    const sp003 = evaluate(x.endpoints, x.looseSecrets).find((f) => f.ruleId === 'SP003');
    expect(sp003?.fix).toMatch(/no setting that requires STARTTLS: use 'mail_smtpsecure' => 'ssl'/);
  });

  it('465 without mail_smtpsecure is implicit TLS (Symfony Mailer decides by port); no mail_smtpauth is no auth (SP008)', () => {
    const x = run('config/config.php', [
      '<?php', // 1
      '$CONFIG = array(', // 2
      "  'mail_smtphost' => 'mail.example.org',", // 3
      "  'mail_smtpport' => 465,", // 4
      ');', // 5
    ]);
    expect(summary(only(x)).security).toEqual({ value: 'implicit-tls', line: 4 });
    expect(findings(x)).toEqual(['SP008@3 warning']);
  });

  it("mail_smtpstreamoptions verify_peer false is SP005; mail_smtpmode 'sendmail' makes it inactive", () => {
    const x = run('config/config.php', [
      '<?php', // 1
      '$CONFIG = array(', // 2
      "  'mail_smtpmode' => 'sendmail',", // 3
      "  'mail_smtphost' => 'mail.example.org',", // 4
      "  'mail_smtpport' => 587,", // 5
      "  'mail_smtpstreamoptions' => array(", // 6
      "    'ssl' => array(", // 7
      "      'allow_self_signed' => true,", // 8
      "      'verify_peer' => false,", // 9
      "      'verify_peer_name' => false,", // 10
      '    ),', // 11
      '  ),', // 12
      ');', // 13
    ]);
    const ep = only(x);
    expect(ep.active).toBe(false);
    expect(summary(ep).tlsVerify).toEqual({ value: false, line: 8 });
    expect(ep.verifyOffAlso?.map((l) => l.line)).toEqual([9, 10]);
    expect(findings(x)).toEqual(['SP003@4 note', 'SP008@4 note', 'SP005@8 note']);
  });

  it("mail_smtpmode 'php' is no longer a mode: Nextcloud falls back to SMTP (active, SP014)", () => {
    const x = run('config/config.php', [
      '<?php', // 1
      '$CONFIG = array(', // 2
      "  'mail_smtpmode' => 'php',", // 3
      "  'mail_smtphost' => 'smtp.example.org',", // 4
      "  'mail_smtpport' => 465,", // 5
      "  'mail_smtpsecure' => 'ssl',", // 6
      ');', // 7
    ]);
    expect(only(x).active).toBe(true);
    expect(findings(x)).toEqual(['SP014@3 warning', 'SP008@4 warning']);
  });

  it('nextcloud/docker env helper: everything from getenv() is unknown, the password from branches is env (SP012 only)', () => {
    const x = run('.config/smtp.config.php', [
      '<?php', // 1
      "if (getenv('SMTP_HOST') && getenv('MAIL_FROM_ADDRESS')) {", // 2
      '  $CONFIG = array (', // 3
      "    'mail_smtpmode' => 'smtp',", // 4
      "    'mail_smtphost' => getenv('SMTP_HOST'),", // 5
      "    'mail_smtpport' => getenv('SMTP_PORT') ?: (getenv('SMTP_SECURE') ? 465 : 25),", // 6
      "    'mail_smtpsecure' => getenv('SMTP_SECURE') ?: '',", // 7
      "    'mail_smtpauth' => getenv('SMTP_NAME') && getenv('SMTP_PASSWORD'),", // 8
      "    'mail_smtpname' => getenv('SMTP_NAME') ?: '',", // 9
      '  );', // 10
      "  if (getenv('SMTP_PASSWORD_FILE')) {", // 11
      "    $CONFIG['mail_smtppassword'] = trim(file_get_contents(getenv('SMTP_PASSWORD_FILE')));", // 12
      '  } else {', // 13
      "    $CONFIG['mail_smtppassword'] = '';", // 14
      '  }', // 15
      '}', // 16
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'nextcloud',
      line: 5,
      active: true,
      host: { origin: 'env', line: 5 },
      port: { origin: 'env', line: 6 },
      security: { value: 'unknown', line: 7 },
      password: { origin: 'env', line: 12 },
    });
    expect(findings(x)).toEqual(['SP012@5 note']);
  });
});

describe('Symfony Mailer DSN in PHP config', () => {
  it('->dsn() built from %env()% only: host, port and TLS mode unknown (SP012 on the dsn line)', () => {
    const x = run('config/packages/mailer.php', [
      '<?php', // 1
      'return static function (FrameworkConfig $framework): void {', // 2
      '    $framework->mailer()', // 3
      "        ->dsn('smtp://%env(SMTP_USERNAME)%:%env(SMTP_PASSWORD)%@%env(SMTP_HOST)%:%env(SMTP_PORT)%')", // 4
      "        ->envelope()->sender('%env(SMTP_USERNAME)%');", // 5
      '};', // 6
    ]);
    const ep = only(x);
    expect(summary(ep)).toEqual({
      ecosystem: 'dsn-symfony',
      line: 4,
      active: true,
      host: { origin: 'env', line: 4 },
      port: { origin: 'env', line: 4 },
      security: { value: 'unknown', line: 4 },
      password: { origin: 'env', line: 4 },
    });
    expect(findings(x)).toEqual(['SP012@4 note']);
  });

  it('a literal DSN with ?verify_peer=0 and a password: SP003, SP005, SP007 on the dsn line', () => {
    const secret = 'Zr8kW3qNp5Lx';
    const x = run('config/packages/mailer.php', [
      '<?php', // 1
      "$container->extension('framework', [", // 2
      "    'mailer' => [", // 3
      `        'dsn' => 'smtp://app:${secret}@smtp.example.com:587?verify_peer=0',`, // 4
      '    ],', // 5
      ']);', // 6
    ]);
    expect(summary(only(x))).toMatchObject({
      host: { value: 'smtp.example.com', line: 4 },
      port: { value: 587, line: 4 },
      security: { value: 'starttls-opportunistic', line: 4 },
      tlsVerify: { value: false, line: 4 },
    });
    expect(findings(x)).toEqual(['SP003@4 warning', 'SP005@4 error', 'SP007@4 error']);
    expectHidden(x, secret);
  });

  it("Transport::fromDsn('smtps://...') is implicit TLS on 465; a dsn from %env(MAILER_DSN)% alone is no endpoint", () => {
    const x = run('src/send.php', [
      '<?php', // 1
      'use Symfony\\Component\\Mailer\\Transport;', // 2
      "$transport = Transport::fromDsn('smtps://smtp.example.com');", // 3
      "$other = ['mailer' => ['dsn' => '%env(MAILER_DSN)%']];", // 4
    ]);
    expect(summary(only(x))).toMatchObject({
      line: 3,
      port: { value: 465, origin: 'derived', line: 3 },
      security: { value: 'implicit-tls', line: 3 },
    });
  });
});

describe('robustness', () => {
  it('a syntax error is a diagnostic; the rest of the file is still read', () => {
    const r = readPhp(
      'mailer.php',
      text([
        '<?php', // 1
        '$broken = ;', // 2
        '$mail = new PHPMailer();', // 3
        '$mail->isSMTP();', // 4
        "$mail->Host = 'smtp.example.com';", // 5
      ]),
    );
    expect(r.diagnostics[0]).toMatch(/^PHP syntax error at line 2/);
    expect(r.drafts).toHaveLength(1);
  });

  it('input php-parser cannot handle (deep nesting) is a diagnostic, never an exception', () => {
    const r = readPhp('mail.php', '<?php $mail->Host = ' + '['.repeat(20000) + ';');
    expect(r.drafts).toEqual([]);
    expect(r.diagnostics.join(' ')).toMatch(/PHP parser failed/);
  });

  it('a php-parser infinite loop (whitespace at EOF inside a #[ attribute) is cut off by the work budget', () => {
    const t0 = Date.now();
    const r = readPhp('mail.php', '<?php $mail->Host = new PHPMailer#[\n');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.diagnostics.join(' ')).toMatch(/work budget/);
  });

  it('HTML around PHP blocks keeps lines; files without mail words are not parsed', () => {
    const x = run('contact.php', [
      '<html><body>', // 1
      '<?php', // 2
      '$mail = new PHPMailer();', // 3
      "$mail->Host = 'smtp.example.com'; $mail->isSMTP(); ?>", // 4
      '<p>sent</p>', // 5
    ]);
    expect(only(x).host?.at).toMatchObject({ line: 4, column: 8 });
    expect(readPhp('a.php', '<?php echo 1;')).toEqual({
      drafts: [],
      looseSecrets: [],
      diagnostics: [],
    });
    for (const l of locations(x)) expect(l.line).toBeLessThanOrEqual(5);
  });
});
