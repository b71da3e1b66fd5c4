import { z } from 'zod';
import { matchWords } from './phrase-match.ts';
import { MEMBER_BREAK, phrasesIn } from './negation.ts';
import { frenchList } from '../text/listing.ts';

/**
 * Where on the body a complaint is: a protocol for one site (« la cheville », « le bas du dos », « un membre ») is not
 * for another (« une entorse du poignet », « une douleur cervicale », « un traumatisme crânien »).
 */
export const BODY_SITES = [
  'tete', 'cou', 'haut-du-dos', 'bas-du-dos', 'thorax', 'abdomen',
  'epaule', 'bras', 'coude', 'avant-bras', 'poignet', 'main', 'hanche', 'cuisse', 'genou', 'jambe', 'cheville', 'pied',
] as const;
export const BodySiteSchema = z.enum(BODY_SITES);
export type BodySite = z.infer<typeof BodySiteSchema>;

/** The words that name each site in a question, French and English (accents, case and plurals do not matter). */
const NAMES: Record<BodySite, readonly string[]> = {
  tete: ['tête', 'crâne', 'crânien', 'crânienne', 'visage', 'front', 'mâchoire', 'cuir chevelu', 'head', 'skull', 'face', 'scalp', 'jaw'],
  cou: ['cou', 'nuque', 'cervical', 'cervicale', 'cervicales', 'cervicalgie', 'torticolis', 'neck', 'wry neck', 'cervical spine'],
  'haut-du-dos': ['dorsal', 'dorsale', 'dorsalgie', 'haut du dos', 'entre les omoplates', 'upper back', 'thoracic spine'],
  'bas-du-dos': ['lombaire', 'lombaires', 'lombalgie', 'lumbago', 'tour de reins', 'bas du dos', 'mal aux reins', 'low back', 'lower back', 'lumbar'],
  thorax: ['thorax', 'thoracique', 'côte', 'côtes', 'poitrine', 'chest', 'rib', 'ribs'],
  abdomen: ['abdomen', 'ventre', 'abdominal', 'abdominale', 'belly', 'stomach', 'abdominal pain'],
  epaule: ['épaule', 'clavicule', 'shoulder', 'collarbone'],
  bras: ['bras', 'humérus', 'arm', 'upper arm'],
  coude: ['coude', 'elbow'],
  'avant-bras': ['avant-bras', 'forearm'],
  poignet: ['poignet', 'wrist'],
  // Not « hand » nor « foot »: in French, handball and football (« une joueuse de hand », « au foot »).
  main: ['main', 'doigt', 'doigts', 'pouce', 'finger', 'fingers', 'thumb'],
  hanche: ['hanche', 'bassin', 'hip', 'pelvis'],
  cuisse: ['cuisse', 'fémur', 'thigh'],
  genou: ['genou', 'genoux', 'rotule', 'ménisque', 'knee', 'kneecap'],
  jambe: ['jambe', 'tibia', 'mollet', 'leg', 'shin', 'calf'],
  cheville: ['cheville', 'malléole', 'ankle'],
  pied: ['pied', 'orteil', 'orteils', 'talon', 'feet', 'toe', 'toes', 'heel'],
};

const LABELS: Record<BodySite, string> = {
  tete: 'la tête', cou: 'le cou', 'haut-du-dos': 'le haut du dos', 'bas-du-dos': 'le bas du dos', thorax: 'le thorax',
  abdomen: "l'abdomen", epaule: "l'épaule", bras: 'le bras', coude: 'le coude', 'avant-bras': "l'avant-bras",
  poignet: 'le poignet', main: 'la main', hanche: 'la hanche', cuisse: 'la cuisse', genou: 'le genou', jambe: 'la jambe',
  cheville: 'la cheville', pied: 'le pied',
};

/** The sites a question names, negated ones left out (« pas de douleur au genou »). */
export function bodySitesIn(text: string): BodySite[] {
  const members = text.split(MEMBER_BREAK).map(matchWords);
  return BODY_SITES.filter((site) => members.some((words) => phrasesIn(words, NAMES[site], false).some((mention) => !mention.negated)));
}

/** The words that name a site (« épaule », « clavicule », « shoulder »). */
export function bodySiteNames(site: BodySite): readonly string[] {
  return NAMES[site];
}

/** « le poignet et le genou ». */
export function bodySitesLabel(sites: readonly BodySite[]): string {
  return frenchList(sites.map((site) => LABELS[site]));
}
