import { findPhrase, matchWords } from './phrase-match.ts';
import { NUMBER_PATTERN } from '../text/number-words.ts';

/**
 * What a question says is not so: a condition the patient does not have (« sans fièvre »), a place the asker does
 * not work in (« pas de MSP ni de centre de santé »), a diploma they lack (« je n'ai pas le DIU »). Read member by
 * member of the sentence, a negation reaching a few words on, up to a word that starts what is said on its own.
 */

/** Punctuation between the members of a sentence. */
export const MEMBER_BREAK = /[,;:.!?()\n]+/u;

/**
 * Is the phrase at `start`…`end` of a member negated: by a word a few before it (« pas de fièvre et des
 * brûlures »), or by the one right after it (« fièvre non », « fever: none »)?
 */
function negated(memberWords: readonly string[], start: number, end: number): boolean {
  const after = memberWords[end] ?? '';
  // « fièvre non » ends its member; « trouble psychiatrique non stabilisé » names the condition.
  if (NEGATION_AFTER.has(after) && (after !== 'non' || end === memberWords.length - 1)) return true;
  const following = memberWords.slice(end, end + 5).join(' ');
  // « la reconnaissance MDPH est en cours » is not yet had; « grossesse en cours », « fièvre en cours » are going on.
  if (DENIED_AFTER.test(following) || (PENDING_AFTER.test(following) && memberWords.slice(Math.max(0, start - 2), end).some((word) => GRANTED_THINGS.has(word)))) return true;
  for (let i = start - 1; i >= Math.max(0, start - NEGATION_REACH); i--) {
    const word = memberWords[i] ?? '';
    if (NEGATION.has(word) && !comparesFigure(memberWords, i)) return true;
    if (SCOPE_BREAK.has(word)) return false;
  }
  return false;
}

/** « plus de 2 ans aux urgences », « plus d'un an » compare a figure: no negation. */
function comparesFigure(memberWords: readonly string[], at: number): boolean {
  const [next = '', figure = ''] = memberWords.slice(at + 1, at + 3);
  return memberWords[at] === 'plus' && ['de', 'd', 'que'].includes(next) && FIGURE.test(figure);
}

const FIGURE = new RegExp(String.raw`^(?:${NUMBER_PATTERN})$`);

/** Words after a condition that say it is absent. */
const NEGATION_AFTER: ReadonlySet<string> = new Set(['non', 'absente', 'absent', 'absentes', 'absents', 'none', 'negative', 'negatif']);

/** Participles of being granted or done (« passé », « reconnue », « granted »). */
const GRANTED = String.raw`(?:passee?s?|reconnue?s?|accordee?s?|validee?s?|obtenue?s?|faite?s?|deposee?s?|acceptee?s?|granted|recognised|recognized|accepted|approved|done|obtained)`;

/**
 * A verb right after it that denies it or says it is still to come (« son dossier MDPH n'est pas encore passé », « la
 * reconnaissance MDPH est en cours », « MDPH: not yet », « le dossier MDPH a été refusé ») — not one of a relative
 * clause (« de la fièvre qui n'est pas tombée »), nor of how it is (« sa schizophrénie n'est pas stabilisée »).
 */
const DENIED_AFTER = new RegExp(
  String.raw`^(?:(?:n|ne) (?:est|a|sont|ont|etait|avait|etaient|avaient) (?:pas|jamais|toujours pas)(?: encore)?(?: (?:ete|eu|eue))?(?: ${GRANTED}\b|$)` +
    String.raw`|(?:(?:est|sont|etait|is|are|was|still) )?(?:pas encore|toujours pas|not yet)(?: (?:ete|been))?(?: ${GRANTED}\b|$)` +
    // « son dossier MDPH a été refusé », « the MDPH application was rejected ».
    String.raw`|(?:(?:a ete|ont ete|est|sont|etait|was|were|has been|have been|is|are|got) )?(?:refusee?s?|rejetee?s?|refused|rejected|denied|turned down)\b` +
    String.raw`|(?:is|has|was) not(?: been)? ${GRANTED}\b)`,
);

