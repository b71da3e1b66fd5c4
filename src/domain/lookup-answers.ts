import { endedOpening, placeRefusal, placesIn, placesLabel, type Place } from './places.ts';
import { capitalize } from '../text/capitalize.ts';
import { normalizeForMatch } from '../text/french.ts';
import { truncate } from '../text/truncate.ts';
import { joinCited, type Citation, type Reply } from '../engine/reply.ts';
import { describeValues, frenchDay, valueAt, type DatedValue, type IsoDay } from './dated.ts';
import { REGISTRY_FILES } from './load.ts';
import { checkAct, type ActCheck } from './listed-act.ts';
import { canTakePart, matchProtocolsByActs, professionById, professionCovers, professionNamed, protocolsForDelegant, protocolsForDelegue } from './lookups.ts';
import type { FormAspect, LookupQuery, ProfessionAspect } from './lookup-intent.ts';
import { STATUS_SECTIONS, statusPhrase, statusTag } from './protocol-status.ts';
import { inForce, type DatedFact, type Fact, type GlossaryEntry, type PracticeForm, type Profession, type ProfessionCategory, type Protocol, type Registries } from './registry.ts';

/** Longest lookup answer, citation markers included. */
export const MAX_LOOKUP_CHARS = 1200;
/** Sources cited per registry entry (the first ones listed are the main ones). */
const SOURCES_PER_ENTRY = 3;
/** Room kept for the "(N autres éléments non affichés…)" line. */
const SKIPPED_NOTE_CHARS = 70;
/** The shortest a first block is cut to, rather than left out. */
const MIN_SHORTENED_CHARS = 120;
/** Protocols detailed in one answer. */
const MAX_PROTOCOLS = 3;

/** A paragraph of the answer and what backs it. */
export interface Block {
  text: string;
  title: string;
  section: string;
  sources: readonly string[];
  path: string;
}

/** Numbered citations shared by the blocks of one answer; a source cited twice keeps its number. */
class Citations {
  readonly list: Citation[] = [];
  markers(block: Block): string {
    const numbers = block.sources.slice(0, SOURCES_PER_ENTRY).map((source) => {
      let index = this.list.findIndex((citation) => citation.source === source);
      if (index < 0) {
        this.list.push({ title: block.title, section: block.section, source, path: block.path });
        index = this.list.length - 1;
      }
      return `[${index + 1}]`;
    });
    return numbers.length > 0 ? ` ${numbers.join('')}` : '';
  }
}

/** Joins a heading and the blocks that fit in MAX_LOOKUP_CHARS, each with its citation markers. */
export function compose(heading: string, blocks: readonly Block[], confident: boolean, footer?: string): Reply {
  const citations = new Citations();
  const parts = [heading];
  const reserve = blocks.length > 1 ? SKIPPED_NOTE_CHARS : 0;
  let length = heading.length + (footer ? footer.length + 2 : 0) + reserve;
  let skipped = 0;
  for (const block of blocks) {
    const estimate = block.text.length + 2 + 4 * SOURCES_PER_ENTRY;
    // The first block is what backs the heading: when it does not fit whole, it is shortened rather than left out.
    const room = MAX_LOOKUP_CHARS - length - 2 - 4 * SOURCES_PER_ENTRY;
    const shortened = parts.length === 1 && room >= MIN_SHORTENED_CHARS;
    if (length + estimate > MAX_LOOKUP_CHARS && !shortened) {
      skipped += 1;
      continue;
    }
    const line = (length + estimate > MAX_LOOKUP_CHARS ? truncate(block.text, room) : block.text) + citations.markers(block);
    parts.push(line);
    length += line.length + 2;
  }
  if (skipped > 0) parts.push(`(${skipped} autre${skipped > 1 ? 's' : ''} élément${skipped > 1 ? 's' : ''} non affiché${skipped > 1 ? 's' : ''} : précisez la question.)`);
  if (footer) parts.push(footer);
  return { kind: 'lookup', text: parts.join('\n\n'), citations: citations.list, confident };
}

/** « Adultes… » → « adultes… », but « IDE formé… » stays as it is (a sigle keeps its capitals). */
const lower = (text: string) => (/^\p{Lu}{2}/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1));
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

export function names(registries: Registries, ids: readonly string[]): string {
  if (ids.length === 0) return 'non précisé par les sources';
  return ids.map((id) => lower(professionById(registries, id)?.label ?? id)).join(', ');
}

function scopeLabel(protocol: Protocol, today: IsoDay): string {
  return protocol.status.kind === 'local' ? `**protocole local**${protocol.team ? ` — ${protocol.team}` : ''}` : statusPhrase(protocol, today);
}

/** An act as said within a sentence (« arrêt de travail de moins de 5 jours »). */
const actPhrase = (act: string) => lower(act).replace(/\.$/, '');

/** The acts a protocol delegates, as one line (« examen et diagnostic de l'entorse ; radiographie… »). */
const actsText = (protocol: Protocol) => protocol.acts.map(actPhrase).join(' ; ');

/** How a protocol block is told: under its short name and without its history (a comparison), with its acts. */
interface BlockOptions {
  short?: boolean;
  acts?: boolean;
}

