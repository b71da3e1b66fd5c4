import crypto from 'node:crypto';
import { ValueSigner } from '../../src/core/signed-value.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities, Platform } from '../../src/core/capabilities.ts';
import type { Effect } from '../../src/core/effect.ts';
import { isField, type FormSpec } from '../../src/core/form.ts';
import type { Interaction } from '../../src/core/interaction.ts';
import { Router } from '../../src/core/router.ts';
import { createLogger } from '../../src/log/logger.ts';
import { SqliteOutbox, outboxMigrations } from '../../src/store/outbox.ts';
import { migrate, type Db } from '../../src/store/database.ts';
import { delegationDeliveries } from '../../src/workflows/delegation/deliveries.ts';
import { COMMENT_FORM_ID, FORM_ID, MESSAGE_SHORTCUT, READING_FORM_ID, transitionActionId } from '../../src/workflows/delegation/ids.ts';
import { delegationInteractions } from '../../src/workflows/delegation/interactions.ts';
import { OPEN_FORM_ACTION } from '../../src/workflows/delegation/open-form-button.ts';
import { DelegationService, GUEST_REFUSAL } from '../../src/workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../src/workflows/delegation/sqlite-repository.ts';
import type { DelegationFieldsReader } from '../../src/workflows/delegation/prefill.ts';
import { realCatalog } from './catalog.ts';
import { SLACK_PLATFORM } from '../../src/adapters/slack/markup.ts';
import { MATTERMOST_PLATFORM } from '../../src/adapters/mattermost/markup.ts';
import { openDelegationDb, tempDbFile } from './temp-db.ts';

/**
 * Delegation behaviour at the router: interactions in, Effect[] out, with no
 * platform at all (plain markup, capabilities as a test says).
 */
const REQUESTER = 'alice';
const NURSE = 'bruno';
const OTHER = 'carla';
const GUEST = 'gaston';
const groups = { infirmier: [`cli:${NURSE}`] };
const cli = (user: string) => `cli:${user}`;
const markup = { mention: (u: string) => `@${u}`, channel: (c: string) => `~${c}`, text: (t: string) => t, bold: (t: string) => `**${t}**` };
const FULL: Capabilities = { liveFormUpdate: true, datePicker: true, ephemeralInThread: true, messageShortcut: true };
const platform = (over: Partial<Capabilities> = {}): Platform => ({ capabilities: { ...FULL, ...over }, markup });
const actor = (userId: string) => ({ platform: 'cli' as const, userId });

let db: Db;
let cleanup: () => void;
let router: Router;
let service: DelegationService;
let outbox: SqliteOutbox;
let reader: DelegationFieldsReader | undefined;

function build(): void {
  const repository = new SqliteDelegationRepository(db);
  service = new DelegationService({
    repository,
    groups,
    outbox,
    members: { isFullMember: async (userId) => (userId === cli('unknown') ? null : userId !== cli(GUEST)) },
    catalog: realCatalog(),
    now: () => new Date('2026-11-24T10:00:00Z'),
  });
  router = new Router([
    delegationInteractions({ service, catalog: realCatalog(), professionGroups: groups, logger: createLogger('silent'), fieldsReader: reader, now: () => new Date('2026-11-24T10:00:00Z'), signer }),
  ]);
}

beforeEach(() => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  db = openDelegationDb(temp.file);
  migrate(db, outboxMigrations);
  outbox = new SqliteOutbox(db);
  reader = undefined;
  build();
});
afterEach(() => {
  db.close();
  cleanup();
});

const route = (interaction: Interaction, over: Partial<Capabilities> = {}) => router.route(interaction, platform(over));
const command = (userId: string, word: string, args = '') => route({ kind: 'command', actor: actor(userId), command: word, args, place: {} });
const signer = new ValueSigner(crypto.randomBytes(32));
/** A click on a card button, its value as the core signed it (`signed: false`: as someone sent it). */
const click = (userId: string, actionId: string, value: string, signed = true) =>
  route({ kind: 'action', actor: actor(userId), actionId, value: signed ? signer.sign(actionId, value) : value, place: {} });
const submit = (userId: string, formId: string, values: Record<string, string | string[] | undefined>, metadata = '{}', submissionId = `sub-${Math.random()}`) =>
  route({ kind: 'form_submit', actor: actor(userId), formId, values, metadata, submissionId });

