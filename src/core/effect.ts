import type { Card } from './card.ts';
import type { Actor } from './interaction.ts';
import type { FormSpec } from './form.ts';

/**
 * What the core asks the adapter to do for an interaction, in order. Messages
 * owed durably (cards, notices) are not effects: they are written to the
 * outbox with the change, and `deliver` asks the adapter to send what is due.
 */
export type Effect =
  /** A reply where the interaction happened: `private` is seen by the actor only (else a direct message). */
  | { kind: 'reply'; visibility: 'private' | 'public'; text: string; card?: Card; sections?: string[] }
  /**
   * Open a form for the actor. `refine`: a better version, computed after the
   * form is shown (capability liveFormUpdate); null keeps the form shown.
   * `notOpened`: what to tell the actor, and log, when the platform refuses to open it.
   */
  | { kind: 'open_form'; form: FormSpec; refine?: () => Promise<FormSpec | null>; notOpened: NotOpened }
  /** Replace the open form the interaction came from (a live change). */
  | { kind: 'update_form'; form: FormSpec }
  /** The submitted form is refused: a French message per field id; the form stays open. */
  | { kind: 'form_errors'; errors: Record<string, string> }
  /** A direct message to a person. */
  | { kind: 'notice'; to: Actor; text: string }
  /** Changes wrote messages to the outbox: send what is due now. */
  | { kind: 'deliver' };

/** A form the platform would not open: the actor is told `text`; `event` is logged with `meta` (ids only). */
export interface NotOpened {
  text: string;
  event: string;
  meta?: Record<string, string>;
}
