/**
 * The live probe of one SMTP endpoint (DESIGN.md §5): connect, TLS (implicit or STARTTLS), EHLO,
 * AUTH only over verified TLS 1.2+, an optional test send, QUIT. Every phase has its own timeout
 * and an overall deadline bounds the whole; `probeTarget` always resolves, never rejects, and
 * destroys every socket it opened. The result holds no secret: every string is redacted.
 */
import type { Socket } from 'node:net';
import { authenticate, chooseMechanism } from './auth.js';
import { checkAlternatives, connectTcp } from './connect.js';
import { redactDeep, secretVariants } from './secrets.js';
import { sendTestMessage } from './send.js';
import { parseEhlo, SmtpSession, Transcript, type SessionRead } from './session.js';
import { handshake, inspectTls, isModernProtocol, looksLikePlaintext } from './tls-inspect.js';
import type {
  AuthResult,
  EhloInfo,
  ProbeOptions,
  ProbeResult,
  ProbeTarget,
  ProtocolProblem,
  SendResult,
  TlsResult,
} from './types.js';

type Phase = ProtocolProblem['phase'];
type Failure = Exclude<SessionRead, { ok: true }>;

const QUIT_MAX_MS = 2000;
const DEADLINE_MARGIN_MS = 2000;

/** The longest a probe can take: every phase's timeout, as many times as it can occur. */
export function overallDeadlineMs(options: ProbeOptions): number {
  const t = options.timeouts;
  const probe = t.connectMs * 3 + t.tlsMs * 2 + t.greetingMs * 2 + t.commandMs * 10 + QUIT_MAX_MS;
  const send = options.send ? t.connectMs + t.greetingMs + t.tlsMs + t.commandMs * 6 + t.sendMs : 0;
  return probe + send + DEADLINE_MARGIN_MS;
}

export async function probeTarget(
  target: ProbeTarget,
  options: ProbeOptions,
): Promise<ProbeResult> {
  return new ProbeRun(target, options).execute();
}

function tlsErrorKind(code: string): ProtocolProblem['kind'] {
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  return 'closed';
}

function tlsErrorSummary(error: { code: string; message: string }): string {
  if (/wrong version number/i.test(error.message)) return 'wrong version number';
  if (/packet length too long/i.test(error.message)) return 'packet length too long';
  return error.code;
}

class ProbeRun {
  private readonly variants: string[];
  private readonly transcript: Transcript;
  private readonly result: ProbeResult;
  private readonly sockets = new Set<Socket>();
  private readonly started = Date.now();
  private phase: Phase = 'greeting';

  constructor(
    private readonly target: ProbeTarget,
    private readonly options: ProbeOptions,
  ) {
    this.variants = options.credentials ? secretVariants(options.credentials) : [];
    this.transcript = new Transcript(this.variants);
    this.result = {
      target,
      startedAt: new Date(this.started).toISOString(),
      ms: 0,
      connect: { ok: false },
      problems: [],
      transcript: [],
      notes: [],
    };
  }

