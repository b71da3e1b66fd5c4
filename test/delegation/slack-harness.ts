import crypto from 'node:crypto';
import { ValueSigner } from '../../src/core/signed-value.ts';
import { signingKey } from '../../src/store/secrets.ts';
import { createLogger } from '../../src/log/logger.ts';
import { FORM_ID as FORM_CALLBACK, transitionActionId } from '../../src/workflows/delegation/ids.ts';
import { parisDay } from '../../src/workflows/delegation/calendar.ts';
import type { DelegationAction } from '../../src/workflows/delegation/model.ts';
import type { DelegationFieldsReader } from '../../src/workflows/delegation/prefill.ts';
import { startDelegationServer, type DelegationServer } from '../support/delegation-server.ts';
import type { FakeSlackApi, SlackCall } from '../support/fake-slack-api.ts';
import { blockActionPayload, sendInteraction, viewSubmissionPayload, type SlackResponse, type SlackTarget } from '../support/slack-requests.ts';

export const SIGNING_SECRET = 'delegation-signing-secret';
export const REQUESTER = 'UMED';
export const DELEGUE = 'UIDE1';
export const NURSE = 'UIDE2';
export const OUTSIDER = 'UOTHER';
export const GROUPS = { infirmier: [DELEGUE, NURSE] };
export const CHANNEL = 'CREQUESTS';
/** A Slack user's id as the store holds it (platform-qualified). */
export const stored = (userId: string): string => `slack:${userId}`;

export interface DelegationSlack {
  server: DelegationServer;
  target: SlackTarget;
  logs: string[];
}

export async function startDelegationSlack(
  fake: FakeSlackApi,
  dbFile: string,
  options: { requestsChannel?: string | null; fieldsReader?: DelegationFieldsReader; professionGroups?: Record<string, string[]> } = {},
): Promise<DelegationSlack> {
  const logs: string[] = [];
  const server = await startDelegationServer({
    dbFile,
    apiUrl: fake.apiUrl,
    signingSecret: SIGNING_SECRET,
    requestsChannel: options.requestsChannel === null ? undefined : (options.requestsChannel ?? CHANNEL),
    professionGroups: options.professionGroups ?? GROUPS,
    fieldsReader: options.fieldsReader,
    logger: createLogger('info', (line) => logs.push(line)),
  });
  const target = { url: server.url, signingSecret: SIGNING_SECRET };
  signers.set(target, new ValueSigner(signingKey(server.db)));
  return { server, target, logs };
}

/** The app's signer of card values, by target: a click carries what the card carried. */
const signers = new WeakMap<SlackTarget, ValueSigner>();

export type FormInput = {
  delegueUserId?: string;
  delegueProfessionId?: string;
  acts?: string;
  natures?: string[];
  protocol?: string;
  patients?: string;
  setting?: string;
  startDate?: string;
  comment?: string;
};

export const today = (): string => parisDay(new Date());

export const validForm = (over: FormInput = {}): FormInput => ({
  delegueUserId: DELEGUE,
  delegueProfessionId: 'infirmier',
  acts: 'Test rapide angine (TROD) et prescription si positif',
  natures: ['diagnostique', 'therapeutique'],
  protocol: 'odynophagie',
  patients: 'Patients de 6 à 45 ans avec mal de gorge',
  setting: 'msp',
  startDate: today(),
  ...over,
});

const field = (name: string) => `delegation_field_${name}`;

/** view.state.values as Slack sends them for the request form. */
export function formValues(form: FormInput): Record<string, Record<string, Record<string, unknown>>> {
  const select = (value: string | undefined) => (value === undefined ? null : { value, text: { type: 'plain_text', text: value } });
  return {
    delegueUserId: { [field('delegueUserId')]: { type: 'users_select', selected_user: form.delegueUserId ?? null } },
    delegueProfessionId: { [field('delegueProfessionId')]: { type: 'static_select', selected_option: select(form.delegueProfessionId) } },
    acts: { [field('acts')]: { type: 'plain_text_input', value: form.acts ?? null } },
    natures: { [field('natures')]: { type: 'checkboxes', selected_options: (form.natures ?? []).map(select) } },
    protocol: { [field('protocol')]: { type: 'static_select', selected_option: select(form.protocol) } },
    patients: { [field('patients')]: { type: 'plain_text_input', value: form.patients ?? null } },
    setting: { [field('setting')]: { type: 'static_select', selected_option: select(form.setting) } },
    startDate: { [field('startDate')]: { type: 'datepicker', selected_date: form.startDate ?? null } },
    comment: { [field('comment')]: { type: 'plain_text_input', value: form.comment ?? null } },
  };
}

/** A view_submission payload; reuse `viewId` to simulate a Slack retry or a double click on « Envoyer ». */
export function formSubmission(form: FormInput, options: { viewId?: string; userId?: string } = {}): Record<string, unknown> {
  const payload = viewSubmissionPayload({ callbackId: FORM_CALLBACK, values: formValues(form), userId: options.userId ?? REQUESTER, privateMetadata: '{}' });
  const view = payload.view as Record<string, unknown>;
  return { ...payload, view: { ...view, id: options.viewId ?? `V${crypto.randomBytes(5).toString('hex').toUpperCase()}` } };
}

export function submitForm(target: SlackTarget, form: FormInput, options: { viewId?: string; userId?: string } = {}): Promise<SlackResponse> {
  return sendInteraction(target, formSubmission(form, options));
}

/** The button value a card carries for this request and version. */
export const buttonValue = (id: string, version: number): string => JSON.stringify({ id, v: version });

export function click(
  target: SlackTarget,
  fake: FakeSlackApi,
  input: { action: DelegationAction | string; value: string; userId: string; responseId: string; actionId?: string; /** Sent as is, not as the card signed it. */ raw?: boolean },
): Promise<SlackResponse> {
  const actionId = input.actionId ?? transitionActionId(input.action as DelegationAction);
  const signer = signers.get(target);
  const value = input.raw || !signer ? input.value : signer.sign(actionId, input.value);
  return sendInteraction(
    target,
    blockActionPayload({ actionId, value, userId: input.userId, responseUrl: fake.responseUrl(input.responseId), channelId: CHANNEL, messageTs: '1.000001' }),
  );
}

/** Text of every block of a posted message, for assertions. */
export function blockText(call: SlackCall): string {
  return JSON.stringify(call.params.blocks ?? []);
}
