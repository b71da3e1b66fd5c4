import http from 'node:http';
import { performance } from 'node:perf_hooks';
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'files', 'users']);
function parseParams(raw, contentType) {
    if (raw === '')
        return {};
    if (contentType.includes('application/json')) {
        const value = JSON.parse(raw);
        return typeof value === 'object' && value !== null ? value : {};
    }
    const params = {};
    for (const [key, value] of new URLSearchParams(raw)) {
        params[key] = JSON_FIELDS.has(key) && /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
    return params;
}
const str = (value) => (typeof value === 'string' ? value : undefined);
/** The uploaded file's bytes: the file part of a multipart body (as the WebClient sends it), else the raw body. */
async function uploadedContent(body, contentType) {
    if (!contentType.includes('multipart/form-data'))
        return body;
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    for (const value of form.values()) {
        if (typeof value !== 'string')
            return Buffer.from(await value.arrayBuffer());
    }
    return body;
}
export async function startFakeSlackApi() {
    const bot = { userId: 'UCOORDO', botId: 'BCOORDO', teamId: 'T0001' };
    const calls = [];
    const messages = [];
    const responders = new Map();
    const rateLimits = new Map();
    const waiters = new Set();
    let tsCounter = 0;
    const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;
    const record = (call) => {
        calls.push(call);
        for (const waiter of waiters) {
            if (waiter.method === call.method && waiter.match(call)) {
                waiters.delete(waiter);
                waiter.resolve(call);
            }
        }
    };
    const defaultAnswer = (call, baseUrl) => {
        const p = call.params;
        const channel = str(p.channel) ?? 'C0';
        switch (call.method) {
            case 'auth.test':
                return { ok: true, url: 'https://coordo.slack.com/', team: 'Coordo', user: 'coordo', team_id: bot.teamId, user_id: bot.userId, bot_id: bot.botId };
            case 'chat.postMessage': {
                const message = { channel, ts: nextTs(), thread_ts: str(p.thread_ts), user: bot.userId, bot_id: bot.botId, text: str(p.text) ?? '', blocks: p.blocks };
                messages.push(message);
                return { ok: true, channel, ts: message.ts, message };
            }
            case 'chat.update': {
                const message = messages.find((m) => m.channel === channel && m.ts === p.ts);
                if (!message)
                    return { ok: false, error: 'message_not_found' };
                message.text = str(p.text) ?? message.text;
                message.blocks = p.blocks ?? message.blocks;
                return { ok: true, channel, ts: message.ts, text: message.text };
            }
            case 'chat.postEphemeral':
                return { ok: true, message_ts: nextTs() };
            case 'conversations.replies': {
                const root = str(p.ts);
                const thread = messages
                    .filter((m) => m.channel === channel && (m.ts === root || m.thread_ts === root))
                    .sort((a, b) => Number(a.ts) - Number(b.ts));
                return { ok: true, messages: thread, has_more: false };
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
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
            const body = Buffer.concat(chunks);
            const path = (req.url ?? '/').split('?')[0] ?? '/';
            const reply = (status, json, headers = {}) => {
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
            if (!path.startsWith('/api/'))
                return reply(404, { ok: false, error: 'unknown_path' });
            const method = path.slice('/api/'.length);
            let params;
            try {
                params = parseParams(body.toString('utf8'), req.headers['content-type'] ?? '');
            }
            catch {
                return reply(200, { ok: false, error: 'invalid_form_data' });
            }
            const limit = rateLimits.get(method);
            if (limit && limit.times > 0) {
                limit.times -= 1;
                calls.push({ method: `${method}#429`, params, at });
                return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
            }
            const call = { method, params, at };
            const custom = responders.get(method)?.(call) ?? null;
            const answer = custom ?? defaultAnswer(call, baseUrl);
            record(call);
            reply(200, answer);
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    const baseUrl = `http://127.0.0.1:${port}/`;
    return {
        apiUrl: `${baseUrl}api/`,
        bot,
        calls,
        callsTo: (method) => calls.filter((c) => c.method === method),
        waitFor(method, match = () => true, timeoutMs = 5000) {
            const found = calls.find((c) => c.method === method && match(c));
            if (found)
                return Promise.resolve(found);
            return new Promise((resolve, reject) => {
                const waiter = { method, match, resolve: (c) => (clearTimeout(timer), resolve(c)) };
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
        reset: () => void calls.splice(0, calls.length),
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
