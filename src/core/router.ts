import { adaptForm, type Platform } from './capabilities.ts';
import type { Platform as PlatformName } from '../engine/message.ts';
import type { PeoplePort } from './people.ts';
import type { Effect } from './effect.ts';
import type { Interaction } from './interaction.ts';

/**
 * The interaction core: one router for every platform.
 *
 * An adapter (src/adapters/<platform>) implements four things and nothing else:
 * 1. translate the platform's events into {@link Interaction}s (a command, a button,
 *    a message shortcut, a live form change, a form submission), each with a
 *    platform-qualified Actor;
 * 2. render and run the {@link Effect}s the router returns (replies with their
 *    visibility, forms, field errors, notices, `deliver`), and the outbox effects
 *    the workflows owe (cards and notices, see src/workflows/delegation/deliveries.ts);
 * 3. a PeoplePort (display names; guest or full member; null when it cannot tell);
 * 4. its Capabilities, for which the core has a fallback each.
 * The workflows behind the features enforce their own rules (patient data, guests,
 * rights, states): an adapter cannot skip them.
 */

export type Handler<K extends Interaction['kind']> = (interaction: Extract<Interaction, { kind: K }>, platform: Platform) => Promise<Effect[]>;

/** A slice of behaviour; every action, form and shortcut id it owns starts with its prefix. */
export interface CoreFeature {
  readonly name: string;
  /** Default `<name>_`. */
  readonly idPrefix?: string;
  /** `/coordo <word>` (lowercase, no accents). */
  readonly commands?: Readonly<Record<string, Handler<'command'>>>;
  /** One line per command for the help. */
  readonly help?: readonly string[];
  readonly actions?: Readonly<Record<string, Handler<'action'>>>;
  /** An action id of this feature it does not know: forged, or from an older card. */
  readonly unknownAction?: Handler<'action'>;
  readonly shortcuts?: Readonly<Record<string, Handler<'shortcut'>>>;
  /** A command no feature names (`aide`, or a question): the first feature with one takes it. */
  readonly otherCommand?: Handler<'command'>;
  /** A message addressed to Coordo: the first feature with a handler takes it. */
  readonly message?: Handler<'message'>;
  /** A plain message in a channel thread: the first feature with a handler takes it. */
  readonly threadMessage?: Handler<'thread_message'>;
  /** By form id. */
  readonly formChanges?: Readonly<Record<string, Handler<'form_change'>>>;
  readonly forms?: Readonly<Record<string, Handler<'form_submit'>>>;
  /** A platform's one directory of accounts, given by its app once built (guests refused, names shown). */
  readonly usePeople?: (platform: PlatformName, people: PeoplePort) => void;
}

/** The start of every action, form and shortcut id of the feature. */
export const prefixOf = (feature: CoreFeature): string => feature.idPrefix ?? `${feature.name}_`;

const idOf = (interaction: Interaction): string => {
  switch (interaction.kind) {
    case 'command':
      return interaction.command;
    case 'action':
      return interaction.actionId;
    case 'shortcut':
      return interaction.shortcutId;
    case 'form_change':
    case 'form_submit':
      return interaction.formId;
    case 'message':
    case 'thread_message':
      return '';
  }
};

/** An effect with its forms (now and refined) adapted to the platform's capabilities. */
function shown(effect: Effect, platform: Platform): Effect {
  if (effect.kind === 'continue') return { ...effect, run: async () => (await effect.run()).map((next) => shown(next, platform)) };
  if (effect.kind === 'thread_start') return { ...effect, after: async (started) => (await effect.after(started)).map((next) => shown(next, platform)) };
  if (effect.kind !== 'open_form' && effect.kind !== 'update_form') return effect;
  const { refine } = effect;
  const adapted = { ...effect, form: adaptForm(effect.form, platform.capabilities) };
  return refine ? { ...adapted, refine: async () => { const better = await refine(); return better && adaptForm(better, platform.capabilities); } } : adapted;
}

export class Router {
  constructor(readonly features: readonly CoreFeature[]) {}

  /** The feature an action, form or shortcut id belongs to: the one with the longest prefix of it (`coordo_draft_` before `coordo_`). */
  owner(id: string): CoreFeature | undefined {
    const owners = this.features.filter((feature) => id.startsWith(prefixOf(feature)));
    return owners.sort((a, b) => prefixOf(b).length - prefixOf(a).length)[0];
  }

  /** The help lines of every feature, in order. */
  helpLines(): string[] {
    return this.features.flatMap((feature) => feature.help ?? []);
  }

  commandWords(): string[] {
    return this.features.flatMap((feature) => Object.keys(feature.commands ?? {}));
  }

  /** The effects of an interaction, its forms as this platform can show them; an interaction no feature takes has none. */
  async route(interaction: Interaction, platform: Platform): Promise<Effect[]> {
    return (await this.dispatch(interaction, platform)).map((effect) => shown(effect, platform));
  }

  private async dispatch(interaction: Interaction, platform: Platform): Promise<Effect[]> {
    const id = idOf(interaction);
    switch (interaction.kind) {
      case 'command': {
        const handler = this.features.map((f) => f.commands?.[id]).find((h) => h !== undefined) ?? this.features.find((f) => f.otherCommand)?.otherCommand;
        return handler ? handler(interaction, platform) : [];
      }
      case 'message': {
        const handler = this.features.find((f) => f.message)?.message;
        return handler ? handler(interaction, platform) : [];
      }
      case 'thread_message': {
        const handler = this.features.find((f) => f.threadMessage)?.threadMessage;
        return handler ? handler(interaction, platform) : [];
      }
      case 'action': {
        const feature = this.owner(id);
        const handler = feature?.actions?.[id] ?? feature?.unknownAction;
        return handler ? handler(interaction, platform) : [];
      }
      case 'shortcut': {
        const handler = this.owner(id)?.shortcuts?.[id];
        return handler ? handler(interaction, platform) : [];
      }
      case 'form_change': {
        const handler = this.owner(id)?.formChanges?.[id];
        return handler ? handler(interaction, platform) : [];
      }
      case 'form_submit': {
        const handler = this.owner(id)?.forms?.[id];
        return handler ? handler(interaction, platform) : [];
      }
    }
  }
}
