import mammoth from 'mammoth';
import { beforeEach, describe, expect, it } from 'vitest';
import { DRAFT_FORM_CALLBACK, DRAFT_SECTION_SELECT } from '../../src/workflows/drafts/section-form.ts';
import { DRAFT_EXPORT_ACTION, DRAFT_FILL_ACTION } from '../../src/workflows/drafts/replies.ts';
import type { FakeSlackApi, SlackCall } from '../support/fake-slack-api.ts';
import {
  blockActionPayload,
  mentionEvent,
  sendCommand,
  sendEvent,
  sendInteraction,
  viewSubmissionPayload,
} from '../support/slack-requests.ts';
import { COMPLETE_SECTIONS } from './fixtures.ts';
import { startDraft as startDraftIn, textOf, threadReplyEvent, viewSelectPayload, type DraftsSlack, useDraftsSlack } from './slack-harness.ts';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  element?: { initial_value?: string };
  elements?: { action_id?: string; value?: string }[];
}
interface View {
  id?: string;
  callback_id: string;
  private_metadata: string;
  blocks: Block[];
}

const inThread = (ts: string, contains: string) => (c: SlackCall) => c.params.thread_ts === ts && textOf(c).includes(contains);
const buttonsOf = (call: SlackCall) => (call.params.blocks as Block[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const viewOf = (call: SlackCall): View => call.params.view as View;
const inputBlock = (view: View): Block | undefined => view.blocks.find((b) => b.type === 'input');

describe('protocol drafts through the real Bolt app and the fake Slack API', () => {
  const fixture = useDraftsSlack();
  let fake: FakeSlackApi;
  let app: DraftsSlack;
  beforeEach(() => ({ fake, app } = fixture));

  const startDraft = (title: string) => startDraftIn(fake, app, title);

  async function reply(rootTs: string, text: string, expected: string, user = 'U0002'): Promise<SlackCall> {
    await sendEvent(app.target, threadReplyEvent({ text, threadTs: rootTs, user }));
    return fake.waitFor('chat.postMessage', inThread(rootTs, expected));
  }

  it('starts a draft with /coordo protocole: root message in the channel, sections and buttons in its thread', async () => {
    const { rootTs } = await startDraft('Cystite simple');
    const root = fake.callsTo('chat.postMessage').find((c) => c.params.thread_ts === undefined);
    expect(root?.params.channel).toBe('C0001');
    expect(textOf(root!)).toContain('Protocole local en préparation : Cystite simple*');
    const status = await fake.waitFor('chat.postMessage', inThread(rootTs, 'Brouillon de protocole'));
    expect(textOf(status)).toContain('⬜ *7. Patients concernés');
    expect(buttonsOf(status).map((b) => b.action_id)).toEqual([DRAFT_FILL_ACTION, DRAFT_EXPORT_ACTION]);
    const confirm = await fake.waitFor('response_url', (c) => c.responseId === 'start-Cystite simple');
    expect(String(confirm.params.text)).toContain('Brouillon « Cystite simple » ouvert');

    await sendCommand(app.target, { text: 'protocole', responseUrl: fake.responseUrl('empty') });
    const empty = await fake.waitFor('response_url', (c) => c.responseId === 'empty');
    expect(String(empty.params.text)).toMatch(/Donnez un titre/u);
  });

  it('fills sections by plain reply and by mention, edits one, shows the status; other talk stays quiet', async () => {
    const { rootTs } = await startDraft('Entorse');
    const filled = await reply(rootTs, 'patients : Adultes de 18 à 55 ans', 'enregistrée');
    expect(textOf(filled)).toContain('Section « Patients concernés');

    const mention = mentionEvent({ text: '<@UCOORDO> formation : 10 heures par un médecin', threadTs: rootTs, user: 'U0004' });
    await sendEvent(app.target, mention);
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'Formation et expérience des délégués'));

    const edited = await reply(rootTs, 'Critères : Adultes de 18 à 55 ans, exclusion des femmes enceintes', 'mise à jour (version 2)', 'U0005');
    expect(textOf(edited)).toContain('rédigé par Eva Durand');

    await sendEvent(app.target, threadReplyEvent({ text: 'Remarque : on en reparle lundi', threadTs: rootTs }));
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> Qui peut être délégué ?', threadTs: rootTs }));
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'Réponse de la base.'));

    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> état', threadTs: rootTs }));
    const status = await fake.waitFor('chat.postMessage', inThread(rootTs, '3 section(s) remplie(s) sur 14'));
    expect(textOf(status)).toContain('exclusion des femmes enceintes _(rédigé par Eva Durand');
    expect(textOf(status)).toContain('(2 versions)');
    expect(fake.callsTo('chat.postMessage').some((c) => textOf(c).includes('Je ne connais pas de section'))).toBe(false);
    expect(app.seen).toEqual(['Qui peut être délégué ?']);
  });

  it('fills and edits sections through the form, and names what is wrong in the form', async () => {
    const { rootTs, draftId } = await startDraft('Angine');
    await reply(rootTs, 'patients : Enfants de plus de 6 ans', 'enregistrée');

    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, responseUrl: fake.responseUrl('fill'), messageTs: rootTs }));
    const opened = viewOf(await fake.waitFor('views.open'));
    expect(opened.callback_id).toBe(DRAFT_FORM_CALLBACK);
    expect(inputBlock(opened)?.block_id).toBe('draft_text_delegants');

    await sendInteraction(app.target, viewSelectPayload({ actionId: DRAFT_SECTION_SELECT, value: 'patients', view: { id: 'V1', ...opened } }));
    const updated = await fake.waitFor('views.update');
    expect(updated.params.view_id).toBe('V1');
    const patientsForm = viewOf(updated);
    expect(inputBlock(patientsForm)).toMatchObject({ block_id: 'draft_text_patients', element: { initial_value: 'Enfants de plus de 6 ans' } });

    const submit = (value: string) =>
      sendInteraction(
        app.target,
        viewSubmissionPayload({
          callbackId: DRAFT_FORM_CALLBACK,
          privateMetadata: patientsForm.private_metadata,
          userId: 'U0003',
          values: { draft_section: {}, draft_text_patients: { text: { type: 'plain_text_input', value } } },
        }),
      );
    const refused = await submit('Exemple : Mme Durand née le 12/03/1950');
    expect(JSON.parse(refused.body)).toMatchObject({
      response_action: 'errors',
      errors: { draft_text_patients: expect.stringMatching(/n'a pas été enregistré.*date de naissance/su) },
    });
    const accepted = await submit('Enfants de 6 à 12 ans ; exclusion : immunodépression');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toBe('');
    const confirm = await fake.waitFor('chat.postMessage', inThread(rootTs, 'mise à jour (version 2)'));
    expect(textOf(confirm)).toContain('rédigé par Carole Roux');

    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, channelId: 'C0999', responseUrl: fake.responseUrl('elsewhere'), messageTs: rootTs }));
    const elsewhere = await fake.waitFor('response_url', (c) => c.responseId === 'elsewhere');
    expect(String(elsewhere.params.text)).toMatch(/Je ne retrouve pas ce brouillon/u);
  });

  it('warns before export, then exports Markdown and DOCX files into the thread with the declaration checklist', async () => {
    const { rootTs, draftId } = await startDraft('Cystite');
    for (const [id, text] of Object.entries({ ...COMPLETE_SECTIONS, delegues: 'aide-soignante' })) {
      await reply(rootTs, `${id} : ${text}`, `» enregistrée`);
      fake.reset();
    }
    const blocked = await reply(rootTs, 'exporter', 'Je ne peux pas encore exporter');
    expect(textOf(blocked)).toContain('ne peut pas être délégué');
    expect(textOf(blocked)).toContain('Pollakiurie et brûlure mictionnelle');
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);

    await reply(rootTs, 'délégués : infirmier', 'mise à jour (version 2)');
    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_EXPORT_ACTION, value: draftId, responseUrl: fake.responseUrl('export'), messageTs: rootTs }));
    const posted = await fake.waitFor('chat.postMessage', inThread(rootTs, 'Pour la déclaration à l’ARS'));
    expect(textOf(posted)).toContain('numéro FINESS');
    expect(textOf(posted)).toContain('RPPS ou ADELI');
    expect(textOf(posted)).toContain('Points de vigilance');

    const completed = await fake.waitFor('files.completeUploadExternal', () => fake.callsTo('files.completeUploadExternal').length >= 2);
    expect(completed.params).toMatchObject({ channel_id: 'C0001', thread_ts: rootTs });
    expect(fake.callsTo('files.getUploadURLExternal').map((c) => c.params.filename)).toEqual(['protocole-cystite.md', 'protocole-cystite.docx']);
    const uploads = fake.callsTo('files.upload').map((c) => c.params.content as Buffer);
    expect(uploads).toHaveLength(2);
    const markdown = uploads.find((b) => b.toString('utf8').startsWith('# '));
    const docx = uploads.find((b) => b.subarray(0, 2).toString('latin1') === 'PK');
    expect(markdown?.toString('utf8')).toContain('## 3. Profession(s) du ou des délégués\n\ninfirmier');
    // Names from users.info in the files, not Slack ids.
    expect(markdown?.toString('utf8')).toContain('_Brouillon ouvert par Alice Martin le ');
    expect(markdown?.toString('utf8')).toContain('_Texte rédigé par Bruno Petit le ');
    expect(markdown?.toString('utf8')).not.toMatch(/U000\d/u);
    const { value } = await mammoth.extractRawText({ buffer: docx! });
    expect(value).toContain('Protocole local de coopération — Cystite');
    expect(value).toContain('Femmes de 16 à 65 ans avec brûlures mictionnelles.');
    expect(value).toContain('Taux de satisfaction des professionnels');
    expect(value).toContain('Le référent du protocole et le responsable légal de la structure');

    // Nothing changed since: « @Coordo exporter » (through the engine) posts no second copy.
    fake.reset();
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> exporter', threadTs: rootTs }));
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'déjà exporté, rien n’a changé depuis'));
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);

    // After a change, « @Coordo exporter » goes through the adapter's generic reply path, which uploads Reply.files too.
    await reply(rootTs, 'lieu : MSP des Tilleuls, 3 rue des Lilas', 'mise à jour (version 2)');
    fake.reset();
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> exporter', threadTs: rootTs }));
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'Pour la déclaration à l’ARS'));
    await fake.waitFor('files.completeUploadExternal', () => fake.callsTo('files.completeUploadExternal').length >= 2);
    expect(fake.callsTo('files.getUploadURLExternal').map((c) => c.params.filename)).toEqual(['protocole-cystite.md', 'protocole-cystite.docx']);
  });

  it('keeps a draft across a restart and goes on in its thread; drafts in other threads stay apart', async () => {
    const first = await startDraft('Lombalgie');
    const second = await startDraft('Rhinite');
    await reply(first.rootTs, 'patients : Adultes, douleur de moins de 4 semaines', 'enregistrée');

    app = await fixture.restart();

    await reply(first.rootTs, 'formation : 10 heures sur 3 jours', 'Reste à compléter');
    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> état', threadTs: first.rootTs }));
    const status = await fake.waitFor('chat.postMessage', inThread(first.rootTs, 'Brouillon de protocole : Lombalgie'));
    expect(textOf(status)).toContain('Adultes, douleur de moins de 4 semaines _(rédigé par Bruno Petit');
    expect(textOf(status)).toContain('10 heures sur 3 jours');

    await sendEvent(app.target, mentionEvent({ text: '<@UCOORDO> état', threadTs: second.rootTs }));
    const other = await fake.waitFor('chat.postMessage', inThread(second.rootTs, 'Brouillon de protocole : Rhinite'));
    expect(textOf(other)).toContain('1 section(s) remplie(s) sur 14');

    await sendInteraction(app.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: first.draftId, responseUrl: fake.responseUrl('after'), messageTs: first.rootTs }));
    expect(inputBlock(viewOf(await fake.waitFor('views.open')))?.block_id).toBe('draft_text_delegants');
  });
});
