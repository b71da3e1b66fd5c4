import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A fake Slack Web API on 127.0.0.1 for tests and the bench.
 *
 * Point the app's WebClient at `fake.apiUrl` (`SLACK_API_URL`). Every call is
 * recorded in `fake.calls` with its method and parsed params (form fields or
 * JSON; fields holding JSON such as `blocks`, `view`, `attachments` are parsed).
 * Messages posted with chat.postMessage / chat.update are kept per channel so
 * conversations.replies answers with the real thread; seed user messages with
 * `addMessage`. `response_url` targets come from `responseUrl()`; their POSTs are
 * recorded as calls with method `response_url`. File uploads (files.uploadV2)
 * are recorded as `files.upload` calls with the byte count and the file's `content` (Buffer).
 *
 *   const fake = await startFakeSlackApi();
 *   … const post = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === ts);
 *   await fake.close();
 */

export interface SlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` / `files.upload`. */
  method: string;
  params: Record<string, unknown>;
  /** performance.now() when the request was fully read. */
  at: number;
  /** For `response_url` calls: the id given to `responseUrl(id)`. */
  responseId?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text: string;
  blocks?: unknown;
  /** What chat.postMessage was given as `metadata` (returned when asked with include_all_metadata). */
  metadata?: unknown;
}

/** A custom answer for one method: return the JSON body (status 200), or null to use the default. */
export type FakeResponder = (call: SlackCall) => Record<string, unknown> | null;

export interface FakeSlackApi {
  /** Base Web API address, ending in `/api/` (for `SLACK_API_URL` / `clientOptions.slackApiUrl`). */
  readonly apiUrl: string;
  /** The bot identity auth.test returns. */
  readonly bot: { userId: string; botId: string; teamId: string };
  /** Every call received, in order. */
  readonly calls: SlackCall[];
  /** Calls to one method. */
  callsTo(method: string): SlackCall[];
  /** Resolves with the first call (past or future) to `method` matching `match`; rejects after `timeoutMs`. */
  waitFor(method: string, match?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** A URL to use as `response_url` in commands and interactions; POSTs to it are recorded. */
  responseUrl(id?: string): string;
  /** Add a message (e.g. the user's question) so conversations.replies returns it. */
  addMessage(message: FakeMessage): void;
  /** Replace the default answer of a method. */
  respond(method: string, responder: FakeResponder): void;
  /** The next `times` calls to `method` get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(method: string, retryAfterSeconds?: number, times?: number): void;
  /**
   * Hold the answers to `method`: calls are processed (recorded, messages kept) as Slack would, but the
   * HTTP answer waits until `release()` — a slow Slack, or one whose answer a crash never reads.
   */
  hold(method: string): { release(): void };
  /** Calls to chat.postMessage carrying the outbox key `key` in their metadata. */
  postsWithKey(key: string): SlackCall[];
  /** The next `times` calls to `method` get HTTP `status` (default 500), recorded as `<method>#<status>`. */
  failNext(method: string, status?: number, times?: number): void;
  /** Forget recorded calls (messages stay). */
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'files', 'users']);

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = JSON_FIELDS.has(key) && /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Within `oldest` / `latest` (exclusive unless `inclusive`), as conversations.history and .replies filter. */
function inRange(message: FakeMessage, p: Record<string, unknown>): boolean {
  const inclusive = p.inclusive === true || p.inclusive === 'true';
  const ts = Number(message.ts);
  const oldest = str(p.oldest) ?? (typeof p.oldest === 'number' ? String(p.oldest) : undefined);
  const latest = str(p.latest) ?? (typeof p.latest === 'number' ? String(p.latest) : undefined);
  if (oldest !== undefined && (inclusive ? ts < Number(oldest) : ts <= Number(oldest))) return false;
  if (latest !== undefined && (inclusive ? ts > Number(latest) : ts >= Number(latest))) return false;
  return true;
}

/** A stored message as Slack lists it: metadata only when asked for. */
function shown(message: FakeMessage, p: Record<string, unknown>): FakeMessage {
  const { metadata, ...rest } = message;
  const asked = p.include_all_metadata === true || p.include_all_metadata === 'true';
  return asked && metadata !== undefined ? { ...rest, metadata } : rest;
}

