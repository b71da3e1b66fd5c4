import type { Handler } from '../engine/handler.ts';
import type { Reply } from '../engine/reply.ts';
import { analyseQuestion, askingSentences, type QuestionKind } from '../knowledge/question-analysis.ts';
import { oncePer } from '../text/memo.ts';
import { REGISTRY_FILES } from './load.ts';
import { compose, type Block } from './lookup-answers.ts';
import { professionById, professionCovers } from './lookups.ts';
import { findPhrase, matchWords } from './phrase-match.ts';
import { namesOf, type MinimumMember, type PracticeForm, type ProfessionCategory, type Registries } from './registry.ts';
import { describedTeam, type TeamMember } from './team-composition.ts';

/**
 * « Il nous restera un MG, trois IDE et une kiné. On peut rester MSP ? », « On est 1 généraliste et 2 infirmières : ESP
 * ou MSP ? »: a team the question counts, checked against the minimum members of the practice forms it asks about.
 */
export function createCompositionHandler(registries: Registries): Handler {
  return { name: 'form-composition', handle: async (message) => compositionAnswer(registries, message.text) };
}

/** The words of every practice form's names, read once per registries. */
const formWordsOnce = oncePer<Registries, ReadonlySet<string>>(4);
const formWordsOf = (registries: Registries) => formWordsOnce(registries, () => new Set(registries.forms.flatMap((form) => namesOf(form).flatMap(matchWords))));

/** A requirement of a form against the team: met, not met, or not told (a profession named without its count). */
interface Requirement {
  member: MinimumMember;
  /** How many of the team the question counts for it (at least). */
  have: number;
  met?: boolean;
}

export function compositionAnswer(registries: Registries, text: string): Reply | null {
  if (NOT_WHETHER.has(analyseQuestion(text).kind)) return null;
  // The last sentence that asks (« On hésite entre se déclarer ESP ou MSP, qu'est-ce qui colle à notre équipe ? »).
  const words = matchWords(askingSentences(text).at(-1) ?? text);
  const formWords = formWordsOf(registries);
  const forms = registries.forms.filter((form) => form.composition?.minimum && namesOf(form).some((name) => namedAsBeing(words, name, formWords)));
  if (forms.length === 0) return null;
  const team = describedTeam(registries, text);
  if (!team.some((member) => member.count !== undefined)) return null;
  const checked = forms.map((form) => ({ form, requirements: (form.composition?.minimum ?? []).map((member) => requirement(registries, member, team)) }));
  // A form the question does not tell enough to check (« avec un seul MG » says nothing of the others, « avec les
  // infirmières du bourg » not how many) gets no « Oui »; a member it counts short gets a « Non ».
  const short = (requirements: readonly Requirement[]) => requirements.some((r) => r.met === false);
  if (checked.some(({ requirements }) => requirements.some((r) => r.met === undefined) && !short(requirements))) return null;
  // A team that has every form's minimum is left to the articles: the composition is one condition among others, and a
  // « Oui » on it alone says less than they do.
  if (!checked.some(({ requirements }) => short(requirements))) return null;
  const blocks = checked.map(({ form }) => compositionBlock(form));
  const lines = checked.map(({ form, requirements }) => verdictLine(registries, form, requirements));
  const heading = lines.length === 1 ? (lines[0] ?? '') : `**Composition minimale, pour l'équipe décrite** :\n${lines.map((line) => `- ${line}`).join('\n')}`;
  return { ...compose(heading, blocks, true, OTHER_CONDITIONS), verdict: true };
}

/**
 * Is the form named right after a verb of being or becoming it (« rester MSP », « se déclarer en ESP ou MSP », « be
 * an MSP »)? Between them, only articles and the names of other forms (`formWords`).
 */
function namedAsBeing(words: readonly string[], name: string, formWords: ReadonlySet<string>): boolean {
  return findPhrase(words, matchWords(name), false).some((start) => {
    for (let at = start - 1; at >= Math.max(0, start - BEING_REACH); at--) {
      const word = words[at] ?? '';
      if (BEING.has(word)) return true;
      if (!BETWEEN_VERB_AND_FORM.has(word) && !formWords.has(word)) return false;
    }
    return false;
  });
}

