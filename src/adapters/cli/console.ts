import readline from 'node:readline';
import type { Engine } from '../../engine/engine.ts';
import type { Turn } from '../../engine/message.ts';
import { renderText } from './render-text.ts';

/** The local console (`npm start` without tokens): one conversation, follow-ups keep context. */
export async function runConsole(engine: Engine, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Promise<void> {
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: Boolean((io.input as { isTTY?: boolean }).isTTY) });
  const history: Turn[] = [];
  io.output.write("Coordo — console locale (hors ligne). Posez une question, « aide » pour l'aide, « quitter » pour sortir.\n");
  rl.setPrompt('\n> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^(quitter|exit|quit)$/i.test(text)) break;
    if (text) {
      const reply = await engine.handle({
        text,
        conversation: { platform: 'cli', userId: 'console', channelId: 'console', threadId: 'console' },
        history,
      });
      io.output.write(renderText(reply) + '\n');
      history.push({ role: 'user', text }, { role: 'assistant', text: reply.text });
      history.splice(0, Math.max(0, history.length - 10));
    }
    rl.prompt();
  }
  rl.close();
}
