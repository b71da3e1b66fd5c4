import type { Embeddings } from '@langchain/core/embeddings';
import { LRUCache } from 'lru-cache';
import type { Passage } from './passage.ts';
import { askedDetails, lacksAsked, unknownDesignations, type AskedDetails, type Designation } from './asked-details.ts';
import { isMisspeltStopWord, normalizeForMatch, pluralVerbStem, terms } from '../text/french.ts';
import { editDistance } from '../text/edit-distance.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Chunk } from './chunk.ts';
import { reciprocalRankFusion } from './fusion.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { subjectType, type Expansion, type QueryExpander } from './query-expander.ts';
import { analyseQuestion, clausesAbove, ONLY_ASKING_WHETHER, SITUATION_WEIGHT, TOPIC_WEIGHT, withClaimsUnfigured, type AnalysedQuestion, type QuestionKind } from './question-analysis.ts';
import type { VectorHit } from './vector-index.ts';
import { errorName, silentLogger, type Logger } from '../log/logger.ts';

const CANDIDATES = 20;
/**
 * A sigle named as a thing (« l'ANCMSP », « de la FNCPTS », « (ANCMSP) », « the ANCMSP »): three capitals or more after
 * an article or a bracket — not a word shouted (« IMPORTANT : »), nor a surname (« Mme MARTIN »).
 */
