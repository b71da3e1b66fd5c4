import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { helpText } from '../workflows/questions/help.ts';
import { createMattermostApp } from '../adapters/mattermost/app.ts';
import { createCore } from './create-coordo.ts';
import type { Served } from './serve.ts';

/**
 * `npm start` with Mattermost configured: the core (questions and lookups;
 * delegation requests and drafts come with the interaction core), the SQLite
 * store and the Mattermost adapter; `stop()` stops it and closes the store.
 */
export async function startMattermost(config: Config, logger: Logger): Promise<Served> {
  if (!config.mattermost) throw new Error('Mattermost is not configured');
  const db = openDatabase(config.dbPath, []);
  const core = await createCore(config, { logger, help: helpText([]) });
  const app = createMattermostApp({ config: config.mattermost, engine: core.engine, db, logger });
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
