import path from 'node:path';
import type { Config } from '../config/env.ts';
import { Engine } from '../engine/engine.ts';
import type { Handler } from '../engine/handler.ts';
import { CONSOLE_HELP, createHelpHandler } from '../engine/help-handler.ts';
import { clinicalGuardHandler } from '../answer/clinical-guard.ts';
import { ExtractiveComposer } from '../answer/extractive-composer.ts';
import { createQuestionHandler } from '../answer/question-handler.ts';
import { createTwoPartHandler } from '../answer/two-part-answer.ts';
import { withPassageVerdict } from '../answer/passage-verdict.ts';
import { withStatedGap } from '../answer/stated-gap.ts';
import { withTentativeCaveat } from '../answer/tentative-caveat.ts';
import { withClaimVerdict } from '../answer/claim-verdict.ts';
import { createCompositionHandler } from '../domain/form-composition.ts';
import { withFigurePlacement } from '../answer/figure-placement.ts';
import { createBestAnswerHandler } from '../answer/best-answer.ts';
import { withFollowUps } from '../answer/follow-up.ts';
import { loadRegistries } from '../domain/load.ts';
import { createEligibilityHandler } from '../domain/eligibility.ts';
import { createLookupHandler, type LookupHandlerOptions } from '../domain/lookup-handler.ts';
import type { Registries } from '../domain/registry.ts';
import { createThesaurus } from '../domain/thesaurus.ts';
import { offlineEmbedder, type NamedEmbeddings } from '../knowledge/embedder.ts';
import { openIndex, type IndexReport } from '../knowledge/indexer.ts';
import { Retriever } from '../knowledge/retriever.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import type { AnswerComposer } from '../answer/composer.ts';
import type { ReplyButton } from '../engine/reply.ts';
import type { StructuredSteps } from '../llm/structured.ts';
import { delegationCatalog } from '../workflows/delegation/catalog.ts';
import type { FormPrefill } from '../workflows/delegation/open-form-button.ts';

export interface CoordoOptions {
  logger?: Logger;
  /** What « aide » answers where Coordo runs (default: the console's help). */
  help?: string;
  /** Registries already loaded by the caller (defaults to those of the knowledge folder). */
  registries?: Registries;
  /** Handlers of the workflows (protocol drafts…), asked first; they pass on anything outside their threads. */
  workflowHandlers?: readonly Handler[];
  /** Lookup options (e.g. the « Faire une demande » button, where requests can be made). */
  lookup?: LookupHandlerOptions;
  /** The model steps, when the caller already built them ({@link selectStructuredSteps}); else built here from the config. */
  structuredSteps?: StructuredSteps;
  /** The « Faire une demande de délégation » button, where requests can be made (chat platforms), offered on a detected request. */
  offerRequestForm?: (prefill: FormPrefill) => ReplyButton;
  /** Progress of an index (re)build, when one is needed. */
  onIndexProgress?: (done: number, total: number) => void;
  /** The clock dated answers are worded against (default: `config.today`, else the real date). */
  today?: () => Date;
}

/** The platform-neutral core, assembled: what every adapter (CLI, Slack…) talks to. */
export interface CoordoCore {
  config: Config;
  logger: Logger;
  engine: Engine;
  retriever: Retriever;
  registries: Registries;
  embedder: NamedEmbeddings;
  /** The structured model steps, when a chat model is configured. */
  structuredSteps?: StructuredSteps;
  /** Set when this start had to (re)build the index. */
  indexReport?: IndexReport;
}

// The model clients (~50 MB once loaded) are imported only when an endpoint is configured.

/** The configured embeddings endpoint when there is one, else the offline hashing embedder. */
export async function selectEmbedder(config: Config): Promise<NamedEmbeddings> {
  if (!config.llm?.embeddingModel) return offlineEmbedder();
  const { createEmbedder } = await import('../llm/embeddings.ts');
  return createEmbedder(config.llm) ?? offlineEmbedder();
}

/** Grounded model answers (falling back to extractive ones) when a chat model is configured. */
async function selectComposer(config: Config, logger: Logger): Promise<AnswerComposer> {
  const offline = new ExtractiveComposer();
  if (!config.llm?.chatModel) return offline;
  const [{ createChatModel }, { GroundedComposer }, { llmBudgets }] = await Promise.all([
    import('../llm/chat-model.ts'),
    import('../llm/grounded-composer.ts'),
    import('../llm/budget.ts'),
  ]);
  const chat = createChatModel(config.llm);
  return chat ? new GroundedComposer(chat, offline, logger, llmBudgets(config.llm).answerMs) : offline;
}

