/**
 * Is a committed credential real or a placeholder? (DESIGN.md §3, SP007 placeholders.)
 * The value itself never leaves this module: callers keep only the verdict and a redacted form.
 */

/** Words that mark a value as a stand-in, when the value is made of words only (no digits or symbols). */
const PLACEHOLDER_WORDS =
  /(password|passwd|secret|changeme|change[-_ ]?me|change[-_ ]?it|example|placeholder|dummy|sample|your|xxxx|redacted|insert|replace|todo|fixme|tbd|none|null|nil|undefined|default)/i;

const PLACEHOLDER_EXACT =
  /^(|test|tests|testing|demo|foo|bar|baz|qux|abc|abc123|123|1234|12345|123456|admin|user|username|login|apikey|api[-_]?key|token|key|xxx+|x+|\*+|\.+|-+|_+|\?+|#+)$/i;

const WRAPPED = /^(<.*>|\[.*\]|\{.*\}|\(.*\))$/s;

/** Shapes of real credentials: flagged even where a placeholder word would otherwise excuse them. */
const REAL_SHAPES: RegExp[] = [
  /^[a-z]{4} ?[a-z]{4} ?[a-z]{4} ?[a-z]{4}$/, // Google app password
  /^SG\.[\w-]{16,}\.[\w-]{16,}$/, // SendGrid API key
  /^xkeysib-[a-f0-9]{32,}/, // Brevo API key
  /^xsmtpsib-[a-f0-9]{32,}/, // Brevo SMTP key
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id (SES SMTP user)
  /^key-[a-f0-9]{32}$/, // Mailgun API key
];

export type SecretVerdict = 'literal' | 'placeholder';

/** Classify a literal credential value (references are classified before this is called). */
/** "password" in other languages: a translated stand-in is still a stand-in. */
const FOREIGN_WORDS =
  /^(пароль|контрасеña|contraseña|mot de passe|motdepasse|passwort|kennwort|senha|parola|hasło|haslo|wachtwoord|lösenord|salasana|şifre|sifre|密码|密碼|パスワード|비밀번호|كلمة المرور|סיסמה)$/i;

/** Runs like `abcdefghijklmnop`, `123456789`, `qwertyuiop`: typed as examples, never generated. */
function isKeyboardRun(v: string): boolean {
  const s = v.toLowerCase().replace(/[\s_-]/g, '');
  if (s.length < 6) return false;
  for (const run of [
    'abcdefghijklmnopqrstuvwxyz',
    '0123456789012345678901234567890',
    'qwertyuiopasdfghjklzxcvbnm',
  ]) {
    if (run.includes(s)) return true;
  }
  return /^(.)\1+$/.test(s);
}

export function classifySecret(value: string): SecretVerdict {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (FOREIGN_WORDS.test(v) || isKeyboardRun(v)) return 'placeholder';
  if (REAL_SHAPES.some((re) => re.test(v))) return 'literal';
  if (PLACEHOLDER_EXACT.test(v)) return 'placeholder';
  if (WRAPPED.test(v)) return 'placeholder';
  if (/^(your|my)[-_ ]?/i.test(v) || /^REPLACE|^CHANGE|^ENTER|^PUT[-_ ]|^SET[-_ ]/i.test(v))
    return 'placeholder';
  if (PLACEHOLDER_WORDS.test(v) && /^[A-Za-z _.-]+$/.test(v) && v.length < 40) return 'placeholder';
  if (/xxxx|\*\*\*|<[^<>]+>|\$\{[^{}$]+\}/i.test(v)) return 'placeholder';
  return 'literal';
}

/** What a report may show of a secret: never the value, only its length. */
export function redact(value: string): string {
  return value.length === 0 ? '' : `<redacted, ${value.length} characters>`;
}

/** Is this host value a placeholder (template text, not a host name)? */
export function isPlaceholderHost(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === 'null' || v === '~') return true;
  if (WRAPPED.test(v)) return true;
  if (/^(your|my)[-_ ]|^YOUR_|^REPLACE|^CHANGE|^ENTER/i.test(v)) return true;
  if (/^x+$/i.test(v) || /^\*+$/.test(v)) return true;
  return /\s/.test(v);
}
