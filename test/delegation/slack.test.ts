import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_FORM_ID as COMMENT_CALLBACK, MESSAGE_SHORTCUT } from '../../src/workflows/delegation/ids.ts';
import { openFormButton } from '../../src/workflows/delegation/open-form-button.ts';
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.ts';
import { blockActionPayload, sendCommand, sendInteraction, viewSubmissionPayload } from '../support/slack-requests.ts';
import {
  blockText,
  buttonValue,
  CHANNEL,
  click,
  DELEGUE,
  NURSE,
  OUTSIDER,
  REQUESTER,
  startDelegationSlack,
  submitForm,
  stored,
  today,
  validForm,
  type DelegationSlack,
} from './slack-harness.ts';
import { tempDbFile } from './temp-db.ts';
import { waitUntil } from '../support/wait.ts';

let fake: FakeSlackApi;
let app: DelegationSlack;
let dbFile: string;
let cleanup: () => void;
const year = () => today().slice(0, 4);

beforeEach(async () => {
  fake = await startFakeSlackApi();
  ({ file: dbFile, cleanup } = tempDbFile());
  app = await startDelegationSlack(fake, dbFile);
});
afterEach(async () => {
  await app.server.close();
  await fake.close();
  cleanup();
});

const count = (table: string) => app.server.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;
const responses = (id: string) => fake.callsTo('response_url').filter((c) => c.responseId === id);
const lastResponseText = async (id: string) => String((await fake.waitFor('response_url', (c) => c.responseId === id)).params.text);

