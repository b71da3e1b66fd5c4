import type { Engine } from '../../engine/engine.ts';
import type { Reply } from '../../engine/reply.ts';
import { renderText } from './render-text.ts';

/** The `--json` contract of `coordo ask`: one object per question. */
export interface AskJson {
  answer: string;
  citations: { title: string; section: string; source: string; path: string }[];
  confident: boolean;
  ms: number;
}

export async function askOnce(engine: Engine, question: string): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const reply = await engine.handle({
    text: question,
    conversation: { platform: 'cli', userId: 'cli', channelId: 'cli' },
  });
  return { reply, ms: Math.round((performance.now() - started) * 100) / 100 };
}

export function toJson(reply: Reply, ms: number): AskJson {
  return {
    answer: reply.text,
    citations: reply.citations.map(({ title, section, source, path }) => ({ title, section, source, path })),
    confident: reply.confident,
    ms,
  };
}

/** `coordo ask [--json] "question"` and `coordo ask --json --batch` (one question per stdin line). */
export async function runAsk(
  engine: Engine,
  args: { question?: string; json: boolean; batch: boolean },
  io: { stdin: NodeJS.ReadableStream; write: (s: string) => void },
): Promise<number> {
  if (args.batch) {
    let lines = '';
    for await (const piece of io.stdin) lines += piece.toString();
    for (const line of lines.split('\n')) {
      if (!line.trim()) continue;
      const { reply, ms } = await askOnce(engine, line);
      io.write(args.json ? JSON.stringify(toJson(reply, ms)) + '\n' : renderText(reply) + '\n\n');
    }
    return 0;
  }
  const { reply, ms } = await askOnce(engine, args.question ?? '');
  io.write(args.json ? JSON.stringify(toJson(reply, ms)) + '\n' : renderText(reply) + '\n');
  return reply.kind === 'invalid' ? 2 : 0;
}
