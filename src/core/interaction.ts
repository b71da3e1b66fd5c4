import type { Platform } from '../engine/message.ts';
import type { FormValues } from './form.ts';

/** Who acts: the platform and the person's id there. */
export interface Actor {
  platform: Platform;
  userId: string;
  /** The name the platform gave with the event, if any. */
  name?: string;
}

/** Where it happened: a conversation, and a thread in it. */
export interface Place {
  conversationId?: string;
  threadId?: string;
}

/**
 * What a person did, translated by the adapter from the platform's event.
 * Ids (`command`, `actionId`, `formId`, `shortcutId`) are Coordo's own: the
 * adapter passes them through.
 */
export type Interaction =
  /** `/coordo <command> <args>`. */
  | { kind: 'command'; actor: Actor; command: string; args: string; place: Place }
  /** A button of a reply, a card, or an open form (`form`: that form's metadata and current values). */
  | { kind: 'action'; actor: Actor; actionId: string; value: string; place: Place; form?: OpenForm }
  /** An action on a message (its text); without the capability, the adapter sends the command instead. */
  | { kind: 'shortcut'; actor: Actor; shortcutId: string; text: string }
  /** A live field of an open form changed (capability liveFormUpdate). */
  | { kind: 'form_change'; actor: Actor; formId: string; fieldId: string; value: string; metadata: string }
  /** A form sent. `submissionId` is the same for a retry or a double click of the same form. */
  | { kind: 'form_submit'; actor: Actor; formId: string; values: FormValues; metadata: string; submissionId: string };

/** The form a button was clicked in. */
export interface OpenForm {
  formId: string;
  metadata: string;
  values: FormValues;
}
