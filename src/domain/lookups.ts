import { normalizeForMatch } from '../text/french.ts';
import { escapeRegExp } from '../text/escape-regexp.ts';
import { memoize, oncePer } from '../text/memo.ts';
import { containsPhrase, findPhrase, longestMatch, matchWords } from './phrase-match.ts';
import { namesOf, type DatedFact, type PracticeForm, type Profession, type Protocol, type Registries } from './registry.ts';
import { createThesaurus } from './thesaurus.ts';

/**
 * A function of the registries and a text, memoised per registries: every handler asks the same of the same question
 * (the protocols, the profession, the form it names), some word by word.
 */
function memoisedPerRegistries<T>(compute: (registries: Registries, text: string) => T): (registries: Registries, text: string) => T {
  const perRegistries = oncePer<Registries, (text: string) => T>();
  return (registries, text) => perRegistries(registries, () => memoize((asked) => compute(registries, asked), TEXTS_KEPT))(text);
}

/** Texts whose readings are kept, per function (a few per question asked). */
const TEXTS_KEPT = 5_000;

function bestNamed<T extends Profession | PracticeForm>(entries: readonly T[], text: string): T | undefined {
  const words = matchWords(text);
  let best: T | undefined;
  let bestLength = 0;
  for (const entry of entries) {
    const length = longestMatch(words, namesOf(entry));
    if (length > bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}

/** The profession named in the text (variants, plurals, one typo), the most specific name winning. */
export const findProfession = memoisedPerRegistries((registries, text): Profession | undefined => {
  const best = bestNamed(registries.professions, text);
  if (!best) return undefined;
  // « a cardiologist as the delegating doctor »: a specialty named beside its profession is the one meant — not one
  // set aside (« un médecin spécialiste et pas un généraliste »).
  const words = matchWords(text);
  const setAside = (name: string) => new RegExp(String.raw`\b(?:pas|non|not|sauf|hors|except)(?: \w+)? ${escapeRegExp(normalizeForMatch(name))}\b`).test(normalizeForMatch(text));
  const specialty = registries.professions.find(
    (profession) => profession.parent === best.id && longestMatch(words, namesOf(profession)) > 0 && !namesOf(profession).some(setAside),
  );
  return specialty ?? best;
});

/** The profession named first in the text (the subject of « elle doit s'inscrire à un Ordre comme les kinés ? »), its longest name winning. */
export function firstProfession(registries: Registries, text: string): Profession | undefined {
  return namedAt(registries, text, 'first');
}

/** The profession named last in the text (what « elle » points back to in « on a 2 MG et une psychologue, elle… »). */
export function lastProfession(registries: Registries, text: string): Profession | undefined {
  return namedAt(registries, text, 'last');
}

/** The first or last profession named, a name inside a longer one (« pharmacie » in « préparateurs en pharmacie ») not counting apart. */
function namedAt(registries: Registries, text: string, which: 'first' | 'last'): Profession | undefined {
  const whole = [...professionSpans(registries, text)];
  whole.sort((a, b) => (which === 'first' ? a.start - b.start : b.start - a.start) || b.end - b.start - (a.end - a.start));
  return whole[0]?.profession;
}

export interface ProfessionSpan {
  profession: Profession;
  start: number;
  end: number;
}

/**
 * The professions named one after the other with only « ou », « et », « or », « and » or a comma between them (« le
 * cardiologue ou l'anesthésiste », « a cardiologist or an anaesthetist »), in order; fewer than two: none.
 */
export function professionsJoined(registries: Registries, text: string): Profession[] {
  const words = matchWords(text);
  const spans = [...professionSpans(registries, text)].sort((a, b) => a.start - b.start);
  const joined = spans.filter((span, i) => {
    const next = spans[i + 1];
    const previous = spans[i - 1];
    const between = (from: ProfessionSpan, to: ProfessionSpan) => {
      const gap = words.slice(from.end, to.start);
      return gap.every((word) => JOINING_WORDS.has(word)) && gap.some((word) => CONJUNCTIONS.has(word));
    };
    return (next !== undefined && between(span, next)) || (previous !== undefined && between(previous, span));
  });
  const distinct = [...new Map(joined.map((span) => [span.profession.id, span.profession])).values()];
  return distinct.length >= 2 ? distinct : [];
}

const CONJUNCTIONS: ReadonlySet<string> = new Set(['ou', 'et', 'or', 'and']);
/** Words between two professions named together. */
const JOINING_WORDS: ReadonlySet<string> = new Set([...CONJUNCTIONS, 'le', 'la', 'l', 'les', 'un', 'une', 'des', 'a', 'an', 'the']);

/** Where professions are named among the text's words, a name inside a longer one not counting apart. */
export const professionSpans = memoisedPerRegistries((registries, text): readonly ProfessionSpan[] => {
  const words = matchWords(text);
  const spans = registries.professions.flatMap((profession) =>
    namesOf(profession).flatMap((name) => {
      const length = matchWords(name).length;
      return findPhrase(words, matchWords(name)).map((start) => ({ profession, start, end: start + length }));
    }),
  );
  return spans.filter((span) => !spans.some((other) => other.end - other.start > span.end - span.start && other.start <= span.start && span.end <= other.end));
});

/** Words by which askers name themselves (« je suis », « nous sommes trois IDE », « I'm a », « en tant que »), normalised. */
const SELF_NAMING: readonly (readonly string[])[] = ['je suis', 'j suis', 'nous sommes', 'on est', 'i m', 'i am', 'im', 'we are', 'we re', 'as a', 'as an', 'as the', 'en tant que', 'comme', 'moi', 'work as', 'working as'].map(
  (phrase) => phrase.split(' '),
);
/** Words that open a message before its first words say anything (« Bonjour ! Kiné libéral… »). */
const OPENING_WORDS = new Set(['bonjour', 'bonsoir', 'salut', 'hello', 'hi', 'hey', 'coucou', 'alors', 'so', 'bon']);
/** Words that make a profession named first someone else than the asker (« mon MG », « une IDE de l'équipe », « the nurse »). */
const SOMEONE_ELSE = new Set(['mon', 'ma', 'mes', 'notre', 'nos', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'my', 'our', 'the', 'a', 'an', 'your', 'votre']);
/** Words allowed between the self-naming words and the profession (« I'm a British GP », « je suis titulaire d'une officine »). */
const MAX_WORDS_BETWEEN = 3;

/**
 * The profession the asker says is theirs: « je suis IDE libérale… », « I'm a British GP… », « Kiné libéral depuis 9
 * ans, … », « Australian physiotherapist, registered… » — not a colleague named later (« … avec 3 MG »).
 */
export function askerProfession(registries: Registries, text: string): Profession | undefined {
  const words = matchWords(text);
  const spans = [...professionSpans(registries, text)].sort((a, b) => a.start - b.start);
  return spans.find(({ start }) => opensMessage(words, start) || afterSelfNaming(words, start))?.profession;
}

function opensMessage(words: readonly string[], start: number): boolean {
  const before = words.slice(0, start).filter((word) => !OPENING_WORDS.has(word));
  return before.length === 0 || (before.length === 1 && !SOMEONE_ELSE.has(before[0] ?? ''));
}

function afterSelfNaming(words: readonly string[], start: number): boolean {
  return SELF_NAMING.some((phrase) =>
    findPhrase(words.slice(0, start), phrase, false).some((at) => start - (at + phrase.length) <= MAX_WORDS_BETWEEN),
  );
}

/** The coordinated-practice form named in the text (acronym, name or variant). */
export const findForm = memoisedPerRegistries((registries, text): PracticeForm | undefined => bestNamed(registries.forms, text));

export function professionById(registries: Registries, id: string): Profession | undefined {
  return registries.professions.find((profession) => profession.id === id);
}

/** The profession and the professions it is a specialty of (cardiologue → medecin). */
function lineage(registries: Registries, id: string): string[] {
  const chain: string[] = [];
  let current: string | undefined = id;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = professionById(registries, current)?.parent;
  }
  return chain;
}

/** The names of a profession and of the professions it is a specialty of (« cardiologue », « médecin », « doctor »). */
export function namesOfLineage(registries: Registries, profession: Profession): string[] {
  return lineage(registries, profession.id).flatMap((id) => {
    const named = professionById(registries, id);
    return named ? namesOf(named) : [];
  });
}

/** True when a protocol naming `listed` applies to `asked`: same profession, or one is a specialty of the other. */
export function professionCovers(registries: Registries, listed: string, asked: string): boolean {
  return lineage(registries, asked).includes(listed) || lineage(registries, listed).includes(asked);
}

/** True when a protocol naming `listed` names `asked` itself or one of its specialties (not only its parent profession). */
export function professionNamed(registries: Registries, listed: string, asked: string): boolean {
  return lineage(registries, listed).includes(asked);
}

/** « mal au », « mal à la », « mal aux » before a body part (normalised text). */
const ACHE_OF = /\bmal (?:au|a la|a l|aux) /g;

/** Protocols whose keywords (lay words and synonyms included) appear in the text, best match first. */
export const matchProtocolsByActs = memoisedPerRegistries((registries, text): readonly Protocol[] => {
  // « mal au dos », « mal à la gorge » say « mal de dos », « mal de gorge »: the complaint named as the keywords name it.
  const complaint = normalizeForMatch(text).replace(ACHE_OF, 'mal de ');
  const variants = [text, complaint, ...createThesaurus(registries).expand(text)].map(matchWords);
  const scored = registries.protocols
    .map((protocol, order) => ({ protocol, order, matched: protocol.keywords.filter((keyword) => variants.some((words) => containsPhrase(words, keyword))) }))
    .filter((entry) => entry.matched.length > 0);
  // « un arrêt de travail pour une entorse » names the sprain protocol by both; the low-back one shares only the act.
  const kept = scored.filter((entry) => !scored.some((other) => other !== entry && saysMore(other.matched, entry.matched)));
  kept.sort((a, b) => b.matched.length - a.matched.length || a.order - b.order);
  return kept.map((entry) => entry.protocol);
});

/** Do these keywords hold every one of those, and more? */
function saysMore(these: readonly string[], those: readonly string[]): boolean {
  const folded = new Set(these.map(normalizeForMatch));
  return these.length > those.length && those.every((keyword) => folded.has(normalizeForMatch(keyword)));
}

/** Dated facts of that aspect whose keywords appear in the text, in registry order. */
export function matchDatedFacts(registries: Registries, text: string, aspect: DatedFact['aspect']): DatedFact[] {
  const words = matchWords(text);
  return registries.dated.filter((fact) => fact.aspect === aspect && fact.keywords.some((keyword) => containsPhrase(words, keyword)));
}

/** Protocols where the profession (or one of its specialties / its parent profession) is délégué. */
export function protocolsForDelegue(registries: Registries, professionId: string): Protocol[] {
  return registries.protocols.filter((protocol) => protocol.delegues.some((id) => professionCovers(registries, id, professionId)));
}

/** Protocols where the profession (or one of its specialties / its parent profession) is délégant. */
export function protocolsForDelegant(registries: Registries, professionId: string): Protocol[] {
  return registries.protocols.filter((protocol) => protocol.delegants.some((id) => professionCovers(registries, id, professionId)));
}

const COOPERATING_CATEGORIES = new Set<Profession['category']>(['medicale', 'pharmacie', 'medecin-ou-pharmacien', 'auxiliaire-medical']);

/**
 * May the profession take part in a protocole de coopération? Art. L4011-1 names
 * the professions médicales, de la pharmacie and the auxiliaires médicaux, for
 * either role; ARS Auvergne-Rhône-Alpes adds a few professions (flag
 * `cooperationAra`). The article makes no difference between délégant and délégué,
 * so neither does this check.
 */
export function canTakePart(registries: Registries, professionId: string): boolean {
  return lineage(registries, professionId).some((id) => {
    const profession = professionById(registries, id);
    return profession !== undefined && (COOPERATING_CATEGORIES.has(profession.category) || profession.cooperationAra);
  });
}
