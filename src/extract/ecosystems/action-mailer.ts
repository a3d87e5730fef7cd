/**
 * The mail gem's SMTP settings as Ruby code writes them (SEMANTICS.md §6): Rails ActionMailer
 * `smtp_settings`, the mail gem's `delivery_method :smtp, {…}`, Pony's `via_options`, and GitLab
 * Omnibus `gitlab_rails['smtp_*']`. Mail gem 2.8 (Rails 7) semantics, with Ruby truthiness:
 * - `address` defaults to 'localhost', `port` to 25 (also with `tls`);
 * - `tls`/`ssl` truthy → implicit TLS; else `enable_starttls` truthy → required STARTTLS
 *   (`:auto` → opportunistic); else `enable_starttls_auto` given → opportunistic when truthy,
 *   plain when false, whatever the port; else `enable_starttls: false` → plain; else (neither
 *   given, nil counts as not given) → opportunistic (mail 2.8 `Mail::SMTP#smtp_starttls`);
 * - `tls` together with an explicit `enable_starttls(_auto)` true raises in mail ≥ 2.8 (SP013);
 * - a String used as a flag is true, even "false" (`!!ENV['X']`, `tls: ENV['X']`, `tls: 'false'`):
 *   SP014;
 * - `openssl_verify_mode` `none`/`:none`/`OpenSSL::SSL::VERIFY_NONE` turns verification off.
 */
