import { textReply, type Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { Formatter } from '../../core/markup.ts';
import { notInChannel } from '../../core/not-in-channel.ts';
import type { Author, Draft, DraftKey } from './draft.ts';
import type { DraftWorkflow, StartCheck } from './workflow.ts';

const START_FAILED = "Le brouillon n'a pas pu être ouvert à cause d'une erreur technique. Réessayez dans un instant.";

/** A checked start opened in the thread its root message made; an error there is logged, and told as no draft. */
async function openStarted(check: Extract<StartCheck, { ok: true }>, key: DraftKey, logger: Logger): Promise<{ draft: Draft | null; reply: Reply }> {
  try {
    return await check.open(key);
  } catch (error) {
    logger.warn('drafts.start_failed', { channel: key.channelId, error: errorName(error) });
    return { draft: null, reply: textReply('error', START_FAILED) };
  }
}

/** How a platform opens a draft's thread: its root message posted (its id; throws when refused), taken back, a reply in it. */
export interface ThreadStarter {
  /** The starter as the root message names them (a mention where the platform has one). */
  by(): Promise<string>;
  postRoot(text: string): Promise<string>;
  removeRoot(rootId: string): Promise<void>;
  postInThread(rootId: string, reply: Reply): Promise<void>;
  /** The root was refused because Coordo may not write in the channel… */
  notInChannel(error: unknown): boolean;
  /** …and how to let it in, in the platform's words. */
  invite: string;
}

/**
 * `/coordo protocole <titre>`, whatever the platform: checked once before
 * anything is posted (a refused start leaves nothing in the channel), then a
 * root message and the draft opened in its thread — or the root taken back.
 * What to tell the starter alone: a reply, or a line.
 */
export async function startInThread(
  workflow: DraftWorkflow,
  start: { title: string; author: Author; key: Omit<DraftKey, 'threadId'> },
  starter: ThreadStarter,
  fmt: Formatter,
  logger: Logger,
): Promise<{ reply: Reply } | { text: string }> {
  const { title, author, key } = start;
  const check = await workflow.checkStart(title, author, key.platform);
  if (!check.ok) return { reply: check.reply };
  let rootId: string;
  try {
    const lead = fmt.bold(`Protocole local en préparation : ${fmt.text(title)}`);
    rootId = await starter.postRoot(`📝 ${lead}\n\nLancé par ${await starter.by()}. L’équipe le rédige dans le fil de ce message.`);
  } catch (error) {
    logger.warn('drafts.root_post_failed', { channel: key.channelId, error: errorName(error) });
    return { text: starter.notInChannel(error) ? notInChannel(starter.invite, 'relancez `/coordo protocole <titre>`') : START_FAILED };
  }
  const { draft, reply } = await openStarted(check, { ...key, threadId: rootId }, logger);
  if (!draft) {
    // No draft behind the root message: take it back rather than leave an empty « en préparation » in the channel.
    await starter.removeRoot(rootId).catch((error: unknown) => logger.warn('drafts.root_delete_failed', { channel: key.channelId, error: errorName(error) }));
    return { reply };
  }
  await starter.postInThread(rootId, reply);
  logger.info('drafts.started', { draftId: draft.id, platform: key.platform });
  return { text: `Brouillon « ${fmt.text(title)} » ouvert : la suite se passe dans le fil du message que je viens de poster.` };
}
