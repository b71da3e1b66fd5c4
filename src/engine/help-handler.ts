import type { Handler } from './handler.ts';
import { textReply } from './reply.ts';
import { normalizeForMatch } from '../text/french.ts';

const HELP_WORDS = new Set(['aide', 'help', '?', 'menu', 'que sais tu faire', 'que peux tu faire', 'bonjour', 'salut']);

/** « aide », « help », « ? »… (accents, case and punctuation ignored); an empty text counts too. */
export function isHelpRequest(text: string): boolean {
  return HELP_WORDS.has(normalizeForMatch(text) || '?');
}

/** Help for the local console, where there are no slash commands. */
export const CONSOLE_HELP = [
  "**Coordo** répond aux questions d'organisation des soins coordonnés (MSP, CPTS, ESP, centres de santé, protocoles de coopération), avec ses sources.",
  '',
  '- Posez une question : « comment créer une MSP ? », « qui a un Ordre ? », « c\'est quoi un DAC ? »',
  '- Délégation : « qui peut suturer une plaie ? », « que peut-on déléguer à un masseur-kinésithérapeute ? »',
  '- Une question de suite tient compte de la précédente ; « quitter » pour sortir.',
  '',
  "Coordo ne donne pas d'avis clinique (doses, diagnostic, traitement d'un patient) et dit quand sa base ne contient pas la réponse.",
  'Les demandes de délégation et la rédaction de protocoles se font dans Slack (`/coordo demande`, `/coordo protocole`).',
].join('\n');

/** Answers « aide » with what Coordo can do where it runs (console, Slack…). */
export function createHelpHandler(text: string): Handler {
  return {
    name: 'help',
    async handle(message) {
      return isHelpRequest(message.text) ? textReply('help', text, { ephemeral: message.command }) : null;
    },
  };
}
