import { z } from 'zod';
import type { OutboxEffect } from '../store/outbox.ts';
import type { Reply } from '../engine/reply.ts';
import { findPatientIdentifiers } from '../privacy/patient-data-guard.ts';

/** A neutral reply owed in a conversation (an answer, a draft's reply), with its files. */
export const REPLY_EFFECT = 'reply';

const CitationSchema = z.object({ title: z.string(), section: z.string(), source: z.string(), path: z.string() });
const ButtonSchema = z.object({ actionId: z.string(), label: z.string(), value: z.string(), style: z.enum(['primary', 'danger']).optional() });

export const ReplyEffectSchema = z.object({
  type: z.literal(REPLY_EFFECT),
  reply: z.object({
    kind: z.enum(['answer', 'lookup', 'unknown', 'refusal', 'help', 'invalid', 'workflow', 'error']),
    text: z.string(),
    citations: z.array(CitationSchema),
    confident: z.boolean(),
    buttons: z.array(ButtonSchema).optional(),
    suggestions: z.array(z.string()).optional(),
    files: z.array(z.object({ name: z.string(), mimeType: z.string(), base64: z.string() })).optional(),
  }),
  /** Stored answer id, for the 👍/👎 buttons. */
  answerId: z.string().optional(),
  /** Only this user sees it. */
  ephemeralTo: z.string().optional(),
  /** Who asked: told if the files do not get through. */
  asker: z.string().optional(),
});
type ReplyEffect = z.infer<typeof ReplyEffectSchema>;

export function replyEffect(reply: Reply, options: { answerId?: string; ephemeralTo?: string; asker?: string }): OutboxEffect {
  const files = reply.files?.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.content.toString('base64') }));
  const effect: ReplyEffect = {
    type: REPLY_EFFECT,
    reply: { kind: reply.kind, text: reply.text, citations: reply.citations, confident: reply.confident, ...(reply.buttons ? { buttons: reply.buttons } : {}), ...(reply.suggestions ? { suggestions: reply.suggestions } : {}), ...(files ? { files } : {}) },
    ...(options.answerId ? { answerId: options.answerId } : {}),
    ...(options.ephemeralTo ? { ephemeralTo: options.ephemeralTo } : {}),
    ...(options.asker ? { asker: options.asker } : {}),
  };
  return effect;
}

export function storedReply(effect: ReplyEffect): Reply {
  const { files, ...rest } = effect.reply;
  return { ...rest, ...(files ? { files: files.map((f) => ({ name: f.name, mimeType: f.mimeType, content: Buffer.from(f.base64, 'base64') })) } : {}) };
}

/** Said under a reply to a channel message that holds patient identifiers: the message itself stays visible to the channel. */
export const DELETE_ADVICE =
  'Votre message contient une donnée qui peut identifier un patient, et il reste visible de tout le canal : supprimez-le (menu « ⋯ » du message → « Supprimer le message »).';

/** The reply, with {@link DELETE_ADVICE} when the user's message (in a channel) holds patient identifiers. */
export function withDeleteAdvice(reply: Reply, userText: string): Reply {
  if (findPatientIdentifiers(userText).length === 0) return reply;
  return { ...reply, text: `${reply.text}\n\n${DELETE_ADVICE}` };
}