/** The structured model steps (intent, delegation fields, section text) when a chat model is configured. */
export async function selectStructuredSteps(config: Config, logger: Logger): Promise<StructuredSteps | undefined> {
  if (!config.llm?.chatModel) return undefined;
  const [{ createChatModel }, { StructuredSteps }] = await Promise.all([import('../llm/chat-model.ts'), import('../llm/structured.ts')]);
  const chat = createChatModel(config.llm);
  return chat ? new StructuredSteps(chat, logger, config.llm.timeoutMs) : undefined;
}

/** Messages the offline handlers left, classified by the model (only with one: no handler, no latency, without). */
async function selectIntentHandler(config: Config, steps: StructuredSteps | undefined, registries: Registries, options: CoordoOptions, logger: Logger): Promise<Handler[]> {
  if (!steps || !config.llm) return [];
  const [{ createIntentHandler }, { llmBudgets }] = await Promise.all([import('../workflows/delegation/intent-handler.ts'), import('../llm/budget.ts')]);
  const timeoutMs = llmBudgets(config.llm).intentMs;
  return [createIntentHandler({ steps, catalog: delegationCatalog(registries), logger, timeoutMs, offerRequest: options.offerRequestForm })];
}

/** A fixed day (noon in Paris, so the calendar day never shifts) when the config sets one; else the real clock. */
function clockOf(config: Config): () => Date {
  const fixed = config.today;
  return fixed ? () => new Date(`${fixed}T12:00:00+01:00`) : () => new Date();
}

export function indexDir(config: Config): string {
  return path.join(config.dataDir, 'index');
}

/** Load registries and the knowledge index (building it if stale), and wire the handlers in order. */
export async function createCore(config: Config, options: CoordoOptions = {}): Promise<CoordoCore> {
  const logger = options.logger ?? silentLogger;
  const registries = options.registries ?? loadRegistries(config.knowledgeDir);
  // Names and problems are shown by `coordo index`; file names can name a patient, the log has the count.
  if (registries.skippedLocalFiles.length > 0) logger.warn('registries.local_files_skipped', { count: registries.skippedLocalFiles.length });
  const embedder = await selectEmbedder(config);
  const { index, report } = await openIndex({
    knowledgeDir: config.knowledgeDir,
    indexDir: indexDir(config),
    embedder,
    onProgress: options.onIndexProgress,
  });
  if (report) {
    logger.info('index.built', { files: report.files, reused: report.reused, chunks: report.chunks, ms: Math.round(report.ms) });
    // File names can name a patient: the log has the count; `coordo index` shows the names to whoever runs it.
    if (report.skipped.length > 0) logger.warn('index.files_skipped', { count: report.skipped.length });
    if (report.rebuiltBecause) logger.warn('index.rebuilt_damaged');
  }
  const retriever = new Retriever(index, embedder.embeddings, createThesaurus(registries), logger);
  const structuredSteps = options.structuredSteps ?? (await selectStructuredSteps(config, logger));
  const today = options.today ?? clockOf(config);
  const engine = new Engine(
    [
      // Workflow threads first: in a draft thread, "aide" and section text belong to the draft.
      ...(options.workflowHandlers ?? []),
      createHelpHandler(options.help ?? CONSOLE_HELP),
      withFollowUps([
        clinicalGuardHandler,
        withTentativeCaveat(withClaimVerdict(createTwoPartHandler([
          createCompositionHandler(registries),
          createEligibilityHandler(registries, today, retriever),
          withFigurePlacement(
            createBestAnswerHandler(createLookupHandler(registries, { ...options.lookup, vocabulary: retriever, today }), [
              ...(await selectIntentHandler(config, structuredSteps, registries, options, logger)),
              withPassageVerdict(withStatedGap(createQuestionHandler(retriever, await selectComposer(config, logger))), (question) => retriever.answeredShare(question)),
            ], retriever),
          ),
        ]))),
      ]),
    ],
    logger,
    config.llm?.timeoutMs,
  );
  return { config, logger, engine, retriever, registries, embedder, structuredSteps, indexReport: report };
}
