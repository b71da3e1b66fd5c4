import type { Platform } from '../../core/capabilities.ts';
import type { Effect, ThreadStart } from '../../core/effect.ts';
import { notInChannel } from '../../core/not-in-channel.ts';
import type { Handler } from '../../core/router.ts';
import { textReply, type Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { Draft, DraftKey } from './draft.ts';
import type { DraftWorkflow, StartCheck } from './workflow.ts';

const START_FAILED = "Le brouillon n'a pas pu être ouvert à cause d'une erreur technique. Réessayez dans un instant.";

const say = (text: string): Effect => ({ kind: 'reply', visibility: 'private', text });

/** A checked start opened in the thread its root message made; an error there is logged, and told as no draft. */
async function openStarted(check: Extract<StartCheck, { ok: true }>, key: DraftKey, logger: Logger): Promise<{ draft: Draft | null; reply: Reply }> {
  try {
    return await check.open(key);
  } catch (error) {
    logger.warn('drafts.start_failed', { channel: key.channelId, error: errorName(error) });
    return { draft: null, reply: textReply('error', START_FAILED) };
  }
}

/** Once the root is posted (or refused): the draft opened in its thread and told there — or the root taken back. */
async function afterRoot(check: Extract<StartCheck, { ok: true }>, key: Omit<DraftKey, 'threadId'>, title: string, started: ThreadStart, platform: Platform, logger: Logger): Promise<Effect[]> {
  if (!started.posted) {
    logger.warn('drafts.root_post_failed', { channel: key.channelId, error: errorName(started.error) });
    return [say(started.invite ? notInChannel(started.invite, 'relancez `/coordo protocole <titre>`') : START_FAILED)];
  }
  const { draft, reply } = await openStarted(check, { ...key, threadId: started.rootId }, logger);
  if (!draft) {
    // No draft behind the root message: take it back rather than leave an empty « en préparation » in the channel.
    await started.remove().catch((error: unknown) => logger.warn('drafts.root_delete_failed', { channel: key.channelId, error: errorName(error) }));
    return [{ kind: 'answer', reply }];
  }
  logger.info('drafts.started', { draftId: draft.id, platform: key.platform });
  const opened = `Brouillon « ${platform.markup.text(title)} » ouvert : la suite se passe dans le fil du message que je viens de poster.`;
  return [{ kind: 'post', place: { conversationId: key.channelId, threadId: started.rootId }, reply }, say(opened)];
}

/**
 * `/coordo protocole <titre>`, whatever the platform: checked once before
 * anything is posted (a refused start leaves nothing in the channel), then a
 * root message and the draft opened in its thread — or the root taken back.
 * The starter alone is told how it went.
 */
export function startCommand(workflow: DraftWorkflow, logger: Logger): Handler<'command'> {
  return async (command, platform) => {
    const { actor } = command;
    const title = command.args.trim();
    const channelId = command.place.conversationId;
    if (!channelId) return [];
    const check = await workflow.checkStart(title, { userId: actor.userId }, actor.platform);
    if (!check.ok) return [{ kind: 'answer', reply: check.reply }];
    const key = { platform: actor.platform, channelId };
    const fmt = platform.markup;
    const lead = fmt.bold(`Protocole local en préparation : ${fmt.text(title)}`);
    const text = (by: string) => `📝 ${lead}\n\nLancé par ${by}. L’équipe le rédige dans le fil de ce message.`;
    return [{ kind: 'thread_start', conversationId: channelId, text, after: (started) => afterRoot(check, key, title, started, platform, logger) }];
  };
}
