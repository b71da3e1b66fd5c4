import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.ts';
import { sendCommand } from '../support/slack-requests.ts';
import { blockText, buttonValue, click, DELEGUE, NURSE, REQUESTER, startDelegationSlack, stored, submitForm, validForm, type DelegationSlack } from './slack-harness.ts';
import { tempDbFile } from './temp-db.ts';

/** Cards in direct messages (no COORDO_REQUESTS_CHANNEL): one to DELEGUE (named) and one to NURSE (the profession's group). */
let fake: FakeSlackApi;
let app: DelegationSlack;
let dbFile: string;
let cleanup: () => void;

beforeEach(async () => {
  fake = await startFakeSlackApi();
  ({ file: dbFile, cleanup } = tempDbFile());
  app = await startDelegationSlack(fake, dbFile, { requestsChannel: null });
});
afterEach(async () => {
  await app.server.close();
  await fake.close();
  cleanup();
});

const dm = (user: string) => `D${user}`;
const isCard = (c: SlackCall) => c.params.blocks !== undefined && c.params.thread_ts === undefined;
const cardIn = (user: string) => fake.callsTo('chat.postMessage').find((c) => c.params.channel === dm(user) && isCard(c));
const topLevelTexts = (user: string) =>
  fake
    .callsTo('chat.postMessage')
    .filter((c) => c.params.channel === dm(user) && !isCard(c) && c.params.thread_ts === undefined)
    .map((c) => String(c.params.text));
const threadTexts = (user: string) =>
  fake
    .callsTo('chat.postMessage')
    .filter((c) => c.params.channel === dm(user) && c.params.thread_ts !== undefined)
    .map((c) => String(c.params.text));
const lastResponseText = async (id: string) => String((await fake.waitFor('response_url', (c) => c.responseId === id)).params.text);

/** Submit a valid form and wait for the requester's confirmation (sent once every card is posted). */
async function createRequest(options: { viewId?: string } = {}): Promise<string> {
  const earlier = new Set(fake.callsTo('chat.postMessage'));
  await submitForm(app.target, validForm(), options);
  const confirmation = await fake.waitFor('chat.postMessage', (c) => c.params.channel === dm(REQUESTER) && !earlier.has(c));
  return /DEL-\d{4}-\d{4}/.exec(String(confirmation.params.text))?.[0] ?? '';
}

describe('cards in direct messages', () => {
  it('tells a délégué of a change once, in the thread of their card, and the requester (who has no card) in a DM', async () => {
    const first = await createRequest();
    await click(app.target, fake, { action: 'withdraw', value: buttonValue(first, 1), userId: REQUESTER, responseId: 'w' });
    await lastResponseText('w');
    for (const user of [DELEGUE, NURSE]) {
      expect(threadTexts(user).filter((t) => t.includes('a retiré'))).toHaveLength(1);
      expect(topLevelTexts(user).filter((t) => t.includes('a retiré'))).toEqual([]);
    }

    const second = await createRequest();
    await click(app.target, fake, { action: 'accept', value: buttonValue(second, 1), userId: DELEGUE, responseId: 'a' });
    await lastResponseText('a');
    expect(topLevelTexts(REQUESTER).filter((t) => t.includes('a accepté'))).toEqual([
      `<@${DELEGUE}> a accepté votre demande de délégation *${second}*.\nDétail : \`/coordo demande ${second}\`.`,
    ]);
    expect(topLevelTexts(NURSE).filter((t) => t.includes(second))).toEqual([]);
  });

  it('posts each card with the request as it is when posted, and updates the cards an answer made stale meanwhile', async () => {
    let answered = false;
    // DELEGUE accepts while their card is being posted, before NURSE's card is.
    fake.respond('chat.postMessage', (c) => {
      if (!answered && c.params.channel === dm(DELEGUE) && isCard(c)) {
        answered = true;
        const id = /DEL-\d{4}-\d{4}/.exec(String(c.params.text))?.[0] ?? '';
        expect(app.server.service.transition({ requestId: id, action: 'accept', actorUserId: stored(DELEGUE), expectedVersion: 1 }).ok).toBe(true);
      }
      return null;
    });
    const id = await createRequest();
    expect(answered).toBe(true);
    expect(blockText(cardIn(DELEGUE) as SlackCall)).toContain('Envoyée');
    expect(blockText(cardIn(NURSE) as SlackCall)).toContain('Acceptée');
    // The card posted before the answer was recorded showing version 1: its update was owed when it was recorded.
    const update = await fake.waitFor('chat.update');
    expect(update.params.channel).toBe(dm(DELEGUE));
    expect(blockText(update)).toContain('Acceptée');
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(app.server.service.find(id)?.cards.filter((c) => c.role === 'delegue')).toHaveLength(2);
  });
});

describe('the request form', () => {
  it('says that naming a profession sends the request to its whole group', async () => {
    await sendCommand(app.target, { text: 'demande', responseUrl: fake.responseUrl('cmd'), userId: REQUESTER, triggerId: 'trig-1' });
    const open = await fake.waitFor('views.open');
    expect(JSON.stringify(open.params.view)).toContain('la demande est aussi envoyée à tous les membres de l’équipe de cette profession');
  });

  it('refuses a request only the requester could answer, and stores nothing', async () => {
    await app.server.close();
    app = await startDelegationSlack(fake, dbFile, { requestsChannel: null, professionGroups: { infirmier: [REQUESTER] } });
    const response = await submitForm(app.target, validForm({ delegueUserId: undefined }));
    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: {
        delegueProfessionId:
          'Vous êtes le seul membre de l’équipe enregistré comme « Infirmier » : personne d’autre ne pourrait répondre. Choisissez aussi un délégué nommé.',
      },
    });
    expect(app.server.service.listOpen(stored(REQUESTER)).sent).toEqual([]);
  });
});
