import { isMisspeltStopWord, normalizeForMatch, terms } from '../text/french.ts';
import { ASPECT_NOUNS, canonicalQuestion } from './question-forms.ts';

/** What a question asks for, which decides how its answer is composed (`number`: a quantity, an amount or a date). */
export type QuestionKind = 'definition' | 'comparison' | 'number' | 'who' | 'steps' | 'yes-no' | 'open';

/** A part of the question and how much its words should count. */
export interface Clause {
  text: string;
  /** 1 for the clause that asks, less for the asker's situation (« nous on ferme à 19h »). */
  weight: number;
  /** An earlier question of the thread, which this one follows up on. */
  earlier?: boolean;
  /** A claim someone reported (« ma collègue dit que… »): its figures are what is checked. */
  claim?: boolean;
}

export interface AnalysedQuestion {
  /** The question, with colloquial and English "what is" forms rewritten to the French one. */
  text: string;
  kind: QuestionKind;
  /** The words that ask for that kind of answer (« par quoi on commence », « combien de »), empty for « open ». */
  kindWords?: string;
  clauses: Clause[];
  /** The two things compared (« différence entre X et Y »), for a comparison. */
  sides?: [string, string];
  /** The two questions of a two-part question (« c'est quoi, et il y a combien d'axes ? »). */
  parts?: [string, string];
}

/** Weight of a clause that describes the asker's own situation rather than what is asked. */
export const SITUATION_WEIGHT = 0.3;
/** Weight of a clause that neither asks nor describes the asker (a topic set before the question). */
export const TOPIC_WEIGHT = 0.8;

/**
 * Interrogative marks of a clause, on accent-folded lowercase text; « on voudrait savoir quels protocoles… » asks
 * without a question mark.
 */
const ASKS =
  /\?|^(?:(?:sur|pour|par|de|dans|avec|a|en|selon|chez|depuis|on|in|for|with|by|from|at) )?(?:quel|quelle|quels|quelles|qui|quoi|combien|lequel|laquelle|lesquels|lesquelles|what|which|whom)\b|^(?:qu|quel|quelle|quels|quelles|qui|quoi|comment|combien|pourquoi|ou|quand|est ce|peut on|peut il|peut elle|peuvent|faut il|doit on|doit il|a t on|y a t il|existe t il|what|who|how|which|when|where|why|is|are|can|does|do|should)\b|\b(?:est ce que|qu est ce|c est quoi|veut dire|signifie)\b|\b\w+ t (?:il|elle|on)\b|\b(?:peut|peuvent|doit|doivent|faut|est|sont|ont|existe|puis|dois|pourrait|pourrais|pourrions|peux|sais|sait) (?:il|elle|on|ils|elles|je|tu|nous|vous)\b|\b(?:savoir|know) (?:quel|quels|quelle|quelles|comment|combien|lequel|laquelle|lesquels|lesquelles|what|which|how)\b|(?<!\bsais (?:pas )?)\bquoi\b(?= [a-z])(?! que\b)/;
/**
 * A clause that starts with the asker (« on est 6 dans un village », « je suis kiné ») describes them; one that
 * only mentions them (« pour déclarer qu'on applique le protocole ») is part of what is asked.
 */
const ABOUT_ASKER = /^(?:(?:et|mais|alors|bon|donc|bonjour|salut|hello|hi|so|and|well)\s+)*(?:je|j|nous|notre|nos|mon|ma|mes|moi|on|we|our|i|my|chez nous|ici|perso)\b|^[^,;.!?]{1,40}\bici\s*[!.]?\s*$/;

/** A name that opens with a possessive (« Ma Santé 2022 », « Mon espace santé »), not the asker's own (« ma MSP », « mon cabinet »). */
const NAMED_WITH_POSSESSIVE = /^(?:Ma|Mon|Mes)\s+(?:\p{Lu}\p{Ll}|espace sant)/u;

/** « quand » / « when » asking for a date, not joining two clauses (« quand elle fait pipi », « when she pees »). */
const WHEN = String.raw`(?:^(?:et )?(?:quand|when)\b(?! (?:il|elle|ils|elles|on|je|tu|nous|vous|he|she|they|it|you|we|i)\b)|\b(?:depuis|jusqu a|a partir de|c est|c etait|pour|d ici|since|until) (?:quand|when)\b|\b(?:quand|when) (?:est ce|a t|ont|est|sont|etait|doit|faut|commence|sera|seront|was|were|did|is|will|does)\b|\b(?:quand|when)\s*$|\b\w+(?:e|es|ee|ees|i|is|ie|ies|u|ue|t|te)\s+(?:quand|when)\b(?! (?:meme|il|elle|ils|elles|on|je|tu|nous|vous|le|la|les|un|une|he|she|they|it|the|a|you|we|i)\b))`;

/** The words that set things apart (accent-folded): « différence », « vs », « compare »… */
const APART_WORDS = String.raw`difference|differences|diff|differencier|distinguer|distingue|distinguent|comparer|comparaison|versus|vs|compare|compared|difference between|differe|differs|distinguish|distinguishes|differ`;
/**
 * The words that say things alike or one against the other: « c'est pareil », « la même chose », « the same » — not
 * doing what others did (« on voudrait faire la même chose », « we'd like to do the same »), unless a side follows
 * (« faire la même chose qu'une MSP », « do the same as an MSP »).
 */
const ALIKE_WORDS = String.raw`chacun|chacune|respectivement|each of them|in each|(?:c est|cest|c|ce sont|sont ils|sont elles|ca compte|ca marche) (?:pareils?|pareilles?|la meme chose|identiques?)|(?<!\b(?:faire|fait|fais|font|refaire) (?:la )?)meme chose|(?:faire|fait|fais|font) (?:la )?meme chose (?=qu)|(?<!\b(?:do|did|does|doing|done) )the same(?: thing)?|(?:do|did|does|doing|done) the same(?: thing)? (?=as\b)|which (?:one )?is (?:better|best)|(?:lequel|laquelle) (?:est|serait) (?:le |la )?(?:mieux|plus (?:simple|adapte|adaptee)|preferable)`;
/** The words that ask for a comparison (accent-folded), and all of them in a question (« vs … c'est pareil ? »). */
const COMPARISON = new RegExp(String.raw`\b(?:${APART_WORDS}|${ALIKE_WORDS})\b`);
const COMPARISON_EVERYWHERE = new RegExp(COMPARISON.source, 'g');
/** The words of COMPARISON that set things apart (not those that say them alike). */
const SETS_APART = new RegExp(String.raw`\b(?:${APART_WORDS})\b`);

