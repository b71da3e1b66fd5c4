import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore } from '../app/create-coordo.ts';
import type { Config } from '../config/env.ts';
import { createLogger } from '../log/logger.ts';
import { percentile, round } from './stats.ts';

export interface LlmFallbackFigures {
  /** Total budget of one answer (model call + offline fallback). */
  budgetMs: number;
  questions: number;
  /** Questions answered by the offline composer after the model call was abandoned. */
  fellBack: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  withinBudget: boolean;
}

const QUESTIONS = [
  "Qu'est-ce qu'une CPTS ?",
  'Quels professionnels composent une MSP ?',
  "Combien vaut un point de l'ACI ?",
  'Qui peut être délégué dans un protocole de coopération ?',
  'Comment déclarer un protocole local à l’ARS ?',
  'Quels indicateurs transmettre chaque année ?',
  "Qu'est-ce qu'une équipe de soins primaires ?",
  'Pourquoi travailler en équipe ?',
  'Quelle formation pour le délégué ?',
  'Qui signe le contrat ACI ?',
];

/** An endpoint that accepts requests and never answers. */
async function startHangingEndpoint(): Promise<{ baseURL: string; close: () => Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Fallback latency of the whole question path with a chat model configured
 * (intent detection, then the grounded answer) against an OpenAI-compatible
 * endpoint on 127.0.0.1 that never answers: each question must get the offline
 * answer within the budget (`COORDO_LLM_TIMEOUT_MS`, 3 s by default). The
 * questions run concurrently, so the bench takes one budget, not ten; each
 * latency is measured on its own.
 */
export async function runLlmFallbackBench(config: Config, options: { budgetMs?: number } = {}): Promise<LlmFallbackFigures> {
  const budgetMs = options.budgetMs ?? 3000;
  const endpoint = await startHangingEndpoint();
  try {
    const answeredOffline = new Set<number>();
    let current = 0;
    const logger = createLogger('warn', (line) => {
      if (line.includes('"llm.fallback"') && line.includes('"step":"answer"')) answeredOffline.add(current++);
    });
    const llm = { apiKey: 'bench', baseURL: endpoint.baseURL, chatModel: 'bench-model', timeoutMs: budgetMs };
    const core = await createCore({ ...config, llm }, { logger });
    const latencies = await Promise.all(
      QUESTIONS.map(async (text) => {
        const started = performance.now();
        await core.engine.handle({ text, conversation: { platform: 'cli', userId: 'bench', channelId: 'bench' } });
        return performance.now() - started;
      }),
    );
    const maxMs = round(Math.max(...latencies));
    return {
      budgetMs,
      questions: QUESTIONS.length,
      fellBack: answeredOffline.size,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      maxMs,
      withinBudget: maxMs <= budgetMs,
    };
  } finally {
    await endpoint.close();
  }
}
