import { z } from 'zod';
import { frenchDay, IsoDaySchema, tenseOf, type IsoDay } from './dated.ts';
import { matchWords } from './phrase-match.ts';
import { MEMBER_BREAK, phrasesIn } from './negation.ts';
import { frenchList } from '../text/listing.ts';

/** Where a protocol may be applied, and where a professional says they work. */
export const PLACES = ['urgences', 'etablissement', 'ville', 'msp', 'centre-de-sante', 'esp', 'cpts'] as const;
export const PlaceSchema = z.enum(PLACES);
export type Place = z.infer<typeof PlaceSchema>;

/** A place a protocol is open to, between two days when the opening was limited in time. */
export const OpeningSchema = z.strictObject({ place: PlaceSchema, from: IsoDaySchema.optional(), until: IsoDaySchema.optional() });
export type Opening = z.infer<typeof OpeningSchema>;

const LABELS: Record<Place, string> = {
  urgences: "dans un service d'urgence",
  etablissement: 'dans un établissement de santé',
  ville: 'en ville (exercice ambulatoire)',
  msp: 'en MSP',
  'centre-de-sante': 'en centre de santé',
  esp: 'en ESP',
  cpts: 'en CPTS',
};

/** The words that name each place in a question (accents, case and plurals do not matter). */
const NAMES: Record<Place, readonly string[]> = {
  // « en urgence » says how soon, not where: the service is named in the plural, or as a service.
  urgences: ['aux urgences', 'des urgences', 'les urgences', 'aux urg', 'des urg', 'SAU', "service d'urgence", "services d'urgence", 'emergency department', 'emergency room', 'ER nurse'],
  etablissement: ['hôpital', 'hôpitaux', 'CHU', 'clinique', 'établissement de santé', 'hospital', 'service hospitalier'],
  // Not « à domicile »: a patient followed at home may be in hospital care (HAD).
  ville: ['cabinet', 'libéral', 'libérale', 'en ville', 'de ville', 'ambulatoire', 'officine', 'private practice', 'primary care', 'community care', 'self-employed', 'in town'],
  msp: ['MSP', 'maison de santé', 'maison de santé pluriprofessionnelle'],
  'centre-de-sante': ['centre de santé', 'CDS', 'health centre', 'health center'],
  esp: ['ESP', 'équipe de soins primaires'],
  cpts: ['CPTS', 'communauté professionnelle territoriale de santé'],
};

/** « dans un établissement de santé et en CPTS ». */
export function placesLabel(places: readonly Place[]): string {
  return frenchList(places.map((place) => LABELS[place]), 'et');
}

/** Every name of a place (« hôpital », « CPTS », « aux urgences »). */
export const PLACE_NAMES: readonly string[] = Object.values(NAMES).flat();

/** The names of these places. */
export const namesOfPlaces = (places: readonly Place[]): string[] => places.flatMap((place) => NAMES[place]);

/** Ambulatory places: a protocol open « en ville » is open in each of them. */
const IN_TOWN: ReadonlySet<Place> = new Set(['msp', 'centre-de-sante', 'esp', 'cpts', 'ville']);

/**
 * « à 50 km de l'hôpital », « loin du CHU », « near the hospital »: a place said to be elsewhere, which the asker
 * does not work in.
 */
const AWAY_FROM =
  /(?<![\p{L}\d])(?:(?:à|a)\s+\d+\s*(?:km|kilom[eè]tres?|min(?:utes)?|heures?|h)\s+|(?:loin|pr[eè]s|proche|à côté|a cote)\s+)(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)\p{L}+|(?<![\p{L}\d])(?:far from|near|close to|next to|\d+\s*(?:km|miles|minutes) (?:from|away from))\s+(?:the\s+|a\s+|an\s+)?\p{L}+/giu;

/** The places a question says the asker works in (« IDE en centre de santé », « notre CPTS »), negated ones left out. */
export function placesIn(text: string): Place[] {
  return placesSaid(text, false);
}

/**
 * The structures a question says the asker does not work in (« je ne fais partie d'aucune MSP ni CPTS »); not « en
 * ville », whose words say where a patient goes too (« elle ne peut plus venir au cabinet »).
 */
export function placesDenied(text: string): Place[] {
  return placesSaid(text, true).filter((place) => place !== 'ville');
}

function placesSaid(text: string, negated: boolean): Place[] {
  const members = text.replace(AWAY_FROM, ' ').split(MEMBER_BREAK).map(matchWords);
  return PLACES.filter((place) => members.some((words) => phrasesIn(words, NAMES[place], false).some((mention) => mention.negated === negated)));
}

/**
 * « kiné libéral, je ne fais partie d'aucune MSP ni centre de santé »: every place the protocol applies in today is
 * one the asker says they do not work in (null otherwise).
 */
export function placesDeniedRefusal(openings: readonly Opening[], denied: readonly Place[], today: IsoDay): string | null {
  const openNow = [...new Set(openings.filter((o) => isOpen(o, today)).map((o) => o.place))];
  if (openNow.length === 0 || !openNow.every((place) => denied.includes(place))) return null;
  return `ce protocole s'applique ${frenchList(openNow.map((place) => LABELS[place]), 'ou')}, où la question dit que vous n'exercez pas`;
}

const isOpen = (opening: Opening, today: IsoDay) => tenseOf(opening, today) === 'present';

function admits(opening: Opening, place: Place): boolean {
  return opening.place === place || (opening.place === 'ville' && IN_TOWN.has(place));
}

/**
 * Why the protocol cannot be applied where the asker works, or null when one of their places is open today (or the
 * protocol's places are not known, or the question names none).
 */
export function placeRefusal(openings: readonly Opening[], named: readonly Place[], today: IsoDay): string | null {
  // « libérale », « au cabinet » say how one practises, not where: a liberal nurse may well work in an MSP — unless
  // the protocol is for hospitals only (« IDE libérale, je peux poser une VVC ? »).
  const inTownSomewhere = openings.some((opening) => IN_TOWN.has(opening.place));
  const asked = inTownSomewhere ? named.filter((place) => place !== 'ville') : named;
  if (openings.length === 0 || asked.length === 0) return null;
  if (named.some((place) => openings.some((opening) => isOpen(opening, today) && admits(opening, place)))) return null;
  const openNow = [...new Set(openings.filter((o) => isOpen(o, today)).map((o) => LABELS[o.place]))];
  const where = `ce protocole s'applique ${frenchList(openNow, 'ou')}, pas ${frenchList(asked.map((p) => LABELS[p]), 'ni')}`;
  const end = endedOpening(openings, asked, today);
  return end ? `${where} : cette ouverture a pris fin le ${frenchDay(end)}` : where;
}

/** When the protocol stopped being open to one of the places named (« en CPTS jusqu'au 31 août 2023 »), if it was. */
export function endedOpening(openings: readonly Opening[], named: readonly Place[], today: IsoDay): IsoDay | undefined {
  return openings.find((o) => tenseOf(o, today) === 'past' && named.some((place) => admits(o, place)))?.until;
}

/** Where the protocol applies today, when the question names a place it is open to (« … : il s'applique en ville »). */
export function placeConfirmation(openings: readonly Opening[], named: readonly Place[], today: IsoDay): string | null {
  const openNow = openings.filter((opening) => isOpen(opening, today));
  if (!named.some((place) => openNow.some((opening) => admits(opening, place)))) return null;
  return `ce protocole s'applique ${frenchList([...new Set(openNow.map((o) => LABELS[o.place]))], 'ou')}`;
}

/** « en MSP, en centre de santé ou en CPTS ». */
