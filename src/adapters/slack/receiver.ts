import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HTTPReceiver, type App, type Logger as BoltLogger, type Receiver, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { errorName, type Logger } from '../../log/logger.ts';
import { GuardedServer, pathOf, send } from '../shared/http-server.ts';
import { readBody } from '../shared/request-body.ts';
import { checkPayload, checkSignature, isSslCheck } from './request-check.ts';

export interface GuardedReceiverOptions {
  signingSecret: string;
  port: number;
  /** Where Slack posts events, commands and interactions. */
  path: string;
  logger: Logger;
  boltLogger: BoltLogger;
}

/**
 * Bolt's HTTP receiver behind a guard (src/adapters/shared/http-server.ts):
 * every request to the events path is read, its signature and timestamp
 * checked, its body checked to be something Bolt can dispatch (see
 * request-check.ts), and only then handed to Bolt.
 */
export class GuardedReceiver implements Receiver {
  private readonly inner: HTTPReceiver;
  private readonly server: GuardedServer;

  constructor(private readonly options: GuardedReceiverOptions) {
    this.inner = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: options.path,
      port: options.port,
      logger: options.boltLogger,
      // Ack events at once (Slack wants an answer within 3 s); listeners ack commands and actions first thing.
      processBeforeResponse: false,
      processEventErrorHandler: (args) => this.eventFailed(args),
    });
    this.server = new GuardedServer({ platform: 'slack', logger: options.logger, route: (req, res) => this.route(req, res), failure: { status: 500 } });
  }

  init(app: App): void {
    this.inner.init(app);
  }

  start(port: number = this.options.port): Promise<Server> {
    return this.server.start(port);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (pathOf(req) !== this.options.path || req.method !== 'POST') return send(res, { status: 404 });
    const raw = await readBody(req);
    if (typeof raw === 'string') return this.server.refuse(res, { status: 400, reason: raw });
    // Bolt reads the body it is given instead of the stream.
    const buffered = Object.assign(req, { rawBody: raw });
    const body = raw.toString('utf8');
    const contentType = req.headers['content-type'];
    if (isSslCheck(body, contentType)) return this.inner.requestListener(buffered, res);
    const refusal = checkSignature(req, body, this.options.signingSecret, Date.now()) ?? checkPayload(body, contentType);
    if (refusal) return this.server.refuse(res, refusal);
    // Bolt routes the path and method checked above (what it would not route is already a 404).
    this.inner.requestListener(buffered, res);
  }

  /** An error out of Bolt's processing of an accepted request: logged by name, a 500 if nothing was sent yet. */
  private async eventFailed({ error, response }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
    this.options.logger.error('slack.event_failed', { error: errorName(error) });
    send(response, { status: 500 });
    return false;
  }
}
