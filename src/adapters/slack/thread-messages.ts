import type { App } from '@slack/bolt';
import type { Interaction } from '../../core/interaction.ts';
import { MessageEventSchema } from './message-event.ts';
import { plainText } from './message-text.ts';
import type { Handle } from './router-listeners.ts';
import type { Scene } from './run-effects.ts';

/**
 * Plain user replies in channel threads, not addressed to Coordo, as
 * `thread_message` interactions for the router (a draft's thread takes them);
 * direct messages and mentions are questions. What only the author may read
 * is posted to them alone, in the thread.
 */
export function threadMessages(app: App, handle: Handle): void {
  app.message(async ({ message, body, client, context }) => {
    const parsed = MessageEventSchema.safeParse(message);
    if (!parsed.success) return;
    const { user, thread_ts: threadTs, ...event } = parsed.data;
    if (!user || !threadTs || event.channel_type === 'im' || event.bot_id !== undefined || event.subtype !== undefined) return;
    if (context.botUserId && event.text.includes(`<@${context.botUserId}>`)) return; // answered as app_mention
    const interaction: Interaction = {
      kind: 'thread_message',
      actor: { platform: 'slack', userId: user },
      text: plainText(event.text, context.botUserId).trim(),
      written: event.text,
      place: { conversationId: event.channel, threadId: threadTs },
      key: `${event.channel}:${event.ts}`,
      ...(body.event_id ? { eventId: body.event_id } : {}),
    };
    const respond: Scene['respond'] = (m) => client.chat.postEphemeral({ channel: event.channel, user, thread_ts: threadTs, ...m });
    await handle(interaction, { client, userId: user, respond });
  });
}
