import { foldAccents, normalizeForMatch } from '../text/french.ts';
import { escapeRegExp } from '../text/escape-regexp.ts';
import { matchWords } from './phrase-match.ts';
import { MEMBER_BREAK, phrasesIn } from './negation.ts';
import { NUMBER_PATTERN, numberValue, spelledNumbersAsDigits } from '../text/number-words.ts';

/** What a question says of a patient, enough to check a protocol's population. Nothing here is stored. */
export interface PatientDescription {
  /** Age in years (months and weeks converted), when the question gives one. */
  age?: number;
  sex?: 'femme' | 'homme';
  /** How long the complaint has lasted, in days (« mal de dos depuis 2 semaines »). */
  onsetDays?: number;
  /** Home visits the patient had (« 4 visites à domicile l'an dernier », « two home visits »). */
  homeVisits?: number;
}

/** Words that name a patient (never a professional): an age or a sex is the patient's only when attached to one. */
/** The asker's own relative (« mon fils », « ma mère », « my son »): a patient; « sa mère » is the patient's relative. */
const mine = (relatives: string) => String.raw`(?:mon|ma|mes|notre|nos|my|our) (?:${relatives})`;
const FEMALE_RELATIVES =
  'mere|grand mere|mamie|epouse|femme|soeur|fille|petite fille|belle mere|belle fille|tante|niece|cousine|amie|copine|voisine|daughter|mother|grandmother|granddaughter|wife|sister|aunt|niece|mother in law|girlfriend';
const MALE_RELATIVES =
  'fils|pere|grand pere|papy|mari|frere|petit fils|beau pere|beau fils|oncle|neveu|cousin|ami|copain|voisin|son|father|grandfather|grandson|husband|brother|uncle|nephew|father in law|boyfriend';
/** « une jeune de 17 ans », « une enfant »: a noun of either sex, said of a girl or a woman by its article. */
const FEMALE_PERSON = String.raw`femmes?|filles?|fillette|jeune fille|patientes?|dames?|madame|mme|adolescentes?|clientes?|residentes?|gamines?|mamie|grand mere|etudiantes?|lyceennes?|collegiennes?|retraitees?|woman|women|girl|lady|${mine(FEMALE_RELATIVES)}|une (?:jeune|ado|enfant|adulte|malade|senior)`;
const MALE_PERSON = String.raw`hommes?|garcon|jeune homme|monsieur|mr|m(?= [b-xz] )|adolescent|gamin|papi|papy|grand pere|etudiants?|lyceens?|collegiens?|retraites?|man|men|boy|${mine(MALE_RELATIVES)}`;
/** For an age, anyone's relative too (« une maman avec son fils de 3 ans »). */
export const PERSON = String.raw`(?:${FEMALE_PERSON}|${MALE_PERSON}|(?:son|sa|ses|leur|leurs|his|her|their) (?:${FEMALE_RELATIVES}|${MALE_RELATIVES})|patients?|pts?|enfants?|ados?|bebe|nourrisson|personne|personnes|adulte|mineur|mineure|senior|resident|residente|clients?|clientes?|gamins?|gamines?|petits?|petites?|jeunes?|usagers?|usageres?|insuffisante?s? cardiaques?|diabetiques?|asthmatiques?|hypertendue?s?|malades?|child|kid|baby|infant|person|adult|customer)`;
const UNIT = String.raw`(ans?|annees?|years?|yrs?|mois|months?|semaines?|weeks?)`;

/** A professional named just before the word (« un infirmier homme », « sage-femme ») makes it no patient's sex. */
const PROFESSIONALS = String.raw`infirmiers?|infirmieres?|medecins?|kines?|kinesitherapeutes?|pharmaciens?|sages?|ide|nurses?|doctors?|physiotherapists?|pharmacists?`;
/** Things that last some years (« un contrat de 5 ans »): no person. */
const DURATION_NOUNS = String.raw`contrats?|experiences?|formations?|delais?|durees?|periodes?|mandats?|engagements?|exercices?|anciennetes?|projets?|plans?|programmes?|stages?|cycles?|accords?|avenants?|protocoles?|parcours|suivis?|diplomes?|etudes?|carriere|installation|remplacements?|contract|training|period|term|career`;