/** A question asking what something is or means (accent-folded). */
const DEFINITION = new RegExp(
  String.raw`\b(?:qu est ce qu(?:e|un|une)?(?! (?:je|j|tu|il|elle|on|nous|vous|ils|elles|ca|cela|c)\b)|qu est ce qu on (?:appelle|entend par|designe)|qu est ce que (?:ca|cela) (?:veut dire|signifie|designe)|ce qu est|ce que sont|(?<!\best )ce que c est|c est quoi|c est koi|cest (?:quoi|koi)|c (?:quoi|koi)|kesako|kezako|quesaco|quezako|que (?:signifie|veut dire|designe)|veut dire quoi|definition|(?:what is|what s|whats|what are)(?! (?:(?:a|an|the) )?(?:${ASPECT_NOUNS})\b)|what does (?:\w+ ){1,4}(?:mean|stand for)|de quoi (?:il )?s agit(?: il)?|ce dont il s agit|(?:sert|servent|servirait) a quoi|consiste(?:nt)? en quoi|en quoi (?:ca |cela )?consiste(?:nt)?|what does (?:it|that|this) (?:consist of|involve|mean)|a quoi (?:\w+ ){0,3}(?:sert|servent)|what (?:an? |the )?[\w-]+(?: [\w-]+){0,2} (?:is|are|means)(?! (?:\w+ed|given|done|paid|taken|made|known|seen)\b)|meaning of|stand for)\b`,
);

const DEFINITION_EVERYWHERE = new RegExp(DEFINITION.source, 'g');

const KIND_PATTERNS: readonly [QuestionKind, RegExp][] = [
  ['comparison', COMPARISON],
  ['steps', /\b(?:comment(?: \w+){0,3} (?:faire|fait|fais|creer|cree|monter|monte|ouvrir|ouvre|declarer|declare|devenir|deviens|devient|mettre|met|obtenir|obtient|rejoindre|elaborer|constituer|deposer|depose|proceder|lancer|lance|inscrire|adherer|signer|organiser|s y prendre)|(?:quelles (?:sont les )?|les |premieres? )(?:grandes |principales |differentes |grosses )?etapes?|demarches?|procedure|par (?:ou|quoi) (?:on |je |nous )?commence\w*|(?:on )?commence(?:r)? par quoi|dans quel ordre|(?:on|je|nous) (?:s y|m y|nous y) prend\w*|(?:qu est ce qu on|que) doit (?:on )?faire|(?:doit|doivent|dois|devons|faut)(?: il| on)? faire quoi|que faut il faire|how (?:do|to|can|should) (?:i|we|you)? ?(?:set|create|start|open|declare|become|join|build|proceed|go about|apply|get)|what (?:are the )?(?:main |key )?steps|(?:what s the|what is the|qu est ce que) (?:\w+ )?process\b|the steps (?:to|for)|steps to|where (?:do|should) (?:we|i) start|(?<=\bcomment (?:\w+ ){0,2})(?:se passe|se passent|se deroule|se deroulent|marche|marchent|fonctionne|fonctionnent)|(?:ca|cela) se (?:passe|deroule) comment|de a a z|etape par etape|step by step|(?<=\bhow does (?:\w+ ){1,6})(?:work|happen|go)|walk (?:me|us) through|what (?:do|does|should|must) (?:we|i|they) (?:have|need) to do)\b/],
  ['definition', DEFINITION],
  ['number', new RegExp(String.raw`\b(?:combien|quel (?:montant|tarif|nombre|budget|age|delai|pourcentage|plafond|prix)|quelle (?:somme|duree|proportion|date|annee)|en quelle annee|a quelle date|how (?:many|much|long|old)|what year)\b|${WHEN}`)],
  // « qui » / « who » ask only at the start of a clause, after a preposition or before the verb they ask about (not
  // « l'anesthésiste qui consulte », « a woman who is pregnant »).
  [
    'who',
    /(?:^|\b(?:a|par|pour|avec|de|chez|c est|est ce|sais|savoir) )qui\b|(?<!\b(?:femme|femmes|homme|hommes|patient|patiente|patients|patientes|enfant|enfants|monsieur|madame|dame|fille|garcon|bebe|ado|personne|mere|pere)(?: \w+){0,4} )\bqui (?:peut|peuvent|pourrait|doit|doivent|est|sont|fait|font|decide|valide|signe|finance|paie|paye|porte|pilote|a le droit|est autorise)\b|(?:^|\b(?:and|but|so|or|by|to|for|with|from|know|tell me|wonder|ask) )(?:who|whom)\b|(?<!\b(?:adult|adults|patient|patients|woman|women|man|men|child|children|kid|person|people|girl|boy|lady|someone|resident|teenager|baby)(?: \w+){0,6} )\bwho (?:can|may|could|should|must|decides?|signs?|pays?|funds?|validates?|authori[sz]es?|leads?|runs?|manages?|is responsible|are responsible|is allowed|are allowed)\b|\b(?:quels? professionnels?|quelles? professions?|which professionals?)\b/,
  ],
  ['yes-no', /^(?:est ce qu|est ce que|peut on|puis je|un |une |les |le |la |l |faut il|a t on|y a t il|is|are|can|does|do|should)\b/],
];

/**
 * Words that frame a question without saying what it is about (« ça veut dire quoi », « exactement »,
 * « svp », « merci », and France, where every text of the base is set: « in the French system », « French law »):
 * they are left out of the clauses, so that they neither count nor match.
 */
const FRAME_WORDS =
  /\b(?:veut dire|veulent dire|signifie|signifient|d[ée]finition|d[ée]finir|expliqu\w*|explain|english|anglais|mean|means|meaning|exactement|exactly|concr[èe]tement|en gros|en france|in france|(?:in|of|under|within) (?:the )?french (?:health(?:care)? )?(?:system|law|context)|(?:in|of|within) (?:the )?french primary (?:health )?care(?: system)?|(?:(?:dans|du|au) )?(?:le )?syst[èe]me de sant[ée] fran[çc]ais|french|fran[çc]aise?s?|en (?:deux|2|trois|3|quelques) mots|en bref|en r[ée]sum[ée]|bri[èe]vement|rapidement|vite fait|in short|briefly|in a nutshell|in a few words|(?:quelqu['’]un|qqn|someone|somebody|anyone)\s+(?:peut|pourrait|can|could)\s+(?:me\s+|nous\s+|m['’]|us\s+)?(?:rappeler|redonner|dire|expliquer|r[ée]sumer|pr[ée]ciser|confirmer|remind|tell|explain|summari[sz]e|confirm)(?:\s+(?:me|us))?|(?:pouvez|pourriez|peux|pourrais)[- ](?:vous|tu)\s+(?:me\s+|nous\s+|m['’])(?:rappeler|redonner|dire|expliquer|r[ée]sumer|pr[ée]ciser|confirmer)|(?:can|could) (?:you|someone|somebody|anyone)\s+(?:please\s+)?(?:remind|tell|explain|summari[sz]e)(?:\s+(?:me|us))?|(?:je voudrais|j['’]aimerais|je souhaite|je souhaiterais|i['’]d like to|i would like to|i want to)\s+(?:bien\s+)?(?:savoir|comprendre|know|understand)|(?:a|ont|avoir|aurait|auraient|aura|as|avons|avez) le droit d(?:e|['’])|(?:allowed|permitted) to|(?:je |j['’])?(?:ne |n['’])?sais pas|(?:qu['’]est-ce que )?je (?:lui|leur) (?:dis|réponds|reponds)(?: quoi)?|what (?:do|should) i tell (?:her|him|them)|(?:i )?(?:don['’]?t|do not) know|svp|stp|s'il (?:vous|te) pla[îi]t|please|merci|thanks|bonjour|salut|hello|hi|d[ée]sol[ée]e?|question|savoir|dire)\b/giu;

/**
 * « La téléconsultation (pas la téléexpertise), c'est remboursé combien ? », « … , not the hospital one, … »: what
 * the asker sets aside is no part of the question.
 */
const NEGATED_MENTION = /\s*\((?:pas|non|sauf|hors|et non|not|except)\b[^)]*\)|,\s*(?:pas|et non|sauf|hors|not|except)\s+[^,?;.!…]*?(?=\s*[,.;!…])/giu;

