import { foldAccents } from '../../text/french.ts';

/** Normalised sub-command word: lowercase, no accents. */
export const commandWord = (word: string): string => foldAccents(word.toLowerCase());

/** `/coordo aide`: the questions Coordo answers and every sub-command (`commands`: one line each, from the features). */
export function helpText(commands: readonly string[]): string {
  const lines = [
    '**Coordo** répond aux questions des équipes de soins coordonnés (MSP, CPTS, ESP, centres de santé, DAC…), en citant ses sources.',
    '',
    'Mentionnez-moi dans un canal (@Coordo), écrivez-moi en message direct, ou tapez `/coordo <question>`. Exemples :',
    '- comment créer une MSP ?',
    '- qui a un Ordre ?',
    "- c'est quoi un DAC ?",
    '- qui peut suturer une plaie ?',
    '',
    'Je ne réponds pas aux questions cliniques sur un patient. Dans un fil, je tiens compte des messages précédents.',
    '',
    '**Commandes**',
    '- `/coordo <question>` : réponse visible de vous seul, avec un bouton pour la partager dans le canal',
    '- `/coordo aide` : cette aide',
    ...commands.map((line) => `- ${line}`),
  ];
  return lines.join('\n');
}
