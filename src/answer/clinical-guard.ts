import type { Handler } from '../engine/handler.ts';
import { textReply, type Reply } from '../engine/reply.ts';
import { normalizeForMatch } from '../text/french.ts';
import { anyOf, clinicalSignals, DOSE, type ClinicalSignals } from './clinical-signals.ts';

/**
 * Questions about a patient's care (dose, diagnosis, choice of treatment,
 * what to do) are out of scope: Coordo answers about organisation, not
 * medicine. The decision weighs the signals of clinical-signals.ts: a clinical
 * ask or a dose about clinical content is refused, and so is anything about a
 * specific patient's condition — unless the question is framed by the
 * organisation of care (« le protocole cystite permet-il au pharmacien de
 * délivrer la fosfomycine ? », « qui peut prescrire dans le protocole angine ? »)
 * and names no specific patient.
 */
export function isClinical(s: ClinicalSignals): boolean {
  const content = s.drug || s.condition || s.measure || s.dose;
  // An age makes a question specific but, unlike a weight or a temperature, is also what a protocol's population is
  // checked on (« l'IOA peut-elle demander une radio pour un enfant de 12 ans ? »): with an organisational frame it passes.
  const specific = s.patient || s.measure || s.age;
  const organisational = s.organisation > 0;
  // A dose asked for a drug, or which drug to give, is clinical advice even inside a protocol (« what dose … under the protocol? »).
  if ((s.doseAsked || s.drugChoiceAsked) && s.drug) return true;
  // A dose asked about a described patient is of their drug, named or not (« gamin de 8 ans… et quelle dose ? »).
  if (s.doseAsked && (s.patient || s.age || s.measure)) return true;
  // So is how much care a described patient should get (« combien de séances lui prescrire dans le protocole ? »).
  if (s.careQuantityAsked && (s.patient || s.age)) return true;
  if (specific && content && (s.ask || s.dose || s.condition || s.drug)) return !organisational || (s.measure && s.ask) || s.dose;
  if ((s.ask || s.dose) && (content || specific)) return !organisational;
  if (s.patient && (s.measure || s.age)) return !organisational;
  return false;
}

export function isClinicalQuestion(text: string): boolean {
  return isClinical(clinicalSignals(normalizeForMatch(withDoctorsCounted(text))));
}

/**
 * « On est 2 MG, une IDE et une kiné »: a small count of « MG » in capitals, with no drug after it, counts médecins
 * généralistes, not milligrams (« 10 MG de morphine », « 500 MG », « 5 MG/kg » stay doses).
 */
function withDoctorsCounted(text: string): string {
  return text.replace(/\b(\d{1,2}) MG\b(?!\s*(?:de\b|d['’]|\/|par\b|per\b|x\b))/g, '$1 médecins généralistes');
}

/**
 * A reply that gives a dose or a clinical instruction (« donnez 1 g de
 * paracétamol », « il faut prescrire un antibiotique »): a model reply holding
 * one is never shown.
 */
export function holdsClinicalInstruction(text: string): boolean {
  const normalized = normalizeForMatch(text);
  if (anyOf(DOSE, normalized)) return true;
  const s = clinicalSignals(normalized);
  return (s.drug || s.condition) && INSTRUCTION.test(normalized);
}

/** An order about care: an imperative, or « il faut / vous devez » and a care verb (not « l'infirmier peut prescrire »). */
const INSTRUCTION =
  /\b(?:donnez|administrez|prescrivez|prenez|augmentez|arretez|diminuez|injectez|appliquez|give|take|administer|prescribe|increase)\b|\b(?:il faut|vous devez|on doit|il convient de|you should|you must)(?: lui| le| la| les)? (?:donner|administrer|prescrire|prendre|augmenter|arreter|diminuer|injecter|give|take|prescribe|stop)\b/;

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
