import { normalizeForMatch, terms } from '../text/french.ts';
import { spelledNumbersAsDigits } from '../text/number-words.ts';
import { COOPERATION_FRAME_TERMS, frameTerms } from './cooperation-frame.ts';
import { namesOf, type Profession, type Protocol, type Registries } from './registry.ts';
import { professionById } from './lookups.ts';
import { PLACE_NAMES, placeRefusal, placesIn, type Place } from './places.ts';
import type { IsoDay } from './dated.ts';
import { ASKS_FOR_CONTENT } from '../knowledge/question-analysis.ts';
import { createThesaurus } from './thesaurus.ts';

/**
 * Whether the act a question asks about is one a protocol delegates, as its registry entry lists them: « le kiné
 * peut-il faire une infiltration dans le protocole lombalgie ? » names the protocol, not an act it lists; « … un
 * arrêt de travail de 7 jours » goes beyond its « arrêt de travail de moins de 5 jours ».
 */
export type ActCheck =
  | { kind: 'unasked' }
  | { kind: 'listed' }
  | { kind: 'unlisted' }
  | { kind: 'beyond'; act: string }
  | { kind: 'excluded'; act: string }
  | { kind: 'elsewhere'; why: string };

/** The words that say something is left out. */
const EXCLUDING_TERMS = frameTerms('exclu exclue exclues exclus');

/** What a listed act leaves out, in brackets (« (échographies obstétricales, cardiaques et d'urgence exclues) »). */
const EXCLUDED_PART = /\(([^)]*\bexclu\w*[^)]*)\)/u;

/**
 * Words that ask for an act without naming what it is on (« faire », « prendre en charge », « prescrire », « le voir »,
 * « donner »), or name the patient it is for (« quelqu'un »).
 */
const GENERIC_ACT_TERMS = frameTerms(
  `faire fait fais prendre charge prise appliquer applique réaliser réalise gérer gère gerer suivre suivi soigner traiter utiliser
   prescrire prescrit prescription demander demande indiquer poser pose délivrer délivre donner donne passer passe passage
   voir vois occuper occupe an ans année années mois
   patient patients patiente patientes malade quelqu cadre dans selon avec sans seul seule tout toute tous toutes ça cela ce cet cette
   direct directement immédiatement emblée aussitôt lui-même elle-même directly straight immediately
   do doing perform performing carry take manage handle follow treat prescribe request order see give insert inserting someone under within`,
);

/** A relative clause on the patient (« quelqu'un qui s'est tordu la cheville », « un patient qui ne peut pas se déplacer ») describes them, not the act. */
const RELATIVE_CLAUSE = /\s(?:qui|who)\s.*$/u;

/** Two terms for the same word: a shared beginning of six letters (« anesthésie » / « anesthésiste »), or a short form (« radio »). */
function sameWord(asked: string, listed: string): boolean {
  if (asked === listed) return true;
  const [short, long] = asked.length <= listed.length ? [asked, listed] : [listed, asked];
  return short.length >= 5 && (long.startsWith(short) || (short.length >= 6 && long.slice(0, 6) === short.slice(0, 6)));
}

/** Terms of the text read as questions are (accent-folded first: « aiguë » and « aigue » stem alike). */
function foldedTerms(text: string): string[] {
  return terms(normalizeForMatch(text));
}

/** A figure of an act: a duration (« 8 jours », « huit jours », « une semaine », « a week ») or a count of sessions. */
const FIGURE = /\b(\d+|une?|a|one) (jours?|days?|semaines?|weeks?|mois|months?|seances?|sessions?)\b/;
/** An act's upper limit (« arrêt de travail de moins de 5 jours »). */
const UPPER_LIMIT = /\bmoins de (\d+) (jours?|semaines?|mois|seances?)\b/;
/** Days in each unit of duration; sessions count as themselves. */
const UNITS: readonly { unit: RegExp; size: number; dimension: 'duration' | 'count' }[] = [
  { unit: /^(?:jours?|days?)$/, size: 1, dimension: 'duration' },
  { unit: /^(?:semaines?|weeks?)$/, size: 7, dimension: 'duration' },
  { unit: /^(?:mois|months?)$/, size: 30, dimension: 'duration' },
  { unit: /^(?:seances?|sessions?)$/, size: 1, dimension: 'count' },
];

interface Measure {
  /** The words that say it (« une semaine »). */
  said: string;
  value: number;
  dimension: 'duration' | 'count';
}

/** « une semaine » → 7 days, « 10 séances » → 10 sessions. */
function measured(match: RegExpExecArray | null): Measure | undefined {
  const [said = '', amount = '', unit = ''] = match ?? [];
  const known = UNITS.find((one) => one.unit.test(unit));
  const count = /^\d+$/.test(amount) ? Number(amount) : 1;
  return known ? { said, value: count * known.size, dimension: known.dimension } : undefined;
}

/** The figure of the act asked (« un arrêt de travail de huit jours » → 8 days). */
function askedFigure(act: string): Measure | undefined {
  return measured(FIGURE.exec(spelledNumbersAsDigits(normalizeForMatch(act))));
}