export function protocolBlock(registries: Registries, protocol: Protocol, today: IsoDay, options: BlockOptions = {}): Block {
  const name = options.short ? (protocol.short ?? protocol.title) : protocol.title;
  const parts = [
    `- **${name}** (${scopeLabel(protocol, today)}). Délégant : ${names(registries, protocol.delegants)} → délégué : ${names(registries, protocol.delegues)}.`,
    `Public : ${lower(sentence(protocol.patients))}`,
  ];
  if (protocol.training) parts.push(`Conditions : ${lower(sentence(protocol.training))}`);
  const last = protocol.history.at(-1);
  if (!options.short && protocol.history.length > 1 && last) parts.push(`Dernière évolution : ${sentence(last)}`);
  if (options.acts && protocol.acts.length > 0) parts.push(`Actes : ${actsText(protocol)}.`);
  return {
    text: parts.join(' '),
    title: protocol.title,
    section: `${STATUS_SECTIONS[protocol.status.kind]}${protocol.team ? ` — ${protocol.team}` : ''}`,
    sources: protocol.sources,
    path: protocol.file ?? REGISTRY_FILES.protocols,
  };
}

/** Two protocols point by point: who delegates to whom, for which patients, on which conditions, with which acts. */
export function comparedProtocolsAnswer(registries: Registries, protocols: readonly [Protocol, Protocol], today: IsoDay): Reply {
  const blocks = protocols.map((protocol) => protocolBlock(registries, protocol, today, { short: true, acts: true }));
  return compose(`**${protocols.map((protocol) => protocol.short ?? protocol.title).join(' / ')}** :`, blocks, true);
}

/** A team's own protocols first (what the team actually applies), then national ones, then entries of other statuses. */
function localFirst(protocols: readonly Protocol[]): Protocol[] {
  const rank = (protocol: Protocol) => (protocol.status.kind === 'local' ? 0 : inForce(protocol) ? 1 : 2);
  return [...protocols].sort((a, b) => rank(a) - rank(b));
}

function noMatch(what: string): Reply {
  const text = `Je ne trouve dans le registre aucun protocole de coopération pour ${what}. Le registre ne recense que les protocoles trouvés dans ses sources, pas la liste complète : rapprochez-vous de votre ARS (agence régionale de santé) pour vérifier.`;
  return {
    kind: 'lookup',
    text,
    citations: [{ title: 'Registre des protocoles de coopération', section: 'Aucune correspondance', source: REGISTRY_FILES.protocols, path: REGISTRY_FILES.protocols }],
    confident: false,
  };
}

/**
 * How an answer names the act asked about: never in the asker's words, which could name a patient (« suturer
 * Mme … ») and are kept with the stored answer.
 */
const THE_ACT = "l'acte demandé";

export function actAnswer(
  registries: Registries,
  act: string,
  today: IsoDay,
  profession?: Profession,
  asked: { wholeQuestion?: boolean; verbAct?: string; which?: boolean; situated?: readonly string[]; places?: readonly Place[] } = {},
): Reply {
  const { wholeQuestion = false, verbAct, which = false, situated = [], places } = asked;
  // Best match first, but what a team can apply (national, local) before entries of other statuses.
  const matching = [...matchProtocolsByActs(registries, act)].sort((a, b) => Number(!inForce(a)) - Number(!inForce(b)));
  // The act fits several protocols and the question names one by its patient's complaint (« un tour de reins »): that one.
  const named = matching.filter((protocol) => situated.includes(protocol.id));
  const found = matching.length > 1 && named.length > 0 && named.length < matching.length ? named : matching;
  // « un kiné peut-il faire une infiltration dans un protocole ? »: the registry is the list of protocols, and its
  // « none » for a profession and an act is the answer.
  const blocks = (protocols: readonly Protocol[], options: BlockOptions = {}) => protocols.slice(0, MAX_PROTOCOLS).map((p) => protocolBlock(registries, p, today, options));
  if (found.length === 0) {
    // « le kiné peut prescrire quoi ? » without a protocol named: the acts of each protocol the profession applies.
    const theirs = which && profession ? protocolsForDelegue(registries, profession.id).filter(inForce) : [];
    if (profession && theirs.length > 0) return compose(`**Ce que le registre liste pour les ${profession.plural}**, protocole par protocole :`, blocks(theirs, { acts: true, short: true }), true);
    return profession ? { ...noMatch(`${THE_ACT} par les ${profession.plural}`), confident: true } : noMatch(THE_ACT);
  }
  if (profession) {
    const own = found.filter((protocol) => protocol.delegues.some((id) => professionCovers(registries, id, profession.id)));
    const applying = own.find(inForce);
    if (applying && which) {
      // « l'IDE peut prescrire quoi ? » asks which acts, not whether: the registry's list, or that it has none.
      const name = applying.short ?? applying.title;
      return applying.acts.length > 0
        ? compose(`**Ce que le registre liste pour les ${profession.plural} dans le protocole ${name}** :`, blocks([applying], { acts: true }), true)
        : compose(`**Le registre ne détaille pas les actes** que le protocole ${name} délègue aux ${profession.plural} : vérifiez le texte du protocole.`, blocks([applying]), true);
    }
    if (applying) {
      const checked = wholeQuestion ? verbAct : act;
      const check: ActCheck = checked === undefined ? { kind: 'unasked' } : checkAct(registries, applying, checked, profession, today, places);
      const name = applying.short ?? applying.title;
      // The registry's own list decides: no article passage replaces these.
      if (check.kind === 'elsewhere') return { ...compose(`**Non** : ${check.why}.`, blocks([applying]), true), verdict: true };
      if (check.kind === 'beyond' || check.kind === 'excluded') {
        return { ...compose(`**Non** : le protocole ${name} prévoit « ${actPhrase(check.act)} ».`, blocks([applying]), true), verdict: true };
      }
      if (check.kind === 'unlisted') {
        return compose(`**Le registre ne liste pas cet acte** parmi ceux que le protocole ${name} délègue aux ${profession.plural} (${actsText(applying)}) : vérifiez le texte du protocole.`, blocks([applying]), true);
      }
      // The acts delegated, for what was asked to be checked against them; several protocols in short, so that all show.
      return compose(`**Oui, dans le cadre d'un protocole de coopération** où les ${profession.plural} sont délégués :`, blocks(own, { acts: true, short: own.length > 1 }), true);
    }
    const shown = own.length > 0 ? own : found;
    return compose(
      own.length > 0
        ? `**Je ne trouve dans le registre aucun protocole national ou local où les ${profession.plural} sont délégués pour ${THE_ACT}.** Le registre mentionne, avec leur statut :`
        : `**Je ne trouve dans le registre aucun protocole où les ${profession.plural} ont le rôle de délégué pour ${THE_ACT}.** Protocoles trouvés pour cet acte :`,
      blocks(shown),
      true,
    );
  }
  if (!found.some(inForce)) {
    return compose(`**Aucun protocole national ou local du registre pour ${THE_ACT}** ; il mentionne, avec leur statut :`, blocks(found), true);
  }
  // One protocol: with the acts it lists, what the asker can check the act against (« arrêt de travail de moins de 5 jours »).
  return compose(`**Protocoles de coopération pour ${THE_ACT}** :`, blocks(found, { acts: found.length === 1 }), true);
}