import type { Location, Observation, ProductKnobs, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  locate,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { isVerifyNone, lower, security, unknownFromEnv, valueOf } from './common.js';

export type MailFlavor = 'rails' | 'mail' | 'pony' | 'gitlab';

export interface MailValue {
  /** Path `[key as written]`, the value by the code convention, the key's location. */
  entry: Entry;
  /** The value as written in Ruby. */
  source: string;
  /** Ruby truthiness when known statically (nil and false are false, every other object true). */
  truth?: boolean;
  /** The value is nil: for the mail gem, the same as not setting the key. */
  nil?: boolean;
  /** The value is a String read from this environment variable: as a flag, "false" is true. */
  envString?: string;
  /** The value is a String literal (as a flag, even 'false' is true). */
  stringLiteral?: string;
  /** A secret store reference (Rails credentials): shown as written. */
  secret?: boolean;
}

export interface MailBlock {
  file: string;
  flavor: MailFlavor;
  product: string;
  /** Canonical key (lower case, `_` removed, GitLab's `smtp_` prefix removed) → value. */
  keys: Map<string, MailValue>;
  /** The settings statement (fallback anchor). */
  anchor: Location;
  active: boolean;
  inactiveReason?: string;
}

const SMTP_KEYS = [
  'address',
  'port',
  'username',
  'password',
  'authentication',
  'tls',
  'ssl',
  'enablestarttls',
  'enablestarttlsauto',
  'opensslverifymode',
];

export const RAILS_KNOBS: ProductKnobs = {
  requireStartTls: 'enable_starttls: true (mail ≥ 2.8 / Rails 7)',
  implicitTls: 'tls: true with port: 465',
  verifyOn: "remove openssl_verify_mode: 'none' (the default, 'peer', verifies the certificate)",
  port: 'port',
  secretRef: 'read it from Rails.application.credentials (bin/rails credentials:edit) or ENV',
};

export const GITLAB_KNOBS: ProductKnobs = {
  requireStartTls: null,
  implicitTls:
    "gitlab_rails['smtp_tls'] = true with gitlab_rails['smtp_port'] = 465 (and smtp_enable_starttls_auto = false)",
  verifyOn: "gitlab_rails['smtp_openssl_verify_mode'] = 'peer'",
  port: "gitlab_rails['smtp_port']",
  secretRef:
    "use GitLab's encrypted SMTP credentials (gitlab-rake gitlab:smtp:secret:edit) or ENV['SMTP_PASSWORD']",
};

const ECOSYSTEM: Record<MailFlavor, string> = {
  rails: 'rails',
  mail: 'mail-gem',
  pony: 'pony',
  gitlab: 'gitlab',
};

/** `address`, `smtp_enable_starttls_auto`, `'user_name'` → `address`, `enablestarttlsauto`, `username`. */
export function mailKey(written: string, flavor: MailFlavor): string {
  const k = written.toLowerCase();
  return (flavor === 'gitlab' ? k.replace(/^smtp_/, '') : k).replace(/[^a-z0-9]/g, '');
}

const FLAG_EFFECT: Record<string, string> = {
  tls: 'turns implicit TLS on',
  ssl: 'turns implicit TLS on',
  enablestarttls: 'requires STARTTLS',
  enablestarttlsauto: 'keeps opportunistic STARTTLS on',
};

function keyName(v: MailValue): string {
  return v.entry.path.at(-1) ?? '';
}

/** SP014: a String where a boolean is meant. */
function stringFlags(
  file: string,
  keys: Map<string, MailValue>,
  flavor: MailFlavor,
): Observation[] {
  const out: Observation[] = [];
  for (const [k, effect] of Object.entries(FLAG_EFFECT)) {
    const v = keys.get(k);
    if (!v) continue;
    const at = locate(file, v.entry);
    const name = keyName(v);
    if (v.envString) {
      out.push({
        at,
        message: `\`${name}\` is set from \`${v.source}\`, a String whenever ${v.envString} is set: Ruby treats every String as true, so ${v.envString}=false still ${effect}.`,
        fix: `Convert it to a boolean: ENV['${v.envString}'] == 'true'${flavor === 'gitlab' ? '' : ` (or ActiveModel::Type::Boolean.new.cast(ENV['${v.envString}']))`}.`,
      });
    } else if (
      v.stringLiteral !== undefined &&
      /^(false|no|off|0|nil|null|)$/i.test(v.stringLiteral)
    ) {
      out.push({
        at,
        message: `\`${name}\` is the String ${v.source}: Ruby treats every String as true, so this ${effect}.`,
        fix: `Write the boolean without quotes: ${flavor === 'gitlab' ? `gitlab_rails['${name}'] = false` : `${name}: false`}.`,
      });
    }
  }
  return out;
}

/** Replace the encoded reference with the Ruby text for secret-store values. */
function shown<T>(s: Setting<T>, v: MailValue): Setting<T> {
  return v.secret ? { ...s, raw: v.source } : s;
}

export function mailGemDraft(b: MailBlock): Draft | null {
  const { file, keys } = b;
  if (!SMTP_KEYS.some((k) => keys.has(k))) return null;
  const k = (n: string) => keys.get(n);
  const anchor = b.anchor;
  const hostV = k('address');
  const portV = k('port');
  const host: Setting<string> = hostV
    ? shown(hostSetting(file, hostV.entry), hostV)
    : derived('localhost', 'mail gem default address localhost', anchor);
  const port: Setting<number> = portV
    ? shown(portSetting(file, portV.entry), portV)
    : derived(25, 'mail gem default port 25', anchor);

  // Security.
  const tlsVs = [k('tls'), k('ssl')].filter((v): v is MailValue => !!v);
  const tlsOn = tlsVs.find((v) => v.truth === true);
  const tlsUnknown = tlsVs.find((v) => v.truth === undefined);
  const given = (v: MailValue | undefined) => (v && !v.nil ? v : undefined);
  const st = given(k('enablestarttls'));
  const auto = given(k('enablestarttlsauto'));
  const fallbacks = [hostV?.entry, portV?.entry];
  let sec: Setting<Security>;
  if (tlsOn) sec = security('implicit-tls', file, tlsOn.entry, [], anchor);
  else if (tlsUnknown) sec = unknownFromEnv(file, tlsUnknown.entry);
  else if (st && st.truth === true) {
    const mode = lower(valueOf(st.entry));
    sec = security(
      mode === 'auto' ? 'starttls-opportunistic' : 'starttls-required',
      file,
      st.entry,
      [],
      anchor,
    );
  } else if (st && st.truth === undefined) sec = unknownFromEnv(file, st.entry);
  else if (auto && auto.truth === undefined) sec = unknownFromEnv(file, auto.entry);
  else if (auto) {
    const on = auto.truth === true;
    sec = security(on ? 'starttls-opportunistic' : 'plain', file, auto.entry, [], anchor);
  } else if (st) {
    // enable_starttls: false without enable_starttls_auto: no STARTTLS at all.
    sec = security('plain', file, st.entry, [], anchor);
  } else
    sec = security(
      'starttls-opportunistic',
      file,
      undefined,
      fallbacks,
      anchor,
      b.flavor === 'gitlab'
        ? 'no smtp_tls or smtp_enable_starttls_auto key: the mail gem default (enable_starttls_auto true) applies'
        : 'no tls or enable_starttls key: enable_starttls_auto defaults to true',
    );

  // SP013: tls together with an explicit STARTTLS flag.
  const conflicts: Observation[] = [];
  const other = st?.truth === true ? st : auto?.truth === true ? auto : undefined;
  if (tlsOn && other) {
    const tlsName = keyName(tlsOn);
    const otherName = keyName(other);
    conflicts.push({
      at: locate(file, other.entry),
      message: `${tlsName} (implicit TLS) is true together with ${otherName} (STARTTLS): the mail gem 2.8+ raises "ArgumentError: :enable_starttls and :tls are mutually exclusive"${b.flavor === 'gitlab' ? ' (GitLab 15.11+ fails to send mail)' : ''}.`,
      fix: `Keep one: ${tlsName} true with port 465 and ${otherName} false, or STARTTLS on 587 without ${tlsName}.`,
      related: [{ file, line: tlsOn.entry.line }],
    });
  }

  // Verification.
  const verifyV = k('opensslverifymode');
  let tlsVerify: Setting<boolean> | undefined;
  if (verifyV) {
    const v = valueOf(verifyV.entry);
    if (isVerifyNone(v?.text))
      tlsVerify = {
        value: false,
        raw: verifyV.source,
        at: locate(file, verifyV.entry),
        origin: v?.origin === 'default' ? 'default' : 'literal',
        key: keyName(verifyV),
      };
  }

  const userV = k('username');
  const passV = k('password');
  const authV = k('authentication');
  const authText = lower(valueOf(authV?.entry));
  const authIntended =
    !!userV || !!passV || (!!authV && authV.truth !== false && authText !== 'none');
  const draft: Draft = {
    file,
    ecosystem: ECOSYSTEM[b.flavor],
    product: b.product,
    knobs: b.flavor === 'gitlab' ? GITLAB_KNOBS : RAILS_KNOBS,
    anchor,
    active: b.active,
    inactiveReason: b.inactiveReason,
    host,
    port,
    security: sec,
    tlsVerify,
    authIntended,
    conflicts,
    ignored: stringFlags(file, keys, b.flavor),
  };
  if (userV) draft.user = shown(stringSetting(file, userV.entry), userV);
  if (passV) draft.password = shown(secretSetting(file, passV.entry), passV);
  if (authV && authV.truth !== false) draft.authMethod = stringSetting(file, authV.entry);
  return draft;
}
