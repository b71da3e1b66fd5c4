import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFT_FILL_ACTION } from '../../src/workflows/drafts/replies.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { blockActionPayload, sendCommand, sendInteraction } from '../support/slack-requests.ts';
import { REQUESTER, startDelegationSlack, type DelegationSlack } from '../delegation/slack-harness.ts';
import { tempDbFile } from '../delegation/temp-db.ts';
import { startDraft, useDraftsSlack } from '../drafts/slack-harness.ts';

/**
 * A trigger_id lives 3 s: when Slack answers 500 to views.open, the form is tried
 * once (no retries, which would keep the user waiting ≈ 26 s for nothing) and the
 * French error is shown at once. Asserted on the number of attempts, not on time.
 */

const ALWAYS = 1000;

describe('views.open failing with a Slack 500: one attempt, then the French error', () => {
  let fake: FakeSlackApi;
  let app: DelegationSlack;
  let cleanup: () => void;
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    let dbFile: string;
    ({ file: dbFile, cleanup } = tempDbFile());
    app = await startDelegationSlack(fake, dbFile);
  });
  afterEach(async () => {
    await app.server.close();
    await fake.close();
    cleanup();
  });

  it('for the delegation request form (`/coordo demande`)', async () => {
    fake.failNext('views.open', 500, ALWAYS);
    await sendCommand(app.target, { text: 'demande', responseUrl: fake.responseUrl('form'), userId: REQUESTER, triggerId: 'trig-500' });
    const told = await fake.waitFor('response_url', (c) => c.responseId === 'form', 20_000);
    expect(told.params.text).toMatch(/n'ai pas pu ouvrir le formulaire/u);
    expect(fake.callsTo('views.open#500')).toHaveLength(1);
    expect(fake.callsTo('views.open')).toHaveLength(0);
    expect(app.logs.join('\n')).toContain('WebAPIHTTPError');
  });
});

describe('views.open failing with a Slack 500, for a draft section form', () => {
  const fixture = useDraftsSlack();

  it('tries once and tells the user at once', async () => {
    const { fake, app } = fixture;
    const { rootTs, draftId } = await startDraft(fake, app, 'Entorse');
    fake.failNext('views.open', 500, ALWAYS);
    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, responseUrl: fake.responseUrl('fill'), messageTs: rootTs }));
    const told = await fake.waitFor('response_url', (c) => c.responseId === 'fill', 20_000);
    expect(told.params).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/erreur technique/u) });
    expect(fake.callsTo('views.open#500')).toHaveLength(1);
  });
});
