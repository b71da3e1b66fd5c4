import { ConfigError, type Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { loadRegistries } from '../domain/load.ts';
import { professionById } from '../domain/lookups.ts';
import { createSlackApp } from '../adapters/slack/app.ts';
import { helpText } from '../workflows/questions/help.ts';
import { conversationMigrations } from '../store/conversation-migrations.ts';
import { draftsFeature } from '../adapters/shared/drafts-feature.ts';
import { delegationFeature } from '../adapters/shared/delegation-feature.ts';
import { createDelegation } from '../workflows/delegation/create.ts';
import { openFormButton } from '../workflows/delegation/open-form-button.ts';
import { draftMigrations } from '../workflows/drafts/migrations.ts';
import { delegationMigrations } from '../workflows/delegation/migrations.ts';
import { createCore, selectStructuredSteps } from './create-coordo.ts';
import { createDrafts } from './create-drafts.ts';
import type { Served } from './serve.ts';

/** `npm start` with Slack tokens: the core, the SQLite store and the Bolt app; `stop()` stops it and closes the store. */
export async function startSlack(config: Config, logger: Logger): Promise<Served> {
  if (!config.slack) throw new Error('Slack is not configured');
  const registries = loadRegistries(config.knowledgeDir);
  const unknown = Object.keys(config.professionGroups).filter((profession) => !professionById(registries, profession));
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map(
        (profession) =>
          `COORDO_PROFESSION_GROUPS — profession inconnue « ${profession} » (identifiants dans knowledge/registries/professions.yml, par exemple « infirmier »)`,
      ),
    );
  }
  const db = openDatabase(config.dbPath, [...conversationMigrations, ...delegationMigrations, ...draftMigrations]);
  // One set of model steps (or none, offline) for the drafts, the delegation form and the intent handler.
  const steps = await selectStructuredSteps(config, logger);

  const { workflow: drafts, handler: draftHandler } = createDrafts({ db, config, registries, steps, logger });

  const features = [
    delegationFeature(createDelegation({ db, registries, config, logger, fieldsReader: steps })),
    draftsFeature({ workflow: drafts, handler: draftHandler, db, logger }),
  ];
  const core = await createCore(config, {
    logger,
    help: helpText(features.flatMap((f) => f.core?.help ?? [])),
    registries,
    workflowHandlers: [draftHandler],
    structuredSteps: steps,
    offerRequestForm: openFormButton,
    lookup: { offerRequest: (protocol) => openFormButton({ protocol: protocol.id, profession: protocol.delegues[0] }) },
  });
  const slack = createSlackApp({
    config: config.slack,
    engine: core.engine,
    db,
    features,
    logger,
  });
  await slack.start();
  return {
    async stop() {
      try {
        await slack.stop();
      } finally {
        // Listeners still running finish their SQLite transaction synchronously; closing after stop() loses nothing.
        db.close();
      }
    },
  };
}