const SIGLE = /(?:\b(?:l|d)['’]|\b(?:le|la|les|du|des|au|aux|de|the|of|a|an)\s+|\()(\p{Lu}{3,})(?![\p{L}\d])/gu;
const RECENT_QUESTIONS = 64;
/** A clause that opens by saying who the asker is or where they work (« je suis MG en MSP », « I work in a CPTS »). */
const SAYS_WHO_ASKER_IS =
  /^(?:(?:bonjour|hello|hi)\W+)?(?:moi,? )?(?:je suis|i am|i m|je travaille|i work|je bosse|j exerce|je viens d(?: etre| arriver| rejoindre| integrer)|je (?:debute|commence) (?:comme|en tant que|dans|en)|i (?:ve|have) just (?:joined|started|been hired))\b/;
/** « mon métier », « ma profession », « my job »: the asker's own role (accent-folded). */
const ASKERS_OWN_ROLE = /\b(?:mon|ma|my) (?:metier|profession|poste|statut|diplome|fonction|job|role|occupation)\b/;
/** The first terms of a line or sentence, where what it speaks of is named. */
const OPENING_TERMS = 3;
/** Content terms an asking clause says of its own when it needs no topic from the asker's situation. */
const OWN_TERMS = 3;
/**
 * The authored questions whose words count as the section's own for coverage (the first ones, written closest
 * to the section): all of them rank it, but more would let a section claim most of the vocabulary.
 */
const COVERAGE_QUESTIONS = 6;
/** A misspelt term stands for the base's nearest one, but counts less: the correction may be wrong (« salaire » is no « salarié »). */
const CORRECTED_TERM = 0.5;
/** Chunks whose terms are kept between questions (the candidates come back often). */
const TERM_CACHE_SIZE = 4000;

/**
 * Hybrid retrieval: French BM25 and vector search over the query and its
 * expansions, fused by reciprocal rank, then re-ranked by how much of the
 * question each chunk covers (in its text, and in its title and heading).
 */
export class Retriever {
  /** Terms of the chunks met so far (a chunk is re-ranked each time it comes back as a candidate). */
  private readonly termCache = new LRUCache<string, ChunkTerms>({ max: TERM_CACHE_SIZE });
  private readonly namedInText = new LRUCache<string, Set<string>>({ max: TERM_CACHE_SIZE });
  /** The first terms of each line, sentence and authored question of the chunks a definition was asked of. */
  private readonly openingsOf = new LRUCache<string, Set<string>[]>({ max: TERM_CACHE_SIZE });

  /** Passages of the last questions asked (the same question is retrieved several times while answering it). */
  private readonly recent = new LRUCache<string, Passage[]>({ max: RECENT_QUESTIONS });

  /** Each chunk's heading and text, normalised, to look for a designation in the whole base (built when first needed). */
  private chunkTexts: string[] | undefined;

  /** The terms of each distinct section heading, in their order (built when first needed). */
  private headingRuns: string[][] | undefined;

  constructor(
    private readonly index: KnowledgeIndex,
    private readonly embeddings: Embeddings,
    private readonly expander: QueryExpander,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** The named things (protocols, practice forms) a text is about. */
  subjectsOf(text: string): string[] {
    return this.expander.subjects(text);
  }

  /** Does the base use this term, or a word it abbreviates (« coop », « ophtalmo »)? */
  isKnown(term: string): boolean {
    return this.index.lexical.knows(term);
  }

  get chunks(): readonly Chunk[] {
    return this.index.chunks;
  }

  /**
   * The passages for a question, best first. The last questions' passages are kept: the arbitration, the parts
   * of a question and the composer ask for the same ones (and a remote embedder is called once).
   */
  async retrieve(asked: string | AnalysedQuestion, limit = 5): Promise<Passage[]> {
    const analysed = typeof asked === 'string' ? analyseQuestion(asked) : asked;
    const key = JSON.stringify([analysed.kind, analysed.clauses, limit]);
    const known = this.recent.get(key);
    if (known) return known;
    const passages = await this.rank(analysed, limit);
    this.recent.set(key, passages);
    return passages;
  }

  private async rank(asked: AnalysedQuestion, limit: number): Promise<Passage[]> {
    const analysed = this.withNamedTopics(withClaimsUnfigured(asked));
    const question = clausesAbove(analysed.clauses, SITUATION_WEIGHT);
    const aside = analysed.clauses.filter((c) => c.weight <= SITUATION_WEIGHT).map((c) => c.text).join(' ');
    const found = this.expander.expansions(question);
    const expansions = [...new Set(found.flatMap((e) => e.equivalents))];
    const lexical = this.index.lexical.query(question, expansions, CANDIDATES, aside).map((hit) => hit.id);
    const vector = (await this.vectorHits([question, ...expansions].join(' ')))
      .map((hit) => this.index.chunks[hit.position]?.id)
      .filter((id): id is string => id !== undefined);
    const fused = reciprocalRankFusion([lexical, vector]);

    const wanted = this.weightedTerms(analysed, found);
    // What is asked decides whether a passage answers; the asker's situation only helps to rank.
    const focus = wanted.filter((w) => w.focus);
    const answering = focus.length > 0 ? focus : wanted;
    const subjects = new Set(this.expander.subjects(analysed.text));
    const notEarlier = analysed.clauses.filter((clause) => !clause.earlier);
    const details = askedDetails(question, clausesAbove(notEarlier, SITUATION_WEIGHT));
    // « l'avenant 3 » where the base gives avenants 1 and 2 only: no passage answers, however close.
    // A sigle the base never uses (« l'ANCMSP ») names something it does not know: no passage answers about it either.
    // Asked mostly in words the base never uses: it is about something the base does not hold.
    const weightOf = (ws: readonly WantedTerm[]) => ws.reduce((sum, w) => sum + w.weight, 0);
    const unknownToBase = (w: WantedTerm) => w.alternatives.length === 0 && !this.isKnown(w.term);
    const unknownAsked = weightOf(answering.filter(unknownToBase)) >= UNKNOWN_SHARE * weightOf(answering);
    // « quelle est la pénalité si… »: the base never speaks of what is asked, only of what surrounds it.
    const unknownNamed = answering.some((w) => details.named.includes(w.term) && unknownToBase(w));
    const unknownDetail = unknownNamed || (details.designations.length > 0 && this.unknownDesignations(details).length > 0) || this.namesUnknownSigle(question) || unknownAsked;
    // « par quoi on commence ? », « la MSP doit faire quoi ? » ask for steps: a section that gives them answers those
    // words; « … vs …, c'est pareil ? » asks for a comparison, which no word of the answer says.
    // « c'est possible ? », « is that right? » ask whether what is said holds: no answer need say those words.
    const kindOnlyWords = [
      ...(analysed.kind === 'steps' || analysed.kind === 'comparison' ? terms(analysed.kindWords ?? '') : []),
      ...answering.map((w) => w.term).filter((term) => ONLY_ASKING_WHETHER.has(term)),
    ];
    // « SISA c quoi ce truc ? », « CNCI : kézako ? »: what a definition asks is the term it names; a word the base never
    // uses beside it says how it is asked.
    const framing = analysed.kind === 'definition' && !unknownAsked ? answering.filter(unknownToBase).map((w) => w.term) : [];
    const answeringOtherwise = withoutTerms(answering, [...kindOnlyWords, ...framing]);
    // « Quelle est la procédure ? », « dans quel ordre ? » on their own: only how it is asked, nothing it is about.
    const asksOfNothing = answering.length > 0 && answering.every((w) => kindOnlyWords.includes(w.term)) && !analysed.clauses.some((clause) => clause.earlier);
    // « c'est quoi la téléconsultation ? », or one side of « téléexpertise vs téléconsultation », is not answered by a
    // passage that names it in passing.
    const defined = (analysed.kind === 'definition' || analysed.kind === 'comparison') && answeringOtherwise.length === 1 ? answeringOtherwise[0] : undefined;
    // A figure in the unit asked answers the words that ask for it (« combien de temps » → « 7 jours »).
    const answeringWithFigure = withoutTerms(answering, [...details.askingTerms, ...kindOnlyWords, ...framing]);
    // Articles title their sections as questions, and list the questions they answer: wording alike is a strong hint.
    const askedTerms = new Set(terms(question));
    const asksAboutBefore = analysed.kind === 'comparison' || ASKS_ABOUT_BEFORE.test(normalizeForMatch(question));
    const afterStory = this.askedAfterStory(analysed, found, subjects);
    const passages: Passage[] = [];
    for (const [id, fusedScore] of fused) {
      const chunk = this.index.byId.get(id);
      if (!chunk) continue;
      const chunkTerms = this.termsOf(chunk);
      // « lombalgie : quelle tranche d'âge ? » is not answered by a passage on several protocols that gives the ages of the others.
      const lacks =
        unknownDetail ||
        asksOfNothing ||
        lacksAsked(details, `${chunk.section}\n${chunk.text}`) ||
        this.givesFigureOnlyOfOthers(chunk, details, subjects) ||
        (defined !== undefined && !this.speaksOf(chunk, defined));
      const covered = coverageOf(details.units.length > 0 && !lacks ? answeringWithFigure : answeringOtherwise, chunkTerms.all);
      const ownTerms = afterStory?.ofSubject && [...chunkTerms.subjects].some((subject) => subjects.has(subject)) ? afterStory.ofSubject : afterStory?.atLength;
      const coverage = ownTerms ? Math.max(covered, coverageOf(withoutTerms(ownTerms, [...details.askingTerms, ...kindOnlyWords, ...framing]), chunkTerms.all)) : covered;
      // Where the asker met the term a definition asks about does not choose the passage that defines it.
      const rankCoverage = coverageOf(analysed.kind === 'definition' ? answering : wanted, chunkTerms.all);
      const headingCoverage = coverageOf(wanted, chunkTerms.heading);
      const likeness = Math.max(jaccard(askedTerms, chunkTerms.sectionWords), ...chunkTerms.questions.map((q) => jaccard(askedTerms, q)));
      // A section about another practice form that names every one asked in its text (« … les réseaux de santé, les PTA
      // et les MAIA ont jusqu'au 27 juillet 2022 » under a DAC heading) speaks of them too. Not so for protocols, which
      // a text names by mere keywords (« radiographie »).
      const offSubject = isOffSubject(subjects, chunkTerms.subjects) && !this.namesAllForms(chunk, subjects);
      const sameKind = analysed.kind === 'open' ? 0 : KIND_BONUS * (chunkTerms.kinds.get(analysed.kind) ?? 0);
      const givesFigure = details.units.length > 0 && !lacks ? FIGURE_BONUS : 0;
      // A list of sigles answers what one means (« RPPS ? »); what else is asked of it (a comparison, a number, steps) is
      // better said by the section about it.
      const generic = chunkTerms.listsSigles && ASKS_MORE_THAN_MEANING.has(analysed.kind) ? SIGLE_LIST_FACTOR : 1;
      // « comment on déclare un protocole ? » asks what applies today, unless it asks about before or what changed.
      const outdated = chunkTerms.former && !asksAboutBefore ? FORMER_FACTOR : 1;
      const score = (fusedScore + 0.02 * rankCoverage + 0.012 * headingCoverage + 0.02 * likeness + sameKind + givesFigure) * (offSubject ? OTHER_SUBJECT_FACTOR : 1) * generic * outdated;
      passages.push({ chunk, score, coverage, ...(offSubject ? { offSubject } : {}), ...(lacks ? { lacksAsked: true } : {}) });
    }
    passages.sort((a, b) => b.score - a.score);
    return passages.slice(0, limit);
  }

  /**
   * A passage about several of the things the base names (protocols, practice forms) whose figures in the unit asked
   * are all said of others than the one asked about: some line that gives one names another, none names it.
   */
  private givesFigureOnlyOfOthers(chunk: Chunk, details: AskedDetails, asked: ReadonlySet<string>): boolean {
    const figure = details.figure;
    if (!figure || asked.size === 0 || this.termsOf(chunk).subjects.size < 2) return false;
    const giving = splitSentences(chunk.text).flatMap((sentence) => sentence.split('\n')).filter((line) => figure.test(normalizeForMatch(line)));
    const subjectsOf = giving.map((line) => this.expander.subjects(line));
    // A figure said of no one (« le plan y consacre 400 millions d'euros ») is said of what the passage is about.
    return subjectsOf.some((named) => named.length > 0) && !subjectsOf.some((named) => named.some((subject) => asked.has(subject)));
  }

  /**
   * Does the section speak of the term, not only name it in passing: in its title or heading, or at the start of one of
   * its lines, sentences or the questions it answers (« - FIR : fonds… », « La téléexpertise est… », « Qu'est-ce que
   * l'ACI ? »), or as what a bracket spells out (« … (FIR) »)?
   */
  private speaksOf(chunk: Chunk, term: WantedTerm): boolean {
    const says = (have: ReadonlySet<string>) => have.has(term.term) || term.alternatives.some((alt) => alt.every((t) => have.has(t)));
    if (says(this.termsOf(chunk).heading)) return true;
    let openings = this.openingsOf.get(chunk.id);
    if (!openings) {
      const lines = [...chunk.text.split(/\n|(?<=[.!?;:])\s+|\(/u), ...(chunk.questions ?? [])];
      openings = lines.map((line) => new Set(terms(line).slice(0, OPENING_TERMS)));
      this.openingsOf.set(chunk.id, openings);
    }
    return openings.some(says);
  }

  /** Does the text write a sigle (« ANCMSP », three capitals or more) that the base never uses? */
  private namesUnknownSigle(text: string): boolean {
    return [...text.matchAll(SIGLE)].some(([, sigle = '']) => {
      const stems = terms(sigle);
      return stems.length > 0 && stems.every((term) => !this.isKnown(term));
    });
  }

  /** The question's designations (« avenant 3 ») that the whole base numbers otherwise, never so. */
  private unknownDesignations(details: AskedDetails): Designation[] {
    this.chunkTexts ??= this.index.chunks.map((chunk) => normalizeForMatch(`${chunk.section} ${chunk.text}`));
    return unknownDesignations(details, this.chunkTexts);
  }

  /**
   * Does some section heading say these words in a row (« missions optionnelles », « protocoles locaux »)? A word
   * one letter off a heading's (a typo) still counts.
   */
  headingSays(phrase: string): boolean {
    const wanted = terms(phrase);
    if (wanted.length === 0) return false;
    this.headingRuns ??= [...new Set(this.index.chunks.map((chunk) => terms(chunk.section).join(' ')))].map((run) => run.split(' '));
    return this.headingRuns.some((run) => run.some((_, i) => wanted.every((term, j) => nearlySame(term, run[i + j]))));
  }

  /**
   * How much of what a question asks a text holds: the asked terms weighted by how telling they are (the
   * asker's situation left out), as passages are measured. For comparing answers that are not passages; the
   * question is read once, for every text measured against it.
   */
  answeredShare(question: string): (text: string) => number {
    const analysed = this.withNamedTopics(analyseQuestion(question));
    const wanted = this.weightedTerms(analysed, this.expander.expansions(question));
    const focus = wanted.filter((w) => w.focus);
    return (text) => coverageOf(focus.length > 0 ? focus : wanted, new Set(terms(text)));
  }

  /**
   * « on voudrait monter une MSP. On commence par quoi ? »: the asker's situation names what the question is about
   * (a practice form, a protocol), so it counts as the question's topic rather than aside.
   */
  private withNamedTopics(analysed: AnalysedQuestion): AnalysedQuestion {
    const asked = analysed.clauses.filter((clause) => clause.weight === 1);
    // A definition names what it defines.
    const namesItsOwn = analysed.kind === 'definition' || analysed.sides !== undefined || asked.some((clause) => this.expander.subjects(clause.text).length > 0);
    // « … Mon métier, c'est une profession réglementée ? » asks about who the asker is: their situation is its subject.
    const asksOfAsker = analysed.clauses.some(({ text }) => ASKERS_OWN_ROLE.test(normalizeForMatch(text)));
    const asksAtLength = !asksOfAsker && asked.flatMap((clause) => terms(clause.text)).filter((term) => !ONLY_ASKING_WHETHER.has(term) && this.index.lexical.frequencyOf(term) > 0).length >= OWN_TERMS;
    const clauses = analysed.clauses.map((clause) => {
      if (clause.earlier || clause.weight > SITUATION_WEIGHT) return clause;
      const named = this.expander.subjects(clause.text);
      // « c'est quoi une SISA ? on nous en parle pour la MSP », « What is Asalée? My colleagues at the MSP keep
      // mentioning it », « … à la CPTS. Quelqu'un peut me rappeler ce qu'est le DMP ? »: when the question names its
      // own subject (a registry's thing, or what it asks to define), what the situation names stays aside.
      // « je suis coordinatrice d'une MSP. Quels sont les 4 indicateurs à suivre chaque année ? »: the practice form
      // where the asker works is where they are, not what a question that says its own subject at length is about.
      const workplace = asksAtLength && named.every((subject) => subjectType(subject) === 'form') && SAYS_WHO_ASKER_IS.test(normalizeForMatch(clause.text));
      return named.length > 0 && !namesItsOwn && !workplace ? { ...clause, weight: TOPIC_WEIGHT } : clause;
    });
    return { ...analysed, clauses };
  }

  /**
   * The question's terms, each weighted by its clause (what is asked counts more than the asker's situation).
   * A misspelt term stands for the base's nearest one, at a lower weight. A term the base never uses counts fully
   * where it is asked (the base may not know what is asked about) and not at all aside (a detail of the asker's
   * situation).
   */
  private weightedTerms(analysed: AnalysedQuestion, expansions: readonly Expansion[]): WantedTerm[] {
    const lexical = this.index.lexical;
    const wanted = new Map<string, WantedTerm>();
    for (const clause of analysed.clauses) {
      for (const asked of terms(clause.text)) {
        const unknown = lexical.frequencyOf(asked) === 0;
        // « expliquez-moi simplment » : a stop word mistyped says no more than the stop word.
        if (unknown && isMisspeltStopWord(asked)) continue;
        // « travaillent » is the base's « travaille » (a verb's form, no typo); else the nearest term, a typo's.
        const singular = unknown ? pluralVerbStem(asked) : undefined;
        const conjugated = singular !== undefined && lexical.frequencyOf(singular) > 0 ? singular : undefined;
        const corrected = unknown && !conjugated ? (lexical.closestTerm(asked) ?? undefined) : undefined;
        const term = conjugated ?? corrected ?? asked;
        if (lexical.frequencyOf(term) === 0 && clause.weight < 1) continue;
        const weight = clause.weight * (corrected ? CORRECTED_TERM : 1) * Math.sqrt(lexical.informativeness(term));
        const known = wanted.get(term);
        const focus = clause.weight > SITUATION_WEIGHT || known?.focus === true;
        // « coop » is said « coopération » in the base: the full term answers it.
        const full = known ? null : lexical.abbreviated(term);
        if (!known || known.weight < weight) wanted.set(term, { term, weight, focus, alternatives: known?.alternatives ?? (full ? [[full]] : []) });
        else known.focus = focus;
      }
    }
    for (const { trigger, equivalents } of expansions) {
      const alternatives = equivalents.map((e) => terms(e)).filter((t) => t.length > 0);
      // The question may say the trigger in a plural the stemmer keeps (« échos » for « écho »).
      for (const term of terms(trigger)) (wanted.get(term) ?? wanted.get(`${term}s`) ?? wanted.get(`${term}x`))?.alternatives.push(...alternatives);
    }
    return [...wanted.values()];
  }

  /**
   * What a question asks after a story, as the terms a passage must hold rather than the story's: « Julien, le kiné de
   * notre MSP, est formé au protocole lombalgie … il a entendu qu'il fallait 20 heures … Combien d'heures faut-il pour ce
   * protocole ? » names nothing of its own, so its terms are looked for in the passages about what the story names
   * (`ofSubject`); « … a visiting ARS officer suggested it could become national. What's the procedure for getting a
   * national cooperation protocol authorised? » says at length what it asks, so its terms are looked for everywhere
   * (`atLength`; not for a definition or a comparison, whose subject the story may name).
   */
  private askedAfterStory(analysed: AnalysedQuestion, expansions: readonly Expansion[], subjects: ReadonlySet<string>): { ofSubject?: WantedTerm[]; atLength?: WantedTerm[] } | undefined {
    const own = analysed.clauses.filter((clause) => !clause.earlier);
    const asked = own.filter((clause) => clause.weight === 1);
    const story = own.filter((clause) => clause.weight < 1);
    if (story.length === 0) return undefined;
    const wanted = this.weightedTerms({ ...analysed, clauses: asked }, expansions);
    const namesNone = subjects.size > 0 && wanted.length > 0 && !asked.some((clause) => this.expander.subjects(clause.text).length > 0);
    const telling = wanted.filter((w) => !ONLY_ASKING_WHETHER.has(w.term) && this.isKnown(w.term));
    const atLength = story.some((clause) => clause.weight > SITUATION_WEIGHT) && analysed.kind !== 'definition' && !analysed.sides && telling.length >= OWN_TERMS;
    return { ...(namesNone ? { ofSubject: wanted } : {}), ...(atLength ? { atLength: telling } : {}) };
  }

  /**
   * Vector neighbours of the query. A remote embedder may time out, fail, or
   * refuse a question holding patient identifiers: then the lexical list alone is used.
   */
  private async vectorHits(query: string): Promise<VectorHit[]> {
    try {
      return await this.index.vectors.query(await this.embeddings.embedQuery(query), CANDIDATES);
    } catch (error) {
      this.logger.warn('retrieve.vector_skipped', { error: errorName(error) });
      return [];
    }
  }

  /**
   * What a section is about: what its heading names, else its document's title and the protocols its front matter
   * lists (« Dispositifs antérieurs (Asalée, orthoptie) … » is about each of its protocols, not Asalée alone).
   */
  private chunkSubjects(chunk: Chunk): Set<string> {
    const named = this.expander.subjects(chunk.section);
    if (named.length > 0) return new Set(named);
    return new Set([...this.expander.subjects(chunk.title), ...(chunk.protocols ?? []).map((id) => `protocol:${id}`)]);
  }

  /** Are all the things asked practice forms that the section's text names (read once per section, when asked)? */
  private namesAllForms(chunk: Chunk, asked: ReadonlySet<string>): boolean {
    if (asked.size === 0 || ![...asked].every((subject) => subjectType(subject) === 'form')) return false;
    let named = this.namedInText.get(chunk.id);
    if (!named) {
      named = new Set(this.expander.subjects(chunk.text));
      this.namedInText.set(chunk.id, named);
    }
    return [...asked].every((subject) => named.has(subject));
  }

  private termsOf(chunk: Chunk): ChunkTerms {
    let cached = this.termCache.get(chunk.id);
    if (!cached) {
      cached = {
        all: new Set(terms(`${chunk.title} ${chunk.section} ${chunk.text} ${(chunk.questions ?? []).slice(0, COVERAGE_QUESTIONS).join(' ')}`)),
        heading: new Set(terms(`${chunk.title} ${chunk.section}`)),
        sectionWords: new Set(terms(withoutParentheses(chunk.section))),
        questions: (chunk.questions ?? []).map((q) => new Set(terms(q))),
        subjects: this.chunkSubjects(chunk),
        kinds: kindsOf(chunk),
        listsSigles: (chunk.section.match(SIGLE_IN_HEADING) ?? []).length >= LISTED_SIGLES,
        former: FORMER.test(normalizeForMatch(chunk.section)),
      };
      this.termCache.set(chunk.id, cached);
    }
    return cached;
  }

}

interface ChunkTerms {
  /** Title, heading and text. */
  all: Set<string>;
  /** Title and heading. */
  heading: Set<string>;
  /** The heading without its parenthesised expansions, to compare with the question's wording. */
  sectionWords: Set<string>;
  /** The terms of each question the section answers (authored). */
  questions: Set<string>[];
  /** The named things (protocols, practice forms) its title and heading are about. */
  subjects: Set<string>;
  /** The kinds of answer the section gives (a definition, steps, a number…), each with its share (0–1). */
  kinds: Map<QuestionKind, number>;
  /** A list of sigles (its heading names many): what each means, not what each is. */
  listsSigles: boolean;
  /** About a former state (« ancienne version de l'article D4011-4 »): what applies today is said elsewhere. */
  former: boolean;
}

/** A section that gives the kind of answer asked (a definition for « c'est quoi », steps for « comment faire ») ranks higher. */
const KIND_BONUS = 0.01;
/** A passage with a figure in the unit asked (« combien de jours » → « 7 jours ») ranks higher. */
const FIGURE_BONUS = 0.005;
/** The heading says what the section answers more surely than any one of its authored questions. */
const HEADING_KIND_WEIGHT = 3;

/** The kinds of the questions a section answers: its heading's and its authored questions'. */
function kindsOf(chunk: Chunk): Map<QuestionKind, number> {
  const questions = chunk.questions ?? [];
  const total = HEADING_KIND_WEIGHT + questions.length;
  const kinds = new Map<QuestionKind, number>();
  const add = (question: string, weight: number) => {
    const { kind } = analyseQuestion(question);
    kinds.set(kind, (kinds.get(kind) ?? 0) + weight / total);
  };
  add(chunk.section, HEADING_KIND_WEIGHT);
  for (const question of questions) add(question, 1);
  return kinds;
}

/**
 * The share of what is asked, by weight, that words the base never uses may hold before no passage can answer
 * (« c quoi le code wifi de la msp » : « wifi » weighs half of it).
 */
const UNKNOWN_SHARE = 0.5;
/** A sigle in a heading (« MSP », « TE2 », « MSSanté »). */
const SIGLE_IN_HEADING = /(?<![\p{L}\d])\p{Lu}{2,}[\p{L}\d]*(?![\p{L}\d])/gu;
/** A heading that names this many sigles lists them (« Sigles des institutions : ARS, HAS, DGOS, CNCI… »). */
const LISTED_SIGLES = 4;
/** Kinds of question that ask more of a thing than what its sigle means. */
const ASKS_MORE_THAN_MEANING: ReadonlySet<QuestionKind> = new Set(['comparison', 'steps', 'number']);
/** How much lower a list of sigles ranks for a question that asks more than what one means. */
const SIGLE_LIST_FACTOR = 0.8;

/** A heading about a former state of things (accent-folded). */
const FORMER = /\b(?:ancien|ancienne|anciens|anciennes|former|previous)\b/;
/** A question about how things were, or what changed (accent-folded). */
const ASKS_ABOUT_BEFORE = /\b(?:ancien|ancienne|anciens|anciennes|avant|auparavant|autrefois|jadis|precedent|precedente|historique|change|changes|changement|evolue|before|former|previous|old|used to|changed)\b/;
/** How much a section about a former state weighs when what applies today is asked. */
const FORMER_FACTOR = 0.85;

/** A passage about another named thing than the one asked about (the training of protocol Y for protocol X) ranks lower. */
const OTHER_SUBJECT_FACTOR = 0.6;

/**
 * Subjects are typed (`protocol:…`, `form:…`): a passage on protocol Y is off the subject of a question on
 * protocol X, not of a question that names a CPTS as the asker's setting.
 */
function isOffSubject(asked: ReadonlySet<string>, about: ReadonlySet<string>): boolean {
  for (const type of new Set([...asked].map(subjectType))) {
    const aboutOfType = [...about].filter((subject) => subjectType(subject) === type);
    if (aboutOfType.length > 0 && !aboutOfType.some((subject) => asked.has(subject))) return true;
  }
  return false;
}

/**
 * The question's content terms, each with the alternative term sets that
 * would also satisfy it: the equivalents of the query phrase it belongs to
 * (« mal de dos » → « lombalgie » stands for both « mal » and « dos »).
 */
interface WantedTerm {
  term: string;
  weight: number;
  /** Said in what is asked (or the topic), not only in the asker's situation. */
  focus: boolean;
  alternatives: string[][];
}

function withoutTerms(wanted: readonly WantedTerm[], left: readonly string[]): WantedTerm[] {
  const out = wanted.filter((w) => !left.includes(w.term));
  return out.length > 0 ? out : [...wanted];
}

/** Weighted share of the wanted terms that the chunk holds (itself or one of its alternatives). */
function coverageOf(wanted: readonly WantedTerm[], have: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const { term, weight, alternatives } of wanted) {
    total += weight;
    if (have.has(term) || alternatives.some((alt) => alt.every((t) => have.has(t)))) covered += weight;
  }
  return total === 0 ? 0 : covered / total;
}

/** The same term, or one letter off it for a long word (« optionel » for « optionnel »). */
function nearlySame(asked: string, known: string | undefined): boolean {
  if (known === undefined) return false;
  return asked === known || (asked.length >= 5 && asked[0] === known[0] && editDistance(asked, known, 1) <= 1);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Headings spell acronyms out in parentheses: leave them out when comparing wordings. */
function withoutParentheses(text: string): string {
  return text.replace(/\([^)]*\)/g, ' ');
}
