import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../log/logger.ts';
import type { PeopleNames } from '../../workflows/drafts/format.ts';
import type { DraftPeople } from '../../workflows/drafts/people.ts';
import { slackPeople } from './people.ts';

export const GUEST_REFUSAL =
  'Les comptes invités peuvent lire ce brouillon de protocole, mais pas le commencer, le modifier ni l’exporter : demandez à un membre de l’équipe de le faire.';
export const UNCHECKED_REFUSAL = 'Je n’ai pas pu vérifier auprès de Slack vos droits sur ce brouillon. Réessayez dans un instant.';

/**
 * Slack accounts for protocol drafts: guests (is_restricted / is_ultra_restricted)
 * may read only; display names for replies and exports. users.info answers are
 * cached; a failed lookup is not, and refuses writing (fail closed).
 */
export function slackDraftPeople(client: WebClient, logger: Logger): DraftPeople {
  const people = slackPeople(client, logger);
  return {
    async writeRefusal(userId) {
      const found = await people.lookup(userId);
      if (!found) return UNCHECKED_REFUSAL;
      return found.fullMember ? null : GUEST_REFUSAL;
    },
    async names(userIds): Promise<PeopleNames> {
      const ids = [...new Set(userIds)];
      const found = await Promise.all(ids.map(async (id) => [id, (await people.lookup(id))?.name] as const));
      return new Map(found.flatMap(([id, name]) => (name === undefined ? [] : [[id, name] as [string, string]])));
    },
  };
}
