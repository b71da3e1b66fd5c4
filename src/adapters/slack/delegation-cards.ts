import type { KnownBlock } from '@slack/types';
import type { OutboxRow, SqliteOutbox } from '../../store/outbox.ts';
import type { SendResult } from '../../store/outbox-worker.ts';
import type { DelegationCatalog } from '../../workflows/delegation/catalog.ts';
import {
  CARD_EFFECT,
  CARD_UPDATE_EFFECT,
  CardEffectSchema,
  CardUpdateEffectSchema,
  NOTICE_EFFECT,
  NoticeEffectSchema,
  requestGroup,
} from '../../workflows/delegation/effects.ts';
import type { DelegationRequest } from '../../workflows/delegation/model.ts';
import { changeNotice, partyNotice } from '../../workflows/delegation/presenter.ts';
import type { DelegationService } from '../../workflows/delegation/service.ts';
import type { SlackEffectHandler } from './delivery.ts';
import { cardText, requestBlocks, slackFormat } from './delegation-views.ts';

export interface CardDeliveryDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** The outbox the service writes to: the requester's confirmation reads which cards could not be delivered. */
  outbox: SqliteOutbox;
  /** Config.requestsChannel */
  requestsChannel?: string;
}

const gone: SendResult = { status: 'failed', error: 'request_not_found' };

/**
 * How the delegation feature's outbox effects reach Slack: each card rendered
 * for its party from the request as stored when it is posted (its address kept
 * in the same transaction as the delivery mark), card updates in place, and
 * the notices of a change, written from the audit trail.
 */
export function delegationEffects(deps: CardDeliveryDeps): Record<string, SlackEffectHandler> {
  const { service, catalog } = deps;

  /** The cards of this request that could not be delivered (given up), as the requester is told. */
  function failedCards(row: OutboxRow): OutboxRow[] {
    return deps.outbox.group(requestGroup(String(row.effect.requestId))).filter((r) => r.effect.type === CARD_EFFECT && r.effect.role === 'delegue' && r.failedAt !== undefined);
  }

  function deliveryText(request: DelegationRequest, failed: readonly OutboxRow[]): string {
    const follow = `Suivi : \`/coordo demande ${request.id}\`.`;
    const channel = deps.requestsChannel;
    if (failed.length === 0) {
      const where = channel ? ` (carte publiée dans <#${channel}>)` : '';
      return `Votre demande de délégation *${request.id}* est envoyée${where}. Vous serez prévenu de la réponse. ${follow}`;
    }
    const saved = `Votre demande de délégation *${request.id}* est enregistrée, mais`;
    if (channel) {
      return (
        `${saved} sa carte n'a pas pu être publiée dans <#${channel}> : Coordo n'est sans doute pas membre de ce canal ` +
        `(invitez @Coordo avec \`/invite @Coordo\`). Prévenez le délégué en attendant : il retrouve la demande avec \`/coordo demandes\`. ${follow}`
      );
    }
    const delivered = request.cards.filter((c) => c.role === 'delegue').length;
    if (delivered === 0) {
      return `${saved} sa carte n'a pas pu être envoyée au délégué en message privé. Prévenez-le directement : il retrouve la demande avec \`/coordo demandes\`. ${follow}`;
    }
    const missed = failed.map((r) => (r.target.kind === 'person' ? slackFormat.mention(r.target.userId) : '')).join(', ');
    return `Votre demande de délégation *${request.id}* est envoyée, mais sa carte n'a pas pu être remise à ${missed}. Vous serez prévenu de la réponse. ${follow}`;
  }

  return {
    [CARD_EFFECT]: async (row, tools) => {
      const effect = CardEffectSchema.parse(row.effect);
      const request = service.find(effect.requestId);
      if (request === undefined) return gone;
      const blocks = requestBlocks(request, catalog, effect.role);
      const confirmation = effect.role === 'requester' ? deliveryText(request, failedCards(row)) : undefined;
      const head: KnownBlock[] = confirmation ? [{ type: 'section', text: { type: 'mrkdwn', text: confirmation } }] : [];
      const posted = await tools.post({ text: confirmation ?? cardText(request), blocks: [...head, ...blocks] });
      const card = { ...posted, role: effect.role, ...(row.target.kind === 'person' ? { userId: row.target.userId } : {}) };
      return { status: 'delivered', also: () => service.attachCard(request.id, card, request.version) };
    },

    [CARD_UPDATE_EFFECT]: async (row, tools) => {
      const effect = CardUpdateEffectSchema.parse(row.effect);
      const request = service.find(effect.requestId);
      const card = request?.cards.find((c) => c.channel === effect.channel && c.ts === effect.ts);
      if (request === undefined || card === undefined) return gone;
      await tools.client.chat.update({ channel: card.channel, ts: card.ts, text: cardText(request), blocks: requestBlocks(request, catalog, card.role) });
      return { status: 'delivered' };
    },

    [NOTICE_EFFECT]: async (row, tools) => {
      const effect = NoticeEffectSchema.parse(row.effect);
      const request = service.find(effect.requestId);
      const entry = request === undefined ? undefined : service.history(effect.requestId).find((e) => e.version === effect.version);
      if (request === undefined || entry === undefined || entry.action === 'create') return gone;
      const text = effect.audience === 'thread' ? changeNotice(entry, request, slackFormat) : partyNotice({ ...entry, action: entry.action }, request, slackFormat);
      await tools.post({ text });
      return { status: 'delivered' };
    },
  };
}
