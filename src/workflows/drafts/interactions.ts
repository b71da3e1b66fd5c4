import { z } from 'zod';
import type { Platform } from '../../core/capabilities.ts';
import type { Effect, NotOpened } from '../../core/effect.ts';
import type { FormSpec } from '../../core/form.ts';
import type { Actor, Place } from '../../core/interaction.ts';
import type { CoreFeature, Handler } from '../../core/router.ts';
import type { Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { EventDedup } from '../../store/handled-events.ts';
import { parseJson } from '../../text/parse-json.ts';
import { truncate } from '../../text/truncate.ts';
import type { Author, Draft } from './draft.ts';
import type { ModelSection } from './model.ts';
import { DRAFT_EXPORT_ACTION, DRAFT_FILL_ACTION, DRAFT_USE_PROPOSAL_ACTION } from './replies.ts';
import {
  DRAFT_FORM_CALLBACK,
  DRAFT_PROPOSE_ACTION,
  freshInput,
  PROPOSAL_NOTE,
  PROPOSING_NOTE,
  SECTION_FIELD,
  sectionForm,
  SectionFormMetadataSchema,
  sectionTextOf,
  type SectionFormOptions,
} from './section-form.ts';
import { MAX_SECTION_TEXT } from './service.ts';
import type { DraftWorkflow } from './workflow.ts';

export interface DraftInteractionsDeps {
  workflow: DraftWorkflow;
  /** Forms already taken in charge: a form sent twice stores one revision. */
  dedup: () => EventDedup;
  logger: Logger;
}

/** What the « Reprendre dans le formulaire » button carries back (see ProposalValue). */
const ProposalValueSchema = z.object({
  draftId: z.number().int().positive(),
  sectionId: z.string().min(1),
  text: z.string().trim().min(1).max(MAX_SECTION_TEXT),
});

const NOT_FOUND = "Je ne retrouve pas ce brouillon de protocole dans ce canal : rouvrez-le depuis son fil, ou commencez-en un avec `/coordo protocole <titre>`.";
const NO_SECTION = 'Choisissez la section à remplir.';
const NO_TEXT = 'Écrivez le texte de la section.';
const FORM_NOT_OPENED = "Le formulaire n'a pas pu s'ouvrir à cause d'une erreur technique. Réessayez dans un instant.";
const FORM_TOO_LATE = "Le formulaire n'a pas pu s'ouvrir à temps : cliquez à nouveau sur le bouton.";
const FORM_NOT_UPDATED = "Je n'ai pas pu afficher cette section dans le formulaire (erreur technique) : fermez-le, puis rouvrez-le avec « Remplir une section ».";

const say = (text: string, place?: Place): Effect => ({ kind: 'reply', visibility: 'private', text, ...(place ? { place } : {}) });
const threadOf = (draft: Draft) => ({ conversationId: draft.key.channelId, threadId: draft.key.threadId });
const authorOf = (actor: Actor): Author => ({ userId: actor.userId, ...(actor.name ? { userName: actor.name } : {}) });

/**
 * Protocol drafts' buttons and forms, for every platform: « Remplir une
 * section » opens a form per section (pre-filled with the current text, a
 * picker to change section), « Reprendre dans le formulaire » opens it with a
 * proposal, « Proposer un texte » asks the model inside the form (nothing
 * stored), « Exporter » posts the files in the thread. Guests are refused by
 * the workflow.
 */
export function draftInteractions({ workflow, dedup, logger }: DraftInteractionsDeps): CoreFeature {
  const { service } = workflow;
  const { model } = service;
  const formOf = (draft: Draft, section: ModelSection, platform: Platform, extra?: SectionFormOptions): FormSpec =>
    sectionForm(service, draft, section, workflow.canPropose, platform, extra);

  /** The draft a button belongs to: its value is a draft id, accepted only from that draft's conversation. */
  function draftOfButton(actor: Actor, place: Place, value: string): Draft | null {
    const id = Number(value);
    if (!Number.isInteger(id) || id <= 0 || !place.conversationId) return null;
    return service.findInChannel(id, actor.platform, place.conversationId);
  }

  /** The draft named by a form's metadata, still in the conversation the form came from. */
  function draftOfForm(actor: Actor, metadata: string): { draft: Draft; input?: string } | null {
    const parsed = SectionFormMetadataSchema.safeParse(parseJson(metadata));
    if (!parsed.success) return null;
    const draft = service.findInChannel(parsed.data.draftId, actor.platform, parsed.data.channelId);
    return draft ? { draft, ...(parsed.data.input ? { input: parsed.data.input } : {}) } : null;
  }

  /** A section form for a team member (guests are refused); a form the platform will not open is explained. */
  async function openSectionForm(actor: Actor, draft: Draft, form: FormSpec, from: 'button' | 'proposal'): Promise<Effect[]> {
    const refused = await workflow.writeRefusal(actor.platform, actor.userId);
    if (refused) return [say(refused.text)];
    const notOpened: NotOpened = {
      text: FORM_NOT_OPENED,
      expired: FORM_TOO_LATE,
      event: 'drafts.form_open_failed',
      meta: { draftId: draft.id },
      opened: { event: 'drafts.form_opened', meta: { draftId: draft.id, from } },
    };
    return [{ kind: 'open_form', form, notOpened }];
  }

  const fill: Handler<'action'> = async (click, platform) => {
    const draft = draftOfButton(click.actor, click.place, click.value);
    if (!draft) return [say(NOT_FOUND)];
    const first = service.check(service.snapshot(draft)).missing[0] ?? model.sections[0];
    return first ? openSectionForm(click.actor, draft, formOf(draft, first, platform), 'button') : [];
  };

  // « Reprendre dans le formulaire » under a proposal: the section form, pre-filled with it (saved only on « Enregistrer »).
  const useProposal: Handler<'action'> = async (click, platform) => {
    const value = ProposalValueSchema.safeParse(parseJson(click.value));
    const draft = value.success ? draftOfButton(click.actor, click.place, String(value.data.draftId)) : null;
    const section = value.success ? model.byId.get(value.data.sectionId) : undefined;
    if (!value.success || !draft || !section) return [say(NOT_FOUND)];
    return openSectionForm(click.actor, draft, formOf(draft, section, platform, { proposal: value.data.text, note: PROPOSAL_NOTE(platform.markup) }), 'proposal');
  };

  // « Proposer un texte » in the form: the model's text replaces the input, labelled as a proposal; nothing stored.
  const propose: Handler<'action'> = async (click, platform) => {
    const found = click.form ? draftOfForm(click.actor, click.form.metadata) : null;
    const section = model.byId.get(click.value);
    if (!found || !section || !click.form) return [];
    const { draft } = found;
    const refused = await workflow.writeRefusal(click.actor.platform, click.actor.userId);
    if (refused) return [say(refused.text, threadOf(draft))];
    // Same input while waiting (and when nothing comes): what the user typed stays.
    const typed = sectionTextOf(click.form.values, platform.capabilities.liveFormUpdate);
    const keep = found.input ? { input: found.input } : {};
    const refine = async (): Promise<FormSpec> => {
      const text = await workflow.proposal(draft, section, typed?.sectionId === section.id ? typed.text : undefined);
      logger.info('drafts.proposal', { draftId: draft.id, section: section.id, proposed: text !== null });
      return text === null
        ? formOf(draft, section, platform, { ...keep, note: `Aucune proposition disponible pour le moment. Ce que la section doit contenir : ${section.help}` })
        : formOf(draft, section, platform, { proposal: text, note: PROPOSAL_NOTE(platform.markup), input: freshInput() });
    };
    const notUpdated: NotOpened = { text: '', event: 'drafts.proposal_not_shown', level: 'info', meta: { draftId: draft.id } };
    return [{ kind: 'update_form', form: formOf(draft, section, platform, { ...keep, note: PROPOSING_NOTE }), refine, notUpdated }];
  };

  const exportDraft: Handler<'action'> = async (click) => {
    const draft = draftOfButton(click.actor, click.place, click.value);
    if (!draft) return [say(NOT_FOUND)];
    logger.info('drafts.command', { draftId: draft.id, command: 'export', addressed: true });
    let reply: Reply;
    try {
      reply = await workflow.export(draft, { userId: click.actor.userId });
    } catch (error) {
      logger.warn('drafts.export_failed', { draftId: draft.id, error: errorName(error) });
      return [say(workflow.exportFailed().text)];
    }
    // Files that do not get through release the export (« exporter » works again).
    return [{ kind: 'post', place: threadOf(draft), reply, filesFailed: () => workflow.exportFailed(reply).text }];
  };

  const changeSection: Handler<'form_change'> = async (change, platform) => {
    if (change.fieldId !== SECTION_FIELD) return [];
    const found = draftOfForm(change.actor, change.metadata);
    const section = model.byId.get(change.value);
    if (!found || !section) return [];
    const { draft } = found;
    const refused = await workflow.writeRefusal(change.actor.platform, change.actor.userId);
    if (refused) return [say(refused.text, threadOf(draft))];
    const notUpdated: NotOpened = { text: FORM_NOT_UPDATED, event: 'drafts.form_update_failed', meta: { draftId: draft.id }, place: threadOf(draft) };
    return [{ kind: 'update_form', form: formOf(draft, section, platform), notUpdated }];
  };

  const submit: Handler<'form_submit'> = async (form, platform) => {
    const found = draftOfForm(form.actor, form.metadata);
    const text = sectionTextOf(form.values, platform.capabilities.liveFormUpdate);
    const section = text ? model.byId.get(text.sectionId) : undefined;
    if (found && text && !section && !platform.capabilities.liveFormUpdate) {
      // The picker is the section's only say: unchosen, it gets its error, and an empty text its own.
      const empty = text.text.trim() === '' ? { [text.fieldId]: NO_TEXT } : {};
      return [{ kind: 'form_errors', errors: { [SECTION_FIELD]: NO_SECTION, ...empty } }];
    }
    if (!found || !text || !section) return [{ kind: 'form_errors', errors: { [text?.fieldId ?? SECTION_FIELD]: NOT_FOUND } }];
    const { draft } = found;
    // Answered at once, without asking the platform anything (Slack wants it within 3 s): rights were checked when the form
    // opened, and are checked again below, after the answer; a refusal then comes as a message only the user sees.
    const problem = service.sectionTextProblem(section, text.text);
    if (problem) return [{ kind: 'form_errors', errors: { [text.fieldId]: truncate(problem, 2000) } }];
    const save = async (): Promise<Effect[]> => {
      // A form sent again (the platform showed an error, the user clicked once more) stores no second revision.
      if (!dedup().claim(`draft-form:${form.submissionId}`)) {
        logger.info('drafts.form_resubmitted', { draftId: draft.id });
        return [];
      }
      const reply = await workflow.fill(draft, section, text.text, authorOf(form.actor));
      logger.info('drafts.command', { draftId: draft.id, command: 'fill', addressed: true });
      return [{ kind: 'post', place: threadOf(draft), reply }];
    };
    return [{ kind: 'continue', run: save }];
  };

  return {
    name: 'drafts',
    idPrefix: 'coordo_draft_',
    help: ['`/coordo protocole <titre>` : rédiger un protocole local de coopération dans un fil (puis « état », « exporter »)'],
    actions: { [DRAFT_FILL_ACTION]: fill, [DRAFT_USE_PROPOSAL_ACTION]: useProposal, [DRAFT_PROPOSE_ACTION]: propose, [DRAFT_EXPORT_ACTION]: exportDraft },
    formChanges: { [DRAFT_FORM_CALLBACK]: changeSection },
    forms: { [DRAFT_FORM_CALLBACK]: submit },
  };
}
