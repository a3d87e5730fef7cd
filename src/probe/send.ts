/**
 * The optional test send, with nodemailer on its own connection: TLS required and verified (unless
 * allow-invalid-cert), TLS 1.2 minimum, short timeouts, no logger. The error message is redacted;
 * message content is never logged.
 */
import net from 'node:net';
import tls from 'node:tls';
import { redact } from './secrets.js';
import { parseReplyLine } from './session.js';
import type {
  ProbeCredentials,
  ProbeOptions,
  ProbeSendOptions,
  ProbeTarget,
  SendResult,
} from './types.js';

export const PROBE_HEADER = 'X-Smtp-Preflight';

function transportAuth(creds: ProbeCredentials | undefined) {
  if (!creds?.username) return undefined;
  if (creds.oauth2Token) {
    return { type: 'OAuth2' as const, user: creds.username, accessToken: creds.oauth2Token };
  }
  if (creds.password) return { user: creds.username, pass: creds.password };
  return undefined;
}

/** Sends one test message. Never rejects; bounded by the probe's timeouts plus a margin. */
export async function sendTestMessage(
  target: Pick<ProbeTarget, 'host' | 'port' | 'security'>,
  options: ProbeOptions,
  message: ProbeSendOptions,
  creds: ProbeCredentials | undefined,
  variants: readonly string[],
): Promise<SendResult> {
  const { timeouts } = options;
  // Loaded here: only a test send needs nodemailer.
  const nodemailer = (await import('nodemailer')).default;
  const transporter = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.security === 'implicit-tls',
    requireTLS: target.security !== 'implicit-tls',
    name: options.ehloName,
    auth: transportAuth(creds),
    tls: {
      rejectUnauthorized: !options.allowInvalidCert,
      ca:
        options.ca && options.ca.length > 0 ? [...tls.rootCertificates, ...options.ca] : undefined,
      minVersion: 'TLSv1.2',
      servername: net.isIP(target.host) ? undefined : target.host,
    },
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: Math.max(timeouts.commandMs, timeouts.sendMs),
    logger: false,
    debug: false,
  });
  const deadlineMs =
    timeouts.connectMs +
    timeouts.greetingMs +
    timeouts.tlsMs +
    timeouts.commandMs * 6 +
    timeouts.sendMs;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the test send did not finish within ${deadlineMs} ms`)),
      deadlineMs,
    );
  });
  try {
    const info = await Promise.race([
      transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject ?? 'smtp-preflight test message',
        text: message.text ?? 'This message was sent by smtp-preflight to test the SMTP settings.',
        headers: { [PROBE_HEADER]: '1' },
      }),
      deadline,
    ]);
    const reply = parseReplyLine(String(info.response ?? ''), variants);
    const rejected = (info.rejected ?? []).length > 0;
    return {
      attempted: true,
      ok: !rejected,
      messageId: info.messageId,
      ...(reply ? { reply } : {}),
      ...(rejected ? { error: 'some recipients were rejected' } : {}),
    };
  } catch (err) {
    const e = err as { message?: string; response?: string; responseCode?: number; code?: string };
    const reply = e.response ? parseReplyLine(e.response, variants) : undefined;
    const message = redact(e.message ?? String(err), variants);
    return {
      attempted: true,
      ok: false,
      ...(reply ? { reply } : {}),
      error: e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message,
    };
  } finally {
    clearTimeout(timer);
    transporter.close();
  }
}
