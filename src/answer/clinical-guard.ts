import type { Handler } from '../engine/handler.ts';
import { textReply, type Reply } from '../engine/reply.ts';
import { normalizeForMatch } from '../text/french.ts';

/**
 * Questions about a patient's care (doses, diagnosis, choice of treatment)
 * are out of scope: Coordo answers about organisation, not medicine.
 */
const CLINICAL_PATTERNS: readonly RegExp[] = [
  /\b(posologie|dosage|dose|doses|mg|milligrammes?|ml|comprimes?|gelules?|ampoules?)\b/,
  /\b(combien de|quelle quantite de)\b.*\b(prendre|donner|administrer|injecter)\b/,
  /\b(quel|quelle|quels|quelles)\b.*\b(antibiotique|medicament|traitement|molecule|antalgique|anticoagulant)\b.*\b(pour|a|contre)\b.*\b(mon|ma|mes|un|une|ce|cette)\b.*\b(patient|patiente|enfant|malade|bebe)\b/,
  /\b(diagnostic|diagnostiquer)\b.*\b(mon|ma|ce|cette)\b.*\b(patient|patiente|enfant)\b/,
  /\b(what dose|how much)\b.*\b(give|take|prescribe)\b/,
  /\b(dois je|faut il|puis je)\b.*\b(prescrire|augmenter|arreter|diminuer|administrer)\b/,
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