/**
 * « un enfant de 12 ans », « une femme de 70 ans », « patient âgé de 80 ans », « a 30 year old woman », « aged 70 »:
 * an age attached to a patient noun. « depuis 4 ans », « diplômé depuis 2 ans », « tous les 3 mois » are durations.
 */
const AGE = [
  // Not « une femme enceinte de 5 mois »: how long she has been pregnant.
  // « Mr B a 78 ans », « Mme L., 82 ans »: an initial after the title.
  new RegExp(String.raw`\b${PERSON}(?: [a-z](?= ))?(?: (?!enceinte\b|pregnant\b)\w+)? (?:de |d |of |agee?s? de |aged )?(\d{1,3}) ?${UNIT}\b`),
  new RegExp(String.raw`\b(\d{1,3}) ?(years?|yrs?|months?) old\b`),
  // « 30yo », « 30 y/o », « 30-year-old »'s abbreviations.
  new RegExp(String.raw`\b(\d{1,3}) ?(y ?o|yrs? ?o)\b`),
  new RegExp(String.raw`\b(?:agee?s? de|aged) (\d{1,3})(?: ?${UNIT})?\b`),
  // « elle a 15 ans », « she is 15 », « my patient is 72 », « il 80 ans » — not « il a 2 ans d'expérience », nor
  // « permet-il 10 visites ».
  new RegExp(String.raw`\b(?:(?:il|elle) a|(?:he|she|patient) (?:is|has)|he s|she s|patient s) (\d{1,3})(?! ?${UNIT}? (?:d experience|d exercice|de metier|de pratique|of experience|of practice))(?: ?${UNIT})?\b`),
  new RegExp(String.raw`\b(?:il|elle|he|she) (\d{1,3}) ?(?:ans?|years?)\b`),
  // « un joueur de foot de 25 ans », « footballeur de 30 ans, entorse » : someone named by what they do, opening the
  // question or a clause — not « un contrat de 5 ans », « une IDE de 3 ans d'expérience ».
  new RegExp(
    String.raw`(?:^|\b(?:un|une|a|an) )(?!(?:${DURATION_NOUNS}|${PROFESSIONALS})\b)(?:[a-z]+ ){0,2}?[a-z]{3,}(?<!\b(?:${DURATION_NOUNS}|${PROFESSIONALS})) (?:de|d|of) (\d{1,3}) ?(ans?|years?)\b(?! (?:d experience|d exercice|de metier|de pratique|d anciennete|of experience|of practice))`,
  ),
];

const AGE_UNITS: readonly [RegExp, number][] = [
  [/^(?:mois|months?)$/, 1 / 12],
  [/^(?:semaines?|weeks?)$/, 1 / 52],
];

const PROFESSIONAL_BEFORE = new RegExp(String.raw`\b(?:${PROFESSIONALS})\s$`);
/** « mon père est médecin », « mon frère, IDE », « my husband is a nurse »: a professional, not a patient. */
const PROFESSIONAL_AFTER = new RegExp(String.raw`^ (?:est |etait |is |was )?(?:un |une |a |an )?(?:${PROFESSIONALS})\b`);

/** The words that say a pregnancy (« enceinte », « grossesse », « pregnant »), a population a protocol's sources may not speak of. */
export const PREGNANCY: readonly string[] = ['enceinte', 'enceintes', 'grossesse', 'pregnant'];
/** Pregnancy named, said or denied (accent-folded; plurals and the English noun too). */
const PREGNANT = new RegExp(String.raw`\b(?:${[...PREGNANCY, 'pregnancy'].join('|')})s?\b`);
/** « sa femme », « his wife », « ma compagne »: a partner of someone, whose pregnancy is not the patient's. */
const SOMEONE_ELSES_PARTNER = /\b(?:sa|ma|his|my|their|leur) (?:femme|compagne|epouse|conjointe|wife|partner|girlfriend)\b/;

