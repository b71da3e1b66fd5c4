import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  HTTPReceiverDeferredRequestError,
  isRawBodyError,
  type App,
  type CustomRoute,
  type Logger as BoltLogger,
  type Receiver,
  type ReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';
import { errorName, type Logger } from '../../log/logger.ts';
import { close, listen } from '../shared/http-server.ts';
import { checkPayload, checkSignature, isSslCheck, type Refusal } from './request-check.ts';

export interface GuardedReceiverOptions {
  signingSecret: string;
  port: number;
  /** Where Slack posts events, commands and interactions. */
  path: string;
  customRoutes: CustomRoute[];
  logger: Logger;
  boltLogger: BoltLogger;
  /** Clock for the timestamp check (tests). */
  now?: () => number;
}

/** Slack's payloads stay far below this; Bolt's default is 4 MB. */
const BODY_LIMIT = 1024 * 1024;

/**
 * Bolt's HTTP receiver behind a guard: every request to the events path is
 * read, its signature and timestamp checked, its body checked to be something
 * Bolt can dispatch (see request-check.ts), and only then handed to Bolt. A bad
 * request gets a 4xx and one log line (reason only); an error anywhere in
 * handling a request gets a 500, never an exception out of the server.
 */
export class GuardedReceiver implements Receiver {
  private readonly inner: HTTPReceiver;
  private server: Server | undefined;

  constructor(private readonly options: GuardedReceiverOptions) {
    this.inner = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: options.path,
      port: options.port,
      customRoutes: options.customRoutes,
      logger: options.boltLogger,
      // Ack events at once (Slack wants an answer within 3 s); listeners ack commands and actions first thing.
      processBeforeResponse: false,
      processEventErrorHandler: (args) => this.eventFailed(args),
    });
  }

  init(app: App): void {
    this.inner.init(app);
  }

  start(port: number = this.options.port): Promise<Server> {
    if (this.server) return Promise.reject(new Error('receiver already started'));
    this.server = http.createServer((req, res) => this.handle(req, res));
    return listen(this.server, port, this.options.logger, 'slack.server_error');
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return close(server);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.route(req, res).catch((error: unknown) => {
      this.options.logger.error('slack.request_failed', { error: errorName(error) });
      answer(res, 500);
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== this.options.path || req.method !== 'POST') return this.delegate(req, res);
    let buffered: IncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && (error as { statusCode: number }).statusCode === 413;
      return this.refuse(res, tooLarge ? { status: 400, reason: 'too_large' } : { status: 400, reason: 'unreadable_body' });
    }
    const body = (buffered as IncomingMessage & { rawBody: Buffer }).rawBody.toString('utf8');
    const contentType = req.headers['content-type'];
    if (isSslCheck(body, contentType)) return this.delegate(buffered, res);
    const refusal =
      checkSignature(
        { body, contentType, signature: single(req.headers['x-slack-signature']), timestamp: single(req.headers['x-slack-request-timestamp']) },
        this.options.signingSecret,
        (this.options.now ?? Date.now)(),
      ) ?? checkPayload(body, contentType);
    if (refusal) return this.refuse(res, refusal);
    this.delegate(buffered, res);
  }

  /** Bolt routes the request (events path, custom routes); anything else is a 404. */
  private delegate(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.inner.requestListener(req, res);
    } catch (error) {
      if (error instanceof HTTPReceiverDeferredRequestError) return answer(res, 404);
      throw error;
    }
  }

  private refuse(res: ServerResponse, refusal: Refusal): void {
    this.options.logger.warn('slack.request_refused', { status: refusal.status, reason: refusal.reason });
    answer(res, refusal.status);
  }

  /** An error out of Bolt's processing of an accepted request: logged by name, a 500 if nothing was sent yet. */
  private async eventFailed({ error, response }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
    this.options.logger.error('slack.event_failed', { error: errorName(error) });
    answer(response, 500);
    return false;
  }
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
