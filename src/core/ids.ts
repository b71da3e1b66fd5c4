import { PlatformSchema, type Platform } from '../engine/message.ts';
import type { Actor } from './interaction.ts';

/**
 * A person's id in the store: the platform and the platform's id,
 * `slack:U01ABC`, `mattermost:8x3…`. Workflows treat it as opaque; adapters
 * qualify what comes in and take their own part back out.
 */
export type QualifiedId = string;

export const qualify = (platform: Platform, localId: string): QualifiedId => `${platform}:${localId}`;

export const userOf = (actor: Actor): QualifiedId => qualify(actor.platform, actor.userId);

/** The platform and the local id of a qualified id; null when it is not one. */
export function splitId(id: string): { platform: Platform; localId: string } | null {
  const at = id.indexOf(':');
  const platform = PlatformSchema.safeParse(id.slice(0, at));
  return at > 0 && platform.success && at < id.length - 1 ? { platform: platform.data, localId: id.slice(at + 1) } : null;
}

/** The platform's own id of `id` (a qualified id of this platform, or already local). */
export function localId(id: string, platform: Platform): string {
  const split = splitId(id);
  return split && split.platform === platform ? split.localId : id;
}
