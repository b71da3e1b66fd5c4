import crypto from 'node:crypto';

const SEPARATOR = '~';

/**
 * Values Coordo hands a platform to give back with a click (a card button's),
 * signed with the app's key (src/store/secrets.ts) and bound to the action id:
 * a value changed, moved to another action or never signed is refused, whatever
 * the platform (Mattermost relays button contexts unsigned; Slack signs only its requests).
 */
export class ValueSigner {
  constructor(private readonly key: Buffer) {}

  sign(actionId: string, value: string): string {
    return `${value}${SEPARATOR}${this.mac(actionId, value)}`;
  }

  /** The value as it was signed for `actionId`, or null. */
  open(actionId: string, signed: string): string | null {
    const at = signed.lastIndexOf(SEPARATOR);
    if (at < 0) return null;
    const value = signed.slice(0, at);
    const given = Buffer.from(signed.slice(at + 1));
    const wanted = Buffer.from(this.mac(actionId, value));
    return given.length === wanted.length && crypto.timingSafeEqual(given, wanted) ? value : null;
  }

  private mac(actionId: string, value: string): string {
    return crypto.createHmac('sha256', this.key).update(`${actionId}\n${value}`).digest('base64url').slice(0, 22);
  }
}
