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
