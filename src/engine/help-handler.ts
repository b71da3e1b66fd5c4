import type { Handler } from './handler.ts';
import { textReply } from './reply.ts';
import { normalizeForMatch } from '../text/french.ts';

const HELP_WORDS = new Set(['aide', 'help', '?', 'menu', 'que sais tu faire', 'que peux tu faire', 'bonjour', 'salut']);

/** What Coordo can do, in French, with examples. */
export const HELP_TEXT = [
  "**Coordo** répond aux questions d'organisation des soins coordonnés (MSP, CPTS, ESP, centres de santé, protocoles de coopération), avec ses sources.",
  '',
  '- Posez une question : « comment créer une MSP ? », « qui a un Ordre ? », « c\'est quoi un DAC ? »',
  '- Délégation : « qui peut suturer une plaie ? », « que peut-on déléguer à un masseur-kinésithérapeute ? »',
  '- Demandes de délégation : `/coordo demande` (nouvelle demande), `/coordo demandes` (mes demandes)',
  '- Rédiger un protocole local : `/coordo protocole <titre>`, puis « état » et « exporter » dans le fil',
  '',
  "Coordo ne donne pas d'avis clinique (doses, diagnostic, traitement d'un patient) et dit quand sa base ne contient pas la réponse.",
].join('\n');

export const helpHandler: Handler = {
  name: 'help',
  async handle(message) {
    if (!HELP_WORDS.has(normalizeForMatch(message.text) || '?')) return null;
    return textReply('help', HELP_TEXT, { ephemeral: message.command });
  },
};
