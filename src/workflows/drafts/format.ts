import { normalizeForMatch } from '../../text/french.ts';
import type { Author } from './draft.ts';

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** « 24/11/2026 à 10:02 », Paris time. */
export function formatWhen(iso: string): string {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} à ${parts.hour}:${parts.minute}`;
}

/** Display names by user id, as the chat platform gives them now (see DraftPeople). */
export type PeopleNames = ReadonlyMap<string, string>;

/** The name to show for an author: the platform's current display name, else the name kept with the text, else the user id. */
export function authorName(author: Author, names: PeopleNames): string {
  return names.get(author.userId) ?? author.userName ?? author.userId;
}

/** « rédigé par Alice le 24/11/2026 à 10:02 (2 versions) ». */
export function attribution(author: Author, iso: string, versions: number, names: PeopleNames): string {
  const history = versions > 1 ? ` (${versions} versions)` : '';
  return `rédigé par ${authorName(author, names)} le ${formatWhen(iso)}${history}`;
}

/** File base name from a title: `protocole-cystite-simple-chez-la-femme`. */
export function exportBaseName(title: string): string {
  const slug = normalizeForMatch(title).replace(/ /g, '-').slice(0, 60).replace(/-+$/, '');
  return slug ? `protocole-${slug}` : 'protocole';
}
