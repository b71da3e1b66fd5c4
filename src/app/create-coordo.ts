import path from 'node:path';
import type { Config } from '../config/env.ts';
import { Engine } from '../engine/engine.ts';
import type { Handler } from '../engine/handler.ts';
import { helpHandler } from '../engine/help-handler.ts';
import { clinicalGuardHandler } from '../answer/clinical-guard.ts';
import { ExtractiveComposer } from '../answer/extractive-composer.ts';
import { createQuestionHandler } from '../answer/question-handler.ts';
import { loadRegistries } from '../domain/load.ts';
import { createLookupHandler } from '../domain/lookup-handler.ts';
import type { Registries } from '../domain/registry.ts';
import { createThesaurus } from '../domain/thesaurus.ts';
import { offlineEmbedder, type NamedEmbeddings } from '../knowledge/embedder.ts';
import { openIndex, type IndexReport } from '../knowledge/indexer.ts';
import { Retriever } from '../knowledge/retriever.ts';
import { silentLogger, type Logger } from '../log/logger.ts';

export interface CoordoOptions {
  logger?: Logger;
  /** Progress of an index (re)build, when one is needed. */
  onIndexProgress?: (done: number, total: number) => void;
}

/** The platform-neutral core, assembled: what every adapter (CLI, Slack…) talks to. */
export interface CoordoCore {
  config: Config;
  logger: Logger;
  engine: Engine;
  retriever: Retriever;
  registries: Registries;
  embedder: NamedEmbeddings;
  /** Set when this start had to (re)build the index. */
  indexReport?: IndexReport;
}

export function indexDir(config: Config): string {
  return path.join(config.dataDir, 'index');
}

/** Load registries and the knowledge index (building it if stale), and wire the handlers in order. */
export async function createCore(config: Config, options: CoordoOptions = {}, extraHandlers: readonly Handler[] = []): Promise<CoordoCore> {
  const logger = options.logger ?? silentLogger;
  const registries = loadRegistries(config.knowledgeDir);
  const embedder = offlineEmbedder();
  const { index, report } = await openIndex({
    knowledgeDir: config.knowledgeDir,
    indexDir: indexDir(config),
    embedder,
    onProgress: options.onIndexProgress,
  });
  if (report) {
    logger.info('index.built', { files: report.files, reused: report.reused, chunks: report.chunks, ms: Math.round(report.ms) });
    for (const skipped of report.skipped) logger.warn('index.file_skipped', { path: skipped.path, reason: skipped.reason });
  }
  const retriever = new Retriever(index, embedder.embeddings, createThesaurus(registries));
  const engine = new Engine(
    [
      helpHandler,
      clinicalGuardHandler,
      ...extraHandlers,
      createLookupHandler(registries),
      createQuestionHandler(retriever, new ExtractiveComposer()),
    ],
    logger,
  );
  return { config, logger, engine, retriever, registries, embedder, indexReport: report };
}
