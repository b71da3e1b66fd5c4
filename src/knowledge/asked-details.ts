import { isStopWord, normalizeForMatch, termOf, terms } from '../text/french.ts';
import { NUMBER_WORD_VALUES, NUMBER_WORDS_PATTERN } from '../text/number-words.ts';
import { memoize } from '../text/memo.ts';
import { splitSentences } from '../text/sentences.ts';

/**
 * Details a question asks for that a passage must state to answer it, whatever else it shares with the question:
 * - a designation, a word and its number (« l'avenant 3 », « le dossier PC 188 »): a passage that numbers the same
 *   things (« avenant 1 », « PC 154 ») but never this one is about another;
 * - a quantity in a unit (« combien d'heures », « how many days », « remboursé combien »): a passage with no
 *   figure in that unit does not give it;
 * - a date (« en quelle année », « which month »): a passage with no year, or no month, does not give it;
 * - a region (« l'aide FIR en Nouvelle-Aquitaine »): a passage that names other regions, never this one, is about them;
 *   a count asked there (« combien de DAC en Occitanie ») is not given by a passage that does not name it;
 * - an average (« en moyenne », « average »): a passage that gives none does not give it;
 * - a count (« combien de CPTS », « how many protocols »): a passage that names what is counted without a figure
 *   before it, nor a list of them, does not count it.
 */
export interface AskedDetails {
  designations: readonly Designation[];
  /** The French regions the question asks about (« en Nouvelle-Aquitaine »): a passage on other regions only is about them. */
  regions: readonly string[];
  /** The units the asked quantity may be stated in, or none when the question asks for no measured quantity. */
  units: readonly string[];
  /** The terms of the words that ask for the quantity (« temps », « délai »): a figure in the unit answers them. */
  askingTerms: readonly string[];
  /** A figure in one of the units, when units are asked. */
  figure?: RegExp;
  /** An average asked (« en moyenne », « average »): a passage that gives none does not answer. */
  average: boolean;
  /**
   * The terms of what is counted (« combien de CPTS », « how many national protocols »), when it is no unit: a passage
   * that names it without a figure before it, nor a list of them, does not count it.
   */
  counted: readonly string[];
  /** The count asked is of how many there are (« combien y a-t-il de GHT en France ? », « how many MSPs are there »). */
  countsExisting: boolean;
  /**
   * The terms of the words that name what is asked (« quelle est la pénalité… », « le numéro de formulaire cerfa »):
   * a base that never uses one of them holds nothing about it, whatever else the question shares with its passages.
   */
  named: readonly string[];
  /** A way to reach someone is asked (« l'adresse e-mail de l'ARS », « their phone number »): a passage without one lacks it. */
  contact: boolean;
  /** The years the question names (« le modèle utilisé depuis 2023 »): a passage that dates its facts by other years only is about them. */
  years: readonly string[];
  /** What one unit is worth is asked (« combien vaut un point ? », « on touche combien par point ? »): a rate answers. */
  unitValue: boolean;
}

/** An average asked of a quantity (normalised text), not a size (« de taille moyenne »). */
const AVERAGE_ASKED = /\b(?:en moyenne|(?<!taille )moyenne|average|on average|mediane?|median)\b/;
/** An average given (normalised text). */
const AVERAGE_GIVEN = /\b(?:en moyenne|moyenne|average|mediane?|median)\b/;

export interface Designation {
  word: string;
  number: string;
}

/** The word with any number after it, to find which numbers a passage gives it (compiled once per word). */
const numberedPattern = memoize((word) => new RegExp(String.raw`\b${word} (?:n |no |numero )?(\d{1,4})\b`, 'g'), 1000);

/** « 400 millions d'euros », « 2 milliards d'euros », « 5 million euros » (normalised text). */
const MULTIPLIER = String.raw`(?:mille|millions?|milliards?|thousand|billions?) (?:d |de |of )?`;

/** A figure as the base writes it (« 220 000 », « 1,5 », « sept »). */
const NUMBER_WORDS = String.raw`\d+(?:[ ,.]\d+)?|${NUMBER_WORDS_PATTERN}`;

