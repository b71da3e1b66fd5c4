import type { WebClient } from '@slack/web-api';
import { errorName, type Logger } from '../../log/logger.ts';
import type { DelegationCatalog } from '../../workflows/delegation/catalog.ts';
import type { CardRef, DelegationRequest } from '../../workflows/delegation/model.ts';
import { changeNotice, partyNotice } from '../../workflows/delegation/presenter.ts';
import type { DelegationService, TransitionOutcome } from '../../workflows/delegation/service.ts';
import { deleguesOf, type ProfessionGroups } from '../../workflows/delegation/state-machine.ts';
import { cardText, requestBlocks, slackFormat } from './delegation-views.ts';
import { openDirectMessage, tellInDm } from './direct-message.ts';

export interface CardDeliveryDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** Config.requestsChannel: where cards are posted; without it, one DM to each délégué (named user, profession group members). */
  requestsChannel?: string;
  professionGroups: ProfessionGroups;
  logger: Logger;
}

/** Where a request's cards go, and how its parties hear of each change. */
export interface CardDelivery {
  /**
   * Post a new request's cards, each with the request as it is when posted, then bring up to date those an answer
   * made stale meanwhile, and tell the requester that it is sent — or which cards could not be delivered.
   */
  deliver(client: WebClient, request: DelegationRequest): Promise<void>;
  /**
   * After a change: update every card in place, say what changed in its thread, and tell the other party in a DM
   * (except those whose DM holds a card: they see the change in its thread).
   */
  changed(client: WebClient, outcome: Extract<TransitionOutcome, { ok: true }>): Promise<void>;
}

/** A card's destination: the requests channel, or a délégué's DM. */
type Target = { channel: string } | { userId: string };


export function cardDelivery(deps: CardDeliveryDeps): CardDelivery {
  const { service, catalog, logger } = deps;

  /** Post a card showing the request as stored right now (an answer may have come while earlier cards were posted). */
  async function postCard(client: WebClient, request: DelegationRequest, target: Target): Promise<{ card: CardRef; version: number } | null> {
    try {
      const channel = 'channel' in target ? target.channel : await openDirectMessage(client, target.userId);
      const current = service.find(request.id) ?? request;
      const posted = await client.chat.postMessage({ channel, text: cardText(current), blocks: requestBlocks(current, catalog), unfurl_links: false });
      if (!posted.channel || !posted.ts) throw new Error('chat.postMessage returned no channel or ts');
      const card = { channel: posted.channel, ts: posted.ts };
      service.attachCard(request.id, card);
      return { card, version: current.version };
    } catch (error) {
      logger.warn('delegation.card_post_failed', { request: request.id, to: 'channel' in target ? 'channel' : 'dm', error: errorName(error) });
      return null;
    }
  }

  async function updateCard(client: WebClient, request: DelegationRequest, card: CardRef): Promise<boolean> {
    try {
      await client.chat.update({ channel: card.channel, ts: card.ts, text: cardText(request), blocks: requestBlocks(request, catalog) });
      return true;
    } catch (error) {
      logger.warn('delegation.card_update_failed', { request: request.id, error: errorName(error) });
      return false;
    }
  }

  function deliveryText(request: DelegationRequest, targets: readonly Target[], failed: readonly Target[]): string {
    const follow = `Suivi : \`/coordo demande ${request.id}\`.`;
    const channel = deps.requestsChannel;
    if (targets.length > 0 && failed.length === 0) {
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
    if (failed.length === targets.length) {
      return `${saved} sa carte n'a pas pu être envoyée au délégué en message privé. Prévenez-le directement : il retrouve la demande avec \`/coordo demandes\`. ${follow}`;
    }
    const missed = failed.map((t) => ('userId' in t ? slackFormat.mention(t.userId) : '')).join(', ');
    return `Votre demande de délégation *${request.id}* est envoyée, mais sa carte n'a pas pu être remise à ${missed}. Vous serez prévenu de la réponse. ${follow}`;
  }

  return {
    async deliver(client, request) {
      const targets: Target[] = deps.requestsChannel
        ? [{ channel: deps.requestsChannel }]
        : deleguesOf(request, deps.professionGroups).map((userId) => ({ userId }));
      const failed: Target[] = [];
      const posted: { card: CardRef; version: number }[] = [];
      // One DM per délégué (a group DM holds 8 people at most); one after the other, within Slack's rate limits.
      for (const target of targets) {
        const done = await postCard(client, request, target);
        if (done) posted.push(done);
        else failed.push(target);
      }
      // Changed while the cards were posted: a card posted before the change may have been missed by `changed`.
      const latest = service.find(request.id);
      if (latest !== undefined) {
        for (const { card } of posted.filter((p) => p.version !== latest.version)) await updateCard(client, latest, card);
      }
      await tellInDm(client, logger, request.delegantUserId, deliveryText(request, targets, failed), {
        failure: 'delegation.confirmation_failed',
        meta: { request: request.id },
      });
    },

    async changed(client, { request, entry }) {
      for (const card of request.cards) {
        if (!(await updateCard(client, request, card))) continue;
        try {
          await client.chat.postMessage({ channel: card.channel, thread_ts: card.ts, text: changeNotice(entry, request, slackFormat) });
        } catch (error) {
          logger.warn('delegation.card_update_failed', { request: request.id, error: errorName(error) });
        }
      }
      const { action } = entry;
      if (action === 'create') return;
      const otherParty = entry.actorUserId === request.delegantUserId ? deleguesOf(request, deps.professionGroups) : [request.delegantUserId];
      const text = partyNotice({ ...entry, action }, request, slackFormat);
      const cardChannels = request.cards.map((card) => card.channel);
      for (const userId of otherParty.filter((u) => u !== entry.actorUserId)) {
        await tellInDm(client, logger, userId, text, { failure: 'delegation.notice_failed', meta: { request: request.id }, unlessIn: cardChannels });
      }
    },
  };
}
