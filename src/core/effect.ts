import type { Card } from './card.ts';
import type { Reply } from '../engine/reply.ts';
import type { Actor, Place } from './interaction.ts';
import type { FormSpec } from './form.ts';

/**
 * What the core asks the adapter to do for an interaction, in order. Messages
 * owed durably (cards, notices) are not effects: they are written to the
 * outbox with the change, and `deliver` asks the adapter to send what is due.
 */
export type Effect =
  /**
   * A reply to the actor where the interaction happened, or in `place` (a
   * thread: capability ephemeralInThread, else a direct message). `private`: the actor only.
   */
  | { kind: 'reply'; visibility: 'private' | 'public'; text: string; card?: Card; sections?: string[]; place?: Place }
  /**
   * Open a form for the actor. `refine`: a better version, computed after the
   * form is shown (capability liveFormUpdate); null keeps the form shown.
   * `notOpened`: what to tell the actor, and log, when the platform refuses to open it.
   */
  | { kind: 'open_form'; form: FormSpec; refine?: () => Promise<FormSpec | null>; notOpened: NotOpened }
  /**
   * Replace the open form the interaction came from; then, with `refine`, by
   * what it computes (null: keep). `notUpdated`: told and logged when the form
   * could not be replaced (closed, or typed on meanwhile).
   */
  | { kind: 'update_form'; form: FormSpec; refine?: () => Promise<FormSpec | null>; notUpdated?: NotOpened }
  /** The submitted form is refused: a French message per field id; the form stays open. */
  | { kind: 'form_errors'; errors: Record<string, string> }
  /**
   * A reply of the engine (text, buttons, files) in a conversation or thread; an
   * ephemeral one to the actor only. `filesFailed`: what to tell the actor when
   * its files do not get through (an error is thrown without it).
   */
  | { kind: 'post'; place: Required<Place>; reply: Reply; filesFailed?: () => string }
  /**
   * An engine reply shown to the actor alone, at once (a command's answer, the help, a suggestion asked from an
   * answer only they see): 👍/👎 with `answerId`, « Partager dans le canal » when `shareable`.
   */
  | { kind: 'answer'; reply: Reply; answerId?: string; shareable?: boolean }
  /** A stored answer posted for everyone in `conversationId`, as shared by the actor; the private original is then dismissed. */
  | { kind: 'share'; conversationId: string; reply: Reply; answerId: string }
  /**
   * A message for everyone in `conversationId` that starts a thread (`text` names the actor by `by`: a mention where the
   * platform has one), then what `after` returns once the platform posted it, or refused it.
   */
  | { kind: 'thread_start'; conversationId: string; text: (by: string) => string; after: (started: ThreadStart) => Promise<Effect[]> }
  /** Work done once the platform has its answer (a form submission is acknowledged first). */
  | { kind: 'continue'; run: () => Promise<Effect[]> }
  /** A direct message to a person. */
  | { kind: 'notice'; to: Actor; text: string }
  /** Changes wrote messages to the outbox: send what is due now. */
  | { kind: 'deliver' };

/** A form the platform would not open: the actor is told `text`; `event` is logged with `meta` (ids only). */
export interface NotOpened {
  /** Empty: nothing is told. */
  text: string;
  /** Told instead when the platform says the form came too late (Slack: expired trigger). */
  expired?: string;
  event: string;
  meta?: Record<string, string | number>;
  /** How the failure is logged (default warn). */
  level?: 'info' | 'warn';
  /** Where to tell (a thread), else where the interaction happened. */
  place?: Place;
  /** Logged when the form did open. */
  opened?: { event: string; meta: Record<string, string | number> };
}

/** A thread's root message as the platform took it: its id, and how to take it back; or refused (`invite`: Coordo may not write there). */
export type ThreadStart = { posted: true; rootId: string; remove(): Promise<void> } | { posted: false; error: unknown; invite: string | null };
