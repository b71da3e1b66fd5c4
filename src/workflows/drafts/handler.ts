import type { Handler } from '../../engine/handler.ts';
import type { Reply } from '../../engine/reply.ts';
import type { IncomingMessage } from '../../engine/message.ts';
import type { Logger } from '../../log/logger.ts';
import { parseDraftCommand, parseStart } from './commands.ts';
import type { Author, DraftKey } from './draft.ts';
import { unknownSectionReply } from './replies.ts';
import type { DraftWorkflow } from './workflow.ts';

export interface DraftHandlerOptions {
  workflow: DraftWorkflow;
  logger: Logger;
}

/** The draft a message belongs to: one per thread (threadId '' outside threads). */
export function draftKeyOf(message: IncomingMessage): DraftKey {
  const { platform, channelId, threadId } = message.conversation;
  return { platform, channelId, threadId: threadId ?? '' };
}

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
 * « historique <section> » and « proposer <section> ». Anything else passes (null) so questions still
 * reach the knowledge base.
 */
export function createDraftHandler({ workflow, logger }: DraftHandlerOptions): DraftHandler {
  async function inDraftThread(message: IncomingMessage, addressed: boolean): Promise<Reply | null> {
    const draft = workflow.service.find(draftKeyOf(message));
    if (!draft) return null;
    const command = parseDraftCommand(workflow.service.model, message.text);
    if (!command || (!addressed && command.kind === 'unknown-section')) return null;
    logger.info('drafts.command', { draftId: draft.id, command: command.kind, addressed });
    switch (command.kind) {
      case 'status':
        return workflow.status(draft);
      case 'export':
        return workflow.export(draft);
      case 'help':
        return workflow.help();
      case 'history':
        return workflow.history(draft, command.section);
      case 'fill':
        return workflow.fill(draft, command.section, command.text, authorOf(message));
      case 'propose':
        return workflow.propose(draft, command.section);
      case 'unknown-section':
        return unknownSectionReply(workflow.service.model, command.name);
    }
  }

  return {
    name: 'drafts',
    async handle(message) {
      const title = parseStart(message.text, message.command);
      if (title === null) return inDraftThread(message, true);
      const { draft, reply } = workflow.start(draftKeyOf(message), title, authorOf(message));
      if (draft) logger.info('drafts.started', { draftId: draft.id, platform: draft.key.platform });
      return reply;
    },
    handleThreadReply: (message) => inDraftThread(message, false),
  };
}