  async execute(): Promise<ProbeResult> {
    const deadlineMs = overallDeadlineMs(this.options);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs);
    });
    try {
      const outcome = await Promise.race([this.sequence().then(() => 'done' as const), deadline]);
      if (outcome === 'deadline') {
        this.problem(this.phase, 'timeout', `the probe did not finish within ${deadlineMs} ms`);
      }
    } catch (err) {
      this.result.notes.push(`probe error: ${(err as Error)?.message ?? String(err)}`);
    } finally {
      clearTimeout(timer);
      for (const socket of this.sockets) socket.destroy();
    }
    this.result.ms = Date.now() - this.started;
    this.result.transcript = this.transcript.finish();
    return redactDeep(this.result, this.variants);
  }

  private track<T extends Socket>(socket: T): T {
    this.sockets.add(socket);
    return socket;
  }

  private problem(
    phase: Phase,
    kind: ProtocolProblem['kind'],
    message: string,
    reply?: ProtocolProblem['reply'],
  ): void {
    this.result.problems.push({ phase, kind, message, ...(reply ? { reply } : {}) });
  }

  private failed(phase: Phase, failure: Failure): void {
    this.problem(phase, failure.kind, failure.message);
  }

  private async sequence(): Promise<void> {
    const { target, options, result } = this;
    const t = options.timeouts;

    // 1. TCP connect; when it fails, which alternative ports are open.
    const connected = await connectTcp(target.host, target.port, t.connectMs);
    result.connect = connected.result;
    if (!connected.socket) {
      const alternatives = options.alternativePorts.filter((p) => p !== target.port);
      if (alternatives.length > 0) {
        result.connect.alternatives = await checkAlternatives(
          target.host,
          alternatives,
          t.connectMs,
        );
      }
      return;
    }
    this.track(connected.socket);

    // 2. Implicit TLS: the handshake comes first.
    let session: SmtpSession;
    let encrypted = false;
    if (target.security === 'implicit-tls') {
      const hs = await handshake({
        host: target.host,
        port: target.port,
        socket: connected.socket,
        ca: options.ca,
        timeoutMs: t.tlsMs,
      });
      if (!hs.ok) {
        result.tls = { mode: 'implicit', ok: false, error: hs.error };
        await this.detectImplicitOnStarttlsPort(hs.error);
        return;
      }
      this.track(hs.socket);
      result.tls = { mode: 'implicit', ok: true, ...inspectTls(hs.socket, target.host) };
      session = new SmtpSession(hs.socket, this.transcript, this.variants, options.maxLineLength);
      encrypted = true;
    } else {
      session = new SmtpSession(
        connected.socket,
        this.transcript,
        this.variants,
        options.maxLineLength,
      );
    }

    // 3. The greeting.
    this.phase = 'greeting';
    const greeting = await session.read(t.greetingMs);
    if (!greeting.ok) {
      this.failed('greeting', greeting);
      if (greeting.kind === 'timeout' && !encrypted) await this.detectStarttlsOnImplicitPort();
      return;
    }
    result.greeting = greeting.reply;
    if (greeting.reply.code !== 220) {
      this.problem(
        'greeting',
        'rejected',
        `the server refused the session with ${greeting.reply.code} instead of 220`,
        greeting.reply,
      );
      await this.quit(session);
      return;
    }

    // 4. EHLO.
    const ehlo = await this.ehlo(session);
    if (!ehlo) return;
    result.ehlo = ehlo;
    if (!encrypted && ehlo.auth.length > 0) result.authBeforeTls = [...ehlo.auth];
    let current = ehlo;

    // 5. STARTTLS (only for STARTTLS targets: plain means plain).
    if (target.security === 'starttls-required' || target.security === 'starttls-opportunistic') {
      if (ehlo.starttls) {
        const upgraded = await this.startTls(session);
        if (upgraded === 'fatal') return;
        if (upgraded) {
          encrypted = true;
          const after = await this.ehlo(session);
          if (!after) return;
          result.ehloAfterTls = after;
          current = after;
        }
      } else {
        result.notes.push('the server does not offer STARTTLS: the connection stayed unencrypted');
      }
    }

    // 6. AUTH, only over verified TLS 1.2+.
    this.phase = 'auth';
    result.auth = await this.auth(session, encrypted, current);

    // 8. QUIT (before the send, which uses its own connection).
    await this.quit(session);

    // 7. The optional test send.
    if (options.send) {
      this.phase = 'send';
      result.send = await this.send();
    }
  }

  private async ehlo(session: SmtpSession): Promise<EhloInfo | undefined> {
    this.phase = 'ehlo';
    const t = this.options.timeouts;
    const name = this.options.ehloName;
    const ehlo = await session.command(`EHLO ${name}`, t.commandMs);
    if (!ehlo.ok) {
      this.failed('ehlo', ehlo);
      return undefined;
    }
    if (ehlo.reply.code === 250) return parseEhlo(ehlo.raw.lines);
    if (ehlo.reply.code >= 500) {
      const helo = await session.command(`HELO ${name}`, t.commandMs);
      if (!helo.ok) {
        this.failed('ehlo', helo);
        return undefined;
      }
      if (helo.reply.code === 250) {
        this.result.notes.push('the server rejected EHLO and accepted HELO: no ESMTP extensions');
        return parseEhlo([]);
      }
      this.problem('ehlo', 'rejected', `HELO answered ${helo.reply.code}`, helo.reply);
      return undefined;
    }
    this.problem('ehlo', 'rejected', `EHLO answered ${ehlo.reply.code}`, ehlo.reply);
    return undefined;
  }

  /** true: upgraded; false: refused (carry on unencrypted); 'fatal': the session is over. */
  private async startTls(session: SmtpSession): Promise<boolean | 'fatal'> {
    this.phase = 'starttls';
    const { target, options, result } = this;
    const reply = await session.command('STARTTLS', options.timeouts.commandMs);
    if (!reply.ok) {
      this.failed('starttls', reply);
      return 'fatal';
    }
    if (reply.reply.code !== 220) {
      this.problem(
        'starttls',
        'rejected',
        `STARTTLS answered ${reply.reply.code}: the connection stayed unencrypted`,
        reply.reply,
      );
      return false;
    }
    const injected = session.reader.detach();
    if (injected !== '') {
      this.transcript.add(
        `(discarded ${injected.length} characters sent before the TLS handshake)`,
      );
      result.notes.push(
        'STARTTLS injection: the server sent data after "220" and before the TLS handshake; it was discarded',
      );
    }
    const hs = await handshake({
      host: target.host,
      port: target.port,
      socket: session.socket,
      ca: options.ca,
      timeoutMs: options.timeouts.tlsMs,
    });
    if (!hs.ok) {
      result.tls = { mode: 'starttls', ok: false, error: hs.error };
      this.problem(
        'starttls',
        tlsErrorKind(hs.error.code),
        `TLS handshake after STARTTLS failed: ${hs.error.message}`,
      );
      return 'fatal';
    }
    this.track(hs.socket);
    result.tls = { mode: 'starttls', ok: true, ...inspectTls(hs.socket, target.host) };
    session.upgrade(hs.socket);
    return true;
  }

  /** Why AUTH must not be sent, or undefined when it may. */
  private authBlocked(encrypted: boolean, ehlo: EhloInfo): string | undefined {
    const { options, result } = this;
    const tls: TlsResult | undefined = result.tls;
    if (!options.credentials) {
      return options.credentialsWithheld
        ? `credentials withheld: ${options.credentialsWithheld}`
        : 'no credentials given';
    }
    if (!encrypted || !tls?.ok) {
      return 'the connection is not encrypted: credentials are never sent in clear text';
    }
    if (!isModernProtocol(tls.protocol)) {
      return `the connection uses ${tls.protocol ?? 'an unknown protocol'}: credentials are sent only over TLSv1.2 or TLSv1.3`;
    }
    if (!tls.authorized && !options.allowInvalidCert) {
      return `the certificate did not verify (${tls.authorizationError ?? 'unverified'}): credentials are not sent (allow-invalid-cert is off)`;
    }
    if (ehlo.auth.length === 0) return 'the server does not offer AUTH';
    return undefined;
  }

  private async auth(
    session: SmtpSession,
    encrypted: boolean,
    ehlo: EhloInfo,
  ): Promise<AuthResult> {
    const blocked = this.authBlocked(encrypted, ehlo);
    if (blocked) return { attempted: false, skipped: blocked };
    const creds = this.options.credentials!;
    const mechanism = chooseMechanism(ehlo.auth, creds);
    if (!mechanism) {
      return {
        attempted: false,
        skipped: `no usable AUTH mechanism for the given credentials (the server offers ${ehlo.auth.join(', ')})`,
      };
    }
    if (!this.result.tls?.authorized) {
      this.result.notes.push(
        `certificate verification disabled by allow-invalid-cert: credentials were sent although the certificate did not verify (${this.result.tls?.authorizationError ?? 'unverified'})`,
      );
    }
    const { auth, failure } = await authenticate(
      session,
      creds,
      mechanism,
      this.options.timeouts.commandMs,
    );
    if (failure) {
      this.problem('auth', failure.kind as ProtocolProblem['kind'], failure.message);
    }
    return auth;
  }

  private async quit(session: SmtpSession): Promise<void> {
    if (session.socket.destroyed) return;
    await session.command('QUIT', Math.min(this.options.timeouts.commandMs, QUIT_MAX_MS));
    session.reader.detach();
    session.socket.destroy();
  }

  private async send(): Promise<SendResult> {
    const { options, result, target } = this;
    const message = options.send!;
    if (options.credentials) {
      if (!result.auth?.ok) {
        return {
          attempted: false,
          skipped: result.auth?.attempted
            ? 'AUTH failed: no test message sent'
            : `AUTH was not attempted (${result.auth?.skipped ?? 'unknown'}): no test message sent`,
        };
      }
      return sendTestMessage(target, options, message, options.credentials, this.variants);
    }
    if (options.credentialsWithheld) {
      return {
        attempted: false,
        skipped: `credentials withheld (${options.credentialsWithheld}): no test message sent`,
      };
    }
    const tls = result.tls;
    if (!tls?.ok || !tls.authorized || !isModernProtocol(tls.protocol)) {
      return {
        attempted: false,
        skipped: 'an unauthenticated test send needs a verified TLS 1.2+ connection',
      };
    }
    return sendTestMessage(target, options, message, undefined, this.variants);
  }

  /** Implicit TLS failed: does the port speak plain SMTP (STARTTLS) instead? */
  private async detectImplicitOnStarttlsPort(error: { code: string; message: string }) {
    const { target, options, result } = this;
    const tls = result.tls!;
    if (looksLikePlaintext(error.code, error.message)) {
      tls.mismatch = 'implicit-on-starttls-port';
      tls.mismatchSymptom = `TLS handshake failed (${tlsErrorSummary(error)}): the server speaks plain SMTP/STARTTLS on this port`;
      return;
    }
    // Not conclusive (reset, timeout): look for a clear-text greeting on a second connection.
    const second = await connectTcp(target.host, target.port, options.timeouts.connectMs);
    if (!second.socket) return;
    this.track(second.socket);
    const probe = new SmtpSession(
      second.socket,
      new Transcript(this.variants),
      this.variants,
      options.maxLineLength,
    );
    const greeting = await probe.read(options.timeouts.greetingMs);
    second.socket.destroy();
    if (greeting.ok && greeting.reply.code === 220) {
      this.transcript.add(`(second connection) S: 220 ${greeting.raw.lines[0] ?? ''}`);
      tls.mismatch = 'implicit-on-starttls-port';
      tls.mismatchSymptom = `TLS handshake failed (${tlsErrorSummary(error)}) and the port greets in clear text with 220: the server speaks plain SMTP/STARTTLS on this port`;
    }
  }

  /** No greeting in clear: does the port answer a TLS ClientHello (implicit TLS)? */
  private async detectStarttlsOnImplicitPort(): Promise<void> {
    const { target, options, result } = this;
    const hs = await handshake({
      host: target.host,
      port: target.port,
      ca: options.ca,
      // A silent server stays silent here too: this check costs no more than the greeting did.
      timeoutMs: Math.min(options.timeouts.tlsMs, options.timeouts.greetingMs),
    });
    if (!hs.ok) return;
    this.track(hs.socket);
    const seconds = options.timeouts.greetingMs / 1000;
    result.tls = {
      mode: target.security === 'implicit-tls' ? 'implicit' : 'starttls',
      ok: false,
      ...inspectTls(hs.socket, target.host),
      mismatch: 'starttls-on-implicit-port',
      mismatchSymptom: `no greeting within ${seconds} s: the port expects implicit TLS (the client waits for a greeting that never comes)`,
    };
    this.transcript.add(
      '(second connection) TLS handshake succeeded: the port speaks implicit TLS',
    );
    hs.socket.destroy();
  }
}
