import type { Platform, Turn } from '../engine/message.ts';
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
  /** `/coordo <command> <args>`; `text`: everything after `/coordo`, as typed (a question when no feature has the command). */
  | { kind: 'command'; actor: Actor; command: string; args: string; place: Place; text?: string }
  /**
   * A button of a reply, a card, or an open form (`form`: that form's metadata and current values).
   * `place.threadId`: the thread of the public message it is on (none on a message only the actor sees); `messageId`: that message.
   */
  | { kind: 'action'; actor: Actor; actionId: string; value: string; place: Place; form?: OpenForm; messageId?: string }
  /** A message addressed to Coordo (a mention, a direct message), or one a crash left unanswered (`eventId` absent). */
  | { kind: 'message'; actor: Actor; text: string; message: MessageRef; eventId?: string; retry?: number }
  /**
   * A person's plain message in a channel thread, not addressed to Coordo: `text` plain (Coordo's mention taken out),
   * `written` as typed; `key`: the platform's key of the message, the same across retries and restarts (and `eventId`, its event's).
   */
  | { kind: 'thread_message'; actor: Actor; text: string; written: string; place: Required<Place>; key: string; eventId?: string }
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

/** Where a message is on its platform: its conversation, its id, its thread; `history` reads the earlier turns there. */
export interface MessageRef {
  conversationId: string;
  messageId: string;
  /** The root of the thread it was posted in, if any. */
  threadId?: string;
  /** A 1:1 conversation with Coordo (answered in the conversation, not in a thread). */
  direct: boolean;
  /** The earlier messages (of its thread, or of the direct conversation) as turns, oldest first; none when the platform cannot tell. */
  history(): Promise<Turn[]>;
}
