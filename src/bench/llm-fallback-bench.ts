import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnswerComposer, Passage } from '../answer/composer.ts';
import { ExtractiveComposer } from '../answer/extractive-composer.ts';
import { createChatModel } from '../llm/chat-model.ts';
import { GroundedComposer } from '../llm/grounded-composer.ts';
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
  'Le protocole cystite est-il ouvert aux CPTS ?',
  'Quelle formation pour le délégué ?',
  'Qui signe le contrat ACI ?',
];

const PASSAGES: Passage[] = [
  {
    chunk: {
      id: 'bench.md#0',
      path: 'bench.md',
      title: 'Exercice coordonné',
      section: 'Structures',
      text: "Une CPTS (communauté professionnelle territoriale de santé) organise les parcours sur un territoire. Une MSP réunit des médecins généralistes et des paramédicaux. L'ACI est un contrat de cinq ans signé avec la CPAM et l'ARS ; un point vaut 7 €.",
      sources: ['https://example.org/bench'],
      tags: [],
    },
    score: 1 / 61,
    coverage: 0.8,
  },
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
 * Fallback latency of the grounded composer against a hanging OpenAI-compatible
 * endpoint on 127.0.0.1: each question must get the offline answer within the
 * budget (3 s by default, as in production). The questions run concurrently,
 * so the bench takes one budget, not ten; each latency is measured on its own.
 */
export async function runLlmFallbackBench(
  options: { budgetMs?: number; fallback?: AnswerComposer } = {},
): Promise<LlmFallbackFigures> {
  const budgetMs = options.budgetMs ?? 3000;
  const endpoint = await startHangingEndpoint();
  try {
    let fellBack = 0;
    const logger = createLogger('warn', (line) => {
      if (line.includes('"llm.fallback"')) fellBack++;
    });
    const model = createChatModel({ apiKey: 'bench', baseURL: endpoint.baseURL, chatModel: 'bench-model', timeoutMs: budgetMs });
    if (!model) throw new Error('chat model expected');
    const composer = new GroundedComposer(model, options.fallback ?? new ExtractiveComposer(), logger, budgetMs);
    const latencies = await Promise.all(
      QUESTIONS.map(async (text) => {
        const started = performance.now();
        await composer.compose({ text, history: [] }, PASSAGES);
        return performance.now() - started;
      }),
    );
    const maxMs = round(Math.max(...latencies));
    return {
      budgetMs,
      questions: QUESTIONS.length,
      fellBack,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      maxMs,
      withinBudget: maxMs <= budgetMs,
    };
  } finally {
    await endpoint.close();
  }
}