/** Submit a valid form and wait until it is fully handled (card posted and stored, requester told). */
async function createRequest(form = validForm()): Promise<{ id: string; card: SlackCall }> {
  const earlier = new Set(fake.callsTo('chat.postMessage'));
  const response = await submitForm(app.target, form);
  expect(response).toEqual({ status: 200, body: '' });
  const confirmation = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}` && !earlier.has(c));
  const id = /DEL-\d{4}-\d{4}/.exec(String(confirmation.params.text))?.[0] ?? '';
  const card = fake.callsTo('chat.postMessage').find((c) => c.params.channel === CHANNEL && c.params.thread_ts === undefined && String(c.params.text).includes(id));
  if (card === undefined) throw new Error(`no card for ${id}`);
  return { id, card };
}

describe('the request form', () => {
  it('opens on `/coordo demande <actes>` with the matching protocols suggested', async () => {
    await sendCommand(app.target, { text: 'demande sutures de plaies simples', responseUrl: fake.responseUrl('cmd'), userId: REQUESTER, triggerId: 'trig-1' });
    const open = await fake.waitFor('views.open');
    expect(open.params.trigger_id).toBe('trig-1');
    const view = JSON.stringify(open.params.view);
    expect(view).toContain('"callback_id":"delegation_request_form"');
    expect(view).toContain('Suggérés pour ces actes');
    expect(view).toContain('"value":"sutures-plaies-urgences"');
    expect(view).toContain('"initial_value":"sutures de plaies simples"');
    expect(view).toContain('Nouveau protocole local');
    expect(view).toContain(`"initial_date":"${today()}"`);
  });

  it('opens from the « Faire une demande » button of a lookup answer, pre-filled, and from the message shortcut', async () => {
    const button = openFormButton({ protocol: 'entorse-cheville', profession: 'masseur-kinesitherapeute' });
    await sendInteraction(app.target, blockAction(button.actionId, button.value, REQUESTER, 'btn'));
    const open = await fake.waitFor('views.open');
    const view = JSON.stringify(open.params.view);
    expect(view).toContain('"initial_option":{"value":"entorse-cheville"');
    expect(view).toContain('"initial_option":{"value":"masseur-kinesitherapeute"');

    await sendInteraction(app.target, {
      type: 'message_action',
      callback_id: MESSAGE_SHORTCUT,
      trigger_id: 'trig-shortcut',
      team: { id: 'T0001', domain: 'coordo' },
      user: { id: REQUESTER, name: 'med', team_id: 'T0001' },
      channel: { id: CHANNEL, name: 'demandes' },
      message: { type: 'message', ts: '1.1', user: NURSE, text: 'Peux-tu prendre les angines le samedi ?' },
      message_ts: '1.1',
      response_url: fake.responseUrl('shortcut'),
      token: 'legacy-unused',
      action_ts: '1.2',
    });
    const fromMessage = await fake.waitFor('views.open', (c) => c.params.trigger_id === 'trig-shortcut');
    expect(JSON.stringify(fromMessage.params.view)).toContain('"value":"odynophagie"');
  });

  it('refreshes the suggestions while the acts are typed, keeping the view (hash)', async () => {
    const payload = blockAction('delegation_field_acts', '', REQUESTER, 'typing');
    const actions = payload.actions as Record<string, unknown>[];
    await sendInteraction(app.target, {
      ...payload,
      container: { type: 'view', view_id: 'VFORM' },
      view: { id: 'VFORM', hash: 'h1', private_metadata: '{}', callback_id: 'delegation_request_form', state: { values: {} } },
      actions: [{ ...actions[0], type: 'plain_text_input', value: 'entorse de la cheville', block_id: 'acts' }],
    });
    const update = await fake.waitFor('views.update');
    expect(update.params).toMatchObject({ view_id: 'VFORM', hash: 'h1' });
    expect(JSON.stringify(update.params.view)).toContain('Protocoles correspondant à ces actes : *Traumatisme en torsion de la cheville');
  });

  it('answers an invalid form with a French message next to each field, and stores nothing', async () => {
    const response = await submitForm(app.target, {
      delegueProfessionId: 'aide-soignant',
      acts: '   ',
      natures: ['diagnostique'],
      protocol: 'odynophagie',
      patients: 'Mme Durand née le 12/03/1950',
      setting: 'msp',
      startDate: '2020-01-01',
    });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({
      delegueProfessionId: 'La profession « Aide-soignant » ne peut pas être déléguée d’un protocole de coopération.',
      acts: 'Décrivez les actes à déléguer.',
      patients: expect.stringContaining("Ce texte n'a pas été enregistré : il semble contenir une date de naissance"),
      startDate: 'La date de début ne peut pas être dans le passé.',
    });
    expect(count('delegation_requests')).toBe(0);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(app.logs.join('\n')).not.toContain('Durand');
  });

  it('creates DEL-YYYY-NNNN, posts each party a card with its own buttons (confirmed first), and confirms to the requester', async () => {
    const { id, card } = await createRequest();
    expect(id).toBe(`DEL-${year()}-0001`);
    const blocks = blockText(card);
    for (const label of ['Accepter', 'Refuser', 'Demander des précisions']) expect(blocks).toContain(label);
    expect(blocks).not.toContain('Retirer la demande');
    expect(blocks).toContain('Envoyée');
    expect(blocks).toContain('<@UIDE1> (Infirmier');
    expect(blocks).toContain(buttonValue(id, 1).replace(/"/g, '\\"'));
    const confirmation = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    expect(String(confirmation.params.text)).toContain(`Votre demande de délégation *${id}* est envoyée`);
    // The requester's card is the confirmation: « Retirer la demande », never « Accepter ».
    const mine = blockText(confirmation);
    expect(mine).toContain('Retirer la demande');
    for (const label of ['"Accepter"', 'Refuser', 'Demander des précisions']) expect(mine).not.toContain(label);
    expect(card.params.channel).toBe(CHANNEL);
    await waitUntil(() => app.server.service.find(id)?.cards.length === 2, 'both cards recorded');
    expect(app.server.service.find(id)?.cards).toEqual([
      { channel: CHANNEL, ts: expect.stringMatching(/^\d+\.\d+$/), role: 'delegue', platform: 'slack' },
      { channel: `D${REQUESTER}`, ts: expect.stringMatching(/^\d+\.\d+$/), role: 'requester', userId: stored(REQUESTER), platform: 'slack' },
    ]);
  });

  it('asks for a confirmation before accepting, withdrawing and closing (Block Kit confirm)', async () => {
    const { id, card } = await createRequest();
    type Element = { action_id?: string; confirm?: { title: { text: string }; confirm: { text: string }; deny: { text: string } } };
    const buttonsOf = (call: SlackCall): Element[] =>
      ((call.params.blocks as { type: string; elements?: Element[] }[]) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    const delegue = buttonsOf(card);
    expect(delegue.find((b) => b.action_id === 'delegation_accept')?.confirm).toMatchObject({ title: { text: 'Accepter la demande ?' }, confirm: { text: 'Accepter' }, deny: { text: 'Annuler' } });
    // Decline and « précisions » open a window first: no extra confirmation.
    expect(delegue.find((b) => b.action_id === 'delegation_decline')?.confirm).toBeUndefined();
    const confirmation = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    expect(buttonsOf(confirmation).find((b) => b.action_id === 'delegation_withdraw')?.confirm).toMatchObject({ title: { text: 'Retirer la demande ?' } });
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'acc' });
    const updated = await fake.waitFor('chat.update', (c) => c.params.channel === CHANNEL);
    expect(buttonsOf(updated).map((b) => [b.action_id, b.confirm?.title.text])).toEqual([['delegation_close', 'Clôturer la demande ?']]);
  });

  it('never creates a duplicate on a Slack retry or a double click on « Envoyer »', async () => {
    const form = validForm();
    const [a, b] = await Promise.all([submitForm(app.target, form, { viewId: 'VSAME' }), submitForm(app.target, form, { viewId: 'VSAME' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const again = await submitForm(app.target, form, { viewId: 'VSAME' });
    expect(again.status).toBe(200);
    await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    expect(count('delegation_requests')).toBe(1);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL)).toHaveLength(1);
    expect(app.logs.filter((l) => l.includes('delegation.duplicate_submission'))).toHaveLength(2);
  });
});

/** A block_actions payload for one click on a card in the requests channel. */
const blockAction = (actionId: string, value: string, userId: string, responseId: string): Record<string, unknown> =>
  blockActionPayload({ actionId, value, userId, responseUrl: fake.responseUrl(responseId), channelId: CHANNEL, messageTs: '1.000001', triggerId: `trig-${responseId}` });

/** Submit the comment modal opened by a button. */
function submitComment(userId: string, metadata: string, comment: string) {
  return sendInteraction(
    app.target,
    viewSubmissionPayload({
      callbackId: COMMENT_CALLBACK,
      userId,
      privateMetadata: metadata,
      values: { comment: { delegation_field_comment: { type: 'plain_text_input', value: comment } } },
    }),
  );
}

describe('answering a request from its card', () => {
  it('accepts: the card is updated in place, the thread says so, the délégué is told', async () => {
    const { id } = await createRequest();
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'acc' });
    const update = await fake.waitFor('chat.update');
    const [channelCard] = app.server.service.find(id)?.cards ?? [];
    expect(update.params).toMatchObject({ channel: channelCard?.channel, ts: channelCard?.ts });
    expect(blockText(update)).toContain('Acceptée');
    expect(blockText(update)).toContain('Clôturer');
    expect(blockText(update)).not.toContain('Refuser');
    const notice = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts !== undefined);
    expect(String(notice.params.text)).toBe(`<@${DELEGUE}> a accepté la demande. (<@${REQUESTER}>)`);
    expect(await lastResponseText('acc')).toContain(`La demande ${id} est maintenant à l'état « Acceptée »`);
    expect(app.server.service.find(id)).toMatchObject({ state: 'accepted', version: 2 });
    expect(app.logs.join('\n')).not.toContain('card_update_failed');
  });

  it('goes through précisions: the délégué asks in a modal, the requester answers, the délégué declines', async () => {
    const { id } = await createRequest();
    await click(app.target, fake, { action: 'request_info', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'ri' });
    const modal = await fake.waitFor('views.open', (c) => c.params.trigger_id === 'trig-ri' || JSON.stringify(c.params.view).includes(COMMENT_CALLBACK));
    const metadata = String((modal.params.view as { private_metadata: string }).private_metadata);
    expect(JSON.parse(metadata)).toEqual({ id, v: 1, action: 'request_info' });

    const empty = await submitComment(DELEGUE, metadata, '  ');
    expect(JSON.parse(empty.body)).toEqual({ response_action: 'errors', errors: { comment: 'Écrivez un commentaire : il est nécessaire pour cette action.' } });
    const withPhone = await submitComment(DELEGUE, metadata, 'Appelez la patiente au 06 12 34 56 78');
    expect(JSON.parse(withPhone.body).errors.comment).toContain('numéro de téléphone');
    expect(app.server.service.find(id)?.version).toBe(1);

    expect(await submitComment(DELEGUE, metadata, 'Quelle tranche d’âge ?')).toEqual({ status: 200, body: '' });
    await fake.waitFor('chat.update', (c) => blockText(c).includes('Précisions demandées'));
    await fake.waitFor('chat.postMessage', (c) => String(c.params.text).includes('a demandé des précisions : « Quelle tranche d’âge ? »'));

    await click(app.target, fake, { action: 'answer_info', value: buttonValue(id, 2), userId: REQUESTER, responseId: 'ai' });
    const answerModal = await fake.waitFor('views.open', (c) => JSON.stringify(c.params.view).includes('answer_info'));
    await submitComment(REQUESTER, String((answerModal.params.view as { private_metadata: string }).private_metadata), 'De 6 à 45 ans.');
    await fake.waitFor('chat.update', (c) => blockText(c).includes('*État :* Envoyée'));

    await click(app.target, fake, { action: 'decline', value: buttonValue(id, 3), userId: DELEGUE, responseId: 'dec' });
    const declineModal = await fake.waitFor('views.open', (c) => JSON.stringify(c.params.view).includes('"decline"') || JSON.stringify(c.params.view).includes('\\"decline\\"'));
    await submitComment(DELEGUE, String((declineModal.params.view as { private_metadata: string }).private_metadata), '');
    const declined = await fake.waitFor('chat.update', (c) => blockText(c).includes('Refusée'));
    expect(blockText(declined)).not.toContain('"type":"actions"');

    const viewed = app.server.service.view(id, stored(REQUESTER));
    expect(viewed.ok && viewed.history.map((e) => [e.action, e.from, e.to, e.actorUserId, e.comment])).toEqual([
      ['create', null, 'submitted', stored(REQUESTER), undefined],
      ['request_info', 'submitted', 'info_requested', stored(DELEGUE), 'Quelle tranche d’âge ?'],
      ['answer_info', 'info_requested', 'submitted', stored(REQUESTER), 'De 6 à 45 ans.'],
      ['decline', 'submitted', 'declined', stored(DELEGUE), undefined],
    ]);
  });

  it('lets only the requester withdraw, and only the délégué (or a group member) accept', async () => {
    const { id } = await createRequest();
    for (const [action, user, rid] of [
      ['accept', OUTSIDER, 'x1'],
      ['accept', REQUESTER, 'x2'],
      ['withdraw', DELEGUE, 'x3'],
      ['withdraw', NURSE, 'x4'],
    ] as const) {
      await click(app.target, fake, { action, value: buttonValue(id, 1), userId: user, responseId: rid });
      expect(await lastResponseText(rid)).toContain('Vous ne pouvez pas effectuer cette action');
    }
    expect(fake.callsTo('chat.update')).toHaveLength(0);
    expect(app.logs.filter((l) => l.includes('"event":"delegation.action_refused"') && l.includes('"level":"warn"'))).toHaveLength(4);

    await click(app.target, fake, { action: 'withdraw', value: buttonValue(id, 1), userId: REQUESTER, responseId: 'w' });
    await fake.waitFor('chat.update', (c) => blockText(c).includes('Retirée'));
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 2), userId: DELEGUE, responseId: 'late' });
    expect(await lastResponseText('late')).toBe("Cette action n'est pas possible pour une demande à l'état « Retirée ».");
  });

  it('lets a member of the group answer when both a person and a profession are named', async () => {
    const { id } = await createRequest();
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: NURSE, responseId: 'n' });
    expect(await lastResponseText('n')).toContain(`La demande ${id} est maintenant à l'état « Acceptée »`);
    await fake.waitFor('chat.update', (c) => blockText(c).includes('Acceptée'));
    expect(app.server.service.find(id)).toMatchObject({ state: 'accepted' });
    await sendCommand(app.target, { text: 'demandes', responseUrl: fake.responseUrl('list-nurse'), userId: NURSE });
    expect(await lastResponseText('list-nurse')).toContain(`*${id}* — Acceptée — de <@${REQUESTER}>`);
  });

  it('sends a request made to a profession to each member of its group, one DM each, and updates every card', async () => {
    await app.server.close();
    const members = Array.from({ length: 9 }, (_, i) => `UIDE${i + 1}`);
    app = await startDelegationSlack(fake, dbFile, { requestsChannel: null, professionGroups: { infirmier: [...members, REQUESTER] } });
    await submitForm(app.target, validForm({ delegueUserId: undefined }));
    const confirmation = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    expect(String(confirmation.params.text)).toContain('est envoyée. Vous serez prévenu de la réponse.');
    const id = /DEL-\d{4}-\d{4}/.exec(String(confirmation.params.text))?.[0] ?? '';
    const cards = fake.callsTo('chat.postMessage').filter((c) => c.params.blocks !== undefined && c.params.channel !== `D${REQUESTER}`);
    expect(cards.map((c) => c.params.channel).sort()).toEqual(members.map((m) => `D${m}`).sort());
    expect(fake.callsTo('conversations.open').map((c) => c.params.users)).not.toContain(expect.stringContaining(','));
    expect(app.server.service.find(id)?.cards.filter((c) => c.role === 'delegue')).toHaveLength(9);

    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: OUTSIDER, responseId: 'o' });
    expect(await lastResponseText('o')).toContain('Vous ne pouvez pas');
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: 'UIDE9', responseId: 'n' });
    await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}` && String(c.params.text).includes('a accepté'));
    await fake.waitFor('chat.update', (c) => c.params.channel === `D${REQUESTER}`);
    const updates = fake.callsTo('chat.update').filter((c) => blockText(c).includes('Acceptée'));
    expect(updates.map((c) => c.params.channel).sort()).toEqual([...members, REQUESTER].map((m) => `D${m}`).sort());
  });

  it('applies a double click once', async () => {
    const { id } = await createRequest();
    await Promise.all([
      click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'd1' }),
      click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'd2' }),
    ]);
    const texts = [await lastResponseText('d1'), await lastResponseText('d2')].sort();
    expect(texts[0]).toContain('Accepter : c\'est fait');
    expect(texts[1]).toContain('Déjà pris en compte');
    // One update per card (the channel's and the requester's), not two.
    expect(fake.callsTo('chat.update').map((c) => c.params.channel).sort()).toEqual([CHANNEL, `D${REQUESTER}`]);
    const viewed = app.server.service.view(id, stored(DELEGUE));
    expect(viewed.ok && viewed.history).toHaveLength(2);
  });

  it('refuses tampered and unknown button values, logging without the value', async () => {
    const { id } = await createRequest();
    const tampered = ['not json', JSON.stringify({ id, v: 'un' }), JSON.stringify({ id: "DEL-'; DROP TABLE", v: 1 }), JSON.stringify({ id: 'DEL-2020-0999', v: 1 })];
    // Signed (the core made them) or not (changed on the way, or never Coordo's): refused alike.
    for (const [index, value] of [...tampered, buttonValue(id, 1)].entries()) {
      await click(app.target, fake, { action: 'accept', value, userId: DELEGUE, responseId: `t${index}`, raw: index >= tampered.length });
      expect(await lastResponseText(`t${index}`)).toBe("Ce bouton ne correspond à aucune demande de délégation valide : l'action n'a pas été effectuée.");
    }
    await click(app.target, fake, { action: 'accept', actionId: 'delegation_approve_all', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'unknown-action' });
    expect(await lastResponseText('unknown-action')).toBe("Ce bouton ne correspond à aucune demande de délégation valide : l'action n'a pas été effectuée.");
    expect(app.server.service.find(id)?.state).toBe('submitted');
    const warnings = app.logs.filter((l) => l.includes('"level":"warn"'));
    expect(warnings).toHaveLength(6);
    expect(warnings.join('\n')).not.toContain('DROP TABLE');
    expect(warnings.join('\n')).not.toContain('not json');
  });

  it('refuses a click on a stale card', async () => {
    const { id } = await createRequest();
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'a' });
    await fake.waitFor('chat.update');
    await click(app.target, fake, { action: 'withdraw', value: buttonValue(id, 1), userId: REQUESTER, responseId: 's' });
    expect(await lastResponseText('s')).toContain('La demande a changé entre-temps (état actuel : « Acceptée »)');
  });
});

describe('telling the other party', () => {
  const dmsTo = (user: string, id: string) =>
    fake.callsTo('chat.postMessage').filter((c) => c.params.channel === `D${user}` && c.params.blocks === undefined && String(c.params.text).includes(id) && !String(c.params.text).includes('est envoyée'));

  it('DMs the requester on accept, decline and request_info, and the délégués on answer_info and withdraw, with the comment', async () => {
    const { id } = await createRequest();
    await click(app.target, fake, { action: 'request_info', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'ri' });
    const modal = await fake.waitFor('views.open', (c) => JSON.stringify(c.params.view).includes(COMMENT_CALLBACK));
    await submitComment(DELEGUE, String((modal.params.view as { private_metadata: string }).private_metadata), 'Quelle tranche d’âge ?');
    const asked = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}` && String(c.params.text).includes('demande des précisions'));
    expect(String(asked.params.text)).toBe(
      `<@${DELEGUE}> demande des précisions sur votre demande de délégation *${id}* : « Quelle tranche d’âge ? »\nRépondez avec le bouton « Répondre » de la demande : \`/coordo demande ${id}\`.`,
    );
    expect(dmsTo(DELEGUE, id)).toHaveLength(0); // the actor is not told of their own change

    await click(app.target, fake, { action: 'answer_info', value: buttonValue(id, 2), userId: REQUESTER, responseId: 'ai' });
    const answerModal = await fake.waitFor('views.open', (c) => JSON.stringify(c.params.view).includes('answer_info'));
    await submitComment(REQUESTER, String((answerModal.params.view as { private_metadata: string }).private_metadata), 'De 6 à 45 ans.');
    // both named: the délégué and the other members of the profession's group may answer, so both are told
    for (const user of [DELEGUE, NURSE]) {
      const told = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${user}` && String(c.params.text).includes('a apporté les précisions'));
      expect(String(told.params.text)).toContain(`*${id}* : « De 6 à 45 ans. »`);
    }

    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 3), userId: NURSE, responseId: 'acc' });
    const accepted = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}` && String(c.params.text).includes('a accepté'));
    expect(String(accepted.params.text)).toBe(`<@${NURSE}> a accepté votre demande de délégation *${id}*.\nDétail : \`/coordo demande ${id}\`.`);
    expect(dmsTo(REQUESTER, id)).toHaveLength(2);
  });

  it('DMs the délégué when the requester withdraws, and the requester when the délégué declines', async () => {
    const first = await createRequest();
    await click(app.target, fake, { action: 'withdraw', value: buttonValue(first.id, 1), userId: REQUESTER, responseId: 'w' });
    const withdrawn = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${DELEGUE}` && String(c.params.text).includes('a retiré'));
    expect(String(withdrawn.params.text)).toContain(`<@${REQUESTER}> a retiré la demande de délégation *${first.id}*.`);

    const second = await createRequest();
    await click(app.target, fake, { action: 'decline', value: buttonValue(second.id, 1), userId: DELEGUE, responseId: 'd' });
    const modal = await fake.waitFor('views.open', (c) => JSON.stringify(c.params.view).includes('decline'));
    await submitComment(DELEGUE, String((modal.params.view as { private_metadata: string }).private_metadata), 'Pas de créneau ce mois-ci.');
    const declined = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}` && String(c.params.text).includes('a refusé'));
    expect(String(declined.params.text)).toContain(`a refusé votre demande de délégation *${second.id}* : « Pas de créneau ce mois-ci. »`);
  });
});