/** What follows the words that ask for a count (normalised text): the counted thing, in one or two words. */
const COUNT_ASKED = /\b(?:combien (?:(?:y a t il|y a t on|il y a|y a|ya|existe t il|en existe t il|compte t on|on compte) )?(?:de |d )|how many |quel (?:est )?(?:le )?nombre (?:de |d )|(?:un |le |quel )?nombre (?:minimum|minimal|maximum|maximal) (?:de |d )|what is the number of |(?:a |the )?(?:minimum|maximum) number of )((?:[a-z0-9]+)(?: [a-z0-9]+)?)/;
/** Words that ask how many there are (normalised text). */
const EXISTING = /\b(?:y a t il|il y a|y a|ya|existe t il|en existe t il|existent|existe|compte t on|on compte|are there|exist|en france|in france)\b/;
/** « un », « une » count only right before the word (« un professionnel paramédical »), not as an article further off. */
const ONE = /^(?:un|une|one)$/;
const FIGURE_WORD = new RegExp(String.raw`^(?:\d+|${Object.keys(NUMBER_WORD_VALUES).filter((word) => !ONE.test(word)).join('|')}|aucun|aucune)$`);

/**
 * The noun right after the words that ask which one, with up to two words after it (« quelle est la pénalité », « le
 * numéro de formulaire cerfa », « what is the penalty »), on the lowercase text as written: its terms are stemmed as
 * the question's other terms are, accents and all.
 */
const NAMED_ASKED = /(?<!\p{L})(?:quel|quelle|quels|quelles|what|which)(?: (?:est|sont|était|etait|seront|sera|serait|is|are|was|were))?(?: (?:le|la|les|son|sa|ses|leur|leurs|the|its|their) | l['’]| )(\p{L}{3,}(?: (?:de|du|des|d['’]|of)? ?\p{L}{3,}){0,2})/u;

/** Units of each measured quantity, as the base writes them (normalised: lowercase, no accents). */
const UNIT_FAMILIES: Record<string, readonly string[]> = {
  heures: ['heures?', 'h'],
  jours: ['jours?'],
  semaines: ['semaines?'],
  mois: ['mois'],
  ans: ['ans?', 'annees?'],
  euros: ['euros?', 'eur'],
  pourcent: ['pour ?cent', 'pourcents?'],
  points: ['points?'],
  longueur: ['cm', 'centimetres?', 'mm', 'millimetres?'],
};
const DURATION = ['heures', 'jours', 'semaines', 'mois', 'ans'];

/** « how many », and one word that qualifies the unit (« how many ACI points », « how many training hours »). */
const HOW_MANY = String.raw`how many (?:[a-z]+ )?`;

