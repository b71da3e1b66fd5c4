import type { Handler } from '../engine/handler.ts';
import type { Reply } from '../engine/reply.ts';
import { checkedClaim } from '../knowledge/question-analysis.ts';
import { normalizeForMatch } from '../text/french.ts';

/**
 * « Ma voisine est persuadée qu'elle ne peut pas participer au protocole… Elle a raison ? »: a verdict on what the
 * claim says, asked as whether it may, answers the opposite of whether she is right. For a claim that denies, the
 * verdict is turned to answer the check: « **Oui** : ce protocole s'applique en ville » becomes « **Non** : … ».
 */
export function withClaimVerdict(handler: Handler): Handler {
  return {
    name: handler.name,
    async handle(message) {
      const reply = await handler.handle(message);
      const claim = checkedClaim(message.text);
      if (!reply || !claim || !DENIES.test(normalizeForMatch(claim))) return reply;
      return turned(reply);
    },
  };
}

/** A denial (« ne peut pas », « n'a plus », « not », « can't »), accent-folded. */
const DENIES = /\b(?:ne|n) (?:\S+ ){0,3}?(?:pas|plus|jamais|aucun|aucune)\b|\b(?:not|never|cannot|cant|isnt|arent|doesnt|dont|no longer)\b/;

function turned(reply: Reply): Reply {
  const plain = /^\*\*(Oui|Non)\*\* : /u.exec(reply.text);
  if (plain) return { ...reply, text: `**${plain[1] === 'Oui' ? 'Non' : 'Oui'}** : ${reply.text.slice(plain[0].length)}` };
  // « **Oui, dans le cadre d'un protocole de coopération** où… »: the claim denies what this allows.
  const qualified = /^\*\*Oui, ([^*]+)\*\*/u.exec(reply.text);
  return qualified ? { ...reply, text: `**Non** : c'est possible ${qualified[1]}${reply.text.slice(qualified[0].length)}` } : reply;
}
