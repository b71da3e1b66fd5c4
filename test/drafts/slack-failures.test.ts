import { beforeEach, describe, expect, it } from 'vitest';
import { UNCHECKED_REFUSAL } from '../../src/workflows/drafts/people.ts';
import { DRAFT_FORM_CALLBACK } from '../../src/workflows/drafts/section-form.ts';
import { DRAFT_EXPORT_ACTION, EXPORT_FAILED } from '../../src/workflows/drafts/replies.ts';
import type { FakeSlackApi, SlackCall } from '../support/fake-slack-api.ts';
import { blockActionPayload, mentionEvent, sendCommand, sendEvent, sendInteraction, viewSubmissionPayload } from '../support/slack-requests.ts';
import { COMPLETE_SECTIONS } from './fixtures.ts';
import { answerUsersInfo, startDraft, textOf, threadReplyEvent, type DraftsSlack, useDraftsSlack } from './slack-harness.ts';

const inThread = (ts: string, contains: string) => (c: SlackCall) => c.params.thread_ts === ts && textOf(c).includes(contains);
const UPLOAD_METHODS = ['files.getUploadURLExternal', 'files.completeUploadExternal'];

/** What goes wrong between Coordo and Slack while drafting: failed uploads, slow or failing users.info, a start that fails. */
describe('protocol drafts when Slack or the store fails', () => {
  const fixture = useDraftsSlack();
  let fake: FakeSlackApi;
  let app: DraftsSlack;
  beforeEach(() => ({ fake, app } = fixture));

  const revisionCount = () => (app.db.prepare('SELECT COUNT(*) AS n FROM protocol_draft_revisions').get() as { n: number }).n;

  async function reply(rootTs: string, text: string, expected: string, user = 'U0002'): Promise<SlackCall> {
    await sendEvent(app.target, threadReplyEvent({ text, threadTs: rootTs, user }));
    return fake.waitFor('chat.postMessage', inThread(rootTs, expected));
  }

  it('tells the asker when the export files cannot be uploaded, and lets « exporter » try again', async () => {
    const { rootTs, draftId } = await startDraft(fake, app, 'Cystite');
    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) {
      await reply(rootTs, `${id} : ${text}`, '» enregistrée');
      fake.reset();
    }
    for (const method of UPLOAD_METHODS) fake.respond(method, () => ({ ok: false, error: 'missing_scope', needed: 'files:write' }));

    // The button: the asker is told in French, the version is not marked exported.
    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_EXPORT_ACTION, value: draftId, responseUrl: fake.responseUrl('export'), messageTs: rootTs }));
    const told = await fake.waitFor('response_url', (c) => c.responseId === 'export');
    expect(told.params).toMatchObject({ response_type: 'ephemeral', text: EXPORT_FAILED });
    expect(EXPORT_FAILED).toMatch(/Réessayez « exporter »/u);
    expect(app.logs.some((l) => l.includes('"event":"slack.export_not_delivered"'))).toBe(true);

    // A plain « exporter » in the thread, failing again: told too (only to the asker).
    fake.reset();
    await sendEvent(app.target, threadReplyEvent({ text: 'exporter', threadTs: rootTs, user: 'U0003' }));
    const again = await fake.waitFor('chat.postEphemeral', (c) => c.params.user === 'U0003');
    expect(again.params).toMatchObject({ channel: 'C0001', thread_ts: rootTs, text: EXPORT_FAILED });

    // Slack works again: « exporter » posts the files, never « déjà exporté ».
    for (const method of UPLOAD_METHODS) fake.respond(method, () => null);
    fake.reset();
    await reply(rootTs, 'exporter', 'Pour la déclaration à l’ARS');
    await fake.waitFor('files.completeUploadExternal', () => fake.callsTo('files.completeUploadExternal').length >= 2);
    expect(fake.callsTo('files.upload')).toHaveLength(2);
    expect(fake.callsTo('chat.postMessage').some((c) => textOf(c).includes('déjà exporté'))).toBe(false);

    // Delivered this time: the double click is still caught.
    await reply(rootTs, 'exporter', 'déjà exporté');
    expect(fake.callsTo('files.upload')).toHaveLength(2);
  });

  it('releases the export when the files of « @Coordo exporter » cannot be uploaded', async () => {
    const { rootTs } = await startDraft(fake, app, 'Entorse');
    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) {
      await reply(rootTs, `${id} : ${text}`, '» enregistrée');
      fake.reset();
    }
    for (const method of UPLOAD_METHODS) fake.respond(method, () => ({ ok: false, error: 'missing_scope', needed: 'files:write' }));
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> exporter', threadTs: rootTs, user: 'U0002' }));
    const told = await fake.waitFor('chat.postEphemeral', (c) => c.params.user === 'U0002' && JSON.stringify(c.params).includes('Réessayez « exporter »'));
    expect(told.params.thread_ts).toBe(rootTs);

    for (const method of UPLOAD_METHODS) fake.respond(method, () => null);
    fake.reset();
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> exporter', threadTs: rootTs, user: 'U0002' }));
    await fake.waitFor('files.completeUploadExternal', () => fake.callsTo('files.completeUploadExternal').length >= 2);
    expect(fake.callsTo('chat.postMessage').some((c) => textOf(c).includes('déjà exporté'))).toBe(false);
  });

  it('answers the form without waiting for users.info, and stores one revision per form however often it is sent', async () => {
    const { rootTs, draftId } = await startDraft(fake, app, 'Angine');
    const submit = (viewId: string, userId: string, value: string) => {
      const payload = viewSubmissionPayload({
        callbackId: DRAFT_FORM_CALLBACK,
        privateMetadata: JSON.stringify({ draftId: Number(draftId), channelId: 'C0001' }),
        userId,
        values: { draft_section: {}, draft_text_patients: { text: { type: 'plain_text_input', value } } },
      });
      return sendInteraction(app.target, { ...payload, view: { ...(payload.view as object), id: viewId } });
    };

    // users.info fails for this (never seen) user: the form is still answered at once; the refusal follows, to the user only.
    fake.respond('users.info', (call) => (call.params.user === 'U0005' ? { ok: false, error: 'internal_error' } : null));
    const before = revisionCount();
    const unchecked = await submit('VUNCHECKED', 'U0005', 'Enfants de plus de 6 ans');
    expect(unchecked).toMatchObject({ status: 200, body: '' });
    const refused = await fake.waitFor('chat.postEphemeral', (c) => c.params.user === 'U0005');
    expect(refused.params).toMatchObject({ thread_ts: rootTs, text: UNCHECKED_REFUSAL });
    expect(revisionCount()).toBe(before);
    answerUsersInfo(fake);

    // Text problems are still shown in the form, and the same form can then be corrected and sent.
    const empty = await submit('VTWICE', 'U0003', '   ');
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors', errors: { draft_text_patients: expect.stringMatching(/est vide/u) } });

    // Sent twice (Slack showed an error, the user clicked again): one revision, one confirmation.
    const [first, second] = await Promise.all([
      submit('VTWICE', 'U0003', 'Enfants de 6 à 12 ans'),
      submit('VTWICE', 'U0003', 'Enfants de 6 à 12 ans'),
    ]);
    expect([first?.body, second?.body]).toEqual(['', '']);
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'Section « Patients concernés'));
    await expect.poll(() => app.logs.some((l) => l.includes('"event":"drafts.form_resubmitted"'))).toBe(true);
    expect(revisionCount()).toBe(before + 1);
    expect(fake.callsTo('chat.postMessage').filter(inThread(rootTs, 'Section « Patients concernés'))).toHaveLength(1);
  });

  it('posts no root message for a refused start, and takes the root message back when the draft cannot be stored', async () => {
    await sendCommand(app.target, { text: 'protocole Rhinite', userId: 'U0GUEST', responseUrl: fake.responseUrl('guest') });
    await fake.waitFor('response_url', (c) => c.responseId === 'guest');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(fake.callsTo('users.info').filter((c) => c.params.user === 'U0GUEST')).toHaveLength(1);

    // The store refuses the new draft after the root message went out.
    app.db.exec("CREATE TEMP TRIGGER no_drafts BEFORE INSERT ON protocol_drafts BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    const rootTs = '1700000000.000042';
    fake.respond('chat.postMessage', () => ({ ok: true, channel: 'C0001', ts: rootTs }));
    await sendCommand(app.target, { text: 'protocole Cystite', responseUrl: fake.responseUrl('failing') });
    const told = await fake.waitFor('response_url', (c) => c.responseId === 'failing');
    fake.respond('chat.postMessage', () => null);
    expect(told.params).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/n'a pas pu être ouvert.*Réessayez/u) });
    expect(fake.callsTo('chat.postMessage').map(textOf)).toEqual([expect.stringContaining('Protocole local en préparation : Cystite')]);
    expect(fake.callsTo('chat.delete').map((c) => c.params)).toEqual([expect.objectContaining({ channel: 'C0001', ts: rootTs })]);
    expect(app.logs.some((l) => l.includes('"event":"drafts.start_failed"'))).toBe(true);
  });
});
