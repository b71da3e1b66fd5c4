import { z } from 'zod';
import type { Platform } from '../../core/capabilities.ts';
import type { FormItem, FormSpec, FormValues } from '../../core/form.ts';
import type { Formatter } from '../../core/markup.ts';
import type { Draft } from './draft.ts';
import type { ModelSection } from './model.ts';
import { PROPOSAL_LABEL } from './replies.ts';
import { MAX_SECTION_TEXT, type DraftService } from './service.ts';

/** The form of one section, the section picker inside it, and « Proposer un texte » (only with a chat model). */
export const DRAFT_FORM_CALLBACK = 'coordo_draft_form';
export const DRAFT_SECTION_SELECT = 'coordo_draft_section';
export const DRAFT_PROPOSE_ACTION = 'coordo_draft_propose';
export const SECTION_FIELD = 'draft_section';
/** The text field's id carries the section id (a new id per section resets the input). */
export const TEXT_FIELD_PREFIX = 'draft_text_';
/**
 * Where an open form cannot change (capability liveFormUpdate): one text field for
 * every section, saved under the section chosen in the picker when sent.
 */
export const ANY_SECTION_TEXT_FIELD = 'draft_text';
const TEXT_INPUT = 'text';
const PROPOSE_BUTTON = 'draft_propose';

/** What the form carries: the draft, its channel, and which input revision the text field shows. */
export const SectionFormMetadataSchema = z.object({ draftId: z.number().int().positive(), channelId: z.string().min(1), input: z.string().optional() });

export const PROPOSAL_NOTE = (fmt: Formatter): string => `${fmt.bold(PROPOSAL_LABEL)} : relisez-la, complétez les passages entre crochets, puis cliquez sur « Enregistrer ».`;
export const PROPOSING_NOTE = '_Rédaction d’une proposition en cours…_';

export interface SectionFormOptions {
  /** Text proposed by the model, put in the input instead of the saved text. */
  proposal?: string;
  /** A line shown above the input. */
  note?: string;
  /** The text input's revision: a new one puts a proposal in; the same one keeps what was typed. */
  input?: string;
}

/** A new input revision, so the platform shows the proposal rather than what was typed. */
export const freshInput = (): string => `${TEXT_INPUT}_${Date.now().toString(36)}`;

export function sectionForm(service: DraftService, draft: Draft, section: ModelSection, canPropose: boolean, platform: Platform, extra: SectionFormOptions = {}): FormSpec {
  const { model } = service;
  const fmt = platform.markup;
  const live = platform.capabilities.liveFormUpdate;
  const snapshot = service.snapshot(draft);
  const filled = new Set(snapshot.sections.keys());
  const current = extra.proposal ?? snapshot.sections.get(section.id)?.revision.text;
  const input = extra.input ?? TEXT_INPUT;
  const items: FormItem[] = [
    { kind: 'note', small: true, text: `Brouillon : ${fmt.bold(draft.title.replace(/[*<>&]/g, ' '))}` },
    {
      kind: 'select',
      live,
      id: SECTION_FIELD,
      inputId: DRAFT_SECTION_SELECT,
      label: 'Section',
      placeholder: 'Choisir une section',
      options: model.sections.map((s, i) => ({ value: s.id, label: `${filled.has(s.id) ? '✅' : '⬜'} ${i + 1}. ${s.label}` })),
      initial: section.id,
    },
    ...(extra.note ? [{ kind: 'note' as const, small: true, text: extra.note }] : []),
    live
      ? { kind: 'long_text', id: `${TEXT_FIELD_PREFIX}${section.id}`, inputId: input, label: section.label, hint: section.help, maxLength: MAX_SECTION_TEXT, initial: current || undefined }
      : { kind: 'long_text', id: ANY_SECTION_TEXT_FIELD, inputId: input, label: 'Texte de la section', hint: 'Le texte de la section choisie ci-dessus.', maxLength: MAX_SECTION_TEXT, initial: current || undefined },
    ...(canPropose ? [{ kind: 'button' as const, id: PROPOSE_BUTTON, actionId: DRAFT_PROPOSE_ACTION, label: 'Proposer un texte', value: section.id }] : []),
  ];
  const metadata = { draftId: draft.id, channelId: draft.key.channelId, ...(extra.input ? { input: extra.input } : {}) };
  return { id: DRAFT_FORM_CALLBACK, title: 'Protocole local', submitLabel: 'Enregistrer', cancelLabel: 'Annuler', metadata: JSON.stringify(metadata), items };
}

const single = (raw: FormValues[string]): string | undefined => (Array.isArray(raw) ? raw[0] : raw);

/**
 * The section the values fill, and its text: the section of the text field shown
 * (forms that change live), else the picker's choice with the one text field
 * ({@link ANY_SECTION_TEXT_FIELD}; sectionId empty when none was chosen).
 */
export function sectionTextOf(values: FormValues, live = true): { fieldId: string; sectionId: string; text: string } | undefined {
  if (!live) return { fieldId: ANY_SECTION_TEXT_FIELD, sectionId: single(values[SECTION_FIELD]) ?? '', text: single(values[ANY_SECTION_TEXT_FIELD]) ?? '' };
  const fieldId = Object.keys(values).find((id) => id.startsWith(TEXT_FIELD_PREFIX));
  if (fieldId === undefined) return undefined;
  return { fieldId, sectionId: fieldId.slice(TEXT_FIELD_PREFIX.length), text: single(values[fieldId]) ?? '' };
}
