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

/** Display name kept with the text, else the platform user id. */
export function authorName(author: Author): string {
  return author.userName ?? author.userId;
}

/** « rédigé par Alice le 24/11/2026 à 10:02 (2 versions) ». */
export function attribution(author: Author, iso: string, versions: number): string {
  const history = versions > 1 ? ` (${versions} versions)` : '';
  return `rédigé par ${authorName(author)} le ${formatWhen(iso)}${history}`;
}

/** File base name from a title: `protocole-cystite-simple-chez-la-femme`. */
export function exportBaseName(title: string): string {
  const slug = normalizeForMatch(title).replace(/ /g, '-').slice(0, 60).replace(/-+$/, '');
  return slug ? `protocole-${slug}` : 'protocole';
}
