import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/core/effect.ts';
import type { FormSpec } from '../../src/core/form.ts';
import type { Interaction } from '../../src/core/interaction.ts';
import type { CoreFeature } from '../../src/core/router.ts';
import { textReply } from '../../src/engine/reply.ts';
import { startHarness, type Harness } from './harness.ts';
import { blockActionPayload, sendCommand, sendInteraction, viewSubmissionPayload } from '../support/slack-requests.ts';

/**
 * The Slack adapter's side of the core contract, through the real Bolt app and
 * the fake Web API: each interaction reaches the router as a neutral
 * Interaction, and each Effect becomes the Slack call it stands for. A second
 * platform's adapter gets the same suite.
 */
const seen: Interaction[] = [];
const form: FormSpec = {
  id: 'probe_form',
  title: 'Essai',
  submitLabel: 'Envoyer',
  cancelLabel: 'Annuler',
  metadata: '{"k":1}',
  items: [
    { kind: 'note', id: 'probe_note', small: true, text: '_note_' },
    { kind: 'user', id: 'who', label: 'Qui' },
    { kind: 'long_text', id: 'what', label: 'Quoi', live: true, maxLength: 100 },
    { kind: 'select', id: 'pick', label: 'Choix', options: [{ value: 'a', label: 'A' }], initial: 'a' },
    { kind: 'multi_select', id: 'many', label: 'Plusieurs', options: [{ value: 'x', label: 'X' }] },
    { kind: 'date', id: 'when', label: 'Quand', initial: '2026-12-01' },
  ],
};

/** Effects the probe returns, by what was clicked or typed. */
const EFFECTS: Record<string, Effect[]> = {
  reply: [{ kind: 'reply', visibility: 'private', text: 'Réponse privée', card: { title: 'Carte', status: { label: 'État', value: 'ouverte' }, fields: [{ label: 'Champ', value: 'valeur' }], actions: [{ id: 'probe_go', label: 'Go', value: '1', style: 'primary' }] } }],
  open: [{ kind: 'open_form', form, notOpened: { text: 'Pas ouvert', event: 'probe.form_open_failed' } }],
  thread: [{ kind: 'reply', visibility: 'private', text: 'Dans le fil', place: { conversationId: 'C0001', threadId: '9.000001' } }],
  post: [{ kind: 'post', place: { conversationId: 'C0001', threadId: '9.000001' }, reply: { ...textReply('workflow', 'Fichiers'), files: [{ name: 'a.md', mimeType: 'text/markdown', content: Buffer.from('# a') }] } }],
  notice: [{ kind: 'notice', to: { platform: 'slack', userId: 'U0002' }, text: 'Pour vous' }],
};

const probe: CoreFeature = {
  name: 'probe',
  commands: { essai: async (i) => (seen.push(i), EFFECTS[i.args] ?? []) },
  actions: { probe_click: async (i) => (seen.push(i), EFFECTS[i.value] ?? []) },
  formChanges: { probe_form: async (i) => (seen.push(i), [{ kind: 'update_form', form: { ...form, title: 'Mis à jour' } }]) },
  forms: { probe_form: async (i) => (seen.push(i), i.values.what === 'mal' ? [{ kind: 'form_errors', errors: { what: 'Trop court' } }] : [{ kind: 'continue', run: async () => EFFECTS.notice ?? [] }]) },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ features: [{ name: 'probe', core: probe }] });
});
afterAll(async () => {
  await h.close();
});

const last = () => seen.at(-1);

