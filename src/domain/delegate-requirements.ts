import { z } from 'zod';
import { normalizeForMatch, terms } from '../text/french.ts';
import { NUMBER_PATTERN, numberValue } from '../text/number-words.ts';
import { lackedMention } from './negation.ts';

/**
 * What a professional must have to be délégué of a protocol, where the sources give it as a figure: years of
 * practice (« au moins 1 an d'exercice aux urgences »), a share of working time (« au moins 50 % de son temps à
 * l'échographie »). Checked against what the asker says of themself (« IDE aux urgences depuis 6 mois », « je ne
 * fais que 30 % d'écho »); nothing of it is stored.
 */
export const RequirementsSchema = z.strictObject({
  /** Years of practice, and what they are years of (« d'exercice aux urgences »). */
  years: z.strictObject({ min: z.number().positive(), of: z.string().min(1) }).optional(),
  /** Share of working time (percent), and what it is spent on. */
  share: z.strictObject({ min: z.number().positive().max(100), on: z.string().min(1) }).optional(),
  /** A diploma, a training or a function the délégué must have (« DIU d'échographie »), and the words that name it. */
  credentials: z.array(z.strictObject({ name: z.string().min(1), words: z.array(z.string().min(1)).min(1) })).default([]),
});
export type Requirements = z.infer<typeof RequirementsSchema>;

/** A figure the asker gives of their practice, with the words around it (what it is a figure of). */
interface Figure {
  value: number;
  context: string;
  /** « moins d'un an »: under the value, not at it. */
  under?: boolean;
  /** « il faut 5 ans d'expérience », « doit consacrer 30 % de son temps »: a rule someone states, not the asker's practice. */
  claimed?: boolean;
}

/** What the asker says of their own practice: every duration and share of time, each with its context. */
export interface AskerPractice {
  years: Figure[];
  shares: Figure[];
  /** The question's text, to read what the asker says they lack (« je n'ai pas le DIU »). */
  text: string;
}

const NUMBER = `(${NUMBER_PATTERN})`;
const UNIT = String.raw`(ans?|annees?|mois|years?|months?)`;

/** « 1 an d'expérience », « 5 ans de métier », « 2 years of experience ». */
const YEARS_OF = new RegExp(String.raw`\b${NUMBER} ${UNIT} (?:d experience|d exercice|de metier|d anciennete|de pratique|de diplome|of experience|of practice|in the job)\b`, 'g');
/** « IDE aux urgences depuis 6 mois », « I've been an ER nurse for 2 years »: a duration, said of the asker when nothing else is named before it. */
const FOR_DURATION = new RegExp(
  String.raw`(?:^|\b(?:je suis|j exerce|je travaille|je bosse|i ve been|i have been|i am|i m|working as|worked|work|working|mais|but)\b) ?((?:\w+ ){0,8}?)(?:depuis|for|since|il y a) ${NUMBER} ${UNIT}\b`,
  'g',
);
/** « I started there 3 months ago », « I only joined the ER 4 months ago »: said in the first person, « ago » after the duration. */
const AGO = new RegExp(String.raw`\b(?:i|i ve|i have|we|we ve|we have) (?:only |just |recently )?(?:started|joined|arrived|began|moved)\b ((?:\w+ ){0,6}?)${NUMBER} ${UNIT} ago\b`, 'g');
/** « ça fait 8 mois que je suis aux urgences »: a duration the asker gives before what it is of. */
const IT_HAS_BEEN = new RegExp(String.raw`\b(?:ca fait|cela fait|voila) ${NUMBER} ${UNIT} (?:que|qu) (?:je|j)\b`, 'g');
/** « avec moins d'un an d'urgences », « less than 2 years »: under that figure. */
const LESS_THAN = new RegExp(String.raw`\b(?:moins d|moins de|less than|under) ${NUMBER} ${UNIT}\b`, 'g');
/** « je suis arrivée aux urgences il y a huit mois »: a duration the asker says of themself, whether or not they name their profession. */
const SAID_IN_FIRST_PERSON = /^(?:je|j|i) /;
/** Words that make a duration someone else's or something's (« un patient suivi depuis 2 ans », « notre service a ouvert depuis… »). */
const NOT_THE_ASKER = /\b(?:patients?|patientes?|enfants?|femmes?|hommes?|monsieur|madame|bebe|protocoles?|msp|cpts|equipe|structure|service|notre|nos|existe|ouvert|ouverte|cree|creee|suivie?s?)\b/;
/** « je ne fais que 30 % d'écho », « 30% of my time », « 70 % de mon temps en radio ». */
const SHARE = /\b(\d{1,3}) (?:pour cent|percent)\b/g;
/** Shortest term that ties a figure to a requirement (« écho » to « échographie »). */
const MIN_TIE_CHARS = 4;
/** How many words around a figure tell what it is a figure of. */
const CONTEXT_WORDS = 6;