const validValues = (over: Record<string, string | string[] | undefined> = {}) => ({
  delegueUserId: cli(NURSE),
  acts: 'Test rapide angine (TROD) et prescription si positif',
  natures: ['diagnostique', 'therapeutique'],
  protocol: 'odynophagie',
  patients: 'Patients de 6 à 45 ans avec mal de gorge',
  setting: 'msp',
  startDate: '2026-11-24',
  ...over,
});

const formOf = (effects: Effect[]): FormSpec => {
  const open = effects.find((e) => e.kind === 'open_form' || e.kind === 'update_form');
  if (!open || (open.kind !== 'open_form' && open.kind !== 'update_form')) throw new Error(`no form in ${JSON.stringify(effects)}`);
  return open.form;
};
const replyText = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'reply' ? [e.text] : [])).join('\n');

async function created(): Promise<{ id: string; version: number }> {
  expect(await submit(REQUESTER, FORM_ID, validValues())).toEqual([{ kind: 'deliver' }]);
  const { sent } = service.listOpen(cli(REQUESTER));
  const request = sent[0];
  if (!request) throw new Error('no request');
  return { id: request.id, version: request.version };
}

describe('the request form', () => {
  it('opens on /coordo demande, with a live acts field and a date picker', async () => {
    const form = formOf(await command(REQUESTER, 'demande'));
    expect(form.id).toBe(FORM_ID);
    const acts = form.items.find((i) => isField(i) && i.id === 'acts');
    expect(acts).toMatchObject({ kind: 'long_text', live: true });
    expect(form.items.find((i) => isField(i) && i.id === 'startDate')).toMatchObject({ kind: 'date', initial: '2026-11-24' });
  });

  it('falls back where the platform lacks a capability: a text date AAAA-MM-JJ, no live field', async () => {
    const form = formOf(await route({ kind: 'command', actor: actor(REQUESTER), command: 'demande', args: '', place: {} }, { datePicker: false, liveFormUpdate: false }));
    expect(form.items.find((i) => isField(i) && i.id === 'startDate')).toMatchObject({ kind: 'text', placeholder: 'AAAA-MM-JJ', initial: '2026-11-24' });
    expect(form.items.find((i) => isField(i) && i.id === 'acts')).toMatchObject({ kind: 'long_text', live: false });
  });

  it('suggests protocols as the acts are typed', async () => {
    const form = formOf(await route({ kind: 'form_change', actor: actor(REQUESTER), formId: FORM_ID, fieldId: 'acts', value: 'angine TROD', metadata: '{}' }));
    expect(JSON.stringify(form.items)).toContain('Suggérés pour ces actes');
  });

  it('opens pre-filled by the button, ignoring ids the registries do not have', async () => {
    const form = formOf(await click(REQUESTER, OPEN_FORM_ACTION, JSON.stringify({ protocol: 'odynophagie', profession: 'nope' }), false));
    expect(form.items.find((i) => isField(i) && i.id === 'protocol')).toMatchObject({ initial: 'odynophagie' });
    expect(form.items.find((i) => isField(i) && i.id === 'delegueProfessionId')).toMatchObject({ initial: undefined });
  });

  it('with a model: a waiting form, then the pre-filled one where forms update live; the read form at once elsewhere', async () => {
    reader = { extractDelegationFields: async () => ({ delegueProfessionId: 'infirmier', acts: null, natures: [], protocol: null, patients: null, setting: null, startDate: null, comment: null }) };
    build();
    const live = await route({ kind: 'shortcut', actor: actor(REQUESTER), shortcutId: MESSAGE_SHORTCUT, text: 'angine TROD' });
    const opened = live[0];
    if (opened?.kind !== 'open_form' || !opened.refine) throw new Error('waiting form expected');
    expect(opened.form.id).toBe(READING_FORM_ID);
    expect((await opened.refine())?.items.find((i) => isField(i) && i.id === 'delegueProfessionId')).toMatchObject({ initial: 'infirmier' });

    const still = formOf(await command(REQUESTER, 'demande', 'angine TROD').then((e) => e)).id;
    expect(still).toBe(READING_FORM_ID);
    const once = await route({ kind: 'command', actor: actor(REQUESTER), command: 'demande', args: 'angine TROD', place: {} }, { liveFormUpdate: false });
    expect(formOf(once).id).toBe(FORM_ID);
    expect(once[0]).not.toHaveProperty('refine');
  });

  it('answers each invalid field with its own message, and stores nothing', async () => {
    const effects = await submit(REQUESTER, FORM_ID, validValues({ acts: '', protocol: undefined, patients: 'Mme Dupont née le 12/03/1950' }));
    const errors = effects[0]?.kind === 'form_errors' ? effects[0].errors : {};
    expect(Object.keys(errors).sort()).toEqual(['acts', 'patients', 'protocol']);
    expect(service.listOpen(cli(REQUESTER)).sent).toEqual([]);
  });

  it('refuses a guest requester and a guest délégué at submit, whatever the adapter', async () => {
    expect(await submit(GUEST, FORM_ID, validValues())).toEqual([{ kind: 'form_errors', errors: { delegueUserId: GUEST_REFUSAL } }]);
    const named = await submit(REQUESTER, FORM_ID, validValues({ delegueUserId: cli(GUEST) }));
    expect(named[0]?.kind).toBe('form_errors');
    const unknown = await submit('unknown', FORM_ID, validValues());
    expect(unknown[0]?.kind).toBe('form_errors');
    expect(service.listOpen(cli(REQUESTER)).sent).toEqual([]);
  });

  it('creates one request for a retried submission', async () => {
    await submit(REQUESTER, FORM_ID, validValues(), '{}', 'same');
    await submit(REQUESTER, FORM_ID, validValues(), '{}', 'same');
    expect(service.listOpen(cli(REQUESTER)).sent).toHaveLength(1);
  });
});

