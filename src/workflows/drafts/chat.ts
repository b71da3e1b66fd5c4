import { withDeleteAdvice } from '../../core/reply-effect.ts';
import type { CoreFeature, Handler } from '../../core/router.ts';
import { checkText } from '../../engine/engine.ts';
import { IncomingMessageSchema } from '../../engine/message.ts';
import type { Reply } from '../../engine/reply.ts';
import type { Logger } from '../../log/logger.ts';
import { conversationMigrations } from '../../store/conversation-migrations.ts';
import { migrate, type Db } from '../../store/database.ts';
import { EventDedup } from '../../store/handled-events.ts';
import type { DraftHandler } from './handler.ts';
import { draftInteractions } from './interactions.ts';
import { draftPeople } from './people.ts';
import { startCommand } from './start.ts';
import type { DraftWorkflow } from './workflow.ts';

export interface DraftChatDeps {
  workflow: DraftWorkflow;
  handler: DraftHandler;
  /** The database the chat app was created with (its handled-events table). */
  db: Db;
  logger: Logger;
}

export interface DraftChat {
  /** Drafts for the app's router: `/coordo protocole`, plain replies in a draft's thread, the buttons and forms. */
  feature: CoreFeature;
  /** A reply owed in the outbox whose files did not get through: when it is an export, released, and what to tell its asker; else null. */
  filesNotDelivered(reply: Reply): Reply | null;
}

/**
 * Protocol drafts as every chat adapter runs them: the router feature, with
 * plain replies in a draft's thread (the draft's answer posted there, with the
 * advice to delete an identifier), and the export released when undelivered.
 */
export function draftChat({ workflow, handler, db, logger }: DraftChatDeps): DraftChat {
  migrate(db, conversationMigrations);
  const dedup = new EventDedup(db);
  /** A plain reply in a draft's thread: the draft's answer posted there (its export released when the files do not get through). */
  const threadMessage: Handler<'thread_message'> = async (message) => {
    const key = { platform: message.actor.platform, channelId: message.place.conversationId, threadId: message.place.threadId };
    const input = IncomingMessageSchema.safeParse({ text: message.text, conversation: { ...key, userId: message.actor.userId } });
    if (!input.success || checkText(input.data.text) !== null) return [];
    if (!workflow.service.find(key) || !dedup.claim(`draft-reply:${message.key}`, message.eventId)) return [];
    const handled = await handler.handleThreadReply(input.data);
    if (!handled) return [];
    return [{ kind: 'post', place: message.place, reply: withDeleteAdvice(handled, message.written), filesFailed: () => workflow.exportFailed(handled).text }];
  };
  return {
    feature: {
      ...draftInteractions({ workflow, dedup: () => dedup, logger }),
      commands: { protocole: startCommand(workflow, logger) },
      threadMessage,
      // The platform's directory: the engine's draft handler shares the workflow, guests are refused there too and names resolved.
      usePeople: (platform, people) => workflow.usePeople(platform, draftPeople(people)),
    },
    filesNotDelivered: (reply) => (workflow.holdsExport(reply) ? workflow.exportFailed(reply) : null),
  };
}
