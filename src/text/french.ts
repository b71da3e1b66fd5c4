import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { memoize } from './memo.ts';
import { editDistance } from './edit-distance.ts';

/**
 * The French text pipeline shared by the lexical index, the matchers and the
 * vector embedder: lowercase, strip elisions, drop stop words, stem (before
 * folding accents, as the Snowball French stemmer expects), then fold accents.
 */
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(lang: string): { stem(word: string): string } };
const stopwordsIso = require('stopwords-iso') as Record<string, string[]>;

const stemmer = snowball.newStemmer('french');

const ELISION_ANY_CASE = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/iu;

/**
 * Words of the generic French stop list that mean something in this domain
 * (« mal de dos », « premier recours », « personnes âgées », « diplômé d'État »,
 * « CLIC », « nouveau protocole »…): they stay searchable.
 */
const DOMAIN_WORDS = new Set<string>([
  'dos', 'clic', 'état', 'premier', 'première', 'personne', 'personnes', 'nouveau', 'nouveaux', 'proche',
  'ouvert', 'ouverte', 'ouverts', 'sujet', 'unique', 'uniques', 'specifique', 'specifiques', 'necessaire',
  'prealable', 'directe', 'parole', 'début', 'bas', 'haut', 'relative', 'valeur', 'plein', 'possible', 'possibles',
]);

/** Words that carry no meaning for retrieval: French stop words (less the domain's), question words, English ones. */
const STOP_WORDS = new Set<string>([
  ...(stopwordsIso.fr ?? []).filter((word) => !DOMAIN_WORDS.has(word)),
  'quel', 'quelle', 'quels', 'quelles', 'quoi', 'kesako', 'kézako', 'késako', 'quesaco', 'quézako', 'comment', 'combien', 'pourquoi', 'est-ce', 'estce',
  'qu', 'que', 'qui', 'ou', 'où', 'c', 'est', 'sont', 'ce', 'cela', 'ça', 'ca', 'faut', 'peut', 'peuvent',
  'y', 'a', 'il', 'elle', 'ils', 'elles', 'on', 'un', 'une', 'des', 'les', 'le', 'la', 'du', 'de',
  'the', 'what', 'is', 'are', 'who', 'how', 'which', 'does', 'do', 'can', 'of', 'an', 'to', 'in', 'for', 'and', 'or',
  'i', 'we', 'my', 'our', 'you', 'your', 'has', 'have', 'be', 'with', 'there', 'should', 'need', 'needs', 'get',
  'it', 'its', 'this', 'that', 'these', 'those', 'at', 'by', 'from', 'as', 'if', 'then', 'than', 'so',
  'they', 'them', 'their', 'he', 'she', 'his', 'her', 'me', 'us', 'am', 'was', 'were', 'been', 'being', 'will',
  'would', 'could', 'may', 'might', 'must', 'shall', 'when', 'where', 'why', 'about', 'into', 'any', 'some', 'all',
  'not', 'no', 'yes', 'just', 'also', 'only', 'very', 'still', 'did', 'done', 'got', 'one',
  'besides', 'itself', 'himself', 'herself', 'themselves', 'yourself', 'myself', 'ourselves', 'within', 'through', 'like',
  'more', 'really', 'actually', 'such', 'again', 'already', 'ever', 'even', 'now',
  'many', 'much', 'per', 'each', 'every', 'own', 'whether', 'whose', 'whom', 'here', 'too', 'him', 'while',
  'kind', 'someone', 'somebody', 'something', 'anyone', 'anybody', 'anything', 'everyone', 'everybody', 'everything',
  // English verbs that frame what is asked (« start to use a protocol », « we want to go on with it »): rare in a
  // French base, they would otherwise weigh as its most telling words.
  'use', 'uses', 'using', 'used', 'start', 'starts', 'starting', 'started', 'want', 'wants', 'wanted', 'go', 'goes', 'going',
  'make', 'makes', 'making',
  // SMS spellings of stop words (« ds notre cpts », « pr les IDE », « qd »).
  'ds', 'pr', 'qd', 'tt', 'tjrs', 'tjs', 'bcp', 'pk', 'pq', 'mnt', 'mtn', 'ajd', 'auj', 'qqn', 'qqch', 'dc', 'vrmt', 'pcq', 'psk',
  'cest', 'cetait', 'jai', 'jsuis', 'chui', 'koi', 'ki', 'ke', 'kel', 'kelle', 'kels', 'kelles', 'kan', 'koment', 'cmt', 'kom',
  // Words that say how to answer, not what is asked (« vraiment », « concrètement », « in plain terms », « please »).
  'vraiment', 'concrètement', 'exactement', 'simplement', 'justement', 'réellement', 'franchement', 'clairement', 'précisément',
  'globalement', 'basiquement', 'brièvement', 'svp', 'stp', 'merci', 'plain', 'terms', 'simply', 'basically', 'exactly',
  'briefly', 'roughly', 'please', 'thanks', 'agit',
  // Nouns that stand in for the thing asked about (« c quoi ce truc ? », « what sort of thing is that? »).
  'truc', 'trucs', 'machin', 'machins', 'bidule', 'thing', 'things', 'stuff', 'sort',
  // « … actuellement ? », « … today? » ask for what holds now, which no word of an answer says.
  'actuellement', 'aujourd', 'hui', 'maintenant', 'désormais', 'currently', 'today', 'nowadays', 'presently',
  // « été » as accent-folded text writes it (« ont-ils ete retirés »); not « passe », « cote », which are words of their own.
  'ete',
  // « vis-à-vis de », a preposition in three words.
  'vis',
  // Forms of the verbs that frame a question (faire, devoir, pouvoir, aller, vouloir, falloir) the list leaves out.
  'fasse', 'fassent', 'fassions', 'ferait', 'feraient', 'fera', 'ferai', 'faisons', 'faisait', 'doive', 'doivent', 'devraient',
  'devront', 'dois', 'devons', 'devez', 'devait', 'devaient', 'devrais', 'pourra', 'pourront', 'puisse', 'puissent', 'pourraient', 'pouvons', 'pouvez', 'aille',
  'aillent', 'irait', 'veuille', 'veut', 'veulent', 'voudrait', 'voudrais', 'voulons', 'faudrait', 'faudra', 'fallait',
]);

