import type { Expansion, QueryExpander } from '../knowledge/query-expander.ts';
import { normalizeForMatch } from '../text/french.ts';
import { memoize, oncePer } from '../text/memo.ts';
import { blankPhrases, containsPhrase, longestMatch, matchWords } from './phrase-match.ts';
import { namesOf, type Registries } from './registry.ts';

/**
 * Groups of equivalent phrases built from the registries: each synonyms group,
 * and each glossary term with its expansion and variants.
 */
export function equivalenceGroups(registries: Registries): string[][] {
  const groups = registries.synonyms.map((group) => [...group]);
  for (const entry of registries.glossary) {
    const group = [entry.term, ...(entry.expansion ? [entry.expansion] : []), ...entry.variants];
    if (group.length > 1) groups.push(group);
  }
  return groups;
}

/**
 * Acronyms that are also everyday words once lowercased ("has", "ami", "clic"…):
 * they trigger an expansion only when written in capitals.
 */
const WORD_LIKE_ACRONYMS: ReadonlySet<string> = new Set(['HAS', 'AMI', 'CLIC', 'ZIP', 'HAD', 'ROR', 'ZAC']);

export function isWordLikeAcronym(term: string): boolean {
  return WORD_LIKE_ACRONYMS.has(term);
}

function triggers(text: string, words: ReturnType<typeof matchWords>, initials: ReadonlySet<string>, phrase: string): boolean {
  if (isWordLikeAcronym(phrase)) return new RegExp(`(?<![\\p{L}])${phrase}(?![\\p{L}])`, 'u').test(text);
  // A phrase's first word meets a word of the text that starts with its letter (a typo keeps the first letter too).
  return initials.has(matchWords(phrase)[0]?.[0] ?? '') && containsPhrase(words, phrase);
}

/** Does the phrase hold the other in more words (« multi-professional health centre » and « health centre »; not « centres de santé » and « centre de santé »)? */
function longerHolding(phrase: string, other: string): boolean {
  return matchWords(phrase).length > matchWords(other).length && containsPhrase(matchWords(phrase), other, false);
}

const built = oncePer<Registries, QueryExpander>();
/** Texts whose expansions and subjects are kept (questions, their clauses, sections' headings). */
const EXPANSION_CACHE_SIZE = 5_000;

/** Query expansion from the registries (acronyms ↔ expansions, lay words ↔ technical words, English ↔ French), built once per registries. */
export function createThesaurus(registries: Registries): QueryExpander {
  return built(registries, () => buildThesaurus(registries));
}

function buildThesaurus(registries: Registries): QueryExpander {
  const groups = equivalenceGroups(registries);
  // Asked of the same text by several readers of one question (retrieval, coverage, the act check): computed once.
  const expansions = memoize((text: string): Expansion[] => {
    const words = matchWords(text);
    const initials = new Set(words.map((word) => word[0] ?? ''));
    const found: Expansion[] = [];
    for (const group of groups) {
      const present = group.filter((phrase) => triggers(text, words, initials, phrase));
      if (present.length === 0) continue;
      // Only what the query says exactly is left out: « salaried » is near « salariés », whose terms it lacks.
      const equivalents = group.filter((phrase) => !containsPhrase(words, phrase, false));
      // The phrases the query said are those no longer one present holds (« maison de santé » rather than « santé »);
      // several may be (« embaucher des salariés »: « embaucher », « salarier »), each with the group's equivalents.
      const said = present.filter((phrase) => !present.some((other) => longerHolding(other, phrase)));
      if (equivalents.length > 0) for (const trigger of said) found.push({ trigger, equivalents });
    }
    // Longest match wins across groups too: « multi-professional health centre » is not also a « health centre ».
    return found.filter(({ trigger }) => !found.some((other) => longerHolding(other.trigger, trigger)));
  }, EXPANSION_CACHE_SIZE);
  return {
    expansions,
    subjects: memoize((text: string) => namedSubjects(registries, text), EXPANSION_CACHE_SIZE),
    expand(text: string): string[] {
      const extra = new Map<string, string>();
      for (const { equivalents } of expansions(text)) {
        for (const phrase of equivalents) if (!extra.has(normalizeForMatch(phrase))) extra.set(normalizeForMatch(phrase), phrase);
      }
      return [...extra.values()];
    },
  };
}

/** The protocols whose keywords the text uses and the practice forms it names, as `protocol:<id>` / `form:<id>`. */
function namedSubjects(registries: Registries, text: string): string[] {
  const words = matchWords(text);
  // « manip radio » names who, not the « radio » of a protocol — unless the keyword is that name (« IOA »).
  const withoutWho = withoutProfessions(registries, words);
  const protocols = registries.protocols.filter((p) =>
    p.keywords.some((keyword) => containsPhrase(isProfessionName(registries, keyword) ? words : withoutWho, keyword, false)),
  );
  const forms = registries.forms.filter((form) => longestMatch(words, namesOf(form), false) > 0);
  return [...protocols.map((p) => `protocol:${p.id}`), ...forms.map((f) => `form:${f.id}`)];
}

/** The professions' names, as words and as normalised phrases (computed once per registries). */
interface ProfessionNames {
  words: readonly (readonly string[])[];
  phrases: ReadonlySet<string>;
}

const namesByRegistries = oncePer<Registries, ProfessionNames>();

function professionNames(registries: Registries): ProfessionNames {
  return namesByRegistries(registries, () => {
    const names = registries.professions.flatMap((profession) => namesOf(profession));
    return { words: names.map((name) => matchWords(name)), phrases: new Set(names.map((name) => normalizeForMatch(name))) };
  });
}

function isProfessionName(registries: Registries, phrase: string): boolean {
  return professionNames(registries).phrases.has(normalizeForMatch(phrase));
}

/** The words without the professions' names. */
function withoutProfessions(registries: Registries, words: readonly string[]): string[] {
  return blankPhrases(words, professionNames(registries).words, false);
}