/** The patient a question describes: age and sex when it attaches them to a patient. */
export function describePatient(text: string): PatientDescription {
  // « une patiente de quarante-deux ans » is « … de 42 ans ».
  const n = spelledNumbersAsDigits(normalizeForMatch(text));
  const described: PatientDescription = {};
  const age = ageIn(n) ?? apposedAge(text);
  if (age !== undefined) described.age = age;
  const onset = onsetIn(n);
  if (onset !== undefined) described.onsetDays = onset;
  const visits = HOME_VISITS.exec(n) ?? DOCTOR_CAME.exec(n);
  if (visits?.[1]) described.homeVisits = /^(?:aucune|no)$/.test(visits[1]) ? 0 : numberValue(visits[1]);
  else if (NEVER_VISITED.test(n)) described.homeVisits = 0;
  // « a 64-year-old … calls with burning when she passes urine »: of a patient whose age is given, English says the sex
  // in its pronouns, when all say one (« my husband is a nurse, can he… » describes no patient).
  const pronouns = age !== undefined;
  const male = namesPatient(n, MALE_PERSON) || (pronouns && HE.test(n) && !SHE.test(n));
  // « a pregnant 28-year-old », « pas enceinte »: only a woman is said to be pregnant or not — unless a man is the
  // patient and the pregnancy someone else's (« il dit que sa femme n'est pas enceinte »).
  const pregnantPatient = age !== undefined && PREGNANT.test(n) && !male && !HE.test(n) && !SOMEONE_ELSES_PARTNER.test(n);
  const female = namesPatient(n, FEMALE_PERSON) || (pronouns && SHE.test(n) && !HE.test(n)) || pregnantPatient;
  if (female !== male) described.sex = female ? 'femme' : 'homme';
  return described;
}

/**
 * « une cliente fidèle de la pharmacie, 55 ans, … »: the age set off by a comma after words that say who the patient is
 * (read on the text with its punctuation: « cystite récidivante 3 ans », « symptômes 2 semaines », « 3 ans de suivi »
 * give none).
 */
const APPOSED_AGE = new RegExp(String.raw`\b${PERSON}(?: [^\d,.;:!?()]+?){1,6}?, (\d{1,3}) ?(?:ans|years?|yo)\b(?! ?(?:de|d'|d’|of|ago|plus tot|auparavant)\b)`);

function apposedAge(text: string): number | undefined {
  const said = APPOSED_AGE.exec(foldAccents(text.toLowerCase()).replace(/\s+/gu, ' '));
  return said?.[1] ? Number(said[1]) : undefined;
}

function ageIn(n: string): number | undefined {
  for (const pattern of AGE) {
    const match = pattern.exec(n);
    if (!match?.[1]) continue;
    const unit = AGE_UNITS.find(([u]) => u.test(match[2] ?? ''))?.[1] ?? 1;
    return Number(match[1]) * unit;
  }
  return undefined;
}

/**
 * The figure a question gives of a score named by these words (« score IADL de déplacement à 0 », « IADL = 0 »,
 * « IADL mobility score of 0 »): the first whole figure within a few words after the name (« 0,5 » reads 0).
 */
export function scoreSaid(text: string, words: readonly string[]): number | undefined {
  const names = words.map((word) => escapeRegExp(normalizeForMatch(word))).join('|');
  const n = spelledNumbersAsDigits(normalizeForMatch(text.replace(/<\s*/gu, ' inferieur a ')));
  const said = new RegExp(String.raw`\b(?:${names})\b(?: (?!\d)\w+){0,4}? (${BELOW} )?(\d+)\b`).exec(n);
  if (said?.[2] === undefined) return undefined;
  // « inférieur à 1 », « < 1 »: the score is a whole number, at most the one below.
  return Number(said[2]) - (said[1] ? 1 : 0);
}

/** Words that put a score below a figure (« inférieur à 1 », « < 1 », « moins de 1 », « below 1 »), accent-folded. */
const BELOW = String.raw`(?:inferieure? a|moins de|below|under|less than)`;

/** The doctor's home visits in the past year (« 4 visites à domicile du médecin », « aucune visite à domicile l'an dernier »), not a nurse's to come. */
const HOME_VISITS = new RegExp(
  String.raw`\b(${NUMBER_PATTERN}|une|un|one|aucune|no)(?: seule?)? (?:visites? (?:a domicile|au domicile)|home visits?|visites? du medecin a domicile)\b(?=.*\b(?:medecin|generaliste|mg|doctor|gp|l an dernier|l annee (?:derniere|passee|precedente)|last year|past year|depuis un an)\b)`,
);