export function roleAnswer(
  registries: Registries,
  profession: Profession,
  role: 'delegue' | 'delegant',
  today: IsoDay,
  delegant?: Profession,
  places: readonly Place[] = [],
): Reply {
  let found = role === 'delegue' ? protocolsForDelegue(registries, profession.id) : protocolsForDelegant(registries, profession.id);
  // A délégant specialty asked (« les anesthésistes délèguent quoi aux IDE ? »): the protocols that name it, when some do;
  // else those naming its parent profession, said so in the heading.
  const delegantNamed = delegant ? found.filter((protocol) => protocol.delegants.some((id) => professionNamed(registries, id, delegant.id))) : [];
  const delegantCovered = delegant ? found.filter((protocol) => protocol.delegants.some((id) => professionCovers(registries, id, delegant.id))) : [];
  // Those naming only its parent (« médecin ») may concern it too: said apart (« l'urgentiste délègue à l'IDE » and sutures).
  const delegantParent = delegant?.parent && delegantNamed.length > 0 ? professionById(registries, delegant.parent) : undefined;
  const delegantApart = delegantParent ? delegantCovered.filter((protocol) => !delegantNamed.includes(protocol)) : [];
  if (delegant) found = delegantParent ? delegantNamed : delegantCovered;
  const delegantNote = delegant ? ` (délégant : ${lower(delegant.label)}${delegant.parent && delegantNamed.length === 0 ? ` — aucun ne le nomme, ceux-ci nomment les ${professionById(registries, delegant.parent)?.plural ?? 'médecins'} sans préciser de spécialité` : ''})` : '';
  // Where the asker works (« à l'hôpital », « en CPTS »): the protocols that apply there today; the others said apart.
  const { within, unplaced, elsewhere, here } = placed(found, places, today);
  const where = placesLabel(places);
  // None applies there (« kiné en CPTS »): said first, each with why (« … : cette ouverture a pris fin le 31 août 2023 »).
  const noneHere = elsewhere.length > 0 && here.length === 0 && unplaced.length === 0;
  const notHere =
    (elsewhere.length === 0 || noneHere ? '' : here.length > 0 ? ` Ne s'appliquent pas aujourd'hui ${where} : ${namesWithEnd(elsewhere, within, today)}.` : ` Aucun ne s'applique aujourd'hui ${where}.`) +
    (here.length > 0 && unplaced.length > 0 ? ` Lieu d'exercice non précisé par les sources : ${shortNames(unplaced)}.` : '');
  if (here.length > 0) found = here;
  const who = profession.plural;
  if (found.length === 0) {
    // The registry is the list of protocols the base knows: « none for this profession » is its answer, given as one.
    const reply = { ...noMatch(`lequel les ${who} ont le rôle de ${role === 'delegue' ? 'délégué' : 'délégant'}`), confident: true };
    const canJoin = mayTakePart(registries, profession);
    return canJoin ? { ...reply, text: `${reply.text}\n\n${canJoin}` } : reply;
  }
  const roleName = role === 'delegue' ? 'délégué' : 'délégant';
  // A specialty asked (« cardiologue »): the protocols that name it first; those naming only its parent profession
  // (« médecin », without specialty) are listed apart, as possibly concerning it — or alone, said so, when none names it.
  const listedIds = (protocol: Protocol) => (role === 'delegue' ? protocol.delegues : protocol.delegants);
  const named = found.filter((protocol) => listedIds(protocol).some((id) => professionNamed(registries, id, profession.id)));
  const parent = profession.parent ? professionById(registries, profession.parent) : undefined;
  const unnamed = parent !== undefined && named.length === 0;
  const heading = noneHere
    ? `**Aucun des protocoles où les ${who} ont le rôle de ${roleName} ne s'applique aujourd'hui ${where}**${role === 'delegue' ? delegantNote : ''} :`
    : unnamed
      ? `**Aucun protocole du registre ne nomme les ${who} comme ${roleName}** ; ceux-ci nomment les ${parent.plural} sans préciser de spécialité :`
      : `**Protocoles de coopération où les ${who} ont le rôle de ${roleName}**${role === 'delegue' ? delegantNote : ''} :`;
  const shown = parent && named.length > 0 ? named : found;
  const blocks = localFirst(shown).map((protocol) => ({
    ...protocolBlock(registries, protocol, today),
    text: `${listedName(protocol, today)} — ${role === 'delegue' ? `délégant : ${names(registries, protocol.delegants)}` : `délégué : ${names(registries, protocol.delegues)}`}${noneHere ? ` ; ${placeRefusal(protocol.places, within, today) ?? ''}` : ''}.`,
  }));
  const others = found.filter((protocol) => !shown.includes(protocol));
  const apart =
    (others.length > 0 && parent ? ` Nomment les ${parent.plural} sans préciser de spécialité : ${shortNames(others)}.` : '') +
    (delegantParent && delegantApart.length > 0 ? ` Nomment comme délégants les ${delegantParent.plural} sans préciser de spécialité : ${shortNames(delegantApart)}.` : '');
  const canJoin = unnamed ? ` ${mayTakePart(registries, profession)}` : '';
  return compose(heading, blocks, true, `${coverageNote(profession, role, blocks.length)}${apart}${notHere}${noLonger(registries, profession, role)}${canJoin}`);
}

