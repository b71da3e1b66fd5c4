import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../../log/logger.ts';
import { GuardedServer, pathOf, send, type HttpAnswer } from '../shared/http-server.ts';
import { parseJson } from '../../text/parse-json.ts';
import { readBody, sameSecret } from '../shared/request-body.ts';

/** Where Mattermost posts the `/coordo` slash command. */
export const COMMAND_PATH = '/mattermost/command';
const ACTION_PATH = /^\/mattermost\/actions\/([A-Za-z0-9]+)$/;
const DIALOG_PATH = /^\/mattermost\/dialogs\/([A-Za-z0-9]+)$/;

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
export type Answer = Required<HttpAnswer>;

export interface ListenerRoutes {
  command(request: CommandRequest): Promise<Answer>;
  action(name: string, request: ActionRequest): Promise<Answer>;
  dialog(name: string, request: DialogRequest): Promise<Answer>;
}

export const REFUSED_TOKEN = 'Commande refusée : jeton de commande absent ou invalide (vérifiez MATTERMOST_COMMAND_TOKEN et le jeton de la commande /coordo dans Mattermost).';

const UNREADABLE = { text: 'Requête illisible : Coordo attend une requête du serveur Mattermost.' };

/**
 * The HTTP listener Mattermost calls back (src/adapters/shared/http-server.ts):
 * the slash command (its token checked, in the form or the `Authorization:
 * Token …` header), button actions and dialog submissions. Bodies are read
 * within a limit and checked with zod.
 */
export class MattermostListener {
  private readonly server: GuardedServer;

  constructor(
    private readonly routes: ListenerRoutes,
    private readonly commandToken: string,
    logger: Logger,
  ) {
    this.server = new GuardedServer({ platform: 'mattermost', logger, route: (req, res) => this.handle(req, res), failure: { status: 500, body: { text: 'Erreur interne de Coordo.' } } });
  }

  async start(port: number): Promise<number> {
    return ((await this.server.start(port)).address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    const action = ACTION_PATH.exec(path);
    const dialog = DIALOG_PATH.exec(path);
    if (req.method !== 'POST' || (path !== COMMAND_PATH && !action && !dialog)) return send(res, { status: 404, body: { text: 'Adresse inconnue.' } });
    const raw = await readBody(req);
    if (raw === 'too_large') return this.server.refuse(res, { status: 413, reason: raw }, UNREADABLE);
    const fields = typeof raw === 'string' ? undefined : parseBody(raw.toString('utf8'), (req.headers['content-type'] ?? '').split(';')[0]!.trim());
    if (fields === undefined) return this.server.refuse(res, { status: 400, reason: 'unreadable_body' }, UNREADABLE);

    if (path === COMMAND_PATH) {
      const parsed = CommandRequestSchema.safeParse(fields);
      const header = /^Token\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const token = parsed.success && parsed.data.token ? parsed.data.token : (header ?? '');
      if (!sameSecret(token, this.commandToken)) return this.server.refuse(res, { status: 401, reason: token ? 'bad_token' : 'no_token' }, { response_type: 'ephemeral', text: REFUSED_TOKEN });
      if (!parsed.success) return this.server.refuse(res, { status: 400, reason: 'not_a_command' }, UNREADABLE);
      return send(res, await this.routes.command(parsed.data));
    }
    if (action) {
      const parsed = ActionRequestSchema.safeParse(fields);
      if (!parsed.success) return this.server.refuse(res, { status: 400, reason: 'not_an_action' }, UNREADABLE);
      return send(res, await this.routes.action(action[1]!, parsed.data));
    }
    const parsed = DialogRequestSchema.safeParse(fields);
    if (!parsed.success) return this.server.refuse(res, { status: 400, reason: 'not_a_dialog' }, UNREADABLE);
    return send(res, await this.routes.dialog(dialog![1]!, parsed.data));
  }
}

/** Form fields or a JSON object; undefined when the body is neither. */
function parseBody(raw: string, type: string): Record<string, unknown> | undefined {
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  const value = parseJson(raw);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
