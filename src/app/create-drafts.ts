import type { Config } from '../config/env.ts';
import type { Registries } from '../domain/registry.ts';
import type { Logger } from '../log/logger.ts';
import type { StructuredSteps } from '../llm/structured.ts';
import { migrate, type Db } from '../store/database.ts';
import { createDraftHandler, type DraftHandler } from '../workflows/drafts/handler.ts';
import { draftMigrations } from '../workflows/drafts/migrations.ts';
import { loadProtocolModel } from '../workflows/drafts/model.ts';
import { createProtocolRegistryPort } from '../workflows/drafts/registry-port.ts';
import { DraftService } from '../workflows/drafts/service.ts';
import { SqliteDraftRepository } from '../workflows/drafts/sqlite-repository.ts';
import { DraftWorkflow } from '../workflows/drafts/workflow.ts';

/** Protocol drafts on the app's database (their tables migrated if needed): the workflow, and the engine's handler for thread messages. */
export function createDrafts(deps: { db: Db; config: Pick<Config, 'knowledgeDir'>; registries: Registries; steps?: StructuredSteps; logger: Logger }): { workflow: DraftWorkflow; handler: DraftHandler } {
  migrate(deps.db, draftMigrations);
  const workflow = new DraftWorkflow(
    new DraftService({
      model: loadProtocolModel(deps.config.knowledgeDir),
      repository: new SqliteDraftRepository(deps.db),
      registry: createProtocolRegistryPort(deps.registries),
    }),
    deps.steps,
  );
  return { workflow, handler: createDraftHandler({ workflow, logger: deps.logger }) };
}
