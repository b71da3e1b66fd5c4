import type { Platform } from '../../core/capabilities.ts';
import type { Effect } from '../../core/effect.ts';
import type { FormSpec } from '../../core/form.ts';
import { userOf } from '../../core/ids.ts';
import type { ValueSigner } from '../../core/signed-value.ts';
import type { CoreFeature, Handler } from '../../core/router.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { patientDataProblem } from '../../privacy/patient-data-guard.ts';
import { parisDay } from './calendar.ts';
import { cardText, requestCard } from './card.ts';
import type { DelegationCatalog } from './catalog.ts';
import { MAX_ACTS_CHARS, parseDraft } from './draft-schema.ts';
import { ButtonValueSchema, CommentMetadataSchema, commentForm, readingForm, readRequestForm, requestForm } from './forms.ts';
import { actionOf, COMMENT_FORM_ID, FEATURE, FORM_ID, MESSAGE_SHORTCUT, transitionActionId } from './ids.ts';
import { ACTIONS, type DelegationAction } from './model.ts';
import { OPEN_FORM_ACTION, readPrefill } from './open-form-button.ts';
import { prefillFromText, type DelegationFieldsReader, type FormInitial } from './prefill.ts';
import { doneText, failureText, historyLine, openListText } from './presenter.ts';
import { isRequestId } from './request-id.ts';
import type { DelegationService, TransitionCommand, TransitionOutcome } from './service.ts';
import { commentPolicy, type ProfessionGroups } from './state-machine.ts';
import { parseJson } from '../../text/parse-json.ts';

export interface DelegationInteractionsDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** Config.professionGroups */
  professionGroups: ProfessionGroups;
  logger: Logger;
  /** The optional model step that pre-fills the form from a message (only with a chat model). */
  fieldsReader?: DelegationFieldsReader;
  /** Signs the cards' button values, and checks them back. */
  signer: ValueSigner;
  now?: () => Date;
}

const FORM_NOT_OPENED = "Je n'ai pas pu ouvrir le formulaire de demande de délégation. Réessayez dans un instant.";
const COMMENT_NOT_OPENED = "Je n'ai pas pu ouvrir la fenêtre de commentaire : l'action n'a pas été effectuée. Réessayez dans un instant.";
const INVALID_ID = 'Numéro de demande invalide : le format est DEL-AAAA-NNNN (par exemple DEL-2026-0001).';

const say = (text: string, extra: Partial<Extract<Effect, { kind: 'reply' }>> = {}): Effect => ({ kind: 'reply', visibility: 'private', text, ...extra });

/**
 * Delegation requests, for every platform: `/coordo demande` (form, or one
 * request with its history), `/coordo demandes` (my open requests), the
 * « Faire une demande » button of lookup answers, the message shortcut, the
 * request cards' buttons, the comment form. Rights, states, guests and patient
 * data are checked by the service.
 */