/** The protocols of each profession asked in a role (« le cardiologue ou l'anesthésiste »), one list after the other. */
function rolesAnswer(first: Reply, others: readonly Reply[]): Reply {
  if (others.length === 0) return first;
  const all = [first, ...others];
  return { ...first, ...joinCited(all), confident: all.every((reply) => reply.confident) };
}

/** A protocol as a list shows it: « - **Cystite** (national) ». */
const listedName = (protocol: Protocol, today: IsoDay) =>
  `- **${protocol.short ?? protocol.title}** (${protocol.status.kind === 'local' ? scopeLabel(protocol, today) : statusTag(protocol, today)})`;

/** Protocols sorted by where they apply today: `here` (all of them when no place is asked), `elsewhere`, `unplaced`. */
interface Placed {
  /** The places asked, with a hospital's emergency service in « à l'hôpital ». */
  within: readonly Place[];
  here: Protocol[];
  elsewhere: Protocol[];
  /** Those whose places the sources do not give: said apart, never listed as applying there. */
  unplaced: Protocol[];
}

function placed(found: readonly Protocol[], places: readonly Place[], today: IsoDay): Placed {
  const within: readonly Place[] = places.includes('etablissement') ? [...places, 'urgences'] : places;
  const unplaced = places.length > 0 ? found.filter((protocol) => protocol.places.length === 0) : [];
  const elsewhere = found.filter((protocol) => !unplaced.includes(protocol) && placeRefusal(protocol.places, within, today) !== null);
  return { within, unplaced, elsewhere, here: found.filter((protocol) => !elsewhere.includes(protocol) && !unplaced.includes(protocol)) };
}

/**
 * « Quels protocoles de coopération en CPTS ? », « which protocols apply in an emergency department? »: those that
 * apply there today, each with who delegates to whom; those that do not, and those whose places the sources do not give,
 * said apart.
 */
export function placeAnswer(registries: Registries, places: readonly Place[], today: IsoDay): Reply {
  const { here, elsewhere, unplaced } = placed(registries.protocols, places, today);
  const where = placesLabel(places);
  const blocks = localFirst(here).map((protocol) => ({
    ...protocolBlock(registries, protocol, today),
    text: `${listedName(protocol, today)} — ${names(registries, protocol.delegants)} → ${names(registries, protocol.delegues)}.`,
  }));
  const apart =
    (elsewhere.length > 0 ? ` Ne s'appliquent pas aujourd'hui ${where} : ${namesWithEnd(elsewhere, places, today)}.` : '') +
    (unplaced.length > 0 ? ` Lieu d'exercice non précisé par les sources : ${shortNames(unplaced)}.` : '');
  if (blocks.length === 0) return { ...noMatch(`lequel s'applique aujourd'hui ${where}`), confident: true };
  return compose(`**Protocoles de coopération qui s'appliquent aujourd'hui ${where}** :`, blocks, true, `Le registre ne recense que les protocoles trouvés dans ses sources.${apart}`);
}

/** What the list leaves out: the registry holds the protocols its sources describe; some sources count more (« 4 protocoles nationaux… »). */
function coverageNote(profession: Profession, role: 'delegue' | 'delegant', listed: number): string {
  const counted = profession.countedProtocols;
  if (role !== 'delegue' || !counted || counted.count <= listed) return 'Le registre ne recense que les protocoles trouvés dans ses sources.';
  const when = counted.asOf ? ` ${counted.asOf}` : '';
  const detail = counted.detail ? ` (${counted.detail})` : '';
  return `Les sources comptent ${counted.count} protocoles nationaux pour les ${profession.plural}${when}${detail} ; le registre ne détaille que ceux qu'elles décrivent (source : ${hostOf(counted.source)}).`;
}

/** A web source by its site (« tech-imago.fr »), any other source as it is written. */
function hostOf(source: string): string {
  return URL.canParse(source) ? new URL(source).host.replace(/^www\./, '') : source;
}

