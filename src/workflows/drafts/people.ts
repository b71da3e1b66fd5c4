import type { PeoplePort } from '../../core/people.ts';
import type { PeopleNames } from './format.ts';

/**
 * Who may change drafts and what people are called, as the chat platform knows
 * them (Slack: users.info). The rule: reading a draft (état, aide, historique)
 * is open to everyone in its channel; starting, filling, proposing and exporting
 * are for full members of the workspace — guest accounts may read only.
 */
export interface DraftPeople {
  /** Why this user may not start, change or export a draft (a French sentence), or null when they may. */
  writeRefusal(userId: string): Promise<string | null>;
  /** Current display names of these users; an id the platform cannot resolve is left out. */
  names(userIds: readonly string[]): Promise<PeopleNames>;
}

/** Where the platform has no accounts to check (CLI, tests): everyone may write, names are the ones kept with the texts. */
export const OPEN_PEOPLE: DraftPeople = {
  writeRefusal: async () => null,
  names: async () => new Map(),
};

export const GUEST_REFUSAL =
  'Les comptes invités peuvent lire ce brouillon de protocole, mais pas le commencer, le modifier ni l’exporter : demandez à un membre de l’équipe de le faire.';
export const UNCHECKED_REFUSAL = 'Je n’ai pas pu vérifier auprès de la messagerie vos droits sur ce brouillon. Réessayez dans un instant.';

/** A platform's directory as drafts need it: guests may read only; a lookup that fails refuses writing (fail closed). */
export function draftPeople(people: PeoplePort): DraftPeople {
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
