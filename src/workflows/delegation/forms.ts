import { z } from 'zod';
import type { FormField, FormNote, FormOption, FormSpec, FormValues } from '../../core/form.ts';
import type { Formatter } from '../../core/markup.ts';
import { truncate } from '../../text/truncate.ts';
import type { CatalogProtocol, DelegationCatalog } from './catalog.ts';
import { MAX_ACTS_CHARS, MAX_COMMENT_CHARS, type DelegationField } from './draft-schema.ts';
import { COMMENT_FORM_ID, FORM_ID, READING_FORM_ID } from './ids.ts';
import { ACTIONS, NATURE_LABELS, NATURES, NEW_LOCAL_PROTOCOL, SETTING_LABELS, SETTINGS, type DelegationAction, type DelegationRequest } from './model.ts';
import { isRequestId } from './request-id.ts';
import { shortFields, type FormInitial } from './prefill.ts';
import { commentPolicy } from './state-machine.ts';

/** What a transition button carries: the request and the version the card showed. Never trusted for rights. */
export const ButtonValueSchema = z.object({ id: z.string().refine(isRequestId), v: z.number().int().min(1) });
/** The comment form's metadata: the button's value and the action. */
export const CommentMetadataSchema = ButtonValueSchema.extend({ action: z.enum(ACTIONS) });
export type CommentMetadata = z.infer<typeof CommentMetadataSchema>;

export interface RequestFormState {
  initial: FormInitial;
  suggestions: CatalogProtocol[];
  today: string;
  /** Pre-filled by the model from a message: the user is asked to check every field. */
  readByModel?: boolean;
}

const TITLE = 'Demande de délégation';
const PREFILL_NOTE = '_Formulaire pré-rempli automatiquement d’après le message : vérifiez chaque champ avant d’envoyer._';
/** The note under the acts, kept in place when the suggestions change. */
const SUGGESTIONS_NOTE = 'delegation_suggestions';

/** Entries a team cannot apply as a protocol carry their status first, so truncation never hides it. */
function protocolOptionText(protocol: CatalogProtocol): string {
  if (!protocol.inForce) return `[${protocol.tag}] ${protocol.title}`;
  return protocol.status === 'local' && protocol.team ? `${protocol.title} (${protocol.team})` : protocol.title;
}

function suggestionText(state: RequestFormState, fmt: Formatter): string {
  const { acts } = state.initial;
  if (acts === undefined || acts.trim() === '') return '_Décrivez les actes : les protocoles du registre qui leur correspondent seront suggérés dans la liste « Protocole »._';
  if (state.suggestions.length === 0) return '_Aucun protocole du registre ne correspond à ces actes : choisissez-en un, ou « Nouveau protocole local »._';
  const names = state.suggestions.map((p) => `${fmt.bold(fmt.text(p.title))}${p.inForce ? '' : ` (${fmt.text(p.tag)})`}`);
  return `Protocoles correspondant à ces actes : ${names.join(', ')}`;
}

function protocolGroups(catalog: DelegationCatalog, suggestions: readonly CatalogProtocol[]) {
  const suggested = new Set(suggestions.map((p) => p.id));
  const rest = (keep: (p: CatalogProtocol) => boolean) => catalog.protocols.filter((p) => keep(p) && !suggested.has(p.id));
  const option = (p: CatalogProtocol): FormOption => ({ value: p.id, label: protocolOptionText(p) });
  return [
    { label: 'Suggérés pour ces actes', protocols: [...suggestions] },
    { label: 'Protocoles nationaux', protocols: rest((p) => p.status === 'national') },
    { label: 'Protocoles locaux enregistrés', protocols: rest((p) => p.status === 'local') },
    { label: 'Autres dispositifs (pas des protocoles nationaux)', protocols: rest((p) => !p.inForce) },
  ]
    .filter((group) => group.protocols.length > 0)
    .map((group) => ({ label: group.label, options: group.protocols.map(option) }))
    .concat([{ label: 'Autre', options: [{ value: NEW_LOCAL_PROTOCOL, label: 'Nouveau protocole local (à rédiger)' }] }]);
}

