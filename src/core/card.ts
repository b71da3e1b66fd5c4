/**
 * A card: a message about one tracked thing (a delegation request) that is
 * posted, then updated in place. Texts are already marked up for the
 * platform (see Formatter); the adapter lays them out.
 */
export interface CardAction {
  /** `<feature>_…`: the router finds the feature by it. */
  id: string;
  label: string;
  /** Given back with the click. Never trusted for rights: the workflow checks the actor and the current state again. */
  value: string;
  style?: 'primary' | 'danger';
  /** Ask the person to confirm before the click is sent. */
  confirm?: { title: string; text: string; yes: string; no: string; danger?: boolean };
}

export interface Card {
  title: string;
  status: { label: string; value: string };
  fields: { label: string; value: string }[];
  actions: CardAction[];
  footer?: string;
}
