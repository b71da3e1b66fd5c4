import { z } from 'zod';
import { normalizeForMatch } from '../text/french.ts';

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
});
export type Requirements = z.infer<typeof RequirementsSchema>;

/** What the asker says of their own practice. */
export interface AskerPractice {
  years?: number;
  share?: number;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|un|une|deux|trois|quatre|cinq|six|dix|one|two|three|four|five|six|ten)`;
const UNIT = String.raw`(ans?|annees?|mois|years?|months?)`;
const WORDS: Record<string, number> = { un: 1, une: 1, one: 1, deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5, six: 6, dix: 10, ten: 10 };

/** « 1 an d'expérience », « 5 ans de métier », « 2 years of experience ». */
const YEARS_OF = new RegExp(String.raw`\b${NUMBER} ${UNIT} (?:d experience|d exercice|de metier|d anciennete|de pratique|de diplome|of experience|of practice|in the job)\b`);
/** « IDE aux urgences depuis 6 mois », « I've been an ER nurse for 2 years »: a duration said of the asker. */
const FOR_DURATION = new RegExp(String.raw`\b(?:je suis|j exerce|je travaille|je bosse|i ve been|i have been|i am|i m|working as)\b.{0,60}?\b(?:depuis|for|since) ${NUMBER} ${UNIT}\b`);
/** « IDE aux urgences depuis 6 mois » at the start of a message, where the asker names their job. */
const JOB_FOR = new RegExp(String.raw`^((?:\w+ ){1,5})(?:depuis|for) ${NUMBER} ${UNIT}\b`);
/** Words that make a duration someone else's or something's (« un patient suivi depuis 2 ans », « le protocole existe depuis… »). */
const NOT_THE_ASKER = /\b(?:patients?|patientes?|enfants?|femmes?|hommes?|monsieur|madame|bebe|protocoles?|msp|cpts|equipe|structure|existe|suivie?s?)\b/;
/** « je ne fais que 30 % d'écho », « 30% of my time ». */
const SHARE = /\b(\d{1,3}) (?:pour cent|percent)(?: (?:de|d|of))? (?:mon |ma |my )?(?:temps|time|activite|activity|echo\w*|ultrasound|travail|work)/;

/**
 * What the question says of the asker's practice. `professionNamed` tells whether the text names a profession
 * first (« IDE aux urgences depuis 6 mois ») — a duration at the start is then the asker's.
 */
export function askerPractice(text: string, professionNamed: boolean): AskerPractice {
  const n = normalizeForMatch(text);
  const practice: AskerPractice = {};
  const years = YEARS_OF.exec(n) ?? FOR_DURATION.exec(n) ?? jobFor(n, professionNamed);
  if (years?.[1] && years[2]) practice.years = numberOf(years[1]) / (/^(?:mois|months?)$/.test(years[2]) ? 12 : 1);
  const share = SHARE.exec(normalizeForMatch(text.replace(/%/g, ' pour cent ')));
  if (share?.[1]) practice.share = Number(share[1]);
  return practice;
}

/** The number and unit of « IDE aux urgences depuis 6 mois », when the words before name no one and nothing else. */
function jobFor(n: string, professionNamed: boolean): [string, string, string] | null {
  const match = professionNamed ? JOB_FOR.exec(n) : null;
  if (!match?.[2] || !match[3] || NOT_THE_ASKER.test(match[1] ?? '')) return null;
  return [match[0], match[2], match[3]];
}

function numberOf(word: string): number {
  return WORDS[word] ?? Number(word.replace(',', '.'));
}

/** What the asker lacks, one reason each (« il faut au moins 1 an d'exercice aux urgences ; la question en indique 6 mois »). */
export function missingRequirements(requirements: Requirements | undefined, practice: AskerPractice): string[] {
  const missing: string[] = [];
  const years = requirements?.years;
  if (years && practice.years !== undefined && practice.years < years.min) {
    missing.push(`il faut au moins ${duration(years.min)} ${years.of} pour être délégué ; la question en indique ${duration(practice.years)}`);
  }
  const share = requirements?.share;
  if (share && practice.share !== undefined && practice.share < share.min) {
    missing.push(`il faut consacrer au moins ${share.min} % de son temps ${share.on} ; la question en indique ${practice.share} %`);
  }
  return missing;
}

/** Does the question say something of the asker's practice that the protocol's requirements check? */
export function describesPractice(requirements: Requirements | undefined, practice: AskerPractice): boolean {
  return (requirements?.years !== undefined && practice.years !== undefined) || (requirements?.share !== undefined && practice.share !== undefined);
}

function duration(years: number): string {
  if (years < 1) return `${Math.round(years * 12)} mois`;
  return `${Math.round(years * 10) / 10} an${years >= 2 ? 's' : ''}`;
}