/** « … est en cours », « en attente », « pending »: still to be had, for what is granted. */
const PENDING_AFTER = /^(?:(?:est|sont|etait|is|are|was|still) )?(?:en cours|en attente|pending)\b/;
/** What is granted or obtained, which « en cours » says is still awaited (« reconnaissance MDPH en cours », « DIU en cours »). */
const GRANTED_THINGS: ReadonlySet<string> = new Set(['mdph', 'reconnaissance', 'dossier', 'demande', 'handicap', 'diu', 'diplome', 'formation', 'inscription', 'agrement', 'autorisation', 'recognition', 'application', 'training', 'diploma']);

/** How many words before a condition a negation still governs it (« n'a pas du tout de fièvre »). */
const NEGATION_REACH = 4;
/** Words that end a negation's reach: what follows them is said on its own (« sans fièvre mais avec des brûlures »). */
const SCOPE_BREAK: ReadonlySet<string> = new Set(['et', 'mais', 'ou', 'avec', 'and', 'but', 'or', 'with']);

/** « plus de fièvre depuis hier », « n'a jamais eu de fièvre », « pas de MSP ni de centre de santé », « hors CPTS ». */
const NEGATION: ReadonlySet<string> = new Set(['sans', 'pas', 'ni', 'aucun', 'aucune', 'jamais', 'plus', 'hors', 'no', 'not', 'never', 'without', 'outside', 'non']);

/** Where the phrases stand in a member's words, each said plainly or negated (one typo allowed unless `fuzzy` is false). */
export function phrasesIn(memberWords: readonly string[], phrases: readonly string[], fuzzy = true): { start: number; end: number; negated: boolean }[] {
  return phrases.flatMap((phrase) => {
    const words = matchWords(phrase);
    return findPhrase(memberWords, words, fuzzy).map((start) => ({ start, end: start + words.length, negated: negated(memberWords, start, start + words.length) }));
  });
}

/**
 * Is the thing named only as lacking or still to come (« je n'ai pas le DIU », « sans formation », « not trained », « je
 * suis inscrite au DIU mais je ne l'aurai qu'en juin », « formation en cours »), never as had?
 */
export function lackedMention(text: string, words: readonly string[]): boolean {
  const found = text.split(MEMBER_BREAK).flatMap((member) => {
    const memberWords = matchWords(member);
    return phrasesIn(memberWords, words).map((mention) => mention.negated || pending(memberWords, mention.start, mention.end));
  });
  return found.length > 0 && found.every(Boolean);
}

/** Words before a diploma or a training that say it is under way (« inscrite au DIU », « en cours de formation », « enrolled in »). */
const UNDER_WAY_BEFORE: ReadonlySet<string> = new Set(['inscrit', 'inscrite', 'inscrits', 'inscrites', 'cours', 'prepare', 'preparer', 'prepares', 'enrolled', 'enroled', 'preparing', 'studying']);
/** Verbs after it that put getting it in the future (« … mais je ne l'aurai qu'en juin », « … which I will finish in June »). */
const TO_COME_AFTER: ReadonlySet<string> = new Set(['aurai', 'obtiendrai', 'validerai', 'finirai', 'terminerai', 'will']);
/** How many words after a diploma or a training a verb still speaks of it. */
const TO_COME_REACH = 6;

/** Words after it that say it was had in the end (« inscrite au DIU l'an dernier, je l'ai obtenu en juin »). */
const HAD_AFTER: ReadonlySet<string> = new Set(['obtenu', 'obtenue', 'valide', 'validee', 'eu', 'eue', 'reussi', 'obtained', 'got', 'completed', 'passed']);

/** Is the diploma or training at `start`…`end` said to be under way (« inscrite au DIU », « DIU d'écho en cours ») or to come? */
function pending(memberWords: readonly string[], start: number, end: number): boolean {
  const before = memberWords.slice(Math.max(0, start - NEGATION_REACH), start);
  const after = memberWords.slice(end, end + TO_COME_REACH);
  if (memberWords.slice(end).some((word) => HAD_AFTER.has(word))) return false;
  const underWay = after.slice(0, 3).some((word, i) => word === 'en' && after[i + 1] === 'cours');
  return underWay || before.some((word) => UNDER_WAY_BEFORE.has(word)) || after.some((word) => TO_COME_AFTER.has(word));
}
