import type { Platform } from '../engine/message.ts';
import { splitId, type QualifiedId } from './ids.ts';
import type { PeoplePort, Person } from './people.ts';

/**
 * Every platform's directory, found by the platform of a qualified id. A
 * platform without one (not started yet, or an id from elsewhere) cannot
 * tell: null, and callers refuse (fail closed).
 */
export class PeopleDirectory {
  private readonly ports = new Map<Platform, PeoplePort>();

  use(platform: Platform, port: PeoplePort): void {
    this.ports.set(platform, port);
  }

  async lookup(id: QualifiedId): Promise<Person | null> {
    const split = splitId(id);
    const port = split ? this.ports.get(split.platform) : undefined;
    return split && port ? port.lookup(split.localId) : null;
  }

  /** True for a member, false for a guest or a deactivated account, null when the platform cannot tell. */
  async isFullMember(id: QualifiedId): Promise<boolean | null> {
    const person = await this.lookup(id);
    return person === null ? null : person.fullMember;
  }
}
