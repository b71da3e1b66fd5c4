import { textReply, type Reply } from '../engine/reply.ts';

/** The honest answer when the base has nothing reliable. */
export function unknownReply(suggestions: readonly string[] = []): Reply {
  const reply = textReply(
    'unknown',
    "Je ne trouve pas d'information fiable sur ce sujet dans la base de connaissances de Coordo, qui porte sur l'exercice coordonné " +
      '(MSP, CPTS, ESP, centres de santé, SISA, ACI, DAC, protocoles de coopération, téléexpertise, Ordres et URPS). ' +
      "Je préfère ne pas répondre plutôt que d'inventer. Reformulez la question, ou adressez-vous à votre ARS " +
      "ou à la fédération régionale des maisons et pôles de santé.",
  );
  return suggestions.length > 0 ? { ...reply, suggestions: [...suggestions] } : reply;
}
