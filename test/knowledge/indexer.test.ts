import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIndex, isIndexStale, loadIndex } from '../../src/knowledge/indexer.ts';
import { offlineEmbedder } from '../../src/knowledge/embedder.ts';
import { Retriever } from '../../src/knowledge/retriever.ts';
import { noExpansion } from '../../src/knowledge/query-expander.ts';
import { minimalPdf } from '../support/minimal-pdf.ts';

let root: string;
let knowledgeDir: string;
let indexDir: string;
const embedder = offlineEmbedder();

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-index-'));
  knowledgeDir = path.join(root, 'knowledge');
  indexDir = path.join(root, 'index');
  await fs.mkdir(path.join(knowledgeDir, 'equipe'), { recursive: true });
  await fs.writeFile(
    path.join(knowledgeDir, 'article.md'),
    '---\ntitle: "Réunions de la MSP"\nsources:\n  - https://exemple.test/reunions\ntags: [msp]\n---\n\n' +
      '## Quand se réunit l\'équipe de la MSP ?\n\nL\'équipe de la MSP se réunit le premier mardi du mois.\n\nSources : https://exemple.test/reunions\n\n' +
      '## Qui anime les réunions de la MSP ?\n\nLa coordinatrice de la MSP anime les réunions pluriprofessionnelles.\n',
  );
  await fs.writeFile(path.join(knowledgeDir, 'equipe', 'astreinte.txt'), "Le planning d'astreinte des kinésithérapeutes change chaque trimestre.");
  await fs.writeFile(
    path.join(knowledgeDir, 'equipe', 'accueil.html'),
    '<html><head><title>Accueil des internes</title></head><body><h2>Accueil des internes</h2><p>Les internes sont accueillis par le maître de stage le lundi.</p></body></html>',
  );
  const docx = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Protocole local vaccination', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'La vaccination antigrippale est organisée en octobre par les infirmières.' }),
        ],
      },
    ],
  });
  await fs.writeFile(path.join(knowledgeDir, 'equipe', 'vaccination.docx'), await Packer.toBuffer(docx));
  await fs.writeFile(path.join(knowledgeDir, 'equipe', 'charte.pdf'), minimalPdf(['Charte de la maison de sante', 'Le secret partage est respecte par tous les membres.']));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('knowledge index', () => {
  it('ingests Markdown, text, HTML, DOCX and PDF files, and finds them', async () => {
    const { index, report } = await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(report.skipped).toEqual([]);
    expect(report.files).toBe(5);
    const retriever = new Retriever(index, embedder.embeddings, noExpansion);
    const top = async (q: string) => (await retriever.retrieve(q))[0]?.chunk;
    expect((await top('Qui anime les réunions ?'))?.section).toBe('Qui anime les réunions de la MSP ?');
    expect((await top('astreinte des kinés'))?.path).toBe('equipe/astreinte.txt');
    expect((await top('accueil des internes'))?.path).toBe('equipe/accueil.html');
    expect((await top('vaccination antigrippale'))?.path).toBe('equipe/vaccination.docx');
    expect((await top('secret partage'))?.path).toBe('equipe/charte.pdf');
    const first = await top('Quand se réunit l’équipe ?');
    expect(first?.sources).toEqual(['https://exemple.test/reunions']);
  });

  it('reports an unreadable file by name and indexes the rest', async () => {
    await fs.writeFile(path.join(knowledgeDir, 'casse.pdf'), Buffer.from('ceci n’est pas un PDF'));
    await fs.writeFile(path.join(knowledgeDir, 'binaire.txt'), Buffer.from([0, 1, 2, 3, 0, 255]));
    await fs.writeFile(path.join(knowledgeDir, 'mauvais.md'), '---\ntitle: [pas: une chaîne\n---\n## A\n\ntexte');
    const { report } = await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(report.skipped.map((s) => s.path).sort()).toEqual(['binaire.txt', 'casse.pdf', 'mauvais.md']);
    for (const s of report.skipped) expect(s.reason).toMatch(/[a-zé]/);
    expect(report.files - report.skipped.length).toBe(5);

    // Once the file is fixed, the index sees it changed and reads it.
    expect(await isIndexStale({ knowledgeDir, indexDir, embedder })).toBe(false);
    await fs.writeFile(path.join(knowledgeDir, 'binaire.txt'), 'Le binaire est réparé : horaires de la permanence.');
    expect(await isIndexStale({ knowledgeDir, indexDir, embedder })).toBe(true);
    const fixed = await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(fixed.report.skipped.map((s) => s.path).sort()).toEqual(['casse.pdf', 'mauvais.md']);
  });

  it('is incremental: unchanged files are not processed again', async () => {
    await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(await isIndexStale({ knowledgeDir, indexDir, embedder })).toBe(false);
    const again = await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(again.report).toMatchObject({ reused: 5, processed: 0 });

    await fs.writeFile(path.join(knowledgeDir, 'equipe', 'astreinte.txt'), 'Le planning des gardes de week-end est affiché.');
    expect(await isIndexStale({ knowledgeDir, indexDir, embedder })).toBe(true);
    const changed = await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(changed.report).toMatchObject({ reused: 4, processed: 1 });

    const loaded = await loadIndex(indexDir);
    const retriever = new Retriever(loaded, embedder.embeddings, noExpansion);
    expect((await retriever.retrieve('gardes de week-end'))[0]?.chunk.path).toBe('equipe/astreinte.txt');
  });

  it('is rebuilt whole when its terms were made by another text pipeline (other stop words)', async () => {
    await buildIndex({ knowledgeDir, indexDir, embedder });
    const manifestPath = path.join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(manifestPath, JSON.stringify({ ...manifest, pipeline: 'older-pipeline' }));
    expect(await isIndexStale({ knowledgeDir, indexDir, embedder })).toBe(true);
    const rebuilt = await buildIndex({ knowledgeDir, indexDir, embedder });
    expect(rebuilt.report).toMatchObject({ reused: 0, processed: 5 });
    expect(await isIndexStale({ knowledgeDir, indexDir, embedder })).toBe(false);
  });
});
