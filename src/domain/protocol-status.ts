import { frenchDay, sincePhrase, type IsoDay } from './dated.ts';
import type { Protocol, ProtocolStatusKind } from './registry.ts';

/**
 * How a protocol's status is said, the same way in lookups, the request form,
 * the request card and the draft checks. Only `national` entries are called
 * national; the others say what they are (and since when, relative to today).
 */

/** Section name of a protocol in citations. */
export const STATUS_SECTIONS: Record<ProtocolStatusKind, string> = {
  national: 'Protocole national',
  local: 'Protocole local',
  'dispositif-anterieur': 'Dispositif antérieur',
  'dossier-evalue': 'Dossier évalué par la HAS, autorisation non trouvée',
  'droit-commun': 'Droit commun, hors protocole',
};

/** The status in a sentence: « protocole national autorisé depuis le 6 mars 2020 ». */
export function statusPhrase(protocol: Protocol, today: IsoDay): string {
  const { kind, since, by } = protocol.status;
  switch (kind) {
    case 'national':
      return since ? `protocole national autorisé ${sincePhrase(since, today)}` : "protocole national autorisé (date de l'arrêté non trouvée)";
    case 'local':
      return `protocole local${protocol.team ? ` — ${protocol.team}` : ''}`;
    case 'dispositif-anterieur':
      return `dispositif antérieur autorisé par ${by ?? 'une ARS'}${since ? ` ${since > today ? 'à partir du' : 'le'} ${frenchDay(since)}` : ''}, pas un protocole national`;
    case 'dossier-evalue':
      return "dossier évalué par la HAS dont l'autorisation n'a pas été trouvée dans les sources (statut non confirmé)";
    case 'droit-commun':
      return `hors protocole : ${since && since > today ? 'relèvera' : 'relève'} du droit commun de la profession${since ? ` ${sincePhrase(since, today)}` : ''}`;
  }
}

/** A short tag for lists and cards: « national », « local, MSP des Tilleuls », « dossier HAS, autorisation non trouvée ». */
export function statusTag(protocol: Protocol, today: IsoDay): string {
  const { kind, since } = protocol.status;
  switch (kind) {
    case 'national':
      return 'national';
    case 'local':
      return `local${protocol.team ? `, ${protocol.team}` : ''}`;
    case 'dispositif-anterieur':
      return 'dispositif antérieur, ARS';
    case 'dossier-evalue':
      return 'dossier HAS, autorisation non trouvée';
    case 'droit-commun':
      return since ? `droit commun ${sincePhrase(since, today)}` : 'droit commun';
  }
}
