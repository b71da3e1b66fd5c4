import { NUMBER_WORD_VALUES } from '../text/number-words.ts';
import { matchWords } from './phrase-match.ts';
import { askerProfession, professionCovers, professionSpans } from './lookups.ts';
import type { Profession, Registries } from './registry.ts';

/** A profession of the team a question describes, and how many of it, when the question says (« 2 IDE », « un seul MG »). */
export interface TeamMember {
  profession: Profession;
  count?: number;
}

/**
 * The team a question describes: « On est 1 généraliste, 2 infirmières et une orthophoniste », « Il nous restera un
 * MG, trois IDE et une kiné », « deux médecins et moi, la kiné ». Of a profession counted twice, the last count holds
 * (« un de nos deux généralistes part… avec un seul MG »); the asker's own profession counts one unless counted.
 */
export function describedTeam(registries: Registries, text: string): TeamMember[] {
  const words = matchWords(text);
  const team = new Map<string, TeamMember>();
  const spans = [...professionSpans(registries, text)].sort((a, b) => a.start - b.start);
  for (const { profession, start } of spans) {
    // « il faut être deux médecins » says what is needed, not who the team is.
    if (words.slice(Math.max(0, start - NEED_REACH), start).some((word) => NEEDING.has(word))) continue;
    const count = countBefore(words, start);
    const known = team.get(profession.id);
    // « un de nos deux généralistes part… il restera un seul médecin »: a later count of the same people (a profession
    // or one it is a specialty of) replaces the earlier one.
    if (count !== undefined) for (const id of team.keys()) if (id !== profession.id && professionCovers(registries, id, profession.id)) team.delete(id);
    team.set(profession.id, { profession, ...(count !== undefined ? { count } : known?.count !== undefined ? { count: known.count } : {}) });
  }
  const asker = askerProfession(registries, text);
  const own = asker ? team.get(asker.id) : undefined;
  if (asker && own?.count === undefined) team.set(asker.id, { profession: asker, count: 1 });
  return [...team.values()];
}

/** The count said right before a profession's name: a figure (« 2 », « trois »), « un seul », « une seule ». */
function countBefore(words: readonly string[], start: number): number | undefined {
  const [before = '', last = ''] = [words[start - 2], words[start - 1]];
  if (ALONE.has(last)) return ONE_OF.has(before) ? 1 : undefined;
  if (/^\d+$/.test(last)) return Number(last);
  return NUMBER_WORD_VALUES[last];
}

const ALONE: ReadonlySet<string> = new Set(['seul', 'seule', 'single', 'only']);
const ONE_OF: ReadonlySet<string> = new Set(['un', 'une', 'le', 'la', 'l', 'a', 'one', 'the']);
/** Words that say what is needed (normalised), a few words before the members they count. */
const NEEDING: ReadonlySet<string> = new Set(['faut', 'faudrait', 'falloir', 'besoin', 'exige', 'minimum', 'moins', 'need', 'needs', 'required', 'requires', 'least']);
const NEED_REACH = 4;