/** How a question names the unit it asks for: « combien d'heures », « how many days », « quel tarif »… */
const ASKED_UNITS: readonly [RegExp, readonly string[]][] = [
  [new RegExp(String.raw`\b(?:combien d heures|${HOW_MANY}hours|nombre d heures)\b`), ['heures']],
  [new RegExp(String.raw`\b(?:combien de jours|${HOW_MANY}days|nombre de jours|delai)\b`), ['jours', 'heures', 'semaines', 'mois']],
  [new RegExp(String.raw`\b(?:combien de semaines|${HOW_MANY}weeks)\b`), ['semaines', 'jours', 'mois']],
  [new RegExp(String.raw`\b(?:combien de mois|${HOW_MANY}months)\b`), ['mois', 'ans', 'semaines']],
  [new RegExp(String.raw`\b(?:combien d (?:annees|ans)|${HOW_MANY}years|pour combien d annees)\b`), ['ans', 'mois']],
  [/\b(?:combien de temps|quelle(?: est| sera)?(?: la| sa)? duree|how long)\b/, DURATION],
  // « ça fait combien de temps que… », « how long ago »: the time elapsed since a date, which the date answers.
  [/\b(?:(?:ca fait|depuis|il y a) combien de temps|how long ago|how long (?:has|have) it been)\b/, ['year', 'month']],
  [/^(?:montants?|tarifs?|prix)\b|\b(?:quel(?: est| sera| etait)?(?: le| son| leur)? (?:montant|tarif|prix|budget)|combien (?:c est|c|ca fait) (?:paye|payee|rembourse|remboursee|facture|remunere|remuneree)|combien (?:d euros|coute|ca coute|rapporte|gagne|touche|toucherait|percoit|recoit|est paye|est payee|est rembourse|est remboursee|est remuner\w*|remuner\w*)|quelle (?:est (?:la |sa |leur )?)?remuneration|salaire|(?:rembourse|rembourses|remboursee|payee?s?|touche|coute|facture|remuneree?s?)e? combien|how much (?:is|does|do|are)? ?(?:it )?(?:paid|cost|pay|reimbursed)|fees?|price|tariff|how much is|how much (?:[a-z]+ )?(?:funding|money|financing|aid|grant|subsidy)|combien (?:d argent|de financement|de subvention|d aide financiere))\b/, ['euros', 'points']],
  [/\b(?:quel pourcentage|quelle proportion|what share|what percentage|quelle part)\b/, ['pourcent']],
  [new RegExp(String.raw`\b(?:combien de points|${HOW_MANY}points)\b`), ['points']],
  [/\b(?:combien de (?:centimetres|cm|millimetres|mm)|how many (?:centimetres|centimeters|cm|millimetres|millimeters|mm)|how (?:long|big|large) (?:is|must|should|can) (?:the |a )?wound)\b/, ['longueur']],
  [/\b(?:(?:tranche|limites?|bornes?) d ages?|(?:a partir de|jusqu a|de) quel age|quel age|age (?:limits?|range|bracket)|how old)\b/, ['ans', 'anyAge']],
  [/\b(?:quelle (?:est |sera |etait )?(?:la |sa |leur )?date|a quelle date|de quand date\w*|c est quand|what (?:is the )?date)\b/, ['year', 'month']],
  [/\b(?:en quelle annee|quelle annee|what year|which year)\b/, ['year']],
  [/\b(?:quel mois|en quel mois|which month|what month)\b/, ['month']],
];

/** A year or a month as the base writes them (normalised text): what answers a question asking for a date. */
const YEAR_PATTERN = String.raw`(?:19|20)\d\d`;
const MONTH_PATTERN = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre';
/**
 * What answers a unit asked without a number in it: a year, a month (a date asked), or « tous âges » (an age limit
 * asked of a protocol that has none).
 */
const FIGURES_IN_WORDS: Record<string, string> = {
  year: YEAR_PATTERN,
  month: MONTH_PATTERN,
  anyAge: String.raw`tous (?:les )?ages|tout age|sans limite d ages?|all ages|any age|no age limit`,
};

/** A word and the number right after it (« avenant 3 », « pc 188 »), where the number measures nothing. */
const DESIGNATION = /\b([a-z]{2,}) (?:n |no |numero )?(\d{1,4})\b(?! ?(?:ans?|annees?|mois|jours?|semaines?|heures?|h|euros?|eur|points?|pour ?cent|%|patients?|professionnels?|medecins?|membres?|habitants?|fois|minutes?|min|km|kg|mg|g|ml)\b)/g;

/** The words « avant », « après »… and months before a number date something rather than designate it. */
const NOT_DESIGNATING = /^(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|fin|debut|mi|depuis|avant|apres|vers|annee|age|ages|plus|moins|sur|top|about|since|before|after|until|under|over|page|n|no)$/;

/** The regions of France (2016 map; the former Rhône-Alpes within Auvergne-Rhône-Alpes), on normalised text. */
const REGIONS: Readonly<Record<string, RegExp>> = {
  'ile-de-france': /\b(?:ile de france|idf)\b/,
  // Not « aura », a verb too.
  'auvergne-rhone-alpes': /\b(?:auvergne rhone alpes|rhone alpes|auvergne)\b/,
  'nouvelle-aquitaine': /\bnouvelle aquitaine\b/,
  occitanie: /\boccitanie\b/,
  bretagne: /\bbretagne\b/,
  normandie: /\bnormandie\b/,
  'hauts-de-france': /\bhauts de france\b/,
  'grand-est': /\bgrand est\b/,
  'pays-de-la-loire': /\bpays de la loire\b/,
  'bourgogne-franche-comte': /\bbourgogne(?: franche comte)?\b/,
  'centre-val-de-loire': /\bcentre val de loire\b/,
  paca: /\b(?:provence alpes cote d azur|paca)\b/,
  corse: /\bcorse\b/,
  guadeloupe: /\bguadeloupe\b/,
  martinique: /\bmartinique\b/,
  guyane: /\bguyane\b/,
  mayotte: /\bmayotte\b/,
};
/** La Réunion, with its capital (« la réunion de l'équipe » is a meeting), on the text as written. */
const REUNION = /\b(?:[Ll]a|[ÎIîi]le de la) R[ée]union\b/u;

