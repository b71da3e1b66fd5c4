import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GUEST_DELEGUE, GUEST_REFUSAL, UNCHECKED_REFUSAL, guestGroup } from '../../src/workflows/delegation/service.ts';
import { COMMENT_FORM_ID as COMMENT_CALLBACK } from '../../src/workflows/delegation/ids.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { sendInteraction, viewSubmissionPayload } from '../support/slack-requests.ts';
import { buttonValue, CHANNEL, click, DELEGUE, REQUESTER, startDelegationSlack, stored, submitForm, validForm, type DelegationSlack } from './slack-harness.ts';
import { tempDbFile } from './temp-db.ts';
import { waitUntil } from '../support/wait.ts';

/** GUEST is a single-channel guest of the workspace, listed in the nurses' group. */
const GUEST = 'UGUEST';
const MULTI_GUEST = 'UMULTI';

let fake: FakeSlackApi;
let app: DelegationSlack;
let cleanup: () => void;
let dbFile: string;

beforeEach(async () => {
  fake = await startFakeSlackApi();
  fake.respond('users.info', (c) => {
    if (c.params.user === GUEST) return { ok: true, user: { id: GUEST, name: 'invitee', is_ultra_restricted: true } };
    if (c.params.user === MULTI_GUEST) return { ok: true, user: { id: MULTI_GUEST, name: 'multi', is_restricted: true } };
    return null;
  });
  ({ file: dbFile, cleanup } = tempDbFile());
  app = await startDelegationSlack(fake, dbFile, { professionGroups: { infirmier: [DELEGUE, GUEST] } });
});
afterEach(async () => {
  await app.server.close();
  await fake.close();
  cleanup();
});

const lastResponseText = async (id: string) => String((await fake.waitFor('response_url', (c) => c.responseId === id)).params.text);

async function createRequest(): Promise<string> {
  await submitForm(app.target, validForm());
  const confirmation = await fake.waitFor('chat.postMessage', (c) => c.params.channel === `D${REQUESTER}`);
  return /DEL-\d{4}-\d{4}/.exec(String(confirmation.params.text))?.[0] ?? '';
}

describe('Slack guests', () => {
  it('may not send a request: the form says why and nothing is stored', async () => {
    for (const guest of [GUEST, MULTI_GUEST]) {
      const response = await submitForm(app.target, validForm(), { userId: guest });
      expect(JSON.parse(response.body)).toEqual({ response_action: 'errors', errors: { delegueUserId: GUEST_REFUSAL } });
    }
    expect(app.server.service.listOpen(stored(GUEST)).sent).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(GUEST_REFUSAL).toContain('Les comptes invités ne peuvent pas faire de demande de délégation');
  });

  it('may not answer a request, even when listed in the profession group, by button or comment window', async () => {
    const id = await createRequest();
    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: GUEST, responseId: 'g1' });
    expect(await lastResponseText('g1')).toBe(GUEST_REFUSAL);
    await click(app.target, fake, { action: 'decline', value: buttonValue(id, 1), userId: GUEST, responseId: 'g2' });
    expect(await lastResponseText('g2')).toBe(GUEST_REFUSAL);
    expect(fake.callsTo('views.open')).toHaveLength(0);

    const submitted = await sendInteraction(
      app.target,
      viewSubmissionPayload({
        callbackId: COMMENT_CALLBACK,
        userId: GUEST,
        privateMetadata: JSON.stringify({ id, v: 1, action: 'request_info' }),
        values: { comment: { delegation_field_comment: { type: 'plain_text_input', value: 'Pour quels patients ?' } } },
      }),
    );
    expect(JSON.parse(submitted.body)).toEqual({ response_action: 'errors', errors: { comment: GUEST_REFUSAL } });
    expect(app.server.service.find(id)?.version).toBe(1);
    // users.info is asked once per person, then remembered.
    expect(fake.callsTo('users.info').filter((c) => c.params.user === GUEST)).toHaveLength(1);
    expect(app.logs.filter((l) => l.includes('"event":"delegation.guest_refused"'))).toHaveLength(3);

    await click(app.target, fake, { action: 'accept', value: buttonValue(id, 1), userId: DELEGUE, responseId: 'member' });
    expect(await lastResponseText('member')).toContain("Accepter : c'est fait");
  });

  it('refuses when Slack cannot tell who the user is (fail closed), and lets them act once it can', async () => {
    let down = true;
    fake.respond('users.info', () => (down ? { ok: false, error: 'ratelimited_internal' } : null));
    const response = await submitForm(app.target, validForm());
    expect(JSON.parse(response.body)).toEqual({ response_action: 'errors', errors: { delegueUserId: UNCHECKED_REFUSAL } });
    expect(app.logs.some((l) => l.includes('"event":"slack.user_lookup_failed"'))).toBe(true);
    down = false;
    const id = await createRequest();
    await waitUntil(() => app.server.service.find(id)?.cards.length === 2, 'cards recorded');
    expect(app.server.service.find(id)?.cards[0]).toEqual({ channel: CHANNEL, ts: expect.any(String), role: 'delegue', platform: 'slack' });
  });

  it('refuses a request to someone who could not answer: a guest named as délégué, a profession whose group holds guests only', async () => {
    const named = await submitForm(app.target, validForm({ delegueUserId: MULTI_GUEST, delegueProfessionId: undefined }));
    expect(JSON.parse(named.body)).toEqual({ response_action: 'errors', errors: { delegueUserId: GUEST_DELEGUE } });
    expect(GUEST_DELEGUE).toContain('compte invité');

    await app.server.close();
    app = await startDelegationSlack(fake, dbFile, { requestsChannel: null, professionGroups: { infirmier: [GUEST, MULTI_GUEST] } });
    const group = await submitForm(app.target, validForm({ delegueUserId: undefined }));
    expect(JSON.parse(group.body)).toEqual({ response_action: 'errors', errors: { delegueProfessionId: guestGroup('Infirmier') } });
    expect(app.server.service.listOpen(stored(REQUESTER)).sent).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('sends no card to the guests of a profession group, only to its members', async () => {
    await app.server.close();
    app = await startDelegationSlack(fake, dbFile, { requestsChannel: null, professionGroups: { infirmier: [DELEGUE, GUEST] } });
    const id = await createRequest();
    await waitUntil(() => app.server.service.find(id)?.cards.length === 2, 'cards recorded');
    expect(app.server.service.find(id)?.cards.map((c) => [c.role, c.userId])).toEqual([
      ['delegue', stored(DELEGUE)],
      ['requester', stored(REQUESTER)],
    ]);
    expect(fake.callsTo('conversations.open').map((c) => c.params.users)).not.toContain(GUEST);
  });
});