describe('cards and transitions', () => {
  it('owes a card to the délégué and the confirmation to the requester, rendered with the platform markup', async () => {
    const { id } = await created();
    const rows = outbox.group(`delegation:${id}`);
    expect(rows.map((r) => r.target)).toEqual([
      { kind: 'person', userId: cli(NURSE) },
      { kind: 'person', userId: cli(REQUESTER) },
    ]);
    const plan = delegationDeliveries({ service, catalog: realCatalog(), rowsOf: (g) => outbox.group(g), requestsChannels: {}, signer });
    const nurseCard = plan(rows[0]!, markup);
    expect(nurseCard).toMatchObject({ kind: 'post_card', card: { title: `Demande de délégation ${id}` } });
    if (nurseCard.kind !== 'post_card') return;
    expect(nurseCard.card.actions.map((a) => a.id)).toEqual(['accept', 'decline', 'request_info'].map((a) => transitionActionId(a as 'accept')));
    const confirmation = plan(rows[1]!, markup);
    expect(confirmation).toMatchObject({ kind: 'post_card', lead: expect.stringContaining(`**${id}** est envoyée`) });
    if (confirmation.kind === 'post_card') expect(confirmation.card.actions.map((a) => a.id)).toEqual([transitionActionId('withdraw')]);
  });

  it('accepts on the délégué click (after the platform asked to confirm), once for a double click', async () => {
    const { id, version } = await created();
    const value = JSON.stringify({ id, v: version });
    const first = await click(NURSE, transitionActionId('accept'), value);
    expect(first[0]).toEqual({ kind: 'deliver' });
    expect(replyText(first)).toContain(id);
    const again = await click(NURSE, transitionActionId('accept'), value);
    expect(again.map((e) => e.kind)).toEqual(['reply']);
    expect(service.find(id)?.state).toBe('accepted');
  });

  it('refuses an outsider, a guest, a stale card and a forged value, without a change', async () => {
    const { id, version } = await created();
    const value = JSON.stringify({ id, v: version });
    for (const [userId, val] of [
      [OTHER, value],
      [GUEST, value],
      [NURSE, JSON.stringify({ id, v: version + 5 })],
      [NURSE, '{"id":"x"}'],
    ] as const) {
      const effects = await click(userId, transitionActionId('accept'), val);
      expect(effects.map((e) => e.kind)).toEqual(['reply']);
    }
    expect((await click(NURSE, 'delegation_launch_missiles', value)).map((e) => e.kind)).toEqual(['reply']);
    expect(service.find(id)?.state).toBe('submitted');
  });

  it('refuses, in French, a card value changed after the core signed it, unsigned, or signed for another button', async () => {
    const { id, version } = await created();
    const value = JSON.stringify({ id, v: version });
    const signed = signer.sign(transitionActionId('decline'), value);
    for (const given of [value, signed, signed.replace(String(version), String(version + 1)), `${value}~AAAAAAAAAAAAAAAAAAAAAA`]) {
      const effects = await click(NURSE, transitionActionId('accept'), given, false);
      expect(replyText(effects)).toMatch(/^Ce bouton ne correspond à aucune demande de délégation valide/);
    }
    expect(service.find(id)?.state).toBe('submitted');
    // The card's own buttons carry signed values that the core opens again.
    const rows = outbox.group(`delegation:${id}`);
    const card = delegationDeliveries({ service, catalog: realCatalog(), rowsOf: (g) => outbox.group(g), requestsChannels: {}, signer })(rows[0]!, markup);
    const accept = card.kind === 'post_card' ? card.card.actions.find((a) => a.id === transitionActionId('accept')) : undefined;
    expect(accept?.value).not.toBe(value);
    expect((await click(NURSE, transitionActionId('accept'), accept?.value ?? '', false))[0]).toEqual({ kind: 'deliver' });
  });

  it('asks for a comment before declining; the comment is checked for patient data and guests', async () => {
    const { id, version } = await created();
    const form = formOf(await click(NURSE, transitionActionId('decline'), JSON.stringify({ id, v: version })));
    expect(form.id).toBe(COMMENT_FORM_ID);
    const metadata = form.metadata ?? '';
    const patient = await submit(NURSE, COMMENT_FORM_ID, { comment: 'Pas pour M. Martin, NIR 1 84 12 75 123 456 78' }, metadata);
    expect(patient[0]?.kind).toBe('form_errors');
    expect(await submit(GUEST, COMMENT_FORM_ID, { comment: 'non' }, metadata)).toEqual([{ kind: 'form_errors', errors: { comment: GUEST_REFUSAL } }]);
    expect(await submit(NURSE, COMMENT_FORM_ID, { comment: 'Pas ce mois-ci' }, metadata)).toEqual([{ kind: 'deliver' }]);
    expect(service.find(id)?.state).toBe('declined');
    expect((await submit(NURSE, COMMENT_FORM_ID, { comment: 'x' }, '{"id":"nope"}'))[0]?.kind).toBe('form_errors');
  });
});

