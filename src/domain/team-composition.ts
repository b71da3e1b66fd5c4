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
  // « On a 3 MG, un MG part à la retraite », « un deuxième MG arrive »: who leaves or comes says no team unless the
  // question says the team that results (« il nous restera un MG », « avec un seul MG »).
  if (words.some((word) => CHANGING.has(word)) && !words.some((word) => RESULTING.has(word))) return [];
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
  // The asker counts one, when the question names their profession only for them (not « je suis MG avec mon associé MG »).
  const asker = askerProfession(registries, text);
  const named = asker ? new Set(spans.filter(({ profession }) => profession.id === asker.id).map(({ start }) => start)).size : 0;
  if (asker && team.get(asker.id)?.count === undefined && named <= 1) team.set(asker.id, { profession: asker, count: 1 });
  return [...team.values()];
}

/** The count said right before a profession's name: a figure (« 2 », « trois »), « un seul », « une seule ». */
function countBefore(words: readonly string[], start: number): number | undefined {
  const [before = '', last = ''] = [words[start - 2], words[start - 1]];
  if (ALONE.has(last)) return ONE_OF.has(before) ? 1 : undefined;
  if (/^\d+$/.test(last)) return Number(last);
  return NUMBER_WORD_VALUES[last];
}

/** Words of someone leaving or joining the team (normalised). */
const CHANGING: ReadonlySet<string> = new Set(
  'part partent partir quitte quittent quitter perdre perd perdu retraite arrive arrivent arriver rejoint rejoignent rejoindre recrute recrutons embauche deuxieme leaves leaving lose losing retires retiring joins joining arrives another second'.split(' '),
);
/** Words saying the team that results (normalised). */
const RESULTING: ReadonlySet<string> = new Set('restera resteront resterons reste restent seul seule plus qu remain remaining left only'.split(' '));

const ALONE: ReadonlySet<string> = new Set(['seul', 'seule', 'single', 'only']);
const ONE_OF: ReadonlySet<string> = new Set(['un', 'une', 'le', 'la', 'l', 'a', 'one', 'the']);
/** Words that say what is needed (normalised), a few words before the members they count. */
const NEEDING: ReadonlySet<string> = new Set(['faut', 'faudrait', 'falloir', 'besoin', 'exige', 'minimum', 'moins', 'need', 'needs', 'required', 'requires', 'least']);
const NEED_REACH = 4;
