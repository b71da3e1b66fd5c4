import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { namesOf } from '../../src/domain/registry.ts';
import { containsPhrase, matchWords } from '../../src/domain/phrase-match.ts';
import { PROTOCOL_STATUSES, type Protocol } from '../../src/domain/registry.ts';
import { foldAccents } from '../../src/text/french.ts';

/**
 * Consistency of the shipped knowledge base: every fact has a source, every
 * protocol a permitted status with its justification, articles and registries
 * agree on shared facts, and nothing is copied from the seeds or the fact sheet.
 */

const KNOWLEDGE = join(import.meta.dirname, '../../knowledge');
const ARTICLES = join(KNOWLEDGE, 'articles');
const REGISTRIES = join(KNOWLEDGE, 'registries');
/** The project's read-only source material, beside the checkout (`../shared`). */
const SHARED = join(import.meta.dirname, '../../../shared');
const registries = loadRegistries(KNOWLEDGE);

interface Article {
  file: string;
  data: { title: string; sources: string[]; protocols?: string[] };
  body: string;
  sections: { heading: string; lines: string[] }[];
}

const articles: Article[] = readdirSync(ARTICLES)
  .filter((file) => file.endsWith('.md'))
  .sort()
  .map((file) => {
    const { data, content } = matter(readFileSync(join(ARTICLES, file), 'utf8'));
    const sections = content
      .split(/^## /mu)
      .slice(1)
      .map((part) => {
        const [heading = '', ...lines] = part.split('\n');
        return { heading: heading.trim(), lines: lines.map((line) => line.trim()).filter((line) => line !== '') };
      });
    return { file, data: data as Article['data'], body: content, sections };
  });

const sourcesOf = (line: string) =>
  line
    .replace(/^Sources\s*:\s*/u, '')
    .split(/\s+;\s+/u)
    .map((item) => item.trim())
    .filter((item) => item !== '');

describe('chaque fait a sa source', () => {
  it('chaque section d’article finit par une ligne « Sources : » dont chaque source est dans la tête de l’article', () => {
    const problems: string[] = [];
    for (const article of articles) {
      if (article.sections.length === 0) problems.push(`${article.file} : aucune section`);
      for (const section of article.sections) {
        const last = section.lines.at(-1) ?? '';
        if (!/^Sources\s*:/u.test(last) || sourcesOf(last).length === 0) {
          problems.push(`${article.file}#${section.heading} : pas de ligne « Sources : » finale`);
          continue;
        }
        for (const source of sourcesOf(last)) {
          if (!article.data.sources.includes(source)) problems.push(`${article.file}#${section.heading} : « ${source} » absent des sources de la tête`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('chaque entrée de registre a au moins une source', () => {
    const problems: string[] = [];
    const need = (where: string, sources: readonly string[] | undefined) => {
      if (!sources || sources.length === 0 || sources.some((source) => source.trim() === '')) problems.push(where);
    };
    for (const p of registries.professions) need(`professions ${p.id}`, p.sources);
    for (const p of registries.protocols) need(`protocols ${p.id}`, p.sources);
    for (const g of registries.glossary) need(`glossary ${g.term}`, g.sources);
    for (const d of registries.dated) for (const [i, v] of d.values.entries()) need(`dated-facts ${d.id}[${i}]`, v.sources);
    for (const f of registries.forms) {
      const facts = [f.definition, f.composition, f.legalForm, f.legalBasis, f.validatedBy, ...f.funding, ...f.history, f.missions, f.sizes, f.steps];
      facts.forEach((fact, i) => fact && need(`practice-forms ${f.id}[${i}]`, fact.sources));
    }
    const model = parse(readFileSync(join(REGISTRIES, 'protocol-model.yml'), 'utf8')) as { sources: string[]; sections: { id: string; source?: string }[] };
    need('protocol-model', model.sources);
    for (const section of model.sections) need(`protocol-model ${section.id}`, section.source ? [section.source] : []);
    // synonyms.yml holds word equivalences, not facts: nothing there to source.
    expect(problems).toEqual([]);
  });
});

describe('statuts des protocoles', () => {
  it('chaque statut est permis et justifié ; « national » seulement avec un arrêté (ou un texte au JO) trouvé', () => {
    for (const protocol of registries.protocols) {
      expect(PROTOCOL_STATUSES, protocol.id).toContain(protocol.status.kind);
      expect(protocol.status.basis.trim().length, protocol.id).toBeGreaterThan(10);
      if (protocol.status.kind === 'national') expect(protocol.status.basis, protocol.id).toMatch(/arrêtés?(?!\p{L})|Journal officiel/iu);
      if (protocol.status.kind === 'dossier-evalue') expect(protocol.status.basis, protocol.id).toMatch(/aucune autorisation trouvée/iu);
      if (protocol.status.kind === 'dispositif-anterieur') expect(protocol.status.basis, protocol.id).toMatch(/\bARS\b/u);
      if (protocol.status.kind === 'droit-commun') expect(protocol.status.since, protocol.id).toBeDefined();
    }
  });
});

describe('articles et registres disent la même chose', () => {
  const byId = new Map(registries.protocols.map((protocol) => [protocol.id, protocol]));
  const linked = articles.filter((article) => article.data.protocols !== undefined);
  const linkedProtocols = (article: Article): Protocol[] =>
    (article.data.protocols ?? []).map((id) => {
      const protocol = byId.get(id);
      if (!protocol) throw new Error(`${article.file} : protocole inconnu « ${id} »`);
      return protocol;
    });

  it('chaque protocole du registre a son article', () => {
    const covered = new Set(linked.flatMap((article) => article.data.protocols ?? []));
    expect(registries.protocols.filter((p) => p.status.kind !== 'local' && !covered.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  it('délégants et délégués du registre sont nommés dans l’article', () => {
    const problems: string[] = [];
    for (const article of linked) {
      const words = matchWords(article.body);
      for (const protocol of linkedProtocols(article)) {
        for (const id of [...protocol.delegants, ...protocol.delegues]) {
          const profession = registries.professions.find((p) => p.id === id);
          const names = profession ? [...namesOf(profession), profession.plural] : [id];
          if (!names.some((name) => containsPhrase(words, name))) problems.push(`${article.file} : ${protocol.id} → ${id}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  /** « 16 à 65 ans », « 6-45 ans », « 12 mois à 12 ans » → normalised ranges. */
  const ages = (text: string) =>
    new Set([...foldAccents(text).matchAll(/(\d+)\s*(mois|ans)?\s*(?:a|-|–)\s*(\d+)\s*ans\b/gu)].map((m) => `${m[1]}${m[2] === 'mois' ? 'm' : ''}-${m[3]}`));

  it('les tranches d’âge des articles sont celles du registre, et inversement', () => {
    const problems: string[] = [];
    for (const article of linked) {
      const protocols = linkedProtocols(article);
      const registryAges = new Set(protocols.flatMap((p) => [...ages([p.title, p.patients, ...p.notes].join(' '))]));
      for (const range of ages(article.body)) if (!registryAges.has(range)) problems.push(`${article.file} : ${range} ans absent du registre`);
      if (protocols.length === 1) {
        for (const range of registryAges) if (!ages(article.body).has(range)) problems.push(`${article.file} : ${range} ans du registre absent de l'article`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('un article ne dit « national » que des protocoles nationaux du registre', () => {
    const problems: string[] = [];
    for (const article of linked) {
      const protocols = linkedProtocols(article);
      const national = protocols.filter((p) => p.status.kind === 'national');
      if (national.length === protocols.length) {
        if (!/\bnationa(?:l|ux)\b/u.test(article.body)) problems.push(`${article.file} : ne dit pas que le protocole est national`);
        continue;
      }
      if (national.length > 0) continue;
      // Only entries of other statuses: « national » may appear only in a negative or contrasting sentence.
      for (const sentence of article.body.replace(/^Sources :.*$/gmu, '').split(/(?<=[.!?])\s+/u)) {
        if (/\bnationa(?:l|ux)\b/iu.test(sentence) && !/\b(?:pas|aucun|aucune|non|ni|ne|n')\b|\bn'/iu.test(sentence)) {
          problems.push(`${article.file} : « ${sentence.slice(0, 120)} »`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('Ordres et URPS : les articles nomment exactement les professions du registre', () => {
    const top = registries.professions.filter((p) => p.parent === undefined);
    const body = (file: string) => matchWords(articles.find((a) => a.file === file)?.body ?? '');
    for (const [file, flag, count] of [['ordres-professionnels.md', 'ordre', 7], ['urps.md', 'urps', 10]] as const) {
      const chosen = top.filter((p) => p[flag]);
      expect(chosen.length, flag).toBe(count);
      const words = body(file);
      for (const profession of chosen) expect([profession.plural, ...namesOf(profession)].some((name) => containsPhrase(words, name)), `${file} : ${profession.id}`).toBe(true);
    }
  });
});

describe('rien n’est copié des documents fondateurs ni de la fiche de référence', () => {
  const RUN = 12;
  /** Lowercase, accents folded, punctuation removed; source addresses (URLs) left out, as they must be carried verbatim. */
  const words = (text: string) =>
    foldAccents(text.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gu, ' ').toLowerCase())
      .replace(/[^a-z0-9]+/gu, ' ')
      .trim()
      .split(' ')
      .filter((word) => word !== '');
  /** In a source reference, « … » is the title of the document cited: a title is quoted as it is. */
  const withoutCitedTitles = (reference: string) => reference.replace(/«[^»]*»/gu, ' ');

  const originals = [
    ...readdirSync(join(SHARED, 'seeds')).map((file) => join(SHARED, 'seeds', file)),
    join(SHARED, 'reference', 'domain-facts.md'),
  ].map((file) => ({ file, words: words(readFileSync(file, 'utf8')) }));
  const runs = new Map<string, string>();
  for (const { file, words: list } of originals) {
    for (let i = 0; i + RUN <= list.length; i += 1) runs.set(list.slice(i, i + RUN).join(' '), file.split('/').at(-1) ?? file);
  }

  /** Every text of a YAML value, source references without their cited titles; comments too. */
  function registryTexts(raw: string): string[] {
    const texts: string[] = raw.split('\n').filter((line) => /^\s*#/u.test(line));
    const walk = (node: unknown, inSources: boolean) => {
      if (typeof node === 'string') texts.push(inSources ? withoutCitedTitles(node) : node);
      else if (Array.isArray(node)) node.forEach((item) => walk(item, inSources));
      else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, inSources || key === 'sources' || key === 'source');
    };
    walk(parse(raw), false);
    return texts;
  }

  function articleTexts(file: string): string[] {
    const { data, content } = matter(readFileSync(join(ARTICLES, file), 'utf8'));
    const body = content.replace(/^Sources\s*:.*$/gmu, (line) => withoutCitedTitles(line));
    return [String(data.title), ...((data.sources as string[] | undefined) ?? []).map(withoutCitedTitles), body];
  }

  function copiedRuns(texts: readonly string[]): string[] {
    const found: string[] = [];
    for (const text of texts) {
      const list = words(text);
      for (let i = 0; i + RUN <= list.length; i += 1) {
        const run = list.slice(i, i + RUN).join(' ');
        const from = runs.get(run);
        if (from) {
          found.push(`${from} : ${run}`);
          i += RUN - 1;
        }
      }
    }
    return found;
  }

  it.each(readdirSync(ARTICLES).filter((f) => f.endsWith('.md')))('articles/%s', (file) => {
    expect(copiedRuns(articleTexts(file))).toEqual([]);
  });

  it.each(readdirSync(REGISTRIES).filter((f) => f.endsWith('.yml')))('registries/%s', (file) => {
    expect(copiedRuns(registryTexts(readFileSync(join(REGISTRIES, file), 'utf8')))).toEqual([]);
  });

  it('le détecteur trouve bien une phrase recopiée, même remise en forme', () => {
    const seed = readFileSync(join(SHARED, 'seeds', readdirSync(join(SHARED, 'seeds')).sort()[0] ?? ''), 'utf8');
    const sentence = seed.split(/(?<=[.!?])\s+/u).find((s) => words(s).length >= RUN + 2) ?? '';
    const reshaped = `« ${sentence.toUpperCase().replace(/ /gu, '  ').replace(/,/gu, ' ;')} »`;
    expect(copiedRuns([reshaped]).length).toBeGreaterThan(0);
    expect(copiedRuns([withoutCitedTitles(reshaped)])).toEqual([]);
  });
});