export function withoutNegatedMentions(text: string): string {
  return text.replace(NEGATED_MENTION, '');
}

/** Does the text ask something (a question mark, an interrogative word, an inverted verb), rather than state it? */
export function asksSomething(text: string): boolean {
  return text.includes('?') || ASKS.test(normalizeForMatch(text));
}

/** The sentences of a message that ask something, in order. */
export function askingSentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+/u).filter(asksSomething);
}

/**
 * The words of the clauses that weigh more than `weight`, in order: above TOPIC_WEIGHT what is asked, above
 * SITUATION_WEIGHT its topic too.
 */
export function clausesAbove(clauses: readonly Clause[], weight: number): string {
  return clauses
    .filter((clause) => clause.weight > weight)
    .map((clause) => clause.text)
    .join(' ');
}

/** Split a question into clauses, weigh each one, and say what kind of answer it wants. */
export function analyseQuestion(asked: string): AnalysedQuestion {
  const text = canonicalQuestion(withoutNegatedMentions(withoutGreeting(asked)));
  const n = normalizeForMatch(text);
  const weighed = weighClauses(text);
  // What the asker says of themselves (« on en a marre d'exercer chacun dans notre coin ») compares nothing.
  const beyondSituation = normalizeForMatch(clausesAbove(weighed, SITUATION_WEIGHT)) || n;
  // The kind is said by the clauses that ask, else by the whole question but what its relative clauses tell.
  const askedClauses = weighed.filter((clause) => clause.weight > TOPIC_WEIGHT).map((clause) => normalizeForMatch(clause.text));
  const asking = askedClauses.join(' ') || n;
  const told = normalizeForMatch(weighed.filter((clause) => clause.weight === 1 || !RELATIVE_START.test(normalizeForMatch(clause.text))).map((clause) => clause.text).join(' ')) || n;
  // « Elle voudrait la même chose. Je suis déléguée sur le protocole … : est-ce possible pour elle ? »: sameness said
  // before what is asked compares nothing; a difference said there (« Entorse vs lombalgie : la formation est la même ? ») still does.
  const comparing = COMPARISON.test(asking) || SETS_APART.test(beyondSituation);
  // « Mon associé pensait l'inclure dans le protocole. Est-ce que c'est possible ? »: a clause opens on the words of a yes/no question.
  const kindIn = (said: string, clauses: readonly string[]) =>
    KIND_PATTERNS.find(([kind, pattern]) => (kind === 'comparison' ? comparing : kind === 'yes-no' ? clauses.some((clause) => pattern.test(clause)) : pattern.test(said)));
  const found = kindIn(asking, askedClauses.length > 0 ? askedClauses : [asking]) ?? kindIn(told, [told]);
  // « Odynophagie et cystite : même délégant ? » compares two things on one aspect, when two sides are said.
  // « MSP ou centre de santé : qu'est-ce qui change pour le statut ? » too.
  const sideBySide = found?.[0] === 'comparison' ? null : (SAME_ASPECT.exec(n) ?? WHAT_CHANGES.exec(n));
  // « entre X et Y, qu'est-ce qui change » ends Y before the asking words; « Travail en équipe : qu'est-ce que ça change
  // pour le patient, et pour nous ? » sets no two sides against each other.
  const sameAspect = sideBySide ? sidesBefore(comparedSides(text)) : undefined;
  const kind = sameAspect ? 'comparison' : (found?.[0] ?? 'open');
  // A comparison says it in several words (« vs … c'est pareil ou pas ? »): all of them.
  const kindWords = sameAspect
    ? (sideBySide?.[0] ?? '')
    : found?.[0] === 'comparison'
      ? [...n.matchAll(COMPARISON_EVERYWHERE)].map((match) => match[0]).join(' ')
      : found
        ? (found[1].exec(n)?.[0] ?? '')
        : '';
  const sides = kind === 'comparison' ? (sameAspect ?? comparedSides(text))?.map(withoutFrameWords) : undefined;
  const read = askedBefore(weighed.map((clause) => ({ ...clause, text: withoutFrameWords(clause.text) })));
  const clauses = kind === 'definition' ? withGuessAside(withDefinedApart(read)) : sides ? withSidesNamed(read, sides) : read;
  const parts = kind === 'comparison' ? undefined : twoParts(text);
  return {
    text,
    kind,
    kindWords,
    clauses: clauses.length > 0 ? clauses : [{ text, weight: 1 }],
    ...(sides?.[0] && sides[1] ? { sides: [sides[0], sides[1]] as [string, string] } : {}),
    ...(parts ? { parts } : {}),
  };
}

/**
 * « on hésite entre écrire « délégation » ou « transfert » de tâches dans notre projet, c pareil ou pas ? »: the clause
 * that names both things compared is what the comparison is about, though the asker says it of themselves.
 */
function withSidesNamed(clauses: readonly Clause[], sides: readonly string[]): Clause[] {
  const named = sides.map((side) => terms(side));
  return clauses.map((clause) => {
    if (clause.weight > SITUATION_WEIGHT) return clause;
    const said = new Set(terms(clause.text));
    return named.every((side) => side.length > 0 && side.every((term) => said.has(term))) ? { ...clause, weight: TOPIC_WEIGHT } : clause;
  });
}

/** A thing said to be of some kind (« une asso ? », « c'est un dossier administratif ? », « some kind of grant? »). */
const GUESS = /^(?:(?:c est|cest|c|is it|it s|is that)\s+)?(?:(?:some |a )?(?:kind|sort|type) of|(?:un|une) (?:sorte|genre|espece|type) d|un|une|a|an|some)\b/;

