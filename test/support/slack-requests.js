import crypto from 'node:crypto';
import http from 'node:http';
/** `v0=` + HMAC-SHA256(secret, `v0:${timestamp}:${body}`). */
export function slackSignature(signingSecret, timestamp, body) {
    return `v0=${crypto.createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}
/** POST a raw body with Slack's signature headers. */
export async function postSigned(target, body, contentType, options = {}) {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature === undefined ? slackSignature(target.signingSecret, timestamp, body) : options.signature;
    const headers = {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        ...(signature === null ? {} : { 'x-slack-signature': signature }),
        ...options.headers,
    };
    return new Promise((resolve, reject) => {
        const request = http.request(target.url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
        });
        request.on('error', reject);
        request.end(body);
    });
}
/** Keep-alive connections to the app under test (node:http: lighter than fetch under load). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let counter = 0;
/** A unique Slack-like message timestamp (`seconds.micro`). */
export function nextTs() {
    counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(100000 + counter).padStart(6, '0')}`;
}
/** An `app_mention` event (channel C0001 and user U0001 unless given). */
export function mentionEvent(input) {
    const ts = input.ts ?? nextTs();
    return {
        type: 'app_mention',
        user: input.user ?? 'U0001',
        text: input.text,
        ts,
        event_ts: ts,
        channel: input.channel ?? 'C0001',
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    };
}
/** A `message` event in a direct conversation with the bot (channel D0001 unless given). */
export function directMessageEvent(input) {
    const ts = input.ts ?? nextTs();
    return {
        type: 'message',
        channel_type: 'im',
        user: input.user ?? 'U0001',
        text: input.text,
        ts,
        event_ts: ts,
        channel: input.channel ?? 'D0001',
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    };
}
/** The `event_callback` body Slack sends for `event` (also the payload of a Socket Mode `events_api` envelope). */
export function eventEnvelope(event, options = {}) {
    const teamId = options.teamId ?? 'T0001';
    return {
        token: 'legacy-unused',
        team_id: teamId,
        api_app_id: 'A0001',
        event,
        type: 'event_callback',
        event_id: options.eventId ?? `Ev${crypto.randomBytes(6).toString('hex').toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: 'UCOORDO', is_bot: true }],
    };
}
/** Wrap `event` in an `event_callback` envelope and POST it signed. Returns the response and the event id. */
export async function sendEvent(target, event, options = {}) {
    const envelope = eventEnvelope(event, options);
    const headers = {
        ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
        ...options.headers,
    };
    const response = await postSigned(target, JSON.stringify(envelope), 'application/json', { ...options, headers });
    return { ...response, eventId: envelope.event_id };
}
/** POST a signed slash command (`/coordo` unless given). */
export function sendCommand(target, input, options = {}) {
    const body = new URLSearchParams({
        token: 'legacy-unused',
        team_id: input.teamId ?? 'T0001',
        team_domain: 'coordo',
        channel_id: input.channelId ?? 'C0001',
        channel_name: 'general',
        user_id: input.userId ?? 'U0001',
        user_name: input.userName ?? 'alice',
        command: input.command ?? '/coordo',
        text: input.text,
        api_app_id: 'A0001',
        response_url: input.responseUrl,
        trigger_id: input.triggerId ?? `T${Date.now()}.trigger`,
    }).toString();
    return postSigned(target, body, 'application/x-www-form-urlencoded', options);
}
/** POST a signed interaction (`payload=<json>`): block actions, view submissions… */
export function sendInteraction(target, payload, options = {}) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return postSigned(target, body, 'application/x-www-form-urlencoded', options);
}
/** A `block_actions` payload for one button click. */
export function blockActionPayload(input) {
    const channel = input.channelId ?? 'C0001';
    const ephemeral = input.messageTs === undefined;
    const messageTs = input.messageTs ?? nextTs();
    return {
        type: 'block_actions',
        team: { id: 'T0001', domain: 'coordo' },
        user: { id: input.userId ?? 'U0001', username: 'alice', name: 'alice', team_id: 'T0001' },
        api_app_id: 'A0001',
        token: 'legacy-unused',
        container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: ephemeral },
        trigger_id: input.triggerId ?? `T${Date.now()}.trigger`,
        channel: { id: channel, name: 'general' },
        ...(ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: '', user: 'UCOORDO' } }),
        response_url: input.responseUrl,
        actions: [
            {
                type: 'button',
                action_id: input.actionId,
                block_id: input.blockId ?? 'block',
                value: input.value,
                text: { type: 'plain_text', text: 'bouton' },
                action_ts: nextTs(),
            },
        ],
    };
}
/** A `view_submission` payload for a modal. */
export function viewSubmissionPayload(input) {
    return {
        type: 'view_submission',
        team: { id: 'T0001', domain: 'coordo' },
        user: { id: input.userId ?? 'U0001', username: 'alice', name: 'alice', team_id: 'T0001' },
        api_app_id: 'A0001',
        token: 'legacy-unused',
        trigger_id: input.triggerId ?? `T${Date.now()}.trigger`,
        view: {
            id: 'V0001',
            team_id: 'T0001',
            type: 'modal',
            callback_id: input.callbackId,
            private_metadata: input.privateMetadata ?? '',
            blocks: [],
            state: { values: input.values },
            hash: 'h',
            title: { type: 'plain_text', text: 'Coordo' },
            app_id: 'A0001',
            bot_id: 'BCOORDO',
        },
        response_urls: [],
    };
}