/**
 * Sigles written in capitals whose lowercase is a stop word (« la HAS », English « has »): read as a word of their own,
 * in questions and in the base alike.
 */
const CAPITAL_SIGLES: ReadonlyMap<string, string> = new Map([['HAS', 'hassigle']]);

const english = snowball.newStemmer('english');

/**
 * « assessed », « allowed », « prescribing »: English past and -ing forms, which the French stemmer leaves whole, are
 * stemmed as English, so that they meet « assesses », « allow », « prescribe » (no French word ends so).
 */
const ENGLISH_ENDING = /^[a-z]{3,}(?:[^e]ed|ing)$/;

/**
 * An English contraction's ending (« what's », « we're », « isn't »): the word is the one before it (« what », « is »),
 * often a stop word, and no French word ends so.
 */
const ENGLISH_CONTRACTION = /(?:['’](?:s|re|ve|ll|d|m)|n['’]t)$/iu;

/** « œuvre » is typed « oeuvre » on most keyboards: ligatures are two letters. */
const LIGATURES = /[œŒæÆ]/gu;
const LIGATURE_LETTERS: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE' };

/**
 * What the pipeline drops and keeps, as a short fingerprint: an index built with other stop words, or other words
 * stemmed as English, holds other terms than a question is now read into, so it is rebuilt.
 */
export const TEXT_PIPELINE_ID = createHash('sha256')
  .update([...STOP_WORDS].sort().join(' '))
  .update([...CAPITAL_SIGLES].join(' '))
  .update(ENGLISH_ENDING.source)
  .update(ENGLISH_CONTRACTION.source)
  .update(LIGATURES.source)
  .digest('hex')
  .slice(0, 16);

export function foldAccents(text: string): string {
  // Plain ASCII (most words once lowercased) has nothing to fold.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  return splitLigatures(text.normalize('NFD').replace(/\p{Diacritic}/gu, '').normalize('NFC'));
}

/** « œuvre » → « oeuvre »: the only change of folding that changes the length of NFC text. */
export function splitLigatures(text: string): string {
  return text.replace(LIGATURES, (ligature) => LIGATURE_LETTERS[ligature] ?? ligature);
}

/** One token lowercased, without its elision (« l'ordre » → « ordre », « la HAS » → the sigle's own word). */
function bareWord(token: string): string {
  const bare = token.replace(ELISION_ANY_CASE, '').replace(ENGLISH_CONTRACTION, '').replace(/['’]/g, '');
  return CAPITAL_SIGLES.get(bare) ?? bare.toLowerCase();
}

/** Lowercase words, elisions removed, hyphenated words kept as separate parts. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[^\p{L}\p{N}'’]+/u)) {
    const word = raw ? bareWord(raw) : '';
    if (word) out.push(word);
  }
  return out;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || STOP_WORDS.has(foldAccents(word));
}

/** Stop words long enough for a typo in them to be told apart from another word (« simplment », « vraiement »). */
const MIN_MISSPELT_STOP_WORD = 8;
const LONG_STOP_WORDS = [...new Set([...STOP_WORDS].map(foldAccents))].filter((word) => word.length >= MIN_MISSPELT_STOP_WORD);

/** Is the word one letter off a long stop word (« simplment » for « simplement »)? On lowercase, accent-folded text. */
export const isMisspeltStopWord = memoize((word: string): boolean => {
  if (word.length < MIN_MISSPELT_STOP_WORD - 1) return false;
  return LONG_STOP_WORDS.some((stop) => Math.abs(stop.length - word.length) <= 1 && editDistance(word, stop, 1) <= 1);
}, 5000);


/** Stem one lowercase word, then fold its accents (memoised: the vocabulary is small). */
export const stem: (word: string) => string = memoize((word) => (ENGLISH_ENDING.test(word) ? english.stem(word) : foldAccents(stemmer.stem(word))));

/**
 * « travaillent », « signent », « délèguent »: a third person plural the stemmer leaves whole, read as its singular
 * (« travaille » → travaill). A noun may end so too (« patient »): callers use it only for a term the base never uses.
 */
export function pluralVerbStem(term: string): string | undefined {
  return term.length >= MIN_PLURAL_VERB && term.endsWith('ent') ? stem(term.slice(0, -2)) : undefined;
}

const MIN_PLURAL_VERB = 6;

/** The term of one token (the lexical index's tokenizer hands them one by one), or null for a stop word. */
export function termOf(token: string): string | null {
  const word = bareWord(token);
  return word && !isStopWord(word) ? stem(word) : null;
}

/** The index/query terms of a text: content words, stemmed and accent-folded. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (!isStopWord(word)) out.push(stem(word));
  }
  return out;
}

/** Lowercase, accent-folded, punctuation collapsed to single spaces: for phrase matching (memoised). */
export const normalizeForMatch: (text: string) => string = memoize((text) =>
  foldAccents(text.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
);
