import { describe, expect, it } from 'vitest';
import { checkedClaim } from '../../src/knowledge/question-analysis.ts';
import { useOfflineCore } from '../support/offline-core.ts';

describe('the claim a question checks', () => {
  it.each([
    ["Ma voisine est persuadée qu'elle ne peut pas participer au protocole. Elle a raison ?", "elle ne peut pas participer au protocole"],
    ["Mon associé pense qu'on ne peut pas fermer le samedi ; il a refusé. Il a raison ?", "on ne peut pas fermer le samedi "],
    ["My colleague thinks nurses can't join the protocol. Is she right?", "nurses can't join the protocol"],
  ])('« %s »', (question, claim) => {
    expect(checkedClaim(question)).toBe(claim);
  });

  it('is none when what follows asks something else, or no claim is reported', () => {
    expect(checkedClaim("Ma collègue pense qu'on ne peut pas fermer le samedi. Combien d'heures faut-il ouvrir ?")).toBeUndefined();
    expect(checkedClaim('Une infirmière de SSIAD peut-elle participer au protocole domicile ?')).toBeUndefined();
  });
});

describe('a verdict on a claim that denies, turned to answer whether it holds', () => {
  const { ask } = useOfflineCore();

  it('« … persuadée qu’elle ne peut pas participer au protocole domicile… Elle a raison ? » → Non', async () => {
    const { text } = await ask("Ma voisine, infirmière de SSIAD, est persuadée qu'elle ne peut pas participer au protocole de suivi à domicile des personnes âgées parce qu'elle n'est pas libérale. Elle a raison ?");
    expect(text).toMatch(/^\*\*Non\*\* : (?:les infirmiers sont délégués|ce protocole s'applique en ville)/u);
  });

  it('leaves the verdict of a claim that does not deny', async () => {
    const { text } = await ask("Ma voisine, infirmière de SSIAD, est persuadée qu'elle peut participer au protocole de suivi à domicile des personnes âgées. Elle a raison ?");
    expect(text).not.toMatch(/^\*\*Non\*\*/u);
  });
});