function regionsIn(text: string, normalized = normalizeForMatch(text)): string[] {
  const named = Object.entries(REGIONS).flatMap(([region, pattern]) => (pattern.test(normalized) ? [region] : []));
  return REUNION.test(text) ? [...named, 'reunion'] : named;
}

/** « 10 € », « 20 % » measure: the signs are said in words before normalising drops them. */
function withSignsInWords(text: string): string {
  return text.replace(/(\d)\s*€/gu, '$1 euros').replace(/(\d)\s*%/gu, '$1 pourcent');
}

/**
 * The details `question` asks for. What the words that ask name (a unit, a count, a date, an average, a contact) and
 * the years that date what is asked are read in `asking`, the question without the asker's situation nor an earlier
 * question it follows up on: « comment sont choisis leurs membres ? » after « combien y a-t-il d'URPS » asks no count,
 * « j'étais délégué depuis 2021 » dates nothing asked. What names the thing (a designation, a region) is read in the
 * whole question.
 */
export function askedDetails(question: string, asking = question): AskedDetails {
  const n = normalizeForMatch(withSignsInWords(question));
  const a = asking === question ? n : normalizeForMatch(withSignsInWords(asking));
  const designations: Designation[] = [];
  for (const match of n.matchAll(DESIGNATION)) {
    const [, word, number] = match;
    if (word && number && !isStopWord(word) && !NOT_DESIGNATING.test(word) && !YEAR.test(number)) {
      designations.push({ word, number });
    }
  }
  const askingUnits = ASKED_UNITS.filter(([pattern]) => pattern.test(a));
  const units = [...new Set(askingUnits.flatMap(([, families]) => families))];
  const askingTerms = askingUnits.flatMap(([pattern]) => terms(pattern.exec(a)?.[0] ?? ''));
  const spelled = units.flatMap((family) => UNIT_FAMILIES[family] ?? []);
  const inWords = units.flatMap((family) => FIGURES_IN_WORDS[family] ?? []);
  const figures = [...(inWords.length > 0 ? [inWords.join('|')] : []), ...(spelled.length > 0 ? [String.raw`(?:${NUMBER_WORDS}) ?(?:${MULTIPLIER})?(?:${spelled.join('|')})`] : [])];
  const figure = figures.length > 0 ? new RegExp(String.raw`\b(?:${figures.join('|')})\b`) : undefined;
  const counted = units.length > 0 ? [] : terms(COUNT_ASKED.exec(a)?.[1] ?? '');
  const named = terms(NAMED_ASKED.exec(asking.toLowerCase())?.[1] ?? '');
  const unitValue = UNIT_VALUE_ASKED.test(a);
  const countsExisting = counted.length > 0 && EXISTING.test(a);
  const contact = CONTACT_ASKED.test(a);
  const years = [...new Set([...a.matchAll(DATED_BY_YEAR)].map((m) => m[1] ?? ''))];
  return { designations, years, regions: regionsIn(question, n), units, askingTerms, average: AVERAGE_ASKED.test(a), counted, countsExisting, named, unitValue, contact, ...(figure ? { figure } : {}) };
}

/** What one unit is worth (« 1 point = 7 € », « un point vaut 7 euros »): a rate, no quantity of anything. */
const UNIT_VALUE = /(?<!\p{L})(?:1|un|une|one)\s+(?:points?|euros?)\s*(?:=|vaut|valent|équivaut à|correspond à|is worth|equals)\s*\d+(?:[ ,.]\d+)?\s*(?:€|euros?|eur)?/giu;

