import type { Config } from '../../config/env.ts';
import { PeopleDirectory } from '../../core/people-directory.ts';
import { Router } from '../../core/router.ts';
import type { Registries } from '../../domain/registry.ts';
import type { Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { SqliteOutbox } from '../../store/outbox.ts';
import { delegationCatalog } from '../../workflows/delegation/catalog.ts';
import { DELIVERY_EFFECTS, delegationDeliveries } from '../../workflows/delegation/deliveries.ts';
import { delegationInteractions } from '../../workflows/delegation/interactions.ts';
import { delegationMigrations, delegationOutboxMigrations } from '../../workflows/delegation/migrations.ts';
import type { DelegationFieldsReader } from '../../workflows/delegation/prefill.ts';
import { DelegationService } from '../../workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../workflows/delegation/sqlite-repository.ts';
import { slackFeatureOf } from './core-feature.ts';
import { plannedEffects } from './planned-effects.ts';
import type { SlackFeature } from './feature.ts';
import { slackPeople } from './people.ts';

/**
 * Delegation requests in Slack: the neutral feature (src/workflows/delegation/interactions.ts)
 * behind the Slack translator, its outbox effects rendered as Block Kit, and
 * Slack's directory telling the service who is a guest. Tables are migrated here if needed.
 */
export function createDelegationFeature(deps: {
  db: Db;
  registries: Registries;
  config: Pick<Config, 'requestsChannel' | 'professionGroups'>;
  logger: Logger;
  fieldsReader?: DelegationFieldsReader;
}): SlackFeature {
  migrate(deps.db, delegationMigrations);
  const groups = deps.config.professionGroups;
  const outbox = new SqliteOutbox(deps.db);
  migrate(deps.db, delegationOutboxMigrations);
  const people = new PeopleDirectory();
  const catalog = delegationCatalog(deps.registries);
  const repository = new SqliteDelegationRepository(deps.db);
  const { requestsChannel } = deps.config;
  const service = new DelegationService({ repository, groups, outbox, requestsChannel, members: people, catalog });
  const feature = delegationInteractions({ service, catalog, professionGroups: groups, logger: deps.logger, fieldsReader: deps.fieldsReader });
  const plan = delegationDeliveries({ service, catalog, rowsOf: (group) => outbox.group(group), requestsChannel });
  const slack = slackFeatureOf(new Router([feature]), feature, { logger: deps.logger, effects: plannedEffects(DELIVERY_EFFECTS, plan) });
  return {
    ...slack,
    register(app, delivery) {
      people.use('slack', slackPeople(app.client, deps.logger));
      slack.register(app, delivery);
    },
  };
}
