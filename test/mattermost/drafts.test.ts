import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftsFeature } from '../../src/adapters/shared/drafts-feature.ts';
import { createDrafts } from '../../src/app/create-drafts.ts';
import { Engine } from '../../src/engine/engine.ts';
import { createLogger } from '../../src/log/logger.ts';
import { GUEST_REFUSAL } from '../../src/workflows/drafts/people.ts';
import { ALREADY_EXPORTED } from '../../src/workflows/drafts/replies.ts';
import { ANY_SECTION_TEXT_FIELD, SECTION_FIELD } from '../../src/workflows/drafts/section-form.ts';
import { testHandler } from '../slack/harness.ts';
import { COMPLETE_SECTIONS, KNOWLEDGE_DIR, registries } from '../drafts/fixtures.ts';
import { FakeMattermost, type FakePost } from '../support/fake-mattermost.ts';
import { COMMAND_TOKEN, startMattermostHarness, type MattermostHarness } from './harness.ts';

const CHANNEL = 'equipechannel';
const TITLE = 'Cystite simple de la femme';
let h: MattermostHarness;
let drafts: ReturnType<typeof createDrafts>;
let alice: string;
let guest: string;
let root: FakePost;

type Opened = { url: string; dialog: { callback_id?: string; state?: string; title?: string; elements?: { name: string; type: string; display_name: string; max_length?: number }[] } };
const lastDialog = (): Opened => h.fake.callsTo('POST /api/v4/actions/dialogs/open').at(-1)!.body as Opened;
const command = (text: string, userId = alice) => h.fake.command(h.commandUrl, { text, userId, channelId: CHANNEL, token: COMMAND_TOKEN });
const inThread = (match: RegExp, after = 0) => h.fake.waitForBotPost((p) => p.root_id === root.id && p.create_at > after && match.test(p.message), `thread post ${match}`);
const reply = (message: string, userId = alice) => h.fake.userPosts({ channelId: CHANNEL, userId, rootId: root.id, message });

beforeAll(async () => {
  const logger = createLogger('silent');
  h = await startMattermostHarness({
    // The engine's draft handler (mentions in a draft thread, « nouveau protocole ») shares the feature's workflow.
    engine: (log) => new Engine([{ name: 'drafts', handle: (m) => drafts.handler.handle(m) }, testHandler([])], log),
    withFeatures: (db) => {
      drafts = createDrafts({ db, config: { knowledgeDir: KNOWLEDGE_DIR }, registries, logger });
      return [draftsFeature({ ...drafts, db, logger })];
    },
  });
  alice = h.fake.addUser({ id: 'alicemartinalicemartinalic', username: 'amartin', first_name: 'Alice', last_name: 'Martin' }).id;
  guest = h.fake.addUser({ id: 'guestguestguestguestguest1', username: 'gaston', roles: 'system_user system_guest' }).id;
});
afterAll(async () => {
  await h.close();
});

