import type { Handler } from '../engine/handler.ts';
import { textReply, type Reply } from '../engine/reply.ts';
import { normalizeForMatch } from '../text/french.ts';

/**
 * Questions about a patient's care (doses, diagnosis, choice of treatment)
 * are out of scope: Coordo answers about organisation, not medicine. A dose or
 * a prescribing verb alone is not enough (« le dosage des financements »,
 * « puis-je administrer un vaccin en tant que pharmacien ? » are organisation
 * questions): it must come with a drug, a patient or a measured quantity.
 * Patterns apply to accent-folded, lowercase text.
 */
const DRUG = String.raw`(medicaments?|antibiotiques?|antalgiques?|anticoagulants?|antiinflammatoires?|anti inflammatoires?|paracetamol|doliprane|amoxicilline|ibuprofene|aspirine|insuline|morphine|corticoides?|cortisone|molecules?)`;
const PATIENT = String.raw`((mon|ma|mes|ce|cette|un|une|le|la|l) (patient|patiente|enfant|bebe|nourrisson|malade|resident|residente)s?|enfant de \d+)`;
const QUANTITY = String.raw`\d+([.,]\d+)? ?(g|mg|mcg|µg|ml|ui|g kg|mg kg|gouttes|comprimes?|gelules?)`;

const CLINICAL_PATTERNS: readonly RegExp[] = [
  /\bposologies?\b/,
  new RegExp(String.raw`\b${QUANTITY}\b`),
  new RegExp(String.raw`\b(doses?|dosages?|quantite|mg|ml|milligrammes?|gouttes|comprimes?|gelules?)\b.*\b(${DRUG}|${PATIENT})\b`),
  new RegExp(String.raw`\b(quel|quelle|quels|quelles)\b.*\b(${DRUG}|traitement)\b.*\b(pour|a|contre)\b.*\b${PATIENT}\b`),
  new RegExp(String.raw`\b(diagnostic|diagnostiquer)\b.*\b${PATIENT}\b`),
  new RegExp(String.raw`\b(dois je|faut il|puis je|peut on|peux tu)\b.*\b(prescrire|augmenter|arreter|diminuer|administrer|donner|injecter)\b.*\b(${DRUG}|${PATIENT})\b`),
  /\b(what dose|which dose|how much)\b.*\b(give|take|prescribe)\b/,
];

export function isClinicalQuestion(text: string): boolean {
  const normalized = normalizeForMatch(text);
  return CLINICAL_PATTERNS.some((pattern) => pattern.test(normalized));
}

/** The refusal of a clinical question (also used when a model classifies a message as one). */
export function clinicalRefusal(): Reply {
  return textReply(
    'refusal',
    'Je ne donne pas d\'avis clinique (doses, diagnostic, choix d\'un traitement pour un patient). ' +
      'Pour une situation de soin, référez-vous au médecin traitant ou au prescripteur, aux recommandations de la HAS, ' +
      'au RCP du médicament (base de données publique des médicaments) ou, en urgence, au 15. ' +
      'Je peux en revanche vous aider sur l\'organisation : protocoles de coopération, MSP, CPTS, téléexpertise…',
  );
}

export const clinicalGuardHandler: Handler = {
  name: 'clinical-guard',
  async handle(message) {
    return isClinicalQuestion(message.text) ? clinicalRefusal() : null;
  },
};
