import crypto from 'node:crypto';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { errorName, type Logger } from '../../log/logger.ts';
import { close, listen } from '../shared/http-server.ts';

/** Where Mattermost posts the `/coordo` slash command. */
export const COMMAND_PATH = '/mattermost/command';
const ACTION_PATH = /^\/mattermost\/actions\/([A-Za-z0-9]+)$/;
const DIALOG_PATH = /^\/mattermost\/dialogs\/([A-Za-z0-9]+)$/;
const BODY_LIMIT = 1024 * 1024;

/** The fields of a slash command request Coordo uses. */
export const CommandRequestSchema = z.object({
  token: z.string().default(''),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().default(''),
});
export type CommandRequest = z.infer<typeof CommandRequestSchema>;

export const ActionRequestSchema = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  post_id: z.string().default(''),
  trigger_id: z.string().default(''),
  context: z.unknown(),
});
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

export const DialogRequestSchema = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  state: z.string().default(''),
  submission: z.record(z.string(), z.unknown()).nullish(),
  cancelled: z.boolean().default(false),
});
export type DialogRequest = z.infer<typeof DialogRequestSchema>;

/** A JSON answer and its status. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface ListenerRoutes {
  command(request: CommandRequest): Promise<Answer>;
  action(name: string, request: ActionRequest): Promise<Answer>;
  dialog(name: string, request: DialogRequest): Promise<Answer>;
}

export const REFUSED_TOKEN = 'Commande refusée : jeton de commande absent ou invalide (vérifiez MATTERMOST_COMMAND_TOKEN et le jeton de la commande /coordo dans Mattermost).';

/** Equal in constant time (lengths apart). */
export function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && given.length > 0;
}

/**
 * The HTTP listener Mattermost calls back: the slash command (its token
 * checked, in the form or the `Authorization: Token …` header), button actions
 * and dialog submissions, plus GET /health. Bodies are read within a limit and
 * checked with zod; a bad request gets a 4xx and one log line (reason only),
 * an error anywhere a 500 — never an exception out of the server.
 */
export class MattermostListener {
  private server: Server | undefined;

  constructor(
    private readonly routes: ListenerRoutes,
    private readonly commandToken: string,
    private readonly logger: Logger,
  ) {}

  async start(port: number): Promise<number> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error('mattermost.request_failed', { error: errorName(error) });
        send(res, { status: 500, body: { text: 'Erreur interne de Coordo.' } });
      });
    });
    this.server = server;
    await listen(server, port, this.logger, 'mattermost.server_error');
    return (server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return close(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const action = ACTION_PATH.exec(path);
    const dialog = DIALOG_PATH.exec(path);
    if (req.method !== 'POST' || (path !== COMMAND_PATH && !action && !dialog)) return send(res, { status: 404, body: { text: 'Adresse inconnue.' } });
    const raw = await readLimited(req);
    if (raw === null) return this.refuse(res, 413, 'too_large');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const fields = parseBody(raw, type);
    if (fields === undefined) return this.refuse(res, 400, 'unreadable_body');

    if (path === COMMAND_PATH) {
      const parsed = CommandRequestSchema.safeParse(fields);
      const header = /^Token\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const token = parsed.success && parsed.data.token ? parsed.data.token : (header ?? '');
      if (!sameToken(token, this.commandToken)) {
        this.logger.warn('mattermost.request_refused', { status: 401, reason: token ? 'bad_token' : 'no_token' });
        return send(res, { status: 401, body: { response_type: 'ephemeral', text: REFUSED_TOKEN } });
      }
      if (!parsed.success) return this.refuse(res, 400, 'not_a_command');
      return send(res, await this.routes.command(parsed.data));
    }
    if (action) {
      const parsed = ActionRequestSchema.safeParse(fields);
      if (!parsed.success) return this.refuse(res, 400, 'not_an_action');
      return send(res, await this.routes.action(action[1]!, parsed.data));
    }
    const parsed = DialogRequestSchema.safeParse(fields);
    if (!parsed.success) return this.refuse(res, 400, 'not_a_dialog');
    return send(res, await this.routes.dialog(dialog![1]!, parsed.data));
  }

  private refuse(res: ServerResponse, status: number, reason: string): void {
    this.logger.warn('mattermost.request_refused', { status, reason });
    send(res, { status, body: { text: 'Requête illisible : Coordo attend une requête du serveur Mattermost.' } });
  }
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readLimited(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields or a JSON object; undefined when the body is neither. */
function parseBody(raw: string, type: string): Record<string, unknown> | undefined {
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