/** The uploaded file's bytes: the file part of a multipart body (as the WebClient sends it), else the raw body. */
async function uploadedContent(body: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.includes('multipart/form-data')) return body;
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return body;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const bot = { userId: 'UCOORDO', botId: 'BCOORDO', teamId: 'T0001' };
  const calls: SlackCall[] = [];
  const messages: FakeMessage[] = [];
  const responders = new Map<string, FakeResponder>();
  const rateLimits = new Map<string, { retryAfter: number; times: number }>();
  const held = new Map<string, (() => void)[]>();
  const failures = new Map<string, { status: number; times: number }>();
  const waiters = new Set<{ method: string; match: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }>();
  let tsCounter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  const record = (call: SlackCall) => {
    calls.push(call);
    for (const waiter of waiters) {
      if (waiter.method === call.method && waiter.match(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  };

  const defaultAnswer = (call: SlackCall, baseUrl: string): Record<string, unknown> => {
    const p = call.params;
    const channel = str(p.channel) ?? 'C0';
    switch (call.method) {
      case 'auth.test':
        return { ok: true, url: 'https://coordo.slack.com/', team: 'Coordo', user: 'coordo', team_id: bot.teamId, user_id: bot.userId, bot_id: bot.botId };
      case 'chat.postMessage': {
        const message: FakeMessage = { channel, ts: nextTs(), thread_ts: str(p.thread_ts), user: bot.userId, bot_id: bot.botId, text: str(p.text) ?? '', blocks: p.blocks, metadata: p.metadata };
        messages.push(message);
        return { ok: true, channel, ts: message.ts, message };
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === channel && m.ts === p.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = str(p.text) ?? message.text;
        message.blocks = p.blocks ?? message.blocks;
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.replies': {
        const root = str(p.ts);
        const thread = messages
          .filter((m) => m.channel === channel && (m.ts === root || m.thread_ts === root) && inRange(m, p))
          .sort((a, b) => Number(a.ts) - Number(b.ts));
        return { ok: true, messages: thread.map((m) => shown(m, p)), has_more: false };
      }
      case 'conversations.history': {
        // Top-level messages only (a thread's replies are not part of the history), newest first.
        const top = messages
          .filter((m) => m.channel === channel && (m.thread_ts === undefined || m.thread_ts === m.ts) && inRange(m, p))
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        const limit = Number(p.limit ?? 100);
        return { ok: true, messages: top.slice(0, limit).map((m) => shown(m, p)), has_more: top.length > limit };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${str(p.users) ?? 'USER'}` } };
      case 'users.info':
        return { ok: true, user: { id: str(p.user), name: str(p.user), real_name: str(p.user), profile: { display_name: str(p.user) } } };
      case 'views.open':
      case 'views.update':
      case 'views.push':
        return { ok: true, view: { id: `V${calls.length}`, ...(typeof p.view === 'object' ? p.view : {}) } };
      case 'files.getUploadURLExternal': {
        const id = `F${calls.length}`;
        return { ok: true, upload_url: `${baseUrl}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: Array.isArray(p.files) ? p.files : [] };
      default:
        return { ok: true };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const reply = (status: number, json: Record<string, unknown>, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      const at = performance.now();
      if (path.startsWith('/response/')) {
        const params = parseParams(body.toString('utf8'), req.headers['content-type'] ?? 'application/json');
        record({ method: 'response_url', params, at, responseId: decodeURIComponent(path.slice('/response/'.length)) });
        return reply(200, { ok: true });
      }
      if (path.startsWith('/upload/')) {
        void uploadedContent(body, req.headers['content-type'] ?? '').then((content) => {
          record({ method: 'files.upload', params: { file_id: path.slice('/upload/'.length), bytes: body.length, content }, at });
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('OK');
        });
        return;
      }
      if (!path.startsWith('/api/')) return reply(404, { ok: false, error: 'unknown_path' });
      const method = path.slice('/api/'.length);
      let params: Record<string, unknown>;
      try {
        params = parseParams(body.toString('utf8'), req.headers['content-type'] ?? '');
      } catch {
        return reply(200, { ok: false, error: 'invalid_form_data' });
      }
      const limit = rateLimits.get(method);
      if (limit && limit.times > 0) {
        limit.times -= 1;
        calls.push({ method: `${method}#429`, params, at });
        return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
      }
      const failure = failures.get(method);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        record({ method: `${method}#${failure.status}`, params, at });
        return reply(failure.status, { ok: false, error: 'internal_error' });
      }
      const call: SlackCall = { method, params, at };
      const custom = responders.get(method)?.(call) ?? null;
      const answer = custom ?? defaultAnswer(call, baseUrl);
      record(call);
      const waiting = held.get(method);
      if (waiting) waiting.push(() => reply(200, answer));
      else reply(200, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/`;

  return {
    apiUrl: `${baseUrl}api/`,
    bot,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor(method, match = () => true, timeoutMs = 20_000) {
      const found = calls.find((c) => c.method === method && match(c));
      if (found) return Promise.resolve(found);
      return new Promise<SlackCall>((resolve, reject) => {
        const waiter = { method, match, resolve: (c: SlackCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake Slack API: no ${method} call matched within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    responseUrl: (id = 'default') => `${baseUrl}response/${encodeURIComponent(id)}`,
    addMessage: (message) => void messages.push(message),
    respond: (method, responder) => void responders.set(method, responder),
    rateLimitNext: (method, retryAfterSeconds = 1, times = 1) => void rateLimits.set(method, { retryAfter: retryAfterSeconds, times }),
    hold(method) {
      held.set(method, []);
      return {
        release() {
          const waiting = held.get(method) ?? [];
          held.delete(method);
          for (const answer of waiting) answer();
        },
      };
    },
    postsWithKey: (key) =>
      calls.filter((c) => c.method === 'chat.postMessage' && (c.params.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key === key),
    failNext: (method, status = 500, times = 1) => void failures.set(method, { status, times }),
    reset: () => void calls.splice(0, calls.length),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
