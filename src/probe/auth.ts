/**
 * SMTP AUTH (PLAIN, LOGIN, XOAUTH2) over an established session, and the classification of the
 * server's verdict. The caller decides whether AUTH may be sent at all (TLS, verified); this module
 * only speaks it. Payload lines never reach the transcript.
 */
import type { SmtpSession } from './session.js';
import type { AuthFailure, AuthResult, ProbeCredentials, SmtpReply } from './types.js';

export type Mechanism = 'PLAIN' | 'LOGIN' | 'XOAUTH2';

const HIDDEN = '<credentials redacted>';

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** XOAUTH2 when a token is given and offered, else PLAIN, else LOGIN (with a password). */
export function chooseMechanism(
  advertised: readonly string[],
  creds: ProbeCredentials,
): Mechanism | undefined {
  const offered = new Set(advertised.map((m) => m.toUpperCase()));
  if (creds.oauth2Token && creds.username !== undefined && offered.has('XOAUTH2')) return 'XOAUTH2';
  if (creds.password !== undefined && creds.password !== '') {
    if (offered.has('PLAIN')) return 'PLAIN';
    if (offered.has('LOGIN')) return 'LOGIN';
  }
  return undefined;
}

/** What a failed AUTH reply means. */
export function classifyAuthReply(reply: SmtpReply): AuthFailure | undefined {
  const { code } = reply;
  const text = reply.text;
  const enhanced = reply.enhanced ?? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
  if (code === 235) return undefined;
  if (
    enhanced === '5.7.139' ||
    /SmtpClientAuthentication is disabled/i.test(text) ||
    (code === 550 && enhanced === '5.7.30') ||
    enhanced === '5.7.30' ||
    (enhanced === '5.7.3' && /basic authentication is disabled/i.test(text)) ||
    /basic authentication is (disabled|not supported)/i.test(text)
  ) {
    return 'disabled-by-provider';
  }
  if (
    code === 530 ||
    code === 538 ||
    /must issue a STARTTLS command first/i.test(text) ||
    /encryption required/i.test(text)
  ) {
    return 'encryption-required';
  }
  if (code === 535 || enhanced === '5.7.8') return 'bad-credentials';
  if (
    code === 504 ||
    code === 502 ||
    enhanced === '5.5.4' ||
    /mechanism not (offered|supported|available)|unrecognized authentication type/i.test(text)
  ) {
    return 'not-supported';
  }
  if (code === 454 || enhanced === '4.7.0' || (code >= 400 && code < 500)) return 'temporary';
  return 'other';
}

export type AuthStep =
  { ok: true; reply: SmtpReply } | { ok: false; kind: string; message: string };

/**
 * Runs AUTH with `mechanism`. Returns the AuthResult, or a protocol failure (timeout, close,
 * garbage) for the caller to record as a problem.
 */
export async function authenticate(
  session: SmtpSession,
  creds: ProbeCredentials,
  mechanism: Mechanism,
  timeoutMs: number,
): Promise<{ auth: AuthResult; failure?: { kind: string; message: string } }> {
  const user = creds.username ?? '';
  const steps = async (): Promise<AuthStep> => {
    if (mechanism === 'XOAUTH2') {
      const payload = b64(`user=${user}\x01auth=Bearer ${creds.oauth2Token ?? ''}\x01\x01`);
      let r = await session.command(`AUTH XOAUTH2 ${payload}`, timeoutMs, `AUTH XOAUTH2 ${HIDDEN}`);
      if (r.ok && r.reply.code === 334) {
        // The error, base64 JSON; an empty line ends the exchange and brings the final reply.
        r = await session.command('', timeoutMs);
      }
      return r.ok ? { ok: true, reply: r.reply } : r;
    }
    if (mechanism === 'PLAIN') {
      const payload = b64(`\0${user}\0${creds.password ?? ''}`);
      let r = await session.command(`AUTH PLAIN ${payload}`, timeoutMs, `AUTH PLAIN ${HIDDEN}`);
      if (r.ok && r.reply.code === 334) r = await session.command(payload, timeoutMs, HIDDEN);
      return r.ok ? { ok: true, reply: r.reply } : r;
    }
    let r = await session.command('AUTH LOGIN', timeoutMs);
    if (r.ok && r.reply.code === 334) r = await session.command(b64(user), timeoutMs, HIDDEN);
    if (r.ok && r.reply.code === 334) {
      r = await session.command(b64(creds.password ?? ''), timeoutMs, HIDDEN);
    }
    return r.ok ? { ok: true, reply: r.reply } : r;
  };
  const step = await steps();
  if (!step.ok) {
    return {
      auth: { attempted: true, mechanism, ok: false, failure: 'other' },
      failure: { kind: step.kind, message: step.message },
    };
  }
  const failure = classifyAuthReply(step.reply);
  if (step.reply.code === 334) {
    // A challenge after the last step: the server wants more than the mechanism defines.
    return { auth: { attempted: true, mechanism, ok: false, reply: step.reply, failure: 'other' } };
  }
  return failure
    ? { auth: { attempted: true, mechanism, ok: false, reply: step.reply, failure } }
    : { auth: { attempted: true, mechanism, ok: true, reply: step.reply } };
}
