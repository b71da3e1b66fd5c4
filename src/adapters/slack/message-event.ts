import { z } from 'zod';

/** The fields of a message or app_mention event Coordo uses (everything else is ignored). */
export const MessageEventSchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1).optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  channel_type: z.string().optional(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;
