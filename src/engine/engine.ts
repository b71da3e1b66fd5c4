import { IncomingMessageSchema, MAX_QUESTION_CHARS, type IncomingMessage, type IncomingMessageInput } from './message.ts';
import type { Handler } from './handler.ts';
import { textReply, type Reply } from './reply.ts';
import { errorName, type Logger } from '../log/logger.ts';

/**
 * The platform-neutral core: checks the raw message, then asks each handler in
 * order (intent → handler). Never throws: a failing handler becomes a French
 * error reply and a log line without the message text.
 */
export class Engine {
  constructor(
    private readonly handlers: readonly Handler[],
    private readonly logger: Logger,
    /** Time budget of one message, model calls and offline fallback included (with a model endpoint). */
    private readonly budgetMs?: number,
  ) {}

  async handle(input: IncomingMessageInput): Promise<Reply> {
    const parsed = IncomingMessageSchema.safeParse(input);
    if (!parsed.success) {
      return textReply('invalid', "Je n'ai pas pu lire ce message (format inattendu).", { ephemeral: true });
    }
    const message: IncomingMessage = parsed.data;
    // The budget runs from here, whatever the steps that take their shares of it later (see modelCallSignal).
    if (this.budgetMs !== undefined) message.deadline = performance.now() + this.budgetMs;
    const problem = checkText(message.text);
    if (problem) return textReply('invalid', problem, { ephemeral: true });
    message.text = message.text.trim();

    for (const handler of this.handlers) {
      try {
        const reply = await handler.handle(message);
        if (reply) {
          this.logger.debug('engine.reply', { handler: handler.name, kind: reply.kind, citations: reply.citations.length });
          return reply;
        }
      } catch (error) {
        this.logger.error('engine.handler_failed', {
          handler: handler.name,
          error: errorName(error),
        });
        return textReply('error', "Désolé, une erreur interne m'empêche de répondre. Réessayez dans un instant.", {
          ephemeral: message.command,
        });
      }
    }
    return textReply('unknown', "Je ne sais pas traiter cette demande. Tapez « aide » pour voir ce que je sais faire.");
  }
}

/** A French sentence naming what is wrong with the text, or null when it can be processed. */
export function checkText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Votre message est vide : posez une question, par exemple « Comment créer une MSP ? ».';
  if (trimmed.length > MAX_QUESTION_CHARS) {
    return `Votre message est trop long (${trimmed.length.toLocaleString('fr-FR')} caractères) : la limite est de ${MAX_QUESTION_CHARS.toLocaleString('fr-FR')} caractères. Posez une question plus courte.`;
  }
  // Binary garbage: NUL/control characters, or a longer text that is mostly neither letters nor digits.
  // eslint-disable-next-line no-control-regex
  const control = (trimmed.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  const readable = (trimmed.match(/[\p{L}\p{N}\s]/gu) ?? []).length;
  if (control > 0 || (trimmed.length >= 12 && readable / trimmed.length < 0.5)) {
    return "Votre message contient des caractères illisibles (données binaires ?) : envoyez une question en texte.";
  }
  return null;
}
