import { describe, expect, it } from 'vitest';
import { runSlackBench } from '../../src/bench/slack-bench.ts';
import { Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { testHandler } from './harness.ts';

describe('Slack bench', () => {
  it('measures events/s and latency with concurrent senders, one answer per event', async () => {
    const result = await runSlackBench({ engine: new Engine([testHandler([])], silentLogger), events: 100, concurrency: 20 });
    expect(result).toMatchObject({ events: 100, concurrency: 20, missing: 0, duplicates: 0, exactlyOnce: true });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });
});