/** Asking how to reach someone (normalised text): an e-mail address, a phone number. */
const CONTACT_ASKED = /\b(?:adresses? (?:e )?mail|adresses? courriel|e ?mail address|numeros? de (?:telephone|tel)|(?:phone|telephone) number|(?:quel|quelle|what|which)(?: est)?(?: le| l| son| leur| its| their)? (?:e ?mail|mail|courriel|telephone|phone))\b/;
/** An e-mail address or a French phone number. */
const CONTACT_GIVEN = /@|(?<!\d)0\d(?:[ .]?\d\d){4}(?!\d)/u;

/** One unit named as what is priced (normalised text): « un point », « par point », « one ACI point ». */
const UNIT_VALUE_ASKED = /\b(?:un|1|par|le|du|chaque|each|per|a|one|the) (?:[a-z]+ )?(?:point|euro)\b/;

/**
 * The designations the base numbers but never with the number asked (« avenant 3 » where it gives avenants 1 and 2,
 * « PC 145 » where it lists other dossiers): no passage can answer about them. The texts are normalised (normalizeForMatch).
 */
export function unknownDesignations(details: AskedDetails, normalizedTexts: readonly string[]): Designation[] {
  return details.designations.filter(({ word, number }) => {
    const given = normalizedTexts.flatMap((text) => [...text.matchAll(numberedPattern(word))].map((m) => m[1]));
    return given.length > 0 && !given.includes(number);
  });
}

/** Does the passage lack a detail the question asks for (another number of the same designation, no figure in the unit)? */
export function lacksAsked(details: AskedDetails, passageText: string): boolean {
  if (details.contact && !CONTACT_GIVEN.test(passageText)) return true;
  if (details.designations.length === 0 && details.units.length === 0 && details.regions.length === 0 && details.years.length === 0 && !details.average && details.counted.length === 0) return false;
  const measured = details.unitValue ? passageText : passageText.replace(UNIT_VALUE, ' ');
  const n = normalizeForMatch(measured);
  if (details.average && !AVERAGE_GIVEN.test(n)) return true;
  if (details.years.length > 0) {
    const given = n.match(YEARS) ?? [];
    if (given.length > 0 && !given.some((year) => details.years.includes(year))) return true;
  }
  if (details.regions.length > 0) {
    const named = regionsIn(passageText, n);
    const namesAsked = named.some((region) => details.regions.includes(region));
    if (named.length > 0 && !namesAsked) return true;
    // « Combien de DAC en Occitanie ? »: a count there is given where the region is named, not by a national text.
    if (details.counted.length > 0 && !namesAsked) return true;
  }
  for (const { word, number } of details.designations) {
    const given = [...n.matchAll(numberedPattern(word))].map((m) => m[1]);
    if (given.length > 0 && !given.includes(number)) return true;
  }
  if (details.counted.length > 0 && !countGiven(details.counted, passageText, details.countsExisting)) return true;
  if (details.figure) {
    const symbol = (details.units.includes('pourcent') && /\d ?%/.test(measured)) || (details.units.includes('euros') && /\d ?€/.test(measured));
    if (!details.figure.test(n) && !symbol) return true;
  }
  return false;
}

/**
 * Does the passage count what is asked: a list of them, or a sentence that names it with a figure that is no date
 * nor designation (« au moins deux médecins et un auxiliaire médical parmi ses associés »)? Naming it without one
 * (« l'ACI des CPTS a été signé le 20 juin 2019 ») does not.
 */
function countGiven(counted: readonly string[], passageText: string, existing: boolean): boolean {
  const wanted = new Set(counted);
  const isCounted = (word: string | undefined) => wanted.has(termOf(word ?? '') ?? '');
  if (existing ? listsCounted(passageText, isCounted) : /\n\s*[-•*]\s/u.test(passageText)) return true;
  const sentences = splitSentences(withSignsInWords(passageText)).map((sentence) => normalizeForMatch(sentence).split(' '));
  const naming = sentences.filter((words) => words.some((word) => wanted.has(termOf(word) ?? '')));
  // Named in other words (« supervised scans » for « examens encadrés »): a passage with no count at all gives none.
  if (naming.length === 0) return sentences.some((words) => words.some((_, i) => isCount(words, i)));
  // How many there are is said by a figure just before them (« plus de 700 CPTS »), not « un GHT » nor « deux médecins ».
  if (existing) return naming.some((words) => words.some((word, i) => isCount(words, i) && !ONE.test(word) && words.slice(i + 1, i + 1 + COUNT_REACH).some(isCounted)));
  return naming.some((words) => words.some((word, i) => (ONE.test(word) ? isCounted(words[i + 1]) : isCount(words, i))));
}