/**
 * What the question says of the asker's practice. `professionNamed`: the text names a profession, so that a
 * duration at its start (« IDE aux urgences depuis 6 mois ») is the asker's; without it, only one said in the first
 * person is.
 */
export function askerPractice(text: string, professionNamed: boolean): AskerPractice {
  const n = normalizeForMatch(text.replace(/%/g, ' pour cent '));
  const years: Figure[] = [];
  for (const match of n.matchAll(YEARS_OF)) years.push(withClaim(n, match, figureOf(n, match, match[1], match[2])));
  for (const match of n.matchAll(LESS_THAN)) years.push({ ...figureOf(n, match, match[1], match[2]), under: true });
  for (const match of n.matchAll(IT_HAS_BEEN)) years.push(figureOf(n, match, match[1], match[2]));
  for (const match of n.matchAll(AGO)) if (!NOT_THE_ASKER.test(match[1] ?? '')) years.push(figureOf(n, match, match[2], match[3]));
  for (const match of n.matchAll(FOR_DURATION)) {
    const theAsker = professionNamed || SAID_IN_FIRST_PERSON.test(match[0]);
    if (theAsker && !NOT_THE_ASKER.test(match[1] ?? '')) years.push(figureOf(n, match, match[2], match[3]));
  }
  const shares = [...n.matchAll(SHARE)].map((match) => withClaim(n, match, { value: Number(match[1]), context: around(n, match) }));
  return { years, shares, text };
}

/**
 * Words a few before a figure that make it a requirement stated (« doit avoir », « il faut », « le protocole demande »,
 * « needs », « must have »); not « au moins » nor « at least », which the asker says of themself too.
 */
const REQUIRED_BEFORE = /\b(?:doit|doivent|faut|faudrait|exige\w*|demande|demandent|requi\w*|needs?|must|should)(?: \S+){0,3} $/;
/** The asker speaking of themself just before (« j'ai au moins », « I have », « je dois avoir »): their own practice. */
const ASKER_BEFORE = /\b(?:je|j|i|i ve|we|nous)(?: \S+){0,3} $/;

/** A figure after the words that state a requirement, not said by the asker of themself, is a rule someone states. */
function withClaim(n: string, match: RegExpMatchArray, figure: Figure): Figure {
  const before = n.slice(Math.max(0, (match.index ?? 0) - CLAIM_REACH), match.index ?? 0);
  return REQUIRED_BEFORE.test(before) && !ASKER_BEFORE.test(before) ? { ...figure, claimed: true } : figure;
}

/** How far before a figure (in characters) the words that make it a requirement are read. */
const CLAIM_REACH = 40;

function figureOf(n: string, match: RegExpMatchArray, count: string | undefined, unit: string | undefined): Figure {
  return { value: numberValue(count ?? '0') / (/^(?:mois|months?)$/.test(unit ?? '') ? 12 : 1), context: around(n, match) };
}

function around(n: string, match: RegExpMatchArray): string {
  const start = match.index ?? 0;
  const before = n.slice(0, start).split(' ').slice(-CONTEXT_WORDS).join(' ');
  const after = n.slice(start + match[0].length).split(' ').slice(0, CONTEXT_WORDS).join(' ');
  return `${before} ${match[0]} ${after}`;
}

/**
 * The figure that speaks of the requirement (« aux urgences depuis 3 mois » for years at the urgences), or the only
 * one given; none when several are given and none says what it is of (the question is then not checked on it).
 */