/**
 * « Les oncologues (profession médicale…) peuvent participer à un protocole (art. L4011-1…) », when the law lets them;
 * « Les psychologues (profession non réglementée…) ne font pas partie des professions que l'article L4011-1 associe
 * aux protocoles… », when it does not;
 * else (a category the sources do not give) nothing.
 */
function mayTakePart(registries: Registries, profession: Profession): string {
  if (canTakePart(registries, profession.id)) {
    return `Les ${profession.plural} (${CATEGORY_LABELS[profession.category]}) peuvent toutefois participer à un protocole de coopération, comme délégant ou délégué (art. L4011-1 du code de la santé publique).`;
  }
  if (profession.category !== 'non-reglementee') return '';
  return `Les ${profession.plural} (${CATEGORY_LABELS[profession.category]}) ne font pas partie des professions que l'article L4011-1 du code de la santé publique associe aux protocoles de coopération : professions médicales, de la pharmacie et auxiliaires médicaux.`;
}

/** « Les pharmaciens ont été retirés des délégués de : Odynophagie, Cystite (le 17 juin 2024). » */
function noLonger(registries: Registries, profession: Profession, role: 'delegue' | 'delegant'): string {
  if (role !== 'delegue') return '';
  const taken = registries.protocols.flatMap((protocol) =>
    protocol.formerDelegues.filter((former) => professionCovers(registries, former.profession, profession.id)).map((former) => ({ protocol, ...former })),
  );
  if (taken.length === 0) return '';
  const days = [...new Set(taken.map(({ until }) => frenchDay(until)))];
  // What they may do since (« … de leur propre chef, hors protocole »), protocol by protocol.
  const since = taken.flatMap(({ protocol, since: now }) => (now ? [` ${protocol.short ?? protocol.title} : ${now.text}.`] : []));
  return ` Les ${profession.plural} ont été retirés des délégués de : ${shortNames(taken.map(({ protocol }) => protocol))} (le ${days.join(', le ')}).${since.join('')}`;
}

const shortNames = (protocols: readonly Protocol[]) => protocols.map((protocol) => protocol.short ?? protocol.title).join(', ');

/** « Rhino-conjonctivite allergique saisonnière (ouverture close le 31 août 2023) »: each name, with when it stopped applying there. */
function namesWithEnd(protocols: readonly Protocol[], places: readonly Place[], today: IsoDay): string {
  return protocols
    .map((protocol) => {
      const end = endedOpening(protocol.places, places, today);
      return `${protocol.short ?? protocol.title}${end ? ` (ouverture close le ${frenchDay(end)})` : ''}`;
    })
    .join(', ');
}

/** At most three short names, and how many more (a comparison keeps both sides in view). */
const FEW = 3;
const fewNames = (protocols: readonly Protocol[]) =>
  protocols.length <= FEW ? shortNames(protocols) : `${shortNames(protocols.slice(0, FEW))} et ${protocols.length - FEW} autre${protocols.length - FEW > 1 ? 's' : ''}`;

const CATEGORY_LABELS: Record<ProfessionCategory, string> = {
  medicale: 'profession médicale, réglementée par le code de la santé publique',
  pharmacie: 'profession de la pharmacie, réglementée par le code de la santé publique',
  'auxiliaire-medical': 'auxiliaire médical, profession réglementée par le code de la santé publique',
  'autre-reglementee': 'profession réglementée, citée avec les auxiliaires médicaux',
  'non-reglementee': 'profession non réglementée par le code de la santé publique',
  'medecin-ou-pharmacien': 'profession exercée par un médecin ou un pharmacien (profession médicale ou de la pharmacie selon le diplôme)',
  'non-precisee': 'catégorie non précisée par les sources',
};

const CATEGORY_TITLES: Record<ProfessionCategory, string> = {
  medicale: 'Professions médicales',
  pharmacie: 'Professions de la pharmacie',
  'auxiliaire-medical': 'Auxiliaires médicaux',
  'autre-reglementee': 'Autres professions réglementées',
  'non-reglementee': 'Professions non réglementées par le code de la santé publique',
  'medecin-ou-pharmacien': 'Professions exercées par un médecin ou un pharmacien',
  'non-precisee': 'Professions de catégorie non précisée',
};

function professionBlock(profession: Profession, text: string): Block {
  return { text, title: 'Registre des professions de santé', section: profession.label, sources: profession.sources, path: REGISTRY_FILES.professions };
}

/**
 * `optional`: asked whether the Ordre is optional (« l'inscription est-elle facultative ? »), the opposite of whether
 * there is one: no where it is compulsory, no verdict where there is no Ordre.
 */
