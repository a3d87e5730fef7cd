/**
 * GitHub workflow steps using dawidd6/action-send-mail (nodemailer underneath). `server_port`
 * defaults to 25; `secure` defaults to true only for "465"; `connection_url` overrides host, port and
 * secure (SEMANTICS.md §1).
 */
import type { Security } from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { flagOf, security, unknownFromEnv, valueOf, verifyOff } from './common.js';
import { dsnEndpoint, looksLikeSmtpUrl, normaliseTemplates } from './dsn.js';

export const DAWIDD6_KNOBS = {
  requireStartTls: null,
  implicitTls: 'secure: true with server_port: 465',
  verifyOn: 'remove ignore_cert: true',
  port: 'server_port',
  secretRef: 'pass it as password: ${{ secrets.MAIL_PASSWORD }}',
};

/** `keys` holds the step's `with:` entries by input name. */
export function dawidd6Step(file: string, keys: Map<string, Entry>): Draft | null {
  const k = (n: string) => keys.get(n);
  const urlE = k('connection_url');
  const hostE = k('server_address');
  const portE = k('server_port');
  if (!urlE && !hostE) return null;
  const ignoreE = k('ignore_cert');
  const tlsVerify =
    ignoreE && flagOf(valueOf(ignoreE)) === true ? verifyOff(file, ignoreE) : undefined;
  const userE = k('username');
  const passE = k('password');
  const user = userE ? stringSetting(file, userE) : undefined;
  const password = passE ? secretSetting(file, passE) : undefined;
  if (urlE) {
    const v = valueOf(urlE);
    const text =
      v?.text ??
      (typeof urlE.value === 'string' && looksLikeSmtpUrl(normaliseTemplates(urlE.value))
        ? urlE.value
        : undefined);
    if (text !== undefined) {
      const d = dsnEndpoint(
        text,
        { file, line: urlE.line, column: urlE.column },
        'connection_url',
        'dawidd6',
      );
      if (d) {
        d.product = 'dawidd6/action-send-mail';
        d.ecosystem = 'dawidd6';
        d.tlsVerify = d.tlsVerify ?? tlsVerify;
        // Without userinfo in the URL, the username/password inputs are kept.
        d.user = d.user ?? user;
        d.password = d.password ?? password;
        d.authIntended = !!d.user || !!d.password;
        return d;
      }
    }
  }
  const anchor = { file, line: (hostE ?? urlE)!.line };
  const port = portE ? portSetting(file, portE) : derived(25, 'action default 25', anchor);
  const secureE = k('secure');
  const sv = valueOf(secureE);
  let sec;
  if (urlE) sec = unknownFromEnv(file, urlE);
  else if (secureE && sv?.text === undefined) sec = unknownFromEnv(file, secureE);
  else {
    const secure = secureE ? flagOf(sv) : port.value === 465;
    const s: Security = secure
      ? 'implicit-tls'
      : port.value === undefined && !secureE
        ? 'unknown'
        : 'starttls-opportunistic';
    sec = security(s, file, secureE, [hostE, portE], anchor);
  }
  return {
    file,
    ecosystem: 'dawidd6',
    product: 'dawidd6/action-send-mail',
    knobs: DAWIDD6_KNOBS,
    anchor,
    host: hostE ? hostSetting(file, hostE) : undefined,
    port,
    security: sec,
    tlsVerify,
    user,
    password,
    authIntended: !!user || !!password,
  };
}
