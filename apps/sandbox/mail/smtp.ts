import type { FastifyBaseLogger } from 'fastify';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { sleep, type FaultDecision, type Faults } from '../faults.ts';
import { safeEqual } from '../kit.ts';
import { parseMessage, type CapturedMail } from './messages.ts';

/** An SMTP account Sen authenticates with. */
export interface MailUser {
  username: string;
  password: string;
}

/** Largest message accepted (SIZE extension); larger ones get 552. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface SmtpListenerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  users: readonly MailUser[];
  faults: Faults;
  /** The sandbox whose fault settings apply to SMTP. */
  faultName: string;
  log: FastifyBaseLogger;
  onMessage(mail: CapturedMail): void;
}

export interface SmtpListener {
  /** The port listened on, once started. */
  port(): number | undefined;
  start(): Promise<number>;
  stop(): Promise<void>;
}

type Callback = (error?: Error | null) => void;

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The SMTP side of the mail sandbox: authenticated submission in clear text (a loopback or
 * container-network service, so no STARTTLS), every message parsed and handed over.
 *
 * Faults: each message consumes one fault decision, like one HTTP request does. The first
 * message of a connection uses the decision drawn when the client connected (so `down`
 * refuses the greeting with 421 and `hangNext` never greets); later messages on the same
 * connection draw their own at MAIL FROM. `fail` answers MAIL FROM with 451, a temporary
 * failure the client is expected to retry.
 */
export function createSmtpListener(options: SmtpListenerOptions): SmtpListener {
  const pending = new Map<string, FaultDecision>();
  const sockets = new Set<Socket>();
  let listeningPort: number | undefined;

  /** Runs `proceed` unless the decision says otherwise; a hang never calls back. */
  async function apply(decision: FaultDecision, callback: Callback, proceed: () => void): Promise<void> {
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    switch (decision.outcome) {
      case 'down':
        return callback(smtpError(421, 'Service not available, closing transmission channel'));
      case 'hang':
        return;
      case 'fail':
        return callback(smtpError(451, 'Requested action aborted: temporary failure, try again later'));
      case 'serve':
        return proceed();
    }
  }

  const server = new SMTPServer({
    name: 'mail.sandbox.sen',
    banner: 'Sen mail sandbox (synthetic data)',
    logger: false,
    authOptional: false,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,

    onConnect(session: SMTPServerSession, callback: Callback) {
      const decision = options.faults.decide(options.faultName);
      // A `fail` is kept for the first MAIL FROM: a refused greeting would read as "down".
      const connectOutcome = decision.outcome === 'fail' ? { ...decision, outcome: 'serve' as const } : decision;
      void apply(connectOutcome, callback, () => {
        pending.set(session.id, { ...decision, delayMs: 0 });
        callback();
      });
    },

    onAuth(auth, _session, callback) {
      const user = options.users.find((u) => u.username === auth.username);
      if (user && safeEqual(user.password, auth.password ?? '')) return callback(null, { user: user.username });
      options.log.info('mail sandbox: SMTP authentication refused');
      return callback(smtpError(535, 'Authentication credentials invalid'));
    },

    onMailFrom(_address, session: SMTPServerSession, callback: Callback) {
      const decision = pending.get(session.id) ?? options.faults.decide(options.faultName);
      pending.delete(session.id);
      void apply(decision, callback, () => callback());
    },

    onData(stream, session: SMTPServerSession, callback) {
      const { mailFrom, rcptTo } = session.envelope;
      const envelope = { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) };
      parseMessage(stream, envelope).then((mail) => {
        if (stream.sizeExceeded) return callback(smtpError(552, 'Message exceeds the fixed maximum message size'));
        options.onMessage(mail);
        options.log.info({ id: mail.id, recipients: mail.message.envelope.to.length }, 'mail sandbox: message captured');
        return callback(null, `Message captured as ${mail.id}`);
      }, (error: unknown) => {
        // The rest of the DATA stream must still be read before the reply can be sent.
        stream.resume();
        options.log.warn({ err: error }, 'mail sandbox: message could not be parsed');
        callback(smtpError(451, 'Message could not be processed, try again later'));
      });
    },

    onClose(session: SMTPServerSession) {
      pending.delete(session.id);
    },
  });

  // Connection-level errors (a client resetting) are emitted on the server; they are routine here.
  server.on('error', (error: Error) => options.log.debug({ err: error }, 'mail sandbox: SMTP connection error'));
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return {
    port: () => listeningPort,

    start: () => new Promise<number>((resolve, reject) => {
      const onListenError = (error: Error): void => reject(error);
      server.once('error', onListenError);
      server.listen(options.port, options.host, () => {
        server.off('error', onListenError);
        listeningPort = (server.server.address() as AddressInfo).port;
        resolve(listeningPort);
      });
    }),

    stop: () => new Promise<void>((resolve) => {
      if (listeningPort === undefined) return resolve();
      listeningPort = undefined;
      server.close(() => resolve());
      // Hung and idle sessions would hold the close for smtp-server's grace period.
      for (const socket of sockets) socket.destroy();
    }),
  };
}
