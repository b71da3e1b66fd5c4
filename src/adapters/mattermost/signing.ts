import crypto from 'node:crypto';
import { z } from 'zod';
import { sameSecret } from '../shared/request-body.ts';

/**
 * Mattermost signs nothing it relays: a button's `context` and a dialog's
 * `state` come back in a plain POST to Coordo's listener. Coordo signs both
 * (HMAC-SHA256) with a key derived from a secret it keeps, bound to the
 * channel, to the user when one alone may act, and to an expiry; anything
 * changed, moved, late or pressed by someone else is refused.
 */
export interface Binding {
  /** Channel the button or dialog belongs to. */
  channelId: string;
  /** The only user who may use it (e.g. the asker of an ephemeral answer); anyone in the channel when absent. */
  userId?: string;
  /** Valid for this long from now. */
  ttlMs: number;
}

const SignedSchema = z.object({
  /** Action or dialog name: a signature for one is not valid for another. */
  n: z.string(),
  p: z.record(z.string(), z.unknown()),
  c: z.string(),
  u: z.string().optional(),
  /** Expiry, epoch ms. */
  e: z.number(),
  s: z.string(),
});
type Signed = z.infer<typeof SignedSchema>;

export type Payload = Record<string, unknown>;

export type Verified = { ok: true; payload: Payload } | { ok: false; reason: 'unsigned' | 'forged' | 'expired' | 'other_channel' | 'other_user' };

/** Who acts, as the Mattermost request says. */
export interface Actor {
  userId: string;
  channelId: string;
}

export class Signer {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(crypto.hkdfSync('sha256', secret, 'coordo', 'mattermost-integration-signing', 32));
  }

  /** A signed `context` (an object, as actions carry it). */
  sign(name: string, payload: Payload, binding: Binding): Record<string, unknown> {
    const unsigned = { n: name, p: payload, c: binding.channelId, ...(binding.userId ? { u: binding.userId } : {}), e: this.now() + binding.ttlMs };
    return { ...unsigned, s: this.mac(unsigned) };
  }

  /** A signed dialog `state` (a string, as dialogs carry it). */
  signState(name: string, payload: Payload, binding: Binding): string {
    return Buffer.from(JSON.stringify(this.sign(name, payload, binding))).toString('base64url');
  }

  verify(name: string, context: unknown, actor: Actor): Verified {
    const parsed = SignedSchema.safeParse(context);
    if (!parsed.success) return { ok: false, reason: 'unsigned' };
    const { s, ...unsigned } = parsed.data;
    if (unsigned.n !== name || !sameSecret(s, this.mac(unsigned))) return { ok: false, reason: 'forged' };
    if (unsigned.e < this.now()) return { ok: false, reason: 'expired' };
    if (unsigned.c !== actor.channelId) return { ok: false, reason: 'other_channel' };
    if (unsigned.u !== undefined && unsigned.u !== actor.userId) return { ok: false, reason: 'other_user' };
    return { ok: true, payload: unsigned.p };
  }

  verifyState(name: string, state: unknown, actor: Actor): Verified {
    if (typeof state !== 'string') return { ok: false, reason: 'unsigned' };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'unsigned' };
    }
    return this.verify(name, decoded, actor);
  }

  private mac(unsigned: Omit<Signed, 's'>): string {
    // Keys sorted at every level: the server stores the context as a Go map and gives it back with its keys reordered.
    const canonical = JSON.stringify(sorted([unsigned.n, unsigned.p, unsigned.c, unsigned.u ?? null, unsigned.e]));
    return crypto.createHmac('sha256', this.key).update(canonical).digest('base64url');
  }
}

/** The same value with every object's keys in order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
  }
  return value;
}
