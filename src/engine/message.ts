import { z } from 'zod';

/** Longest question accepted, in characters. Longer input gets a clear French message. */
export const MAX_QUESTION_CHARS = 2000;

export const PlatformSchema = z.enum(['cli', 'slack', 'mattermost']);
export type Platform = z.infer<typeof PlatformSchema>;

export const TurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
});
export type Turn = z.infer<typeof TurnSchema>;

/** Where a message was said and by whom: enough for handlers to check rights and find a thread. */
export const ConversationSchema = z.object({
  platform: PlatformSchema,
  userId: z.string().min(1),
  userName: z.string().optional(),
  channelId: z.string().min(1),
  /** Root of the thread the message belongs to, when it is in one. */
  threadId: z.string().optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** A message as the engine receives it from any adapter. Text is raw: the engine checks it. */
export const IncomingMessageSchema = z.object({
  text: z.string(),
  conversation: ConversationSchema,
  /** Earlier turns of the same thread, oldest first (follow-up questions). */
  history: z.array(TurnSchema).default([]),
  /** The thread's earlier question this message follows up on (« Et pour une CPTS ? »), set by the core. */
  context: z.string().optional(),
  /** True when the text came from a slash command (`/coordo …`), without the command name. */
  command: z.boolean().default(false),
});
export type IncomingMessage = z.infer<typeof IncomingMessageSchema> & {
  /** When the question's time budget runs out (`performance.now()` time): set by the engine when it has a budget. */
  deadline?: number;
};
export type IncomingMessageInput = z.input<typeof IncomingMessageSchema>;

/** The text a lookup reads: a follow-up with the question it refers to (« et pour un kiné ? » + « qui peut suturer ? »). */
export function withContext(message: Pick<IncomingMessage, 'text' | 'context'>): string {
  return message.context ? `${message.text} ${message.context}` : message.text;
}