export function delegationInteractions(deps: DelegationInteractionsDeps): CoreFeature {
  const { service, catalog, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => parisDay(now());

  const formFor = (initial: FormInitial, platform: Platform, readByModel = false): FormSpec =>
    requestForm(catalog, { initial, suggestions: initial.acts ? catalog.suggestProtocols(initial.acts) : [], today: today(), readByModel }, platform.markup);

  const openForm = (form: FormSpec, notOpened: string, refine?: () => Promise<FormSpec | null>): Effect => ({
    kind: 'open_form',
    form,
    ...(refine ? { refine } : {}),
    notOpened: { text: notOpened, event: 'delegation.form_open_failed' },
  });

  /** The form pre-filled from what the model read, or the offline pre-fill (the text as acts) when it read nothing usable. */
  async function readForm(text: string, platform: Platform): Promise<FormSpec> {
    const read = deps.fieldsReader ? await prefillFromText(deps.fieldsReader, catalog, text, today()) : null;
    logger.info('delegation.prefill', { source: read ? 'model' : 'offline', fields: read ? Object.keys(read).join(',') : undefined });
    return read ? formFor({ ...read, acts: read.acts ?? text }, platform, true) : formFor({ acts: text }, platform);
  }

  /**
   * The form opened on a message's text. Offline: the text as acts, with the
   * matching protocols suggested. With a model: a waiting form at once, then the
   * pre-filled form (where forms update live; elsewhere the form opens once read).
   */
  async function formOnText(text: string, platform: Platform, notOpened: string): Promise<Effect> {
    if (!deps.fieldsReader) return openForm(formFor({ acts: text }, platform), notOpened);
    if (!platform.capabilities.liveFormUpdate) return openForm(await readForm(text, platform), notOpened);
    return openForm(readingForm(), notOpened, () => readForm(text, platform));
  }

  /** Log a change or its refusal; a change owes messages (cards, notices) to deliver. */
  function report(command: TransitionCommand, outcome: TransitionOutcome): Effect[] {
    if (!outcome.ok) {
      const meta = { user: command.actorUserId, action: command.action, request: outcome.request?.id, reason: outcome.reason };
      if (outcome.reason === 'not_found' || outcome.reason === 'forbidden') logger.warn('delegation.action_refused', meta);
      else logger.info('delegation.action_refused', meta);
      return [];
    }
    if (outcome.replayed) return [];
    logger.info('delegation.transition', {
      request: outcome.request.id,
      action: command.action,
      from: outcome.entry.from ?? undefined,
      to: outcome.entry.to,
      version: outcome.request.version,
    });
    return [{ kind: 'deliver' }];
  }

  const outcomeText = (outcome: TransitionOutcome, action: DelegationAction): string =>
    outcome.ok ? doneText(outcome.request, action, outcome.replayed) : failureText(outcome.reason, outcome.request);

  /** Why this user may not create or answer requests, or null (guests, and everyone when the platform cannot tell, are refused). */
  async function guestRefusal(userId: string): Promise<string | null> {
    const refusal = await service.actorRefusal(userId);
    if (refusal !== null) logger.warn('delegation.guest_refused', { user: userId });
    return refusal;
  }

  const tampered = (userId: string, action: string): Effect[] => {
    logger.warn('delegation.tampered_payload', { user: userId, action });
    return [say(failureText('tampered'))];
  };

  const onButton: Handler<'action'> = async (click, platform) => {
    const action = actionOf(click.actionId);
    const opened = deps.signer.open(click.actionId, click.value);
    const value = ButtonValueSchema.safeParse(opened === null ? undefined : parseJson(opened));
    if (action === undefined || !value.success) return tampered(userOf(click.actor), click.actionId);
    const guest = await guestRefusal(userOf(click.actor));
    if (guest !== null) return [say(guest)];
    const command = { requestId: value.data.id, action, actorUserId: userOf(click.actor), expectedVersion: value.data.v };
    const refused = service.precheck(command);
    if (refused !== null) return [...report(command, refused), say(outcomeText(refused, action))];
    const request = service.find(command.requestId);
    if (request !== undefined && commentPolicy(action) !== 'none') {
      const notOpened = { text: COMMENT_NOT_OPENED, event: 'delegation.comment_form_failed', meta: { request: request.id, action } };
      return [{ kind: 'open_form', form: commentForm(request, action, platform.markup), notOpened }];
    }
    const outcome = service.transition(command);
    return [...report(command, outcome), say(outcomeText(outcome, action))];
  };

  function showRequest(userId: string, id: string, platform: Platform): Effect[] {
    const viewed = service.view(id, userId);
    if (!viewed.ok) {
      if (viewed.reason === 'forbidden') logger.warn('delegation.view_refused', { user: userId, request: id });
      return [
        say(
          viewed.reason === 'not_found'
            ? `Aucune demande ${id}. Vos demandes en cours : \`/coordo demandes\`.`
            : `La demande ${id} ne vous concerne pas : seuls le demandeur et le délégué peuvent la consulter.`,
        ),
      ];
    }
    const fmt = platform.markup;
    const history = viewed.history.map((entry) => `• ${historyLine(entry, fmt)}`).join('\n');
    return [say(cardText(viewed.request, fmt), { card: requestCard(viewed.request, catalog, fmt, deps.signer), sections: [`${fmt.bold('Historique')}\n${history}`] })];
  }

  const demande: Handler<'command'> = async (command, platform) => {
    const id = command.args.toUpperCase();
    if (isRequestId(id)) return showRequest(userOf(command.actor), id, platform);
    if (id.startsWith('DEL-')) return [say(INVALID_ID)];
    return [command.args ? await formOnText(command.args, platform, FORM_NOT_OPENED) : openForm(formFor({}, platform), FORM_NOT_OPENED)];
  };

  const demandes: Handler<'command'> = async (command, platform) => {
    const text = openListText(service.listOpen(userOf(command.actor)), catalog, platform.markup);
    return [say(text, { sections: [text] })];
  };

  const submitRequest: Handler<'form_submit'> = async (form) => {
    const userId = userOf(form.actor);
    const result = parseDraft(readRequestForm(form.values), { delegantUserId: userId, catalog, groups: deps.professionGroups, today: today() });
    if (!result.ok) {
      logger.info('delegation.form_invalid', { user: userId, fields: Object.keys(result.errors).join(',') });
      return [{ kind: 'form_errors', errors: result.errors }];
    }
    const submitted = await service.submit(result.draft, form.submissionId);
    if (!submitted.ok) {
      logger.warn('delegation.parties_refused', { user: userId, fields: Object.keys(submitted.errors).join(',') });
      return [{ kind: 'form_errors', errors: submitted.errors }];
    }
    logger.info(submitted.created ? 'delegation.created' : 'delegation.duplicate_submission', { request: submitted.request.id, user: userId });
    // The cards and the confirmation were written with the request: delivered now, or after a restart.
    return [{ kind: 'deliver' }];
  };

  const submitComment: Handler<'form_submit'> = async (form) => {
    const userId = userOf(form.actor);
    const metadata = CommentMetadataSchema.safeParse(parseJson(form.metadata));
    if (!metadata.success) {
      logger.warn('delegation.tampered_payload', { user: userId, action: COMMENT_FORM_ID });
      return [{ kind: 'form_errors', errors: { comment: failureText('tampered') } }];
    }
    const raw = form.values.comment;
    const comment = Array.isArray(raw) ? raw[0] : raw;
    const refusal = comment === undefined ? null : patientDataProblem(comment, 'store');
    if (refusal !== null) return [{ kind: 'form_errors', errors: { comment: refusal } }];
    const guest = await guestRefusal(userId);
    if (guest !== null) return [{ kind: 'form_errors', errors: { comment: guest } }];
    const { id, v, action } = metadata.data;
    const command = { requestId: id, action, actorUserId: userId, expectedVersion: v, comment };
    const outcome = service.transition(command);
    const errors: Effect[] = outcome.ok ? [] : [{ kind: 'form_errors', errors: { comment: failureText(outcome.reason, outcome.request) } }];
    return [...errors, ...report(command, outcome)];
  };

  return {
    name: FEATURE,
    commands: { demande, demandes },
    help: [
      '`/coordo demande` : demander une délégation d’actes (protocole de coopération) à un collègue ou à une profession',
      '`/coordo demande DEL-AAAA-NNNN` : le détail d’une demande et son historique',
      '`/coordo demandes` : vos demandes en cours, envoyées et reçues',
    ],
    actions: {
      [OPEN_FORM_ACTION]: async (click, platform) => [openForm(formFor(readPrefill(click.value), platform), FORM_NOT_OPENED)],
      ...Object.fromEntries(ACTIONS.map((action) => [transitionActionId(action), onButton])),
    },
    unknownAction: async (click) => tampered(userOf(click.actor), 'unknown'),
    shortcuts: {
      [MESSAGE_SHORTCUT]: async (shortcut, platform) => {
        const text = shortcut.text.slice(0, MAX_ACTS_CHARS).trim();
        const notOpened = `${FORM_NOT_OPENED} Vous pouvez aussi taper \`/coordo demande\`.`;
        try {
          return [text ? await formOnText(text, platform, notOpened) : openForm(formFor({}, platform), notOpened)];
        } catch (error) {
          logger.warn('delegation.form_open_failed', { source: 'shortcut', error: errorName(error) });
          return [say(notOpened)];
        }
      },
    },
    formChanges: {
      // Acts typed in the form: suggest the matching protocols, keeping what was entered.
      [FORM_ID]: async (change, platform) => {
        if (change.fieldId !== 'acts') return [];
        const initial = { ...readPrefill(change.metadata), acts: change.value };
        return [{ kind: 'update_form', form: requestForm(catalog, { initial, suggestions: catalog.suggestProtocols(change.value), today: today() }, platform.markup) }];
      },
    },
    forms: { [FORM_ID]: submitRequest, [COMMENT_FORM_ID]: submitComment },
  };
}
