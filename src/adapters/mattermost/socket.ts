import { z } from 'zod';
import { WebSocket as NodeWebSocket } from 'ws';
import { errorName, type Logger } from '../../log/logger.ts';
import { backoffMs } from '../../store/outbox-worker.ts';
import { installWebSocketGlobals, WebSocketClient, type MattermostWebSocket } from './client.ts';

/** A post as Coordo reads it from an event or the REST API (everything else is ignored). */
export const PostSchema = z.object({
  id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  root_id: z.string().default(''),
  message: z.string().default(''),
  type: z.string().default(''),
  create_at: z.number().default(0),
  props: z.record(z.string(), z.unknown()).nullish(),
});
export type MattermostPost = z.infer<typeof PostSchema>;

/** A JSON string holding a value of `schema` (Mattermost sends `post` and `mentions` so). */
const jsonString = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  }).pipe(schema);

const PostedDataSchema = z.object({
  channel_type: z.string().default(''),
  post: jsonString(PostSchema),
  mentions: jsonString(z.array(z.string())).optional(),
});

export interface PostedEvent {
  post: MattermostPost;
  /** `D` direct message, `G` group message, `O` / `P` channels. */
  channelType: string;
  /** User ids mentioned in the post. */
  mentions: string[];
}

export interface Backoff {
  /** Delay before the 2nd attempt after a drop; doubled after each failed attempt. */
  baseMs: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s… up to 1 min between attempts to reconnect. */
export const DEFAULT_SOCKET_BACKOFF: Backoff = { baseMs: 1000, maxMs: 60_000 };

export interface EventSocketOptions {
  /** Server address (http or https). */
  url: string;
  token: string;
  logger: Logger;
  onPosted(event: PostedEvent): void;
  backoff?: Backoff;
  /** Client pings every so often and reconnects when a pong is missing (default 30 s). */
  pingIntervalMs?: number;
}

/**
 * The event stream of the bot account: the package's WebSocketClient for the
 * handshake (authentication_challenge, hello, sequence numbers, pings), with
 * Coordo's own reconnection: after a drop, attempts at exponential intervals
 * (see {@link Backoff}), reset once the server says hello again.
 */
export class EventSocket {
  private readonly client: MattermostWebSocket;
  private readonly socketUrl: string;
  private readonly backoff: Backoff;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private firstHello: (() => void) | undefined;
  /** Hellos received (one per connection). */
  connections = 0;

  constructor(private readonly options: EventSocketOptions) {
    installWebSocketGlobals();
    this.backoff = options.backoff ?? DEFAULT_SOCKET_BACKOFF;
    this.socketUrl = `${options.url.replace(/^http/, 'ws')}/api/v4/websocket`;
    this.client = new WebSocketClient({
      newWebSocketFn: (url) => new NodeWebSocket(url) as unknown as WebSocket,
      clientPingInterval: options.pingIntervalMs ?? 30_000,
    });
    this.client.addMessageListener((message) => this.onMessage(message));
    // A new connection id (server restart, long drop): the client must restart its sequence; events missed meanwhile are not replayed.
    this.client.addMissedMessageListener(() => options.logger.warn('mattermost.events_missed'));
    this.client.addCloseListener(() => this.onClose());
  }

  /** Connect; resolves at the first hello. */
  connect(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.firstHello = resolve;
      this.client.initialize(this.socketUrl, this.options.token);
    });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.client.close();
  }

  private onMessage(message: { event: string; data: unknown }): void {
    if (message.event === 'hello') {
      this.failures = 0;
      this.connections += 1;
      this.options.logger.info('mattermost.connected', { connection: this.connections });
      this.firstHello?.();
      this.firstHello = undefined;
      return;
    }
    if (message.event !== 'posted') return;
    const parsed = PostedDataSchema.safeParse(message.data);
    if (!parsed.success) return this.options.logger.warn('mattermost.event_unreadable', { type: 'posted' });
    try {
      this.options.onPosted({ post: parsed.data.post, channelType: parsed.data.channel_type, mentions: parsed.data.mentions ?? [] });
    } catch (error) {
      this.options.logger.error('mattermost.event_failed', { error: errorName(error) });
    }
  }

  private onClose(): void {
    if (this.stopped) return;
    // The package schedules its own reconnection right after its close listeners: cancel it, then wait our backoff.
    queueMicrotask(() => {
      if (this.stopped) return;
      this.client.close();
      this.failures += 1;
      const delay = backoffMs({ ...this.backoff, maxAttempts: Infinity }, this.failures);
      this.options.logger.warn('mattermost.disconnected', { attempt: this.failures, inMs: delay });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        if (!this.stopped) this.client.initialize(this.socketUrl, this.options.token);
      }, delay);
    });
  }
}
