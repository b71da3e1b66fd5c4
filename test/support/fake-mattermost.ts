import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake Mattermost server on 127.0.0.1 for tests and the bench, written from
 * the REST v4 reference (mattermost/mattermost `api/v4/source/*.yaml`).
 *
 * REST: GET /users/me, GET /users/{id}, POST /posts, POST /posts/ephemeral,
 * GET /posts/{id}, DELETE /posts/{id}, PUT /posts/{id}/patch, GET /posts/{id}/thread, GET /channels/{id}/posts,
 * POST /channels/direct, POST /actions/dialogs/open, POST /files (multipart),
 * POST /reactions, DELETE /users/{id}/posts/{post}/reactions/{emoji}. Every
 * JSON answer has Content-Type exactly `application/json` (Client4 parses
 * nothing else); a missing or wrong bearer token gets 401.
 *
 * WebSocket at /api/v4/websocket: the client sends `authentication_challenge`
 * with the token, gets `{status:"OK", seq_reply}`, then a `hello` event (seq 0);
 * `ping` gets a pong. {@link FakeMattermost.userPosts} stores a user's post and
 * broadcasts a `posted` event whose `data.post` and `data.mentions` are JSON
 * strings, as the server sends them. {@link FakeMattermost.replay} sends a post's
 * event again (what a reconnection replays); {@link FakeMattermost.dropSockets}
 * cuts every connection.
 *
 * Mattermost calls the integration: {@link FakeMattermost.command},
 * {@link FakeMattermost.clickAction} and {@link FakeMattermost.submitDialog}
 * POST to Coordo's listener what the server would.
 */

export interface MattermostCall {
  /** `POST /api/v4/posts` (method and path without the query). */
  route: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
}

export interface FakeUser {
  id: string;
  username: string;
  is_bot?: boolean;
  roles?: string;
  delete_at?: number;
  first_name?: string;
  last_name?: string;
  nickname?: string;
}

export interface FakePost {
  id: string;
  create_at: number;
  update_at: number;
  edit_at: number;
  delete_at: number;
  user_id: string;
  channel_id: string;
  root_id: string;
  message: string;
  type: string;
  props: Record<string, unknown>;
  file_ids?: string[];
  metadata: Record<string, unknown>;
}

export interface PostedOptions {
  channelId: string;
  userId: string;
  message: string;
  rootId?: string;
  /** `O` public, `P` private, `D` direct, `G` group (default `O`, or `D` for a channel made by /channels/direct). */
  channelType?: string;
  /** User ids mentioned; default: the bot when the message holds `@coordo`. */
  mentions?: string[];
  props?: Record<string, unknown>;
}

export interface IntegrationAction {
  id: string;
  name: string;
  integration: { url: string; context?: Record<string, unknown> };
}

export interface IntegrationResponse {
  status: number;
  /** The JSON body Coordo answered with (null when not JSON). */
  json: Record<string, unknown> | null;
  text: string;
}

