import type { Interaction } from '../../core/interaction.ts';
import type { Platform } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { commandWord } from '../../workflows/questions/help.ts';
import { ERROR_TEXT } from '../../workflows/questions/questions.ts';

type Command = Extract<Interaction, { kind: 'command' }>;

/** Who typed `/coordo`, and where. */
export interface Typed {
  userId: string;
  channelId: string;
}

export interface SlashCommandsDeps<C, R> {
  platform: Platform;
  logger: Logger;
  /** The router's command words: a failure is logged by its word (anything else is a question, never named). */
  commandWords: readonly string[];
  /** The command, to the router (a core feature's command, `aide`, or a question). */
  route(command: Command, ctx: C): Promise<R>;
  /** The French error, answered as this platform answers a command. */
  failed(text: string, ctx: C): Promise<R>;
}

/**
 * `/coordo` the same way on every platform: the typed text read (trimmed; its
 * first word lowercase, no accents) and routed; a failure is logged by the
 * command's name and told in French.
 */
export function slashCommands<C extends Typed, R>(deps: SlashCommandsDeps<C, R>): (typed: string, ctx: C) => Promise<R> {
  const { platform, logger } = deps;
  const named = new Set(deps.commandWords);
  return async (typed, ctx) => {
    const text = typed.trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const word = commandWord(first);
    const args = rest.join(' ').trim();
    try {
      return await deps.route({ kind: 'command', actor: { platform, userId: ctx.userId }, command: word, args, text, place: { conversationId: ctx.channelId } }, ctx);
    } catch (error) {
      logger.error(`${platform}.command_failed`, { name: named.has(word) ? word : 'question', error: errorName(error) });
      return deps.failed(ERROR_TEXT, ctx);
    }
  };
}