/**
 * « The practice manager keeps mentioning the 'ACI'. What is it — some kind of grant? », « la SISA c quoi ? une asso ? »:
 * a clause asked after the last one asking a definition guesses what the thing is; what defines it answers, whether
 * it says the guess or not.
 */
function withGuessAside(clauses: readonly Clause[]): Clause[] {
  const last = clauses.map((clause) => clause.weight === 1 && DEFINITION.test(normalizeForMatch(clause.text))).lastIndexOf(true);
  const guesses = (clause: Clause, i: number) => last >= 0 && i > last && clause.weight === 1 && !clause.earlier && GUESS.test(normalizeForMatch(clause.text));
  return clauses.map((clause, i) => (guesses(clause, i) ? { ...clause, weight: SITUATION_WEIGHT } : clause));
}

/**
 * « The team asked me to send results via 'MSSanté'. What's MSSanté? », « la CME doit donner son avis sur notre
 * protocole, c'est quoi la CME ? »: a definition of a term the clauses before it already name asks what that term is;
 * those clauses tell where the asker met it, not what they ask.
 */
function withDefinedApart(clauses: readonly Clause[]): Clause[] {
  const first = clauses.findIndex((clause) => clause.weight === 1);
  const asking = clauses.filter((clause) => clause.weight === 1).map((clause) => clause.text).join(' ');
  const defined = terms(normalizeForMatch(asking).replace(DEFINITION_EVERYWHERE, ' '));
  const before = new Set(terms(normalizeForMatch(clauses.slice(0, Math.max(0, first)).map((clause) => clause.text).join(' '))));
  if (defined.length === 0 || !defined.every((term) => before.has(term))) return [...clauses];
  return clauses.map((clause, i) => (i < first && clause.weight === TOPIC_WEIGHT ? { ...clause, weight: SITUATION_WEIGHT } : clause));
}

/**
 * « Salut la team 👋 On lance… », « Hello la compagnie ! », « Bonjour à tous, … »: a greeting and whom it greets say
 * nothing of the question; an emoji between two sentences ends the first.
 */
const GREETING = /^\s*(?:bonjour|bonsoir|salut|hello|hi|hey|coucou)\b(?:\s+hello|\s+hi)?(?:\s+[^\s!,.?;:]+){0,3}?\s*(?:[!,.;:]+|\p{Extended_Pictographic}+|\n)\s*/iu;
const EMOJI_BEFORE_SENTENCE = /\s*\p{Extended_Pictographic}+(?:\u{FE0F})?\s+(?=\p{Lu})/gu;
const EMOJI = /\p{Extended_Pictographic}(?:\u{FE0F})?/gu;

function withoutGreeting(text: string): string {
  return text.replace(GREETING, '').replace(EMOJI_BEFORE_SENTENCE, '. ').replace(EMOJI, ' ');
}

/** The clause without its framing words; a comma they leave dangling before the end goes with them. */
function withoutFrameWords(text: string): string {
  const framed = text.replace(FRAME_WORDS, ' ');
  const cleaned = framed === text ? text : framed.replace(/[,;]\s*(?=[?.!]?\s*$)/u, ' ');
  return cleaned.replace(/\s+/g, ' ').trim();
}

/**
 * A clause that asked only by framing words (« …, en deux mots ? ») leaves the asking to the clause before it. Clauses
 * without terms stay (« M. » before a name): what is sent on is checked for patient data with its context.
 */
function askedBefore(clauses: readonly Clause[]): Clause[] {
  return clauses.flatMap((clause, i) => {
    if (clause.text.length === 0) return [];
    const next = clauses[i + 1];
    return [next && next.weight === 1 && namesNothing(next.text) && terms(clause.text).length > 0 ? { ...clause, weight: 1 } : clause];
  });
}

/**
 * The clauses that ask weigh 1; the others weigh less, and least when they describe the asker's own situation.
 * When the asking clause names nothing (« comment faire ? »), the clause before it holds the subject and is asked too.
 */
function weighClauses(text: string): Clause[] {
  const parts = text
    .split(/(?<=[.;!?:\n…])\s+|,\s+|\s+[–—-]\s+|\s+\((?=[^)]{12,}\))|\s+(?:mais|car|parce que|sachant que|vu que|because|but)\s+/iu)
    .flatMap((part) => part.split(CLAIM_REPORTED))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length <= 1) return [{ text, weight: 1 }];
  const asking = parts.map((part, i) => (ASKS.test(normalizeForMatch(part)) || part.includes('?')) && !isRelative(parts, i));
  const last = asking.lastIndexOf(true);
  const focus = last >= 0 ? last : parts.length - 1;
  // Every clause that asks is what is asked (« le projet de santé c'est quoi au juste, c'est un dossier administratif ? »).
  const asked = new Set([...asking.flatMap((asks, i) => (asks ? [i] : [])), focus, ...checkedClaims(parts, asking)]);
  const namesNothingAt = (i: number) => namesNothing(withoutFrameWords(parts[i] ?? ''));
  // The first clause that asks and names nothing (« ça veut dire quoi », « what is that? »), then « par rapport à … » or not;
  // or one whose subject stands for a term quoted before it (« … their 'SISA'. What kind of company is that? »).
  const quotedBefore = (i: number) => parts.slice(0, i).some((part) => QUOTED.test(part));
  const empty = [...asked].sort((a, b) => a - b).find((i) => namesNothingAt(i) || (STANDS_FOR_BEFORE.test(normalizeForMatch(parts[i] ?? '')) && quotedBefore(i)));
  // « … 'protocoles de coopération'. In plain English, what is that? »: the subject is in the last clause before that names something.
  const subjectBefore = empty === undefined ? undefined : ([...parts.keys()].filter((i) => i < empty && !namesNothingAt(i)).pop() ?? empty - 1);
  if (subjectBefore !== undefined && subjectBefore >= 0) asked.add(subjectBefore);
  // « … on me parle de téléexpertise pour un avis, ça consiste en quoi ? »: a clause that points back asks about the
  // one before, which is its topic even when it tells the asker's situation.
  const pointedTo = new Set(
    [...asked].flatMap((i) => {
      if (!POINTS_BACK.test(normalizeForMatch(parts[i] ?? '')) || NAMES_ITS_OWN.test(parts[i] ?? '')) return [];
      const before = [...parts.keys()].filter((j) => j < i && !asked.has(j)).pop();
      return before === undefined ? [] : [before];
    }),
  );
  const describesAsker = situationSentences(text, parts);
  // What follows the question and mentions the asker (« What is a SISA? The practice I'm locuming at keeps mentioning
  // it. »), or is set in brackets (« PAERPA = ? (vu dans un vieux compte rendu) »), tells why they ask: their
  // situation, not the topic.
  const afterthought = (i: number) =>
    i > focus && /[?.!]\s*$/u.test(parts[focus] ?? '') && (MENTIONS_ASKER.test(normalizeForMatch(parts[i] ?? '')) || /^\(.*\)[.!]?$/u.test(parts[i] ?? ''));
  const weighed = parts.map((part, i) => (!asked.has(i) && claimHolder(part)) || {
    text: part,
    ...(REPORTING_END.test(parts[i - 1] ?? '') ? { claim: true } : {}),
    weight: asked.has(i) ? 1 : !pointedTo.has(i) && (describesAsker[i] || afterthought(i)) ? SITUATION_WEIGHT : TOPIC_WEIGHT,
  });
  return subjectBefore === undefined ? weighed : withQuotedAsked(weighed, subjectBefore);
}

