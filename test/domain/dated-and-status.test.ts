import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeValues, frenchDay, isoDay, valueAt } from '../../src/domain/dated.ts';
import { loadRegistries } from '../../src/domain/load.ts';
import { createLookupHandler } from '../../src/domain/lookup-handler.ts';
import { inForce, PROTOCOL_STATUSES } from '../../src/domain/registry.ts';
import type { Reply } from '../../src/engine/reply.ts';
import { slackFormat } from '../../src/adapters/slack/markup.ts';
import { modalOf } from '../../src/adapters/slack/render-form.ts';
import { requestForm, type RequestFormState } from '../../src/workflows/delegation/forms.ts';
import type { DelegationCatalog } from '../../src/workflows/delegation/catalog.ts';

const formView = (catalog: DelegationCatalog, state: RequestFormState) => modalOf(requestForm(catalog, state, slackFormat));
import { delegationCatalog } from '../../src/workflows/delegation/catalog.ts';
import { protocolTitle } from '../../src/workflows/delegation/presenter.ts';
import { checkDraft } from '../../src/workflows/drafts/checks.ts';
import { loadProtocolModel } from '../../src/workflows/drafts/model.ts';
import { createProtocolRegistryPort } from '../../src/workflows/drafts/registry-port.ts';
import type { DelegationRequest } from '../../src/workflows/delegation/model.ts';

const KNOWLEDGE = join(import.meta.dirname, '../../knowledge');
const registries = loadRegistries(KNOWLEDGE);

/** A clock fixed on a calendar day (noon in Paris). */
const on = (day: string) => () => new Date(`${day}T12:00:00+01:00`);

async function ask(text: string, day: string): Promise<Reply> {
  const reply = await createLookupHandler(registries, { today: on(day) }).handle({
    text,
    conversation: { platform: 'cli', userId: 'U1', channelId: 'C1' },
    history: [],
    command: false,
  });
  if (!reply) throw new Error(`aucune réponse du registre pour « ${text} »`);
  return reply;
}

const NOT_NATIONAL = ['asalee', 'bilan-visuel-orthoptiste', 'pc-161-diabete-ide', 'pc-139-dispositifs-rythme', 'pc-145-midline', 'pc-117-greffe-renale'];