function requirement(registries: Registries, member: MinimumMember, team: readonly TeamMember[]): Requirement {
  const counting = team.filter(({ profession }) =>
    member.profession !== undefined ? professionCovers(registries, member.profession, profession.id) : profession.category === member.category,
  );
  const have = counting.reduce((sum, { count }) => sum + (count ?? 1), 0);
  const untold = counting.length === 0 || counting.some(({ count }) => count === undefined);
  const met = have >= member.count ? true : untold ? undefined : false;
  return { member, have, ...(met !== undefined ? { met } : {}) };
}

/** « **Non**, pour la composition minimale de MSP (…) : l'équipe décrite compte 1 médecin généraliste quand il en faut au moins 2. » */
function verdictLine(registries: Registries, form: PracticeForm, requirements: readonly Requirement[]): string {
  const name = form.acronym ? `${form.acronym} (${form.label.toLowerCase()})` : form.label.toLowerCase();
  const missing = requirements.filter((r) => r.met === false);
  if (missing.length === 0) {
    const counted = requirements.map((r) => `${r.have} ${memberName(registries, r.member, r.have)}`).join(' et ');
    return `**Oui, pour la composition minimale** de ${name} : avec ${counted}, l'équipe décrite l'atteint.`;
  }
  const lacking = missing.map((r) => `${r.have} ${memberName(registries, r.member, r.have)} quand il en faut au moins ${r.member.count}`).join(', et ');
  return `**Non**, pour la composition minimale de ${name} : l'équipe décrite compte ${lacking}.`;
}

function memberName(registries: Registries, member: MinimumMember, count: number): string {
  const profession = member.profession !== undefined ? professionById(registries, member.profession) : undefined;
  const [one, many] = profession ? [profession.label.toLowerCase(), profession.plural] : MEMBER_NAMES[member.category ?? 'non-precisee'];
  return count > 1 ? many : one;
}

function compositionBlock(form: PracticeForm): Block {
  return {
    text: `${form.acronym ?? form.label} : ${form.composition?.text ?? ''}`,
    title: "Registre des formes d'exercice coordonné",
    section: `${form.label} — composition minimale`,
    sources: form.composition?.sources ?? [],
    path: REGISTRY_FILES.forms,
  };
}

const OTHER_CONDITIONS = "La composition n'est qu'une des conditions : le projet de santé et ce que l'ARS vérifie comptent aussi.";

/** Questions that ask what a form is, how many, how to make one or how forms differ, not whether a team is one. */
const NOT_WHETHER: ReadonlySet<QuestionKind> = new Set(['definition', 'number', 'steps', 'comparison']);

/**
 * Verbs of being, staying or becoming a form (normalised): « rester MSP », « se déclarer en ESP ou monter une MSP »,
 * « can we be an MSP », « qualify as an MSP »; not what a form may do (« notre MSP peut-elle signer l'ACI ? »).
 */
const BEING: ReadonlySet<string> = new Set(
  'rester reste restons restera etre sommes devenir devient devenons monter creer constituer former declarer passer faire remain stay become be set form start qualify count'.split(' '),
);
/** Words allowed between that verb and the form's name. */
const BETWEEN_VERB_AND_FORM: ReadonlySet<string> = new Set(['une', 'un', 'en', 'a', 'an', 'as', 'up', 'notre', 'our', 'toujours', 'still', 'encore', 'ou', 'or']);
const BEING_REACH = 4;

const MEMBER_NAMES: Record<ProfessionCategory, readonly [string, string]> = {
  medicale: ['professionnel médical', 'professionnels médicaux'],
  pharmacie: ['professionnel de la pharmacie', 'professionnels de la pharmacie'],
  'auxiliaire-medical': ['auxiliaire médical (paramédical)', 'auxiliaires médicaux (paramédicaux)'],
  'autre-reglementee': ['autre professionnel réglementé', 'autres professionnels réglementés'],
  'non-reglementee': ['professionnel non réglementé', 'professionnels non réglementés'],
  'medecin-ou-pharmacien': ['biologiste', 'biologistes'],
  'non-precisee': ['professionnel de catégorie non précisée', 'professionnels de catégorie non précisée'],
};
