import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { IncomingMessage } from '../../src/engine/message.ts';
import { textReply } from '../../src/engine/reply.ts';
import { silentLogger } from '../../src/log/logger.ts';

/** The messages the handler saw. */
const recording = (seen: IncomingMessage[]) => ({ name: 'recording', handle: async (message: IncomingMessage) => (seen.push(message), textReply('answer', 'ok')) });
const ask = (engine: Engine) => engine.handle({ text: 'Qu’est-ce qu’une MSP ?', conversation: { platform: 'cli', userId: 'u', channelId: 'c' } });

describe('the time budget of a message', () => {
  it('runs from when the engine takes the message: handlers see its deadline', async () => {
    const seen: IncomingMessage[] = [];
    const before = performance.now();
    await ask(new Engine([recording(seen)], silentLogger, 3000));
    const after = performance.now();
    expect(seen[0]?.deadline).toBeGreaterThanOrEqual(before + 3000);
    expect(seen[0]?.deadline).toBeLessThanOrEqual(after + 3000);
  });

  it('is not set without a model endpoint (no budget given)', async () => {
    const seen: IncomingMessage[] = [];
    await ask(new Engine([recording(seen)], silentLogger));
    expect(seen[0]?.deadline).toBeUndefined();
  });
});
