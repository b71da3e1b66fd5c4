import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { helpText } from '../workflows/questions/help.ts';
import { createMattermostApp } from '../adapters/mattermost/app.ts';
import { delegationFeature } from '../adapters/shared/delegation-feature.ts';
import { draftsFeature } from '../adapters/shared/drafts-feature.ts';
import { loadRegistries } from '../domain/load.ts';
import { createDelegation } from '../workflows/delegation/create.ts';
import { createCore, selectStructuredSteps } from './create-coordo.ts';
import { createDrafts } from './create-drafts.ts';
import type { Served } from './serve.ts';

/**
 * `npm start` with Mattermost configured: the core (questions, lookups, and
 * the draft handler for thread messages), the SQLite store, delegation requests
 * and protocol drafts on the interaction core, and the Mattermost adapter;
 * `stop()` stops it and closes the store.
 */
export async function startMattermost(config: Config, logger: Logger): Promise<Served> {
  if (!config.mattermost) throw new Error('Mattermost is not configured');
  const registries = loadRegistries(config.knowledgeDir);
  const db = openDatabase(config.dbPath, []);
  const steps = await selectStructuredSteps(config, logger);
  const delegation = createDelegation({ db, registries, config, logger });
  const drafts = createDrafts({ db, config, registries, steps, logger });
  const features = [delegationFeature(delegation), draftsFeature({ ...drafts, db, logger })];
  const core = await createCore(config, {
    logger,
    help: helpText(features.flatMap((f) => f.core?.help ?? [])),
    registries,
    workflowHandlers: [drafts.handler],
    structuredSteps: steps,
  });
  const app = createMattermostApp({ config: config.mattermost, engine: core.engine, db, logger, features });
  try {
    await app.start();
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    async stop() {
      try {
        await app.stop();
      } finally {
        db.close();
      }
    },
  };
}