function lead(registries: Registries, profession: Profession, aspect: ProfessionAspect, asked?: ProfessionCategory, optional = false): string {
  const who = `Les ${profession.plural}`;
  switch (aspect) {
    case 'ordre': {
      if (!profession.ordre) {
        const none = `n'ont pas d'Ordre propre (ils ne font pas partie des 7 professions dotées d'un Ordre).`;
        return optional ? `${who} ${none}` : `**Non** : ${lower(who)} ${none}`;
      }
      return `**${optional ? 'Non' : 'Oui'}** : ${lower(who)} ont un Ordre${profession.parent ? ' (celui de leur profession)' : ''}, où l'inscription est obligatoire pour exercer.`;
    }
    case 'urps':
      return profession.urps ? `**Oui** : ${lower(who)} ont une URPS (union régionale des professionnels de santé).` : `**Non** : ${lower(who)} ne figurent pas parmi les 10 professions dotées d'une URPS.`;
    case 'ordre-urps':
      return `**Ordre : ${profession.ordre ? 'oui' : 'non'} ; URPS : ${profession.urps ? 'oui' : 'non'}.** ${[lead(registries, profession, 'ordre'), lead(registries, profession, 'urps')].map(withoutVerdict).join(' ')}`;
    case 'reglementee':
      if (profession.category === 'non-reglementee') return `**Non** : ${lower(who)} ne relèvent pas d'une profession réglementée par le code de la santé publique.`;
      if (profession.category === 'non-precisee') return `Les sources ne précisent pas la catégorie des ${profession.plural}.`;
      return `**Oui** : ${lower(who)} exercent une profession de santé réglementée.`;
    case 'cooperation':
      if (canTakePart(registries, profession.id)) {
        return profession.cooperationAra && !['medicale', 'pharmacie', 'medecin-ou-pharmacien', 'auxiliaire-medical'].includes(profession.category)
          ? `**Oui, selon l'ARS Auvergne-Rhône-Alpes**, qui ajoute ${lower(who)} aux professions de l'art. L4011-1 pouvant participer à un protocole de coopération.`
          : `**Oui** : ${lower(who)} peuvent être délégants ou délégués dans un protocole de coopération (art. L4011-1 : professions médicales, de la pharmacie, auxiliaires médicaux).`;
      }
      return `**Non** : ${lower(who)} ne peuvent être ni délégants ni délégués d'un protocole de coopération : ils ne figurent pas parmi les professions visées par l'art. L4011-1 (professions médicales, de la pharmacie, auxiliaires médicaux).`;
    case 'categorie':
      // « citée avec les auxiliaires médicaux »: neither in nor out of the category, as the sources say.
      if (asked === undefined || profession.category === 'non-precisee' || profession.category === 'autre-reglementee') return `Catégorie des ${profession.plural} : ${CATEGORY_LABELS[profession.category]}.`;
      if (profession.category === 'medecin-ou-pharmacien' && (asked === 'medicale' || asked === 'pharmacie')) {
        return `**Selon le diplôme** : ${lower(who)} sont des médecins (profession médicale) ou des pharmaciens (profession de la pharmacie).`;
      }
      return profession.category === asked
        ? `**Oui** : ${lower(who)} relèvent de la catégorie « ${lower(CATEGORY_TITLES[asked])} ».`
        : `**Non** : ${lower(who)} ne relèvent pas de la catégorie « ${lower(CATEGORY_TITLES[asked])} » (${CATEGORY_LABELS[profession.category]}).`;
  }
}

/** « **Oui** : les kinés ont un Ordre… » → « Les kinés ont un Ordre… ». */
const withoutVerdict = (said: string) => capitalize(said.replace(/^\*\*(?:Oui|Non)\*\* : /u, ''));

/** A profession's card: its category, Ordre, URPS and what the sources add. */
function professionCard(profession: Profession): Block {
  const card = [
    `**${profession.label}** : ${CATEGORY_LABELS[profession.category]}.`,
    `Ordre : ${profession.ordre ? 'oui' : 'non'}. URPS : ${profession.urps ? 'oui' : 'non'}.`,
    ...(profession.notes ? [profession.notes] : []),
  ].join(' ');
  return professionBlock(profession, card);
}

/** Two professions side by side: category, Ordre, URPS, and the protocols where each is délégué or délégant. */
export function comparedProfessionsAnswer(registries: Registries, professions: readonly [Profession, Profession]): Reply {
  const blocks = professions.map((profession) => {
    const card = professionCard(profession);
    // The protocols that name the profession itself (« médecin » alone does not make an ophthalmologist délégant).
    const named = (ids: readonly string[]) => ids.some((id) => professionNamed(registries, id, profession.id));
    const roles = [
      ['délégué', protocolsForDelegue(registries, profession.id).filter((protocol) => named(protocol.delegues))],
      ['délégant', protocolsForDelegant(registries, profession.id).filter((protocol) => named(protocol.delegants))],
    ] as const;
    const inProtocols = roles.filter(([, found]) => found.length > 0).map(([role, found]) => `${role} dans ${fewNames(found)}`);
    return { ...card, text: `- ${card.text}${inProtocols.length > 0 ? ` Protocoles de coopération : ${inProtocols.join(' ; ')}.` : ''}` };
  });
  return compose(`**${professions.map((profession) => profession.label).join(' / ')}** :`, blocks, true);
}

/** How a profession's fact was asked: of a category, whether its Ordre is optional, or as a denial. */
export interface ProfessionAsking {
  asked?: ProfessionCategory;
  optional?: boolean;
  denied?: boolean;
}

