import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegationFeature } from '../../src/adapters/shared/delegation-feature.ts';
import { loadRegistries } from '../../src/domain/load.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createDelegation } from '../../src/workflows/delegation/create.ts';
import { FakeMattermost, type IntegrationAction } from '../support/fake-mattermost.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../support/delegation-server.ts';
import { COMMAND_TOKEN, startMattermostHarness, type MattermostHarness } from './harness.ts';

const CHANNEL = 'equipechannel';
let h: MattermostHarness;
let alice: string;
let bruno: string;

beforeAll(async () => {
  h = await startMattermostHarness({
    features: [],
    withFeatures: (db) => [delegationFeature(createDelegation({ db, registries: loadRegistries(DEFAULT_KNOWLEDGE_DIR), config: { professionGroups: {} }, logger: createLogger('silent') }))],
  });
  alice = h.fake.user('alice').id;
  bruno = h.fake.user('bruno').id;
});
afterAll(async () => {
  await h.close();
});

type Opened = { url: string; dialog: { callback_id?: string; state?: string; title?: string; elements?: { name: string; type: string; display_name: string; max_length?: number; data_source?: string }[] } };
const lastDialog = (): Opened => h.fake.callsTo('POST /api/v4/actions/dialogs/open').at(-1)!.body as Opened;
const command = (text: string, userId = alice) => h.fake.command(h.commandUrl, { text, userId, channelId: CHANNEL, token: COMMAND_TOKEN });

const valid = (delegue: string) => ({
  delegueUserId: delegue,
  acts: 'Test rapide angine (TROD) et prescription si positif',
  'natures.1': true,
  'natures.2': true,
  protocol: 'odynophagie',
  patients: 'Patients de 6 à 45 ans avec mal de gorge',
  setting: 'msp',
  startDate: '2027-01-15',
});

describe('Mattermost delegation requests (through the router)', () => {
  it('/coordo demande opens a dialog within Mattermost limits (labels ≤ 24, textareas ≤ 3000, a text date, a user picker)', async () => {
    const response = await command('demande');
    expect(response.status).toBe(200);
    const opened = lastDialog();
    expect(opened.url).toBe(`${h.base}/mattermost/dialogs/coreform`);
    const elements = opened.dialog.elements ?? [];
    expect(elements.every((e) => e.display_name.length <= 24)).toBe(true);
    expect(elements.filter((e) => e.type === 'textarea').every((e) => (e.max_length ?? 0) <= 3000)).toBe(true);
    expect(elements.find((e) => e.name === 'startDate')?.type).toBe('text');
    expect(elements.find((e) => e.name === 'delegueUserId')?.data_source).toBe('users');
  });

  it('answers an empty submission with per-field errors, and stores nothing', async () => {
    await command('demande');
    const answer = await h.fake.submitDialog(lastDialog(), { userId: alice, channelId: CHANNEL }, {});
    expect(answer.status).toBe(200);
    const errors = (answer.json?.errors ?? {}) as Record<string, string>;
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['delegueUserId', 'acts', 'patients']));
    expect(h.db.prepare('SELECT count(*) AS n FROM delegation_requests').get()).toEqual({ n: 0 });
  });

  it('creates DEL-YYYY-NNNN from a valid dialog, posts the délégué a signed card; Accepter changes the state and tells the requester by DM; a tampered context is refused', async () => {
    await command('demande');
    const answer = await h.fake.submitDialog(lastDialog(), { userId: alice, channelId: CHANNEL }, valid(bruno));
    expect(answer.json?.errors).toBeUndefined();
    const row = h.db.prepare('SELECT id, state FROM delegation_requests').get() as { id: string; state: string };
    expect(row.id).toMatch(/^DEL-\d{4}-\d{4}$/);
    const brunoDm = h.fake.directChannel(bruno);
    const card = await h.fake.waitForBotPost((p) => p.channel_id === brunoDm && FakeMattermost.actionsOf(p).length > 0, 'délégué card');
    const buttons: IntegrationAction[] = FakeMattermost.actionsOf(card);
    expect(buttons.map((b) => b.name)).toEqual(expect.arrayContaining(['Accepter', 'Refuser']));
    const accept = buttons.find((b) => b.name === 'Accepter')!;

    const forged = { ...accept, integration: { ...accept.integration, context: { ...accept.integration.context, p: { id: 'delegation_transition_withdraw', value: '{}' } } } };
    const refused = await h.fake.clickAction(forged, { userId: bruno, channelId: brunoDm, postId: card.id });
    expect(refused.status).toBe(403);
    expect(h.db.prepare('SELECT state FROM delegation_requests WHERE id = ?').get(row.id)).toEqual({ state: 'submitted' });

    const click = await h.fake.clickAction(accept, { userId: bruno, channelId: brunoDm, postId: card.id });
    expect(click.status).toBe(200);
    expect(h.db.prepare('SELECT state FROM delegation_requests WHERE id = ?').get(row.id)).toEqual({ state: 'accepted' });
    const aliceDm = h.fake.directChannel(alice);
    await h.fake.waitForBotPost((p) => p.channel_id === aliceDm && /accept/i.test(p.message), 'notice to the requester');
    const rows = h.db.prepare('SELECT DISTINCT platform FROM outbox WHERE grp = ?').all(`delegation:${row.id}`);
    expect(rows).toEqual([{ platform: 'mattermost' }]);
  });

  it('/coordo demande DEL-… shows the request with its history (what Slack shows as blocks), to the requester', async () => {
    const { id } = h.db.prepare('SELECT id FROM delegation_requests ORDER BY id LIMIT 1').get() as { id: string };
    const response = await command(`demande ${id}`, alice);
    expect(response.json?.text).toMatch(/Historique/);
  });

  it('/coordo demandes lists the open requests of whoever asks', async () => {
    const response = await command('demandes', bruno);
    expect(response.json?.text).toMatch(/DEL-\d{4}-\d{4}/);
  });
});