describe('Slack adapter conformance', () => {
  it('a command: a platform-qualified Actor in, a private reply with its card out (response_url, Block Kit)', async () => {
    await sendCommand(h.target, { text: 'essai reply', responseUrl: h.fake.responseUrl('c1'), userId: 'U0001' });
    const told = await h.fake.waitFor('response_url', (c) => c.responseId === 'c1');
    expect(last()).toMatchObject({ kind: 'command', actor: { platform: 'slack', userId: 'U0001' }, command: 'essai', args: 'reply', place: { conversationId: 'C0001' } });
    expect(told.params).toMatchObject({ response_type: 'ephemeral', text: 'Réponse privée' });
    const blocks = JSON.stringify(told.params.blocks);
    expect(blocks).toContain('"type":"header"');
    expect(blocks).toContain('"block_id":"probe_actions"');
    expect(blocks).toContain('"style":"primary"');
  });

  it('a button: open_form becomes views.open of a modal whose block ids are the field ids', async () => {
    await sendInteraction(h.target, blockActionPayload({ actionId: 'probe_click', value: 'open', responseUrl: h.fake.responseUrl('b1'), messageTs: '1.000001' }));
    const opened = await h.fake.waitFor('views.open');
    expect(last()).toMatchObject({ kind: 'action', actionId: 'probe_click', place: { conversationId: 'C0001' } });
    const view = opened.params.view as { callback_id: string; private_metadata: string; blocks: { type: string; block_id?: string; element?: { type: string } }[] };
    expect(view).toMatchObject({ callback_id: 'probe_form', private_metadata: '{"k":1}' });
    expect(view.blocks.map((b) => [b.block_id, b.element?.type ?? b.type])).toEqual([
      ['probe_note', 'context'],
      ['who', 'users_select'],
      ['what', 'plain_text_input'],
      ['pick', 'static_select'],
      ['many', 'checkboxes'],
      ['when', 'datepicker'],
    ]);
  });

  it('a form that cannot open: the actor is told, privately', async () => {
    h.fake.respond('views.open', () => ({ ok: false, error: 'expired_trigger_id' }));
    await sendInteraction(h.target, blockActionPayload({ actionId: 'probe_click', value: 'open', responseUrl: h.fake.responseUrl('b2'), messageTs: '1.000002' }));
    expect((await h.fake.waitFor('response_url', (c) => c.responseId === 'b2')).params).toMatchObject({ response_type: 'ephemeral', text: 'Pas ouvert' });
    h.fake.respond('views.open', () => null);
  });

  it('a live field: form_change with its value and metadata in, views.update of that modal out', async () => {
    const payload = {
      ...blockActionPayload({ actionId: 'probe_field_what', value: 'ab', responseUrl: h.fake.responseUrl('l1') }),
      view: { id: 'VLIVE', hash: 'h1', callback_id: 'probe_form', private_metadata: '{"k":1}', state: { values: {} } },
      actions: [{ type: 'plain_text_input', action_id: 'probe_field_what', block_id: 'what', value: 'ab', action_ts: '1.1' }],
    };
    await sendInteraction(h.target, payload);
    const updated = await h.fake.waitFor('views.update');
    expect(last()).toMatchObject({ kind: 'form_change', formId: 'probe_form', fieldId: 'what', value: 'ab', metadata: '{"k":1}' });
    expect(updated.params).toMatchObject({ view_id: 'VLIVE', hash: 'h1' });
  });

  it('a submission: neutral values in (people qualified), field errors in the acknowledgement, the rest after it', async () => {
    const values = {
      who: { probe_field_who: { type: 'users_select', selected_user: 'U0003' } },
      what: { probe_field_what: { type: 'plain_text_input', value: 'mal' } },
      many: { probe_field_many: { type: 'checkboxes', selected_options: [{ value: 'x' }] } },
      when: { probe_field_when: { type: 'datepicker', selected_date: '2026-12-02' } },
    };
    const refused = await sendInteraction(h.target, viewSubmissionPayload({ callbackId: 'probe_form', values, privateMetadata: '{"k":1}' }));
    expect(JSON.parse(refused.body)).toEqual({ response_action: 'errors', errors: { what: 'Trop court' } });
    expect(last()).toMatchObject({ kind: 'form_submit', values: { who: 'slack:U0003', what: 'mal', many: ['x'], when: '2026-12-02' }, submissionId: 'slack:T0001:V0001' });

    const accepted = await sendInteraction(h.target, viewSubmissionPayload({ callbackId: 'probe_form', values: { ...values, what: { probe_field_what: { type: 'plain_text_input', value: 'bien' } } } }));
    expect(accepted.body).toBe('');
    // `continue` ran after the acknowledgement: its notice is a direct message.
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.params.text === 'Pour vous');
    expect(String(dm.params.channel)).toBe('DU0002');
  });

  it('a private reply in a thread is ephemeral there; a post puts the reply and its files in the thread', async () => {
    await sendInteraction(h.target, blockActionPayload({ actionId: 'probe_click', value: 'thread', responseUrl: h.fake.responseUrl('t1'), messageTs: '1.000003', userId: 'U0004' }));
    expect((await h.fake.waitFor('chat.postEphemeral', (c) => c.params.text === 'Dans le fil')).params).toMatchObject({ channel: 'C0001', user: 'U0004', thread_ts: '9.000001' });
    await sendInteraction(h.target, blockActionPayload({ actionId: 'probe_click', value: 'post', responseUrl: h.fake.responseUrl('t2'), messageTs: '1.000004' }));
    expect((await h.fake.waitFor('chat.postMessage', (c) => String(c.params.text).includes('Fichiers'))).params).toMatchObject({ channel: 'C0001', thread_ts: '9.000001' });
    await h.fake.waitFor('files.completeUploadExternal');
  });

  it('an id of the feature it does not know reaches nothing (no listener of another feature answers it)', async () => {
    const before = seen.length;
    const res = await sendInteraction(h.target, blockActionPayload({ actionId: 'probe_unknown', value: 'reply', responseUrl: h.fake.responseUrl('u1'), messageTs: '1.000005' }));
    expect(res.status).toBe(200);
    expect(seen.length).toBe(before);
  });
});