export function professionAnswer(registries: Registries, profession: Profession, aspect: ProfessionAspect, { asked, optional = false, denied = false }: ProfessionAsking = {}): Reply {
  const blocks = [professionCard(profession)];
  if (aspect === 'cooperation') {
    blocks.push({
      text: "Art. L4011-1 : professions médicales, professions de la pharmacie et auxiliaires médicaux ; l'ARS Auvergne-Rhône-Alpes y ajoute assistants dentaires, conseillers en génétique et physiciens médicaux.",
      title: 'Protocoles de coopération',
      section: 'Professions concernées',
      sources: ['https://www.auvergne-rhone-alpes.ars.sante.fr/protocoles-de-cooperation-5'],
      path: REGISTRY_FILES.professions,
    });
  }
  const verdictLed = lead(registries, profession, aspect, asked, optional);
  // « on n'a pas d'URPS, c'est vrai ? »: « Oui » would seem to grant the denial. « … a medical profession, and do they
  // have an order? » asks two facts, which one « Oui » or « Non » cannot both answer. Each fact is said on its own.
  const alsoCategory = asked !== undefined && aspect !== 'categorie' ? withoutVerdict(lead(registries, profession, 'categorie', asked)) : undefined;
  const said = alsoCategory ? `${withoutVerdict(verdictLed)} ${alsoCategory}` : denied ? withoutVerdict(verdictLed) : verdictLed;
  // The registry's own facts (Ordre, URPS, category, regulated) decide a yes/no question; whether a profession may
  // take part in « the protocol » may be about something else (« le médecin peut-il arrêter le protocole ? »).
  const verdict = aspect !== 'cooperation' && /^\*\*(?:Oui|Non|Ordre : )/.test(verdictLed);
  return { ...compose(said, blocks, true), ...(verdict ? { verdict } : {}) };
}

const topLevel = (profession: Profession) => profession.parent === undefined;

export function professionsWithAnswer(registries: Registries, aspect: 'ordre' | 'urps'): Reply {
  const chosen = registries.professions.filter((profession) => topLevel(profession) && profession[aspect]);
  const heading =
    aspect === 'urps'
      ? `**${chosen.length} professions ont une URPS** (union régionale des professionnels de santé) :`
      : `**${chosen.length} professions ont un Ordre** :`;
  const sources = [...new Set(chosen.flatMap((profession) => profession.sources))];
  const list: Block = {
    text: chosen.map((profession) => profession.plural).join(', ') + '.',
    title: 'Registre des professions de santé',
    section: aspect === 'urps' ? 'URPS' : 'Ordres',
    sources: aspect === 'urps' ? sources.filter((source) => /rhonealpes|med-in-occ/.test(source)) : sources.filter((source) => /vie-publique|med-in-occ/.test(source)),
    path: REGISTRY_FILES.professions,
  };
  const blocks = [list];
  if (aspect === 'urps') {
    const pharmacist = registries.professions.find((profession) => profession.id === 'pharmacien');
    if (pharmacist?.notes) blocks.push(professionBlock(pharmacist, `À noter : ${pharmacist.notes}`));
  }
  return compose(heading, blocks, true);
}

export function categoryAnswer(registries: Registries, category: ProfessionCategory): Reply {
  const chosen = registries.professions.filter((profession) => topLevel(profession) && profession.category === category);
  const sources = [...new Set(chosen.flatMap((profession) => profession.sources))].filter((source) => /med-in-occ|vie-publique/.test(source));
  const block: Block = {
    text: chosen.map((profession) => profession.plural).join(', ') + '.',
    title: 'Registre des professions de santé',
    section: CATEGORY_TITLES[category],
    sources: sources.length > 0 ? sources : chosen.flatMap((profession) => profession.sources),
    path: REGISTRY_FILES.professions,
  };
  return compose(`**${CATEGORY_TITLES[category]}** :`, [block], true);
}

const FORM_ASPECT_TITLES: Record<FormAspect, string> = {
  composition: 'composition minimale',
  sizes: 'tailles',
  legalForm: 'forme juridique',
  validatedBy: 'validation',
  funding: 'financement',
  steps: 'étapes',
  missions: 'missions',
};

function formFacts(form: PracticeForm, aspect: FormAspect): Fact[] {
  switch (aspect) {
    case 'funding':
      return form.funding;
    case 'sizes':
    case 'steps':
    case 'missions': {
      const list = form[aspect];
      return list ? [{ text: list.items.map((item) => `- ${item}`).join('\n'), sources: list.sources }] : [];
    }
    default: {
      const fact = form[aspect];
      return fact ? [fact] : [];
    }
  }
}

export function formAnswer(form: PracticeForm, aspect: FormAspect): Reply {
  const name = form.acronym ? `${form.acronym} (${lower(form.label)})` : form.label;
  const blocks = formFacts(form, aspect).map((fact) => ({
    text: fact.text,
    title: "Registre des formes d'exercice coordonné",
    section: `${form.label} — ${FORM_ASPECT_TITLES[aspect]}`,
    sources: fact.sources,
    path: REGISTRY_FILES.forms,
  }));
  const heading = `${name} — ${FORM_ASPECT_TITLES[aspect]}`;
  return { ...compose(`**${heading}** :`, blocks, true), summaryOf: heading };
}

function datedBlock(fact: DatedFact, today: IsoDay): Block {
  const text = [describeValues(fact, fact.values, today), ...fact.notes].join(' ');
  const sources = [...new Set(fact.values.flatMap((value) => value.sources))];
  return { text, title: 'Faits datés', section: fact.topic, sources, path: REGISTRY_FILES.dated };
}

/**
 * Tariffs, thresholds, openings: the value of today first, then the coming and past ones. Asked whether one is open
 * in `whether` places, **Oui** when today's value names them all, **Non** when no value is in force today.
 */
