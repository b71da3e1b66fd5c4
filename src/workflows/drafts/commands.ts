import { normalizeForMatch } from '../../text/french.ts';
import { findSection, type ModelSection, type ProtocolModel } from './model.ts';

/** What a message posted in a draft thread asks. */
export type DraftCommand =
  | { kind: 'status' }
  | { kind: 'export' }
  | { kind: 'help' }
  | { kind: 'history'; section: ModelSection }
  | { kind: 'fill'; section: ModelSection; text: string }
  /** « proposer <section> »: a text proposed by the model, shown, never stored. */
  | { kind: 'propose'; section: ModelSection }
  /** « effacer <section> »: empty the section. */
  | { kind: 'clear'; section: ModelSection }
  /** « abandonner »: abandon the draft. */
  | { kind: 'abandon' }
  /** « xxx : texte » where xxx names no section (only meaningful inside a draft thread). */
  | { kind: 'unknown-section'; name: string };

const START = /^(?:nouveau|nouvel|cr[ée]er(?:\s+un)?|commencer(?:\s+un)?|r[ée]diger(?:\s+un)?)\s+protocole(?![\p{L}\p{N}])\s*[:\-–—]?\s*/iu;
const COMMAND_START = /^protocole(?![\p{L}\p{N}])\s*[:\-–—]?\s*/iu;
const STATUS = new Set(['etat', 'statut', 'status', 'brouillon', 'voir', 'voir le brouillon', 'ou en est on', 'ou en sommes nous', 'avancement']);
const EXPORT = new Set(['exporter', 'export', 'exporte', 'exporter le brouillon', 'exporter le protocole', 'generer', 'telecharger']);
const HELP = new Set(['aide', 'help', 'sections', 'liste des sections', 'aide protocole']);
const ABANDON = new Set(['abandonner', 'abandonner le brouillon', 'abandonner le protocole', 'supprimer le brouillon']);
const CLEAR = /^(?:effacer|vider|efface|videz|effacez)\s+(?:la section\s+|section\s+)?(?:(?:de la|du|des|de|la|le|les|l)\s+)?(.+)$/u;
const HISTORY = /^(?:historique|versions)\s+(?:de\s+|des\s+|du\s+|de la\s+)?(.+)$/u;
/** On folded text: « proposer patients », « propose un texte pour la section formation ». */
const PROPOSE = /^(?:proposer|propose|proposez|proposition)\s+(?:un texte\s+|une proposition\s+)?(?:pour\s+)?(?:la section\s+|section\s+)?(?:(?:de la|du|des|de|la|le|les|l)\s+)?(.+)$/u;

/** A section name is short: longer text before a colon is prose, not a section name. */
const MAX_SECTION_NAME_WORDS = 6;

/**
 * `nouveau protocole <titre>` (mention) or `protocole <titre>` (slash command)
 * → the title ('' when missing); null when the message does not start a draft.
 */
export function parseStart(text: string, command: boolean): string | null {
  const trimmed = text.trim();
  const prefix = START.exec(trimmed) ?? (command ? COMMAND_START.exec(trimmed) : null);
  if (!prefix) return null;
  return trimmed.slice(prefix[0].length).replace(/^[«"“\s]+|[»"”\s]+$/gu, '');
}

/** Read a message posted in a draft thread; null when it is not about the draft. */
export function parseDraftCommand(model: ProtocolModel, text: string): DraftCommand | null {
  const trimmed = text.trim();
  const folded = normalizeForMatch(trimmed);
  if (STATUS.has(folded)) return { kind: 'status' };
  if (EXPORT.has(folded)) return { kind: 'export' };
  if (HELP.has(folded)) return { kind: 'help' };
  if (ABANDON.has(folded)) return { kind: 'abandon' };
  const clear = trimmed.includes(':') ? null : CLEAR.exec(folded);
  if (clear?.[1]) {
    const section = findSection(model, clear[1]);
    return section ? { kind: 'clear', section } : { kind: 'unknown-section', name: clear[1] };
  }
  const history = HISTORY.exec(folded);
  if (history?.[1]) {
    const section = findSection(model, history[1]);
    if (section) return { kind: 'history', section };
  }
  const colon = trimmed.indexOf(':');
  const propose = colon < 0 ? PROPOSE.exec(folded) : null;
  if (propose?.[1]) {
    const section = findSection(model, propose[1]);
    return section ? { kind: 'propose', section } : { kind: 'unknown-section', name: propose[1] };
  }
  if (colon <= 0) return null;
  const name = trimmed.slice(0, colon).trim();
  const body = trimmed.slice(colon + 1).trim();
  const nameWords = normalizeForMatch(name).split(' ').filter(Boolean);
  if (nameWords.length === 0 || nameWords.length > MAX_SECTION_NAME_WORDS || /https?$/iu.test(name)) return null;
  const section = findSection(model, name);
  if (!section) return { kind: 'unknown-section', name };
  return { kind: 'fill', section, text: body };
}