/**
 * The words that report a claim: a verb of saying or believing and « que » (« pense que », « est persuadée qu' »,
 * « says »). « Ma collègue est persuadée qu'on ne peut pas… Elle a raison ? », « My colleague thinks every criterion is
 * compulsory. Is she right? »: who holds a claim and the claim are two clauses; checked (« c'est vrai ? »), the claim
 * is what is asked, not who said it.
 */
const REPORTING = String.raw`(?:(?:pense|pensent|pensait|croit|croient|croyait|dit|disent|affirme|affirment|assure|assurent|soutient|raconte|racontent|racontait|prétend|prétendent|persuadée?s?|convaincue?s?|(?:il|ça|ca) para[iî]t|entendu dire|(?:j['’]ai|a|on a) lu)\s+(?:que|qu['’])|thinks|believes|reckons|claims|insists|says|is convinced|keeps saying|told me|told us|heard that|read that)`;
/** Where the claim starts: right after those words. */
const CLAIM_REPORTED = new RegExp(String.raw`(?<=\b${REPORTING})(?:\s+|(?<=['’]))`, 'iu');
/** Those words ending the clause of who holds the claim. */
const REPORTING_END = new RegExp(String.raw`\b${REPORTING}\s*$`, 'iu');

/**
 * « un interne m'a dit que c'est pour les femmes de 16 à 65 ans, je mets ça sur l'affiche ? »: a claim that a later
 * question points back to (« ça », « that ») is what it checks, and is asked.
 */
function checkedClaims(parts: readonly string[], asking: readonly boolean[]): number[] {
  return parts.flatMap((part, i) => {
    if (!REPORTING_END.test(parts[i - 1] ?? '')) return [];
    return parts.some((later, j) => j > i && asking[j] === true && CHECKS_BACK.test(normalizeForMatch(later))) ? [i] : [];
  });
}

/** A pronoun standing for what was said before, or « c'est bien … ? » asking whether it is so (accent-folded). */
const CHECKS_BACK = /\b(?:ca|cela|that|it|this)\b|\bc est (?:bien|vraiment)\b/;

/**
 * « ma collègue dit que l'ACI date de 2015, c'est ça ? », « un interne m'a dit que c'est pour les femmes de 18 à 60
 * ans »: the figures of a claim are what is checked, not what is searched for: a passage that gives others answers it.
 * For retrieval only; what checks the claim (a registry's figures, a verdict) reads them.
 */
export function withClaimsUnfigured(analysed: AnalysedQuestion): AnalysedQuestion {
  const clauses = analysed.clauses.map((clause) => (clause.claim ? { ...clause, text: clause.text.replace(CLAIMED_FIGURE, ' ').replace(/\s+/gu, ' ').trim() } : clause));
  return { ...analysed, clauses };
}

/**
 * A year, or a quantity in a unit (« de 18 à 60 ans », « 25 € », « 5 years »); not a number that names (« l'avenant 4 »)
 * nor figures given as alternatives without a unit (« 6–45 and another 6–50 »).
 */
const CLAIMED_FIGURE =
  /(?<![\p{L}\d])(?:(?:19|20)\d\d(?!\d)|\d+(?:[,.]\d+)?(?:\s*(?:à|a|-|–|to|et|ou|or)\s*\d+(?:[,.]\d+)?)?\s*(?:ans?|années?|mois|jours?|semaines?|heures?|h|€|euros?|%|years?|months?|days?|weeks?|hours?)(?![\p{L}\d]))/giu;

/**
 * The claim a question checks, as reported (« Ma voisine est persuadée qu'elle ne peut pas participer… Elle a raison ? »
 * → « elle ne peut pas participer… »), when what follows it only asks whether it holds; undefined otherwise.
 */
export function checkedClaim(text: string): string | undefined {
  const [, claim, check] = CLAIM_CHECKED.exec(text) ?? [];
  return claim && check && namesNothing(check.replace(/\b(?:elle|il|ils|elles|she|he|they|a|ont|is|are|raison|right|wrong|tort)\b/giu, ' ')) ? claim : undefined;
}

/** A reported claim, up to its sentence's end, and the question that ends the message. */
const CLAIM_CHECKED = new RegExp(String.raw`\b${REPORTING}\s*([^.?!;]+)[\s\S]*?([^.?!;]*\?)\s*$`, 'iu');

/**
 * Who holds a claim (« mon orthoptiste me dit qu' ») is what the claim is about, not the asker's situation: « my
 * colleague » is a word the base does not use, « orthoptiste » one it does.
 */
function claimHolder(part: string): Clause | undefined {
  return REPORTING_END.test(part) ? { text: part.replace(REPORTING_END, '').trim(), weight: TOPIC_WEIGHT } : undefined;
}

/**
 * Terms that only ask whether what was said holds (« oui ou non ? », « c'est possible ? », « is that right? »,
 * « vrai ou faux ? »): a clause of nothing else asks about the clause before it.
 */
export const ONLY_ASKING_WHETHER: ReadonlySet<string> = new Set(['oui', 'non', 'yes', 'no', 'vrai', 'faux', 'tru', 'fals', 'possibl', 'right', 'correct', 'exact', 'ok', 'okay', 'jouabl', 'faisabl', 'envisageabl', ...terms('confirmez confirmes confirme confirm')]);

/** A clause that names nothing the question is about (a mistyped stop word is none: « expliquez-moi simplment »). */
export function namesNothing(text: string): boolean {
  return terms(text).every((term) => ONLY_ASKING_WHETHER.has(term) || isMisspeltStopWord(term));
}

/**
 * The thing the asker hears about (« on me parle tout le temps de protocoles de coopération dans ma MSP », « I keep
 * hearing about the ACI at meetings »), up to where or when they hear of it.
 */
const HEARD_OF =
  /\b(?:parle|parlé|parlent|parler|parlait|entends|entendu|hear|heard|hearing|talk|talks|talking|mention|mentions|mentioned)\s+(?:[\p{L}’']+\s+){0,3}?(?:de|d['’]|du|des|about|of)\s*((?:(?!\s(?:dans|en|à|au|aux|chez|pendant|lors|depuis|sans|pour|in|at|during|on|from|for|since)\s)[^,;:.!?])+)/iu;

