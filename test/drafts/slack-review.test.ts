import { beforeEach, describe, expect, it } from 'vitest';
import { GUEST_REFUSAL } from '../../src/workflows/drafts/people.ts';
import { DRAFT_FORM_CALLBACK, DRAFT_SECTION_SELECT } from '../../src/workflows/drafts/section-form.ts';
import { START_NEEDS_THREAD } from '../../src/workflows/drafts/handler.ts';
import { ALREADY_EXPORTED, DRAFT_EXPORT_ACTION, DRAFT_FILL_ACTION } from '../../src/workflows/drafts/replies.ts';
import type { FakeSlackApi, SlackCall } from '../support/fake-slack-api.ts';
import { blockActionPayload, mentionEvent, sendCommand, sendEvent, sendInteraction, viewSubmissionPayload } from '../support/slack-requests.ts';
import { COMPLETE_SECTIONS } from './fixtures.ts';
import { startDraft, textOf, threadReplyEvent, viewSelectPayload, type DraftsSlack, useDraftsSlack } from './slack-harness.ts';

const GUEST = 'U0GUEST';
const inThread = (ts: string, contains: string) => (c: SlackCall) => c.params.thread_ts === ts && textOf(c).includes(contains);

/** Review fixes of protocol drafts on Slack: thread-only starts, export once per version, form errors, guests, names. */
describe('protocol drafts: rights, idempotent export, form errors', () => {
  const fixture = useDraftsSlack();
  let fake: FakeSlackApi;
  let app: DraftsSlack;
  beforeEach(() => ({ fake, app } = fixture));

  const draftCount = () => (app.db.prepare('SELECT COUNT(*) AS n FROM protocol_drafts').get() as { n: number }).n;

  async function reply(rootTs: string, text: string, expected: string, user = 'U0002'): Promise<SlackCall> {
    await sendEvent(app.target, threadReplyEvent({ text, threadTs: rootTs, user }));
    return fake.waitFor('chat.postMessage', inThread(rootTs, expected));
  }

  it('refuses « /coordo nouveau protocole X » (no thread) and points to /coordo protocole; later starts in the channel work', async () => {
    await sendCommand(app.target, { text: 'nouveau protocole Cystite', responseUrl: fake.responseUrl('orphan') });
    const refused = await fake.waitFor('response_url', (c) => c.responseId === 'orphan');
    expect(String(refused.params.text)).toContain('tapez `/coordo protocole &lt;titre&gt;`');
    expect(refused.params.response_type).toBe('ephemeral');
    expect(draftCount()).toBe(0);
    expect(START_NEEDS_THREAD).toContain('dans un fil');

    const { rootTs } = await startDraft(fake, app, 'Cystite');
    expect(rootTs).not.toBe('');
    expect(draftCount()).toBe(1);
  });

  it('mentions who started the draft in the root message, and names people (not ids) in the thread', async () => {
    const { rootTs } = await startDraft(fake, app, 'Angine', 'U0001');
    const root = fake.callsTo('chat.postMessage').find((c) => c.params.thread_ts === undefined);
    expect(textOf(root!)).toContain('Lancé par <@U0001>');
    const status = await fake.waitFor('chat.postMessage', inThread(rootTs, 'Brouillon de protocole local ouvert par Alice Martin'));
    expect(textOf(status)).toContain('Angine _(rédigé par Alice Martin le');
    await reply(rootTs, 'patients : Enfants de plus de 6 ans', 'rédigé par Bruno Petit');
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> historique patients', threadTs: rootTs }));
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'Version 1, Bruno Petit le'));
  });

  it('exports once per version: a double click posts the files once, then « déjà exporté »', async () => {
    const { rootTs, draftId } = await startDraft(fake, app, 'Cystite');
    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) await reply(rootTs, `${id} : ${text}`, '» enregistrée');
    fake.reset();
    const click = (id: string) =>
      sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_EXPORT_ACTION, value: draftId, responseUrl: fake.responseUrl(id), messageTs: rootTs }));
    await Promise.all([click('first'), click('second')]);
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'Pour la déclaration à l’ARS'));
    const again = await fake.waitFor('chat.postMessage', inThread(rootTs, 'déjà exporté, rien n’a changé depuis'));
    expect(textOf(again)).toContain(ALREADY_EXPORTED.slice(0, 40));
    await fake.waitFor('files.completeUploadExternal', () => fake.callsTo('files.completeUploadExternal').length >= 2);
    expect(fake.callsTo('files.getUploadURLExternal').map((c) => c.params.filename)).toEqual(['protocole-cystite.md', 'protocole-cystite.docx']);

    await reply(rootTs, 'exporter', 'déjà exporté');
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(2);
  });

  it('tells the user (ephemeral, in French) when the form cannot open or change, and logs only the error name', async () => {
    const { rootTs, draftId } = await startDraft(fake, app, 'Entorse');
    fake.respond('views.open', () => ({ ok: false, error: 'expired_trigger_id' }));
    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, responseUrl: fake.responseUrl('late'), messageTs: rootTs }));
    const late = await fake.waitFor('response_url', (c) => c.responseId === 'late');
    expect(late.params).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/cliquez à nouveau sur le bouton/u) });
    expect(app.logs.some((l) => l.includes('"event":"drafts.form_open_failed"') && l.includes('expired_trigger_id'))).toBe(true);

    fake.respond('views.open', () => null);
    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, responseUrl: fake.responseUrl('ok'), messageTs: rootTs }));
    const opened = (await fake.waitFor('views.open', (c) => typeof c.params.view === 'object')).params.view as Record<string, unknown>;
    fake.respond('views.update', () => ({ ok: false, error: 'hash_conflict' }));
    await sendInteraction(app.target, viewSelectPayload({ actionId: DRAFT_SECTION_SELECT, value: 'patients', view: { id: 'V1', ...opened } }));
    const told = await fake.waitFor('chat.postEphemeral', (c) => c.params.user === 'U0003');
    expect(told.params).toMatchObject({ channel: 'C0001', thread_ts: rootTs, text: expect.stringMatching(/rouvrez-le avec « Remplir une section »/u) });
    expect(app.logs.some((l) => l.includes('"event":"drafts.form_update_failed"') && l.includes('hash_conflict'))).toBe(true);
  });

  it('lets a guest read a draft but not start, fill, open the form, submit it or export it', async () => {
    const { rootTs, draftId } = await startDraft(fake, app, 'Lombalgie');
    const countRevisions = () => (app.db.prepare('SELECT COUNT(*) AS n FROM protocol_draft_revisions').get() as { n: number }).n;
    const before = countRevisions();

    await sendCommand(app.target, { text: 'protocole Rhinite', userId: GUEST, responseUrl: fake.responseUrl('guest-start') });
    expect((await fake.waitFor('response_url', (c) => c.responseId === 'guest-start')).params.text).toBe(GUEST_REFUSAL);

    await sendEvent(app.target, threadReplyEvent({ text: 'patients : tout le monde', threadTs: rootTs, user: GUEST }));
    const refused = await fake.waitFor('chat.postEphemeral', (c) => c.params.user === GUEST && textOf(c).includes('comptes invités'));
    expect(refused.params.thread_ts).toBe(rootTs);

    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> exporter', threadTs: rootTs, user: GUEST }));
    const guestNotes = () => fake.callsTo('chat.postEphemeral').filter((c) => c.params.user === GUEST && textOf(c).includes('comptes invités'));
    await fake.waitFor('chat.postEphemeral', () => guestNotes().length === 2);

    const click = (actionId: string) =>
      sendInteraction(app.target, blockActionPayload({ actionId, value: draftId, userId: GUEST, responseUrl: fake.responseUrl(actionId), messageTs: rootTs }));
    await click(DRAFT_FILL_ACTION);
    expect((await fake.waitFor('response_url', (c) => c.responseId === DRAFT_FILL_ACTION)).params).toMatchObject({ response_type: 'ephemeral', text: GUEST_REFUSAL });
    expect(fake.callsTo('views.open')).toEqual([]);
    await click(DRAFT_EXPORT_ACTION);
    await fake.waitFor('chat.postEphemeral', () => guestNotes().length === 3);

    const submitted = await sendInteraction(
      app.target,
      viewSubmissionPayload({
        callbackId: DRAFT_FORM_CALLBACK,
        privateMetadata: JSON.stringify({ draftId: Number(draftId), channelId: 'C0001' }),
        userId: GUEST,
        values: { draft_section: {}, draft_text_patients: { text: { type: 'plain_text_input', value: 'Tout le monde' } } },
      }),
    );
    // The form is answered at once (no users.info before the 3 s deadline): the refusal comes after, only to the guest.
    expect(submitted.body).toBe('');
    await fake.waitFor('chat.postEphemeral', () => guestNotes().length === 4);
    expect(guestNotes()[3]?.params.thread_ts).toBe(rootTs);
    expect(countRevisions()).toBe(before);

    // Reading stays open.
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> état', threadTs: rootTs, user: GUEST }));
    await fake.waitFor('chat.postMessage', inThread(rootTs, '1 section(s) remplie(s) sur 14'));
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });
});
