import type { PlannedDeliveries } from '../../core/delivery.ts';
import { PeopleDirectory } from '../../core/people-directory.ts';
import type { CoreFeature } from '../../core/router.ts';
import type { Registries } from '../../domain/registry.ts';
import type { Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { SqliteOutbox } from '../../store/outbox.ts';
import { signingKey } from '../../store/secrets.ts';
import { ValueSigner } from '../../core/signed-value.ts';
import { delegationCatalog } from './catalog.ts';
import { DELIVERY_EFFECTS, delegationDeliveries } from './deliveries.ts';
import type { RequestsChannels } from './effects.ts';
import { delegationInteractions } from './interactions.ts';
import { delegationMigrations, delegationOutboxMigrations } from './migrations.ts';
import type { DelegationFieldsReader } from './prefill.ts';
import { DelegationService } from './service.ts';
import { SqliteDelegationRepository } from './sqlite-repository.ts';
import type { ProfessionGroups } from './state-machine.ts';

/** Delegation requests once for every platform: what each adapter plugs into. */
export interface Delegation {
  service: DelegationService;
  /** The router feature (commands, card buttons, forms, shortcut); the platform's directory it is given tells the service who is a guest (fail closed without). */
  feature: CoreFeature;
  /** The outbox effect types of requests, and how each row is to be sent. */
  deliveries: PlannedDeliveries;
}

/** The delegation workflow on the app's database (its tables migrated if needed) and the loaded registries. */
export function createDelegation(deps: {
  db: Db;
  registries: Registries;
  config: { requestsChannel?: string; professionGroups: ProfessionGroups };
  logger: Logger;
  fieldsReader?: DelegationFieldsReader;
}): Delegation {
  migrate(deps.db, delegationMigrations);
  const outbox = new SqliteOutbox(deps.db);
  migrate(deps.db, delegationOutboxMigrations);
  const { professionGroups: groups } = deps.config;
  // COORDO_REQUESTS_CHANNEL names a Slack channel.
  const requestsChannels: RequestsChannels = deps.config.requestsChannel ? { slack: deps.config.requestsChannel } : {};
  const people = new PeopleDirectory();
  const catalog = delegationCatalog(deps.registries);
  const signer = new ValueSigner(signingKey(deps.db));
  const repository = new SqliteDelegationRepository(deps.db);
  const service = new DelegationService({ repository, groups, outbox, requestsChannels, members: people, catalog });
  return {
    service,
    feature: {
      ...delegationInteractions({ service, catalog, professionGroups: groups, logger: deps.logger, fieldsReader: deps.fieldsReader, signer }),
      usePeople: (platform, port) => people.use(platform, port),
    },
    deliveries: { types: DELIVERY_EFFECTS, plan: delegationDeliveries({ service, catalog, rowsOf: (group) => outbox.group(group), requestsChannels, signer }) },
  };
}
