import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { startFakeSlackApi } from '../../test/support/fake-slack-api.ts';
import { mentionEvent, sendEvent } from '../../test/support/slack-requests.ts';
import { percentile, round } from './stats.ts';

/**
 * The load side of the Slack bench, run in its own process (as Slack's servers
 * are not on the app's machine): a fake Slack Web API on 127.0.0.1 and
 * concurrent senders of signed `app_mention` events, each sending its next
 * event once the previous one is answered.
 */

export const LoadRequestSchema = z.object({
  type: z.literal('run'),
  url: z.string(),
  signingSecret: z.string(),
  events: z.number().int().positive(),
  concurrency: z.number().int().positive(),
  warmUpRounds: z.number().int().min(0),
  questions: z.array(z.string()).min(1),
  answerTimeoutMs: z.number().int().positive(),
});
export type LoadRequest = z.infer<typeof LoadRequestSchema>;

export const LoadResultSchema = z.object({
  type: z.literal('result'),
  events: z.number(),
  concurrency: z.number(),
  durationMs: z.number(),
  eventsPerSecond: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  maxMs: z.number(),
  missing: z.number(),
  duplicates: z.number(),
  exactlyOnce: z.boolean(),
});
export type LoadResult = z.infer<typeof LoadResultSchema>;

export const ReadySchema = z.object({ type: z.literal('ready'), apiUrl: z.string() });

/** Entry of the load process (`coordo bench-part slack-load`, forked with an IPC channel). */
export async function runLoadProcess(): Promise<void> {
  const send = (message: unknown) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));
  const fake = await startFakeSlackApi();
  const request = new Promise<LoadRequest>((resolve) => process.once('message', (m) => resolve(LoadRequestSchema.parse(m))));
  await send({ type: 'ready', apiUrl: fake.apiUrl });
  const { url, signingSecret, events, concurrency, warmUpRounds, questions, answerTimeoutMs } = await request;
  const target = { url, signingSecret };
  const sent: string[] = [];
  const latencies: number[] = [];
  let missing = 0;

  const ask = async (n: number, measured: boolean) => {
    const event = mentionEvent({ text: `<@${fake.bot.userId}> ${questions[n % questions.length]}`, channel: `CBENCH${n % concurrency}` });
    const ts = String(event.ts);
    const startedAt = performance.now();
    await sendEvent(target, event);
    try {
      const post = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === ts && c.params.channel === event.channel, answerTimeoutMs);
      if (measured) latencies.push(post.at - startedAt);
    } catch {
      if (measured) missing += 1;
    }
    if (measured) sent.push(`${String(event.channel)}:${ts}`);
  };
  const load = async (count: number, first: number, measured: boolean) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await ask(first + next++, measured);
      }),
    );
  };

  // Warm up connections and compiled paths under the same concurrency, then measure.
  await load(warmUpRounds * concurrency, 0, false);
  fake.reset();
  const began = performance.now();
  await load(events, warmUpRounds * concurrency, true);
  const durationMs = performance.now() - began;

  const answers = new Map<string, number>();
  for (const call of fake.callsTo('chat.postMessage')) {
    const key = `${String(call.params.channel)}:${String(call.params.thread_ts)}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  }
  const duplicates = sent.reduce((sum, key) => sum + Math.max(0, (answers.get(key) ?? 0) - 1), 0);
  const result: LoadResult = {
    type: 'result',
    events,
    concurrency,
    durationMs: Math.round(durationMs),
    eventsPerSecond: round((latencies.length / durationMs) * 1000),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(Math.max(...latencies)),
    missing,
    duplicates,
    exactlyOnce: missing === 0 && duplicates === 0 && sent.length === events,
  };
  await send(result);
  await fake.close();
}