/** The request form. Field ids are the draft's field names, so validation errors land next to their field. */
export function requestForm(catalog: DelegationCatalog, state: RequestFormState, fmt: Formatter): FormSpec {
  const { acts, patients, comment } = state.initial;
  const prefill = shortFields(state.initial);
  const known = (options: readonly FormOption[], value: string | undefined) => options.find((o) => o.value === value)?.value;
  const professions = catalog.professions.map((p) => ({ value: p.id, label: p.label }));
  const groups = protocolGroups(catalog, state.suggestions);
  const settings = SETTINGS.map((s) => ({ value: s, label: SETTING_LABELS[s] }));
  const items: (FormField | FormNote)[] = [
    ...(state.readByModel ? [{ kind: 'note' as const, small: true, text: PREFILL_NOTE }] : []),
    {
      kind: 'user',
      id: 'delegueUserId',
      optional: true,
      label: 'Délégué (membre de l’équipe)',
      hint: 'Un membre de l’équipe, une profession, ou les deux. Avec une profession (même avec un membre nommé), la demande est aussi envoyée à tous les membres de l’équipe de cette profession.',
      placeholder: 'Choisir une personne',
    },
    { kind: 'select', id: 'delegueProfessionId', optional: true, label: 'Profession déléguée', placeholder: 'Choisir une profession', options: professions, initial: known(professions, prefill.profession) },
    {
      kind: 'long_text',
      id: 'acts',
      live: true,
      label: 'Actes à déléguer',
      maxLength: MAX_ACTS_CHARS,
      placeholder: 'Ex. : test rapide angine (TROD) et prescription si positif',
      initial: acts ? acts.slice(0, MAX_ACTS_CHARS) : undefined,
    },
    { kind: 'note', id: SUGGESTIONS_NOTE, small: true, text: suggestionText(state, fmt) },
    {
      kind: 'multi_select',
      id: 'natures',
      label: 'Nature des actes',
      options: NATURES.map((n) => ({ value: n, label: NATURE_LABELS[n] })),
      initial: NATURES.filter((n) => prefill.natures?.includes(n)),
    },
    { kind: 'select', id: 'protocol', label: 'Protocole', placeholder: 'Choisir un protocole', groups, initial: known(groups.flatMap((g) => g.options), prefill.protocol) },
    {
      kind: 'long_text',
      id: 'patients',
      label: 'Patients concernés',
      hint: 'Critères (âge, situation…) : jamais de nom, de date de naissance ni de numéro de sécurité sociale.',
      placeholder: 'Ex. : adultes de 18 à 55 ans',
      initial: patients || undefined,
    },
    { kind: 'select', id: 'setting', label: 'Cadre d’exercice', placeholder: 'Choisir', options: settings, initial: known(settings, prefill.setting) },
    { kind: 'date', id: 'startDate', label: 'Date de début', initial: prefill.startDate ?? state.today },
    { kind: 'long_text', id: 'comment', optional: true, label: 'Commentaire', maxLength: MAX_COMMENT_CHARS, initial: comment || undefined },
  ];
  return { id: FORM_ID, title: TITLE, submitLabel: 'Envoyer', cancelLabel: 'Annuler', metadata: JSON.stringify(prefill), items };
}

/** Shown at once while the model reads the message (a form must open within a few seconds, the model may take longer). */
export function readingForm(): FormSpec {
  return { id: READING_FORM_ID, title: TITLE, cancelLabel: 'Annuler', items: [{ kind: 'note', text: '_Je lis le message pour pré-remplir le formulaire…_' }] };
}

const COMMENT_TITLES: Record<DelegationAction, string> = {
  accept: 'Accepter',
  decline: 'Refuser la demande',
  request_info: 'Demander des précisions',
  answer_info: 'Apporter des précisions',
  withdraw: 'Retirer la demande',
  close: 'Clôturer',
};

export function commentForm(request: DelegationRequest, action: DelegationAction, fmt: Formatter): FormSpec {
  const required = commentPolicy(action) === 'required';
  const metadata: CommentMetadata = { id: request.id, v: request.version, action };
  return {
    id: COMMENT_FORM_ID,
    title: truncate(COMMENT_TITLES[action], 24),
    submitLabel: 'Valider',
    cancelLabel: 'Annuler',
    metadata: JSON.stringify(metadata),
    items: [
      { kind: 'note', text: `Demande ${fmt.bold(request.id)} — ${fmt.text(truncate(request.acts, 200))}` },
      {
        kind: 'long_text',
        id: 'comment',
        optional: !required,
        label: required ? 'Votre message' : 'Motif (facultatif)',
        hint: 'Jamais de donnée permettant d’identifier un patient.',
        maxLength: MAX_COMMENT_CHARS,
      },
    ],
  };
}

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const many = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The submitted request form, field by field, for the draft schema to check (nothing checked yet). */
export function readRequestForm(values: FormValues): Record<DelegationField, unknown> {
  return {
    delegueUserId: one(values.delegueUserId),
    delegueProfessionId: one(values.delegueProfessionId),
    acts: one(values.acts) ?? '',
    natures: many(values.natures),
    protocol: one(values.protocol) ?? '',
    patients: one(values.patients) ?? '',
    setting: one(values.setting),
    startDate: one(values.startDate) ?? '',
    comment: one(values.comment),
  };
}