const LIST_ITEM_LINE = /^\s*[-•*]\s/u;
/** A determiner of one thing (normalised text). */
const SINGULAR = /^(?:un|une|le|la|l|ce|cet|cette|chaque|a|an|each)$/;

/**
 * How many there are is said by a list of them: one its lead sentence names (« Protocoles … où les kinés sont délégués :
 * »), or whose items mostly do (« Taille 1 … Taille 4 »); not by a list where one of them appears (« - GHT : … »).
 */
function listsCounted(text: string, isCounted: (word: string) => boolean): boolean {
  const lines = text.split('\n');
  const names = (line: string) => normalizeForMatch(line).split(' ').some(isCounted);
  // « La création d'une MSP suit trois temps : » lists steps of one of them, not them.
  // What brackets spell out (« une MSP (maison de santé…) ») is said of the word before them.
  const namesSeveral = (line: string) =>
    normalizeForMatch(line.replace(/\([^)]*\)/gu, ' '))
      .split(' ')
      .some((word, i, words) => isCounted(word) && !SINGULAR.test(words[i - 1] ?? ''));
  return lines.some((line, i) => {
    if (!LIST_ITEM_LINE.test(line) || i === 0 || LIST_ITEM_LINE.test(lines[i - 1] ?? '')) return false;
    const lead = splitSentences(lines[i - 1] ?? '').at(-1) ?? '';
    const end = lines.findIndex((next, j) => j > i && !LIST_ITEM_LINE.test(next));
    const items = lines.slice(i, end === -1 ? undefined : end);
    return namesSeveral(lead) || items.filter(names).length * 2 >= items.length;
  });
}

/** How many words after a figure the thing it counts may come (« 57 protocoles nationaux », « 700 nouvelles CPTS »). */
const COUNT_REACH = 3;

/** A figure that counts: not a year, a day before its month, nor the number of a designation (« avenant 2 »); « un » only right before what is counted. */
function isCount(words: readonly string[], i: number): boolean {
  const word = words[i] ?? '';
  if (!FIGURE_WORD.test(word) || YEAR.test(word)) return false;
  if (MONTHS.test(words[i + 1] ?? '') || MEASURING.test(words[i + 1] ?? '') || (/^\d+$/.test(word) && DESIGNATED.test(words[i - 1] ?? ''))) return false;
  return true;
}

/** A unit after a figure: it measures (« moins de 5 jours »), it counts nothing else. */
const MEASURING = /^(?:ans?|annees?|mois|jours?|semaines?|heures?|h|minutes?|min|euros?|eur|points?|pour|pourcent|km|kg|mg)$/;
/** A month, or the « 1er » before one. */
const MONTHS = new RegExp(String.raw`^(?:${MONTH_PATTERN}|er)$`);
const YEAR = new RegExp(String.raw`^${YEAR_PATTERN}$`);
const YEARS = new RegExp(String.raw`\b${YEAR_PATTERN}\b`, 'g');
/**
 * A year that dates what is asked (« le modèle utilisé depuis 2023 », « le Haut Conseil créé en 2024 », « la loi de
 * 2019 »), not the time of asking (« en 2026 ») nor a plan (« pour le printemps 2027 »).
 */
const DATED_BY_YEAR = new RegExp(
  String.raw`\b(?:depuis|since|de|du|of|from|(?:cree|creee|crees|creees|created|adopte|adoptee|adopted|signe|signee|signed|publie|publiee|published|paru|parue|vote|votee|introduit|introduite|introduced|lance|lancee|launched|instaure|instauree) (?:en|in)) (?:(?:${MONTH_PATTERN}) )?(${YEAR_PATTERN})\b`,
  'g',
);
/** Words a number designates rather than counts after (« avenant 2 », « article 51 », « taille 3 »). */
const DESIGNATED = /^(?:avenant|article|articles|taille|pc|n|no|numero|decret|arrete|axe|critere|page|version)$/;
