import type { Platform } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { commandWord } from '../../workflows/questions/help.ts';
import { ERROR_TEXT } from '../../workflows/questions/questions.ts';

/** `/coordo <text>` read: the text as typed (trimmed), its first word (lowercase, no accents) and the rest. */
export interface SlashCommand {
  text: string;
  word: string;
  args: string;
}

function parseCommand(typed: string): SlashCommand {
  const text = typed.trim();
  const [first = '', ...rest] = text.split(/\s+/);
  return { text, word: commandWord(first), args: rest.join(' ').trim() };
}

export interface SlashCommandsDeps<C, R> {
  platform: Platform;
  logger: Logger;
  /** The sub-commands the adapter's features own, by word. */
  subcommands: readonly Readonly<Record<string, (ctx: C & { args: string }) => Promise<R>>>[];
  /** A command no sub-command names: to the router (a core feature's command, `aide`, or a question). */
  route(command: SlashCommand, ctx: C): Promise<R>;
  /** The French error, answered as this platform answers a command. */
  failed(text: string, ctx: C): Promise<R>;
}

/**
 * `/coordo` the same way on every platform: a feature's sub-command by its
 * word (accents and case aside), else the router; a failure is logged by the
 * command's name and told in French.
 */
export function slashCommands<C extends { userId: string }, R>(deps: SlashCommandsDeps<C, R>): (typed: string, ctx: C) => Promise<R> {
  const { platform, logger } = deps;
  const subcommands = new Map(deps.subcommands.flatMap((owned) => Object.entries(owned)).map(([word, run]) => [commandWord(word), run] as const));
  return async (typed, ctx) => {
    const command = parseCommand(typed);
    const sub = subcommands.get(command.word);
    try {
      if (!sub) return await deps.route(command, ctx);
      logger.info(`${platform}.subcommand`, { name: command.word, user: ctx.userId });
      return await sub({ ...ctx, args: command.args });
    } catch (error) {
      logger.error(`${platform}.command_failed`, { name: sub ? command.word : 'question', error: errorName(error) });
      return deps.failed(ERROR_TEXT, ctx);
    }
  };
}
