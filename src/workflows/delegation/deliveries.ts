import type { ValueSigner } from '../../core/signed-value.ts';
import type { DeliveryPlan } from '../../core/delivery.ts';
import type { Formatter } from '../../core/markup.ts';
import type { OutboxRow } from '../../store/outbox.ts';
import { cardText, requestCard } from './card.ts';
import type { DelegationCatalog } from './catalog.ts';
import { CARD_EFFECT, CARD_UPDATE_EFFECT, CardEffectSchema, CardUpdateEffectSchema, NOTICE_EFFECT, NoticeEffectSchema, requestGroup, type RequestsChannels } from './effects.ts';
import type { DelegationRequest } from './model.ts';
import { changeNotice, partyNotice } from './presenter.ts';
import type { DelegationService } from './service.ts';

export const DELIVERY_EFFECTS = [CARD_EFFECT, CARD_UPDATE_EFFECT, NOTICE_EFFECT] as const;

export interface DeliveryDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** The rows of a request (the confirmation says which cards could not be delivered). */
  rowsOf(group: string): readonly OutboxRow[];
  /** Per platform, the channel of the délégués' cards. */
  requestsChannels: RequestsChannels;
  /** Signs the cards' button values. */
  signer: ValueSigner;
}

/** The neutral side of the delegation feature's outbox effects; the adapter renders and sends the plan. */
export function delegationDeliveries(deps: DeliveryDeps): (row: OutboxRow, fmt: Formatter) => DeliveryPlan {
  const { service, catalog } = deps;

  function failedCards(requestId: string): OutboxRow[] {
    return deps.rowsOf(requestGroup(requestId)).filter((r) => r.effect.type === CARD_EFFECT && r.effect.role === 'delegue' && r.failedAt !== undefined);
  }

  function confirmation(request: DelegationRequest, failed: readonly OutboxRow[], fmt: Formatter, channel: string | undefined): string {
    const follow = `Suivi : \`/coordo demande ${request.id}\`.`;
    const id = fmt.bold(request.id);
    if (failed.length === 0) {
      const where = channel ? ` (carte publiée dans ${fmt.channel(channel)})` : '';
      return `Votre demande de délégation ${id} est envoyée${where}. Vous serez prévenu de la réponse. ${follow}`;
    }
    const saved = `Votre demande de délégation ${id} est enregistrée, mais`;
    if (channel) {
      return (
        `${saved} sa carte n'a pas pu être publiée dans ${fmt.channel(channel)} : Coordo n'est sans doute pas membre de ce canal ` +
        `(invitez @Coordo avec \`/invite @Coordo\`). Prévenez le délégué en attendant : il retrouve la demande avec \`/coordo demandes\`. ${follow}`
      );
    }
    if (request.cards.filter((c) => c.role === 'delegue').length === 0) {
      return `${saved} sa carte n'a pas pu être envoyée au délégué en message privé. Prévenez-le directement : il retrouve la demande avec \`/coordo demandes\`. ${follow}`;
    }
    const missed = failed.map((r) => (r.target.kind === 'person' ? fmt.mention(r.target.userId) : '')).join(', ');
    return `Votre demande de délégation ${id} est envoyée, mais sa carte n'a pas pu être remise à ${missed}. Vous serez prévenu de la réponse. ${follow}`;
  }

  return (row, fmt) => {
    switch (row.effect.type) {
      case CARD_EFFECT: {
        const effect = CardEffectSchema.parse(row.effect);
        const request = service.find(effect.requestId);
        if (request === undefined) return { kind: 'gone' };
        const lead = effect.role === 'requester' ? confirmation(request, failedCards(request.id), fmt, deps.requestsChannels[row.platform ?? 'slack']) : undefined;
        const userId = row.target.kind === 'person' ? row.target.userId : undefined;
        return {
          kind: 'post_card',
          text: lead ?? cardText(request, fmt),
          ...(lead ? { lead } : {}),
          card: requestCard(request, catalog, fmt, deps.signer, effect.role),
          posted: (ref) => service.attachCard(request.id, { ...ref, role: effect.role, platform: row.platform ?? 'slack', ...(userId ? { userId } : {}) }, request.version),
        };
      }
      case CARD_UPDATE_EFFECT: {
        const effect = CardUpdateEffectSchema.parse(row.effect);
        const request = service.find(effect.requestId);
        const card = request?.cards.find((c) => c.channel === effect.channel && c.ts === effect.ts && (c.platform ?? 'slack') === (row.platform ?? 'slack'));
        if (request === undefined || card === undefined) return { kind: 'gone' };
        return { kind: 'update_card', ref: card, text: cardText(request, fmt), card: requestCard(request, catalog, fmt, deps.signer, card.role) };
      }
      case NOTICE_EFFECT: {
        const effect = NoticeEffectSchema.parse(row.effect);
        const request = service.find(effect.requestId);
        const entry = request === undefined ? undefined : service.history(effect.requestId).find((e) => e.version === effect.version);
        if (request === undefined || entry === undefined || entry.action === 'create') return { kind: 'gone' };
        const text = effect.audience === 'thread' ? changeNotice(entry, request, fmt) : partyNotice({ ...entry, action: entry.action }, request, fmt);
        return { kind: 'post_text', text };
      }
      default:
        return { kind: 'gone' };
    }
  };
}
