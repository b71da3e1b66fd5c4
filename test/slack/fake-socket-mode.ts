import crypto from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';

/**
 * A minimal Socket Mode server (RFC 6455, text frames only) on 127.0.0.1: says
 * `hello` on connection, sends `events_api` envelopes, answers pings and
 * collects the app's acks (`{ envelope_id }`).
 */
export interface FakeSocketMode {
  /** WebSocket URL to return from apps.connections.open. */
  url: string;
  /** Resolves once a client is connected and has been sent `hello`. */
  connected: Promise<void>;
  /** Send an event_callback body in an `events_api` envelope; resolves with the envelope id. */
  sendEvent(body: Record<string, unknown>): string;
  /** Envelope ids the app acknowledged. */
  acks: string[];
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.alloc(4);
  if (length >= 126) {
    if (length > 0xffff) throw new Error('frame too large for this fake');
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  }
  return Buffer.concat([header, payload]);
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  let socket: Duplex | undefined;
  let onConnected: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const acks: string[] = [];
  let buffer = Buffer.alloc(0);

  const readFrames = () => {
    while (buffer.length >= 2) {
      const opcode = (buffer[0] ?? 0) & 0x0f;
      let length = (buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
      const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x9) socket?.write(frame(0xa, payload));
      else if (opcode === 0x8) socket?.end(frame(0x8, Buffer.alloc(0)));
      else if (opcode === 0x1) {
        const message = JSON.parse(payload.toString('utf8')) as { envelope_id?: string };
        if (message.envelope_id) acks.push(message.envelope_id);
      }
    }
  };

  const server = http.createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, sock: Duplex) => {
    const key = String(req.headers['sec-websocket-key']);
    const accept = crypto.createHash('sha1').update(key + GUID).digest('base64');
    sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket = sock;
    sock.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      readFrames();
    });
    sock.on('error', () => {});
    const hello = { type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0001' } };
    sock.write(frame(0x1, Buffer.from(JSON.stringify(hello))));
    onConnected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected,
    acks,
    sendEvent(body) {
      if (!socket) throw new Error('fake Socket Mode: no client connected');
      const envelopeId = crypto.randomUUID();
      const envelope = { envelope_id: envelopeId, type: 'events_api', payload: body, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' };
      socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
      return envelopeId;
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
      }),
  };
}
