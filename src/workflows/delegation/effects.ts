import { z } from 'zod';
import { splitId } from '../../core/ids.ts';
import type { OutboxEntry, OutboxPlatform, OutboxTarget } from '../../store/outbox.ts';
import type { CardRef, CardRole, DelegationRequest } from './model.ts';

/**
 * What a delegation request owes its parties, as neutral outbox effects: the
 * cards (one per party, each with that party's buttons; the requester's is also
 * the confirmation), card updates, and the notices of a change. Rendered by
 * the adapter when delivered, from the request as stored then.
 */
export const CARD_EFFECT = 'delegation.card';
export const CARD_UPDATE_EFFECT = 'delegation.card_update';
export const NOTICE_EFFECT = 'delegation.notice';

export const CardEffectSchema = z.object({ type: z.literal(CARD_EFFECT), requestId: z.string(), role: z.enum(['delegue', 'requester']) });
export const CardUpdateEffectSchema = z.object({ type: z.literal(CARD_UPDATE_EFFECT), requestId: z.string(), channel: z.string(), ts: z.string() });
/** `thread`: the line under a card; `party`: the direct message to the other party. */
export const NoticeEffectSchema = z.object({ type: z.literal(NOTICE_EFFECT), requestId: z.string(), version: z.number().int(), audience: z.enum(['thread', 'party']) });

/** Rows of one request are delivered in order: its cards before the requester's confirmation, updates before notices. */
export const requestGroup = (requestId: string): string => `delegation:${requestId}`;

const targetKey = (target: OutboxTarget): string =>
  target.kind === 'person' ? `person:${target.userId}` : target.kind === 'channel' ? `channel:${target.channelId}` : `thread:${target.channelId}:${target.threadId}`;

/** The platform of a qualified id (a bare id is from when Slack was the only platform). */
export const platformOf = (userId: string): OutboxPlatform => (splitId(userId)?.platform === 'mattermost' ? 'mattermost' : 'slack');

/** Each platform's channel for the délégués' cards (COORDO_REQUESTS_CHANNEL is Slack's). */
export type RequestsChannels = Partial<Record<OutboxPlatform, string>>;

function card(request: DelegationRequest, target: OutboxTarget, role: CardRole, platform: OutboxPlatform): OutboxEntry {
  return {
    platform,
    key: `${requestGroup(request.id)}:card:${role}:${targetKey(target)}`,
    group: requestGroup(request.id),
    target,
    effect: { type: CARD_EFFECT, requestId: request.id, role },
  };
}

/**
 * A new request: the délégués' card(s) — in the requests channel of the requester's platform, else one per
 * délégué, on that délégué's platform — then the requester's.
 */
export function creationEffects(request: DelegationRequest, delegues: readonly string[], requestsChannels: RequestsChannels): OutboxEntry[] {
  const platform = platformOf(request.delegantUserId);
  const channel = requestsChannels[platform];
  const cards = channel
    ? [card(request, { kind: 'channel', channelId: channel }, 'delegue', platform)]
    : delegues.map((userId) => card(request, { kind: 'person', userId }, 'delegue', platformOf(userId)));
  return [...cards, card(request, { kind: 'person', userId: request.delegantUserId }, 'requester', platform)];
}

export function cardUpdate(request: DelegationRequest, ref: Pick<CardRef, 'channel' | 'ts' | 'platform'>): OutboxEntry {
  return {
    platform: ref.platform ?? 'slack',
    key: `${requestGroup(request.id)}:v${request.version}:update:${ref.channel}:${ref.ts}`,
    group: requestGroup(request.id),
    target: { kind: 'channel', channelId: ref.channel },
    effect: { type: CARD_UPDATE_EFFECT, requestId: request.id, channel: ref.channel, ts: ref.ts },
  };
}

/**
 * A change: every card updated; a line in the thread of each délégué card; a
 * direct message to each person of the other party (`notified`) whose DM holds
 * no card of theirs.
 */
export function changeEffects(request: DelegationRequest, notified: readonly string[]): OutboxEntry[] {
  const group = requestGroup(request.id);
  const notice = (audience: 'thread' | 'party') => ({ type: NOTICE_EFFECT, requestId: request.id, version: request.version, audience });
  const delegueCards = request.cards.filter((c) => c.role === 'delegue');
  const inCardThread = new Set(delegueCards.flatMap((c) => (c.userId ? [c.userId] : [])));
  return [
    ...request.cards.map((ref) => cardUpdate(request, ref)),
    ...delegueCards.map((ref) => ({
      key: `${group}:v${request.version}:thread:${ref.channel}:${ref.ts}`,
      group,
      platform: ref.platform ?? 'slack',
      target: { kind: 'thread' as const, channelId: ref.channel, threadId: ref.ts },
      effect: notice('thread'),
    })),
    ...notified
      .filter((userId) => !inCardThread.has(userId))
      .map((userId) => ({ key: `${group}:v${request.version}:notice:${userId}`, group, platform: platformOf(userId), target: { kind: 'person' as const, userId }, effect: notice('party') })),
  ];
}