const id26 = (): string => {
  const alphabet = 'abcdefghijkmnopqrstuwxyz13456789';
  return Array.from(crypto.randomBytes(26), (b) => alphabet[b % alphabet.length]).join('');
};

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function apiError(res: http.ServerResponse, status: number, id: string, message: string): void {
  json(res, status, { id, message, detailed_error: '', request_id: id26(), status_code: status });
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeMattermost {
  readonly token = 'mm-bot-token';
  readonly bot: FakeUser = { id: id26(), username: 'coordo', is_bot: true, roles: 'system_user' };
  readonly users = new Map<string, FakeUser>();
  readonly posts = new Map<string, FakePost>();
  readonly calls: MattermostCall[] = [];
  /** Ephemeral posts (POST /posts/ephemeral): seen by `userId` only, never stored as posts. */
  readonly ephemerals: { userId: string; channelId: string; rootId: string; message: string }[] = [];
  /** Files uploaded, by id: name, channel and bytes. */
  readonly files = new Map<string, { name: string; channelId: string; content: Buffer }>();
  /** Channels made by /channels/direct (their type is `D`). */
  private readonly directChannels = new Map<string, string>();
  private readonly sockets = new Set<{ ws: WebSocket; seq: number }>();
  private readonly waiters = new Set<() => void>();
  private readonly botPostListeners = new Set<(post: FakePost) => void>();
  private readonly failures = new Map<string, { status: number; times: number }>();
  private server!: http.Server;
  private wss!: WebSocketServer;
  url = '';
  /** Authenticated WebSocket connections made so far. */
  connections = 0;

  constructor() {
    for (const username of ['alice', 'bruno', 'chloe']) this.addUser({ id: id26(), username });
    this.users.set(this.bot.id, this.bot);
  }

  user(username: string): FakeUser {
    const found = [...this.users.values()].find((u) => u.username === username);
    if (!found) throw new Error(`no fake user ${username}`);
    return found;
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => apiError(res, 500, 'fake.error', 'fake server error'));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/api/v4/websocket') return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.dropSockets();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  // --- what tests observe ---------------------------------------------------

  callsTo(route: string): MattermostCall[] {
    return this.calls.filter((c) => c.route === route);
  }

  /** Resolves once `condition()` holds (checked after every call and socket event); rejects after `limitMs` (a safety net). */
  waitUntil<T>(condition: () => T | undefined | null | false, what = 'condition', limitMs = 15_000): Promise<T> {
    const now = condition();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake Mattermost: ${what} not seen`));
      }, limitMs);
      const check = () => {
        const value = condition();
        if (!value) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      this.waiters.add(check);
    });
  }

  /** The bot's posts, oldest first, optionally only those matching. */
  botPosts(match: (post: FakePost) => boolean = () => true): FakePost[] {
    return [...this.posts.values()].filter((p) => p.user_id === this.bot.id && match(p)).sort((a, b) => a.create_at - b.create_at);
  }

  /** The first bot post (past or future) matching. */
  waitForBotPost(match: (post: FakePost) => boolean, what = 'bot post'): Promise<FakePost> {
    return this.waitUntil(() => this.botPosts(match)[0], what);
  }

  /** Call `listener` with every post the bot makes from now on (the bench matches answers to questions so). */
  onBotPost(listener: (post: FakePost) => void): void {
    this.botPostListeners.add(listener);
  }

  /** The next `times` calls to `route` (e.g. `POST /api/v4/posts`) get HTTP `status`. */
  failNext(route: string, status = 500, times = 1): void {
    this.failures.set(route, { status, times });
  }

  // --- what users do --------------------------------------------------------

  /** The direct channel between the bot and a user (as /channels/direct makes it). */
  directChannel(userId: string): string {
    const key = [this.bot.id, userId].sort().join('__');
    let channel = this.directChannels.get(key);
    if (!channel) {
      channel = id26();
      this.directChannels.set(key, channel);
    }
    return channel;
  }

  /** A user posts: stored, then broadcast as a `posted` event. */
  userPosts(options: PostedOptions): FakePost {
    const post = this.store({ user_id: options.userId, channel_id: options.channelId, root_id: options.rootId ?? '', message: options.message, props: options.props ?? {} });
    this.broadcastPosted(post, options);
    return post;
  }

  /** Send the `posted` event of a stored post again (a reconnection's replay, a duplicate). */
  replay(post: FakePost, options: Omit<PostedOptions, 'channelId' | 'userId' | 'message'> = {}): void {
    this.broadcastPosted(post, { ...options, channelId: post.channel_id, userId: post.user_id, message: post.message });
  }

  /** Cut every WebSocket connection (the client must reconnect). */
  dropSockets(): void {
    for (const socket of this.sockets) socket.ws.terminate();
    this.sockets.clear();
    this.notify();
  }

  /** Mattermost running the `/coordo` slash command: a form POST to the command URL with its token. */
  async command(url: string, options: { text: string; userId: string; channelId: string; token: string; triggerId?: string; header?: boolean }): Promise<IntegrationResponse> {
    const user = this.users.get(options.userId);
    const form = new URLSearchParams({
      channel_id: options.channelId,
      channel_name: 'equipe',
      command: '/coordo',
      response_url: `${this.url}/hooks/commands/${id26()}`,
      team_domain: 'msp',
      team_id: 'team1',
      text: options.text,
      token: options.token,
      trigger_id: options.triggerId ?? id26(),
      user_id: options.userId,
      user_name: user?.username ?? '',
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (options.header !== false) headers.Authorization = `Token ${options.token}`;
    return post(url, form.toString(), headers);
  }

  /** Mattermost relaying a button click: a JSON POST to the action's integration URL, with its context. */
  async clickAction(action: IntegrationAction, by: { userId: string; channelId: string; postId?: string }): Promise<IntegrationResponse> {
    const body = {
      user_id: by.userId,
      user_name: this.users.get(by.userId)?.username ?? '',
      channel_id: by.channelId,
      channel_name: 'equipe',
      team_id: 'team1',
      team_domain: 'msp',
      post_id: by.postId ?? '',
      trigger_id: id26(),
      type: 'button',
      data_source: '',
      context: action.integration.context ?? {},
    };
    return post(action.integration.url, JSON.stringify(body), { 'Content-Type': 'application/json' });
  }

  /** Mattermost relaying a dialog submission to the dialog's URL, with its `state` as opened. */
  async submitDialog(opened: { url: string; dialog: { callback_id?: string; state?: string } }, by: { userId: string; channelId: string }, submission: Record<string, unknown>): Promise<IntegrationResponse> {
    const body = {
      type: 'dialog_submission',
      callback_id: opened.dialog.callback_id ?? '',
      state: opened.dialog.state ?? '',
      user_id: by.userId,
      channel_id: by.channelId,
      team_id: 'team1',
      submission,
      cancelled: false,
    };
    return post(opened.url, JSON.stringify(body), { 'Content-Type': 'application/json' });
  }

  /** Actions of a post's attachments (buttons). */
  static actionsOf(post: { props?: Record<string, unknown> } | Record<string, unknown>): IntegrationAction[] {
    const props = ('props' in post ? post.props : undefined) as { attachments?: { actions?: IntegrationAction[] }[] } | undefined;
    return (props?.attachments ?? []).flatMap((a) => a.actions ?? []);
  }

  // --- internals --------------------------------------------------------------

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private store(fields: Pick<FakePost, 'user_id' | 'channel_id' | 'root_id' | 'message' | 'props'> & { file_ids?: string[] }): FakePost {
    // Strictly increasing create_at, as the server orders posts.
    const last = Math.max(0, ...[...this.posts.values()].map((p) => p.create_at));
    const at = Math.max(Date.now(), last + 1);
    const post: FakePost = { id: id26(), create_at: at, update_at: at, edit_at: 0, delete_at: 0, type: '', metadata: {}, ...fields };
    this.posts.set(post.id, post);
    return post;
  }

  private channelType(channelId: string): string {
    return [...this.directChannels.values()].includes(channelId) ? 'D' : 'O';
  }

  private broadcastPosted(post: FakePost, options: PostedOptions): void {
    const mentions = options.mentions ?? (post.message.includes(`@${this.bot.username}`) ? [this.bot.id] : []);
    const data: Record<string, unknown> = {
      channel_display_name: 'Équipe',
      channel_name: 'equipe',
      channel_type: options.channelType ?? this.channelType(post.channel_id),
      post: JSON.stringify(post),
      sender_name: `@${this.users.get(post.user_id)?.username ?? 'inconnu'}`,
      set_online: true,
      team_id: 'team1',
    };
    if (mentions.length > 0) data.mentions = JSON.stringify(mentions);
    this.broadcast('posted', data, { channel_id: post.channel_id });
  }

  private broadcast(event: string, data: Record<string, unknown>, broadcast: Record<string, unknown>): void {
    for (const socket of this.sockets) {
      socket.seq += 1;
      socket.ws.send(JSON.stringify({ event, data, broadcast: { omit_users: null, user_id: '', channel_id: '', team_id: '', ...broadcast }, seq: socket.seq }));
    }
  }

  private accept(ws: WebSocket): void {
    let authenticated = false;
    ws.on('message', (raw) => {
      let msg: { action?: string; seq?: number; data?: { token?: string } };
      try {
        msg = JSON.parse(raw.toString()) as typeof msg;
      } catch {
        return;
      }
      if (msg.action === 'authentication_challenge') {
        if (msg.data?.token !== this.token) {
          ws.send(JSON.stringify({ status: 'FAIL', seq_reply: msg.seq, error: { id: 'api.web_socket_router.not_authenticated.app_error', message: 'not authenticated' } }));
          ws.close();
          return;
        }
        authenticated = true;
        ws.send(JSON.stringify({ status: 'OK', seq_reply: msg.seq }));
        const socket = { ws, seq: 0 };
        ws.send(JSON.stringify({ event: 'hello', data: { connection_id: id26(), server_version: '11.9.0', server_hostname: 'fake' }, broadcast: { omit_users: null, user_id: this.bot.id, channel_id: '', team_id: '' }, seq: 0 }));
        this.sockets.add(socket);
        this.connections += 1;
        ws.on('close', () => {
          this.sockets.delete(socket);
          this.notify();
        });
        this.notify();
        return;
      }
      if (msg.action === 'ping') {
        ws.send(JSON.stringify({ status: 'OK', seq_reply: msg.seq, data: { text: 'pong', version: '11.9.0', node_id: '', server_time: Date.now() } }));
        return;
      }
      ws.send(JSON.stringify({ status: authenticated ? 'OK' : 'FAIL', seq_reply: msg.seq }));
    });
  }

  /** Open sockets now (authenticated). */
  get openSockets(): number {
    return this.sockets.size;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown = raw.toString('utf8');
    if (contentType.includes('application/json') && raw.length > 0) body = JSON.parse(raw.toString('utf8'));
    const route = `${req.method} ${url.pathname.replace(/\/[a-z0-9]{26}(?=\/|$)/g, '/{id}')}`;
    this.calls.push({ route, method: req.method ?? '', path: url.pathname, query: url.searchParams, body, at: performance.now() });
    try {
      // The server takes `Bearer` in any case (Client4 sends `BEARER`).
      const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer !== this.token) return apiError(res, 401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');
      const failure = this.failures.get(route);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        return apiError(res, failure.status, 'fake.failure', 'failure asked by the test');
      }
      await this.route(req.method ?? '', url, body, raw, contentType, res);
    } finally {
      this.notify();
    }
  }

  private async route(method: string, url: URL, body: unknown, raw: Buffer, contentType: string, res: http.ServerResponse): Promise<void> {
    const path = url.pathname;
    const b = (body ?? {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/api/v4/users/me') return json(res, 200, this.bot);
    if (method === 'GET' && (m = /^\/api\/v4\/users\/([a-z0-9]{26})$/.exec(path))) {
      const user = this.users.get(m[1]!);
      return user ? json(res, 200, user) : apiError(res, 404, 'app.user.missing_account.const', 'Unable to find the user.');
    }
    if (method === 'POST' && path === '/api/v4/posts') {
      if (typeof b.channel_id !== 'string' || b.channel_id === '') return apiError(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing post in request body.');
      if (typeof b.root_id === 'string' && b.root_id !== '' && !this.posts.has(b.root_id)) return apiError(res, 400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');
      const post = this.store({
        user_id: this.bot.id,
        channel_id: b.channel_id,
        root_id: typeof b.root_id === 'string' ? b.root_id : '',
        message: typeof b.message === 'string' ? b.message : '',
        props: { ...((b.props as Record<string, unknown>) ?? {}), from_bot: 'true' },
        ...(Array.isArray(b.file_ids) ? { file_ids: b.file_ids as string[] } : {}),
      });
      for (const listener of this.botPostListeners) listener(post);
      // The bot's own post comes back to it over the WebSocket too.
      this.broadcastPosted(post, { channelId: post.channel_id, userId: post.user_id, message: post.message, mentions: [] });
      return json(res, 201, post);
    }
    if (method === 'POST' && path === '/api/v4/posts/ephemeral') {
      const post = (b.post ?? {}) as Record<string, unknown>;
      if (typeof b.user_id !== 'string' || typeof post.channel_id !== 'string' || typeof post.message !== 'string') return apiError(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing post in request body.');
      const rootId = typeof post.root_id === 'string' ? post.root_id : '';
      this.ephemerals.push({ userId: b.user_id, channelId: post.channel_id, rootId, message: post.message });
      return json(res, 201, { ...post, id: id26(), user_id: this.bot.id, create_at: Date.now() });
    }
    if ((m = /^\/api\/v4\/posts\/([a-z0-9]{26})(\/patch|\/thread)?$/.exec(path))) {
      const post = this.posts.get(m[1]!);
      if (!post) return apiError(res, 404, 'app.post.get.app_error', 'Unable to get the post.');
      if (method === 'GET' && m[2] === undefined) return json(res, 200, post);
      if (method === 'DELETE' && m[2] === undefined) {
        this.posts.delete(post.id);
        return json(res, 200, { status: 'OK' });
      }
      if (method === 'PUT' && m[2] === '/patch') {
        if (typeof b.message === 'string') post.message = b.message;
        if (b.props && typeof b.props === 'object') post.props = { ...(b.props as Record<string, unknown>), from_bot: 'true' };
        post.update_at = post.edit_at = Date.now();
        return json(res, 200, post);
      }
      if (method === 'GET' && m[2] === '/thread') {
        const root = post.root_id ? this.posts.get(post.root_id) : post;
        const thread = [...this.posts.values()].filter((p) => p.id === root?.id || p.root_id === root?.id);
        return json(res, 200, postList(thread));
      }
    }
    if (method === 'GET' && (m = /^\/api\/v4\/channels\/([a-z0-9]{26}|[A-Za-z0-9_]+)\/posts$/.exec(path))) {
      const before = url.searchParams.get('before');
      const perPage = Number(url.searchParams.get('per_page') ?? 60);
      const limit = before ? this.posts.get(before)?.create_at ?? Infinity : Infinity;
      const inChannel = [...this.posts.values()].filter((p) => p.channel_id === m![1] && p.create_at < limit).sort((x, y) => y.create_at - x.create_at);
      return json(res, 200, postList(inChannel.slice(0, perPage)));
    }
    if (method === 'POST' && path === '/api/v4/channels/direct') {
      const ids = Array.isArray(body) ? (body as unknown[]) : [];
      const other = ids.find((id) => id !== this.bot.id);
      if (ids.length !== 2 || typeof other !== 'string' || !this.users.has(other)) return apiError(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing user_ids in request body.');
      return json(res, 201, { id: this.directChannel(other), type: 'D', name: [this.bot.id, other].sort().join('__') });
    }
    if (method === 'POST' && path === '/api/v4/actions/dialogs/open') {
      const dialog = b.dialog as { title?: string; elements?: { display_name?: string }[] } | undefined;
      if (typeof b.trigger_id !== 'string' || typeof b.url !== 'string' || !dialog) return apiError(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing dialog in request body.');
      if ((dialog.title ?? '').length > 24 || (dialog.elements ?? []).some((e) => (e.display_name ?? '').length > 24)) {
        return apiError(res, 400, 'interactive_message.decode_trigger_id.title_too_long', 'Dialog title or label too long.');
      }
      return json(res, 200, { status: 'OK' });
    }
    if (method === 'POST' && path === '/api/v4/files') {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
      const channelId = url.searchParams.get('channel_id') ?? String(form.get('channel_id') ?? '');
      if (!channelId) return apiError(res, 400, 'api.file.upload_file.incorrect_channelId.app_error', 'Missing channel_id.');
      const infos: Record<string, unknown>[] = [];
      for (const value of form.getAll('files')) {
        if (typeof value === 'string') continue;
        const id = id26();
        const content = Buffer.from(await value.arrayBuffer());
        this.files.set(id, { name: value.name, channelId, content });
        infos.push({ id, name: value.name, size: content.length, mime_type: value.type, channel_id: channelId });
      }
      return json(res, 201, { file_infos: infos, client_ids: [] });
    }
    if (method === 'POST' && path === '/api/v4/reactions') return json(res, 201, { ...b, create_at: Date.now() });
    if (method === 'DELETE' && /^\/api\/v4\/users\/[a-z0-9]{26}\/posts\/[a-z0-9]{26}\/reactions\/[a-z_0-9+-]+$/.test(path)) return json(res, 200, { status: 'OK' });
    return apiError(res, 404, 'api.context.404.app_error', 'Sorry, we could not find the page.');
  }
}

function postList(posts: readonly FakePost[]): Record<string, unknown> {
  const sorted = [...posts].sort((a, b) => b.create_at - a.create_at);
  return { order: sorted.map((p) => p.id), posts: Object.fromEntries(sorted.map((p) => [p.id, p])), next_post_id: '', prev_post_id: '', has_next: false };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<IntegrationResponse> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    parsed = null;
  }
  return { status: res.status, json: parsed, text };
}

export async function startFakeMattermost(): Promise<FakeMattermost> {
  return new FakeMattermost().start();
}