/** « n'a jamais eu de visite à domicile », « pas de visite à domicile », « never had a home visit »: none, whenever. */
const NEVER_VISITED = /\b(?:jamais (?:eu|recu|beneficie d) (?:de |d |une )?|pas (?:eu|recu) (?:de |d |une )?|aucune |never (?:had|received) (?:a |any )?|(?:has|have) not had (?:a |any )?|(?:hasn|haven) t had (?:a |any )?)(?:seule )?(?:visites? (?:a|au) domicile|home visits?)\b/;

/** « le médecin est venu 4 fois », « le MG est passé 2 fois chez lui », « venu le voir chez lui cinq fois », « the GP came 3 times ». */
const DOCTOR_CAME = new RegExp(String.raw`\b(?:medecin|generaliste|mg|doctor|gp)\b(?: \w+){0,3} (?:venu|venue|passe|alle|came|visited|went)(?: \w+){0,4} (${NUMBER_PATTERN}) (?:fois|times)\b`);

/** A complaint and how long it has lasted: « mal de dos depuis 2 semaines », « douleur depuis hier », « pain for 3 days ». */
const ONSET = new RegExp(
  String.raw`\b(?:mal|maux|douleurs?|symptomes?|gene|pain|ache|symptoms?|lombalgie|lumbago)\b(?: \w+){0,4}? (?:depuis|for|since) (?:(?:about|around|roughly|nearly|almost|over|environ|presque|pres de|plus de|bientot) )?(?:(${NUMBER_PATTERN}) (jours?|semaines?|mois|heures?|h|days?|weeks?|months?|hours?)|(hier|ce matin|yesterday|this morning))\b`,
);
const ONSET_UNITS: readonly [RegExp, number][] = [
  [/^(?:heures?|h|hours?)$/, 1 / 24],
  [/^(?:jours?|days?)$/, 1],
  [/^(?:semaines?|weeks?)$/, 7],
  [/^(?:mois|months?)$/, 30],
];

function onsetIn(n: string): number | undefined {
  const match = ONSET.exec(n);
  if (!match) return undefined;
  if (match[3]) return 1;
  const count = numberValue(match[1] ?? '0');
  const unit = ONSET_UNITS.find(([pattern]) => pattern.test(match[2] ?? ''))?.[1] ?? 1;
  return count * unit;
}

function namesPatient(n: string, words: string): boolean {
  for (const match of n.matchAll(new RegExp(String.raw`\b(?:${words})\b`, 'g'))) {
    const after = n.slice(match.index + match[0].length);
    const before = n.slice(0, match.index);
    if (!PROFESSIONAL_BEFORE.test(before) && !THEIRS_BEFORE.test(before) && !OF_SOMEONE.test(after) && !PROFESSIONAL_AFTER.test(after)) return true;
  }
  return false;
}

const SHE = /\b(?:she|her|hers|herself)\b/;
const HE = /\b(?:he|him|his|himself)\b/;

/** « venu avec sa femme », « his wife »: someone's relative, not the patient. */
const THEIRS_BEFORE = /\b(?:sa|son|ses|leur|leurs|his|her|their)\s$/;

/** « la mère du patient », « the mother of the child »: someone's relative, not the patient. */
const OF_SOMEONE = /^ (?:du|de la|de l|des|of the|of my|of his|of her)\b/;

/** Is the condition named in the text (plurals and one typo allowed), and not negated (« sans fièvre », « pas enceinte », « no fever »)? */
export function mentionsCondition(text: string, words: readonly string[]): boolean {
  return conditionMention(text, words) === 'said';
}

/** A body temperature in whole °C (35 to 42), and its decimal after a comma or a point. */
const WHOLE_DEGREES = String.raw`(3[5-9]|4[0-2])`;
const DEGREES = String.raw`${WHOLE_DEGREES}(?:[,.](\d))?`;
/**
 * « 38,5 », « 39 °C », « 39 degrés », « fièvre à 39 », « température 37,8 », « temp of 38.2 »: a temperature the question
 * gives. A whole number alone (« elle a 39 ans ») is none: a decimal, a unit or the word it measures says it is one.
 */