/** A term set in quotes (« protocole de coopération », "SISA", “ACI”, 'ROR'), single ones apart from any letter (not « l'ACI »). */
const QUOTED = /[«“"]\s*([^«»“”"]{2,60}?)\s*[»”"]|(?<!\p{L})['‘]([^'‘’\n]{2,60}?)['’](?!\p{L})/u;

/**
 * « j'entends parler en réunion de « protocole de coopération » comme si c'était évident… Vous pouvez m'expliquer de
 * quoi il s'agit ? »: an asking clause that names nothing asks about the term the clause before it quotes, or that it
 * says the asker hears about; the rest of that clause tells where the asker heard it.
 */
function withQuotedAsked(clauses: Clause[], before: number): Clause[] {
  const clause = clauses[before];
  const quoted = clause ? (QUOTED.exec(clause.text) ?? HEARD_OF.exec(clause.text)) : null;
  const term = quoted?.[1] ?? quoted?.[2];
  if (!clause || !quoted || !term) return clauses;
  const rest = clause.text.replace(quoted[0], ' ').replace(/\s+/g, ' ').trim();
  return [...clauses.slice(0, before), { text: rest, weight: SITUATION_WEIGHT }, { text: term, weight: 1 }, ...clauses.slice(before + 1)];
}

/** A subject pronoun after its verb (« what kind of company is that », « à quoi ça sert »), accent-folded. */
const STANDS_FOR_BEFORE = /\b(?:is|are|was|were|does|do) (?:it|that|this|they)\b|\b(?:ca|cela) (?:sert|veut|consiste|designe|signifie|represente)\b|\bc est (?:quoi )?(?:ca|cela)\b/;

/** A clause whose subject is what was said before it (accent-folded). */
const POINTS_BACK = new RegExp(
  [
    String.raw`^(?:(?:et|mais|alors|donc|and|but|so)\s+)?(?:(?:est ce (?:que |qu )?)?(?:ca|cela|c est)|(?:is|are|does|do|can|was|will) (?:it|this|that)|it|this|that)\b(?!.*\b(?:le|la|les|l|un|une|des|du|the|a|an)\s+\w)`,
    // « comment on le déclare », « on l'applique comment ? »: an object pronoun after its subject one.
    String.raw`\b(?:on|je|j|nous|vous|il|elle|ils|elles|tu) (?:ne |n )?(?:le|la|les|l|y|en) \w`,
    // « qui doit en être informé ? », « il faut le déclarer où ? »: an object pronoun before the verb a modal governs.
    String.raw`\b(?:doit|doivent|dois|peut|peuvent|peux|faut|veut|veulent|va|vont) (?:le|la|les|l|y|en) \w`,
    // « on met quoi dedans ? », « what goes in it? »: an adverb standing for what was named before.
    String.raw`\b(?:dedans|la dedans|in it|into it|inside it)\b`,
  ].join('|'),
);

/** A name or a sigle after a clause's first word (« c'est quoi Asalée ? »): the clause says what it is about. */
const NAMES_ITS_OWN = /\s[«"“]?\p{Lu}/u;

/** The asker, anywhere in a clause (accent-folded). */
const MENTIONS_ASKER = /\b(?:je|j|me|m|moi|nous|on|notre|nos|mon|ma|mes|i|im|my|me|we|our|us)\b/;

/**
 * Whether each part belongs to a statement about the asker: « On est 2 généralistes, une infirmière et un kiné
 * dans le même village. » is the asker's situation in all its parts, not only in the one that says « on ».
 */
function situationSentences(text: string, parts: readonly string[]): boolean[] {
  const sentenceOf = sentenceIndexes(text, parts);
  const startsWithAsker = (part: string) => ABOUT_ASKER.test(normalizeForMatch(part)) && !NAMED_WITH_POSSESSIVE.test(part);
  const aboutAsker = new Set(parts.flatMap((part, i) => (startsWithAsker(part) && !asksSomething(part) ? [sentenceOf[i]] : [])));
  return parts.map((part, i) => startsWithAsker(part) || (aboutAsker.has(sentenceOf[i]) && !asksSomething(part)));
}

const SENTENCE_END = /(?<=[.;!?:\n…])\s+/u;

/** A relative word opening a clause (« qui est aussi trésorier », « where she works »), accent-folded; not « où », which folds to « ou » (or). */
const RELATIVE_START = /^(?:qui|dont|lequel|laquelle|lesquels|lesquelles|who|whom|which|where)\b/;

/**
 * « Notre kiné, qui est aussi trésorier, … ? », « My patient, who is 72, can the nurse … ? »: a clause opening on a
 * relative word inside a sentence, without the question mark that a later clause has, tells of what comes before it;
 * it asks nothing (« Qui valide le projet, c'est l'ARS ? » opens its sentence: it asks).
 */
function isRelative(parts: readonly string[], i: number): boolean {
  const part = parts[i] ?? '';
  const before = parts[i - 1];
  const afterNoun = before !== undefined && !/[.;:!?…]\s*$/u.test(before);
  return afterNoun && !part.includes('?') && parts.slice(i + 1).some((later) => later.includes('?')) && RELATIVE_START.test(normalizeForMatch(part));
}

/** The index of the sentence each part (in order) belongs to. */
function sentenceIndexes(text: string, parts: readonly string[]): number[] {
  const sentences = text.split(SENTENCE_END);
  let sentence = 0;
  let consumed = sentences[0]?.length ?? 0;
  let offset = 0;
  return parts.map((part) => {
    offset = text.indexOf(part, offset) + part.length;
    while (offset > consumed && sentence < sentences.length - 1) consumed += 1 + (sentences[++sentence]?.length ?? 0);
    return sentence;
  });
}

/** The sides said before the words asking what changes: none when the first side holds them (what is asked is split, not two sides). */
function sidesBefore(sides: [string, string] | undefined): [string, string] | undefined {
  if (!sides || ASKS_WHAT_CHANGES.test(sides[0])) return undefined;
  const second = sides[1].replace(ASKS_WHAT_CHANGES, '').trim();
  return terms(second).length > 0 ? [sides[0], second] : undefined;
}

/** « la différence entre une MSP et un centre de santé » → [« une MSP », « un centre de santé »]. */
function comparedSides(text: string): [string, string] | undefined {
  // « … come as 'nationaux' or 'locaux' — how do they differ? »: two quoted terms, one or the other.
  const quoted = QUOTED_PAIR.exec(text);
  if (quoted?.[1] && quoted[2]) return [quoted[1], quoted[2]];
  // « on me parle de MSP et de CPTS… la différence entre les deux ? »: the two things were named before.
  const pointedBack = THE_TWO.exec(text);
  const named = pointedBack ? NAMED_BEFORE.exec(text.slice(0, pointedBack.index)) : null;
  // « soit … , soit … » (groups 1, 2) or « de … et de … » (groups 3, 4); else a sentence or clause « … ou … ».
  const either = pointedBack && !named ? [...text.slice(0, pointedBack.index).matchAll(EITHER_BEFORE)].pop() : undefined;
  const [one, other] = named ? (named[1] ? [named[1], named[2]] : [named[3], named[4]]) : either ? [either[1], either[2]] : [];
  if (one && other) return [one, other];
  // « How does a CPTS differ from an MSP… », « ce qui distingue une CPTS d'une MSP »: the verb's subject and object;
  // « Is an ESP the same thing as an MSP? », « une ESP c'est pareil qu'une MSP ? »: what is said alike.
  const verbal = DIFFERS.exec(text) ?? DISTINGUISHES.exec(text) ?? SAME_AS.exec(text);
  const [subject, object] = [verbal?.[1]?.replace(LEADING_ASKING, '').replace(/^(?:is|are)\s+|[,;:]\s*$/giu, '').trim(), verbal?.[2]?.replace(COMPARED_ON, '').trim()];
  if (subject && object && terms(subject).length > 0 && terms(object).length > 0) return [subject, object];
  const between = /\b(?:entre|between)\s+(.+?)\s+(?:et|and)\s+(.+?)\s*(?:[?.!:;]|$)/iu.exec(text);
  const unled = text.replace(LEADING_COMPARING, '');
  // « diff esp cpts »: two words after the one that asks.
  const pair = unled !== text ? /^([^\s,;:?!.]+)\s+([^\s,;:?!.]+)\s*\??\s*$/u.exec(unled) : null;
  const match = between ?? pair ?? /^(.+?)\s+(?:ou|vs\.?|versus|or|et|and)\s+(.+?)\s*(?:[:,]|\?|$)/iu.exec(unled);
  // « Dans l'ACI, un protocole pluripro et … »: what comes before a comma sets the scene, the side starts after it
  // (not « entre MSP, centre de santé et CPTS », a list).
  // « entre MSP, centre de santé et CPTS » lists more than two: no two sides.
  if (between?.[1]?.includes(',')) return undefined;
  const first = between ? match?.[1] : match?.[1]?.split(/,\s+/).pop();
  const a = first?.replace(/^(?:est[- ]ce que?|est[- ]ce qu['’]|is|are)\s+/iu, '').trim();
  // « entre une MSP et une CPTS sur le financement »: what they are compared on is no part of the second side — unless
  // the first side is said the same way (« la formation pour le protocole entorse vs la formation pour le protocole
  // lombalgie »).
  const b = match?.[2]?.replace(aspectOf(a ?? ''), '').replace(SAID_ALIKE, '').replace(TRAILING_COMPARING, '').trim();
  return a && b && terms(a).length > 0 && terms(b).length > 0 ? [a, b] : undefined;
}

/** « différence : », « quelle diff », « diff », « différencier » opening a question. */
const LEADING_COMPARING = /^\s*(?:(?:quelle|la)\s+)?(?:diff[ée]rences?|diffs?|diff[ée]rencier|distinguer|comparer)(?![\p{L}\d])\s*:?\s*/iu;
/** « … optionnelles diff ? », « … msp c quoi la diff », « … urps difference »: the words asking, said after the sides without a mark. */
const TRAILING_COMPARING = /\s+(?:(?:c['’ ]?est|cest|c)\s+)?(?:(?:quoi|koi)\s+)?(?:(?:la|les|quelle|quelles)\s+)?(?:diff[ée]rences?|diffs?)\s*[?!.]*$/iu;

/** « X the same (thing) as Y », « X c'est la même chose que Y », « X c'est pareil qu'Y ». */
const SAME_AS = /^(.+?)\s+(?:(?:c['’ ]?est|cest|c|is it|are they)\s+)?(?:the same(?: thing)?|la m[êe]me chose|pareil(?:le)?s?|identiques?)\s+(?:as|que|qu['’]|qu\s)\s*(.+?)\s*(?:[?.!:;—]|$)/iu;

/** « X differs from Y », « X se distingue de Y », « X diffère d'Y ». */
const DIFFERS = /^(.+?)\s+(?:differs?|diff[èe]rent|diff[èe]re|se distinguent|se distingue)(?:[- ]t)?(?:[- ](?:il|elle|ils|elles))?\s+(?:from|de|d['’]|du|des)\s*(.+?)\s*(?:[?.!:;—]|$)/iu;
/** « ce qui distingue X de Y », « what distinguishes X from Y », « what sets X apart from Y ». */
const DISTINGUISHES = /\b(?:distingue|distinguent|distinguish|distinguishes|sets?)\s+(.+?)\s+(?:apart\s+)?(?:from|de|d['’]|du|des)\s*(.+?)\s*(?:[?.!:;—]|$)/iu;
/** Words that ask before a verb's subject (« how does », « en quoi », « est-ce que »). */
const LEADING_ASKING = /^(?:.*\b(?:how|in what way|in which way|what way) (?:does|do|did)|(?:en quoi|comment|est[- ]ce qu['’e]?|pourquoi))\s*/iu;

/** Two terms in quotes set side by side (« 'nationaux' or 'locaux' », « "ESP" et "MSP" »). */
const QUOTED_PAIR = /[«"'‘“]\s*([^«»"'’”]{2,40}?)\s*[»"'’”]\s+(?:ou|or|et|and|vs\.?|versus)\s+[«"'‘“]\s*([^«»"'’”]{2,40}?)\s*[»"'’”]/u;

/** « … : MSP en libéral ou poste dans un centre de santé. »: a clause that is nothing but two things, one or the other. */
const EITHER_BEFORE = /(?:^|[:;.!?]\s+)([^,;:.!?]+?)\s+(?:ou|or|vs\.?|versus)\s+([^,;:.!?]+?)\s*(?=[.!?;])/giu;

/** The two things compared, pointed back to (« entre les deux », « the two », « both of them »). */
export const THE_TWO = /\b(?:(?:entre )?les deux|(?:between )?the two|both of them|entre eux|entre elles)\b/iu;
/** Two things named as a pair (« soit un poste en centre de santé, soit une MSP », « de MSP et de CPTS », « d'une ESP et d'une MSP », « about MSPs and CPTSs »). */
const NAMED_BEFORE = /\bsoit\s+(?:un |une |le |la |l['’]|les |des )?([^,;.!?]+?),?\s+soit\s+(?:un |une |le |la |l['’]|les |des )?([^,;.!?]+?)(?=[,;.!?]|$)|(?:\b(?:de|entre|between|about|of)\s+|\bd['’]\s*)(?:la |le |l['’]|les |une? |an? )?([^\s,;.!?]+(?: [^\s,;.!?]+){0,2}?) (?:et|and) (?:de |d['’]|about |of )?(?:la |le |l['’]|les |une? |an? )?([^\s,;.!?]+(?: [^\s,;.!?]+){0,2}?)(?=[\s,;.!?]|$)(?![^.!?]*\b(?:et|and) )/iu;

/** « … c'est pareil », « … ça compte pareil », « … is it the same », « … : même délégant ? »: how the sides are compared, no part of the second one. */
const SAID_ALIKE = /[,;:]?\s+(?:c['’ ]est|ce sont|ça|ca|sont[- ](?:ils|elles)|is it|are they|(?:(?:le|la|les|des|l['’])\s*)?m[êe]mes?|(?:the )?same)\b.*$/iu;

/** « … même délégant ? », « … les mêmes conditions ? », « … the same delegate? » at the end of a question (accent-folded). */
const SAME_ASPECT = /(?<!\b(?:en|au|a|at the|in the) )\b(?:memes?|same) \w+(?: \w+)?\s*\??\s*$/;

/** « … : qu'est-ce qui change ? », « what changes for… », « what's different » (accent-folded): two sides set against each other, when two are said. */
const WHAT_CHANGES = /\b(?:qu est ce qui change|ce qui change|qu est ce que ca change|qu est ce qui differe|what changes|what is different|what s different|whats different)\b/;
/** The same words and all after them, in the question as typed. */
const ASKS_WHAT_CHANGES = /[,;:]?\s*(?:(?:qu['’ ]est[- ]ce |ce )qui change|qu['’ ]est[- ]ce que [çc]a change|qu['’ ]est[- ]ce qui diff[èe]re|what changes|what(?: i|['’])?s different)\b.*$/iu;

/** Where the aspect of a comparison starts after its second side. */
const COMPARED_ON = /[,;]?\s+(?:sur|pour|concernant|niveau|au niveau d\S*|en termes d\S*|c[ôo]t[ée]|quant [àa]|selon|d['’]apr[èe]s|on|for|regarding|in terms of|as to|when it comes to|according to)\s.*$/iu;

/** The aspect after the second side: none when the first side is said with one too (each side says its own). */
function aspectOf(first: string): RegExp {
  return COMPARED_ON.test(` ${first}`) ? NO_ASPECT : COMPARED_ON;
}
const NO_ASPECT = /$^/u;

/** Words that ask which one (accent-folded): the readings of a question build their patterns from them. */
export const WHICH_WORDS: readonly string[] = ['quel', 'quels', 'quelle', 'quelles', 'lesquels', 'lesquelles', 'which', 'what'];
/** Words that ask what, which, how much, how, why, where (accent-folded). */
export const CONTENT_WORDS: readonly string[] = ['quel', 'quelle', 'quels', 'quelles', 'combien', 'comment', 'pourquoi', 'quoi', 'what', 'which', 'how', 'why', 'where'];

/** Any of these words or phrases, whole (on accent-folded text). */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(String.raw`\b(?:${words.join('|')})\b`);
}

/**
 * A word asking what, which, how much… rather than whether (« What dose … under the protocol? », « quels protocoles
 * pour … »); « qui » and « quand » ask only where the question's kind says so (« une éruption qui gratte »).
 */
export const ASKS_FOR_CONTENT = wordsPattern(CONTENT_WORDS);

/** An interrogative word anywhere in a clause (« il y a combien d'axes ? »). */
const INTERROGATIVE = wordsPattern([...CONTENT_WORDS, 'qui', 'quand', 'who', 'when']);

/**
 * Where a second question starts: after a question mark, or at « et » / « and » followed by an interrogative, or by an
 * English auxiliary before a pronoun or a determiner that starts its subject (« and can it join a CPTS? »), not
 * before what a statement goes on with (« fell on her ankle and is at ER triage »).
 */
const SECOND_QUESTION =
  /\?\s+(?=\S)|,\s+(?:et|and)\s+(?=[^?.!,;]*\b\w+-(?:t-)?(?:il|elle|on|ils|elles)\b)|[,;]?\s+(?:et|and|puis)\s+(?=(?:(?:[àa]|de|pour|par|sur|avec|dans|en|chez|depuis|to|from|for|by|with|in|on|at) )?(?:quand|combien|qui|quel|quelle|quels|quelles|comment|o[uù]|pourquoi|est-ce|qu['’]est-ce|jusqu|il y a|y a-t-il|c'est quoi|quoi|lesquels|lesquelles|when|how|who|whom|what|which|where|why|(?:is|are|does|do|can)(?= (?:it|there|this|that|they|he|she|we|i|you|the|a|an|my|our|their|his|her|any|every|each)\b))\b(?!['’]t))/iu;

/**
 * « DAC : créés par quelle loi, et ils ont remplacé quoi ? », « c'est qui le délégué et c'est pour quels patients ? »: a
 * second question whose subject, a pronoun, comes before its interrogative word; or its verb, the interrogative last
 * (« … date de quand et exclut qui ? »). Read so only after a first part that asks too.
 */
const SECOND_QUESTION_AFTER_SUBJECT =
  /[,;]?\s+(?:et|and)\s+(?=(?:il|elle|ils|elles|on|c['’]est|c|ça|ca|ce sont|they|it|it['’]s)\s[^?.!;]*\b(?:quand|combien|qui|quel|quelle|quels|quelles|comment|o[uù]|pourquoi|quoi|when|how|who|what|which|where|why)\b|\p{L}+\s+(?:qui|quoi|combien|quand|o[uù])\s*\?\s*$)/iu;

/** Where the second question starts, if any: by its interrogative word, or by its subject after a first part that asks. */
function secondQuestion(text: string): RegExpExecArray | null {
  const match = SECOND_QUESTION.exec(text);
  if (match) return match;
  const afterSubject = SECOND_QUESTION_AFTER_SUBJECT.exec(text);
  return afterSubject && INTERROGATIVE.test(normalizeForMatch(text.slice(0, afterSubject.index))) ? afterSubject : null;
}

/** « Ma Santé 2022 c'est quoi et il y a combien d'axes ? » → the two questions, when each asks about something. */
function twoParts(text: string): [string, string] | undefined {
  const match = secondQuestion(text);
  if (!match || match.index === undefined) return undefined;
  // The first part keeps its question mark: « je peux appliquer le protocole ? » asks by it.
  const first = text.slice(0, match.index + (match[0].startsWith('?') ? 1 : 0)).trim();
  const second = text.slice(match.index + match[0].length).trim();
  // « … ? je négocie mon contrat » says something after the question, « Ordre ? URPS ? » lists what it asks of one
  // thing: a second part asks in words, or names more than one thing.
  // Without a question mark, an interrogative inside it is a relative (« … ? On a déjà un promoteur qui nous propose un bâtiment… »).
  const asksInWords = second.includes('?')
    ? ASKS.test(normalizeForMatch(second)) || INTERROGATIVE.test(normalizeForMatch(second)) || terms(second).length > 1
    : ASKS.test(normalizeForMatch(second));
  return terms(first).length > 0 && terms(second).length > 0 && asksInWords ? [first, second] : undefined;
}