describe('Mattermost protocol-drafting threads', () => {
  it('/coordo protocole posts a root message and opens the draft in its thread', async () => {
    const response = await command(`protocole ${TITLE}`);
    expect(response.json).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('ouvert') });
    root = await h.fake.waitForBotPost((p) => p.channel_id === CHANNEL && p.root_id === '' && p.message.includes('Protocole local en préparation'), 'root post');
    expect(root.message).toContain('@amartin');
    const status = await inThread(/Brouillon de protocole local ouvert par Alice Martin/u);
    expect(FakeMattermost.actionsOf(status).map((a) => a.name)).toEqual(expect.arrayContaining(['Remplir une section', 'Exporter']));
    expect(drafts.workflow.service.find({ platform: 'mattermost', channelId: CHANNEL, threadId: root.id })).not.toBeNull();
  });

  it('fills a section from a plain thread reply, and « état » lists it with its author', async () => {
    const asked = reply(`patients : ${COMPLETE_SECTIONS.patients}`);
    await inThread(/enregistrée/u, asked.create_at);
    const status = reply('état');
    const answer = await inThread(/Patients concernés/u, status.create_at);
    expect(answer.message).toMatch(/✅ \*\*\d+\. Patients concernés[^\n]*Alice Martin/u);
  });

  it('the « Remplir une section » dialog: within Mattermost limits, per-field errors when empty, fills the chosen section', async () => {
    const status = h.fake.botPosts((p) => p.root_id === root.id && FakeMattermost.actionsOf(p).length > 0).at(-1)!;
    const fill = FakeMattermost.actionsOf(status).find((a) => a.name === 'Remplir une section')!;
    expect((await h.fake.clickAction(fill, { userId: alice, channelId: CHANNEL, postId: status.id })).status).toBe(200);
    const opened = lastDialog();
    const elements = opened.dialog.elements ?? [];
    expect(elements.map((e) => e.name)).toEqual([SECTION_FIELD, ANY_SECTION_TEXT_FIELD]);
    expect(elements.every((e) => e.display_name.length <= 24)).toBe(true);
    expect(elements.find((e) => e.type === 'textarea')?.max_length).toBe(3000);

    const empty = await h.fake.submitDialog(opened, { userId: alice, channelId: CHANNEL }, {});
    expect(Object.keys((empty.json?.errors ?? {}) as Record<string, string>)).toEqual([SECTION_FIELD, ANY_SECTION_TEXT_FIELD]);

    const before = Date.now();
    const sent = await h.fake.submitDialog(opened, { userId: alice, channelId: CHANNEL }, { [SECTION_FIELD]: 'formation', [ANY_SECTION_TEXT_FIELD]: COMPLETE_SECTIONS.formation });
    expect(sent.json?.errors).toBeUndefined();
    await inThread(/Formation[^\n]*enregistrée|enregistrée[^\n]*[Ff]ormation/u, before - 1);
    const draft = drafts.workflow.service.find({ platform: 'mattermost', channelId: CHANNEL, threadId: root.id })!;
    expect(drafts.workflow.service.snapshot(draft).sections.get('formation')?.revision.author.userId).toBe(alice);
  });

  it('refuses a guest’s fill (a thread reply, and the button), in a message only they see; nothing stored', async () => {
    reply(`lieu : Maison de santé des Tilleuls`, guest);
    await h.fake.waitUntil(() => h.fake.ephemerals.find((e) => e.userId === guest && e.rootId === root.id), 'guest refusal');
    expect(h.fake.ephemerals.find((e) => e.userId === guest)?.message).toContain(GUEST_REFUSAL.slice(0, 40));
    const status = h.fake.botPosts((p) => p.root_id === root.id && FakeMattermost.actionsOf(p).length > 0).at(-1)!;
    const fill = FakeMattermost.actionsOf(status).find((a) => a.name === 'Remplir une section')!;
    const click = await h.fake.clickAction(fill, { userId: guest, channelId: CHANNEL, postId: status.id });
    expect(click.json?.ephemeral_text).toContain(GUEST_REFUSAL.slice(0, 40));
    const draft = drafts.workflow.service.find({ platform: 'mattermost', channelId: CHANNEL, threadId: root.id })!;
    expect(drafts.workflow.service.snapshot(draft).sections.has('lieu')).toBe(false);
  });

  it('« exporter » posts the Markdown and DOCX files in the thread with the ARS checklist, once per version', async () => {
    const draft = drafts.workflow.service.find({ platform: 'mattermost', channelId: CHANNEL, threadId: root.id })!;
    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) {
      const section = drafts.workflow.service.model.byId.get(id);
      if (section && !drafts.workflow.service.snapshot(draft).sections.has(id)) drafts.workflow.service.fill(draft, section, text, { userId: alice });
    }
    const asked = reply('exporter');
    const exported = await h.fake.waitForBotPost((p) => p.root_id === root.id && p.create_at > asked.create_at && (p.file_ids?.length ?? 0) > 0, 'export post');
    expect(exported.message).toMatch(/FINESS/u);
    const files = exported.file_ids!.map((id) => h.fake.files.get(id)!);
    expect(files.map((f) => f.name.split('.').at(-1))).toEqual(['md', 'docx']);
    expect(files.every((f) => f.channelId === CHANNEL)).toBe(true);
    expect(h.fake.callsTo('POST /api/v4/files').at(-1)?.query.get('channel_id')).toBe(CHANNEL);
    expect(files[0]!.content.toString('utf8')).toContain('Cystite');
    expect(files[1]!.content.subarray(0, 2).toString('latin1')).toBe('PK');

    const again = reply('exporter');
    await inThread(new RegExp(ALREADY_EXPORTED.slice(0, 30), 'u'), again.create_at);
    expect(h.fake.callsTo('POST /api/v4/files')).toHaveLength(1);
  });

  it('a channel the bot may not post in: told how to add it, no draft; an empty title is named', async () => {
    h.fake.failNext('POST /api/v4/posts', 403);
    const refused = await command('protocole Vaccination antigrippale');
    expect(refused.json?.text).toMatch(/ajoutez-moi au canal/u);
    const untitled = await command('protocole');
    expect(untitled.json).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/titre/iu) });
    expect(h.fake.botPosts((p) => p.message.includes('Vaccination'))).toEqual([]);
  });

  it('« @coordo nouveau protocole <titre> » opens a draft in the mention’s thread', async () => {
    const mention = h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: '@coordo nouveau protocole Plaies simples' });
    await h.fake.waitForBotPost((p) => p.root_id === mention.id && /Brouillon de protocole local ouvert/u.test(p.message), 'draft opened by a mention');
    expect(drafts.workflow.service.find({ platform: 'mattermost', channelId: CHANNEL, threadId: mention.id })?.title).toBe('Plaies simples');
  });
});
