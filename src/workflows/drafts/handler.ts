import type { Handler } from '../../engine/handler.ts';
import { textReply, type Reply } from '../../engine/reply.ts';
import type { IncomingMessage } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { parseDraftCommand, parseStart } from './commands.ts';
import type { Author, DraftKey } from './draft.ts';
import { unknownSectionReply } from './replies.ts';
import type { DraftWorkflow } from './workflow.ts';

export interface DraftHandlerOptions {
  workflow: DraftWorkflow;
  logger: Logger;
}

/** The draft a message belongs to: one per thread; null outside threads (slash commands). */
export function draftKeyOf(message: IncomingMessage): DraftKey | null {
  const { platform, channelId, threadId } = message.conversation;
  return threadId ? { platform, channelId, threadId } : null;
}

/** « nouveau protocole X » where no thread can hold the draft (`/coordo nouveau protocole X`). */
export const START_NEEDS_THREAD =
  'Un brouillon de protocole se rédige dans un fil : tapez `/coordo protocole <titre>` (je poste un message dans le canal et ouvre le brouillon dans son fil), ou mentionnez-moi avec « nouveau protocole <titre> ».';

export function authorOf(message: IncomingMessage): Author {
  const { userId, userName } = message.conversation;
  return userName === undefined ? { userId } : { userId, userName };
}

/** The draft handler, plus what to do with thread replies not addressed to Coordo. */
export interface DraftHandler extends Handler {
  /**
   * A reply in a thread that does not mention Coordo: acted on only in a draft
   * thread and only when it is a draft command (no start, no « unknown section »
   * hint, so the team's own conversation stays quiet).
   */
  handleThreadReply(message: IncomingMessage): Promise<Reply | null>;
}

/**
 * Protocol drafts in threads: « nouveau protocole <titre> » starts one; inside
 * a draft thread « section : texte », « état », « exporter », « aide »,
 * « historique <section> », « proposer <section> », « effacer <section> » and « abandonner ». Anything else passes (null) so questions still
 * reach the knowledge base.
 */
export function createDraftHandler({ workflow, logger }: DraftHandlerOptions): DraftHandler {
  async function inDraftThread(message: IncomingMessage, addressed: boolean): Promise<Reply | null> {
    const key = draftKeyOf(message);
    const draft = key && workflow.service.find(key);
    if (!draft) return null;
    const command = parseDraftCommand(workflow.service.model, message.text);
    if (!command || (!addressed && command.kind === 'unknown-section')) return null;
    logger.info('drafts.command', { draftId: draft.id, command: command.kind, addressed });
    const asker = authorOf(message);
    switch (command.kind) {
      case 'status':
        return workflow.status(draft);
      case 'export':
        try {
          return await workflow.export(draft, asker);
        } catch (error) {
          logger.warn('drafts.export_failed', { draftId: draft.id, error: errorName(error) });
          return workflow.exportFailed();
        }
      case 'help':
        return workflow.help();
      case 'history':
        return workflow.history(draft, command.section);
      case 'fill':
        return workflow.fill(draft, command.section, command.text, asker);
      case 'propose':
        return workflow.propose(draft, command.section, asker);
      case 'clear':
        return workflow.clear(draft, command.section, asker);
      case 'abandon':
        return workflow.abandon(draft, asker);
      case 'unknown-section':
        return unknownSectionReply(workflow.service.model, command.name);
    }
  }

  return {
    name: 'drafts',
    async handle(message) {
      const title = parseStart(message.text, message.command);
      if (title === null) return inDraftThread(message, true);
      const key = draftKeyOf(message);
      if (!key || message.command) return textReply('invalid', START_NEEDS_THREAD, { ephemeral: true });
      const check = await workflow.checkStart(title, authorOf(message), message.conversation.platform);
      if (!check.ok) return check.reply;
      const { draft, reply } = await check.open(key);
      if (draft) logger.info('drafts.started', { draftId: draft.id, platform: draft.key.platform });
      return reply;
    },
    handleThreadReply: (message) => inDraftThread(message, false),
  };
}