describe('valeurs datées', () => {
  const values = [
    { value: 'de 20 €', from: '2022-04-01' },
    { value: 'de 23 €', from: '2026-01-01' },
  ];
  const subject = { subject: 'Le tarif', pronoun: 'il' as const };

  it('donnent la valeur du jour, la veille et le jour du changement', () => {
    expect(valueAt(values, '2025-12-31')?.value).toBe('de 20 €');
    expect(valueAt(values, '2026-01-01')?.value).toBe('de 23 €');
    expect(valueAt(values, '2021-01-01')).toBeUndefined();
  });

  it('disent la valeur en vigueur d’abord, le futur au futur, le passé au passé', () => {
    expect(describeValues(subject, values, '2025-06-15')).toBe(
      'Le tarif est de 20 € depuis le 1er avril 2022. Il sera de 23 € à partir du 1er janvier 2026.',
    );
    expect(describeValues(subject, values, '2026-12-01')).toBe(
      'Le tarif est de 23 € depuis le 1er janvier 2026. Il était de 20 € du 1er avril 2022 au 31 décembre 2025.',
    );
  });

  it('disent qu’une période close est finie', () => {
    const closed = [{ value: 'ouverts', from: '2022-07-01', until: '2023-08-31' }];
    expect(describeValues({ subject: 'Les protocoles', pronoun: 'ils' }, closed, '2026-12-01')).toBe(
      'Les protocoles étaient ouverts du 1er juillet 2022 au 31 août 2023. Ce n’est plus le cas depuis le 1er septembre 2023.'.replace('’', "'"),
    );
    expect(describeValues({ subject: 'Les protocoles', pronoun: 'ils' }, closed, '2023-01-10')).toBe(
      "Les protocoles sont ouverts depuis le 1er juillet 2022 et jusqu'au 31 août 2023.",
    );
  });

  it('écrivent les dates en français et prennent le jour à Paris', () => {
    expect(frenchDay('2026-01-01')).toBe('1er janvier 2026');
    expect(frenchDay('2020-04-24')).toBe('24 avril 2020');
    // 23 h 30 UTC le 31 décembre = déjà le 1er janvier à Paris.
    expect(isoDay(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
});

describe('tarif de la téléexpertise, horloge fixée', () => {
  const questions = ['Combien est payée une téléexpertise ?', 'Quel est le tarif de la télé-expertise ?', 'quel prix pour une TELEEXPERTISE ?'];

  it.each(questions)('avant le 1er janvier 2026 : 20 €, 23 € au futur — « %s »', async (question) => {
    const reply = await ask(question, '2025-12-31');
    expect(reply.kind).toBe('lookup');
    expect(reply.text).toMatch(/TE2\) est de 20 € depuis le 1er avril 2022\. Il sera de 23 € à partir du 1er janvier 2026\./u);
    expect(reply.text).toMatch(/RQD\) est de 10 €/u);
    expect(reply.text).not.toMatch(/passe à 23|était de 20/u);
    expect(reply.citations.map((c) => c.path)).toContain('registries/dated-facts.yml');
  });

  it.each(questions)('à partir du 1er janvier 2026 : 23 €, 20 € au passé — « %s »', async (question) => {
    for (const day of ['2026-01-01', '2026-12-01']) {
      const reply = await ask(question, day);
      expect(reply.text).toMatch(/TE2\) est de 23 € depuis le 1er janvier 2026\. Il était de 20 € du 1er avril 2022 au 31 décembre 2025\./u);
      expect(reply.text).not.toMatch(/sera de 23|passe à 23/u);
    }
  });

  it('le sigle TE2 donne aussi le tarif du jour', async () => {
    expect((await ask('Que signifie TE2 ?', '2025-03-01')).text).toMatch(/est de 20 €.*sera de 23 €/su);
    expect((await ask('Que signifie TE2 ?', '2026-03-01')).text).toMatch(/est de 23 €.*était de 20 €/su);
  });

  it('les seuils (actes par an, part à distance) sont distingués des tarifs', async () => {
    const reply = await ask('Combien de téléexpertises par an et par patient ?', '2026-12-01');
    expect(reply.text).toMatch(/4 par an et par patient/u);
    expect(reply.text).not.toMatch(/23 €/u);
  });
});

describe('ouverture datée demandée par oui ou non, horloge fixée', () => {
  it.each([
    'Our CPTS nurses would like to run the cystitis protocol this year. Is a CPTS allowed to do that?',
    'Le protocole cystite est-il ouvert aux CPTS ?',
    'protocole angine c encore possible en cpts ?',
  ])('ouverte ce jour là où la question le demande : **Oui** — « %s »', async (question) => {
    const reply = await ask(question, '2026-12-01');
    expect(reply.text).toMatch(/^\*\*Oui\*\* \(Protocoles odynophagie et cystite en CPTS\) :\n\n.*depuis le 9 mars 2023/u);
    expect(reply.verdict).toBe(true);
  });

  it('pas encore ouverte avant le 1er juillet 2022 : **Non**', async () => {
    expect((await ask('Le protocole cystite est-il ouvert aux CPTS ?', '2022-03-01')).text).toMatch(/^\*\*Non\*\* \(/u);
  });

  it.each([
    'Pour faire le protocole angine dans notre CPTS, faut-il encore un logiciel partagé et une formation par un maître de stage ?',
    'Pharmacien dans une CPTS : je voulais me déclarer délégué sur le protocole mal de gorge, c’est encore possible ?',
    'Le protocole cystite est ouvert aux CPTS depuis quand ?',
    'Was the cystitis protocol open to CPTS in 2021?',
    'Le protocole entorse est-il ouvert aux MSP ?',
    'Le protocole lombalgie est-il ouvert en centre de santé ?',
  ])('sans verdict quand la question demande autre chose que l’ouverture d’aujourd’hui là où elle est datée — « %s »', async (question) => {
    expect((await ask(question, '2026-12-01')).text).not.toMatch(/^\*\*(?:Oui|Non)\*\* \(/u);
  });
});

describe('statuts des protocoles', () => {
  it('chaque entrée a un statut permis, avec sa justification ; « national » a un arrêté ou un texte au JO', () => {
    for (const protocol of registries.protocols) {
      expect(PROTOCOL_STATUSES).toContain(protocol.status.kind);
      expect(protocol.status.basis.length).toBeGreaterThan(10);
      if (protocol.status.kind === 'national') expect(protocol.status.basis).toMatch(/arrêté|Journal officiel/iu);
    }
  });

  it('les dispositifs antérieurs, dossiers non autorisés et actes de droit commun ne sont pas nationaux', () => {
    for (const id of NOT_NATIONAL) {
      const protocol = registries.protocols.find((p) => p.id === id);
      expect(protocol?.status.kind, id).not.toBe('national');
      expect(protocol && inForce(protocol), id).toBe(false);
    }
    expect(registries.protocols.find((p) => p.id === 'asalee')?.status).toMatchObject({ kind: 'dispositif-anterieur', since: '2012-06-18' });
    expect(registries.protocols.find((p) => p.id === 'bilan-visuel-orthoptiste')?.status).toMatchObject({ kind: 'droit-commun', since: '2020-04-24' });
  });

  it('les réponses les présentent pour ce qu’elles sont, jamais comme protocoles nationaux', async () => {
    const diabetes = await ask('Qui peut suivre un patient diabétique ?', '2026-12-01');
    expect(diabetes.text).toMatch(/Aucun protocole national ou local du registre/u);
    expect(diabetes.text).toMatch(/Asalée[^\n]*\(dispositif antérieur autorisé par l'ARS Poitou-Charentes le 18 juin 2012, pas un protocole national\)/u);
    expect(diabetes.text).toMatch(/PC 161\)[^\n]*dont l'autorisation n'a pas été trouvée/u);
    expect(diabetes.citations.map((c) => c.section)).not.toContain('Protocole national');
    expect(diabetes.buttons).toBeUndefined();

    const glasses = await ask('Un orthoptiste peut-il renouveler des lunettes ?', '2026-12-01');
    expect(glasses.text).not.toMatch(/^\*\*Oui/u);
    expect(glasses.text).toMatch(/relève du droit commun de la profession depuis le 24 avril 2020/u);

    for (const question of ['Qui peut poser une MID line ?', 'Qui peut suivre un greffé du rein ?', 'Qui peut suivre un patient porteur de pacemaker ?']) {
      const reply = await ask(question, '2026-12-01');
      expect(reply.text, question).toMatch(/autorisation n'a pas été trouvée/u);
      expect(reply.text, question).not.toMatch(/protocole national autorisé/u);
    }
  });

  it('les vrais protocoles nationaux restent « protocole national autorisé » avec leur date', async () => {
    const reply = await ask('Qui peut suturer une plaie ?', '2026-12-01');
    expect(reply.text).toMatch(/protocole national autorisé depuis le 6 mars 2020/u);
  });

  it('le formulaire de demande les range à part, avec leur statut en tête de l’option', () => {
    const catalog = delegationCatalog(registries, '2026-12-01');
    const view = formView(catalog, { initial: {}, suggestions: [], today: '2026-12-01' });
    const select = JSON.stringify(view.blocks);
    const groups = (view.blocks as { block_id?: string; element?: { option_groups?: { label: { text: string }; options: { value: string; text: { text: string } }[] }[] } }[])
      .find((block) => block.block_id === 'protocol')?.element?.option_groups;
    expect(groups).toBeDefined();
    const national = groups?.find((group) => group.label.text === 'Protocoles nationaux')?.options.map((o) => o.value) ?? [];
    const others = groups?.find((group) => /pas des protocoles nationaux/u.test(group.label.text))?.options ?? [];
    for (const id of NOT_NATIONAL) expect(national, id).not.toContain(id);
    expect(others.map((o) => o.value).sort()).toEqual([...NOT_NATIONAL].sort());
    expect(others.find((o) => o.value === 'pc-161-diabete-ide')?.text.text).toMatch(/^\[dossier HAS, autorisation non trouvée\]/u);
    expect(others.find((o) => o.value === 'asalee')?.text.text).toMatch(/^\[dispositif antérieur, ARS\]/u);
    expect(others.find((o) => o.value === 'bilan-visuel-orthoptiste')?.text.text).toMatch(/^\[droit commun depuis le 24 avril 2020\]/u);
    expect(select).toContain('Protocoles nationaux');

    const suggested = formView(catalog, { initial: { acts: 'suivi du diabète' }, suggestions: catalog.suggestProtocols('suivi du diabète'), today: '2026-12-01' });
    expect(JSON.stringify(suggested.blocks)).toMatch(/Asalée[^"]*\(dispositif antérieur, ARS\)/u);
  });

  it('la carte de demande dit le statut, pas « national »', () => {
    const catalog = delegationCatalog(registries, '2026-12-01');
    const request = { protocol: { kind: 'existing', protocolId: 'pc-145-midline' } } as unknown as DelegationRequest;
    expect(protocolTitle(request, catalog)).toBe('MID line (dossier PC 145) (dossier HAS, autorisation non trouvée)');
    const sutures = { protocol: { kind: 'existing', protocolId: 'sutures-plaies-urgences' } } as unknown as DelegationRequest;
    expect(protocolTitle(sutures, catalog)).toMatch(/\(national\)$/u);
  });

  it('le contrôle de brouillon ne propose d’adhérer qu’aux protocoles nationaux', () => {
    const model = loadProtocolModel(KNOWLEDGE);
    const port = createProtocolRegistryPort(registries, on('2026-12-01'));
    const texts = new Map([
      ['intitule', 'Suivi des patients diabétiques de type 2 par l’infirmier'],
      ['actes', 'Suivi du diabète de type 2, renouvellement de lunettes'],
    ]);
    const { warnings } = checkDraft(model, texts, port);
    const about = (title: RegExp) => warnings.filter((warning) => title.test(warning));
    for (const warning of [...about(/Asalée/u), ...about(/PC 161/u), ...about(/Bilan visuel/u)]) {
      expect(warning).not.toMatch(/protocole national « /u);
      expect(warning).not.toMatch(/adhérer plutôt/u);
    }
    expect(about(/PC 161/u)[0]).toMatch(/autorisation n'a pas été trouvée.*pas de protocole national à rejoindre/u);
    expect(about(/Asalée/u)[0]).toMatch(/dispositif antérieur.*pas un protocole national auquel adhérer/u);
    expect(about(/Bilan visuel/u)[0]).toMatch(/droit commun de la profession depuis le 24 avril 2020/u);

    const cystitis = checkDraft(model, new Map([['actes', 'Prise en charge de la cystite chez la femme']]), port);
    expect(cystitis.warnings.some((w) => /Le protocole national « Pollakiurie/u.test(w) && /adhérer/u.test(w))).toBe(true);
  });
});