export function datedAnswer(facts: readonly DatedFact[], today: IsoDay, whether?: readonly Place[]): Reply {
  const topics = [...new Set(facts.map((fact) => fact.topic))].join(' ; ');
  const [fact] = facts;
  const said = whether && fact ? openingVerdict(fact, today, whether) : undefined;
  const answer = compose(said ? `**${said}** (${topics}) :` : `**${topics}** :`, facts.map((f) => datedBlock(f, today)), true);
  return said ? { ...answer, verdict: true } : answer;
}

/**
 * Of an opening the values say is to the places asked (« aux CPTS »): « Oui » when one is in force today, « Non » when
 * none is. Places its values never name (« en MSP » for an opening to CPTS) get no verdict.
 */
function openingVerdict(fact: DatedFact, today: IsoDay, places: readonly Place[]): 'Oui' | 'Non' | undefined {
  const opensThere = (value: DatedValue) => {
    const named = placesIn(normalizeForMatch(value.value));
    return places.every((place) => named.includes(place));
  };
  if (!fact.values.some(opensThere)) return undefined;
  const current = valueAt(fact.values, today);
  return current && opensThere(current) ? 'Oui' : current ? undefined : 'Non';
}

export function glossaryAnswer(registries: Registries, entries: readonly [GlossaryEntry, ...GlossaryEntry[]], today: IsoDay): Reply {
  const [first] = entries;
  const several = entries.length > 1;
  const blocks = entries.flatMap((entry): Block[] => {
    const said = [entry.expansion ? `${capitalize(entry.expansion)}.` : '', entry.definition ?? ''].filter((part) => part !== '').join(' ');
    // Several sigles asked at once: each says which it is.
    const text = several ? `**${entry.term}** : ${said}` : said;
    // A term that names a dated value (TE2, RQD) gets that value as of today.
    const dated = registries.dated.filter((fact) => fact.keywords.includes(entry.term)).map((fact) => datedBlock(fact, today));
    return [{ text, title: 'Glossaire', section: entry.term, sources: entry.sources, path: REGISTRY_FILES.glossary }, ...dated];
  });
  return compose(several ? `**${entries.map((entry) => entry.term).join(', ')}** :` : `**${first.term}** :`, blocks, true);
}

/** « **Non**, plus sous cette forme : PTA (plateforme territoriale d’appui). » and the glossary’s definition (« … fusionné dans les DAC »). */
function endedAnswer(entry: GlossaryEntry): Reply {
  const block: Block = { text: entry.definition ?? '', title: 'Glossaire', section: entry.term, sources: entry.sources, path: REGISTRY_FILES.glossary };
  const named = entry.expansion ? `${entry.term} (${entry.expansion})` : entry.term;
  return { ...compose(`**Non**, plus sous cette forme : ${named}.`, [block], true), verdict: true };
}

/**
 * « Oui » for a national protocol; « Non » for what the sources say is something else (a dispositif antérieur, acts
 * of the profession's own right); for a dossier whose authorisation was not found, no yes or no. An either-or
 * question (« national ou local ? ») gets the status itself.
 */
export function statusAnswer(registries: Registries, protocol: Protocol, today: IsoDay, eitherOr: boolean): Reply {
  const verdict = STATUS_VERDICTS[protocol.status.kind];
  const said = `${protocol.title} — ${statusPhrase(protocol, today)}.`;
  const lead = eitherOr ? `**${capitalize(statusPhrase(protocol, today))}** — ${protocol.title}.` : `**${verdict ?? 'Statut non confirmé'}** : ${said}`;
  const reply = compose(lead, [protocolBlock(registries, protocol, today)], true);
  // A yes or no on the one protocol named is a verdict no article passage gives.
  return verdict && !eitherOr ? { ...reply, verdict: true } : reply;
}

const STATUS_VERDICTS: Partial<Record<Protocol['status']['kind'], string>> = {
  national: 'Oui',
  local: 'Non, protocole local',
  'dispositif-anterieur': 'Non',
  'droit-commun': 'Non',
};

/** `today` is the calendar day the answer is worded for (dated facts, statuses). */
export function lookupAnswer(registries: Registries, query: LookupQuery, today: IsoDay): Reply {
  switch (query.kind) {
    case 'acronym':
      return glossaryAnswer(registries, query.entries, today);
    case 'ended':
      return endedAnswer(query.entry);
    case 'compared-protocols':
      return comparedProtocolsAnswer(registries, query.protocols, today);
    case 'compared-professions':
      return comparedProfessionsAnswer(registries, query.professions);
    case 'dated':
      return datedAnswer(query.facts, today, query.whether);
    case 'act':
      return actAnswer(registries, query.act, today, query.profession, { wholeQuestion: query.wholeQuestion, verbAct: query.verbAct, which: query.which, situated: query.situated, places: query.places });
    case 'delegue':
    case 'delegant': {
      const delegant = query.kind === 'delegue' ? query.delegant : undefined;
      const answer = (profession: Profession) => roleAnswer(registries, profession, query.kind, today, delegant, query.places);
      return rolesAnswer(answer(query.profession), (query.also ?? []).map(answer));
    }
    case 'profession':
      return professionAnswer(registries, query.profession, query.aspect, { asked: query.askedCategory, optional: query.optional, denied: query.denied });
    case 'professions-with':
      return professionsWithAnswer(registries, query.aspect);
    case 'category':
      return categoryAnswer(registries, query.category);
    case 'form':
      return formAnswer(query.form, query.aspect);
    case 'status':
      return statusAnswer(registries, query.protocol, today, query.eitherOr);
    case 'place':
      return placeAnswer(registries, query.places, today);
  }
}
