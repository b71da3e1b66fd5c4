import { beforeEach, describe, expect, it } from 'vitest';
import { DELETE_ADVICE } from '../../src/core/reply-effect.ts';
import type { FakeSlackApi, SlackCall } from '../support/fake-slack-api.ts';
import { mentionEvent, sendCommand, sendEvent } from '../support/slack-requests.ts';
import { waitUntil } from '../support/wait.ts';
import { COMPLETE_SECTIONS } from './fixtures.ts';
import { startDraft as startDraftIn, textOf, threadReplyEvent, type DraftsSlack, useDraftsSlack } from './slack-harness.ts';

describe('drafts: what users see', () => {
  const fixture = useDraftsSlack();
  let fake: FakeSlackApi;
  let app: DraftsSlack;
  beforeEach(() => ({ fake, app } = fixture));

  const inThread = (ts: string, contains: string) => (c: SlackCall) => c.params.thread_ts === ts && textOf(c).includes(contains);
  /** « @Coordo <text> » in the draft's thread; the first new post there that contains `expected`. */
  async function reply(rootTs: string, text: string, expected: string): Promise<SlackCall> {
    const earlier = new Set(fake.callsTo('chat.postMessage'));
    await sendEvent(app.target, mentionEvent({ text: `<@UCOORDO> ${text}`, threadTs: rootTs, user: 'U0002' }));
    return fake.waitFor('chat.postMessage', (c) => !earlier.has(c) && inThread(rootTs, expected)(c));
  }

  it('names sections by their labels, never by internal ids', async () => {
    const { rootTs } = await startDraftIn(fake, app, 'Cystite simple');
    const unknown = await reply(rootTs, 'posologie : 3 g', 'Je ne connais pas de section');
    const text = textOf(unknown);
    expect(text).toContain('Intitulé du protocole ; Profession(s) du ou des délégants');
    expect(text).not.toMatch(/intitule, delegants/);
    const help = await reply(rootTs, 'aide', 'Sections du protocole');
    expect(textOf(help)).not.toMatch(/\(intitule|\(delegants|\(information-patients/);
  });

  it('clears a section with « effacer <section> » (its versions stay), and abandons the draft with « abandonner »', async () => {
    const { rootTs } = await startDraftIn(fake, app, 'Cystite simple');
    await reply(rootTs, 'formation : 6 heures', 'Section « Formation');
    await reply(rootTs, 'effacer formation', 'effacée');
    const status = await reply(rootTs, 'état', '1 section(s) remplie(s)');
    expect(textOf(status)).toMatch(/⬜ \*\d+\. Formation et expérience des délégués\* : à compléter/);
    const history = await reply(rootTs, 'historique formation', 'Historique de la section');
    expect(textOf(history)).toContain('6 heures');
    await reply(rootTs, 'effacer formation', 'déjà vide');

    await reply(rootTs, 'abandonner', 'abandonné');
    // The thread holds no draft any more: its replies are the team's own conversation again.
    const posts = fake.callsTo('chat.postMessage').length;
    await sendEvent(app.target, threadReplyEvent({ text: 'formation : 8 heures', threadTs: rootTs, user: 'U0002' }));
    await sendCommand(app.target, { text: 'aide', responseUrl: fake.responseUrl('after') });
    await fake.waitFor('response_url', (c) => c.responseId === 'after');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('names the export after the filled « Intitulé »', async () => {
    const { rootTs } = await startDraftIn(fake, app, 'Brouillon du lundi');
    for (const [section, text] of Object.entries(COMPLETE_SECTIONS)) await reply(rootTs, `${section} : ${text}`, 'Section');
    await reply(rootTs, 'intitulé : Cystite simple de la femme', 'Section « Intitulé du protocole » mise à jour');
    await reply(rootTs, 'exporter', 'Voici le brouillon');
    await waitUntil(() => fake.callsTo('files.getUploadURLExternal').length === 2, 'both files uploaded');
    const names = fake.callsTo('files.getUploadURLExternal').map((c) => c.params.filename);
    expect(names).toEqual(['protocole-cystite-simple-de-la-femme.md', 'protocole-cystite-simple-de-la-femme.docx']);
  });

  it('escapes the title in the ephemeral confirmation (&, <, > are Slack markup)', async () => {
    const title = 'Plaies <simples> & sutures';
    await sendCommand(app.target, { text: `protocole ${title}`, responseUrl: fake.responseUrl('escaped') });
    const said = await fake.waitFor('response_url', (c) => c.responseId === 'escaped');
    expect(String(said.params.text)).toContain('« Plaies &lt;simples&gt; &amp; sutures »');
    expect(String(said.params.text)).not.toContain('<simples>');
  });

  it('advises deleting a message whose patient identifier was refused in the channel', async () => {
    const { rootTs } = await startDraftIn(fake, app, 'Cystite simple');
    await sendEvent(app.target, threadReplyEvent({ text: 'patients : Mme Durand, 06 12 34 56 78', threadTs: rootTs, user: 'U0002' }));
    const refused = await fake.waitFor('chat.postMessage', inThread(rootTs, 'supprimez-le'));
    expect(textOf(refused)).toContain(DELETE_ADVICE.slice(0, 40));
    expect(textOf(refused)).toContain("n'a pas été enregistré");
  });
});