const TEMPERATURES = [
  new RegExp(String.raw`(?<![\d,.])${DEGREES}\s*(?:°|degr[ée]s?\b)`, 'iu'),
  new RegExp(String.raw`\b(?:fi[èe]vre|temp[ée]rature|temp|t°|fever|f[ée]brile)\s*(?:[àa:=]|de|of|at|is)?\s*${DEGREES}(?![\d,.])`, 'iu'),
  new RegExp(String.raw`(?<![\d,.])${WHOLE_DEGREES}[,.](\d)(?![\d,.]|\s*(?:%|€|(?:ans|an|years?|kg|mois|months?|cm|euros?|semaines?|weeks?|h)\b))`, 'iu'),
];

export function temperatureSaid(text: string): number | undefined {
  for (const pattern of TEMPERATURES) {
    const said = pattern.exec(text);
    if (said?.[1]) return Number(`${said[1]}.${said[2] ?? '0'}`);
  }
  return undefined;
}

/**
 * How the text speaks of the condition: said, said to be absent or not at all ('absent'), or in doubt (« je ne sais
 * pas si elle a de la fièvre », « peut-être enceinte »).
 */
export function conditionMention(text: string, words: readonly string[], unless: readonly string[] = []): ConditionMention {
  // Each member of the sentence on its own: « pas de douleur, fièvre à 39 » negates the pain, not the fever.
  let mention: ConditionMention = 'absent';
  const members = text.split(MEMBER_BREAK).map((member) => ({ member, words: matchWords(member) }));
  const qualifiers = unless.map((qualifier) => matchWords(qualifier));
  for (const [index, { member, words: memberWords }] of members.entries()) {
    const doubted = DOUBT.test(normalizeForMatch(member));
    const named = phrasesIn(memberWords, words)
      .filter((mention) => doubted || !mention.negated)
      .map((mention) => mention.end);
    if (named.length === 0) continue;
    // « schizophrène stabilisé », « bipolaire, équilibré sous lithium », « (stabilisé) » — not « non stabilisé », nor
    // « stable sur le plan cardiaque mais schizophrène décompensé »: the excluding form of the condition is only to check.
    const after = (end: number) => [...memberWords.slice(end, end + QUALIFIER_REACH), ...(end === memberWords.length ? (members[index + 1]?.words.slice(0, 1) ?? []) : [])];
    const qualified = named.some((end) => {
      const window = after(end);
      const saidAt = (i: number) => qualifiers.some((qualifier) => qualifier.length > 0 && qualifier.every((word, k) => window[i + k] === word));
      return window.some((_, i) => saidAt(i) && !window.slice(Math.max(0, i - 2), i).some((w) => UNQUALIFYING.has(w)));
    });
    if (doubted) mention = 'doubtful';
    else if (qualified) mention = mention === 'doubtful' ? mention : 'qualified';
    else return 'said';
  }
  return mention;
}

/**
 * How a text speaks of a condition: as the patient's (`said`), in doubt (« peut-être une fièvre »), only in the form
 * the protocol admits (`qualified`: « schizophrène stabilisé »), or not at all.
 */
export type ConditionMention = 'said' | 'doubtful' | 'qualified' | 'absent';

/** How many words after a condition its qualifier may stand (« schizophrène bien stabilisé »). */
const QUALIFIER_REACH = 3;
/** Words that turn a qualifier around (« non stabilisé », « pas encore stabilisé », « mal équilibré »). */
const UNQUALIFYING: ReadonlySet<string> = new Set(['non', 'pas', 'plus', 'mal', 'peu', 'jamais', 'not', 'poorly', 'un']);

/** Words that put what follows in doubt. */
const DOUBT = /\b(?:je ne sais pas si|on ne sait pas si|sais pas si|pas sur(?:e)? qu|peut etre|eventuellement|possiblement|not sure|maybe|perhaps|possibly|unsure)\b/;
