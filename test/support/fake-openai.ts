import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * An OpenAI-compatible stub on 127.0.0.1 (port 0): POST /v1/chat/completions
 * (plain text, tool calls, JSON mode) and POST /v1/embeddings (deterministic
 * bag-of-words vectors, float or base64). Each test scripts what the next
 * requests get: a reply, an HTTP status, a hang, malformed JSON, a closed socket.
 */
export type Behaviour =
  | { kind: 'reply'; content: string }
  /** A tool call to the function named in the request's `tool_choice`, with these raw arguments. */
  | { kind: 'tool'; arguments: string }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'close' };

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
}

export interface FakeOpenAI {
  /** Base URL to give the client, ending in `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queue behaviours for the next chat requests, in order. */
  chat(...behaviours: Behaviour[]): void;
  /** What chat requests get when nothing is queued (default: a reply citing [1]); the request body is given. */
  respond(responder: (body: Record<string, unknown>) => Behaviour): void;
  /** Queue behaviours for the next embeddings requests (default: vectors). */
  embeddings(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

export const FAKE_EMBEDDING_DIMENSIONS = 64;

const ChatBody = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string() })),
  tool_choice: z.looseObject({ function: z.object({ name: z.string() }) }).optional(),
});
const EmbeddingsBody = z.looseObject({
  model: z.string(),
  input: z.union([z.string(), z.array(z.string())]),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

/** Hash each lowercase word into one of 64 dimensions, then normalise: shared words → close vectors. */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 3) continue;
    let hash = 2166136261;
    for (const ch of word) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
    vector[hash % FAKE_EMBEDDING_DIMENSIONS]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function chatCompletion(model: string, message: Record<string, unknown>, finish: string): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const chatQueue: Behaviour[] = [];
  const embeddingsQueue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  let responder = (_body: Record<string, unknown>): Behaviour => ({ kind: 'reply', content: 'Réponse par défaut [1].' });

  const fault = (behaviour: Behaviour, req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    switch (behaviour.kind) {
      case 'status':
        json(res, behaviour.status, { error: { message: 'fake failure', type: 'fake', code: null } });
        return true;
      case 'hang':
        return true; // never answered; the socket is destroyed on close()
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-fake", "choices": [');
        return true;
      case 'close':
        req.socket.destroy();
        return true;
      default:
        return false;
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json(res, 400, { error: { message: 'invalid JSON body' } });
      }
      const record = z.record(z.string(), z.unknown()).safeParse(raw);
      if (!record.success) return json(res, 400, { error: { message: 'body must be a JSON object' } });
      requests.push({ path, body: record.data });

      if (req.method === 'POST' && path === '/v1/chat/completions') {
        const body = ChatBody.safeParse(raw);
        if (!body.success) return json(res, 400, { error: { message: body.error.message } });
        const behaviour = chatQueue.shift() ?? responder(record.data);
        if (fault(behaviour, req, res)) return;
        if (behaviour.kind === 'tool') {
          const name = body.data.tool_choice?.function.name ?? 'extract';
          const call = { id: 'call_fake', type: 'function', function: { name, arguments: behaviour.arguments } };
          return json(res, 200, chatCompletion(body.data.model, { content: null, tool_calls: [call] }, 'tool_calls'));
        }
        if (behaviour.kind === 'reply') {
          return json(res, 200, chatCompletion(body.data.model, { content: behaviour.content }, 'stop'));
        }
      }

      if (req.method === 'POST' && path === '/v1/embeddings') {
        const body = EmbeddingsBody.safeParse(raw);
        if (!body.success) return json(res, 400, { error: { message: body.error.message } });
        const behaviour = embeddingsQueue.shift();
        if (behaviour && fault(behaviour, req, res)) return;
        const inputs = typeof body.data.input === 'string' ? [body.data.input] : body.data.input;
        const data = inputs.map((text, index) => {
          const vector = fakeEmbedding(text);
          const embedding =
            body.data.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          return { object: 'embedding', index, embedding };
        });
        return json(res, 200, { object: 'list', data, model: body.data.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
      }

      json(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chat: (...b) => chatQueue.push(...b),
    respond: (r) => {
      responder = r;
    },
    embeddings: (...b) => embeddingsQueue.push(...b),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