function figureFor(figures: readonly Figure[], about: string): Figure | undefined {
  const wanted = terms(about).filter((term) => term.length >= MIN_TIE_CHARS);
  const tied = figures.filter((figure) => terms(figure.context).some((term) => term.length >= MIN_TIE_CHARS && wanted.some((w) => w.startsWith(term) || term.startsWith(w))));
  if (tied.length > 0) return tied.reduce((least, figure) => (figure.value < least.value ? figure : least));
  return figures.length === 1 ? figures[0] : undefined;
}

/** Is the figure short of the minimum (« moins d'un an » is short of one year)? */
const shortOf = (figure: Figure, min: number) => (figure.under ? figure.value <= min : figure.value < min);
const said = (figure: Figure) => `${figure.under ? 'moins de ' : ''}${duration(figure.value)}`;

/** The asker's practice read against the requirements: what they lack, and the figures they give that meet them. */
export interface RequirementsCheck {
  /** One reason each (« il faut au moins 1 an d'exercice aux urgences ; la question en indique 6 mois »). */
  missing: string[];
  /** One each (« 3 ans d'exercice aux urgences : le protocole en demande au moins 1 an »). */
  met: string[];
}

export function checkRequirements(requirements: Requirements | undefined, practice: AskerPractice): RequirementsCheck {
  const check: RequirementsCheck = { missing: [], met: [] };
  const years = requirements?.years;
  const given = years ? figureFor(practice.years, years.of) : undefined;
  if (years && given?.claimed) {
    // « un manip doit avoir 5 ans d'expérience, c'est la règle ? »: the rule stated, checked against the protocol's.
    checkStated(check, given.value === years.min, `${said(given)} ${years.of}`, `au moins ${duration(years.min)} ${years.of}, pas ${said(given)}`);
  } else if (years && given) {
    if (shortOf(given, years.min)) check.missing.push(`il faut au moins ${duration(years.min)} ${years.of} pour être délégué ; la question en indique ${said(given)}`);
    else check.met.push(`${said(given)} ${years.of} : le protocole en demande au moins ${duration(years.min)}`);
  }
  const share = requirements?.share;
  const spent = share ? figureFor(practice.shares, share.on) : undefined;
  if (share && spent?.claimed) {
    checkStated(check, spent.value === share.min, `${spent.value} % du temps ${share.on}`, `au moins ${share.min} % du temps ${share.on}, pas ${spent.value} %`);
  } else if (share && spent) {
    if (shortOf(spent, share.min)) check.missing.push(`il faut consacrer au moins ${share.min} % de son temps ${share.on} ; la question en indique ${spent.value} %`);
    else check.met.push(`${spent.value} % du temps ${share.on} : le protocole en demande au moins ${share.min} %`);
  }
  for (const credential of lackedCredentials(requirements, practice)) check.missing.push(`il faut ${credential.name} pour être délégué ; d'après la question, ce n'est pas acquis`);
  return check;
}

/** A requirement someone states: the protocol's minimum (« 2 ans d'expérience »), or what the protocol asks instead. */
function checkStated(check: RequirementsCheck, isTheMinimum: boolean, stated: string, instead: string): void {
  if (isTheMinimum) check.met.push(`${stated} : c'est bien le minimum du protocole`);
  else check.missing.push(`le protocole demande ${instead}`);
}

/** The credentials the asker says they do not have yet (« je n'ai pas le DIU », « aucune formation », « not trained yet », « inscrite au DIU »). */
function lackedCredentials(requirements: Requirements | undefined, practice: AskerPractice): Requirements['credentials'] {
  return (requirements?.credentials ?? []).filter((credential) => lackedMention(practice.text, credential.words));
}

/** Does the question say something of the asker's practice that the protocol's requirements check? */
export function describesPractice(requirements: Requirements | undefined, practice: AskerPractice): boolean {
  const years = requirements?.years;
  const share = requirements?.share;
  return (
    (years !== undefined && figureFor(practice.years, years.of) !== undefined) ||
    (share !== undefined && figureFor(practice.shares, share.on) !== undefined) ||
    lackedCredentials(requirements, practice).length > 0
  );
}

function duration(years: number): string {
  if (years < 1) return `${Math.round(years * 12)} mois`;
  return `${Math.round(years * 10) / 10} an${years >= 2 ? 's' : ''}`;
}