/** Does the figure asked go to or past the limit of the act listed (« une semaine » and « de moins de 5 jours »)? */
function beyondLimit(asked: Measure, line: string): boolean {
  const allowed = measured(UPPER_LIMIT.exec(normalizeForMatch(line)));
  return allowed !== undefined && asked.dimension === allowed.dimension && asked.value >= allowed.value;
}

interface ActLine {
  line: string;
  terms: string[];
}

/**
 * « le vaccin antitétanique dans le protocole sutures »: a word of the protocol's name that one of its acts also uses
 * (« la suture ») may name the protocol rather than the act; the line that says the rest of what is asked lists it,
 * when the name's word is in another of its lines.
 */
function withNameElsewhere(listed: readonly ActLine[], asked: readonly string[], names: ReadonlySet<string>, says: (term: string, have: readonly string[]) => boolean): ActLine | undefined {
  const named = asked.filter((term) => names.has(term));
  const rest = asked.filter((term) => !names.has(term));
  if (named.length === 0 || rest.length === 0) return undefined;
  const inSomeLine = named.every((term) => listed.some(({ terms: have }) => says(term, have)));
  return inSomeLine ? listed.find(({ terms: have }) => rest.every((term) => says(term, have))) : undefined;
}

/** `places`: where the asker works, when the question says it outside the act (else the act's own). */
export function checkAct(registries: Registries, protocol: Protocol, act: string, profession: Profession, today: IsoDay, places: readonly Place[] = placesIn(act)): ActCheck {
  // « poser une VVC en cabinet libéral »: where, before what.
  const why = placeRefusal(protocol.places, places, today);
  if (why) return { kind: 'elsewhere', why };
  // « quels actes … ? » asks for them all.
  if (ASKS_FOR_CONTENT.test(normalizeForMatch(act))) return { kind: 'unasked' };
  // The protocol's own names say which protocol, not what act — unless its acts use the words (« arrêt de travail »
  // is a keyword of the lombalgie protocol and one of its acts). The act is read accent-folded: so are its names here.
  const actWords = new Set(protocol.acts.flatMap(foldedTerms));
  const allNames = foldedTerms([protocol.title, protocol.short ?? '', ...protocol.keywords].join(' '));
  const names = allNames.filter((term) => !actWords.has(term));
  const aside = new Set([
    ...names,
    ...foldedTerms(PLACE_NAMES.join(' ')),
    // The professions at play (« sans passer par le médecin »): who, not what.
    ...[profession, ...[...protocol.delegants, ...protocol.delegues].flatMap((id) => professionById(registries, id) ?? [])].flatMap((p) => namesOf(p).flatMap((name) => terms(name))),
  ]);
  const asked = foldedTerms(normalizeForMatch(act).replace(RELATIVE_CLAUSE, '')).filter((term) => !aside.has(term) && !COOPERATION_FRAME_TERMS.has(term) && !GENERIC_ACT_TERMS.has(term) && !/^\d+$/.test(term));
  // An act asked in other words (« renew the treatment ») is listed in the registry's (« renouvellement du traitement »).
  const equivalents = createThesaurus(registries)
    .expansions(act)
    .flatMap(({ trigger, equivalents: said }) => foldedTerms(trigger).map((term) => ({ term, said: said.map(foldedTerms).filter((t) => t.length > 0) })));
  const saysTerm = (term: string, have: readonly string[]) =>
    have.some((h) => sameWord(term, h)) || equivalents.some((e) => e.term === term && e.said.some((words) => words.every((w) => have.some((h) => sameWord(w, h)))));
  const covers = (have: readonly string[]) => asked.every((term) => saysTerm(term, have));
  // « un arrêt de travail d'une semaine » in a protocol named by « arrêt de travail » and « 4 semaines »: the figure is asked.
  const figure = askedFigure(act);
  const figured = terms(figure?.said ?? '');
  const actAsked = asked.filter((term) => !figured.includes(term));
  const limited = figure && actAsked.length > 0 ? protocol.acts.find((line) => beyondLimit(figure, line) && actAsked.every((term) => saysTerm(term, foldedTerms(line)))) : undefined;
  if (limited) return { kind: 'beyond', act: limited };
  // Nothing asked beyond what the protocol is about (« s'occuper d'une entorse de la cheville » in the sprain protocol).
  if (asked.every((term) => allNames.includes(term))) return { kind: 'unasked' };
  const excluded = protocol.acts.find((line) => {
    const part = EXCLUDED_PART.exec(line)?.[1];
    if (part === undefined) return false;
    // What the brackets leave out, not what the act they qualify also says (« échographies … (échographies obstétricales exclues) »).
    const kept = new Set(foldedTerms(line.replace(EXCLUDED_PART, ' ')));
    const leftOut = foldedTerms(part).filter((term) => !kept.has(term));
    return asked.some((term) => !EXCLUDING_TERMS.has(term) && leftOut.some((h) => sameWord(term, h)));
  });
  if (excluded) return { kind: 'excluded', act: excluded };
  const listed = protocol.acts.map((line) => ({ line, terms: foldedTerms(line.replace(EXCLUDED_PART, ' ')) }));
  const matching = listed.find(({ terms: have }) => covers(have)) ?? withNameElsewhere(listed, asked, new Set(allNames), saysTerm);
  if (!matching) return { kind: 'unlisted' };
  return { kind: 'listed' };
}