describe('when Slack refuses', () => {
  it('tells the requester, in French, that the request exists but its card could not be posted', async () => {
    fake.respond('chat.postMessage', (c) => (c.params.channel === CHANNEL ? { ok: false, error: 'not_in_channel' } : null));
    await submitForm(app.target, validForm());
    const told = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    const text = String(told.params.text);
    expect(text).toMatch(/^Votre demande de délégation \*DEL-\d{4}-0001\* est enregistrée, mais sa carte n'a pas pu être publiée dans <#CREQUESTS>/);
    expect(text).toContain('invitez @Coordo');
    expect(text).not.toContain('est envoyée');
    expect(count('delegation_requests')).toBe(1);
    expect(app.logs.find((l) => l.includes('"event":"outbox.failed"'))).toMatch(/"level":"warn".*"effect":"delegation.card".*"error":"WebAPIPlatformError:not_in_channel"/);
  });

  it('names the members whose DM could not be delivered', async () => {
    await app.server.close();
    app = await startDelegationSlack(fake, dbFile, { requestsChannel: null });
    fake.respond('conversations.open', (c) => (c.params.users === NURSE ? { ok: false, error: 'user_not_found' } : null));
    await submitForm(app.target, validForm({ delegueUserId: undefined }));
    const told = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    expect(String(told.params.text)).toContain(`est envoyée, mais sa carte n'a pas pu être remise à <@${NURSE}>`);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.params.blocks !== undefined).map((c) => c.params.channel)).toEqual([`D${DELEGUE}`, `D${REQUESTER}`]);
  });

  it('says so when the comment window cannot be opened, and changes nothing', async () => {
    const { id } = await createRequest();
    fake.respond('views.open', () => ({ ok: false, error: 'expired_trigger_id' }));
    await click(app.target, fake, { action: 'request_info', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'ri' });
    expect(await lastResponseText('ri')).toBe("Je n'ai pas pu ouvrir la fenêtre de commentaire : l'action n'a pas été effectuée. Réessayez dans un instant.");
    expect(app.server.service.find(id)?.version).toBe(1);
    expect(app.logs.find((l) => l.includes('delegation.comment_form_failed'))).toContain('"error":"WebAPIPlatformError:expired_trigger_id"');
  });

  it('tells the user in a DM when the message shortcut cannot open the form', async () => {
    fake.respond('views.open', () => ({ ok: false, error: 'expired_trigger_id' }));
    await sendInteraction(app.target, {
      type: 'message_action',
      callback_id: MESSAGE_SHORTCUT,
      trigger_id: 'trig-late',
      team: { id: 'T0001', domain: 'coordo' },
      user: { id: REQUESTER, name: 'med', team_id: 'T0001' },
      channel: { id: CHANNEL, name: 'demandes' },
      message: { type: 'message', ts: '1.1', user: NURSE, text: 'Peux-tu prendre les angines le samedi ?' },
      message_ts: '1.1',
      response_url: fake.responseUrl('shortcut'),
      token: 'legacy-unused',
      action_ts: '1.2',
    });
    const told = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
    expect(String(told.params.text)).toContain("Je n'ai pas pu ouvrir le formulaire de demande de délégation");
    const logged = app.logs.find((l) => l.includes('delegation.form_open_failed')) ?? '';
    expect(logged).toContain('"error":"WebAPIPlatformError:expired_trigger_id"');
    expect(logged).not.toContain('angines');
  });
});

