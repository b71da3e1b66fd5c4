/** A person as the platform knows them. */
export interface Person {
  name: string;
  /** False for a guest or a deactivated account: may read, never act. */
  fullMember: boolean;
}

/** The platform's directory; null when it cannot tell (callers refuse: fail closed). */
export interface PeoplePort {
  lookup(userId: string): Promise<Person | null>;
}
