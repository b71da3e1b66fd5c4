import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorName, type Logger } from '../../log/logger.ts';

/** An answer: JSON when it has a body, else empty. */
export interface HttpAnswer {
  status: number;
  body?: Record<string, unknown>;
}

/** Why a request is refused (logged as is: never any of its content). */
export interface Refusal {
  status: number;
  reason: string;
}

export interface GuardedServerOptions {
  /** Names the log events: `<platform>.request_failed`, `.request_refused`, `.server_error`. */
  platform: string;
  logger: Logger;
  /** Every request but GET /health. */
  route(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The answer to a request whose handling failed. */
  failure: HttpAnswer;
}

/** Send `answer`, unless something was sent already. */
export function send(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent) return;
  if (!answer.body) {
    res.writeHead(answer.status);
    res.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A request header given once (a repeated or absent one: undefined). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** The path of a request, without its query. */
export const pathOf = (req: IncomingMessage): string => new URL(req.url ?? '/', 'http://localhost').pathname;

/**
 * The HTTP server of a chat adapter's callbacks: GET /health answers `ok`,
 * everything else goes to its route; a refused request gets one log line
 * (reason only), an error anywhere the failure answer — never an exception
 * out of the server.
 */
export class GuardedServer {
  private server: Server | undefined;

  constructor(private readonly options: GuardedServerOptions) {}

  start(port: number): Promise<Server> {
    if (this.server) return Promise.reject(new Error('server already started'));
    const { platform, logger } = this.options;
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        logger.error(`${platform}.request_failed`, { error: errorName(error) });
        send(res, this.options.failure);
      });
    });
    this.server = server;
    return listen(server, port, logger, `${platform}.server_error`);
  }

  /** Stop accepting, close idle keep-alive connections, resolve once closed (at once when not started). */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
  }

  /** A bad request: logged by its reason, answered with its status (and `body`, if any). */
  refuse(res: ServerResponse, refusal: Refusal, body?: Record<string, unknown>): void {
    this.options.logger.warn(`${this.options.platform}.request_refused`, { status: refusal.status, reason: refusal.reason });
    // A body left unread (too large) is not waited for: the connection closes with the answer.
    if (!res.req.complete && !res.headersSent) res.setHeader('Connection', 'close');
    send(res, { status: refusal.status, ...(body ? { body } : {}) });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && pathOf(req) === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    await this.options.route(req, res);
  }
}

/** Listen on `port`; a later server error is logged (`event`), never thrown out of the process. */
function listen(server: Server, port: number, logger: Logger, event: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      server.on('error', (error) => logger.error(event, { error: errorName(error) }));
      resolve(server);
    });
  });
}