describe('following requests', () => {
  it('refuses a malformed request number instead of opening the form', async () => {
    await sendCommand(app.target, { text: 'demande DEL-2026-1', responseUrl: fake.responseUrl('bad-id'), userId: REQUESTER });
    expect(await lastResponseText('bad-id')).toBe('Numéro de demande invalide : le format est DEL-AAAA-NNNN (par exemple DEL-2026-0001).');
    expect(fake.callsTo('views.open')).toHaveLength(0);
  });

  it('lists my open requests, shows one with its history, to its parties only', async () => {
    const first = await createRequest();
    await click(app.target, fake, { action: 'accept', value: buttonValue(first.id, 1), userId: DELEGUE, responseId: 'a' });
    await fake.waitFor('chat.update');
    await submitForm(app.target, validForm({ acts: 'Renouvellement traitement rhinite allergique', protocol: 'rhino-conjonctivite-allergique' }));
    await fake.waitFor('chat.postMessage', (c) => String(c.params.text).includes('-0002'));

    await sendCommand(app.target, { text: 'demandes', responseUrl: fake.responseUrl('list-med'), userId: REQUESTER });
    const list = await lastResponseText('list-med');
    expect(list).toContain('*Demandes envoyées (2)*');
    expect(list).toContain(`*${first.id}* — Acceptée — à <@${DELEGUE}> (Infirmier`);
    expect(list).toContain('*Demandes reçues* : aucune');

    await sendCommand(app.target, { text: 'demandes', responseUrl: fake.responseUrl('list-ide'), userId: DELEGUE });
    expect(await lastResponseText('list-ide')).toContain('*Demandes reçues (2)*');

    await sendCommand(app.target, { text: `demande ${first.id.toLowerCase()}`, responseUrl: fake.responseUrl('show'), userId: DELEGUE });
    const shown = await fake.waitFor('response_url', (c) => c.responseId === 'show');
    const blocks = JSON.stringify(shown.params.blocks);
    expect(blocks).toContain('*Historique*');
    expect(blocks).toContain(`<@${REQUESTER}> a envoyé la demande (Envoyée)`);
    expect(blocks).toContain(`<@${DELEGUE}> a accepté la demande (Envoyée → Acceptée)`);

    await sendCommand(app.target, { text: `demande ${first.id}`, responseUrl: fake.responseUrl('spy'), userId: OUTSIDER });
    expect(await lastResponseText('spy')).toBe(`La demande ${first.id} ne vous concerne pas : seuls le demandeur et le délégué peuvent la consulter.`);
    await sendCommand(app.target, { text: 'demande DEL-1999-0001', responseUrl: fake.responseUrl('none'), userId: REQUESTER });
    expect(await lastResponseText('none')).toContain('Aucune demande DEL-1999-0001');
    expect(responses('spy')).toHaveLength(1);
  });

  it('keeps everything across a restart: lists, history, and the card is still updated in place', async () => {
    const { id } = await createRequest();
    const cardTs = app.server.service.find(id)?.cards[0]?.ts;
    expect(cardTs).toBeDefined();
    await app.server.close();
    app = await startDelegationSlack(fake, dbFile);
    await sendCommand(app.target, { text: 'demandes', responseUrl: fake.responseUrl('after'), userId: DELEGUE });
    expect(await lastResponseText('after')).toContain(id);
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'acc' });
    const update = await fake.waitFor('chat.update');
    expect(update.params).toMatchObject({ channel: CHANNEL, ts: cardTs });
    expect(app.logs.join('\n')).not.toContain('card_update_failed');
    await submitForm(app.target, validForm());
    await fake.waitFor('chat.postMessage', (c) => String(c.params.text).includes(`DEL-${year()}-0002`));
  });
});
