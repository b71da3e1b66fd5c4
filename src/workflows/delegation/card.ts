import type { Card, CardAction } from '../../core/card.ts';
import type { Formatter } from '../../core/markup.ts';
import type { ValueSigner } from '../../core/signed-value.ts';
import type { DelegationCatalog } from './catalog.ts';
import { transitionActionId } from './ids.ts';
import { ACTION_LABELS, STATE_LABELS, type CardRole, type DelegationAction, type DelegationRequest } from './model.ts';
import { parisTime, requestFields } from './presenter.ts';
import { actionsFor } from './state-machine.ts';

/** The actions applied at once on a click (no comment form): the person confirms first. */
const CONFIRMATIONS: Partial<Record<DelegationAction, { title: string; text: string; yes: string }>> = {
  accept: { title: 'Accepter la demande ?', text: 'Vous vous engagez à réaliser les actes délégués selon le protocole. Le demandeur sera prévenu.', yes: 'Accepter' },
  withdraw: { title: 'Retirer la demande ?', text: 'La demande sera retirée pour tous les délégués ; elle ne pourra plus être acceptée.', yes: 'Retirer' },
  close: { title: 'Clôturer la demande ?', text: 'La délégation prendra fin ; l’autre partie sera prévenue.', yes: 'Clôturer' },
};

function transitionAction(request: DelegationRequest, action: DelegationAction, fmt: Formatter, signer: ValueSigner): CardAction {
  const id = transitionActionId(action);
  const style = action === 'accept' ? 'primary' : action === 'decline' || action === 'withdraw' ? 'danger' : undefined;
  const wording = CONFIRMATIONS[action];
  return {
    id,
    label: ACTION_LABELS[action],
    value: signer.sign(id, JSON.stringify({ id: request.id, v: request.version })),
    ...(style ? { style } : {}),
    ...(wording
      ? { confirm: { title: wording.title, text: `${fmt.bold(request.id)} — ${wording.text}`, yes: wording.yes, no: 'Annuler', danger: action !== 'accept' } }
      : {}),
  };
}

/** The request as a card for one party: fields, state, and the actions that party may take now (none without a role), their values signed. */
export function requestCard(request: DelegationRequest, catalog: DelegationCatalog, fmt: Formatter, signer: ValueSigner, role?: CardRole): Card {
  return {
    title: `Demande de délégation ${request.id}`,
    status: { label: 'État', value: STATE_LABELS[request.state] },
    fields: requestFields(request, catalog, fmt),
    actions: role === undefined ? [] : actionsFor(request.state, role).map((action) => transitionAction(request, action, fmt, signer)),
    footer: `Envoyée le ${parisTime(request.createdAt)} · mise à jour le ${parisTime(request.updatedAt)} · suivi : \`/coordo demande ${request.id}\``,
  };
}

/** The card's one-line text (notifications, clients without layout). */
export function cardText(request: DelegationRequest, fmt: Formatter): string {
  const to = request.delegueUserId ? ` pour ${fmt.mention(request.delegueUserId)}` : '';
  return `Demande de délégation ${request.id} de ${fmt.mention(request.delegantUserId)}${to} : ${STATE_LABELS[request.state]}`;
}
