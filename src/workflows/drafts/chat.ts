import { withDeleteAdvice } from '../../core/reply-effect.ts';
import type { CoreFeature } from '../../core/router.ts';
import { checkText } from '../../engine/engine.ts';
import { IncomingMessageSchema } from '../../engine/message.ts';
import type { Reply } from '../../engine/reply.ts';
import type { Logger } from '../../log/logger.ts';
import { conversationMigrations } from '../../store/conversation-migrations.ts';
import { migrate, type Db } from '../../store/database.ts';
import { EventDedup } from '../../store/handled-events.ts';
import type { DraftKey } from './draft.ts';
import type { DraftHandler } from './handler.ts';
import { draftInteractions } from './interactions.ts';
import { draftPeople } from './people.ts';
import type { DraftWorkflow } from './workflow.ts';

export interface DraftChatDeps {
  workflow: DraftWorkflow;
  handler: DraftHandler;
  /** The database the chat app was created with (its handled-events table). */
  db: Db;
  logger: Logger;
}

/** A plain reply in a channel thread, not addressed to Coordo, as the platform read it. */
export interface ThreadReply {
  key: DraftKey;
  userId: string;
  /** Its text for the draft: plain, Coordo's mention taken out. */
  text: string;
  /** Its text as written: a patient identifier there stays visible to the channel. */
  written: string;
  /** Handled once across retries and restarts: the platform's key of the message, and of its event if any. */
  claim: string;
  eventId?: string;
}

export interface DraftChat {
  /** The buttons and forms of drafts, for the app's router. */
  feature: CoreFeature;
  /** What to post in the thread for a reply there (the draft's answer, with the advice to delete an identifier); null: not a draft's. */
  threadReply(reply: ThreadReply): Promise<Reply | null>;
  /** An export reply whose files did not get through: the export released, and what to tell its asker. */
  exportNotDelivered(reply: Reply): string;
  /** A reply owed in the outbox whose files did not get through: when it is an export, released, and what to tell its asker; else null. */
  filesNotDelivered(reply: Reply): Reply | null;
}

/** Protocol drafts as every chat adapter runs them: the router feature, replies in a draft's thread, the export released when undelivered. */
export function draftChat({ workflow, handler, db, logger }: DraftChatDeps): DraftChat {
  migrate(db, conversationMigrations);
  const dedup = new EventDedup(db);
  return {
    // The platform's directory: the engine's draft handler shares the workflow, guests are refused there too and names resolved.
    feature: { ...draftInteractions({ workflow, dedup: () => dedup, logger }), usePeople: (platform, people) => workflow.usePeople(platform, draftPeople(people)) },
    async threadReply(reply) {
      const input = IncomingMessageSchema.safeParse({ text: reply.text, conversation: { ...reply.key, userId: reply.userId } });
      if (!input.success || checkText(input.data.text) !== null) return null;
      if (!workflow.service.find(reply.key) || !dedup.claim(reply.claim, reply.eventId)) return null;
      const handled = await handler.handleThreadReply(input.data);
      return handled && withDeleteAdvice(handled, reply.written);
    },
    exportNotDelivered(reply) {
      logger.warn('drafts.export_not_delivered', {});
      return workflow.exportFailed(reply).text;
    },
    filesNotDelivered: (reply) => (workflow.holdsExport(reply) ? workflow.exportFailed(reply) : null),
  };
}
