import { clinicalRefusal } from '../../answer/clinical-guard.ts';
import type { Handler } from '../../engine/handler.ts';
import { textReply, type Reply, type ReplyButton } from '../../engine/reply.ts';
import type { Logger } from '../../log/logger.ts';
import { parisDay } from './calendar.ts';
import type { DelegationCatalog } from './catalog.ts';
import type { FormPrefill } from './open-form-button.ts';
import { prefillFromText, shortFields, type DelegationFieldsReader } from './prefill.ts';
import type { Intent } from '../../llm/structured.ts';

export interface IntentSteps extends DelegationFieldsReader {
  detectIntent(text: string, timeoutMs?: number, deadline?: number): Promise<Intent | null>;
}

export interface IntentHandlerOptions {
  steps: IntentSteps;
  catalog: DelegationCatalog;
  logger: Logger;
  /** This step's share of a question's time budget (see llmBudgets); the form pre-fill gets the same share. */
  timeoutMs: number;
  /** The « Faire une demande de délégation » button, where requests can be made (chat platforms). */
  offerRequest?: (prefill: FormPrefill) => ReplyButton;
  now?: () => Date;
}

const DRAFTING =
  'Pour rédiger un protocole local de coopération avec l’équipe, tapez `/coordo protocole <titre du protocole>` ' +
  '(ou mentionnez-moi avec « nouveau protocole <titre> ») : j’ouvre un brouillon dans un fil et je vous guide section par section ' +
  '(« aide » pour la liste des sections, « proposer <section> » pour une proposition de texte à relire, « exporter » à la fin).';

const REQUEST_COMMAND = 'Vous pouvez aussi taper `/coordo demande <actes à déléguer>`, ou utiliser le raccourci « Demande de délégation » sur un message.';

/**
 * With a chat model only, just before the free-text question handler: messages
 * the offline handlers did not take are classified. A delegation request gets
 * the request form (button pre-filled from the message when the model reads
 * it), a protocol to write gets how to start a draft, a clinical question the
 * usual refusal; anything else — or no usable answer — passes to the questions.
 */
export function createIntentHandler(options: IntentHandlerOptions): Handler {
  const { steps, catalog, logger, offerRequest } = options;
  const now = options.now ?? (() => new Date());

  async function delegationReply(text: string, deadline: number | undefined): Promise<Reply> {
    if (!offerRequest) {
      return textReply('workflow', 'Pour demander une délégation d’actes à un collègue (protocole de coopération), utilisez dans Slack `/coordo demande <actes à déléguer>` : un formulaire s’ouvre, à vérifier avant l’envoi.');
    }
    // The intent step already spent up to its share: the pre-fill gets the same share, not the whole timeout.
    const read = await prefillFromText(steps, catalog, text, parisDay(now()), options.timeoutMs, deadline);
    // A button carries only the short fields; the texts are typed in the form (or read from the message by its shortcut).
    const intro = read
      ? 'Pour demander cette délégation d’actes, ouvrez le formulaire ci-dessous : il est pré-rempli d’après votre message, vérifiez chaque champ avant d’envoyer.'
      : 'Pour demander une délégation d’actes (protocole de coopération), ouvrez le formulaire ci-dessous.';
    return textReply('workflow', `${intro}\n\n${REQUEST_COMMAND}`, { buttons: [offerRequest(read ? shortFields(read) : {})] });
  }

  return {
    name: 'intent',
    async handle(message) {
      const intent = await steps.detectIntent(message.text, options.timeoutMs, message.deadline);
      logger.info('llm.intent', { intent: intent ?? 'none' });
      switch (intent) {
        case 'delegation_request':
          return delegationReply(message.text, message.deadline);
        case 'protocol_drafting':
          return textReply('workflow', DRAFTING);
        case 'clinical_question':
          return clinicalRefusal();
        default:
          return null;
      }
    },
  };
}
