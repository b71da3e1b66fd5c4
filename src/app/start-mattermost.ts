import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { helpText } from '../workflows/questions/help.ts';
import { createMattermostApp } from '../adapters/mattermost/app.ts';
import { delegationMattermostFeature } from '../adapters/mattermost/delegation.ts';
import { loadRegistries } from '../domain/load.ts';
import { createDelegation } from '../workflows/delegation/create.ts';
import { createCore } from './create-coordo.ts';
import type { Served } from './serve.ts';

/**
 * `npm start` with Mattermost configured: the core (questions and lookups;
 * delegation requests and drafts come with the interaction core), the SQLite
 * store, delegation requests and the Mattermost adapter; `stop()` stops it and closes the store.
 */
export async function startMattermost(config: Config, logger: Logger): Promise<Served> {
  if (!config.mattermost) throw new Error('Mattermost is not configured');
  const registries = loadRegistries(config.knowledgeDir);
  const db = openDatabase(config.dbPath, []);
  const delegation = createDelegation({ db, registries, config, logger });
  const core = await createCore(config, { logger, help: helpText(delegation.feature.help ?? []), registries });
  const app = createMattermostApp({ config: config.mattermost, engine: core.engine, db, logger, features: [delegationMattermostFeature(delegation)] });
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