describe('commands', () => {
  it('shows one request with its history to its parties only, and lists open requests', async () => {
    const { id } = await created();
    const shown = await command(REQUESTER, 'demande', id.toLowerCase());
    expect(shown[0]).toMatchObject({ kind: 'reply', visibility: 'private', card: { title: `Demande de délégation ${id}` } });
    expect(shown[0]?.kind === 'reply' ? shown[0].sections?.[0] : '').toContain('**Historique**');
    expect(replyText(await command(OTHER, 'demande', id))).toContain('ne vous concerne pas');
    expect(replyText(await command(REQUESTER, 'demande', 'DEL-12'))).toContain('Numéro de demande invalide');
    expect(replyText(await command(NURSE, 'demandes'))).toContain(id);
  });

  it('leaves what no feature takes', async () => {
    expect(await command(REQUESTER, 'inconnu')).toEqual([]);
    expect(await click(REQUESTER, 'drafts_x', '')).toEqual([]);
  });
});

describe.each([
  ['slack', SLACK_PLATFORM],
  ['mattermost', MATTERMOST_PLATFORM],
] as const)('a request from a %s actor', (name, shown) => {
  const person = (userId: string) => ({ platform: name, userId });
  const at = (interaction: Interaction) => router.route(interaction, shown);

  it('opens the form as the platform shows it, answers per field, creates a request held by qualified ids', async () => {
    const form = formOf(await at({ kind: 'command', actor: person(REQUESTER), command: 'demande', args: '', place: {} }));
    expect(form.items.find((i) => isField(i) && i.id === 'startDate')).toMatchObject({ kind: shown.capabilities.datePicker ? 'date' : 'text' });
    const empty = await at({ kind: 'form_submit', actor: person(REQUESTER), formId: FORM_ID, values: {}, metadata: '{}', submissionId: `empty-${name}` });
    expect(empty[0]).toMatchObject({ kind: 'form_errors', errors: { acts: expect.any(String), patients: expect.any(String) } });
    const valid = validValues({ delegueUserId: `${name}:${NURSE}` });
    expect(await at({ kind: 'form_submit', actor: person(REQUESTER), formId: FORM_ID, values: valid, metadata: '{}', submissionId: `ok-${name}` })).toEqual([{ kind: 'deliver' }]);
    const [request] = service.listOpen(`${name}:${REQUESTER}`).sent;
    expect(request).toMatchObject({ delegantUserId: `${name}:${REQUESTER}`, delegueUserId: `${name}:${NURSE}` });
  });
});
