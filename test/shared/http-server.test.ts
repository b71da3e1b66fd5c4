import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardedServer } from '../../src/adapters/shared/http-server.ts';
import { readBody } from '../../src/adapters/shared/request-body.ts';
import { createLogger } from '../../src/log/logger.ts';

const LIMIT = 10;

/** Echoes a body within LIMIT bytes; fails on `/boom`. */
const server: GuardedServer = new GuardedServer({
  platform: 'test',
  logger: createLogger('silent'),
  failure: { status: 500, body: { text: 'erreur' } },
  async route(req, res) {
    if (req.url === '/boom') throw new Error('boom');
    const raw = await readBody(req, LIMIT);
    if (typeof raw === 'string') return server.refuse(res, { status: 413, reason: raw }, { text: 'trop long' });
    res.end(raw.toString('utf8'));
  },
});
let base = '';
let port = 0;

beforeAll(async () => {
  port = ((await server.start(0)).address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => server.stop());

/** A chunked POST (no Content-Length: the limit is found while reading). */
function chunked(body: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the guarded HTTP server of the chat adapters', () => {
  it('answers /health, reads a body within the limit', async () => {
    expect(await (await fetch(`${base}/health`)).text()).toBe('ok');
    expect(await (await fetch(`${base}/`, { method: 'POST', body: 'court' })).text()).toBe('court');
  });

  it('refuses a larger body, announced or found while reading, and closes its connection', async () => {
    const announced = await fetch(`${base}/`, { method: 'POST', body: 'x'.repeat(LIMIT + 1) });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({ text: 'trop long' });
    expect(await chunked('y'.repeat(LIMIT * 20))).toEqual({ status: 413, connection: 'close' });
  });

  it('answers a failure with its failure answer, never an exception out of the server', async () => {
    const failed = await fetch(`${base}/boom`, { method: 'POST' });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ text: 'erreur' });
  });
});
